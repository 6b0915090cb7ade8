// SPDX-License-Identifier: GPL-3.0-or-later
#include "curation/curationstore.h"

#include "store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Every annotation of the article a.id with its annotator and status; a mention stored without an
// annotator counts as its entity's, as AnnotatorVersions counts it.
const auto annotationsOfArticle
    = "SELECT CASE WHEN m.annotator = '' THEN e.annotator ELSE m.annotator END AS annotator,"
      " m.status AS status FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.article_id = a.id"
      " UNION ALL SELECT annotator, status FROM quotes WHERE article_id = a.id"
      " UNION ALL SELECT annotator, status FROM figures WHERE article_id = a.id"_L1;

// The state's inputs per article: its annotators, whether it has curated annotations, whether done.
QString stateColumns()
{
    return u"a.id, (SELECT COUNT(DISTINCT x.annotator) FROM (%1) x WHERE x.annotator NOT IN ('', 'curator')"
           " AND x.status NOT IN ('auto', 'rejected')),"
           " EXISTS (SELECT 1 FROM (%1) y WHERE y.annotator = 'curator' AND y.status <> 'auto'),"
           " EXISTS (SELECT 1 FROM curation_state c WHERE c.article_id = a.id)"_s.arg(annotationsOfArticle);
}

CurationState stateOf(const QSqlQuery &query)
{
    if (query.value(3).toBool())
        return CurationState::Done;
    if (query.value(1).toInt() < 2)
        return CurationState::NotNeeded;
    return query.value(2).toBool() ? CurationState::InProgress : CurationState::Open;
}

} // namespace

QString toString(CurationState state)
{
    switch (state) {
    case CurationState::NotNeeded:
        return u"not-needed"_s;
    case CurationState::Open:
        return u"open"_s;
    case CurationState::InProgress:
        return u"in-progress"_s;
    case CurationState::Done:
        return u"done"_s;
    }
    Q_UNREACHABLE_RETURN({});
}

CurationStore::CurationStore(Store &store)
    : m_store(store)
    , m_writable(&store)
{
}

CurationStore::CurationStore(const Store &store)
    : m_store(store)
{
}

bool CurationStore::fail(const QString &message) const
{
    m_error = message;
    return false;
}

CurationState CurationStore::state(RecordId articleId) const
{
    return states({ articleId }).value(articleId, CurationState::NotNeeded);
}

QHash<RecordId, CurationState> CurationStore::states(const QList<RecordId> &articleIds) const
{
    QHash<RecordId, CurationState> result;
    if (articleIds.isEmpty())
        return result;
    QStringList marks;
    for (qsizetype i = 0; i < articleIds.size(); ++i)
        marks << u"?"_s;
    QSqlQuery query(m_store.database());
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM articles a WHERE a.id IN (%2)"_s.arg(stateColumns(), marks.join(u", "_s)));
    for (const RecordId id : articleIds)
        query.addBindValue(id);
    if (!query.exec()) {
        fail(query.lastError().text());
        return result;
    }
    while (query.next())
        result.insert(query.value(0).toLongLong(), stateOf(query));
    return result;
}

CurationCounts CurationStore::counts() const
{
    CurationCounts counts;
    QSqlQuery query(m_store.database());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT %1 FROM articles a"_s.arg(stateColumns()))) {
        fail(query.lastError().text());
        return counts;
    }
    while (query.next()) {
        const CurationState state = stateOf(query);
        counts.needed += query.value(1).toInt() >= 2;
        counts.inProgress += state == CurationState::InProgress;
        counts.done += state == CurationState::Done;
    }
    return counts;
}

bool CurationStore::hasCuratedLayer() const
{
    QSqlQuery query(m_store.database());
    return query.exec(u"SELECT EXISTS (SELECT 1 FROM quotes WHERE annotator = 'curator')"
                      " OR EXISTS (SELECT 1 FROM figures WHERE annotator = 'curator')"
                      " OR EXISTS (SELECT 1 FROM mentions WHERE annotator = 'curator')"_s)
        && query.next() && query.value(0).toBool();
}

