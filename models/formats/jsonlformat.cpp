// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlformat.h"

#include "jsonlcodec.h"
#include "jsonlreadahead.h"
#include "linestream.h"
#include "projectdocuments.h"
#include "projectlabels.h"
#include "store.h"

#include <QFile>
#include <QSaveFile>
#include <QSet>

#include <functional>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Written in large pieces: one system call per few megabytes, not per article.
constexpr qsizetype writeBufferSize = 4 * 1024 * 1024;

/// What the codec cannot know: that the project has the document's entity types and figure kinds.
QString unknownLabel(const ProjectLabels &labels, const DatasetDocument &document)
{
    const AnnotationSet &set = document.annotations;
    for (qsizetype i = 0; i < set.entities.size(); ++i) {
        if (const QString problem = labels.unknownEntityType(set.entities[i].type); !problem.isEmpty())
            return u"entities[%1].type: %2"_s.arg(i).arg(problem);
    }
    for (qsizetype i = 0; i < set.figures.size(); ++i) {
        if (const QString problem = labels.unknownFigureKind(set.figures[i].kind); !problem.isEmpty())
            return u"figures[%1].kind: %2"_s.arg(i).arg(problem);
    }
    return {};
}

} // namespace

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
    return CanRead | CanWrite | ChoosesOffsetUnit;
}

bool JsonlFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    const auto unit = offsetUnit();
    if (!unit)
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write %1: %2").arg(path, file.errorString()));
    const qint64 total = store.articleCount();
    qint64 done = 0;
    QByteArray buffer;
    buffer.reserve(writeBufferSize + writeBufferSize / 4);
    const auto flush = [&] {
        const bool written = file.write(buffer) == buffer.size();
        buffer.truncate(0); // keeps the capacity
        return written;
    };
    const bool complete = forEachProjectDocument(store, [&](const DatasetDocument &document) {
        JsonlCodec::write(document.article, document.annotations, buffer, *unit);
        if (buffer.size() >= writeBufferSize && !flush())
            return false;
        return !progress || progress(++done, total);
    });
    if (!complete || !flush()) {
        const QString reason = !readFailure().isEmpty() ? readFailure()
            : file.error() != QFileDevice::NoError      ? file.errorString()
                                                        : tr("cancelled");
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
    const auto unit = offsetUnit();
    if (!unit)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(path, file.errorString()));
    const qsizetype maximumLength = option(u"maxLineBytes"_s, LineStream::defaultMaximumLength).toLongLong();
    const bool skipBadRecords = option(u"skipBadRecords"_s, false).toBool();
    // A .json file holds one article object, over many lines; a .jsonl file one per line.
    const bool singleObject = path.endsWith(u".json"_s, Qt::CaseInsensitive);
    if (singleObject && file.size() > maximumLength)
        return fail(tr("%1: the file is larger than %2 bytes, the most read as one article")
                .arg(path)
                .arg(maximumLength));

    // One transaction for the whole file: a bad record found late leaves no half import behind,
    // and one commit instead of one per article is most of an import's speed. The bulk insert
    // leaves the counts and search indexes to its commit, and the lines are parsed on another
    // thread meanwhile.
    Store::BulkInsert transaction(store);
    if (!transaction.isOpen())
        return fail(tr("Cannot import %1: %2").arg(path, store.errorString()));
    const ProjectLabels labels(store);
    FormatReadReport counts;
    RecordId firstImported = 0;
    // Stores one record, or says why not; nothing is stored then.
    // Where a record is, for its messages: made only when there is one.
    using Where = std::function<QString()>;
    const auto take = [&](std::optional<DatasetDocument> &document, const Where &where) -> QString {
        if (const QString problem = unknownLabel(labels, *document); !problem.isEmpty())
            return problem;
        if (store.articleWithText(document->article.text)) {
            ++counts.skipped;
            counts.warnings
                << tr("%1: the article %2 is already in the project").arg(where(), document->article.key);
            return {};
        }
        // An id the project holds since this import began came earlier in this file.
        const auto existing = store.articleIdForKey(document->article.key);
        if (existing && firstImported && *existing >= firstImported)
            return tr("id: the article id %1 comes twice in the file").arg(document->article.key);
        if (!store.addDocument(document->article, document->annotations))
            return store.errorString();
        if (!firstImported)
            firstImported = document->article.id;
        ++counts.articles;
        return {};
    };
    // Whether the import goes on after a record.
    const auto carryOn = [&](const Where &where, const QString &problem) {
        if (problem.isEmpty())
            return !progress || progress(counts.articles, 0) || fail(tr("Import of %1 cancelled").arg(path));
        const QString message = u"%1: %2"_s.arg(where(), problem);
        if (!skipBadRecords)
            return fail(message);
        counts.badRecords << message;
        return true;
    };
    if (singleObject) {
        const QByteArray whole = file.readAll();
        if (!whole.trimmed().isEmpty()) {
            QString problem;
            auto document = JsonlCodec::read(whole, &problem, *unit);
            const Where where = [&] { return path; };
            if (document)
                problem = take(document, where);
            if (!carryOn(where, problem))
                return false;
        }
    } else {
        JsonlReadAhead records(file, maximumLength, *unit);
        while (auto record = records.next()) {
            const Where where = [&] { return u"%1:%2"_s.arg(path).arg(record->lineNumber); };
            const QString problem = record->document ? take(record->document, where) : record->problem;
            if (!carryOn(where, problem))
                return false;
        }
        if (!records.errorString().isEmpty())
            return fail(tr("Cannot read %1: %2").arg(path, records.errorString()));
    }
    // The commit indexes what was added for search: a large import's last third, cancellable too.
    bool stopped = false;
    const bool committed = transaction.commit([&] {
        stopped = progress && !progress(counts.articles, 0);
        return !stopped;
    });
    if (stopped)
        return fail(tr("Import of %1 cancelled").arg(path));
    if (!committed)
        return fail(tr("Cannot import %1: %2").arg(path, store.errorString()));
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
