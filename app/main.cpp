// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"
#include "mainwindow.h"
#include "projectwindows.h"
#include "singleinstance.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(u"Byline"_s);
    QCoreApplication::setOrganizationDomain(u"byline.org"_s);
    QCoreApplication::setApplicationName(u"Byline"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BYLINE_VERSION));
}

// Qt's own strings and Byline's, in the system locale's language when a catalogue exists.
void installTranslators(QCoreApplication &app)
{
    const QLocale locale;
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qt"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    // The user's own data folder first (a translation being tried out), then the installed
    // one next to the other data; in the build tree, next to the binary.
    const QString binaries = QCoreApplication::applicationDirPath();
    QStringList folders = QStandardPaths::locateAll(
        QStandardPaths::AppDataLocation, u"translations"_s, QStandardPaths::LocateDirectory);
    folders << binaries + u"/../share/byline/translations"_s << binaries + u"/translations"_s;
    for (const QString &folder : folders) {
        auto *byline = new QTranslator(&app);
        if (byline->load(locale, u"byline"_s, u"_"_s, folder)) {
            QCoreApplication::installTranslator(byline);
            break;
        }
        delete byline;
    }
}

int runWindow(QApplication &app)
{
    QCommandLineParser parser;
    const QCommandLineOption screenshotOption(
        u"screenshot"_s, u"Render the main window into PNG and quit."_s, u"png"_s);
    parser.addOption(screenshotOption);
    parser.addPositionalArgument(u"files"_s, u"A project, or text files to import."_s);
    parser.process(app);

    // Absolute, because a running Byline that takes them over has its own working folder.
    QStringList files;
    for (const QString &file : parser.positionalArguments())
        files.append(QFileInfo(file).absoluteFilePath());

    Byline::ProjectWindows windows;
    // A screenshot is always this process's own window.
    const bool screenshot = parser.isSet(screenshotOption);
    std::unique_ptr<Byline::SingleInstance> instance;
    if (!screenshot) {
        instance = std::make_unique<Byline::SingleInstance>();
        if (instance->start(files) == Byline::SingleInstance::Role::Forwarded)
            return 0;
        QObject::connect(instance.get(), &Byline::SingleInstance::filesRequested, &windows,
            [&windows](const QStringList &requested) { windows.open(requested); });
    }
    if (!windows.open(files))
        return 1;

    if (screenshot) {
        const QString target = parser.value(screenshotOption);
        Byline::MainWindow *window = windows.windows().constFirst();
        // Let the window lay out and paint once before grabbing it.
        QTimer::singleShot(200, window, [window, &app, target] {
            const bool saved = window->grab().save(target);
            app.exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (Byline::CommandLine::isCommand(arguments)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        installTranslators(app);
        return Byline::CommandLine::run(arguments);
    }
    QApplication app(argc, argv);
    describeApplication();
    installTranslators(app);
    QApplication::setApplicationDisplayName(u"Byline"_s);
    // Wayland compositors and task bars find the desktop file, and with it the icon, by this id.
    QGuiApplication::setDesktopFileName(QStringLiteral(BYLINE_APP_ID));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral(BYLINE_APP_ID)));
    return runWindow(app);
}
