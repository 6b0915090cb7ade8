// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotationpanel.h"

namespace Byline {

class Document;
class FigureModel;

/// The Figures panel: value, unit, kind, qualifier and status edited in place (F2 or a
/// double click), the kind from the schema's figure kinds. Every edit is one undo step.
class FigurePanel final : public AnnotationPanel {
    Q_OBJECT
public:
    FigurePanel(FigureModel *model, Document *document, QWidget *parent = nullptr);

    bool deleteSelected();

protected:
    void fillContextMenu(QMenu *menu) override;

private:
    Document *m_document;
};

} // namespace Byline
