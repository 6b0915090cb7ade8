// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectlexiconbuilder.h"

#include "store.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Offsets on disk are code points and SQLite's substr() counts characters, so the covered
// text comes straight from SQL without loading any article.
constexpr auto confirmed = "('accepted', 'edited', 'manual')"_L1;

void forEachRow(
    const Store &store, const QString &statement, const std::function<void(const QSqlQuery &)> &visit)
{
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    if (!query.exec(statement))
        return;
    while (query.next())
        visit(query);
}

} // namespace

ProjectLexicon projectLexicon(const Store &store)
{
    ProjectLexicon lexicon;
    const QString mentionText = u"substr(a.text, m.start_offset + 1, m.end_offset - m.start_offset)"_s;
    const QString mentions = u" FROM mentions m JOIN entities e ON e.id = m.entity_id"
                             " JOIN articles a ON a.id = e.article_id WHERE m.status "_s;
    forEachRow(store,
        u"SELECT DISTINCT "_s + mentionText + u", e.type, e.name"_s + mentions + u"IN "_s + confirmed,
        [&lexicon](const QSqlQuery &row) {
            lexicon.addName(row.value(0).toString(), row.value(1).toString(), row.value(2).toString());
        });
    forEachRow(store, u"SELECT DISTINCT "_s + mentionText + u", e.type"_s + mentions + u"= 'rejected'"_s,
        [&lexicon](const QSqlQuery &row) {
            lexicon.rejectEntity(row.value(0).toString(), row.value(1).toString());
        });
    forEachRow(store,
        u"SELECT DISTINCT substr(a.text, p.start_offset + 1, p.end_offset - p.start_offset) FROM quote_parts "
        u"p"
        " JOIN quotes q ON q.id = p.quote_id JOIN articles a ON a.id = q.article_id"
        " WHERE q.status = 'rejected' AND p.position = 0"_s,
        [&lexicon](const QSqlQuery &row) { lexicon.rejectQuote(row.value(0).toString()); });
    forEachRow(store,
        u"SELECT DISTINCT substr(a.text, f.span_start + 1, f.span_end - f.span_start) FROM figures f"
        " JOIN articles a ON a.id = f.article_id WHERE f.status = 'rejected'"_s,
        [&lexicon](const QSqlQuery &row) { lexicon.rejectFigure(row.value(0).toString()); });
    forEachRow(store,
        u"SELECT DISTINCT lower(substr(a.text, q.cue_start + 1, q.cue_end - q.cue_start)) FROM quotes q"
        " JOIN articles a ON a.id = q.article_id WHERE q.cue_start IS NOT NULL AND q.status IN "_s
            + confirmed,
        [&lexicon](const QSqlQuery &row) { lexicon.addCue(row.value(0).toString()); });
    return lexicon;
}

} // namespace Byline
