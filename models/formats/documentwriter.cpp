// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentwriter.h"

#include "projectdocuments.h"
#include "store.h"

#include <QSaveFile>

namespace Byline {

QString DocumentWriter::write(const Store &store, const ExportSelection &selection, const QString &path,
    const FormatProgress &progress, const QByteArray &header, const Chunk &chunk, const QByteArray &footer)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    auto put = [&](const QByteArray &bytes) { return file.write(bytes) == bytes.size(); };
    const qint64 total = store.articleCount();
    qint64 done = 0;
    QString readFailure;
    bool complete = put(header)
        && forEachProjectDocument(
            store, selection,
            [&](const DatasetDocument &document) {
                if (!put(chunk(document, done)))
                    return false;
                ++done;
                return !progress || progress(done, total);
            },
            &readFailure);
    complete = complete && put(footer);
    if (!complete) {
        const QString reason = !readFailure.isEmpty() ? readFailure
            : file.error() != QFileDevice::NoError    ? file.errorString()
                                                      : tr("cancelled");
        file.cancelWriting();
        return tr("Cannot write %1: %2").arg(path, reason);
    }
    // commit() flushes and renames: a full disk shows here, and the old file stays intact.
    if (!file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace Byline
