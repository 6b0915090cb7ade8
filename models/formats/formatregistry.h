// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"

#include <memory>

namespace Byline {

/// Every dataset format Byline knows. The file dialogs, the export dialog and the command
/// line all ask here, so a new format appears everywhere at once.
class FormatRegistry final {
public:
    /// The short names, in the order dialogs list them.
    static QStringList shortNames(DatasetFormat::Capabilities needed = {});
    /// A new instance of the format with this short name, or null.
    static std::unique_ptr<DatasetFormat> create(QStringView shortName);
    /// The format a file name's extension suggests, or null.
    static std::unique_ptr<DatasetFormat> forFileName(
        const QString &fileName, DatasetFormat::Capability needed);
    /// Filters for a file dialog: one per format that can do what is needed.
    static QStringList fileFilters(DatasetFormat::Capability needed);
};

} // namespace Byline
