// SPDX-License-Identifier: GPL-3.0-or-later
#include "changefeed.h"

#include "sqldialect.h"
#include "store.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
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
    if (!m_database.open()) {
        qCWarning(lcChangeFeed) << "cannot listen for other clients' changes:"
                                << m_database.lastError().text();
        return;
    }
    connect(m_database.driver(), &QSqlDriver::notification, this, &ChangeFeed::onNotification);
    m_listening = m_database.driver()->subscribeToNotification(SqlDialect::changeChannel());
}

ChangeFeed::~ChangeFeed()
{
    if (m_connectionName.isEmpty())
        return;
    m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
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
    const RecordId articleId = change.value("article"_L1).toInteger();
    if (articleId > 0)
        Q_EMIT articleChanged(articleId);
}

} // namespace Byline
