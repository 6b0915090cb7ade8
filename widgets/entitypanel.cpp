// SPDX-License-Identifier: GPL-3.0-or-later
#include "entitypanel.h"

#include "annotationeditor.h"
#include "annotationfilterproxymodel.h"
#include "choicedelegate.h"
#include "document.h"
#include "entitymodel.h"
#include "modelroles.h"

#include <QAction>
#include <QMenu>
#include <QTreeView>
#include <QUndoStack>

namespace Byline {

EntityPanel::EntityPanel(EntityModel *model, Document *document, QWidget *parent)
    : AnnotationPanel(model, Shape::Tree, parent)
    , m_model(model)
    , m_document(document)
{
    QTreeView *tree = view();
    tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    tree->setItemDelegateForColumn(EntityModel::Type,
        new ChoiceDelegate(
            [this] {
                QStringList names;
                for (const EntityType &type : m_document->entityTypes())
                    names << type.name;
                return names;
            },
            this));
    tree->setDragEnabled(true);
    tree->setAcceptDrops(true);
    tree->setDropIndicatorShown(true);
    tree->setDragDropMode(QAbstractItemView::DragDrop);
    // A copy, as far as the view knows: the merge itself removes the dragged entity.
    tree->setDefaultDropAction(Qt::CopyAction);

    auto *remove = new QAction(tr("Delete"), this);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(remove, &QAction::triggered, this, &EntityPanel::deleteSelected);
    tree->addAction(remove);
    connect(model, &EntityModel::editRefused, this, &EntityPanel::showRefusal);
}

QList<RecordId> EntityPanel::selectedEntities() const
{
    QList<RecordId> ids;
    for (const QModelIndex &index : selectedSourceRows()) {
        if (!m_model->isMention(index))
            ids << index.data(IdRole).toLongLong();
    }
    return ids;
}

QList<RecordId> EntityPanel::selectedMentions() const
{
    QList<RecordId> ids;
    for (const QModelIndex &index : selectedSourceRows()) {
        if (m_model->isMention(index))
            ids << index.data(IdRole).toLongLong();
    }
    return ids;
}

RecordId EntityPanel::currentEntity() const
{
    const QModelIndex current = proxy()->mapToSource(view()->currentIndex());
    if (!current.isValid())
        return 0;
    return m_model->isMention(current) ? RecordId(current.internalId())
                                       : current.siblingAtColumn(0).data(IdRole).toLongLong();
}

bool EntityPanel::mergeSelected()
{
    const QList<RecordId> entities = selectedEntities();
    const RecordId target = currentEntity();
    if (entities.size() != 2 || !entities.contains(target))
        return false;
    const RecordId source = entities[0] == target ? entities[1] : entities[0];
    AnnotationEditor editor(m_document);
    if (editor.mergeEntities(target, source))
        return true;
    showRefusal(editor.errorString());
    return false;
}

bool EntityPanel::splitCurrentMention()
{
    const QModelIndex current = proxy()->mapToSource(view()->currentIndex());
    if (!m_model->isMention(current))
        return false;
    AnnotationEditor editor(m_document);
    if (editor.splitMention(current.siblingAtColumn(0).data(IdRole).toLongLong()) != 0)
        return true;
    showRefusal(editor.errorString());
    return false;
}

bool EntityPanel::deleteSelected()
{
    const QList<RecordId> entities = selectedEntities();
    QList<RecordId> mentions;
    // A mention of an entity being deleted goes with it.
    for (const QModelIndex &index : selectedSourceRows()) {
        if (m_model->isMention(index) && !entities.contains(RecordId(index.internalId())))
            mentions << index.data(IdRole).toLongLong();
    }
    if (entities.isEmpty() && mentions.isEmpty())
        return false;
    AnnotationEditor editor(m_document);
    QUndoStack *stack = m_document->undoStack();
    const bool several = entities.size() + mentions.size() > 1;
    if (several)
        stack->beginMacro(tr("Delete %n annotation(s)", nullptr, int(entities.size() + mentions.size())));
    bool ok = true;
    for (const RecordId id : mentions)
        ok = editor.removeMention(id) && ok;
    for (const RecordId id : entities)
        ok = editor.removeEntity(id) && ok;
    if (several)
        stack->endMacro();
    if (!ok)
        showRefusal(editor.errorString());
    return ok;
}

bool EntityPanel::setCurrentType(const QString &type)
{
    const RecordId entity = currentEntity();
    AnnotationEditor editor(m_document);
    if (entity != 0 && editor.setEntityType(entity, type))
        return true;
    showRefusal(editor.errorString());
    return false;
}

void EntityPanel::fillContextMenu(QMenu *menu)
{
    const QList<RecordId> entities = selectedEntities();
    const QModelIndex current = proxy()->mapToSource(view()->currentIndex());
    const bool readOnly = m_document->isReadOnly();
    if (current.isValid() && !m_model->isMention(current)) {
        menu->addAction(tr("Rename"), QKeySequence(Qt::Key_F2), this,
                [this] { view()->edit(view()->currentIndex().siblingAtColumn(EntityModel::Name)); })
            ->setEnabled(!readOnly);
        QMenu *types = menu->addMenu(tr("Type"));
        const QString currentType = current.siblingAtColumn(EntityModel::Type).data().toString();
        for (const EntityType &type : m_document->entityTypes()) {
            QAction *action
                = types->addAction(type.name, this, [this, name = type.name] { setCurrentType(name); });
            action->setCheckable(true);
            action->setChecked(type.name == currentType);
        }
        types->setEnabled(!readOnly);
    }
    if (entities.size() == 2) {
        const QString target = current.siblingAtColumn(EntityModel::Name).data().toString();
        menu->addAction(tr("Merge into “%1”").arg(target), this, &EntityPanel::mergeSelected)
            ->setEnabled(!readOnly && entities.contains(currentEntity()));
    }
    if (m_model->isMention(current))
        menu->addAction(tr("Split Off into New Entity"), this, &EntityPanel::splitCurrentMention)
            ->setEnabled(!readOnly);
    if (!entities.isEmpty() || !selectedMentions().isEmpty()) {
        menu->addSeparator();
        menu->addAction(tr("Delete"), QKeySequence::Delete, this, &EntityPanel::deleteSelected)
            ->setEnabled(!readOnly);
    }
}

} // namespace Byline
