// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace Byline {

class MainWindow;

/// The main windows of this process. Files from the command line, or handed over by a
/// second Byline, open here: a project in a window of its own (one already open is
/// brought forward, never opened twice), text files imported into the Inbox project.
class ProjectWindows final : public QObject {
    Q_OBJECT
public:
    explicit ProjectWindows(QObject *parent = nullptr);
    ~ProjectWindows() override;

    /// Shows files (absolute paths); with none, shows or raises a window. False when no
    /// window could be shown.
    bool open(const QStringList &files);
    QList<MainWindow *> windows() const;

    /// The project loose text files go into, so nothing annotated is ever in a temporary place.
    static QString inboxProjectPath();

private:
    MainWindow *showProject(const QString &path);
    MainWindow *windowFor(const QString &path) const;
    MainWindow *emptyWindow() const;
    MainWindow *newWindow();
    void raise(MainWindow *window);

    QList<QPointer<MainWindow>> m_windows;
};

} // namespace Byline
