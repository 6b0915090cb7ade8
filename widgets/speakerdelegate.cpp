// SPDX-License-Identifier: GPL-3.0-or-later
#include "speakerdelegate.h"

#include <QCompleter>
#include <QLineEdit>

namespace Byline {

SpeakerDelegate::SpeakerDelegate(std::function<QStringList()> names, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_names(std::move(names))
{
}

QWidget *SpeakerDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *edit = new QLineEdit(parent);
    edit->setFrame(false);
    edit->setPlaceholderText(tr("Speaker (empty: none)"));
    auto *completer = new QCompleter(m_names(), edit);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    edit->setCompleter(completer);
    return edit;
}

void SpeakerDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *edit = static_cast<QLineEdit *>(editor);
    edit->setText(index.data(Qt::EditRole).toString());
    edit->selectAll();
}

void SpeakerDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    const QString text = static_cast<QLineEdit *>(editor)->text();
    if (text != index.data(Qt::EditRole).toString())
        model->setData(index, text);
}

} // namespace Byline
