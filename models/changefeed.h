// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlDriver>

namespace Byline {

class Store;

/// Tells a client of a server project which articles other clients changed (issue 8).
///
/// Triggers on the server announce every change of an article or annotation on one channel
/// (SqlDialect::changeNotifications()); this listens there and passes on the articles that the
/// others changed, not the store's own writes, and whose queues of assigned articles changed
/// (announced by Assignments, not by a trigger). A project in a file has one writer: nothing to hear.
///
/// It listens on a connection of its own to the store's server, in the thread it lives in (its
/// event loop delivers the announcements): on the store's connection an announcement that arrives
/// while a query runs is read with the query's reply and would wait for the next one.
class ChangeFeed final : public QObject {
    Q_OBJECT
public:
    explicit ChangeFeed(const Store &store, QObject *parent = nullptr);
    ~ChangeFeed() override;
    ChangeFeed(const ChangeFeed &) = delete;
    ChangeFeed &operator=(const ChangeFeed &) = delete;

    bool isListening() const { return m_listening; }
    /// Listens again on a new connection after the old one was lost; the store has reconnected
    /// already, as another server session whose own changes are not to be passed on.
    bool reconnect(const Store &store);

Q_SIGNALS:
    /// Another client changed the article or its annotations and committed.
    void articleChanged(Byline::RecordId articleId);
    /// An admin elsewhere assigned, unassigned or moved articles of these annotators' queues
    /// (Assignments announces it); empty when the names did not fit: anyone's may have changed.
    void assignmentsChanged(const QStringList &annotators);
    /// The connection to the server dropped (the server went away, the network failed): the
    /// first a client hears of it when it is not writing.
    void connectionLost();

private:
    bool listen();
    void onNotification(
        const QString &channel, QSqlDriver::NotificationSource source, const QVariant &payload);
    void onSocketActivity();

    QString m_connectionName;
    QSqlDatabase m_database;
    qint64 m_ownSession = 0;
    bool m_listening = false;
};

} // namespace Byline
