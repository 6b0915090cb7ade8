// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

#include <functional>

namespace Byline {

/// Edits a quote's speaker by typing: a completer offers the article's entities, matching
/// anywhere in the name ("Put" finds "Vladimir Putin"). An empty text clears the speaker.
class SpeakerDelegate final : public QStyledItemDelegate {
    Q_OBJECT
public:
    SpeakerDelegate(std::function<QStringList()> names, QObject *parent = nullptr);

    QWidget *createEditor(
        QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    std::function<QStringList()> m_names;
};

} // namespace Byline
