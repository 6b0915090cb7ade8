// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QSet>
#include <QStringList>

namespace Byline {

/// Expands the paths given to an import (files and folders) into the files to read.
///
/// Files named explicitly are kept whatever their extension: the user chose them, and the
/// decoder reports a binary one by name. Folders are walked recursively, each folder's
/// entries sorted by name (numbers by value: "part 2" before "part 10"); hidden files and
/// folders are skipped, and of the rest only files ending in .txt, .text or .md (any case)
/// or without an extension are kept. A file reached twice is listed once. Symbolic links
/// are followed, a folder reached again through one is not walked twice.
class TextFileScan final {
    Q_DECLARE_TR_FUNCTIONS(TextFileScan)

public:
    static TextFileScan scan(const QStringList &paths);

    /// True when a file found in a folder is imported: .txt, .text, .md or no extension.
    static bool hasTextFileName(const QString &fileName);

    QStringList files() const { return m_files; }
    /// Translated, one per path or folder that could not be read; each names it.
    QStringList errors() const { return m_errors; }

private:
    void addFile(const QString &filePath);
    void addFolder(const QString &folderPath);

    QStringList m_files;
    QStringList m_errors;
    QSet<QString> m_seen; ///< canonical paths of files and folders already listed or walked
};

} // namespace Byline
