// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSet>
#include <QStringList>

namespace Byline {

/// Decides what an import of files and folders reads, and as which format, so that the command
/// line and the import dialog take the same things from the same folder.
///
/// A file named explicitly is read as the format asked for or, without one, as its name and
/// first line say (see formatOfFile()); a file no format claims is listed with an empty format,
/// for the caller to read as plain text or report. A folder is walked recursively, entries sorted
/// by name and hidden ones skipped. A folder that is one dataset by itself (a brat folder of .ann
/// and .txt files, a CSV folder with its articles.csv) is read whole by that format; its subfolders
/// are walked on their own. Every other file in a folder is read by the format its name says;
/// files none claims are skipped and named in warnings(), except plain-text names (.txt, .md,
/// none), which are articles.
class ImportPlan final {
    Q_DECLARE_TR_FUNCTIONS(ImportPlan)
public:
    struct Unit {
        QString path;
        QString format; ///< a short name of FormatRegistry; empty: no format claims the file
        bool operator==(const Unit &) const = default;
    };

    /// formatName: the format every file and folder is read as; empty to decide per file.
    static ImportPlan make(const QStringList &paths, const QString &formatName = {});

    /// The format a file's name says, looking into the file where the name is shared: Byline's
    /// .jsonl and doccano's, a Byline .json article and a Label Studio .json list of tasks.
    /// Empty when none claims it.
    static QString formatOfFile(const QString &path);

    QList<Unit> units() const { return m_units; }
    /// Files in folders that no format reads, each named.
    QStringList warnings() const { return m_warnings; }
    /// Paths that could not be read, each named.
    QStringList errors() const { return m_errors; }

private:
    void addPath(const QString &path, bool named);
    void addFolder(const QString &path);
    void add(const QString &path, const QString &format);

    QString m_formatName;
    QList<Unit> m_units;
    QStringList m_warnings;
    QStringList m_errors;
    QSet<QString> m_seen; ///< canonical paths already planned or walked
};

} // namespace Byline
