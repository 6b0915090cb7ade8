// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"

namespace Byline {

/// Byline's own dataset format: one article per line with all its annotations, offsets in
/// code points. Full fidelity: the reference for round trips (see JsonlCodec). Reading takes
/// every article of a file or none (unless skipBadRecords), streaming: memory stays flat.
class JsonlFormat final : public DatasetFormat {
public:
    QString shortName() const override;
    QString displayName() const override;
    QStringList extensions() const override;
    Capabilities capabilities() const override;
    bool write(const Store &store, const QString &path, const FormatProgress &progress) override;
    bool read(
        Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress) override;
};

} // namespace Byline
