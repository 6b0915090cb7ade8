// SPDX-License-Identifier: GPL-3.0-or-later
// byline bench corpus
#include "cli.h"
#include "corpusgenerator.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Byline::Cli {

int benchCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption articlesOption(
        u"articles"_s, tr("How many articles to generate (default 1000)."), u"n"_s, u"1000"_s);
    const QCommandLineOption outputOption({ u"o"_s, u"output"_s },
        tr("The project to write (default corpus-N.byline); it must not exist yet."), u"project"_s);
    parser.addOptions({ articlesOption, outputOption });
    parser.addPositionalArgument(u"corpus"_s, tr("What to make: corpus, a project for the benchmarks."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    if (parser.positionalArguments() != QStringList { u"corpus"_s })
        return fail(tr("bench knows one task: byline bench corpus --articles N [-o PROJECT]"));
    bool ok = false;
    const int count = parser.value(articlesOption).toInt(&ok);
    if (!ok || count < 1)
        return fail(tr("--articles needs a positive number, not %1").arg(parser.value(articlesOption)));
    const QString path
        = parser.isSet(outputOption) ? parser.value(outputOption) : u"corpus-%1.byline"_s.arg(count);
    // Appending to a project would mix invented articles with an analyst's.
    if (QFileInfo::exists(path))
        return fail(tr("%1 exists already; give a new project (-o PROJECT)").arg(path));
    const auto store = openStore(path, Store::Mode::ReadWrite);
    if (!store)
        return 1;

    QElapsedTimer timer;
    timer.start();
    CorpusGenerator generator;
    const bool generated = generator.generate(*store, count,
        [count](int done) { err() << tr("\r%1 of %2 articles").arg(done).arg(count) << Qt::flush; });
    err() << Qt::endl;
    if (!generated)
        return fail(generator.errorString());
    out()
        << tr("wrote %1 articles to %2 in %3 s").arg(count).arg(path).arg(timer.elapsed() / 1000.0, 0, 'f', 1)
        << Qt::endl;
    return 0;
}

} // namespace Byline::Cli
