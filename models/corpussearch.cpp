// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpussearch.h"

#include "offsetmap.h"
#include "sqldialect.h"
#include "store.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::CorpusSearch", text);
}

// highlight() marks the hits with two characters of the private use area, which article texts
// do not contain; everything before the first mark is the text as stored, so its position is the
// hit's UTF-16 offset.
constexpr char16_t openMark = 0xE000;
constexpr char16_t closeMark = 0xE001;

constexpr qsizetype contextBefore = 60;
constexpr qsizetype contextAfter = 100;

// Moves a cut to the nearest space in the given direction, so that the snippet shows whole words
// (and never half a surrogate pair); stays put when no space is near.
qsizetype wordBoundary(const QString &text, qsizetype position, int direction, qsizetype limit)
{
    for (qsizetype i = position, steps = 0; i > 0 && i < text.size() && steps < 20; i += direction, ++steps) {
        if (text[i].isSpace())
            return direction < 0 ? i + 1 : i;
        if (i == limit)
            break;
    }
    if (position > 0 && position < text.size() && text[position].isLowSurrogate())
        position += direction < 0 ? -1 : 1;
    return position;
}

void makeSnippet(SearchHit &hit, const QString &text)
{
    if (hit.span.isNull()) {
        const qsizetype end = wordBoundary(text, std::min(text.size(), contextAfter), -1, 0);
        hit.snippet = text.left(end).simplified();
        if (end < text.size())
            hit.snippet += u"…"_s;
        return;
    }
    qsizetype start = std::max<qsizetype>(0, hit.span.start - contextBefore);
    if (start > 0)
        start = wordBoundary(text, start, -1, 0);
    qsizetype end = std::min(text.size(), hit.span.end + contextAfter);
    if (end < text.size())
        end = wordBoundary(text, end, 1, text.size());
    QString snippet = text.mid(start, end - start);
    // One line, without changing the length, so that the match keeps its place.
    for (QChar &c : snippet) {
        if (c.isSpace())
            c = u' ';
    }
    const qsizetype prefix = start > 0 ? 1 : 0;
    hit.snippet = (start > 0 ? u"…"_s : QString()) + snippet + (end < text.size() ? u"…"_s : QString());
    hit.snippetMatch = { hit.span.start - start + prefix, hit.span.end - start + prefix };
}

} // namespace

CorpusSearch::CorpusSearch(const Store &store)
    : m_store(store)
{
}

bool CorpusSearch::setQuery(const QString &text)
{
    m_lastRowId = 0;
    m_error.clear();
    // The searches below are FTS5's; a project on a server has its tsvector indexes (schema
    // version 4) but no search of its own yet, and says so rather than failing in SQL.
    if (!SqlDialect::of(m_store.database()).isSqlite()) {
        m_query.reset();
        m_atEnd = true;
        m_error = tr("Searching the corpus works in project files only, not yet on a server.");
        return false;
    }
    const CorpusQuery query = CorpusQuery::parse(text);
    if (!query.isValid()) {
        m_query.reset();
        m_atEnd = true;
        m_error = query.errorString();
        return false;
    }
    m_query = query;
    m_atEnd = false;
    return true;
}

QList<SearchHit> CorpusSearch::fetch(int limit)
{
    if (m_atEnd || !m_query || limit <= 0)
        return {};
    QList<SearchHit> hits
        = m_query->target() == CorpusQuery::Target::Articles ? fetchArticles(limit) : fetchAnnotations(limit);
    if (hits.size() < limit)
        m_atEnd = true;
    return hits;
}

bool CorpusSearch::run(
    const QString &text, int batchSize, const std::function<bool(const QList<SearchHit> &)> &batch)
{
    if (!setQuery(text))
        return false;
    while (!m_atEnd) {
        const QList<SearchHit> hits = fetch(batchSize);
        if (!m_error.isEmpty())
            return false;
        if (!hits.isEmpty() && !batch(hits))
            break;
    }
    return true;
}

bool CorpusSearch::failed(const QString &message)
{
    m_error = tr("The search failed: %1").arg(message);
    m_atEnd = true;
    return false;
}

