// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

#include <functional>

namespace Byline {

/// Edits a cell by picking one of a list (entity types, kinds, statuses) in a combo box.
/// The list is asked for each time an editor opens, so a changed schema shows at once;
/// picking an entry commits it, as one undo step.
class ChoiceDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    ChoiceDelegate(std::function<QStringList()> choices, QObject *parent = nullptr);

    QWidget *createEditor(
        QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    std::function<QStringList()> m_choices;
};

} // namespace Byline
