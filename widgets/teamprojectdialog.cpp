// SPDX-License-Identifier: GPL-3.0-or-later
#include "teamprojectdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// libpq's sslmode values, in the order of the combo box; "prefer" is libpq's own default.
const QStringList sslModes { u"prefer"_s, u"require"_s, u"verify-full"_s, u"disable"_s };

} // namespace

TeamProjectDialog::TeamProjectDialog(QWidget *parent)
    : QDialog(parent)
    , m_address(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_security(new QComboBox(this))
    , m_remember(new QCheckBox(tr("Remember the password in the system keychain"), this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Open Team Project"));
    m_address->setObjectName(u"address"_s);
    m_user->setObjectName(u"user"_s);
    m_password->setObjectName(u"password"_s);
    m_security->setObjectName(u"security"_s);
    m_error->setObjectName(u"error"_s);
    m_address->setPlaceholderText(tr("host:port/database"));
    m_address->setToolTip(
        tr("The PostgreSQL server and the project's database, e.g. db.example.org:5432/newsroom"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("from ~/.pgpass when empty"));
    m_security->addItems({ tr("TLS when the server offers it"), tr("TLS required"),
        tr("TLS required, server certificate checked"), tr("No TLS") });
    m_error->setWordWrap(true);
    m_error->setStyleSheet(
        u"color: palette(highlighted-text); background: palette(highlight); padding: 4px"_s);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_address);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Encryption:"), m_security);
    form->addRow(QString(), m_remember);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_address, &QLineEdit::textChanged, this, &TeamProjectDialog::updateOkButton);
    connect(m_user, &QLineEdit::textChanged, this, &TeamProjectDialog::updateOkButton);
    updateOkButton();
}

void TeamProjectDialog::setUrl(const QUrl &url)
{
    m_address->setText(
        url.host() + (url.port() > 0 ? u":"_s + QString::number(url.port()) : QString()) + url.path());
    m_user->setText(url.userName());
    m_password->setText(url.password());
    m_security->setCurrentIndex(qMax(0, sslModes.indexOf(QUrlQuery(url).queryItemValue(u"sslmode"_s))));
}

QUrl TeamProjectDialog::url() const
{
    QUrl url(u"postgresql://"_s + m_address->text().trimmed());
    url.setUserName(m_user->text().trimmed());
    if (!m_password->text().isEmpty())
        url.setPassword(m_password->text());
    if (m_security->currentIndex() > 0) {
        QUrlQuery query;
        query.addQueryItem(u"sslmode"_s, sslModes[m_security->currentIndex()]);
        url.setQuery(query);
    }
    return url;
}

void TeamProjectDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

bool TeamProjectDialog::rememberPassword() const
{
    return m_remember->isChecked() && !m_password->text().isEmpty();
}

void TeamProjectDialog::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void TeamProjectDialog::updateOkButton()
{
    const QUrl candidate = url();
    m_buttons->button(QDialogButtonBox::Open)
        ->setEnabled(candidate.isValid() && !candidate.host().isEmpty() && candidate.path().size() > 1
            && !m_user->text().trimmed().isEmpty());
}

} // namespace Byline
