// SPDX-License-Identifier: GPL-3.0-or-later
#include "aboutdialog.h"

#include "store.h"

#include <ksyntaxhighlighting_version.h>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Byline"));
    setObjectName(u"AboutDialog"_s);

    auto *icon = new QLabel(this);
    icon->setPixmap(QApplication::windowIcon().pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop);

    QString versions;
    for (const QString &line : versionsText().split(u'\n', Qt::SkipEmptyParts))
        versions += line.toHtmlEscaped() + u"<br>"_s;
    auto *text = new QLabel(this);
    text->setObjectName(u"aboutText"_s);
    text->setTextFormat(Qt::RichText);
    text->setTextInteractionFlags(Qt::TextBrowserInteraction);
    text->setOpenExternalLinks(true);
    text->setWordWrap(true);
    text->setText(tr("<h3>Byline %1</h3>"
                     "<p>Annotate who says what in news articles: entities, quotes and figures.</p>"
                     "<p>Licensed under the GNU General Public License, version 3 or later.</p>"
                     "<p><small>%2</small></p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped(), versions));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    // Bug reports need the versions; copying beats retyping them.
    QPushButton *copy = buttons->addButton(tr("&Copy Versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [] { QApplication::clipboard()->setText(versionsText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
}

QString AboutDialog::versionsText()
{
    const QString sqlite = Store::sqliteVersion();
    // Built against one Qt, running on another after a distribution update: show both.
    const QString runningQt = QString::fromLatin1(qVersion());
    const QString builtQt = QStringLiteral(QT_VERSION_STR);
    return tr("Byline %1\nQt %2\nKSyntaxHighlighting %3\nSQLite %4\n")
        .arg(QApplication::applicationVersion(),
            runningQt == builtQt ? runningQt : tr("%1 (built with %2)").arg(runningQt, builtQt),
            QStringLiteral(KSYNTAXHIGHLIGHTING_VERSION_STRING),
            sqlite.isEmpty() ? tr("unavailable") : sqlite);
}

} // namespace Byline
