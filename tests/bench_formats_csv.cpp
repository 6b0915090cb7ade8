// SPDX-License-Identifier: GPL-3.0-or-later
// Speed and memory of CSV export and import (a folder of tables, every layer) on a corpus made of
// the dev set's articles repeated (each copy's key and text made unique). Each phase's peak
// memory is its own (the peak is reset before it), so that the peak of 10,000 articles can be
// set beside the peak of 1,000: streaming keeps it flat.
//   build/bin/bench_formats_csv [articles]      (default 1000)
#include "formats/csvformat.h"
#include "formats/jsonlcodec.h"
#include "formats/jsonlformat.h"
#include "store.h"

#include <QCoreApplication>
#include <QDirIterator>
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

// As bench_formats_jsonl's, with what the phase added to the resident memory it began with: the
// project left some behind, more for more articles, and the phase's own growth is what must be flat.
void report(const char *what, qint64 bytes, qint64 ms, int articles)
{
    static double processorBefore = 0;
    static double residentBefore = 0;
    const double processor = processorSeconds() - processorBefore;
    const double peak = residentMemory().second;
    std::printf(
        "%-38s %7.1f MB %7lld ms %7.1f MB/s %7.0f articles/s  cpu %6.2f s  peak %6.1f MB (+%5.1f MB)\n", what,
        bytes / 1e6, static_cast<long long>(ms), ms > 0 ? bytes / 1e3 / ms : 0.0,
        ms > 0 ? articles * 1000.0 / ms : 0.0, processor, peak, peak - residentBefore);
    std::fflush(stdout);
    resetPeakMemory();
    processorBefore = processorSeconds();
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

qint64 folderSize(const QString &folder)
{
    qint64 bytes = 0;
    QDirIterator files(folder, QDir::Files);
    while (files.hasNext())
        bytes += files.nextFileInfo().size();
    return bytes;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int articles = argc > 1 ? QByteArray(argv[1]).toInt() : 1000;
    QTemporaryDir dir;
    const QString corpus = dir.filePath(u"corpus.jsonl"_s);
    {
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
        QFile out(corpus);
        if (!out.open(QIODevice::WriteOnly))
            qFatal("cannot write the corpus");
        QByteArray line;
        for (int i = 0; i < articles; ++i) {
            DatasetDocument document = seeds.at(i % seeds.size());
            document.article.key += u"-%1"_s.arg(i);
            document.article.text += u"\n\n#%1"_s.arg(i);
            line.truncate(0);
            JsonlCodec::write(document.article, document.annotations, line);
            out.write(line);
        }
    }
    const auto store = openProject(dir.filePath(u"corpus.byline"_s));
    JsonlFormat jsonl;
    if (!jsonl.read(*store, corpus, nullptr, {}))
        qFatal("%s", qPrintable(jsonl.errorString()));
    QFile::remove(corpus);
    std::printf("%d articles\n", articles);
    resetPeakMemory();
    report("(the project, untimed)", 0, 0, articles);

    CsvFormat csv;
    const QString tables = dir.filePath(u"tables"_s);
    QElapsedTimer timer;
    timer.start();
    if (!csv.write(*store, tables, {}))
        qFatal("%s", qPrintable(csv.errorString()));
    const qint64 bytes = folderSize(tables);
    report("export (store + encode + files)", bytes, timer.elapsed(), articles);

    const auto reread = openProject(dir.filePath(u"reread.byline"_s));
    timer.restart();
    FormatReadReport counts;
    if (!csv.read(*reread, tables, &counts, {}))
        qFatal("%s", qPrintable(csv.errorString()));
    report("import (decode + parse + store)", bytes, timer.elapsed(), articles);
    if (counts.articles != articles)
        qFatal("imported %d articles of %d", counts.articles, articles);
    return 0;
}
