// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "postgresserver.h"

#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace Byline::Test {

/// Where a test suite's projects live. A suite built with BYLINE_TEST_POSTGRES (its executable
/// ends in _postgres, ctest label postgres) runs against a PostgreSQL server of its own, each
/// project a database; otherwise each project is a .byline file in a temporary folder.
class TestProjects final {
public:
#ifdef BYLINE_TEST_POSTGRES
    static constexpr bool onServer = true;
#else
    static constexpr bool onServer = false;
#endif

    /// Starts the server a suite on the server needs. Returns why it cannot run (skip) in
    /// *unavailable, or false with the reason the server failed (a test failure).
    bool start(QString *unavailable, QString *failure)
    {
        if (!onServer)
            return true;
        *unavailable = PostgresServer::unavailableReason();
        if (!unavailable->isEmpty())
            return false;
        m_server = std::make_unique<PostgresServer>();
        if (!m_server->start()) {
            *failure = m_server->errorString();
            return false;
        }
        return true;
    }

    /// A location where no project is yet: a file path or a server URL of an empty database.
    QString newLocation()
    {
        ++m_count;
        if (!onServer)
            return m_directory.filePath(QStringLiteral("project-%1.byline").arg(m_count));
        return m_server->createDatabase(QStringLiteral("project_%1").arg(m_count));
    }

    /// A plain connection to the project, below the store, for making old or broken projects.
    QSqlDatabase connect(const QString &location, const QString &connectionName)
    {
        if (!onServer) {
            QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
            database.setDatabaseName(location);
            database.open();
            return database;
        }
        const QUrl url(location);
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        database.setHostName(url.host());
        database.setPort(url.port());
        database.setUserName(url.userName());
        database.setDatabaseName(url.path().mid(1));
        database.open();
        return database;
    }

    PostgresServer *server() const { return m_server.get(); }

private:
    QTemporaryDir m_directory;
    std::unique_ptr<PostgresServer> m_server;
    int m_count = 0;
};

} // namespace Byline::Test
