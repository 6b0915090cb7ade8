// SPDX-License-Identifier: GPL-3.0-or-later
// Speed and memory of CoNLL-2003 and W3C Web Annotation export and import on a corpus made of
// the dev set's articles repeated (each copy's key and text made unique). Each phase's peak
// memory is its own (the peak is reset before it), so that the peaks of a run at 1,000
// articles and one at 10,000 compare: an importer that streams keeps them close.
//   build/bin/bench_formats_conll_w3c [articles]      (default 1000)
#include "formats/conllformat.h"
#include "formats/jsonlcodec.h"
#include "formats/jsonlformat.h"
#include "formats/w3cformat.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "residentmemory.h"

#include <cstdio>
#include <memory>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

// Prints a phase's figures; its peak memory also as the growth over the memory it began with,
// which the projects set up before (their caches) make larger at 10,000 articles than at 1,000.
void report(const char *what, qint64 bytes, qint64 ms, int articles)
{
    static double residentBefore = 0;
    const double peak = residentMemory().second;
    std::printf("%-30s %7.1f MB %7lld ms %7.1f MB/s %7.0f articles/s  peak %6.1f MB (+%5.1f MB)\n", what,
        bytes / 1e6, static_cast<long long>(ms), ms > 0 ? bytes / 1e3 / ms : 0.0,
        ms > 0 ? articles * 1000.0 / ms : 0.0, peak, peak - residentBefore);
    std::fflush(stdout);
    resetPeakMemory();
    residentBefore = residentMemory().first;
}

std::unique_ptr<Store> openProject(const QString &path)
{
    StoreError error;
    auto store = Store::open(path, Store::Mode::ReadWrite, &error);
    if (!store)
        qFatal("%s", qPrintable(error.message));
    return store;
}

// Writes the corpus as Byline JSONL, with or without its annotations, and reads it into a project.
std::unique_ptr<Store> corpusProject(const QTemporaryDir &dir, const QList<DatasetDocument> &seeds,
    int articles, bool annotated, const QString &name)
{
    const QString path = dir.filePath(name + u".jsonl"_s);
    {
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            qFatal("cannot write the corpus");
        QByteArray line;
        for (int i = 0; i < articles; ++i) {
            DatasetDocument document = seeds.at(i % seeds.size());
            document.article.key += u"-%1"_s.arg(i);
            document.article.text += u"\n\n#%1"_s.arg(i);
            if (!annotated)
                document.annotations = {};
            line.truncate(0);
            JsonlCodec::write(document.article, document.annotations, line);
            out.write(line);
        }
    }
    auto store = openProject(dir.filePath(name + u".byline"_s));
    JsonlFormat jsonl;
    if (!jsonl.read(*store, path, nullptr, {}))
        qFatal("%s", qPrintable(jsonl.errorString()));
    return store;
}

// Exports the project and imports the file into another, timing both.
void measure(DatasetFormat &format, const char *name, const Store &from, Store &into, const QString &path,
    int articles)
{
    QElapsedTimer timer;
    resetPeakMemory();
    timer.start();
    if (!format.write(from, path, {}))
        qFatal("%s", qPrintable(format.errorString()));
    report(qPrintable(u"%1 export"_s.arg(QString::fromLatin1(name))), QFileInfo(path).size(), timer.elapsed(),
        articles);
    timer.restart();
    FormatReadReport counts;
    if (!format.read(into, path, &counts, {}))
        qFatal("%s", qPrintable(format.errorString()));
    report(qPrintable(u"%1 import"_s.arg(QString::fromLatin1(name))), QFileInfo(path).size(), timer.elapsed(),
        articles);
    if (counts.articles != articles)
        qFatal("%s import took %d articles of %d", name, counts.articles, articles);
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
    const auto corpus = corpusProject(dir, seeds, articles, true, u"corpus"_s);
    // W3C carries no text: it annotates the same articles, present without annotations.
    const auto bare = corpusProject(dir, seeds, articles, false, u"bare"_s);
    const auto fromConll = openProject(dir.filePath(u"from-conll.byline"_s));
    seeds.clear();
    std::printf("%d articles\n", articles);
    resetPeakMemory();
    report("(the projects, untimed)", 0, 0, articles);

    ConllFormat conll;
    measure(conll, "CoNLL", *corpus, *fromConll, dir.filePath(u"corpus.conll"_s), articles);
    W3cFormat w3c;
    measure(w3c, "W3C", *corpus, *bare, dir.filePath(u"corpus.jsonld"_s), articles);
    return 0;
}
