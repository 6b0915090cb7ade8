// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QStringList>

#include <optional>

namespace Byline {

/// One word of a search, a "quoted phrase" or a prefix (typed with a `*` at its end).
struct SearchTerm {
    enum class Kind { Word, Phrase, Prefix };
    Kind kind = Kind::Word;
    QString text; ///< as typed, without the quotation marks or the star

    bool operator==(const SearchTerm &) const = default;
};

/// An annotation field a search asks for: speaker, type, kind or status.
struct SearchField {
    QString name;
    QString value; ///< kind and status in lower case, as stored; speaker and type as typed

    bool operator==(const SearchField &) const = default;
};

/// A search as the analyst types it, parsed into its words and filters, whatever the backend.
///
/// Words and "quoted phrases" search the article texts and titles; `speaker:`, `type:`,
/// `kind:` and an annotation `status:` search the annotations instead (quotes, entities,
/// figures); `status:todo` and the other article statuses narrow either search to articles
/// of that status. A word ending in `*` matches as a prefix. The backend's dialect turns the
/// parts into its full-text query (SqlDialect::articleSearch(), annotationSearch()), each word
/// quoted there, so nothing typed is full-text or SQL syntax; what cannot be understood is an
/// error with a message for the analyst.
class CorpusQuery final {
public:
    enum class Target { Articles, Annotations };

    static CorpusQuery parse(const QString &text);

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    Target target() const { return m_target; }
    /// The words to find: in the title or text of an article, or in the body of an annotation
    /// (an entity's name, a quote's content, a figure's text). All of them must occur.
    QList<SearchTerm> words() const { return m_words; }
    /// The annotation fields asked for, in the order typed; empty when the search is for articles.
    QList<SearchField> fields() const { return m_fields; }
    /// The annotation layer the fields imply: entity, quote, figure, or empty for any.
    QString layer() const { return m_layer; }
    std::optional<ArticleStatus> articleStatus() const { return m_articleStatus; }

private:
    CorpusQuery() = default;
    bool setLayer(const QString &layer, const QString &field);

    QString m_error;
    Target m_target = Target::Articles;
    QList<SearchTerm> m_words;
    QList<SearchField> m_fields;
    std::optional<ArticleStatus> m_articleStatus;
    QString m_layer;
    QString m_layerField;
};

} // namespace Byline
