// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotationpanel.h"

namespace Byline {

class Document;
class EntityModel;

/// The Entities panel: entities with their mentions, edited in place. F2 renames, the Type
/// column picks from the schema, Delete removes the selected mentions or entities, and the
/// context menu merges two entities (as does dragging one onto the other) or splits a
/// mention off into an entity of its own. Every edit is one undo step.
class EntityPanel final : public AnnotationPanel {
    Q_OBJECT
public:
    EntityPanel(EntityModel *model, Document *document, QWidget *parent = nullptr);

    /// Merges the other selected entity into the current one (the one clicked last).
    bool mergeSelected();
    bool splitCurrentMention();
    bool deleteSelected();
    bool setCurrentType(const QString &type);

protected:
    void fillContextMenu(QMenu *menu) override;

private:
    QList<RecordId> selectedEntities() const;
    QList<RecordId> selectedMentions() const;
    RecordId currentEntity() const;

    EntityModel *m_model;
    Document *m_document;
};

} // namespace Byline
