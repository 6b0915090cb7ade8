// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectwindows.h"

#include "document.h"
#include "mainwindow.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcInstance)

namespace Byline {

namespace {

// Symbolic links and ".." must not make one project look like two.
QString samePath(const QString &path)
{
    const QFileInfo file(path);
    const QString canonical = file.canonicalFilePath();
    return canonical.isEmpty() ? file.absoluteFilePath() : canonical;
}

} // namespace

ProjectWindows::ProjectWindows(QObject *parent)
    : QObject(parent)
{
}

ProjectWindows::~ProjectWindows()
{
    for (const QPointer<MainWindow> &window : std::as_const(m_windows))
        delete window.data();
}

QString ProjectWindows::inboxProjectPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return folder + u"/Inbox.byline"_s;
}

QList<MainWindow *> ProjectWindows::windows() const
{
    QList<MainWindow *> open;
    for (const QPointer<MainWindow> &window : m_windows) {
        if (window)
            open.append(window);
    }
    return open;
}

bool ProjectWindows::open(const QStringList &files)
{
    QStringList texts;
    bool shown = false;
    for (const QString &file : files) {
        if (file.endsWith(u".byline"_s))
            shown = showProject(file) || shown;
        else
            texts.append(file);
    }
    if (!texts.isEmpty()) {
        if (MainWindow *inbox = showProject(inboxProjectPath())) {
            inbox->importFiles(texts);
            shown = true;
        }
    }
    if (files.isEmpty()) {
        const QList<MainWindow *> open = windows();
        raise(open.isEmpty() ? newWindow() : open.last());
        qCDebug(lcInstance, "raised a window");
        shown = true;
    }
    return shown;
}

MainWindow *ProjectWindows::showProject(const QString &path)
{
    if (MainWindow *window = windowFor(path)) {
        qCDebug(lcInstance, "raised the window of %s", qUtf8Printable(path));
        raise(window);
        return window;
    }
    MainWindow *window = emptyWindow();
    const bool isNew = !window;
    if (isNew)
        window = newWindow();
    if (!window->openProject(path)) {
        if (isNew)
            delete window;
        return nullptr;
    }
    qCDebug(lcInstance, "opened %s", qUtf8Printable(path));
    raise(window);
    return window;
}

MainWindow *ProjectWindows::windowFor(const QString &path) const
{
    const QString wanted = samePath(path);
    for (MainWindow *window : windows()) {
        if (window->document() && samePath(window->document()->path()) == wanted)
            return window;
    }
    return nullptr;
}

MainWindow *ProjectWindows::emptyWindow() const
{
    for (MainWindow *window : windows()) {
        if (!window->document())
            return window;
    }
    return nullptr;
}

MainWindow *ProjectWindows::newWindow()
{
    auto *window = new MainWindow;
    // Every change is committed as it is made, so closing a window loses nothing.
    window->setAttribute(Qt::WA_DeleteOnClose);
    m_windows.append(window);
    return window;
}

void ProjectWindows::raise(MainWindow *window)
{
    window->setWindowState(window->windowState() & ~Qt::WindowMinimized);
    window->show();
    window->raise();
    window->activateWindow();
}

} // namespace Byline
