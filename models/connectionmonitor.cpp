// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionmonitor.h"

#include "changefeed.h"
#include "store.h"

#include <QLoggingCategory>

#include <algorithm>

namespace Byline {

Q_LOGGING_CATEGORY(lcConnection, "byline.connection")

ConnectionMonitor::ConnectionMonitor(Store &store, ChangeFeed *feed, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_feed(feed)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ConnectionMonitor::tryReconnect);
    if (m_feed)
        connect(m_feed, &ChangeFeed::connectionLost, this, &ConnectionMonitor::connectionLost);
}

void ConnectionMonitor::connectionLost()
{
    if (!m_online)
        return;
    qCInfo(lcConnection) << "offline:" << m_store.path();
    m_online = false;
    m_retry.start(firstRetryMs);
    Q_EMIT onlineChanged(false);
}

// Each attempt is a connection to a server that refuses at once or answers; one that does not
// answer at all is given up after the store's connect timeout.
void ConnectionMonitor::tryReconnect()
{
    if (m_store.reconnect() && (!m_feed || m_feed->reconnect(m_store))) {
        qCInfo(lcConnection) << "online again:" << m_store.path();
        m_online = true;
        Q_EMIT onlineChanged(true);
        return;
    }
    m_retry.start(std::min(m_retry.interval() * 2, longestRetryMs));
}

} // namespace Byline
