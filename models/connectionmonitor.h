// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QThread>
#include <QTimer>

namespace Byline {

class ChangeFeed;
class Store;

/// Whether a client of a server project is connected, and getting it connected again (issue 8).
///
/// The connection counts as lost when a statement failed and the server does not answer the
/// cheapest one, or when the change feed's connection dropped: whichever comes first, the client
/// is offline at once. Then it asks whether the server answers, soon at first and less often the
/// longer the server stays away, and is online when both the store and the change feed are back.
///
/// Each question is a connection of its own made on a thread of its own: a server that is away
/// may not answer at all, and waiting for it must not hold the window. Only when the server
/// answered do the store and the change feed connect again, on the thread they belong to.
class ConnectionMonitor final : public QObject {
    Q_OBJECT
public:
    ConnectionMonitor(Store &store, ChangeFeed *feed, QObject *parent = nullptr);
    /// Waits for a question in flight: at most the probe's connect timeout.
    ~ConnectionMonitor() override;

    bool isOnline() const { return m_online; }
    /// The connection was found lost: go offline and start asking whether the server is back.
    void connectionLost();
    /// How long the next attempt waits: doubles from the first to the longest.
    int retryInterval() const { return m_retry.interval(); }
    /// Whether a question to the server is on its way, on the probe thread.
    bool isProbing() const { return m_probing; }

    static constexpr int firstRetryMs = 250;
    static constexpr int longestRetryMs = 4000;

Q_SIGNALS:
    void onlineChanged(bool online);
    /// The server answered a probe, or did not; the store reconnects after an answer.
    void probed(bool answered);

private:
    void probe();
    void onProbed(bool answered);
    void retryLater();

    Store &m_store;
    ChangeFeed *m_feed;
    QTimer m_retry;
    QThread m_probeThread;
    QObject *m_probeContext = nullptr; ///< lives on m_probeThread: probes are invoked on it
    bool m_online = true;
    bool m_probing = false;
};

} // namespace Byline
