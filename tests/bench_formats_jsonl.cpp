// SPDX-License-Identifier: GPL-3.0-or-later
// Speed and memory of Byline JSONL import and export on a corpus made of the dev set's articles
// repeated (each copy's key and text made unique), and where the time goes: the codec alone
// (parse, write) against the store (insert, read). Each phase's peak memory is its own (the
// peak is reset before it), so sizes compare within one run:
//   build/bin/bench_formats_jsonl [articles]      (default 1000; ./dev bench runs 1k, 10k, 100k)
// Up to 10,000 articles, the import is measured a second time the way it went before the bulk
// insert: every article in one transaction, the triggers keeping counts and search row by row.
#include "formats/exportselection.h"
#include "formats/jsonlcodec.h"
#include "formats/jsonlformat.h"
#include "formats/linestream.h"
#include "formats/projectdocuments.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "residentmemory.h"

#include <cstdio>
#include <ctime>
#include <memory>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

// The process's processor time, every thread's: on a busy machine wall time also counts waiting
// for a core, processor time does not.
double processorSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

void report(const char *what, qint64 bytes, qint64 ms, int articles)
{
    static double processorBefore = 0;
    const double processor = processorSeconds() - processorBefore;
    std::printf("%-38s %7.1f MB %7lld ms %7.1f MB/s %7.0f articles/s  cpu %6.2f s  peak %6.1f MB\n", what,
        bytes / 1e6, static_cast<long long>(ms), ms > 0 ? bytes / 1e3 / ms : 0.0,
        ms > 0 ? articles * 1000.0 / ms : 0.0, processor, residentMemory().second);
    std::fflush(stdout);
    resetPeakMemory();
    processorBefore = processorSeconds();
}

std::unique_ptr<Store> openProject(const QString &path)
{
    StoreError error;
    auto store = Store::open(path, Store::Mode::ReadWrite, &error);
    if (!store)
        qFatal("%s", qPrintable(error.message));
    return store;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int articles = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    QTemporaryDir dir;
    QFile dev(QStringLiteral(BYLINE_TEST_DATA) + u"/jsonl/dev.jsonl"_s);
    if (!dev.open(QIODevice::ReadOnly))
        qFatal("cannot read dev.jsonl");
    QList<DatasetDocument> seeds;
    for (const QByteArray &line : dev.readAll().trimmed().split('\n')) {
        QString error;
        auto document = JsonlCodec::read(line, &error);
        if (!document)
            qFatal("%s", qPrintable(error));
        seeds.append(*document);
    }
    qint64 entities = 0, quotes = 0, figures = 0;
    const QString corpus = dir.filePath(u"corpus.jsonl"_s);
    {
        QFile out(corpus);
        if (!out.open(QIODevice::WriteOnly))
            qFatal("cannot write the corpus");
        QByteArray line;
        for (int i = 0; i < articles; ++i) {
            DatasetDocument document = seeds.at(i % seeds.size());
            document.article.key += u"-%1"_s.arg(i);
            document.article.text += u"\n\n#%1"_s.arg(i);
            entities += document.annotations.entities.size();
            quotes += document.annotations.quotes.size();
            figures += document.annotations.figures.size();
            line.truncate(0);
            JsonlCodec::write(document.article, document.annotations, line);
            out.write(line);
        }
    }
    seeds.clear();
    const qint64 bytes = QFileInfo(corpus).size();
    std::printf("%d articles, %.1f entities, %.1f quotes, %.1f figures each; %.1f kB each\n", articles,
        double(entities) / articles, double(quotes) / articles, double(figures) / articles,
        bytes / 1e3 / articles);

    // The codec alone: parsing every line, without storing anything.
    QElapsedTimer timer;
    resetPeakMemory();
    report("(writing the corpus, untimed)", bytes, 0, articles);
    timer.start();
    {
        QFile in(corpus);
        if (!in.open(QIODevice::ReadOnly))
            qFatal("cannot read the corpus");
        LineStream lines(in);
        while (const auto line = lines.next()) {
            if (!JsonlCodec::read(*line, nullptr))
                qFatal("unreadable corpus line %lld", lines.lineNumber());
        }
    }
    report("parse (codec only)", bytes, timer.elapsed(), articles);

    const auto store = openProject(dir.filePath(u"corpus.byline"_s));
    JsonlFormat jsonl;
    resetPeakMemory();
    timer.restart();
    if (!jsonl.read(*store, corpus, nullptr, {}))
        qFatal("%s", qPrintable(jsonl.errorString()));
    report("import (parse + store)", bytes, timer.elapsed(), articles);

    if (articles <= 10'000) {
        const auto rowByRow = openProject(dir.filePath(u"row-by-row.byline"_s));
        QFile in(corpus);
        if (!in.open(QIODevice::ReadOnly))
            qFatal("cannot read the corpus");
        timer.restart();
        Store::Transaction transaction(*rowByRow);
        LineStream lines(in);
        while (const auto line = lines.next()) {
            auto document = JsonlCodec::read(*line, nullptr);
            if (!document || rowByRow->articleWithText(document->article.text)
                || rowByRow->articleIdForKey(document->article.key)
                || !rowByRow->addDocument(document->article, document->annotations))
                qFatal("cannot store line %lld", lines.lineNumber());
        }
        if (!transaction.commit())
            qFatal("%s", qPrintable(rowByRow->errorString()));
        report("import row by row (triggers, before)", bytes, timer.elapsed(), articles);
    }

    // Reading the project back alone, then encoding alone, then the whole export.
    timer.restart();
    qint64 encoded = 0;
    forEachProjectDocument(*store, ExportSelection(), [&](const DatasetDocument &) { return ++encoded > 0; });
    report("read project (store only)", bytes, timer.elapsed(), articles);
    timer.restart();
    encoded = 0;
    QByteArray buffer;
    forEachProjectDocument(*store, ExportSelection(), [&](const DatasetDocument &document) {
        JsonlCodec::write(document.article, document.annotations, buffer);
        encoded += buffer.size();
        buffer.truncate(0);
        return true;
    });
    report("read project + encode", encoded, timer.elapsed(), articles);
    const QString exported = dir.filePath(u"export.jsonl"_s);
    timer.restart();
    if (!jsonl.write(*store, exported, {}))
        qFatal("%s", qPrintable(jsonl.errorString()));
    report("export (store + encode + file)", QFileInfo(exported).size(), timer.elapsed(), articles);
    return 0;
}
