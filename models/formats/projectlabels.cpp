// SPDX-License-Identifier: GPL-3.0-or-later
#include "projectlabels.h"

#include "store.h"

using namespace Qt::StringLiterals;

namespace Byline {

ProjectLabels::ProjectLabels(const Store &store)
{
    const AnnotationSchema schema = store.schema();
    for (const EntityType &type : schema.entityTypes)
        m_types.insert(type.name);
    m_typeList = QStringList(m_types.cbegin(), m_types.cend());
    m_typeList.sort();
    m_figureKinds = QSet<QString>(schema.figureKinds.cbegin(), schema.figureKinds.cend());
    m_figureKindList = schema.figureKinds;
}

QString ProjectLabels::unknownEntityType(const QString &type) const
{
    return m_types.contains(type)
        ? QString()
        : tr("unknown label %1 (the project knows %2)").arg(type, m_typeList.join(u", "_s));
}

QString ProjectLabels::unknownFigureKind(const QString &kind) const
{
    return m_figureKinds.contains(kind)
        ? QString()
        : tr("unknown kind %1 (the project knows %2)").arg(kind, m_figureKindList.join(u", "_s));
}

} // namespace Byline
