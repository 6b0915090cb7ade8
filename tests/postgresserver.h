// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDebug>
#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVersionNumber>

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <memory>

namespace Byline::Test {

/// A PostgreSQL server of its own for a test: a cluster made with initdb in a temporary folder,
/// listening on a free loopback port and a socket in that folder, stopped and removed when the
/// object goes. Trust authentication: only this machine's processes reach the port.
///
/// initdb and the server refuse to run as root, and the tests run as root in the build root:
/// there they run as the user postgres (made by Debian's package) or nobody, who own the folder.
class PostgresServer final {
public:
    static constexpr auto superuser = "byline";

    PostgresServer() = default;
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;
    ~PostgresServer() { stop(); }

    /// The folder of the newest installed server's programs (Debian: /usr/lib/postgresql/N/bin),
    /// empty when there is none.
    static QString binDirectory()
    {
        QString best;
        QVersionNumber bestVersion;
        const QDir versions(QStringLiteral("/usr/lib/postgresql"));
        for (const QString &entry : versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QVersionNumber version = QVersionNumber::fromString(entry);
            const QString bin = versions.filePath(entry + QStringLiteral("/bin"));
            if (QFile::exists(bin + QStringLiteral("/initdb"))
                && QFile::exists(bin + QStringLiteral("/pg_ctl")) && version > bestVersion) {
                best = bin;
                bestVersion = version;
            }
        }
        return best;
    }

    /// Why a test cannot have a server here, or empty when it can.
    static QString unavailableReason()
    {
        if (binDirectory().isEmpty())
            return QStringLiteral("no PostgreSQL server programs in /usr/lib/postgresql/*/bin "
                                  "(install the Debian package postgresql)");
        if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
            return QStringLiteral("no PostgreSQL driver for Qt (install libqt6sql6-psql)");
        return {};
    }

    bool start()
    {
        if (!m_directory.isValid())
            return failed(QStringLiteral("cannot make a temporary folder"));
        m_bin = binDirectory();
        if (!dropPrivilegesIfRoot())
            return false;
        if (!run(QStringLiteral("initdb"),
                { QStringLiteral("-D"), dataDirectory(), QStringLiteral("-U"), QString::fromLatin1(superuser),
                    QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("-E"),
                    QStringLiteral("UTF8"), QStringLiteral("--locale=C"), QStringLiteral("--no-sync") }))
            return false;
        // A port found free can be taken before the server binds it: try a few.
        for (int attempt = 0; attempt < 5; ++attempt) {
            m_port = freeLoopbackPort();
            if (startOnPort())
                return true;
        }
        return false;
    }

    /// Stops the server at once, as a crash or a cut cable would: clients lose their connections
    /// without warning, committed data stays. startAgain() brings it back on the same port.
    bool kill()
    {
        m_running = false;
        return run(QStringLiteral("pg_ctl"),
            { QStringLiteral("-D"), dataDirectory(), QStringLiteral("-m"), QStringLiteral("immediate"),
                QStringLiteral("-w"), QStringLiteral("stop") });
    }

    bool startAgain() { return startOnPort(); }

    void stop()
    {
        if (!m_running)
            return;
        m_running = false;
        // Other connections of the test may still be open; fast mode ends them.
        run(QStringLiteral("pg_ctl"),
            { QStringLiteral("-D"), dataDirectory(), QStringLiteral("-m"), QStringLiteral("fast"),
                QStringLiteral("-w"), QStringLiteral("stop") });
    }

    /// Stops the server abruptly and starts it again on the same port: clients lose their
    /// connections, committed data stays.
    bool restart()
    {
        m_running = false;
        return run(QStringLiteral("pg_ctl"),
                   { QStringLiteral("-D"), dataDirectory(), QStringLiteral("-m"), QStringLiteral("immediate"),
                       QStringLiteral("-w"), QStringLiteral("restart") })
            && (m_running = true);
    }

    int port() const { return m_port; }
    QString errorString() const { return m_error; }

    /// The URL of a database on this server, as Byline takes it.
    QString url(const QString &database, const QString &user = QString::fromLatin1(superuser)) const
    {
        return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(user).arg(m_port).arg(database);
    }

