// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionmonitor.h"

#include "changefeed.h"
#include "store.h"

#include <QLoggingCategory>
#include <QSqlDatabase>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace Byline {

Q_LOGGING_CATEGORY(lcConnection, "byline.connection")

namespace {

// How the store reaches its server, copied on the GUI thread: a QSqlDatabase may only be used on
// the thread that made it, so the probe makes a connection of its own from these.
struct ServerSettings {
    QString driver;
    QString host;
    int port = -1;
    QString database;
    QString user;
    QString password;
    QString options;

    static ServerSettings of(const QSqlDatabase &database)
    {
        return { database.driverName(), database.hostName(), database.port(), database.databaseName(),
            database.userName(), database.password(), database.connectOptions() };
    }
};

// libpq's shortest: a server that takes the connection and never answers is given up this soon.
constexpr auto probeTimeout = "connect_timeout=2"_L1;

// Runs on the probe thread: connects and disconnects. A server that refuses the connection at once
// (stopped, its port closed) answers in a millisecond; one whose network is gone takes the timeout.
bool serverAnswers(const ServerSettings &settings)
{
    static std::atomic<int> probeCount = 0;
    const QString name = u"byline-probe-%1"_s.arg(++probeCount);
    bool answered = false;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(settings.driver, name);
        database.setHostName(settings.host);
        database.setPort(settings.port);
        database.setDatabaseName(settings.database);
        database.setUserName(settings.user);
        database.setPassword(settings.password);
        QStringList options = settings.options.split(u';', Qt::SkipEmptyParts);
        options.removeIf(
            [](const QString &option) { return option.trimmed().startsWith(u"connect_timeout"_s); });
        options << QString(probeTimeout);
        database.setConnectOptions(options.join(u';'));
        answered = database.open();
        database.close();
    }
    QSqlDatabase::removeDatabase(name);
    return answered;
}

} // namespace

ConnectionMonitor::ConnectionMonitor(Store &store, ChangeFeed *feed, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_feed(feed)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(firstRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &ConnectionMonitor::probe);
    if (m_feed)
        connect(m_feed, &ChangeFeed::connectionLost, this, &ConnectionMonitor::connectionLost);
}

ConnectionMonitor::~ConnectionMonitor()
{
    if (!m_probeContext)
        return;
    m_probeThread.quit();
    m_probeThread.wait();
    delete m_probeContext;
}

void ConnectionMonitor::connectionLost()
{
    if (!m_online)
        return;
    qCInfo(lcConnection) << "offline:" << m_store.path();
    m_online = false;
    // The thread is made the first time it is needed: most sessions never lose their server.
    if (!m_probeContext) {
        m_probeContext = new QObject;
        m_probeContext->moveToThread(&m_probeThread);
        m_probeThread.setObjectName(u"Byline connection probe"_s);
        m_probeThread.start();
    }
    m_retry.start(firstRetryMs);
    Q_EMIT onlineChanged(false);
}

void ConnectionMonitor::probe()
{
    if (m_probing)
        return;
    m_probing = true;
    QMetaObject::invokeMethod(m_probeContext, [this, settings = ServerSettings::of(m_store.database())] {
        const bool answered = serverAnswers(settings);
        QMetaObject::invokeMethod(this, [this, answered] { onProbed(answered); });
    });
}

// The store and the change feed connect to a server that has just answered: quick, on the GUI
// thread. If it went away again in between, the store's own connect timeout bounds the wait.
void ConnectionMonitor::onProbed(bool answered)
{
    m_probing = false;
    Q_EMIT probed(answered);
    if (m_online)
        return;
    if (answered && m_store.reconnect() && (!m_feed || m_feed->reconnect(m_store))) {
        qCInfo(lcConnection) << "online again:" << m_store.path();
        m_online = true;
        Q_EMIT onlineChanged(true);
        return;
    }
    retryLater();
}

void ConnectionMonitor::retryLater()
{
    m_retry.start(std::min(m_retry.interval() * 2, longestRetryMs));
}

} // namespace Byline
