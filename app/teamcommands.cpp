// SPDX-License-Identifier: GPL-3.0-or-later
// byline push, byline pull
#include "cli.h"
#include "projectcopier.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Byline::Cli {

namespace {

// Both directions are one copy into a new, empty project; only what each end must be differs.
int copyProject(const QString &from, const QString &to)
{
    if (!Store::isServerLocation(from) && !QFileInfo::exists(from))
        return fail(tr("%1 does not exist").arg(from));
    if (!Store::isServerLocation(to) && QFileInfo::exists(to))
        return fail(tr("%1 exists already; pull makes a new local copy").arg(to));
    const auto source = openStore(from, Store::Mode::ReadOnly);
    if (!source)
        return 1;
    const auto target = openStore(to, Store::Mode::ReadWrite);
    if (!target)
        return 1;
    QElapsedTimer timer;
    timer.start();
    ProjectCopier copier(*source, *target);
    if (!copier.copy())
        return fail(copier.errorString());
    out() << tr("copied %1 articles (%2 records) from %3 to %4 in %5 s")
                 .arg(target->articleCount())
                 .arg(copier.rowsCopied())
                 .arg(source->path(), target->path())
                 .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
          << Qt::endl;
    return 0;
}

} // namespace

int pushCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"project"_s, tr("The local project file (.byline)."));
    parser.addPositionalArgument(u"url"_s, tr("The server database: postgresql://user@host:port/database."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2 || Store::isServerLocation(positional[0])
        || !Store::isServerLocation(positional[1]))
        return fail(tr("push needs a local project and a server URL (byline push PROJECT.byline URL)"));
    return copyProject(positional[0], positional[1]);
}

int pullCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"url"_s, tr("The server database: postgresql://user@host:port/database."));
    parser.addPositionalArgument(u"project"_s, tr("The local project file to make (.byline)."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2 || !Store::isServerLocation(positional[0])
        || Store::isServerLocation(positional[1]))
        return fail(tr("pull needs a server URL and a new local project (byline pull URL PROJECT.byline)"));
    return copyProject(positional[0], positional[1]);
}

} // namespace Byline::Cli
