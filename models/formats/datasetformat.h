// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "exportselection.h"
#include "extraction/datasetdocument.h"
#include "fileoffsets.h"

#include <QCoreApplication>
#include <QStringList>
#include <QVariantMap>

#include <functional>

namespace Byline {

class Store;

/// Called as a format works through a corpus: articles done and the total (0 when unknown).
/// Returning false cancels; what was written so far is discarded.
using FormatProgress = std::function<bool(qint64 done, qint64 total)>;

/// Settings a format reads besides the path, by name ("excel", "textColumn"). Deliberately a
/// plain map: each format documents the few keys it knows and ignores the others, so the
/// interface does not grow with every format's switches. Every importer knows
/// "skipBadRecords" (bool: take the good records and report the bad ones in
/// FormatReadReport::badRecords instead of taking nothing) and "maxLineBytes" (the longest
/// line it reads, LineStream::defaultMaximumLength unless given). The formats with the
/// capability ChoosesOffsetUnit also know "offsets" (OffsetUnitOption), for writing and reading.
using FormatOptions = QVariantMap;

/// What reading a dataset into a project did.
struct FormatReadReport {
    int articles = 0;
    int skipped = 0; ///< already in the project
    QStringList warnings;
    /// With the option skipBadRecords: each record left out, with its place and why
    /// ("data.jsonl:12: quotes[3].content[0].text ..."). Without it, a bad record fails the import.
    QStringList badRecords;
};

/// One dataset format: what it reads and writes, how the file dialogs and the command line
/// name it, and what it cannot carry. Formats are found through FormatRegistry.
class DatasetFormat {
    Q_DECLARE_TR_FUNCTIONS(DatasetFormat)
public:
    enum Capability {
        CanRead = 0x1,
        CanWrite = 0x2,
        /// Writes and reads its offsets in the unit the option "offsets" names, code points by
        /// default. The other formats count as their tools do, whatever the option says.
        ChoosesOffsetUnit = 0x4,
    };
    Q_DECLARE_FLAGS(Capabilities, Capability)

    virtual ~DatasetFormat() = default;

    /// The name the command line uses: `byline export --format jsonl`.
    virtual QString shortName() const = 0;
    virtual QString displayName() const = 0;
    /// File name extensions without the dot, the first one preferred.
    virtual QStringList extensions() const = 0;
    virtual Capabilities capabilities() const = 0;
    /// What the format cannot represent, for the export dialog and `--help`; empty when lossless.
    virtual QString limitations() const { return {}; }
    /// Written to a folder rather than a file.
    virtual bool writesFolder() const { return false; }

    virtual bool write(const Store &store, const QString &path, const FormatProgress &progress);
    virtual bool read(
        Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress);

    void setOptions(const FormatOptions &options) { m_options = options; }
    FormatOptions options() const { return m_options; }
    /// Why this format cannot take these options (a unit of offsets it cannot choose, or one
    /// that does not exist), for the command line to refuse them before any work; empty when it can.
    QString optionsProblem(const FormatOptions &options) const;
    /// What write() takes from the project; everything by default.
    void setSelection(const ExportSelection &selection) { m_selection = selection; }
    const ExportSelection &selection() const { return m_selection; }

    /// "Byline JSON Lines (*.jsonl)"
    QString fileFilter() const;
    QString errorString() const { return m_error; }

protected:
    bool fail(const QString &message);
    /// The articles and annotations the selection takes, one at a time (see the free function of
    /// the same name). Declared here so that a format's write(), calling it unqualified, cannot
    /// bypass the selection.
    bool forEachProjectDocument(
        const Store &store, const std::function<bool(const DatasetDocument &)> &visit) const;
    /// Why the last forEachProjectDocument() could not read the project (Store::errorString());
    /// empty when it did.
    QString readFailure() const { return m_readFailure; }
    QVariant option(const QString &name, const QVariant &fallback = {}) const
    {
        return m_options.value(name, fallback);
    }
    /// The unit the option "offsets" names; nullopt, with the error set, when it names none.
    std::optional<OffsetUnit> offsetUnit();

private:
    QString m_error;
    mutable QString m_readFailure;
    FormatOptions m_options;
    ExportSelection m_selection;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(DatasetFormat::Capabilities)

} // namespace Byline
