// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportpreview.h"

#include "store.h"

#include <KZip>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString previewText(const QByteArray &bytes)
{
    QString text = QString::fromUtf8(bytes);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1); // the Excel option's byte order mark: invisible, and not the article
    if (text.size() > ExportPreview::maximumLength) {
        text.truncate(ExportPreview::maximumLength);
        text += u"\n…"_s;
    }
    return text;
}

void addArchiveEntries(const KArchiveDirectory *directory, const QString &prefix, QList<PreviewFile> *files)
{
    QStringList names = directory->entries();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const KArchiveEntry *entry = directory->entry(name);
        if (entry->isDirectory())
            addArchiveEntries(static_cast<const KArchiveDirectory *>(entry), prefix + name + u'/', files);
        else
            files->append({ prefix + name, previewText(static_cast<const KArchiveFile *>(entry)->data()) });
    }
}

// The format's main files (a QDPX archive's project.qde, brat's annotation.conf) before those
// in subfolders, then by name.
void sortTopLevelFirst(QList<PreviewFile> &files)
{
    std::stable_sort(files.begin(), files.end(), [](const PreviewFile &a, const PreviewFile &b) {
        return std::pair(a.name.contains(u'/'), a.name) < std::pair(b.name.contains(u'/'), b.name);
    });
}

QList<PreviewFile> readWritten(const QString &path)
{
    QList<PreviewFile> files;
    if (QFileInfo(path).isDir()) {
        QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            QFile input(file);
            if (input.open(QIODevice::ReadOnly))
                files.append({ QDir(path).relativeFilePath(file), previewText(input.readAll()) });
        }
        sortTopLevelFirst(files);
        return files;
    }
    QFile input(path);
    if (!input.open(QIODevice::ReadOnly))
        return files;
    if (input.peek(4) == QByteArrayView("PK\x03\x04")) {
        KZip zip(path);
        if (zip.open(QIODevice::ReadOnly))
            addArchiveEntries(zip.directory(), QString(), &files);
        sortTopLevelFirst(files);
        return files;
    }
    files.append({ QFileInfo(path).fileName(), previewText(input.readAll()) });
    return files;
}

} // namespace

QList<PreviewFile> ExportPreview::render(
    const Store &store, DatasetFormat &format, const ExportSelection &selection, QString *error)
{
    ExportSelection first = selection;
    first.limit = 1;
    const SelectedArticles articles(store, first);
    if (!articles.isValid()) {
        *error = articles.errorString();
        return {};
    }
    if (articles.count() == 0) {
        *error = tr("No article matches the filters.");
        return {};
    }
    QTemporaryDir folder;
    if (!folder.isValid()) {
        *error = folder.errorString();
        return {};
    }
    const QString extension = format.extensions().value(0);
    const QString path = folder.filePath(
        format.writesFolder() || extension.isEmpty() ? u"preview"_s : u"preview."_s + extension);
    const ExportSelection kept = format.selection();
    format.setSelection(first);
    const bool written = format.write(store, path, {});
    format.setSelection(kept);
    if (!written) {
        *error = format.errorString();
        return {};
    }
    return readWritten(path);
}

} // namespace Byline
