// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Byline {

/// File > Open Team Project: a project on a PostgreSQL server. The server address (host, port,
/// database and any settings such as ?sslmode=require), the user and the password; the password
/// goes to the caller in memory only, and into the system keychain when the user asks for it.
class TeamProjectDialog final : public QDialog {
    Q_OBJECT

public:
    explicit TeamProjectDialog(QWidget *parent = nullptr);

    /// Fills the form from a URL (a recent project, or the one that failed to open).
    void setUrl(const QUrl &url);
    /// The URL to open, with the password when one was typed.
    QUrl url() const;
    void setPassword(const QString &password);
    bool rememberPassword() const;
    /// Shows why the last attempt failed, above the form.
    void setError(const QString &message);

private:
    void updateOkButton();

    QLineEdit *m_address;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QComboBox *m_security;
    QCheckBox *m_remember;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace Byline
