// SPDX-License-Identifier: GPL-3.0-or-later
// byline agreement
#include "agreement/agreementrun.h"
#include "cli.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace Byline::Cli {

int agreementCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(u"json"_s, tr("Print JSON instead of a table."));
    const QCommandLineOption articleOption(
        u"article"_s, tr("Only this article (its id as in byline info --articles)."), u"key"_s);
    parser.addOptions({ jsonOption, articleOption });
    parser.addPositionalArgument(u"project"_s, tr("The project file (.byline)."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    if (parser.positionalArguments().size() != 1)
        return fail(tr("agreement needs exactly one project (byline agreement PROJECT)"));
    const auto store = openStore(parser.positionalArguments().first(), Store::Mode::ReadOnly);
    if (!store)
        return 1;

    AgreementReport report;
    if (parser.isSet(articleOption)) {
        const auto single = AgreementRun::runArticle(*store, parser.value(articleOption));
        if (!single)
            return fail(tr("no article %1 in the project").arg(parser.value(articleOption)));
        report = *single;
    } else {
        report = AgreementRun::run(*store);
    }

    if (parser.isSet(jsonOption)) {
        out() << QString::fromUtf8(QJsonDocument(report.toJson()).toJson()) << Qt::flush;
        return 0;
    }
    if (report.pairs.isEmpty()) {
        out() << tr("no article of %n read was annotated by two annotators", nullptr, report.articlesRead)
              << Qt::endl;
        return 0;
    }
    out() << tr("%1 of %2 articles annotated by two or more of %3 annotators")
                 .arg(report.articlesCompared)
                 .arg(report.articlesRead)
                 .arg(report.annotators.size())
          << Qt::endl
          << Qt::endl
          << report.toText() << Qt::flush;
    return 0;
}

} // namespace Byline::Cli
