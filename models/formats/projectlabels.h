// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QSet>
#include <QStringList>

namespace Byline {

class Store;

/// The entity types and figure kinds a project knows, for importers to refuse the others with
/// the same words: an annotation the schema cannot show would be stored but never seen.
class ProjectLabels final {
    Q_DECLARE_TR_FUNCTIONS(Byline::ProjectLabels)
public:
    explicit ProjectLabels(const Store &store);

    /// Empty when the project knows the type, else why not ("unknown label X (the project knows …)").
    QString unknownEntityType(const QString &type) const;
    /// Empty when the project knows the kind, else why not ("unknown kind X (the project knows …)").
    QString unknownFigureKind(const QString &kind) const;

private:
    QSet<QString> m_types;
    QStringList m_typeList; ///< sorted, for messages
    QSet<QString> m_figureKinds;
    QStringList m_figureKindList; ///< in the schema's order, for messages
};

} // namespace Byline
