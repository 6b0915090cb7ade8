// SPDX-License-Identifier: GPL-3.0-or-later
#include "datasetformat.h"

#include "formatregistry.h"
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

QString DatasetFormat::optionsProblem(const FormatOptions &options) const
{
    const QString offsets = OffsetUnitOption::name();
    if (!options.contains(offsets))
        return {};
    if (!capabilities().testFlag(ChoosesOffsetUnit))
        return tr("%1 does not take the option %2: its offsets are counted as the tools that read it count "
                  "them. The formats that take it: %3.")
            .arg(shortName(), offsets, FormatRegistry::shortNames(ChoosesOffsetUnit).join(u", "_s));
    QString error;
    return OffsetUnitOption::fromValue(options.value(offsets), &error) ? QString() : error;
}

std::optional<OffsetUnit> DatasetFormat::offsetUnit()
{
    QString error;
    const auto unit = OffsetUnitOption::fromValue(option(OffsetUnitOption::name()), &error);
    if (!unit)
        fail(error);
    return unit;
}

bool DatasetFormat::forEachProjectDocument(
    const Store &store, const std::function<bool(const DatasetDocument &)> &visit) const
{
    return Byline::forEachProjectDocument(store, m_selection, visit, &m_readFailure);
}

bool DatasetFormat::fail(const QString &message)
{
    m_error = message;
    return false;
}

} // namespace Byline
