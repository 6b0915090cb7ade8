// SPDX-License-Identifier: GPL-3.0-or-later
// byline import, byline info
#include "articleimporter.h"
#include "cli.h"
#include "formats/formatregistry.h"
#include "formats/importplan.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

#include <optional>

using namespace Qt::StringLiterals;

namespace Byline::Cli {

namespace {

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

// Imports one plain-text file, saying what became of it; how many failed.
int importText(ArticleImporter &importer, const QString &file)
{
    int failures = 0;
    for (const ImportOutcome &outcome : importer.importPaths({ file })) {
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
    return failures;
}

} // namespace

int importCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption formatOption(u"format"_s,
        tr("Read every file as FORMAT, one of %1. By default the extension decides; plain text "
           "otherwise.")
            .arg(FormatRegistry::shortNames(DatasetFormat::CanRead).join(u", "_s)),
        u"format"_s);
    const QCommandLineOption skipBadRecordsOption(u"skip-bad-records"_s,
        tr("Take the good records of a dataset and report the bad ones, instead of taking nothing from a "
           "file with a bad record."));
    parser.addOption(formatOption);
    parser.addOption(skipBadRecordsOption);
    parser.addOption(formatOptionsOption());
    parser.addPositionalArgument(u"project"_s, tr("The project file (.byline)."));
    parser.addPositionalArgument(u"files"_s, tr("Files or folders to import."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return fail(tr("import needs a project and at least one file (byline import PROJECT FILE...)"));
    const QString formatName = parser.value(formatOption);
    if (!formatName.isEmpty() && formatName != u"text"_s && !FormatRegistry::create(formatName))
        return fail(tr("unknown format %1 (known: %2)")
                .arg(formatName, FormatRegistry::shortNames(DatasetFormat::CanRead).join(u", "_s)));

    FormatOptions options;
    if (!formatOptions(parser, &options))
        return 1;
    // A named format is checked before anything is read; the formats the extensions choose, file by file.
    if (const auto named = FormatRegistry::create(formatName); named) {
        if (const QString problem = named->optionsProblem(options); !problem.isEmpty())
            return fail(problem);
    }
    if (parser.isSet(skipBadRecordsOption))
        options.insert(u"skipBadRecords"_s, true);

    const auto store = openStore(positional.first(), Store::Mode::ReadWrite);
    if (!store)
        return 1;
    const ImportPlan plan = ImportPlan::make(positional.mid(1), formatName);
    int failures = int(plan.errors().size());
    for (const QString &error : plan.errors())
        err() << "byline: " << error << Qt::endl;
    for (const QString &warning : plan.warnings())
        err() << "byline: warning: " << warning << Qt::endl;
    // The rows commit first and are indexed for search after them, below: a killed import keeps
    // what it committed, and the next run or window completes the index.
    store->setSearchIndexing(Store::SearchIndexing::Deferred);
    // Alone on the file, the imports write through one rollback journal rather than the log (see
    // there), switched once for all the files rather than at each.
    auto alone = std::make_optional<Store::SoleWriterJournal>(*store, true);
    ArticleImporter importer(*store);
    // In the plan's order, so that articles come in as the window's import takes them.
    for (const auto &[file, fileFormat] : plan.units()) {
        auto format = FormatRegistry::create(fileFormat);
        // Plain text keeps the importer's per-file report (key, title, characters).
        if (!format || format->shortName() == u"text"_s) {
            failures += importText(importer, file);
            continue;
        }
        if (const QString problem = format->optionsProblem(options); !problem.isEmpty()) {
            ++failures;
            err() << "byline: " << file << ": " << problem << Qt::endl;
            continue;
        }
        format->setOptions(options);
        FormatReadReport report;
        const bool read = format->read(*store, file, &report, {});
        for (const QString &warning : std::as_const(report.warnings))
            err() << "byline: warning: " << warning << Qt::endl;
        for (const QString &bad : std::as_const(report.badRecords))
            err() << "byline: " << tr("skipped a bad record: %1").arg(bad) << Qt::endl;
        // A file that failed took nothing, whatever its report counted before the failure.
        out() << tr("imported %n article(s) from %1", nullptr, read ? report.articles : 0).arg(file)
              << Qt::endl;
        if (!read) {
            ++failures;
            err() << "byline: " << format->errorString() << Qt::endl;
        }
    }
    // The file is other programs' again while the search index is completed.
    alone.reset();
    if (!completeSearchIndex(*store))
        ++failures;
    return failures == 0 ? 0 : 1;
}

int infoCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption articlesOption(u"articles"_s, tr("List every article."));
    parser.addOption(articlesOption);
    parser.addPositionalArgument(u"project"_s, tr("The project file (.byline)."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    if (parser.positionalArguments().size() != 1)
        return fail(tr("info needs exactly one project (byline info PROJECT)"));
    const QString path = parser.positionalArguments().first();
    if (!Store::isServerLocation(path) && !QFileInfo::exists(path))
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
    for (RecordId last = 0;;) {
        const QList<ArticleSummary> summaries = store->articleSummariesAfter(last, page);
        for (const ArticleSummary &summary : summaries) {
            last = summary.id;
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

} // namespace Byline::Cli
