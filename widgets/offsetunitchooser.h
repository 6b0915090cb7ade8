// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QVariant>
#include <QWidget>

class QComboBox;

namespace Byline {

/// "Offset unit: code points or UTF-16 code units", what a dataset file's spans count, for
/// the formats that let the analyst choose it (DatasetFormat::ChoosesOffsetUnit). The export
/// and the import dialogs show the same choice, so a file goes back in as it went out.
class OffsetUnitChooser final : public QWidget {
    Q_OBJECT
public:
    explicit OffsetUnitChooser(QWidget *parent = nullptr);

    /// The value of the option OffsetUnitOption::name(): "codepoints" or "utf16".
    QVariant value() const;

Q_SIGNALS:
    void changed();

private:
    QComboBox *m_units;
};

} // namespace Byline
