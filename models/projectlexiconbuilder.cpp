// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectlexiconbuilder.h"

#include "readbeside.h"
#include "store.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Offsets on disk are code points and SQLite's substr() counts characters, so the covered
// text comes straight from SQL without loading any article.
constexpr auto confirmed = "('accepted', 'edited', 'manual')"_L1;
constexpr auto judgedStatuses = "('rejected', 'accepted', 'edited', 'manual')"_L1;

// Names and numbers repeat across articles in other roles: "Jordan" the country and the
// player, "one" a count and "one of them". A rejection says the suggestion was wrong where it
// was made, so the same words stay unsuggested elsewhere only while the analysts rejected them
// more often than they confirmed them. A tie is suggested: a wrong suggestion costs a click,
// a missing one goes unseen.
struct Judgements {
    qint64 rejected = 0;
    qint64 confirmed = 0;
    bool rejectedMoreOften() const { return rejected > confirmed; }
};

// The judged rows' covered text is cut from the article once, into a materialised table, before
// it is grouped: grouped by an expression over it, SQLite would sort every article's whole text
// with the rows (245 MB at 10,000 articles instead of 23).
QString judgedBy(const QString &columns, const QString &from, const QString &status)
{
    return u"WITH judged AS MATERIALIZED (SELECT %1, %3 AS status %2 WHERE %3 IN %4) "_s.arg(
        columns, from, status, judgedStatuses);
}

constexpr auto rejectedAndCount = "SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END), COUNT(*)"_L1;

void forEachRow(
    const Store &store, const QString &statement, const std::function<void(const QSqlQuery &)> &visit)
{
    QSqlQuery query(store.database());
    query.setForwardOnly(true);
    if (!query.exec(statement)) {
        // Not fatal: the extractors then know less of what the analysts taught.
        qWarning("Cannot learn from the project's annotations: %s", qPrintable(query.lastError().text()));
        return;
    }
    while (query.next())
        visit(query);
}

// A quote's words repeat only where the same statement is reported again, so one rejection
// stands. The content is its parts joined by spaces, as the extractor compares it.
void rejectQuotes(const Store &store, ProjectLexicon &lexicon)
{
    RecordId quote = 0;
    QStringList parts;
    forEachRow(store,
        u"SELECT q.id, substr(a.text, p.start_offset + 1, p.end_offset - p.start_offset) FROM quotes q"
        " JOIN quote_parts p ON p.quote_id = q.id JOIN articles a ON a.id = q.article_id"
        " WHERE q.status = 'rejected' ORDER BY q.id, p.position"_s,
        [&](const QSqlQuery &row) {
            const RecordId id = row.value(0).toLongLong();
            if (id != quote && !parts.isEmpty()) {
                lexicon.rejectQuote(parts.join(u' '));
                parts.clear();
            }
            quote = id;
            parts.append(row.value(1).toString());
        });
    if (!parts.isEmpty())
        lexicon.rejectQuote(parts.join(u' '));
}

// A name as the analysts judged it: its text, its type and the entity it names, with how often
// its mentions were rejected and confirmed.
struct JudgedName {
    QString text;
    QString type;
    QString name;
    qint64 rejected = 0;
    qint64 confirmed = 0;
};

QList<JudgedName> judgedNames(const Store &store)
{
    QList<JudgedName> names;
    forEachRow(store,
        judgedBy(u"substr(a.text, m.start_offset + 1, m.end_offset - m.start_offset) AS text, e.type AS type,"
                 " e.name AS name"_s,
            u"FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = e.article_id"_s,
            u"m.status"_s)
            + u"SELECT text, type, name, "_s + rejectedAndCount + u" FROM judged GROUP BY text, type, name"_s,
        [&names](const QSqlQuery &row) {
            const qint64 rejected = row.value(3).toLongLong();
            names.append({ row.value(0).toString(), row.value(1).toString(), row.value(2).toString(),
                rejected, row.value(4).toLongLong() - rejected });
        });
    return names;
}

// Every name tagged, accepted or edited is learnt, each with the entity it names; its judgements
// are summed over the entities it was tagged as, by its text and type.
void learnNames(const QList<JudgedName> &names, ProjectLexicon &lexicon)
{
    QHash<std::pair<QString, QString>, Judgements> byText;
    for (const JudgedName &judged : names) {
        if (judged.confirmed > 0)
            lexicon.addName(judged.text, judged.type, judged.name);
        Judgements &judgements = byText[{ judged.text.simplified(), judged.type }];
        judgements.rejected += judged.rejected;
        judgements.confirmed += judged.confirmed;
    }
    for (auto it = byText.cbegin(); it != byText.cend(); ++it) {
        if (it.value().rejectedMoreOften())
            lexicon.rejectEntity(it.key().first, it.key().second);
    }
}

// Summed by the span as the extractor compares it: its spaces simplified.
void rejectFigures(const Store &store, ProjectLexicon &lexicon)
{
    QHash<QString, Judgements> bySpan;
    forEachRow(store,
        judgedBy(u"substr(a.text, f.span_start + 1, f.span_end - f.span_start) AS span"_s,
            u"FROM figures f JOIN articles a ON a.id = f.article_id"_s, u"f.status"_s)
            + u"SELECT span, "_s + rejectedAndCount + u" FROM judged GROUP BY span"_s,
        [&bySpan](const QSqlQuery &row) {
            const qint64 rejected = row.value(1).toLongLong();
            Judgements &judgements = bySpan[row.value(0).toString().simplified()];
            judgements.rejected += rejected;
            judgements.confirmed += row.value(2).toLongLong() - rejected;
        });
    for (auto it = bySpan.cbegin(); it != bySpan.cend(); ++it) {
        if (it.value().rejectedMoreOften())
            lexicon.rejectFigure(it.key());
    }
}

} // namespace

ProjectLexicon projectLexicon(const Store &store)
{
    // The judged names are two thirds of the reading: read beside the rest.
    ReadBeside<QList<JudgedName>> names(store, judgedNames);
    ProjectLexicon lexicon;
    rejectQuotes(store, lexicon);
    rejectFigures(store, lexicon);
    forEachRow(store,
        u"SELECT DISTINCT lower(substr(a.text, q.cue_start + 1, q.cue_end - q.cue_start)) FROM quotes q"
        " JOIN articles a ON a.id = q.article_id WHERE q.cue_start IS NOT NULL AND q.status IN "_s
            + confirmed,
        [&lexicon](const QSqlQuery &row) { lexicon.addCue(row.value(0).toString()); });
    learnNames(names.get(), lexicon);
    return lexicon;
}

} // namespace Byline
