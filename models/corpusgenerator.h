// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <functional>
#include <random>

namespace Byline {

class Store;

/// Writes a synthetic but realistic corpus into a project, for the benchmarks at scale
/// (byline bench corpus).
///
/// Articles are recombined from the paragraphs of the dev sets (resources/corpus, with their
/// gold annotations), their lengths drawn from the dev articles' lengths and the people in
/// them renamed, so that texts read like the dev set and differ from one another. Each article
/// gets its entities with their mentions, up to 8 quotes and 10 figures, and a status;
/// annotations of articles in progress or done are partly reviewed.
///
/// Articles go in as an import's do (Store::addDocument() in a Store::BulkInsert), a few hundred
/// per transaction.
class CorpusGenerator final {
    Q_DECLARE_TR_FUNCTIONS(CorpusGenerator)
public:
    explicit CorpusGenerator(quint32 seed = 20260106);

    /// Appends count articles to the store, calling progress(done) after each transaction.
    /// False (and errorString()) when the material cannot be read or a write fails.
    bool generate(Store &store, int count, const std::function<void(int)> &progress = {});
    QString errorString() const { return m_error; }

private:
    /// A mention, quote or figure of the material, in a paragraph or an article being drafted.
    struct MentionPart {
        Span span;
        QString type;
        QString name;
    };
    struct QuotePart {
        QString kind;
        QList<Span> content;
        Span cue;
        Span source;
        QString speakerName;
        QString speakerType;
    };
    struct FigurePart {
        QString kind;
        Span span;
        Span number;
        QVariant value;
        QString unit;
    };
    struct Paragraph {
        QString text;
        int words = 0;
        QList<MentionPart> mentions;
        QList<QuotePart> quotes;
        QList<FigurePart> figures;
    };
    using Draft = Paragraph; ///< an article: its paragraphs joined, the spans moved along

    bool load();
    Draft draft();
    bool write(Store &store, int first, int count);

    std::mt19937 m_random;
    QList<Paragraph> m_paragraphs;
    QList<int> m_lengths;
    QStringList m_firstNames;
    QStringList m_surnames;
    QString m_error;
};

} // namespace Byline
