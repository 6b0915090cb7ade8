// SPDX-License-Identifier: GPL-3.0-or-later
#include "corpusoccurrences.h"

#include "offsetmap.h"
#include "searchbacklog.h"
#include "sqldialect.h"
#include "store.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

constexpr qsizetype contextLength = 50;

bool hasWord(const QString &name)
{
    return std::any_of(name.cbegin(), name.cend(), [](QChar c) { return c.isLetterOrNumber(); });
}

// The names with a word to search for: the backends drop punctuation, and a name of none would
// be an empty phrase.
QStringList searchableNames(const QStringList &names)
{
    QStringList searchable;
    for (const QString &name : names) {
        if (hasWord(name))
            searchable << name;
    }
    return searchable;
}

} // namespace

NameMatcher::NameMatcher(QStringList names)
{
    for (QString &name : names)
        name = name.trimmed();
    names.removeAll(QString());
    names.removeDuplicates();
    std::stable_sort(
        names.begin(), names.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    m_names = names;
    for (const QString &name : std::as_const(names)) {
        m_patterns << QRegularExpression(u"(?<!\\w)"_s + QRegularExpression::escape(name) + u"(?!\\w)"_s,
            QRegularExpression::UseUnicodePropertiesOption);
    }
}

QList<Span> NameMatcher::find(const QString &text, QList<Span> taken) const
{
    QList<Span> found;
    for (const QRegularExpression &pattern : m_patterns) {
        for (auto match = pattern.globalMatch(text); match.hasNext();) {
            const auto hit = match.next();
            const Span span { hit.capturedStart(), hit.capturedEnd() };
            const auto overlaps = [&span](const Span &other) { return other.overlaps(span); };
            if (std::none_of(taken.cbegin(), taken.cend(), overlaps)) {
                found << span;
                taken << span;
            }
        }
    }
    std::sort(found.begin(), found.end(), [](const Span &a, const Span &b) { return a.start < b.start; });
    return found;
}

Occurrence occurrenceIn(const QString &text, Span span)
{
    qsizetype from = std::max<qsizetype>(0, span.start - contextLength);
    qsizetype to = std::min(text.size(), span.end + contextLength);
    // Whole words at the cuts, and never half a surrogate pair.
    while (from > 0 && from < span.start && !text[from - 1].isSpace())
        ++from;
    while (to < text.size() && to > span.end && !text[to].isSpace())
        --to;
    const QString before = text.mid(from, span.start - from).simplified();
    const QString after = text.mid(span.end, to - span.end).simplified();
    const QString prefix = from > 0 ? u"…"_s : QString();
    const QString match = textOf(text, span).simplified();
    // simplified() drops the space that separated the occurrence from its neighbours.
    const bool spaceBefore = span.start > from && text[span.start - 1].isSpace();
    const bool spaceAfter = span.end < to && text[span.end].isSpace();
    Occurrence occurrence;
    occurrence.span = span;
    occurrence.context = prefix + before + (spaceBefore && !before.isEmpty() ? u" "_s : QString());
    occurrence.contextMatch.start = occurrence.context.size();
    occurrence.context += match;
    occurrence.contextMatch.end = occurrence.context.size();
    occurrence.context += (spaceAfter && !after.isEmpty() ? u" "_s : QString()) + after
        + (to < text.size() ? u"…"_s : QString());
    return occurrence;
}

CorpusOccurrenceSearch::CorpusOccurrenceSearch(
    const Store &store, const QStringList &names, RecordId skipArticleId)
    : m_store(store)
    , m_matcher(names)
    , m_skipArticleId(skipArticleId)
    , m_phrases(searchableNames(m_matcher.names()))
    , m_unindexed(SearchBacklog::articleRanges(store))
    , m_atEnd(m_phrases.isEmpty())
{
}

QList<Span> CorpusOccurrenceSearch::mentionSpans(RecordId articleId, const QString &text) const
{
    QSqlQuery query(m_store.database());
    query.setForwardOnly(true);
    query.prepare(u"SELECT m.start_offset, m.end_offset FROM mentions m"
                  " JOIN entities e ON e.id = m.entity_id WHERE e.article_id = ?"_s);
    query.addBindValue(articleId);
    QList<Span> spans;
    if (!query.exec())
        return spans;
    const OffsetMap offsets(text);
    while (query.next())
        spans << Span { offsets.toUtf16(query.value(0).toLongLong()),
            offsets.toUtf16(query.value(1).toLongLong()) };
    return spans;
}

bool CorpusOccurrenceSearch::prepareIndexed(QSqlQuery &query, int articleLimit) const
{
    // In id order and after the last article read, the index is read as a stream instead of
    // ranking every match, so a batch costs about the same at the start and the end of a large
    // corpus.
    const TextSearchSql sql = SqlDialect::of(m_store.database()).articlesWithAnyPhrase(m_phrases);
    if (!query.prepare(u"SELECT a.id, a.title, a.text FROM %1 WHERE %2 AND %3 > ? ORDER BY %3 LIMIT ?"_s.arg(
            sql.from, sql.where, sql.rowId)))
        return false;
    for (const QVariant &value : sql.values)
        query.addBindValue(value);
    query.addBindValue(m_lastArticleId);
    query.addBindValue(articleLimit);
    return true;
}

// Without the index, the names themselves narrow the articles: NameMatcher finds a name only
// where its exact text is (instr() is SQLite's, and only a project file has a backlog).
bool CorpusOccurrenceSearch::prepareUnindexed(QSqlQuery &query, int articleLimit) const
{
    QStringList ranges;
    for (const IdRange &range : m_unindexed)
        ranges << u"a.id BETWEEN %1 AND %2"_s.arg(range.first).arg(range.last);
    QStringList names;
    for (qsizetype i = 0; i < m_phrases.size(); ++i)
        names << u"instr(a.text, ?) > 0"_s;
    if (!query.prepare(u"SELECT a.id, a.title, a.text FROM articles a WHERE (%1) AND a.id > ? AND (%2)"
                       " ORDER BY a.id LIMIT ?"_s.arg(ranges.join(u" OR "_s), names.join(u" OR "_s))))
        return false;
    query.addBindValue(m_lastUnindexedId);
    for (const QString &name : m_phrases)
        query.addBindValue(name);
    query.addBindValue(articleLimit);
    return true;
}

bool CorpusOccurrenceSearch::isUnindexed(RecordId articleId) const
{
    return std::any_of(m_unindexed.cbegin(), m_unindexed.cend(),
        [articleId](const IdRange &range) { return range.contains(articleId); });
}

QList<Occurrence> CorpusOccurrenceSearch::fetch(int articleLimit)
{
    QList<Occurrence> found;
    if (m_atEnd || articleLimit <= 0)
        return found;
    QSqlQuery query(m_store.database());
    query.setForwardOnly(true);
    const bool fromIndex = !m_indexReadWhole;
    if (!(fromIndex ? prepareIndexed(query, articleLimit) : prepareUnindexed(query, articleLimit))
        || !query.exec()) {
        m_error = tr("The search for other occurrences failed: %1").arg(query.lastError().text());
        m_atEnd = true;
        return found;
    }
    struct Candidate {
        RecordId id;
        QString title;
        QString text;
    };
    // The batch is read whole before the mentions are: a server connection streams one result at a time.
    QList<Candidate> candidates;
    while (query.next())
        candidates.append(
            { query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString() });
    query.finish();
    const int read = int(candidates.size());
    for (const auto &[articleId, title, text] : std::as_const(candidates)) {
        (fromIndex ? m_lastArticleId : m_lastUnindexedId) = articleId;
        // An article the indexer reached since the search began comes with the unindexed ones.
        if (articleId == m_skipArticleId || (fromIndex && isUnindexed(articleId)))
            continue;
        ++m_articlesRead;
        for (const Span &span : m_matcher.find(text, mentionSpans(articleId, text))) {
            Occurrence occurrence = occurrenceIn(text, span);
            occurrence.articleId = articleId;
            occurrence.title = title;
            found << occurrence;
        }
    }
    if (read < articleLimit) {
        m_indexReadWhole = true;
        m_atEnd = !fromIndex || m_unindexed.isEmpty();
    }
    return found;
}

} // namespace Byline
