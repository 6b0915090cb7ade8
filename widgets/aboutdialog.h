// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

namespace Byline {

/// What the user runs: Byline's version and those of the libraries that decide how it
/// behaves (Qt, KSyntaxHighlighting, SQLite), in a form that can be copied into a report.
class AboutDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    /// The versions as plain text, one "name version" a line.
    static QString versionsText();
};

} // namespace Byline