bool CurationStore::hasSeveralAnnotators() const
{
    // The smallest and largest annotator names either side of "curator" (suggestions have none):
    // min() and max() over a range of the annotator index are one seek each, where a scan for
    // distinct names would read every annotation of a large corpus.
    QStringList bounds;
    for (const QString &table : { u"mentions"_s, u"quotes"_s, u"figures"_s }) {
        for (const QString &range :
            { u"annotator > '' AND annotator < 'curator'"_s, u"annotator > 'curator'"_s }) {
            for (const QString &end : { u"min"_s, u"max"_s })
                bounds << u"SELECT (SELECT %1(annotator) FROM %2 WHERE %3) AS name"_s.arg(end, table, range);
        }
    }
    QSqlQuery query(m_store.database());
    return query.exec(u"SELECT count(DISTINCT name) FROM (%1) x WHERE name IS NOT NULL"_s.arg(
               bounds.join(u" UNION ALL "_s)))
        && query.next() && query.value(0).toInt() >= 2;
}

bool CurationStore::mayCurate() const
{
    if (!m_store.serverConnection())
        return true;
    QSqlQuery query(m_store.database());
    return query.exec(u"SELECT pg_has_role('byline_curator', 'USAGE') OR pg_has_role('byline_admin', 'USAGE')"
                      " OR EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'curation_state'"
                      " AND tableowner = current_user)"_s)
        && query.next() && query.value(0).toBool();
}

std::optional<RecordId> CurationStore::nextToCurate(RecordId afterId) const
{
    // A page at a time in id order: the first match is usually near, and the walk stops there.
    constexpr int page = 200;
    for (RecordId after = afterId;;) {
        QSqlQuery query(m_store.database());
        query.setForwardOnly(true);
        query.prepare(u"SELECT %1 FROM articles a WHERE a.id > ? ORDER BY a.id LIMIT %2"_s.arg(stateColumns())
                .arg(page));
        query.addBindValue(after);
        if (!query.exec()) {
            fail(query.lastError().text());
            return std::nullopt;
        }
        int read = 0;
        while (query.next()) {
            ++read;
            after = query.value(0).toLongLong();
            const CurationState state = stateOf(query);
            if (state == CurationState::Open || state == CurationState::InProgress)
                return after;
        }
        if (read < page)
            return std::nullopt;
    }
}

bool CurationStore::isDone(RecordId articleId) const
{
    QSqlQuery query(m_store.database());
    query.prepare(u"SELECT 1 FROM curation_state WHERE article_id = ?"_s);
    query.addBindValue(articleId);
    return query.exec() && query.next();
}

bool CurationStore::setDone(RecordId articleId, bool done, const QString &curator)
{
    if (!m_writable || m_store.isReadOnly())
        return fail(QCoreApplication::translate("Byline::CurationStore", "The project is open read-only."));
    Store::Transaction transaction(*m_writable);
    QSqlQuery query(m_store.database());
    if (done) {
        query.prepare(u"INSERT INTO curation_state (article_id, curator, done_at) VALUES (?, ?, ?)"
                      " ON CONFLICT (article_id) DO UPDATE SET curator = excluded.curator,"
                      " done_at = excluded.done_at"_s);
        query.addBindValue(articleId);
        query.addBindValue(curator);
        query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    } else {
        query.prepare(u"DELETE FROM curation_state WHERE article_id = ?"_s);
        query.addBindValue(articleId);
    }
    if (!query.exec())
        return fail(query.lastError().databaseText().isEmpty() ? query.lastError().text()
                                                               : query.lastError().databaseText());
    query.finish();
    return transaction.commit() || fail(m_store.database().lastError().text());
}

} // namespace Byline
