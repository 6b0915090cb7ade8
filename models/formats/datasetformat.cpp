// SPDX-License-Identifier: GPL-3.0-or-later
#include "datasetformat.h"

#include "projectdocuments.h"

using namespace Qt::StringLiterals;

namespace Byline {

bool DatasetFormat::write(const Store &, const QString &, const FormatProgress &)
{
    return fail(tr("%1 cannot be written.").arg(displayName()));
}

bool DatasetFormat::read(Store &, const QString &, FormatReadReport *, const FormatProgress &)
{
    return fail(tr("%1 cannot be read.").arg(displayName()));
}

QString DatasetFormat::fileFilter() const
{
    QStringList patterns;
    for (const QString &extension : extensions())
        patterns << u"*."_s + extension;
    return u"%1 (%2)"_s.arg(displayName(), patterns.join(u' '));
}

bool DatasetFormat::forEachProjectDocument(
    const Store &store, const std::function<bool(const DatasetDocument &)> &visit) const
{
    return Byline::forEachProjectDocument(store, m_selection, visit);
}

bool DatasetFormat::fail(const QString &message)
{
    m_error = message;
    return false;
}

} // namespace Byline