    /// A plain connection of the member's own to the database, below the store: what a
    /// hand-written client could do. Named after the member and kept, so later calls reuse it.
    QSqlDatabase connectAs(const QString &database, const QString &user) const
    {
        if (QSqlDatabase::contains(user))
            return QSqlDatabase::database(user);
        QSqlDatabase connection = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), user);
        connection.setHostName(QStringLiteral("127.0.0.1"));
        connection.setPort(m_port);
        connection.setUserName(user);
        connection.setDatabaseName(database);
        if (!connection.open())
            qWarning() << "cannot connect as" << user << connection.lastError().text();
        return connection;
    }

    /// Runs statements as the superuser in the database (postgres: the maintenance database).
    bool execute(const QStringList &statements, const QString &database = QStringLiteral("postgres"))
    {
        const QString connection = QStringLiteral("postgres-server-admin");
        bool ok = true;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(m_port);
            db.setUserName(QString::fromLatin1(superuser));
            db.setDatabaseName(database);
            if (!db.open()) {
                ok = failed(db.lastError().text());
            } else {
                QSqlQuery query(db);
                for (const QString &statement : statements) {
                    if (!query.exec(statement)) {
                        ok = failed(statement + QStringLiteral(": ") + query.lastError().text());
                        break;
                    }
                }
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        return ok;
    }

    /// A new, empty database; returns its URL, or an empty string when it cannot be made.
    QString createDatabase(const QString &name)
    {
        return execute({ QStringLiteral("CREATE DATABASE \"%1\"").arg(name) }) ? url(name) : QString();
    }

    /// The cluster's folder (pg_hba.conf for tests of authentication) and the server's log.
    QString dataDirectory() const { return m_directory.filePath(QStringLiteral("data")); }

    bool startOnPort()
    {
        // No fsync: the tests' data need not survive a power cut, and they run faster.
        const QString options = QStringLiteral("-h 127.0.0.1 -p %1 -k %2 -F -c max_connections=50")
                                    .arg(m_port)
                                    .arg(m_directory.path());
        m_running = run(QStringLiteral("pg_ctl"),
            { QStringLiteral("-D"), dataDirectory(), QStringLiteral("-l"), logFile(), QStringLiteral("-w"),
                QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-o"), options,
                QStringLiteral("start") });
        return m_running;
    }
    QString logFile() const { return m_directory.filePath(QStringLiteral("server.log")); }

private:
    bool failed(const QString &message)
    {
        m_error = message;
        return false;
    }

    bool dropPrivilegesIfRoot()
    {
        if (geteuid() != 0)
            return true;
        const passwd *user = getpwnam("postgres");
        if (!user)
            user = getpwnam("nobody");
        if (!user)
            return failed(QStringLiteral("running as root, and there is neither a user postgres nor nobody"));
        m_uid = user->pw_uid;
        m_gid = user->pw_gid;
        if (chown(QFile::encodeName(m_directory.path()).constData(), m_uid, m_gid) != 0)
            return failed(QStringLiteral("cannot give %1 to the server's user").arg(m_directory.path()));
        return true;
    }

    bool run(const QString &program, QStringList arguments)
    {
        QString executable = m_bin + QLatin1Char('/') + program;
        if (m_uid != uid_t(-1)) {
            arguments.prepend(executable);
            arguments.prepend(QStringLiteral("--"));
            arguments.prepend(QStringLiteral("--clear-groups"));
            arguments.prepend(QStringLiteral("--regid=%1").arg(m_gid));
            arguments.prepend(QStringLiteral("--reuid=%1").arg(m_uid));
            executable = QStringLiteral("setpriv");
        }
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setWorkingDirectory(m_directory.path());
        process.start(executable, arguments);
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0) {
            QFile log(logFile());
            const QString serverLog = log.open(QIODevice::ReadOnly)
                ? QString::fromLocal8Bit(log.readAll().right(2000))
                : QString();
            return failed(QStringLiteral("%1 failed: %2 %3\n%4")
                    .arg(program, process.errorString(), QString::fromLocal8Bit(process.readAll()),
                        serverLog));
        }
        return true;
    }

    static int freeLoopbackPort()
    {
        const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = 0;
        socklen_t length = sizeof address;
        int port = 0;
        if (socket >= 0 && ::bind(socket, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0
            && ::getsockname(socket, reinterpret_cast<sockaddr *>(&address), &length) == 0)
            port = ntohs(address.sin_port);
        if (socket >= 0)
            ::close(socket);
        return port;
    }

    QTemporaryDir m_directory;
    QString m_bin;
    QString m_error;
    uid_t m_uid = uid_t(-1);
    gid_t m_gid = gid_t(-1);
    int m_port = 0;
    bool m_running = false;
};

} // namespace Byline::Test
