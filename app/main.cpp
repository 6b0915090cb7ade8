// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(u"Byline"_s);
    QCoreApplication::setOrganizationDomain(u"byline.example.org"_s);
    QCoreApplication::setApplicationName(u"Byline"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BYLINE_VERSION));
}

// Loose text files opened without a project go into one persistent project of the user's,
// so nothing they annotate is ever in a temporary place.
QString inboxProjectPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return folder + u"/Inbox.byline"_s;
}

int runWindow(QApplication &app)
{
    QCommandLineParser parser;
    const QCommandLineOption screenshotOption(
        u"screenshot"_s, u"Render the main window into PNG and quit."_s, u"png"_s);
    parser.addOption(screenshotOption);
    parser.addPositionalArgument(u"files"_s, u"A project, or text files to import."_s);
    parser.process(app);

    Byline::MainWindow window;
    const QStringList files = parser.positionalArguments();
    const bool isProject = files.size() == 1 && files.first().endsWith(u".byline"_s);
    if (isProject) {
        if (!window.openProject(files.first()))
            return 1;
    } else if (!files.isEmpty()) {
        if (!window.openProject(inboxProjectPath()))
            return 1;
        window.importFiles(files);
    }
    window.show();

    if (parser.isSet(screenshotOption)) {
        const QString target = parser.value(screenshotOption);
        // Let the window lay out and paint once before grabbing it.
        QTimer::singleShot(200, &window, [&window, &app, target] {
            const bool saved = window.grab().save(target);
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
        return Byline::CommandLine::run(arguments);
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(u"Byline"_s);
    return runWindow(app);
}
