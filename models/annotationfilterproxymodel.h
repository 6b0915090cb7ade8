// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace Byline {

/// Sorts an annotation layer for its panel and hides rejected suggestions, which stay in the
/// project so that they are not suggested again but are no longer part of the article, unless
/// asked to show them (View > Show Rejected Suggestions). In a tree (entities with their
/// mentions) a row whose children are all rejected goes with them.
class AnnotationFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit AnnotationFilterProxyModel(QObject *parent = nullptr);

    bool showsRejected() const { return m_showRejected; }
    void setShowRejected(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    /// Whether a row passes for its status alone (StatusRole of column 0).
    bool acceptsStatus(int sourceRow, const QModelIndex &sourceParent) const;

private:
    bool m_showRejected = false;
};

} // namespace Byline
