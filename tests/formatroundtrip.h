// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/datasetjson.h"
#include "formats/jsonlformat.h"
#include "formats/projectdocuments.h"
#include "offsetmap.h"
#include "store.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <memory>

namespace Byline::FormatRoundTrip {

using namespace Qt::StringLiterals;

inline QString data(const QString &path)
{
    return QStringLiteral(BYLINE_TEST_DATA) + u'/' + path;
}

inline std::unique_ptr<Store> newProject(const QTemporaryDir &dir, const QString &name)
{
    StoreError error;
    auto store = Store::open(dir.filePath(name + u".byline"_s), Store::Mode::ReadWrite, &error);
    if (!store)
        qFatal("%s", qPrintable(error.message));
    return store;
}

/// tests/data/formats/sample.jsonl: the sample article of the dev set and a short article
/// with emoji before its spans, a split quote and figures of every status.
inline std::unique_ptr<Store> sampleProject(const QTemporaryDir &dir)
{
    auto store = newProject(dir, u"sample"_s);
    JsonlFormat jsonl;
    if (!jsonl.read(*store, data(u"formats/sample.jsonl"_s), nullptr, {}))
        qFatal("%s", qPrintable(jsonl.errorString()));
    return store;
}

inline QList<DatasetDocument> documents(const Store &store)
{
    QList<DatasetDocument> all;
    forEachProjectDocument(store, ExportSelection(), [&](const DatasetDocument &document) {
        all.append(document);
        return true;
    });
    return all;
}

/// The project's documents ordered by key, for comparing projects filled in another order.
inline QList<DatasetDocument> documentsByKey(const Store &store)
{
    QList<DatasetDocument> all = documents(store);
    std::sort(all.begin(), all.end(),
        [](const DatasetDocument &a, const DatasetDocument &b) { return a.article.key < b.article.key; });
    return all;
}

/// A span as a file would give it: code points and the covered text.
inline QString spanText(const QString &text, const Span &span)
{
    if (span.isNull())
        return u"-"_s;
    const OffsetMap map(text);
    return u"%1-%2 “%3”"_s.arg(map.toCodePoint(span.start))
        .arg(map.toCodePoint(span.end))
        .arg(textOf(text, span));
}

/// What a format carrying entities keeps: type, name, each mention's span and status.
inline QStringList entityLines(const DatasetDocument &document, bool withNames = true)
{
    QStringList lines;
    for (const Entity &entity : document.annotations.entities) {
        for (const Mention &mention : entity.mentions)
            lines << u"%1 %2 %3 %4"_s.arg(entity.type, withNames ? entity.name : QString(),
                spanText(document.article.text, mention.span), toString(mention.provenance.status));
    }
    lines.sort();
    return lines;
}

inline QStringList quoteLines(const DatasetDocument &document)
{
    QHash<RecordId, QString> names;
    for (const Entity &entity : document.annotations.entities)
        names.insert(entity.id, entity.name);
    QStringList lines;
    for (const Quote &quote : document.annotations.quotes) {
        QStringList parts;
        for (const Span &part : quote.content)
            parts << spanText(document.article.text, part);
        lines << u"%1 [%2] cue %3 source %4 speaker %5 %6"_s.arg(toString(quote.kind), parts.join(u"; "_s),
            spanText(document.article.text, quote.cue), spanText(document.article.text, quote.source),
            names.value(quote.speakerId, u"-"_s), toString(quote.provenance.status));
    }
    lines.sort();
    return lines;
}

inline QStringList figureLines(const DatasetDocument &document)
{
    QStringList lines;
    for (const Figure &figure : document.annotations.figures) {
        lines << u"%1 %2 number %3 value %4 max %5 unit %6 qualifier %7 %8"_s.arg(figure.kind,
            spanText(document.article.text, figure.span), spanText(document.article.text, figure.number),
            figure.value.toString(), figure.valueMax.toString(), figure.unit, figure.qualifier,
            toString(figure.provenance.status));
    }
    lines.sort();
    return lines;
}

/// Relative paths of the files under a folder, sorted.
inline QStringList filesUnder(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(folder).relativeFilePath(it.next());
    files.sort();
    return files;
}

inline QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Compares a written file or folder with tests/data/formats/golden/NAME, byte for byte.
/// With BYLINE_UPDATE_REFERENCE=1 in the environment it replaces the reference instead
/// (tests/data/formats/update-reference-data.sh), for a change of output made on purpose.
inline QString compareWithGolden(const QString &written, const QString &name)
{
    const QString golden = data(u"formats/golden/"_s + name);
    const bool folder = QFileInfo(written).isDir();
    if (qEnvironmentVariableIntValue("BYLINE_UPDATE_REFERENCE") == 1) {
        if (folder) {
            QDir(golden).removeRecursively();
            for (const QString &file : filesUnder(written)) {
                QDir().mkpath(QFileInfo(golden + u'/' + file).path());
                QFile out(golden + u'/' + file);
                if (!out.open(QIODevice::WriteOnly) || out.write(contents(written + u'/' + file)) < 0)
                    return u"cannot update "_s + golden;
            }
        } else {
            QDir().mkpath(QFileInfo(golden).path());
            QFile::remove(golden);
            if (!QFile::copy(written, golden))
                return u"cannot update "_s + golden;
        }
        qInfo("updated %s", qPrintable(golden));
        return {};
    }
    const QStringList files = folder ? filesUnder(written) : QStringList { QString() };
    if (folder && files != filesUnder(golden))
        return u"%1 holds %2, the reference %3"_s.arg(
            written, files.join(u", "_s), filesUnder(golden).join(u", "_s));
    for (const QString &file : files) {
        const QString actualPath = file.isEmpty() ? written : written + u'/' + file;
        const QString goldenPath = file.isEmpty() ? golden : golden + u'/' + file;
        const QByteArray actual = contents(actualPath);
        const QByteArray expected = contents(goldenPath);
        if (actual == expected)
            continue;
        const QList<QByteArray> actualLines = actual.split('\n');
        const QList<QByteArray> expectedLines = expected.split('\n');
        for (qsizetype i = 0; i < std::max(actualLines.size(), expectedLines.size()); ++i) {
            if (actualLines.value(i) != expectedLines.value(i))
                return u"%1 differs from %2 at line %3:\n  got      %4\n  expected %5"_s
                    .arg(actualPath, goldenPath)
                    .arg(i + 1)
                    .arg(QString::fromUtf8(actualLines.value(i)), QString::fromUtf8(expectedLines.value(i)));
        }
        return u"%1 differs from %2"_s.arg(actualPath, goldenPath);
    }
    return {};
}

} // namespace Byline::FormatRoundTrip
