// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QStringList>

#include <optional>

namespace Byline {

/// A search as the analyst types it, parsed into an FTS5 expression and SQL filters.
///
/// Words and "quoted phrases" search the article texts and titles; `speaker:`, `type:`,
/// `kind:` and an annotation `status:` search the annotations instead (quotes, entities,
/// figures); `status:todo` and the other article statuses narrow either search to articles
/// of that status. A word ending in `*` matches as a prefix. Every word reaches FTS5 as a
/// quoted string, so nothing typed is FTS5 or SQL syntax; what cannot be understood is an
/// error with a message for the analyst.
class CorpusQuery final {
public:
    enum class Target { Articles, Annotations };

    static CorpusQuery parse(const QString &text);

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    Target target() const { return m_target; }
    /// The FTS5 MATCH expression for article_search or annotation_search.
    QString matchExpression() const { return m_expression; }
    std::optional<ArticleStatus> articleStatus() const { return m_articleStatus; }

private:
    CorpusQuery() = default;
    bool setLayer(const QString &layer, const QString &field);

    QString m_error;
    Target m_target = Target::Articles;
    QString m_expression;
    std::optional<ArticleStatus> m_articleStatus;
    QString m_layer;
    QString m_layerField;
};

} // namespace Byline
