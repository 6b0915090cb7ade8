// SPDX-License-Identifier: GPL-3.0-or-later
#include "textfilescan.h"

#include "importlogging.h"
#include "naturalnameorder.h"

#include <QDir>
#include <QFileInfo>

namespace Byline {

using namespace Qt::StringLiterals;

TextFileScan TextFileScan::scan(const QStringList &paths)
{
    TextFileScan result;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            result.m_errors.append(tr("Cannot read %1: it does not exist").arg(path));
        else if (info.isDir())
            result.addFolder(path);
        else
            result.addFile(path);
    }
    return result;
}

bool TextFileScan::hasTextFileName(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix();
    return suffix.isEmpty() || suffix.compare("txt"_L1, Qt::CaseInsensitive) == 0
        || suffix.compare("text"_L1, Qt::CaseInsensitive) == 0
        || suffix.compare("md"_L1, Qt::CaseInsensitive) == 0;
}

void TextFileScan::addFile(const QString &filePath)
{
    const QString canonical = QFileInfo(filePath).canonicalFilePath();
    if (m_seen.contains(canonical))
        return;
    m_seen.insert(canonical);
    m_files.append(filePath);
}

void TextFileScan::addFolder(const QString &folderPath)
{
    const QString canonical = QFileInfo(folderPath).canonicalFilePath();
    if (m_seen.contains(canonical))
        return;
    m_seen.insert(canonical);

    const QDir folder(folderPath);
    // entryInfoList() says nothing when it cannot list a folder; ask first.
    const QFileInfo info(folderPath);
    if (!info.isReadable() || !info.isExecutable()) {
        m_errors.append(tr("Cannot read the folder %1: permission denied").arg(folderPath));
        qCDebug(lcImport) << "cannot list" << folderPath;
        return;
    }

    for (const QFileInfo &entry : entriesInNameOrder(folder)) {
        if (entry.isDir())
            addFolder(entry.filePath());
        else if (entry.isFile() && hasTextFileName(entry.fileName()))
            addFile(entry.filePath());
    }
}

} // namespace Byline
