// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput of the dataset formats on a synthetic corpus: the sample articles repeated
// (each with a distinct last line, so none is taken for a duplicate).
// Run: build/bin/bench_formats [articles, default 2000]
#include "formatroundtrip.h"
#include "formats/bratformat.h"
#include "formats/formatregistry.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <cstdio>

using namespace Byline;
using namespace Byline::FormatRoundTrip;
using namespace Qt::StringLiterals;

namespace {

qint64 bytesUnder(const QString &path)
{
    if (!QFileInfo(path).isDir())
        return QFileInfo(path).size();
    qint64 total = 0;
    for (const QString &file : filesUnder(path))
        total += QFileInfo(path + u'/' + file).size();
    return total;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int articles = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    QTemporaryDir dir;
    QString error;
    const auto sample = DatasetJson::readPath(data(u"formats/sample.jsonl"_s), &error);
    if (!sample)
        qFatal("%s", qPrintable(error));
    const QString corpus = dir.filePath(u"corpus.jsonl"_s);
    {
        QFile out(corpus);
        if (!out.open(QIODevice::WriteOnly))
            qFatal("cannot write the corpus");
        for (int i = 0; i < articles; ++i) {
            DatasetDocument document = sample->at(i % sample->size());
            document.article.key += u"-%1"_s.arg(i);
            document.article.text += u"\n\n#%1"_s.arg(i);
            out.write(QJsonDocument(DatasetJson::write(document)).toJson(QJsonDocument::Compact) + '\n');
        }
    }
    const auto store = newProject(dir, u"corpus"_s);
    JsonlFormat jsonl;
    QElapsedTimer timer;
    timer.start();
    if (!jsonl.read(*store, corpus, nullptr, {}))
        qFatal("%s", qPrintable(jsonl.errorString()));
    std::printf("%-6s read  %6d articles %8.1f MB %7.0f ms %7.1f MB/s\n", "jsonl", articles,
        QFileInfo(corpus).size() / 1e6, double(timer.elapsed()),
        QFileInfo(corpus).size() / 1e3 / timer.elapsed());

    for (const QString &name : { u"jsonl"_s, u"csv"_s, u"conll"_s, u"brat"_s }) {
        const auto format = FormatRegistry::create(name);
        const QString out = dir.filePath(u"out."_s + format->extensions().first());
        timer.restart();
        if (!format->write(*store, out, {}))
            qFatal("%s", qPrintable(format->errorString()));
        const qint64 written = timer.elapsed();
        const qint64 bytes = bytesUnder(out);
        std::printf("%-6s write %6d articles %8.1f MB %7lld ms %7.1f MB/s\n", qPrintable(name), articles,
            bytes / 1e6, written, bytes / 1e3 / std::max<qint64>(1, written));
        if (name == u"jsonl"_s)
            continue;
        const auto target = newProject(dir, u"reread-"_s + name);
        timer.restart();
        if (!format->read(*target, out, nullptr, {}))
            qFatal("%s", qPrintable(format->errorString()));
        const qint64 read = timer.elapsed();
        std::printf("%-6s read  %6d articles %8.1f MB %7lld ms %7.1f MB/s\n", qPrintable(name),
            target->articleCount(), bytes / 1e6, read, bytes / 1e3 / std::max<qint64>(1, read));
    }

    // brat parsing alone, without the store: how much of a read is the format's own work
    QStringList types;
    for (const EntityType &type : store->entityTypes())
        types << type.name;
    const QDir brat(dir.filePath(u"out.ann"_s));
    timer.restart();
    QStringList warnings;
    int parsed = 0;
    for (const QString &ann : brat.entryList({ u"*.ann"_s }, QDir::Files)) {
        const QString txt = brat.filePath(ann.chopped(4) + u".txt"_s);
        if (!BratFormat::readArticle(brat.filePath(ann), txt, types, &warnings, &error))
            qFatal("%s", qPrintable(error));
        ++parsed;
    }
    std::printf("brat   parse %6d articles %8.1f MB %7lld ms %7.1f MB/s (no store)\n", parsed,
        bytesUnder(brat.path()) / 1e6, timer.elapsed(),
        bytesUnder(brat.path()) / 1e3 / std::max<qint64>(1, timer.elapsed()));
    return 0;
}
