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

// A word as the backends split texts into words: its letters and digits in order, with anything
// else between them, on word edges, in any case.
QRegularExpression wordPattern(const SearchTerm &word)
{
    static const QRegularExpression separators(u"[^\\p{L}\\p{N}]+"_s);
    QStringList parts = word.text.split(separators, Qt::SkipEmptyParts);
    for (QString &part : parts)
        part = QRegularExpression::escape(part);
    const QString tail = word.kind == SearchTerm::Kind::Prefix ? u"[\\p{L}\\p{N}]*"_s : QString();
    return QRegularExpression(
        u"(?<![\\p{L}\\p{N}])"_s + parts.join(u"[^\\p{L}\\p{N}]+"_s) + tail + u"(?![\\p{L}\\p{N}])"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
}

// The first place in the text where one of the words occurs; null when only the title holds them.
Span firstHit(const QString &text, const QList<QRegularExpression> &patterns)
{
    Span first;
    for (const QRegularExpression &pattern : patterns) {
        const QRegularExpressionMatch match = pattern.match(text);
        if (match.hasMatch() && (first.isNull() || match.capturedStart() < first.start))
            first = { match.capturedStart(), match.capturedEnd() };
    }
    return first;
}

} // namespace

CorpusSearch::CorpusSearch(const Store &store)
    : m_store(store)
{
}

bool CorpusSearch::setQuery(const QString &text)
{
    m_lastRowId = 0;
    m_lastCountedRowId = 0;
    m_error.clear();
    m_wordPatterns.clear();
    const CorpusQuery query = CorpusQuery::parse(text);
    if (!query.isValid()) {
        m_query.reset();
        m_atEnd = m_counted = true;
        m_error = query.errorString();
        return false;
    }
    m_query = query;
    m_atEnd = m_counted = false;
    for (const SearchTerm &word : query.words())
        m_wordPatterns << wordPattern(word);
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

int CorpusSearch::countMore(int limit)
{
    if (m_counted || !m_query || limit <= 0)
        return 0;
    QSqlQuery query = hitQuery(searchSql().rowId, m_lastCountedRowId, limit);
    if (!query.exec()) {
        failed(query.lastError().text());
        m_counted = true;
        return -1;
    }
    int counted = 0;
    while (query.next()) {
        ++counted;
        m_lastCountedRowId = query.value(0).toLongLong();
    }
    if (counted < limit)
        m_counted = true;
    return counted;
}

TextSearchSql CorpusSearch::searchSql() const
{
    const QSqlDatabase database = m_store.database();
    const SqlDialect &dialect = SqlDialect::of(database);
    return m_query->target() == CorpusQuery::Target::Articles ? dialect.articleSearch(*m_query)
                                                              : dialect.annotationSearch(*m_query);
}

// The hits after a row, in the order of the index, with the article status the query asks for.
QSqlQuery CorpusSearch::hitQuery(const QString &columns, qint64 afterRowId, int limit) const
{
    const TextSearchSql sql = searchSql();
    QSqlQuery query(m_store.database());
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM %2 WHERE %3 AND %4 > ?"_s.arg(columns, sql.from, sql.where, sql.rowId)
        + (m_query->articleStatus() ? u" AND a.status = ?"_s : QString())
        + u" ORDER BY %1 LIMIT ?"_s.arg(sql.rowId));
    for (const QVariant &value : sql.values)
        query.addBindValue(value);
    query.addBindValue(afterRowId);
    if (const auto status = m_query->articleStatus())
        query.addBindValue(toString(*status));
    query.addBindValue(limit);
    return query;
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
    const TextSearchSql sql = searchSql();
    const bool marked = !sql.markedText.isEmpty();
    QSqlQuery query
        = hitQuery(u"%1, a.key, a.title, %2"_s.arg(sql.rowId, marked ? sql.markedText : u"a.text"_s),
            m_lastRowId, limit);
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
        if (!marked) {
            hit.span = firstHit(text, m_wordPatterns);
        } else if (const qsizetype start = text.indexOf(QChar(openMark)); start >= 0) {
            const qsizetype end = text.indexOf(QChar(closeMark), start);
            hit.span = { start, end - 1 };
            text.remove(QChar(openMark)).remove(QChar(closeMark));
        }
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
    QSqlQuery query
        = hitQuery(u"annotation_search.rowid, annotation_search.layer, annotation_search.article_id,"
                   " annotation_search.record_id, a.key, a.title"_s,
            m_lastRowId, limit);
    if (!query.exec()) {
        failed(query.lastError().text());
        return hits;
    }

    while (query.next()) {
        SearchHit hit;
        m_lastRowId = query.value(0).toLongLong();
        const QString layer = query.value(1).toString();
        hit.kind = layer == u"entity"_s ? SearchHit::Kind::Entity
            : layer == u"quote"_s       ? SearchHit::Kind::Quote
                                        : SearchHit::Kind::Figure;
        hit.articleId = query.value(2).toLongLong();
        hit.recordId = query.value(3).toLongLong();
        hit.key = query.value(4).toString();
        hit.title = query.value(5).toString();
        hits.append(hit);
    }
    // The page is read whole before the queries below: a server connection streams one result at a time.
    query.finish();

    // The record's place in the text, in code points as stored.
    QSqlQuery entitySpan(database);
    // The first mention; an entity has a handful, so sorting them is cheap.
    entitySpan.prepare(
        u"SELECT start_offset, end_offset FROM mentions WHERE entity_id = ? ORDER BY start_offset LIMIT 1"_s);
    QSqlQuery quoteSpan(database);
    quoteSpan.prepare(u"SELECT MIN(start_offset), MAX(end_offset) FROM quote_parts WHERE quote_id = ?"_s);
    QSqlQuery figureSpan(database);
    figureSpan.prepare(u"SELECT span_start, span_end FROM figures WHERE id = ?"_s);
    QSqlQuery articleText(database);
    articleText.prepare(u"SELECT text FROM articles WHERE id = ?"_s);
    RecordId textId = 0;
    QString text;
    std::optional<OffsetMap> offsets;
    for (SearchHit &hit : hits) {
        QSqlQuery *spanQuery = hit.kind == SearchHit::Kind::Entity ? &entitySpan
            : hit.kind == SearchHit::Kind::Quote                   ? &quoteSpan
                                                                   : &figureSpan;
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
    }
    return hits;
}

} // namespace Byline
