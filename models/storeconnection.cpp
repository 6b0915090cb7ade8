// SPDX-License-Identifier: GPL-3.0-or-later
// The store's connection to a server when it drops (issue 8): noticing it, connecting again, and
// the ids that records made meanwhile take.
#include "sqldialect.h"
#include "store.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// A reconnection runs on the GUI thread, once a probe on a thread of its own found the server
// answering (ConnectionMonitor); should it go away again in between, the window waits no longer
// than this (libpq waits forever unless told).
constexpr auto reconnectTimeout = "connect_timeout=3"_L1;

} // namespace

bool Store::isConnected() const
{
    if (SqlDialect::of(m_database).isSqlite())
        return true;
    QSqlQuery probe(m_database);
    return probe.exec(u"SELECT 1"_s);
}

bool Store::reconnect()
{
    if (SqlDialect::of(m_database).isSqlite())
        return true;
    // The kept statements were prepared in the old session; the new one knows none of them.
    m_statements.clear();
    m_database.close();
    if (!m_database.connectOptions().contains(u"connect_timeout"_s)) {
        const QString options = m_database.connectOptions();
        m_database.setConnectOptions(
            options.isEmpty() ? QString(reconnectTimeout) : options + u";"_s + reconnectTimeout);
    }
    if (!m_database.open())
        return fail(QCoreApplication::translate("Byline::Store", "Cannot connect to %1: %2")
                .arg(m_path, m_database.lastError().text()));
    startServerSession();
    return true;
}

QList<RecordId> Store::reserveIds(QLatin1StringView table, int count)
{
    QList<RecordId> ids;
    if (SqlDialect::of(m_database).isSqlite())
        return ids;
    QSqlQuery query(m_database);
    query.prepare(u"SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)"_s);
    query.addBindValue(QString(table));
    query.addBindValue(count);
    if (!query.exec()) {
        fail(query.lastError().text());
        return ids;
    }
    while (query.next())
        ids << query.value(0).toLongLong();
    return ids;
}

bool Store::hasRecord(QLatin1StringView table, RecordId id) const
{
    QSqlQuery query(m_database);
    query.prepare(u"SELECT 1 FROM "_s + table + u" WHERE id = ?"_s);
    query.addBindValue(id);
    return query.exec() && query.next();
}

} // namespace Byline
