// SPDX-License-Identifier: GPL-3.0-or-later
#include "singleinstance.h"

#include <QDataStream>
#include <QDeadlineTimer>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QThread>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcInstance, "byline.instance", QtInfoMsg)

namespace Byline {

namespace {

// Bumped when the request changes, so an older running Byline refuses a newer one's request
// instead of misreading it (the newer one then runs alone).
constexpr quint32 requestMagic = 0xB711'0001;
constexpr char acceptedReply = 'y';

QString instanceFolder(const QString &folder)
{
    if (!folder.isEmpty())
        return folder;
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return runtime.isEmpty() ? QDir::tempPath() : runtime;
}

} // namespace

SingleInstance::SingleInstance(const QString &folder, QObject *parent)
    : QObject(parent)
    , m_socketPath(instanceFolder(folder) + u"/"_s + QStringLiteral(BYLINE_APP_ID) + u".socket"_s)
    , m_lock(instanceFolder(folder) + u"/"_s + QStringLiteral(BYLINE_APP_ID) + u".lock"_s)
{
    // Stale only when its process is gone: a busy Byline keeps its role.
    m_lock.setStaleLockTime(0);
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close();
}

SingleInstance::Role SingleInstance::start(const QStringList &files)
{
    if (m_lock.tryLock(0))
        return listen();
    // The lock's owner may still be starting up: give it a moment to listen.
    const QDeadlineTimer deadline(3000);
    do {
        if (forward(files))
            return Role::Forwarded;
        QThread::msleep(100);
    } while (!deadline.hasExpired());
    qCWarning(
        lcInstance, "the running Byline does not answer on %s; opening here", qUtf8Printable(m_socketPath));
    return Role::Alone;
}

SingleInstance::Role SingleInstance::listen()
{
    // Holding the lock means any socket left behind belongs to a process that is gone.
    QLocalServer::removeServer(m_socketPath);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_socketPath)) {
        qCWarning(lcInstance, "cannot listen on %s: %s", qUtf8Printable(m_socketPath),
            qUtf8Printable(m_server->errorString()));
        return Role::Alone;
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readRequest(socket); });
        }
    });
    qCDebug(lcInstance, "listening on %s", qUtf8Printable(m_socketPath));
    return Role::Primary;
}

bool SingleInstance::forward(const QStringList &files)
{
    QLocalSocket socket;
    socket.connectToServer(m_socketPath);
    if (!socket.waitForConnected(1000))
        return false;
    QByteArray request;
    QDataStream stream(&request, QIODevice::WriteOnly);
    stream << requestMagic << files;
    socket.write(request);
    if (!socket.waitForBytesWritten(1000))
        return false;
    // Wait for the answer: a process that dies before taking the files must not lose them.
    while (socket.bytesAvailable() < 1) {
        if (!socket.waitForReadyRead(5000))
            return false;
    }
    char reply = 0;
    return socket.getChar(&reply) && reply == acceptedReply;
}

void SingleInstance::readRequest(QLocalSocket *socket)
{
    QDataStream stream(socket);
    stream.startTransaction();
    quint32 magic = 0;
    QStringList files;
    stream >> magic >> files;
    if (!stream.commitTransaction())
        return; // the rest is still on its way
    if (magic != requestMagic) {
        socket->abort();
        return;
    }
    socket->putChar(acceptedReply);
    socket->flush();
    socket->disconnectFromServer();
    qCDebug(lcInstance, "files requested by another process: %s", qUtf8Printable(files.join(u", "_s)));
    Q_EMIT filesRequested(files);
}

} // namespace Byline
