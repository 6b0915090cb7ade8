// SPDX-License-Identifier: GPL-3.0-or-later
#include "commandline.h"

#include "articleimporter.h"
#include "store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include <map>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::CommandLine", text);
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

struct Command {
    QLatin1StringView name;
    const char *synopsis;
    const char *summary;
    int (*run)(const QStringList &arguments);
};

// Parses the arguments of one command; prints its usage on error. arguments[0] is the command.
bool parse(QCommandLineParser &parser, const QStringList &arguments, const Command &command)
{
    parser.addHelpOption();
    parser.setApplicationDescription(tr(command.summary));
    if (!parser.parse(arguments)) {
        err() << "byline: " << parser.errorText() << Qt::endl
              << tr("Usage: byline %1").arg(QString::fromLatin1(command.synopsis)) << Qt::endl;
        return false;
    }
    if (parser.isSet(u"help"_s)) {
        out() << tr("Usage: byline %1").arg(QString::fromLatin1(command.synopsis)) << Qt::endl
              << Qt::endl
              << tr(command.summary) << Qt::endl;
        return false;
    }
    return true;
}

std::unique_ptr<Store> openStore(const QString &path, Store::Mode mode)
{
    StoreError error;
    auto store = Store::open(path, mode, &error);
    if (!store)
        fail(error.message);
    return store;
}

int importCommand(const QStringList &arguments);
int infoCommand(const QStringList &arguments);

const Command commands[] = {
    { "import"_L1, QT_TRANSLATE_NOOP("Byline::CommandLine", "import PROJECT FILE|FOLDER..."),
        QT_TRANSLATE_NOOP("Byline::CommandLine",
            "Import plain-text articles into PROJECT, creating it when it does not exist. Text that is "
            "already in the project is skipped; a file that cannot be read is reported and the rest go on."),
        importCommand },
    { "info"_L1, QT_TRANSLATE_NOOP("Byline::CommandLine", "info [--articles] PROJECT"),
        QT_TRANSLATE_NOOP("Byline::CommandLine",
            "Show what PROJECT holds: articles by status, annotations by layer and status. "
            "With --articles, list every article with the start of its text."),
        infoCommand },
};

const Command *findCommand(const QString &name)
{
    for (const Command &command : commands) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

int importCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"project"_s, tr("The project file (.byline)."));
    parser.addPositionalArgument(u"files"_s, tr("Text files or folders to import."));
    if (!parse(parser, arguments, *findCommand(u"import"_s)))
        return parser.isSet(u"help"_s) ? 0 : 2;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return fail(tr("import needs a project and at least one file (byline import PROJECT FILE...)"));

    const auto store = openStore(positional.first(), Store::Mode::ReadWrite);
    if (!store)
        return 1;
    ArticleImporter importer(*store);
    int failures = 0;
    for (const ImportOutcome &outcome : importer.importPaths(positional.mid(1))) {
        for (const QString &warning : outcome.warnings)
            err() << "byline: warning: " << warning << Qt::endl;
        switch (outcome.result) {
        case ImportOutcome::Result::Imported:
            out() << tr("imported %1: “%2” (%3 characters)")
                         .arg(outcome.key, outcome.title)
                         .arg(outcome.characters)
                  << Qt::endl;
            break;
        case ImportOutcome::Result::AlreadyInProject:
            out() << tr("skipped %1").arg(outcome.message) << Qt::endl;
            break;
        case ImportOutcome::Result::Failed:
            ++failures;
            err() << "byline: " << outcome.message << Qt::endl;
            break;
        }
    }
    return failures == 0 ? 0 : 1;
}

QString statusBreakdown(const AnnotationCounts &counts, Layer layer)
{
    QStringList parts;
    for (const auto status : { AnnotationStatus::Auto, AnnotationStatus::Accepted, AnnotationStatus::Edited,
             AnnotationStatus::Manual, AnnotationStatus::Rejected })
        parts << u"%1 %2"_s.arg(toString(status)).arg(counts.count(layer, status));
    return parts.join(u", "_s);
}

QString excerpt(const QString &text, qsizetype length)
{
    QString simplified = text.simplified();
    if (simplified.size() > length)
        simplified = simplified.left(length).trimmed() + u"…"_s;
    return simplified;
}

int infoCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption articlesOption(u"articles"_s, tr("List every article."));
    parser.addOption(articlesOption);
    parser.addPositionalArgument(u"project"_s, tr("The project file (.byline)."));
    if (!parse(parser, arguments, *findCommand(u"info"_s)))
        return parser.isSet(u"help"_s) ? 0 : 2;
    if (parser.positionalArguments().size() != 1)
        return fail(tr("info needs exactly one project (byline info PROJECT)"));
    const QString path = parser.positionalArguments().first();
    if (!QFileInfo::exists(path))
        return fail(tr("%1 does not exist").arg(path));
    const auto store = openStore(path, Store::Mode::ReadOnly);
    if (!store)
        return 1;

    const auto articleCounts = store->articleStatusCounts();
    const AnnotationCounts counts = store->annotationCounts();
    out() << tr("Project:  %1").arg(store->path()) << Qt::endl
          << tr("Articles: %1 (todo %2, in progress %3, done %4)")
                 .arg(store->articleCount())
                 .arg(articleCounts.value(ArticleStatus::Todo))
                 .arg(articleCounts.value(ArticleStatus::InProgress))
                 .arg(articleCounts.value(ArticleStatus::Done))
          << Qt::endl
          << tr("Entities: %1 mentions (%2)")
                 .arg(counts.count(Layer::Entities))
                 .arg(statusBreakdown(counts, Layer::Entities))
          << Qt::endl
          << tr("Quotes:   %1 (%2)")
                 .arg(counts.count(Layer::Quotes))
                 .arg(statusBreakdown(counts, Layer::Quotes))
          << Qt::endl
          << tr("Figures:  %1 (%2)")
                 .arg(counts.count(Layer::Figures))
                 .arg(statusBreakdown(counts, Layer::Figures))
          << Qt::endl;
    if (!parser.isSet(articlesOption))
        return 0;

    constexpr int page = 500;
    for (int offset = 0;; offset += page) {
        const QList<ArticleSummary> summaries = store->articleSummaries(offset, page);
        for (const ArticleSummary &summary : summaries) {
            const auto article = store->article(summary.id);
            out() << Qt::endl
                  << tr("%1  “%2”  [%3]  %4 characters, %5 entities, %6 quotes, %7 figures")
                         .arg(summary.key, summary.title, toString(summary.status))
                         .arg(article ? article->text.size() : 0)
                         .arg(summary.entityCount)
                         .arg(summary.quoteCount)
                         .arg(summary.figureCount)
                  << Qt::endl
                  << u"    "_s << excerpt(article ? article->text : QString(), 300) << Qt::endl;
        }
        if (summaries.size() < page)
            break;
    }
    return 0;
}

} // namespace

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
    QString text = tr("Usage: byline [--screenshot PNG] [PROJECT.byline | FILE...]\n"
                      "       byline COMMAND [ARGUMENTS...]\n\n"
                      "Byline annotates news articles: entities, quotes with their speakers, and figures.\n"
                      "Without a command it opens the main window on a project, or imports text files into\n"
                      "the Inbox project and shows them.\n\nCommands:\n");
    for (const Command &command : commands)
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