QList<SearchHit> CorpusSearch::fetchArticles(int limit)
{
    QList<SearchHit> hits;
    QSqlQuery query(m_store.database());
    query.setForwardOnly(true);
    query.prepare(u"SELECT article_search.rowid, a.key, a.title,"
                  " highlight(article_search, 1, char(57344), char(57345))"
                  " FROM article_search JOIN articles a ON a.id = article_search.rowid"
                  " WHERE article_search MATCH ? AND article_search.rowid > ?"_s
        + (m_query->articleStatus() ? u" AND a.status = ?"_s : QString())
        + u" ORDER BY article_search.rowid LIMIT ?"_s);
    query.addBindValue(m_query->matchExpression());
    query.addBindValue(m_lastRowId);
    if (const auto status = m_query->articleStatus())
        query.addBindValue(toString(*status));
    query.addBindValue(limit);
    if (!query.exec()) {
        failed(query.lastError().text());
        return hits;
    }
    while (query.next()) {
        SearchHit hit;
        hit.articleId = query.value(0).toLongLong();
        hit.key = query.value(1).toString();
        hit.title = query.value(2).toString();
        QString text = query.value(3).toString();
        if (const qsizetype start = text.indexOf(QChar(openMark)); start >= 0) {
            const qsizetype end = text.indexOf(QChar(closeMark), start);
            hit.span = { start, end - 1 };
        }
        text.remove(QChar(openMark)).remove(QChar(closeMark));
        makeSnippet(hit, text);
        m_lastRowId = hit.articleId;
        hits.append(hit);
    }
    return hits;
}

QList<SearchHit> CorpusSearch::fetchAnnotations(int limit)
{
    QList<SearchHit> hits;
    QSqlDatabase database = m_store.database();
    QSqlQuery query(database);
    query.setForwardOnly(true);
    query.prepare(u"SELECT annotation_search.rowid, layer, article_id, record_id, a.key, a.title"
                  " FROM annotation_search JOIN articles a ON a.id = annotation_search.article_id"
                  " WHERE annotation_search MATCH ? AND annotation_search.rowid > ?"_s
        + (m_query->articleStatus() ? u" AND a.status = ?"_s : QString())
        + u" ORDER BY annotation_search.rowid LIMIT ?"_s);
    query.addBindValue(m_query->matchExpression());
    query.addBindValue(m_lastRowId);
    if (const auto status = m_query->articleStatus())
        query.addBindValue(toString(*status));
    query.addBindValue(limit);
    if (!query.exec()) {
        failed(query.lastError().text());
        return hits;
    }

    // The record's place in the text, in code points as stored.
    QSqlQuery entitySpan(database);
    // SQLite takes the bare column from the row of the minimum: the first mention, without a sort.
    entitySpan.prepare(u"SELECT MIN(start_offset), end_offset FROM mentions WHERE entity_id = ?"_s);
    QSqlQuery quoteSpan(database);
    quoteSpan.prepare(u"SELECT MIN(start_offset), MAX(end_offset) FROM quote_parts WHERE quote_id = ?"_s);
    QSqlQuery figureSpan(database);
    figureSpan.prepare(u"SELECT span_start, span_end FROM figures WHERE id = ?"_s);
    QSqlQuery articleText(database);
    articleText.prepare(u"SELECT text FROM articles WHERE id = ?"_s);
    RecordId textId = 0;
    QString text;
    std::optional<OffsetMap> offsets;

    while (query.next()) {
        SearchHit hit;
        m_lastRowId = query.value(0).toLongLong();
        const QString layer = query.value(1).toString();
        hit.articleId = query.value(2).toLongLong();
        hit.recordId = query.value(3).toLongLong();
        hit.key = query.value(4).toString();
        hit.title = query.value(5).toString();
        QSqlQuery *spanQuery = &figureSpan;
        hit.kind = SearchHit::Kind::Figure;
        if (layer == u"entity"_s) {
            spanQuery = &entitySpan;
            hit.kind = SearchHit::Kind::Entity;
        } else if (layer == u"quote"_s) {
            spanQuery = &quoteSpan;
            hit.kind = SearchHit::Kind::Quote;
        }
        spanQuery->addBindValue(hit.recordId);
        // Hits of one article follow each other (ids grow with the article), so its text is read once.
        if (textId != hit.articleId) {
            articleText.addBindValue(hit.articleId);
            text = articleText.exec() && articleText.next() ? articleText.value(0).toString() : QString();
            articleText.finish();
            offsets.emplace(text);
            textId = hit.articleId;
        }
        if (spanQuery->exec() && spanQuery->next() && !spanQuery->isNull(0)) {
            const Span span { offsets->toUtf16(spanQuery->value(0).toLongLong()),
                offsets->toUtf16(spanQuery->value(1).toLongLong()) };
            if (span.isValidIn(text.size()))
                hit.span = span;
        }
        spanQuery->finish();
        makeSnippet(hit, text);
        hits.append(hit);
    }
    return hits;
}

} // namespace Byline
