// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLockFile>
#include <QObject>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace Byline {

/// One Byline window process per user session. The first process holds a lock and listens
/// on a local socket; a later one (a double-click in the file manager) hands its files to
/// it and quits, so every project stays open in one process with one writer.
class SingleInstance final : public QObject {
    Q_OBJECT
public:
    enum class Role {
        Primary, ///< this process listens; requests arrive through filesRequested()
        Forwarded, ///< the running process took the files: quit
        Alone, ///< no running process answered and none could listen: carry on alone
    };

    /// Uses the lock and socket in folder (the user's runtime folder by default).
    explicit SingleInstance(const QString &folder = QString(), QObject *parent = nullptr);
    ~SingleInstance() override;

    /// files are absolute paths: the running process has its own working folder.
    Role start(const QStringList &files);

Q_SIGNALS:
    void filesRequested(const QStringList &files);

private:
    Role listen();
    bool forward(const QStringList &files);
    void readRequest(QLocalSocket *socket);

    QString m_socketPath;
    QLockFile m_lock;
    QLocalServer *m_server = nullptr;
};

} // namespace Byline
