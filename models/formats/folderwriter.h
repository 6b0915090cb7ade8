// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class QSaveFile;

namespace Byline {

/// Writes a format that is a folder of files (brat, CSV) so that the folder appears whole
/// or not at all: files go to a hidden staging folder next to the target, and commit()
/// renames it into place. Destroying the writer without commit() removes what was written,
/// so a cancelled or failed export leaves nothing behind.
///
/// The target must not exist or be an empty folder: replacing a folder would mean deleting
/// the analyst's files, which an export should never do.
class FolderWriter final {
    Q_DECLARE_TR_FUNCTIONS(FolderWriter)
public:
    explicit FolderWriter(const QString &target);
    ~FolderWriter();

    /// False, with errorString(), when the target is taken or the staging folder cannot be made.
    bool isOpen() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    /// A file in the staging folder, opened for writing; null (and errorString()) on failure.
    std::unique_ptr<QSaveFile> open(const QString &name);
    /// Writes a small file in one go, without syncing it to disk on its own (see commit()).
    bool write(const QString &name, const QByteArray &data);
    /// Moves the staging folder into place.
    bool commit();

private:
    QString m_target;
    std::unique_ptr<QTemporaryDir> m_staging;
    QString m_error;
};

} // namespace Byline
