// SPDX-License-Identifier: GPL-3.0-or-later
#include "assignments.h"

#include "sqldialect.h"
#include "store.h"
#include "teamroles.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

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
    if (!query.exec(u"SELECT article_id, annotator FROM assignments ORDER BY article_id, annotator"_s)) {
        fail(query.lastError().text());
        return std::nullopt;
    }
    while (query.next())
        state.assigned[query.value(0).toLongLong()].append(query.value(1).toString());
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
    const int total = int(plan.added.size());
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    Store::Transaction transaction(m_store);
    if (!transaction.isOpen())
        return fail(m_database.lastError().text());
    QSqlQuery insert(m_database);
    QString preparedFor;
    for (int first = 0; first < total; first += batchSize) {
        const int count = std::min(batchSize, total - first);
        // An assignment someone made meanwhile stays as it is.
        QStringList rows(count, u"(?, ?, ?)"_s);
        const QString sql = u"INSERT INTO assignments (article_id, annotator, assigned_at) VALUES "_s
            + rows.join(u", "_s) + u" ON CONFLICT DO NOTHING"_s;
        if (sql != preparedFor && !insert.prepare(sql))
            return fail(insert.lastError().text());
        preparedFor = sql;
        for (int row = first; row < first + count; ++row) {
            insert.addBindValue(plan.added[row].articleId);
            insert.addBindValue(plan.added[row].annotator);
            insert.addBindValue(now);
        }
        if (!insert.exec())
            return fail(tr("Cannot assign the articles: %1").arg(insert.lastError().text()));
        if (progress && !progress(first + count, total))
            return fail(tr("Assigning was cancelled; nothing was assigned."));
    }
    return transaction.commit() || fail(m_database.lastError().text());
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
