// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlformat.h"

#include "extraction/datasetjson.h"
#include "projectdocuments.h"
#include "store.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Byline {

QString JsonlFormat::shortName() const
{
    return u"jsonl"_s;
}

QString JsonlFormat::displayName() const
{
    return tr("Byline JSON Lines");
}

QStringList JsonlFormat::extensions() const
{
    return { u"jsonl"_s, u"json"_s };
}

DatasetFormat::Capabilities JsonlFormat::capabilities() const
{
    return CanRead | CanWrite;
}

bool JsonlFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    const qint64 total = store.articleCount();
    qint64 done = 0;
    const bool complete = forEachProjectDocument(store, [&](const DatasetDocument &document) {
        const QByteArray line
            = QJsonDocument(DatasetJson::write(document)).toJson(QJsonDocument::Compact) + '\n';
        if (file.write(line) != line.size())
            return false;
        return !progress || progress(++done, total);
    });
    if (!complete) {
        const QString reason = file.error() != QFileDevice::NoError ? file.errorString() : tr("cancelled");
        file.cancelWriting();
        return fail(tr("Cannot write %1: %2").arg(path, reason));
    }
    // commit() flushes and renames: a full disk shows here, and the old file stays intact.
    if (!file.commit())
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return true;
}

bool JsonlFormat::read(
    Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(path, file.errorString()));
    FormatReadReport counts;
    qint64 lineNumber = 0;
    // A .json file holds one article object; a .jsonl file one per line.
    const bool singleObject = path.endsWith(u".json"_s, Qt::CaseInsensitive);
    while (!file.atEnd()) {
        const QByteArray line = singleObject ? file.readAll() : file.readLine();
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        const QString where = singleObject ? path : u"%1:%2"_s.arg(path).arg(lineNumber);
        QJsonParseError parseError;
        const QJsonDocument json = QJsonDocument::fromJson(line, &parseError);
        if (parseError.error != QJsonParseError::NoError || !json.isObject())
            return fail(tr("%1: not a JSON object (%2)").arg(where, parseError.errorString()));
        QString error;
        const auto document = DatasetJson::read(json.object(), where, &error);
        if (!document)
            return fail(error);
        if (store.articleWithText(document->article.text)) {
            ++counts.skipped;
            counts.warnings
                << tr("%1: the article %2 is already in the project").arg(where, document->article.key);
        } else if (storeDocument(store, *document) == 0) {
            return fail(tr("%1: %2").arg(where, store.errorString()));
        } else {
            ++counts.articles;
        }
        if (report)
            *report = counts;
        if (progress && !progress(lineNumber, 0))
            break;
    }
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
