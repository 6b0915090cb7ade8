// SPDX-License-Identifier: GPL-3.0-or-later
#include "choicedelegate.h"

#include <QComboBox>

namespace Byline {

ChoiceDelegate::ChoiceDelegate(std::function<QStringList()> choices, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_choices(std::move(choices))
{
}

QWidget *ChoiceDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->addItems(m_choices());
    combo->setFrame(false);
    // One pick is the whole edit: no Enter needed after choosing with the mouse or the arrows.
    connect(combo, &QComboBox::activated, this, [this, combo] {
        auto *self = const_cast<ChoiceDelegate *>(this);
        Q_EMIT self->commitData(combo);
        Q_EMIT self->closeEditor(combo);
    });
    return combo;
}

void ChoiceDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    const QString current = index.data(Qt::EditRole).toString();
    if (combo->findText(current) < 0)
        combo->addItem(current); // a value the schema no longer lists stays visible
    combo->setCurrentText(current);
}

void ChoiceDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    const QString chosen = static_cast<QComboBox *>(editor)->currentText();
    if (chosen != index.data(Qt::EditRole).toString())
        model->setData(index, chosen);
}

} // namespace Byline
