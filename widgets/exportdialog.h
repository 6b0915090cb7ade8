// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "formats/datasetformat.h"
#include "formats/exportselection.h"
#include "formats/formatjob.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QTimer;

namespace KSyntaxHighlighting {
class Definition;
class SyntaxHighlighter;
} // namespace KSyntaxHighlighting

namespace Byline {

class OffsetUnitChooser;
class Store;

/// Exports the project: the format (from the registry, with what it cannot carry), where to,
/// which articles and annotations, the format's options, and a preview of the first matching
/// article in that format, highlighted, which follows every change. The export runs in the
/// background while the dialog shows its progress; Cancel stops it and leaves no file.
class ExportDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(const Store &store, QWidget *parent = nullptr);
    ~ExportDialog() override;

    QString formatName() const;
    QString path() const;
    ExportSelection selection() const;
    FormatOptions formatOptions() const;
    bool isExporting() const { return m_job != nullptr; }
    /// What the finished export did; set once the dialog is accepted.
    const FormatJobResult &result() const { return m_result; }

public Q_SLOTS:
    void reject() override;

Q_SIGNALS:
    /// The preview shows the current choices (for tests and the screenshot).
    void previewUpdated();

private:
    void onFormatChanged();
    void browse();
    void schedulePreview();
    void updatePreview();
    void showPreviewFile(int index);
    void showText(const KSyntaxHighlighting::Definition &definition, const QString &text);
    void startExport();
    void finishExport(const FormatJobResult &result);
    void setInputsEnabled(bool enabled);
    void showAnnotatorLayer();
    void showMessage(const QString &message, bool error);
    std::unique_ptr<DatasetFormat> currentFormat() const;

    const Store &m_store;
    QComboBox *m_format;
    QLabel *m_limitations;
    QLineEdit *m_path;
    QList<std::pair<Layer, QCheckBox *>> m_layers;
    QList<std::pair<AnnotationStatus, QCheckBox *>> m_statuses;
    QLineEdit *m_annotator;
    QLabel *m_annotatorLayer;
    QCheckBox *m_doneOnly;
    QLineEdit *m_search;
    QCheckBox *m_excel;
    QCheckBox *m_tokens;
    OffsetUnitChooser *m_offsets;
    QLabel *m_message;
    QLabel *m_previewTitle = nullptr;
    QComboBox *m_previewFile;
    QPlainTextEdit *m_preview;
    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter = nullptr;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QTimer *m_previewTimer;
    QList<std::pair<QString, QString>> m_previewFiles; ///< name, text
    QList<QWidget *> m_inputs;
    FormatJob *m_job = nullptr;
    FormatJobResult m_result;
};

} // namespace Byline
