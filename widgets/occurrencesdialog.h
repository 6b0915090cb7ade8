// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QDialog>

class QListWidget;

namespace Byline {

/// The preview of "Tag all occurrences": each place in its context, with a check box, all
/// checked, so that the analyst leaves out the ones that name something else.
class OccurrencesDialog final : public QDialog {
    Q_OBJECT
public:
    OccurrencesDialog(const QString &text, const QList<Span> &spans, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QList<Span> checkedSpans() const;

private:
    QListWidget *m_list;
    QList<Span> m_spans;
};

} // namespace Byline
