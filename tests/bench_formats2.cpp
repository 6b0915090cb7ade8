// SPDX-License-Identifier: GPL-3.0-or-later
// Speed of the doccano, Label Studio, W3C and REFI-QDA formats on a corpus made of the
// fixture articles repeated (each copy's text made unique). Run by hand:
//   build/bin/bench_formats2 [articles [formats...]]      (default 2000, every format)
#include "formats/formatregistry.h"
#include "store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include "residentmemory.h"

#include <cstdio>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

void report(const char *what, qint64 bytes, qint64 ms, int articles)
{
    std::printf("%-28s %8.1f MB %7lld ms %8.1f MB/s %9.0f articles/s  peak %6.1f MB\n", what, bytes / 1e6,
        static_cast<long long>(ms), ms > 0 ? bytes / 1e3 / ms : 0.0, ms > 0 ? articles * 1000.0 / ms : 0.0,
        residentMemory().second);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int articles = argc > 1 ? QByteArray(argv[1]).toInt() : 2000;
    QTemporaryDir dir;
    QFile fixtures(QStringLiteral(BYLINE_TEST_DATA) + u"/formats2/input.jsonl"_s);
    if (!fixtures.open(QIODevice::ReadOnly))
        return 1;
    const QList<QByteArray> lines = fixtures.readAll().trimmed().split('\n');
    const QString corpus = dir.filePath(u"corpus.jsonl"_s);
    QFile out(corpus);
    if (!out.open(QIODevice::WriteOnly))
        return 1;
    for (int i = 0; i < articles; ++i) {
        QJsonObject object = QJsonDocument::fromJson(lines.at(i % lines.size())).object();
        object.insert("id"_L1, QString(object.value("id"_L1).toString() + u'-' + QString::number(i)));
        object.insert("text"_L1, QString(object.value("text"_L1).toString() + u" #"_s + QString::number(i)));
        out.write(QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
    }
    out.close();

    StoreError error;
    auto store = Store::open(dir.filePath(u"corpus.byline"_s), Store::Mode::ReadWrite, &error);
    QElapsedTimer timer;
    timer.start();
    if (!FormatRegistry::create(u"jsonl")->read(*store, corpus, nullptr, {}))
        return 1;
    std::printf("%d articles\n", articles);
    report("import jsonl (setup)", QFileInfo(corpus).size(), timer.elapsed(), articles);

    const QStringList only = app.arguments().mid(2);
    for (const QString &name : { u"jsonl"_s, u"doccano"_s, u"labelstudio"_s, u"w3c"_s, u"qdpx"_s }) {
        if (!only.isEmpty() && !only.contains(name))
            continue;
        const auto format = FormatRegistry::create(name);
        const QString path = dir.filePath(u"out."_s + name);
        timer.restart();
        if (!format->write(*store, path, {})) {
            std::printf("%s: %s\n", qPrintable(name), qPrintable(format->errorString()));
            return 1;
        }
        report(qPrintable(u"write "_s + name), QFileInfo(path).size(), timer.elapsed(), articles);
        // W3C annotates articles already in a project: not measured on an empty one.
        if (!format->capabilities().testFlag(DatasetFormat::CanRead) || name == u"jsonl"_s
            || name == u"w3c"_s)
            continue;
        auto target = Store::open(dir.filePath(name + u".byline"_s), Store::Mode::ReadWrite, &error);
        // The read's own peak, over what the process held before it: whether memory stays flat
        // in the file's size.
        resetPeakMemory();
        const double before = residentMemory().first;
        timer.restart();
        if (!format->read(*target, path, nullptr, {})) {
            std::printf("%s: %s\n", qPrintable(name), qPrintable(format->errorString()));
            return 1;
        }
        report(qPrintable(u"read "_s + name), QFileInfo(path).size(), timer.elapsed(), articles);
        std::printf("%-28s read peak %6.1f MB over the %.1f MB before it\n", "",
            residentMemory().second - before, before);
    }
    return 0;
}
