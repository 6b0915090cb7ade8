// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli.h"
#include "searchbacklog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Byline::Cli {

QString tr(const char *text, const char *disambiguation, int n)
{
    // lupdate files the strings of these free functions under Byline::Cli, and those of
    // CommandLine and its command table under Byline::CommandLine: look in both.
    const QString translated = QCoreApplication::translate("Byline::CommandLine", text, disambiguation, n);
    if (translated != QCoreApplication::translate("Byline::Untranslated", text, disambiguation, n))
        return translated;
    return QCoreApplication::translate("Byline::Cli", text, disambiguation, n);
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &message)
{
    err() << "byline: " << message << Qt::endl;
    return 1;
}

const Command *findCommand(QStringView name)
{
    for (const Command &command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

int parse(QCommandLineParser &parser, const QStringList &arguments)
{
    const Command *command = findCommand(arguments.value(0));
    Q_ASSERT(command);
    const QString usage = tr("Usage: byline %1").arg(tr(command->synopsis));
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        err() << "byline: " << parser.errorText() << Qt::endl << usage << Qt::endl;
        return 2;
    }
    if (parser.isSet(u"help"_s)) {
        out() << usage << Qt::endl << Qt::endl << tr(command->summary) << Qt::endl;
        // The parser formats the command's options; the man page is generated from this text.
        const QString generated = parser.helpText();
        const QString heading = QCoreApplication::translate("QCommandLineParser", "Options:");
        const qsizetype options = generated.indexOf(u'\n' + heading + u'\n');
        if (options >= 0)
            out() << generated.mid(options) << Qt::flush;
        return 0;
    }
    return -1;
}

std::unique_ptr<Store> openStore(const QString &path, Store::Mode mode)
{
    StoreError error;
    auto store = Store::open(path, mode, &error);
    if (!store)
        fail(error.message);
    return store;
}

// Indexes what imports left for later (SearchBacklog), reporting how long it took.
bool completeSearchIndex(Store &store)
{
    if (SearchBacklog::remaining(store) == 0)
        return true;
    QElapsedTimer timer;
    timer.start();
    SearchBacklog backlog(store);
    if (!backlog.catchUp()) {
        err() << "byline: " << tr("the search index is not complete: %1").arg(backlog.errorString())
              << Qt::endl;
        return false;
    }
    out() << tr("indexed for search in %1 s").arg(timer.elapsed() / 1000.0, 0, 'f', 1) << Qt::endl;
    return true;
}

} // namespace Byline::Cli
