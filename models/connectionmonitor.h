// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

namespace Byline {

class ChangeFeed;
class Store;

/// Whether a client of a server project is connected, and getting it connected again (issue 8).
///
/// The connection counts as lost when a statement failed and the server does not answer the
/// cheapest one, or when the change feed's connection dropped: whichever comes first, the client
/// is offline at once. Then it tries to connect again, soon at first and less often the longer
/// the server stays away, and is online when both the store and the change feed are back.
class ConnectionMonitor final : public QObject {
    Q_OBJECT
public:
    ConnectionMonitor(Store &store, ChangeFeed *feed, QObject *parent = nullptr);

    bool isOnline() const { return m_online; }
    /// The connection was found lost: go offline and start trying to connect again.
    void connectionLost();
    /// How long the next attempt waits: doubles from the first to the longest.
    int retryInterval() const { return m_retry.interval(); }

    static constexpr int firstRetryMs = 250;
    static constexpr int longestRetryMs = 4000;

Q_SIGNALS:
    void onlineChanged(bool online);

private:
    void tryReconnect();

    Store &m_store;
    ChangeFeed *m_feed;
    QTimer m_retry;
    bool m_online = true;
};

} // namespace Byline
