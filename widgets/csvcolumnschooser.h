// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "formats/datasetformat.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace Byline {

/// Chooses which columns of a CSV of articles fill the text, title, date, source and id, with
/// the first rows of the file to see them by. Proposes what the CSV reader would guess, so an
/// analyst only corrects what the header names wrongly.
class CsvColumnsChooser final : public QWidget {
    Q_OBJECT
public:
    explicit CsvColumnsChooser(QWidget *parent = nullptr);

    /// Reads the header and first rows of the file; the choices start at the reader's guesses.
    void setFile(const QString &path);
    QString file() const { return m_file; }
    /// A text column is chosen.
    bool isComplete() const;
    /// The CSV format's column options for the choices: every field named, or left out.
    FormatOptions options() const;

Q_SIGNALS:
    void changed();

private:
    void showPreview();

    QString m_file;
    QLabel *m_message;
    QList<QComboBox *> m_choices; ///< one per CsvArticleColumns field
    QTableWidget *m_preview;
};

} // namespace Byline
