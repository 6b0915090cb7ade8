// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include "cli.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Byline {

namespace Cli {

const QList<Command> &commands()
{
    static const QList<Command> all = {
        { "import"_L1,
            QT_TRANSLATE_NOOP(
                "Byline::CommandLine", "import PROJECT FILE|FOLDER... [--format NAME] [--skip-bad-records]"),
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "Import articles into PROJECT, creating it when it does not exist: plain text, HTML, or a "
                "dataset with its annotations (JSONL, CSV, CoNLL, brat, doccano, Label Studio, W3C, "
                "REFI-QDA), the format "
                "taken from the extension unless given. Text that is already in the project is skipped; a "
                "file that cannot be read is reported and the rest go on."),
            importCommand },
        { "info"_L1, QT_TRANSLATE_NOOP("Byline::CommandLine", "info [--articles] PROJECT"),
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "Show what PROJECT holds: articles by status, annotations by layer and status. "
                "With --articles, list every article with the start of its text."),
            infoCommand },
        { "extract"_L1, QT_TRANSLATE_NOOP("Byline::CommandLine", "extract PROJECT [--articles ID,...]"),
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "Suggest entities, quotes and figures for every article (or the given ones). Earlier "
                "suggestions are replaced; accepted, edited, manual and rejected annotations are never "
                "touched."),
            extractCommand },
        { "export"_L1,
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "export PROJECT --format NAME -o PATH [--layers LIST] [--status LIST] [--done-only] "
                "[--search QUERY] [--annotator NAME]"),
            QT_TRANSLATE_NOOP(
                "Byline::CommandLine", "Write the project's articles and annotations as a dataset."),
            exportCommand },
        { "eval"_L1,
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "eval --gold FILE|DIR [--predicted FILE | --project PROJECT] [--json REPORT]"),
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "Score predictions against gold annotations as the reference scorer does: entities, quotes "
                "(with speaker, kind and cue) and figures. Without predictions, extract from the gold "
                "texts."),
            evalCommand },
        { "agreement"_L1,
            QT_TRANSLATE_NOOP("Byline::CommandLine", "agreement PROJECT [--json] [--article KEY]"),
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "Inter-annotator agreement of the articles that several annotators worked on, per annotator "
                "pair: entities (exact and overlap F1, kappa and alpha on token types), quotes (F1, content "
                "characters, speaker, kind) and figures (F1, value); alpha over all annotators."),
            agreementCommand },
        { "push"_L1, QT_TRANSLATE_NOOP("Byline::CommandLine", "push PROJECT URL"),
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "Copy the local PROJECT into the empty database URL on a PostgreSQL server "
                "(postgresql://user@host:port/database?sslmode=require), in one transaction. The password "
                "comes from ~/.pgpass."),
            pushCommand },
        { "pull"_L1, QT_TRANSLATE_NOOP("Byline::CommandLine", "pull URL PROJECT"),
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "Make a local copy PROJECT of the project in the database URL on a PostgreSQL server."),
            pullCommand },
        { "bench"_L1, QT_TRANSLATE_NOOP("Byline::CommandLine", "bench corpus --articles N [-o PROJECT]"),
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "Write a project of N invented articles, recombined from the dev set's paragraphs with their "
                "annotations and a mix of statuses, for the benchmarks at scale."),
            benchCommand },
        { "users"_L1,
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "users URL add NAME --role annotator|curator|admin [--display-name X] [--password-file F] | "
                "list | remove NAME | blind on|off"),
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "Manage the members of the team project in the database URL (run as its creator or an "
                "admin): add a login role to the server in a group whose rights the server enforces, list "
                "them, remove one, or switch blind annotation (annotators see only their own annotations "
                "and suggestions). The password is asked for, or read from a file; Byline never stores it."),
            usersCommand },
        { "assign"_L1,
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "assign PROJECT --per-article N [--annotators A,B,C] [--only-unassigned] | --list | "
                "--unassign NAME [--keep-done|--include-done] | --move FROM --to A,B"),
            QT_TRANSLATE_NOOP("Byline::CommandLine",
                "Assign each article to N distinct annotators, balanced so that their queues differ by at "
                "most one article (run as an admin). Assignments made before stay; only articles with fewer "
                "than N annotators get more. Without --annotators, the team's annotators. --list shows each "
                "annotator's assigned and done articles. --unassign empties an annotator's queue; when they "
                "have done articles, say whether those stay (--keep-done) or go too (--include-done). --move "
                "hands an annotator's articles that are not done to the others named, the least loaded "
                "first; "
                "done ones stay with them."),
            assignCommand },
    };

    return all;
}

} // namespace Cli

using namespace Cli;

bool CommandLine::isCommand(const QStringList &arguments)
{
    if (arguments.isEmpty())
        return false;
    const QString &first = arguments.first();
    return findCommand(first) || first == u"--version"_s || first == u"-v"_s || first == u"--help"_s
        || first == u"-h"_s || first == u"help"_s;
}

QString CommandLine::helpText()
{
    QString text
        = tr("Usage: byline [--screenshot PNG] [PROJECT.byline | FILE...]\n"
             "       byline COMMAND [ARGUMENTS...]\n\n"
             "Byline annotates news articles: entities, quotes with their speakers, and figures.\n"
             "Without a command it opens the main window on a project, or imports text files into\n"
             "the Inbox project and shows them. A PROJECT is a .byline file or a project on a\n"
             "PostgreSQL server: postgresql://user@host:port/database[?sslmode=require].\n\nCommands:\n");
    for (const Command &command : commands())
        text += u"  %1\n      %2\n"_s.arg(tr(command.synopsis), tr(command.summary));
    text += tr("\nOptions:\n"
               "  --screenshot PNG   render the main window into PNG and quit (works offscreen)\n"
               "  -h, --help         show this help; COMMAND --help shows a command's\n"
               "  -v, --version      show the version\n");
    return text;
}

int CommandLine::run(const QStringList &arguments)
{
    const QString &first = arguments.first();
    if (first == u"--version"_s || first == u"-v"_s) {
        out() << "byline " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    if (first == u"--help"_s || first == u"-h"_s || first == u"help"_s) {
        out() << helpText();
        return 0;
    }
    return findCommand(first)->run(arguments);
}

} // namespace Byline
