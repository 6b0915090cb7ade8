// SPDX-License-Identifier: GPL-3.0-or-later
#include "assignments.h"

#include "sqldialect.h"
#include "store.h"
#include "teamroles.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::Assignments", text);
}

} // namespace

Assignments::Assignments(Store &store)
    : m_store(store)
    , m_database(store.database())
{
}

bool Assignments::fail(const QString &message) const
{
    m_error = message;
    return false;
}

bool Assignments::canManage() const
{
    if (m_store.isReadOnly())
        return false;
    if (SqlDialect::of(m_database).isSqlite())
        return true;
    // Whatever made it so: the admin group, the tables' owner, a superuser.
    QSqlQuery query(m_database);
    return query.exec(u"SELECT has_table_privilege('assignments', 'INSERT')"_s) && query.next()
        && query.value(0).toBool();
}

std::optional<AssignmentState> Assignments::state() const
{
    AssignmentState state;
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT id FROM articles ORDER BY id"_s)) {
        fail(query.lastError().text());
        return std::nullopt;
    }
    while (query.next())
        state.articles.append(query.value(0).toLongLong());
    if (!query.exec(u"SELECT article_id, annotator, done_at IS NOT NULL FROM assignments"
                    " ORDER BY article_id, annotator"_s)) {
        fail(query.lastError().text());
        return std::nullopt;
    }
    while (query.next()) {
        const RecordId articleId = query.value(0).toLongLong();
        const QString annotator = query.value(1).toString();
        state.assigned[articleId].append(annotator);
        if (query.value(2).toBool())
            state.done[annotator].insert(articleId);
    }
    return state;
}

QStringList Assignments::candidates() const
{
    QStringList names;
    if (!SqlDialect::of(m_database).isSqlite()) {
        for (const TeamMember &member : TeamRoles(m_store).members()) {
            if (member.role != TeamRole::Admin)
                names << member.name;
        }
    }
    QSqlQuery query(m_database);
    if (query.exec(u"SELECT DISTINCT annotator FROM assignments"_s)) {
        while (query.next())
            names << query.value(0).toString();
    }
    names.removeDuplicates();
    names.sort();
    return names;
}

bool Assignments::apply(const AssignmentPlan &plan, const std::function<bool(int, int)> &progress)
{
    if (!canManage())
        return fail(tr("Only the project's admins can assign articles."));
    Store::Transaction transaction(m_store);
    if (!transaction.isOpen())
        return fail(m_database.lastError().text());
    QStringList annotators;
    for (const Assignment &assignment : plan.added)
        annotators << assignment.annotator;
    annotators.removeDuplicates();
    if (!insert(plan.added, progress) || !announce(annotators))
        return false;
    return transaction.commit() || fail(m_database.lastError().text());
}

bool Assignments::insert(const QList<Assignment> &rows, const std::function<bool(int, int)> &progress)
{
    const int total = int(rows.size());
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    QSqlQuery query(m_database);
    QString preparedFor;
    for (int first = 0; first < total; first += batchSize) {
        const int count = std::min(batchSize, total - first);
        // An assignment someone made meanwhile stays as it is.
        QStringList values(count, u"(?, ?, ?)"_s);
        const QString sql = u"INSERT INTO assignments (article_id, annotator, assigned_at) VALUES "_s
            + values.join(u", "_s) + u" ON CONFLICT DO NOTHING"_s;
        if (sql != preparedFor && !query.prepare(sql))
            return fail(query.lastError().text());
        preparedFor = sql;
        for (int row = first; row < first + count; ++row) {
            query.addBindValue(rows[row].articleId);
            query.addBindValue(rows[row].annotator);
            query.addBindValue(now);
        }
        if (!query.exec())
            return fail(tr("Cannot assign the articles: %1").arg(query.lastError().text()));
        if (progress && !progress(first + count, total))
            return fail(tr("Assigning was cancelled; nothing was assigned."));
    }
    return true;
}

