// SPDX-License-Identifier: GPL-3.0-or-later
// byline export
#include "cli.h"
#include "formats/formatregistry.h"
#include "searchbacklog.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Byline::Cli {

QCommandLineOption formatOptionsOption()
{
    return QCommandLineOption(u"option"_s,
        tr("A setting of the format, repeatable: excel=true (csv), textColumn=body (csv), tokens=true "
           "(conll), status=accepted (conll), offsets=utf16 (%1: offsets in UTF-16 code units instead of "
           "code points).")
            .arg(FormatRegistry::shortNames(DatasetFormat::ChoosesOffsetUnit).join(u", "_s)),
        u"name=value"_s);
}

bool formatOptions(const QCommandLineParser &parser, FormatOptions *options)
{
    for (const QString &setting : parser.values(formatOptionsOption())) {
        const qsizetype equals = setting.indexOf(u'=');
        if (equals <= 0) {
            fail(tr("--option needs NAME=VALUE, not %1").arg(setting));
            return false;
        }
        options->insert(setting.left(equals), setting.mid(equals + 1));
    }
    return true;
}

int exportCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption formatOption(u"format"_s,
        tr("The format: %1. By default the output's extension decides.")
            .arg(FormatRegistry::shortNames(DatasetFormat::CanWrite).join(u", "_s)),
        u"format"_s);
    const QCommandLineOption outputOption(
        { u"o"_s, u"output"_s }, tr("The file (or folder) to write."), u"path"_s);
    const QCommandLineOption layersOption(u"layers"_s,
        tr("Only these layers, comma-separated: entities, quotes, figures (default: all)."), u"list"_s);
    const QCommandLineOption statusOption(u"status"_s,
        tr("Only annotations of these statuses, comma-separated: auto, accepted, edited, manual, "
           "rejected (default: all; formats without statuses leave rejected ones out)."),
        u"list"_s);
    const QCommandLineOption doneOption(u"done-only"_s, tr("Only the articles marked done."));
    const QCommandLineOption searchOption(u"search"_s,
        tr("Only the articles a search finds, as the search panel reads it: words, \"phrases\", "
           "speaker:, type:, kind:, status:."),
        u"query"_s);
    const QCommandLineOption annotatorOption(u"annotator"_s,
        tr("Only the annotations this annotator made or last reviewed; \"all\" for everyone's. Default: "
           "the curated layer (curator) where the project has one, else everyone's."),
        u"name"_s);
    parser.addOptions({ formatOption, outputOption, layersOption, statusOption, doneOption, searchOption,
        annotatorOption, formatOptionsOption() });
    parser.addPositionalArgument(u"project"_s, tr("The project file (.byline)."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(outputOption))
        return fail(tr("export needs a project and an output (byline export PROJECT --format NAME -o PATH)"));
    const QString output = parser.value(outputOption);
    auto format = parser.isSet(formatOption) ? FormatRegistry::create(parser.value(formatOption))
                                             : FormatRegistry::forFileName(output, DatasetFormat::CanWrite);
    if (!format || !format->capabilities().testFlag(DatasetFormat::CanWrite))
        return fail(tr("unknown export format %1 (known: %2)")
                .arg(parser.isSet(formatOption) ? parser.value(formatOption) : output,
                    FormatRegistry::shortNames(DatasetFormat::CanWrite).join(u", "_s)));

    FormatOptions options;
    if (!formatOptions(parser, &options))
        return 1;
    if (const QString problem = format->optionsProblem(options); !problem.isEmpty())
        return fail(problem);
    format->setOptions(options);

    const QString project = parser.positionalArguments().first();
    const auto store = openStore(project, Store::Mode::ReadOnly);
    if (!store)
        return 1;
    // A search reads the index: what an import left unindexed is indexed first, unless the
    // project is open in a window, whose indexer is at it (the selection then says to wait).
    if (parser.isSet(searchOption) && SearchBacklog::remaining(*store) > 0) {
        StoreError error;
        if (const auto writable = Store::open(project, Store::Mode::ReadWrite, &error);
            writable && !completeSearchIndex(*writable))
            return 1;
    }
    ExportSelection selection = ExportSelection::defaultFor(*store);
    QString error;
    if (parser.isSet(layersOption)) {
        const auto layers = ExportSelection::layersFromString(parser.value(layersOption), &error);
        if (!layers)
            return fail(error);
        selection.layers = *layers;
    }
    if (parser.isSet(statusOption)) {
        const auto statuses = ExportSelection::statusesFromString(parser.value(statusOption), &error);
        if (!statuses)
            return fail(error);
        selection.statuses = *statuses;
    }
    selection.doneOnly = parser.isSet(doneOption);
    selection.search = parser.value(searchOption);
    if (parser.isSet(annotatorOption)) {
        const QString annotator = parser.value(annotatorOption);
        selection.annotator = annotator == ExportSelection::everyoneName() ? QString() : annotator;
    }
    if (const QString problem = selection.problem(); !problem.isEmpty())
        return fail(problem);
    format->setSelection(selection);
    if (!format->limitations().isEmpty())
        err() << "byline: note: " << format->limitations() << Qt::endl;
    const SelectedArticles articles(*store, selection);
    if (!articles.isValid())
        return fail(articles.errorString());
    if (!format->write(*store, output, {}))
        return fail(format->errorString());
    out() << tr("wrote %n article(s) to %1", nullptr, int(articles.count())).arg(output) << Qt::endl;
    return 0;
}

} // namespace Byline::Cli
