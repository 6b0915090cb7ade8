// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/textanalysis.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Byline {

/// The curated word lists of the extractors, read once from the resources under
/// :/byline/extraction (see resources/extraction/README.md for their sources).
class Lexicon final {
public:
    struct Entry {
        QStringList words; ///< the name as token texts
        QString type;
        QString canonical;
        QString country; ///< for a demonym, the country it refers to
        bool needsThe = false;
    };
    struct Match {
        const Entry *entry = nullptr;
        qsizetype length = 0; ///< in tokens
    };
    enum class CueClass { None, Say, Tell, Urge, Think, According, Noun };
    struct Cue {
        CueClass cueClass = CueClass::None;
        qsizetype length = 0; ///< in tokens
        bool participle = false; ///< "adding", "stressing"
    };
    struct OrgWord {
        QString type; ///< ORG, EVENT, or LAW (not an entity)
        bool atEnd = false;
        bool atStart = false;
    };

    static const Lexicon &instance();

    /// The longest name of the gazetteers starting at token `index`.
    Match matchName(const TextAnalysis &text, qsizetype index) const;
    Cue matchCue(const TextAnalysis &text, qsizetype index) const;
    bool isTitle(QStringView word) const { return m_titles.contains(word.toString().toLower()); }
    bool isFirstName(QStringView word) const { return m_firstNames.contains(word.toString()); }
    /// 'f' for a woman's given name, 'm' for a man's, 0 when the lists do not tell.
    char genderOf(QStringView firstName) const;
    /// The gender a full name tells: Vietnamese middle names ("Thị", "Văn"), Arabic "bint",
    /// else the first given name whose gender the lists know ("Lee Soo-yeon" by "Soo-yeon").
    char genderOfName(QStringView name) const;
    /// A city of the time-zone database or a subdivision of any country (worldplaces.tsv):
    /// weaker than the gazetteers, it types a name that nothing else explains.
    bool isWorldPlace(const QString &name) const { return m_worldPlaces.contains(name); }
    bool isNonName(QStringView word) const { return m_nonNames.contains(word.toString()); }
    bool isCurrencyCode(QStringView word) const { return m_currencyCodes.contains(word.toString()); }
    const OrgWord *orgWord(QStringView word) const;
    /// The country a demonym or country name refers to, by canonical name ("Kazakh" -> "Kazakhstan").
    QString countryOf(const QString &name) const { return m_countryOf.value(name); }

private:
    Lexicon();
    void loadNames(const QString &path);
    void loadCues(const QString &path);
    static QStringList splitWords(const QString &phrase);

    QHash<QString, QList<Entry>> m_names; ///< by first word
    QHash<QString, QList<std::pair<QStringList, CueClass>>> m_cues; ///< by first word, lower case
    QSet<QString> m_titles;
    QSet<QString> m_firstNames;
    QSet<QString> m_femaleNames;
    QSet<QString> m_unisexNames;
    QSet<QString> m_worldPlaces;
    QSet<QString> m_nonNames;
    QSet<QString> m_currencyCodes;
    QHash<QString, OrgWord> m_orgWords;
    QHash<QString, QString> m_countryOf;
};

} // namespace Byline
