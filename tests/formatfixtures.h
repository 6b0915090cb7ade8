// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the tests of the dataset formats share: projects made from Byline JSONL, exports read
// back, golden files compared byte for byte. BYLINE_UPDATE_GOLDEN=1 rewrites the golden files
// instead (tests/data/formats2/README.md).

#include "formats/formatregistry.h"
#include "formats/projectdocuments.h"
#include "store.h"
#include "testprojects.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace Byline::FormatFixtures {

using namespace Qt::StringLiterals;

inline QString dataPath(const QString &name)
{
    return QStringLiteral(BYLINE_TEST_DATA) + u"/formats2/"_s + name;
}

/// Where a suite's projects are made when it runs on a server (built with BYLINE_TEST_POSTGRES):
/// the suite starts its server and sets it here. Otherwise projects are files in the given folder.
inline Test::TestProjects *&serverProjects()
{
    static Test::TestProjects *projects = nullptr;
    return projects;
}

inline std::unique_ptr<Store> newProject(const QTemporaryDir &dir, const QString &name)
{
    StoreError error;
    const QString location = serverProjects() ? serverProjects()->newLocation() : dir.filePath(name);
    auto store = Store::open(location, Store::Mode::ReadWrite, &error);
    if (!store)
        qWarning("%s", qPrintable(error.message));
    return store;
}

/// A project holding the fixture articles (the sample article and an article with emoji
/// before its spans), read through Byline's own format.
inline std::unique_ptr<Store> fixtureProject(const QTemporaryDir &dir, const QString &name = u"in.byline"_s)
{
    auto store = newProject(dir, name);
    if (!store)
        return store;
    const auto jsonl = FormatRegistry::create(u"jsonl");
    if (!jsonl->read(*store, dataPath(u"input.jsonl"_s), nullptr, {})) {
        qWarning("%s", qPrintable(jsonl->errorString()));
        return nullptr;
    }
    return store;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Writes head, a hole of `holeBytes` (stored as nothing, read as zero bytes) and tail: a file of
/// a gigabyte that costs neither the disk nor the time of writing one.
inline bool writeSparseFile(
    const QString &path, const QByteArray &head, qint64 holeBytes, const QByteArray &tail)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(head) == head.size()
        && file.resize(head.size() + holeBytes) && file.seek(head.size() + holeBytes)
        && file.write(tail) == tail.size();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

/// Compares with the golden file, or rewrites it when BYLINE_UPDATE_GOLDEN is set.
inline void compareGolden(const QByteArray &actual, const QString &goldenName)
{
    const QString path = dataPath(goldenName);
    if (qEnvironmentVariableIsSet("BYLINE_UPDATE_GOLDEN")) {
        QVERIFY2(writeFile(path, actual), qPrintable(path));
        qInfo("rewrote %s", qPrintable(path));
        return;
    }
    const QByteArray expected = readFile(path);
    QVERIFY2(!expected.isEmpty(), qPrintable(u"missing golden file %1"_s.arg(path)));
    if (actual != expected) {
        const QString got = path + u".actual"_s;
        writeFile(got, actual);
        QFAIL(qPrintable(u"%1 differs from the golden file; the output is in %2"_s.arg(path, got)));
    }
}

inline QList<DatasetDocument> projectDocuments(const Store &store)
{
    QList<DatasetDocument> documents;
    forEachProjectDocument(store, ExportSelection(), [&](const DatasetDocument &document) {
        documents.append(document);
        return true;
    });
    return documents;
}

/// What span-labelling formats (doccano, Label Studio) carry, one line per annotation:
/// spans and types of each entity's mentions, quote kinds, parts, cues, sources and the
/// speaker (by its first mention), figure kinds, spans and numbers. Names, statuses and
/// figure values are left out: those formats do not carry them.
inline QStringList carriedBySpanLabels(const AnnotationSet &set)
{
    auto span = [](const Span &s) { return s.isNull() ? u"-"_s : u"[%1,%2)"_s.arg(s.start).arg(s.end); };
    QHash<RecordId, QString> firstMention;
    QStringList lines;
    for (const Entity &entity : set.entities) {
        if (entity.mentions.isEmpty())
            continue;
        QStringList mentions;
        for (const Mention &mention : entity.mentions)
            mentions << span(mention.span);
        firstMention.insert(entity.id, mentions.first());
        lines << u"entity %1 %2"_s.arg(entity.type, mentions.join(u' '));
    }
    for (const Quote &quote : set.quotes) {
        if (quote.content.isEmpty())
            continue;
        QStringList parts;
        for (const Span &part : quote.content)
            parts << span(part);
        lines << u"quote %1 %2 cue %3 source %4 speaker %5"_s.arg(toString(quote.kind), parts.join(u' '),
            span(quote.cue), span(quote.source), firstMention.value(quote.speakerId, u"-"_s));
    }
    for (const Figure &figure : set.figures)
        lines << u"figure %1 %2 number %3"_s.arg(figure.kind, span(figure.span), span(figure.number));
    return lines;
}

} // namespace Byline::FormatFixtures
