// SPDX-License-Identifier: GPL-3.0-or-later
#include "refusededitsdialog.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString editName(QueuedEdit::Operation operation)
{
    switch (operation) {
    case QueuedEdit::Operation::Insert:
        return RefusedEditsDialog::tr("Added");
    case QueuedEdit::Operation::Update:
        return RefusedEditsDialog::tr("Changed");
    case QueuedEdit::Operation::Remove:
        return RefusedEditsDialog::tr("Removed");
    }
    return {};
}

// Whose version won, as the analyst asks it: who wrote it and when, or that it is gone.
QString keptVersion(const RefusedEdit &edit)
{
    if (edit.removedMeanwhile)
        return RefusedEditsDialog::tr("None: someone else removed it");
    if (edit.keptBy.isEmpty() && !edit.keptAt.isValid())
        return RefusedEditsDialog::tr("The server's version");
    const QString who = edit.keptBy.isEmpty() ? RefusedEditsDialog::tr("someone else") : edit.keptBy;
    if (!edit.keptAt.isValid())
        return RefusedEditsDialog::tr("The version of %1").arg(who);
    return RefusedEditsDialog::tr("The version of %1, %2")
        .arg(who, QLocale().toString(edit.keptAt.toLocalTime(), QLocale::ShortFormat));
}

} // namespace

RefusedEditsDialog::RefusedEditsDialog(const QString &queueFile, QWidget *parent)
    : QDialog(parent)
    , m_queueFile(queueFile)
    , m_summary(new QLabel(this))
    , m_list(new QTreeWidget(this))
{
    setWindowTitle(tr("Edits Made Offline Not Saved"));
    setObjectName(u"RefusedEditsDialog"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_list->setObjectName(u"refusedEdits"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({ tr("Annotation"), tr("Your edit"), tr("Kept on the server") });
    m_list->header()->setSectionResizeMode(RecordColumn, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(EditColumn, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(KeptColumn, QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *copy = buttons->addButton(tr("&Copy Location"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"copyLocation"_s);
    copy->setToolTip(tr("Copy where your versions are kept"));
    auto *open = buttons->addButton(tr("&Open Folder"), QDialogButtonBox::ActionRole);
    open->setObjectName(u"openFolder"_s);
    connect(copy, &QPushButton::clicked, this,
        [this] { QGuiApplication::clipboard()->setText(QDir::toNativeSeparators(m_queueFile)); });
    connect(open, &QPushButton::clicked, this,
        [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_queueFile).absolutePath())); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Closing is what the analyst does most: Close, not an action button, takes Enter.
    buttons->button(QDialogButtonBox::Close)->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(760, 320);
}

RefusedEditsDialog *RefusedEditsDialog::showFor(
    const QList<RefusedEdit> &edits, const QString &queueFile, QWidget *parent)
{
    auto *dialog = parent->findChild<RefusedEditsDialog *>(QString(), Qt::FindDirectChildrenOnly);
    if (!dialog || dialog->queueFile() != queueFile) {
        delete dialog;
        dialog = new RefusedEditsDialog(queueFile, parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->addEdits(edits);
    dialog->show();
    dialog->raise();
    return dialog;
}

void RefusedEditsDialog::addEdits(const QList<RefusedEdit> &edits)
{
    for (const RefusedEdit &edit : edits) {
        auto *item = new QTreeWidgetItem(m_list,
            { edit.record.isEmpty() ? edit.reason : edit.record, editName(edit.edit.operation),
                keptVersion(edit) });
        for (int column = 0; column < m_list->columnCount(); ++column)
            item->setToolTip(column, edit.reason);
    }
    updateSummary();
}

void RefusedEditsDialog::updateSummary()
{
    m_summary->setText(
        tr("Someone else changed these annotations while you were offline, so the server kept "
           "their version and not yours (%n edit(s)). Nothing you wrote is lost: your versions "
           "are kept in\n%1",
            nullptr, m_list->topLevelItemCount())
            .arg(QDir::toNativeSeparators(m_queueFile)));
}

} // namespace Byline
