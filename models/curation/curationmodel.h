// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "curation/curationunits.h"
#include "modelroles.h"

#include <QAbstractTableModel>
#include <QColor>

namespace Byline {

class Document;

/// The curation units of the document's current article as a table: one row per unit (entities,
/// quotes, figures, each in text order), a column saying what and where, one column per annotator
/// with their version, and the curated layer's decision last.
///
/// Each disagreement gets a colour of its own (the curation view marks its span in the text with
/// it), and the cells whose version is not the majority's are painted in it. The units are aligned
/// again whenever the article or its annotations change: after each step on the undo stack, and
/// when the article is read again (another client's change).
class CurationModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        AgreedRole = PreviousRole + 1, ///< bool: every annotator gave the same version
        DecisionRole, ///< CurationUnit::Decision as int
        DiffersRole, ///< bool, annotator cells: the version differs from the majority's
        UnitColourRole, ///< QColor of the unit's disagreement; invalid where all agree
    };

    explicit CurationModel(Document *document, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const CurationUnits &units() const { return m_units; }
    /// The column of annotator (an index into units().annotators()), and of the curated layer.
    static int annotatorColumn(int annotator) { return annotator + 1; }
    int curatedColumn() const { return int(m_units.annotators().size()) + 1; }
    /// The colour of a unit's disagreement, invalid when its annotators agree.
    QColor unitColour(int row) const;
    /// The next row after `row` (before it, for step -1) whose annotators disagree, or -1.
    int nextDisagreement(int row, int step) const;

    /// Aligns the units again (the model follows the document on its own; tests call it too).
    void refresh();

private:
    QString describe(const CurationVersion &version) const;
    QString whatAndWhere(const CurationUnit &unit) const;

    Document *m_document;
    CurationUnits m_units;
    QList<int> m_disagreementIndex; ///< per row: its place among the disagreements, or -1
};

} // namespace Byline
