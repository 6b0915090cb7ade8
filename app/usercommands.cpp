// SPDX-License-Identifier: GPL-3.0-or-later
// byline users
#include "cli.h"
#include "teamroles.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

#include <termios.h>
#include <unistd.h>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Byline::Cli {

namespace {

QString readLine(FILE *input)
{
    QTextStream stream(input, QIODevice::ReadOnly);
    return stream.readLine();
}

// On a terminal without echo, twice so that a typing error does not lock the member out; from a
// pipe, its first line.
std::optional<QString> promptPassword(const QString &name)
{
    if (!isatty(STDIN_FILENO))
        return readLine(stdin);
    termios saved {};
    tcgetattr(STDIN_FILENO, &saved);
    termios silent = saved;
    silent.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    err() << tr("Password for %1: ").arg(name) << Qt::flush;
    const QString first = readLine(stdin);
    err() << Qt::endl << tr("Again: ") << Qt::flush;
    const QString second = readLine(stdin);
    err() << Qt::endl;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    if (first != second) {
        fail(tr("the passwords differ"));
        return std::nullopt;
    }
    return first;
}

std::optional<QString> password(
    const QCommandLineParser &parser, const QCommandLineOption &fileOption, const QString &name)
{
    if (!parser.isSet(fileOption))
        return promptPassword(name);
    QFile file(parser.value(fileOption));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        fail(tr("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        return std::nullopt;
    }
    // Spaces may belong to the password; only the line's end does not.
    QString line = QString::fromUtf8(file.readLine());
    while (line.endsWith(u'\n') || line.endsWith(u'\r'))
        line.chop(1);
    return line;
}

int listMembers(TeamRoles &roles)
{
    const QList<TeamMember> members = roles.members();
    if (!roles.errorString().isEmpty())
        return fail(roles.errorString());
    for (const TeamMember &member : members)
        out() << member.name << '\t' << toString(member.role) << '\t' << member.displayName << Qt::endl;
    out() << tr("blind annotation: %1").arg(roles.isBlind() ? tr("on") : tr("off")) << Qt::endl;
    return 0;
}

} // namespace

int usersCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption roleOption(
        u"role"_s, tr("The new member's role: annotator, curator or admin."), u"role"_s, u"annotator"_s);
    const QCommandLineOption displayNameOption(u"display-name"_s, tr("The name others see."), u"name"_s);
    const QCommandLineOption passwordFileOption(u"password-file"_s,
        tr("Read the new member's password from the first line of this file instead of asking for it."),
        u"file"_s);
    parser.addOptions({ roleOption, displayNameOption, passwordFileOption });
    parser.addPositionalArgument(u"url"_s, tr("The server database: postgresql://user@host:port/database."));
    parser.addPositionalArgument(u"action"_s, tr("add NAME, remove NAME, list, or blind on|off."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    const qsizetype expected = action == u"list"_s ? 2 : 3;
    if (positional.size() != expected || !Store::isServerLocation(positional[0])
        || !QStringList { u"add"_s, u"remove"_s, u"list"_s, u"blind"_s }.contains(action))
        return fail(tr("users needs a server URL and add NAME, remove NAME, list or blind on|off"));
    const auto store = openStore(positional[0], Store::Mode::ReadWrite);
    if (!store)
        return 1;
    TeamRoles roles(*store);
    if (action == u"list"_s)
        return listMembers(roles);
    const QString argument = positional[2];
    if (action == u"blind"_s) {
        if (argument != u"on"_s && argument != u"off"_s)
            return fail(tr("blind takes on or off"));
        return roles.setBlind(argument == u"on"_s) ? 0 : fail(roles.errorString());
    }
    if (action == u"remove"_s) {
        if (!roles.removeMember(argument))
            return fail(roles.errorString());
        out() << tr("removed %1").arg(argument) << Qt::endl;
        return 0;
    }
    const auto role = teamRoleFromString(parser.value(roleOption));
    if (!role)
        return fail(tr("unknown role %1: use annotator, curator or admin").arg(parser.value(roleOption)));
    const auto secret = password(parser, passwordFileOption, argument);
    if (!secret)
        return 1;
    if (!roles.addMember({ argument, *role, parser.value(displayNameOption) }, *secret))
        return fail(roles.errorString());
    out() << tr("added %1 as %2").arg(argument, toString(*role)) << Qt::endl;
    return 0;
}

} // namespace Byline::Cli
