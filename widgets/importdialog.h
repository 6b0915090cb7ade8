// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "formats/datasetformat.h"
#include "formats/formatjob.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace Byline {

class CsvColumnsChooser;
class OffsetUnitChooser;
class Store;

/// Imports datasets into the project: the files and folders, the format (from the registry,
/// or each file's extension), for CSV files of articles which columns to read, what the
/// offsets count where a format lets the analyst say, whether bad records are skipped, then
/// the import in the
/// background with progress and cancel, and at the end what was imported and what was skipped.
class ImportDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ImportDialog(const Store &store, QWidget *parent = nullptr);

    void addPaths(const QStringList &paths);
    QStringList paths() const;
    /// Empty: each file's extension decides.
    QString formatName() const;
    FormatOptions formatOptions() const;
    bool isImporting() const { return m_job != nullptr; }
    /// What the last import did.
    const FormatJobResult &result() const { return m_result; }

public Q_SLOTS:
    void reject() override;

private:
    void onFormatChanged();
    /// Shows the column choice when CSV files of articles are to be read, and the offsets'
    /// unit when a file may count its offsets either way.
    void updateFormatOptions();
    bool mayChooseOffsets() const;
    QString firstCsvFile() const;
    void startImport();
    void finishImport(const FormatJobResult &result);
    void setInputsEnabled(bool enabled);
    void updateImportButton();

    const Store &m_store;
    QListWidget *m_files;
    QComboBox *m_format;
    QLabel *m_limitations;
    QCheckBox *m_skipBadRecords;
    OffsetUnitChooser *m_offsets;
    CsvColumnsChooser *m_csvColumns;
    QLabel *m_message;
    QPlainTextEdit *m_report;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QPushButton *m_import;
    QList<QWidget *> m_inputs;
    FormatJob *m_job = nullptr;
    FormatJobResult m_result;
};

} // namespace Byline
