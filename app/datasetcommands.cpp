// SPDX-License-Identifier: GPL-3.0-or-later
// byline export
#include "cli.h"
#include "formats/formatregistry.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Byline::Cli {

QCommandLineOption formatOptionsOption()
{
    return QCommandLineOption(u"option"_s,
        tr("A setting of the format, repeatable: excel=true (csv), textColumn=body (csv), tokens=true "
           "(conll), status=accepted (conll)."),
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
    parser.addOption(formatOption);
    parser.addOption(outputOption);
    parser.addOption(formatOptionsOption());
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
    format->setOptions(options);

    const auto store = openStore(parser.positionalArguments().first(), Store::Mode::ReadOnly);
    if (!store)
        return 1;
    if (!format->limitations().isEmpty())
        err() << "byline: note: " << format->limitations() << Qt::endl;
    if (!format->write(*store, output, {}))
        return fail(format->errorString());
    out() << tr("wrote %n article(s) to %1", nullptr, store->articleCount()).arg(output) << Qt::endl;
    return 0;
}

} // namespace Byline::Cli