std::optional<ReassignmentOutcome> Assignments::reassign(const ReassignmentPlan &plan)
{
    if (!canManage()) {
        fail(tr("Only the project's admins can change assignments."));
        return std::nullopt;
    }
    QHash<RecordId, QString> destination;
    for (const Assignment &assignment : plan.added)
        destination.insert(assignment.articleId, assignment.annotator);
    ReassignmentOutcome outcome;
    QStringList changed { plan.from };
    QList<Assignment> added;
    Store::Transaction transaction(m_store);
    if (!transaction.isOpen()) {
        fail(m_database.lastError().text());
        return std::nullopt;
    }
    // Only the rows that are still as the plan saw them go: work marked done since is kept, and
    // then stays in its queue rather than being handed to someone else as well.
    QSqlQuery remove(m_database);
    QString preparedFor;
    const int total = int(plan.removed.size());
    for (int first = 0; first < total; first += batchSize) {
        const int count = std::min(batchSize, total - first);
        const QString sql = u"DELETE FROM assignments WHERE annotator = ? AND article_id IN ("_s
            + QStringList(count, u"?"_s).join(u", "_s) + u")"_s
            + (plan.removesDone ? QString() : u" AND done_at IS NULL"_s) + u" RETURNING article_id"_s;
        if (sql != preparedFor && !remove.prepare(sql)) {
            fail(remove.lastError().text());
            return std::nullopt;
        }
        preparedFor = sql;
        remove.addBindValue(plan.from);
        for (int row = first; row < first + count; ++row)
            remove.addBindValue(plan.removed[row].articleId);
        if (!remove.exec()) {
            fail(tr("Cannot unassign the articles: %1").arg(remove.lastError().text()));
            return std::nullopt;
        }
        while (remove.next()) {
            const RecordId articleId = remove.value(0).toLongLong();
            ++outcome.removed;
            if (const auto to = destination.constFind(articleId); to != destination.cend()) {
                added.append({ articleId, *to });
                changed << *to;
            }
        }
    }
    std::sort(added.begin(), added.end(),
        [](const Assignment &a, const Assignment &b) { return a.articleId < b.articleId; });
    outcome.moved = int(added.size());
    changed.removeDuplicates();
    if (!insert(added) || !announce(changed))
        return std::nullopt;
    if (!transaction.commit()) {
        fail(m_database.lastError().text());
        return std::nullopt;
    }
    return outcome;
}

QList<QueuedArticle> Assignments::queue(const QString &annotator) const
{
    return queuePage(annotator, 0, std::numeric_limits<int>::max());
}

QList<QueuedArticle> Assignments::queuePage(const QString &annotator, RecordId after, int limit) const
{
    m_error.clear();
    QList<QueuedArticle> articles;
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    query.prepare(pageStatement());
    query.addBindValue(annotator);
    query.addBindValue(after);
    query.addBindValue(limit);
    if (!query.exec()) {
        fail(query.lastError().text());
        return articles;
    }
    while (query.next()) {
        articles.append({ query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
            query.value(3).toBool() });
    }
    return articles;
}

QString Assignments::pageStatement()
{
    // The primary key (annotator, article_id) gives the page in order, from where the last ended;
    // each row then probes the articles by id.
    return u"SELECT q.article_id, a.key, a.title, q.done_at IS NOT NULL FROM assignments q"
           " JOIN articles a ON a.id = q.article_id WHERE q.annotator = ? AND q.article_id > ?"
           " ORDER BY q.article_id LIMIT ?"_s;
}

bool Assignments::announce(const QStringList &annotators)
{
    const QString statement = SqlDialect::of(m_database).announcement();
    if (statement.isEmpty() || annotators.isEmpty())
        return true;
    const QJsonObject change { { "table"_L1, u"assignments"_s }, { "session"_L1, m_store.serverSession() } };
    QJsonObject named = change;
    named.insert("annotators"_L1, QJsonArray::fromStringList(annotators));
    QByteArray payload = QJsonDocument(named).toJson(QJsonDocument::Compact);
    // The server takes payloads under 8000 bytes; without names, it is news for everyone.
    if (payload.size() >= 8000)
        payload = QJsonDocument(change).toJson(QJsonDocument::Compact);
    QSqlQuery query(m_database);
    query.prepare(statement);
    query.addBindValue(QString::fromUtf8(payload));
    return query.exec() || fail(tr("Cannot announce the new assignments: %1").arg(query.lastError().text()));
}

QList<QueueProgress> Assignments::progress() const
{
    QList<QueueProgress> result;
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT annotator, COUNT(*), COUNT(done_at) FROM assignments GROUP BY annotator"
                    " ORDER BY annotator"_s)) {
        fail(query.lastError().text());
        return result;
    }
    while (query.next())
        result.append({ query.value(0).toString(), query.value(1).toInt(), query.value(2).toInt() });
    return result;
}

QueueProgress Assignments::progressOf(const QString &annotator) const
{
    m_error.clear();
    // Both counts come off the (annotator, done_at) index.
    QSqlQuery query(m_database);
    query.prepare(u"SELECT COUNT(*), COUNT(done_at) FROM assignments WHERE annotator = ?"_s);
    query.addBindValue(annotator);
    if (!query.exec() || !query.next()) {
        fail(query.lastError().text());
        return { annotator };
    }
    return { annotator, query.value(0).toInt(), query.value(1).toInt() };
}

bool Assignments::setDone(RecordId articleId, const QString &annotator, bool done)
{
    QSqlQuery query(m_database);
    query.prepare(u"UPDATE assignments SET done_at = ? WHERE annotator = ? AND article_id = ?"_s);
    query.addBindValue(done ? QVariant(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))
                            : QVariant(QMetaType::fromType<QString>()));
    query.addBindValue(annotator);
    query.addBindValue(articleId);
    return query.exec() || fail(tr("Cannot record the article as done: %1").arg(query.lastError().text()));
}

} // namespace Byline
