// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"

namespace Byline {

/// Byline's own dataset format: one article per line with all its annotations, offsets in
/// code points. Full fidelity: the reference for round trips (see JsonlCodec). Reading takes
/// every article of a file or none (unless skipBadRecords), streaming: memory stays flat.
///
/// The option "offsets=utf16" writes and reads the offsets in UTF-16 code units instead, for
/// JavaScript tools. The dataset format defines code points and has no field to name another
/// unit, so such a file does not say so: it reads back right only with the same option. The
/// spans' "text" still lets a reader check which unit a file uses.
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
