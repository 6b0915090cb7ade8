// SPDX-License-Identifier: GPL-3.0-or-later
#include "figurepanel.h"

#include "annotationeditor.h"
#include "choicedelegate.h"
#include "document.h"
#include "figuremodel.h"
#include "modelroles.h"

#include <QAction>
#include <QMenu>
#include <QTreeView>
#include <QUndoStack>

namespace Byline {

FigurePanel::FigurePanel(FigureModel *model, Document *document, QWidget *parent)
    : AnnotationPanel(model, Shape::Table, parent)
    , m_document(document)
{
    view()->setItemDelegateForColumn(
        FigureModel::Kind, new ChoiceDelegate([this] { return m_document->schema().figureKinds; }, this));
    view()->setItemDelegateForColumn(FigureModel::Status,
        new ChoiceDelegate(
            [] {
                return QStringList { toString(AnnotationStatus::Accepted),
                    toString(AnnotationStatus::Rejected) };
            },
            this));

    view()->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *remove = new QAction(tr("Delete"), this);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(remove, &QAction::triggered, this, &FigurePanel::deleteSelected);
    view()->addAction(remove);
    connect(model, &FigureModel::editRefused, this, &FigurePanel::showRefusal);
}

bool FigurePanel::deleteSelected()
{
    const QModelIndexList rows = selectedSourceRows();
    AnnotationEditor editor(m_document);
    bool ok = !rows.isEmpty();
    // Deleting several rows is one step, as in the Entities panel.
    QUndoStack *stack = m_document->undoStack();
    if (rows.size() > 1)
        stack->beginMacro(tr("Delete %n annotation(s)", nullptr, int(rows.size())));
    // Ids first: each removal moves the rows after it.
    QList<RecordId> ids;
    for (const QModelIndex &index : rows)
        ids << index.data(IdRole).toLongLong();
    for (const RecordId id : ids)
        ok = editor.removeFigure(id) && ok;
    if (rows.size() > 1)
        stack->endMacro();
    if (!ok)
        showRefusal(editor.errorString());
    return ok;
}

void FigurePanel::fillContextMenu(QMenu *menu)
{
    const QModelIndex current = view()->currentIndex();
    if (!current.isValid())
        return;
    const bool readOnly = m_document->isReadOnly();
    for (const auto &[column, label] : { std::pair { FigureModel::Value, tr("Edit Value") },
             std::pair { FigureModel::Unit, tr("Edit Unit") },
             std::pair { FigureModel::Kind, tr("Edit Kind") },
             std::pair { FigureModel::Qualifier, tr("Edit Qualifier") } }) {
        menu->addAction(
                label, this, [this, column] { view()->edit(view()->currentIndex().siblingAtColumn(column)); })
            ->setEnabled(!readOnly);
    }
    menu->addSeparator();
    const AnnotationRef ref { Layer::Figures, current.siblingAtColumn(0).data(IdRole).toLongLong() };
    menu->addAction(tr("Accept"), this,
            [this, ref] {
                AnnotationEditor editor(m_document);
                if (!editor.accept(ref))
                    showRefusal(editor.errorString());
            })
        ->setEnabled(!readOnly);
    menu->addAction(tr("Reject"), this,
            [this, ref] {
                AnnotationEditor editor(m_document);
                if (!editor.reject(ref))
                    showRefusal(editor.errorString());
            })
        ->setEnabled(!readOnly);
    menu->addSeparator();
    menu->addAction(tr("Delete"), QKeySequence::Delete, this, &FigurePanel::deleteSelected)
        ->setEnabled(!readOnly);
}

} // namespace Byline
