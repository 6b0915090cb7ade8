// SPDX-License-Identifier: GPL-3.0-or-later
// byline extract, byline eval
#include "cli.h"
#include "extraction/datasetjson.h"
#include "extraction/extractor.h"
#include "extraction/scorer.h"
#include "extractionjob.h"
#include "formats/projectdocuments.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace Byline::Cli {

int extractCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption articlesOption(u"articles"_s,
        tr("Only these articles (ids as in byline info --articles; repeat or separate with commas)."),
        u"ids"_s);
    parser.addOption(articlesOption);
    parser.addPositionalArgument(u"project"_s, tr("The project file (.byline)."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    if (parser.positionalArguments().size() != 1)
        return fail(tr("extract needs exactly one project (byline extract PROJECT)"));
    const auto store = openStore(parser.positionalArguments().first(), Store::Mode::ReadWrite);
    if (!store)
        return 1;

    QList<RecordId> articleIds;
    for (const QString &keys : parser.values(articlesOption)) {
        for (const QString &key : keys.split(u',', Qt::SkipEmptyParts)) {
            const auto id = store->articleIdForKey(key.trimmed());
            if (!id)
                return fail(tr("no article %1 in the project").arg(key.trimmed()));
            articleIds << *id;
        }
    }

    // Without --articles the job streams over the whole corpus and continues an unfinished run.
    const auto job = articleIds.isEmpty() ? std::make_unique<ExtractionJob>(*store)
                                          : std::make_unique<ExtractionJob>(*store, articleIds);
    QEventLoop loop;
    QString failure;
    SuggestionCounts counts;
    QObject::connect(job.get(), &ExtractionJob::progressed, &loop,
        [](int done, int total) { err() << tr("\r%1 of %2 articles").arg(done).arg(total) << Qt::flush; });
    QObject::connect(job.get(), &ExtractionJob::finished, &loop, [&](const SuggestionCounts &result, bool) {
        counts = result;
        loop.quit();
    });
    QObject::connect(job.get(), &ExtractionJob::failed, &loop, [&](const QString &message) {
        failure = message;
        loop.quit();
    });
    QTimer::singleShot(0, job.get(), &ExtractionJob::start);
    loop.exec();
    err() << Qt::endl;
    if (!failure.isEmpty())
        return fail(failure);
    if (job->resumed() > 0)
        out() << tr("continued an unfinished run after %1 articles").arg(job->resumed()) << Qt::endl;
    out() << tr("extracted %1 articles: %2 new entities, %3 mentions, %4 quotes, %5 figures suggested")
                 .arg(job->total() - job->resumed())
                 .arg(counts.entities)
                 .arg(counts.mentions)
                 .arg(counts.quotes)
                 .arg(counts.figures)
          << Qt::endl;
    return 0;
}

int evalCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption goldOption(
        u"gold"_s, tr("Gold annotations: a .jsonl, a .json or a folder of .json."), u"path"_s);
    const QCommandLineOption predictedOption(
        u"predicted"_s, tr("Predictions in the same format."), u"path"_s);
    const QCommandLineOption projectOption(
        u"project"_s, tr("Take the predictions from a project."), u"project"_s);
    const QCommandLineOption jsonOption(
        u"json"_s, tr("Also write the scores as JSON to this file."), u"file"_s);
    parser.addOptions({ goldOption, predictedOption, projectOption, jsonOption });
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    if (!parser.isSet(goldOption))
        return fail(tr("eval needs --gold (byline eval --gold FILE|DIR [--predicted FILE | --project P])"));
    if (parser.isSet(predictedOption) && parser.isSet(projectOption))
        return fail(tr("give either --predicted or --project, not both"));

    QString error;
    const auto gold = DatasetJson::readPath(parser.value(goldOption), &error);
    if (!gold)
        return fail(error);

    QList<DatasetDocument> predicted;
    if (parser.isSet(predictedOption)) {
        const auto read = DatasetJson::readPath(parser.value(predictedOption), &error);
        if (!read)
            return fail(error);
        predicted = *read;
    } else if (parser.isSet(projectOption)) {
        const auto store = openStore(parser.value(projectOption), Store::Mode::ReadOnly);
        if (!store)
            return 1;
        forEachProjectDocument(*store, ExportSelection(), [&predicted](const DatasetDocument &document) {
            predicted << document;
            return true;
        });
    } else {
        // No predictions given: extract from the gold texts themselves.
        const Extractor extractor;
        for (const DatasetDocument &document : *gold) {
            DatasetDocument prediction;
            prediction.article = document.article;
            prediction.annotations = extractor.extract(document.article.text);
            predicted << prediction;
        }
    }

    const ScoreResult result = Scorer::score(*gold, predicted);
    out() << result.toText();
    if (parser.isSet(jsonOption)) {
        QSaveFile file(parser.value(jsonOption));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(result.toJson()).toJson()) < 0
            || !file.commit())
            return fail(tr("Cannot write %1: %2").arg(parser.value(jsonOption), file.errorString()));
    }
    return 0;
}

} // namespace Byline::Cli
