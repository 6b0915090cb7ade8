// SPDX-License-Identifier: GPL-3.0-or-later
#include "changefeed.h"

#include "sqldialect.h"
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QSqlError>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Byline {

Q_LOGGING_CATEGORY(lcChangeFeed, "byline.changefeed")

ChangeFeed::ChangeFeed(const Store &store, QObject *parent)
    : QObject(parent)
    , m_ownSession(store.serverSession())
{
    if (SqlDialect::of(store.database()).isSqlite())
        return;
    static std::atomic<int> connectionCount = 0;
    m_connectionName = u"byline-changes-%1"_s.arg(++connectionCount);
    m_database = QSqlDatabase::cloneDatabase(store.database(), m_connectionName);
    listen();
}

ChangeFeed::~ChangeFeed()
{
    if (m_connectionName.isEmpty())
        return;
    m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool ChangeFeed::reconnect(const Store &store)
{
    if (m_connectionName.isEmpty())
        return true;
    m_ownSession = store.serverSession();
    m_database.close();
    m_database.setConnectOptions(store.database().connectOptions());
    return listen();
}

bool ChangeFeed::listen()
{
    m_listening = false;
    if (!m_database.open()) {
        qCWarning(lcChangeFeed) << "cannot listen for other clients' changes:"
                                << m_database.lastError().text();
        return false;
    }
    QSqlDriver *driver = m_database.driver();
    connect(driver, &QSqlDriver::notification, this, &ChangeFeed::onNotification, Qt::UniqueConnection);
    m_listening = driver->subscribeToNotification(SqlDialect::changeChannel());
    // The driver reads announcements when its socket has something to read. A dropped
    // connection makes the socket readable too (the server's farewell, the end of the stream):
    // that is when to look whether the connection is still good. Connected after the driver, this
    // runs after it read what came; queued, because it may close the connection, which deletes
    // the notifier.
    if (auto *socket = driver->findChild<QSocketNotifier *>())
        connect(
            socket, &QSocketNotifier::activated, this, &ChangeFeed::onSocketActivity, Qt::QueuedConnection);
    return m_listening;
}

void ChangeFeed::onSocketActivity()
{
    // The driver has read what came. libpq marks the connection bad once it reads the end of the
    // stream (the server went away), and the driver then reports the database as not open: no
    // round trip needed to tell.
    if (!m_listening || m_database.isOpen())
        return;
    qCInfo(lcChangeFeed) << "lost the connection to the server";
    m_listening = false;
    // Closing stops the driver watching a socket that libpq has closed.
    m_database.close();
    Q_EMIT connectionLost();
}

void ChangeFeed::onNotification(
    const QString &channel, QSqlDriver::NotificationSource, const QVariant &payload)
{
    if (channel != SqlDialect::changeChannel())
        return;
    const QJsonObject change = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
    // The store's own writes are in its memory already; only the listening connection is
    // "self" to the driver, so the payload names the writer.
    if (change.value("session"_L1).toInteger() == m_ownSession)
        return;
    if (change.value("table"_L1).toString() == "assignments"_L1) {
        QStringList annotators;
        for (const QJsonValue &name : change.value("annotators"_L1).toArray())
            annotators << name.toString();
        Q_EMIT assignmentsChanged(annotators);
        return;
    }
    const RecordId articleId = change.value("article"_L1).toInteger();
    if (articleId > 0)
        Q_EMIT articleChanged(articleId);
}

} // namespace Byline
