// SPDX-License-Identifier: GPL-3.0-or-later
#include "formatregistry.h"

#include "bratformat.h"
#include "conllformat.h"
#include "csvformat.h"
#include "doccanoformat.h"
#include "htmlformat.h"
#include "jsonlformat.h"
#include "labelstudioformat.h"
#include "qdpxformat.h"
#include "textformat.h"
#include "w3cformat.h"

#include <QFileInfo>

namespace Byline {

namespace {

using Factory = std::unique_ptr<DatasetFormat> (*)();

template<typename Format> std::unique_ptr<DatasetFormat> make()
{
    return std::make_unique<Format>();
}

const QList<Factory> &factories()
{
    static const QList<Factory> all = { &make<JsonlFormat>, &make<CsvFormat>, &make<ConllFormat>,
        &make<BratFormat>, &make<DoccanoFormat>, &make<LabelStudioFormat>, &make<W3cFormat>,
        &make<QdpxFormat>, &make<TextFormat>, &make<HtmlFormat> };
    return all;
}

} // namespace

QStringList FormatRegistry::shortNames(DatasetFormat::Capabilities needed)
{
    QStringList names;
    for (const Factory factory : factories()) {
        const auto format = factory();
        if ((format->capabilities() & needed) == needed)
            names << format->shortName();
    }
    return names;
}

std::unique_ptr<DatasetFormat> FormatRegistry::create(QStringView shortName)
{
    for (const Factory factory : factories()) {
        auto format = factory();
        if (format->shortName() == shortName)
            return format;
    }
    return nullptr;
}

std::unique_ptr<DatasetFormat> FormatRegistry::forFileName(
    const QString &fileName, DatasetFormat::Capability needed)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    for (const Factory factory : factories()) {
        auto format = factory();
        if (format->capabilities().testFlag(needed) && format->extensions().contains(suffix))
            return format;
    }
    return nullptr;
}

QStringList FormatRegistry::fileFilters(DatasetFormat::Capability needed)
{
    QStringList filters;
    for (const Factory factory : factories()) {
        const auto format = factory();
        if (format->capabilities().testFlag(needed))
            filters << format->fileFilter();
    }
    return filters;
}

} // namespace Byline
