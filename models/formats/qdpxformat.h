// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"

namespace Byline {

/// A REFI-QDA project (.qdpx: a zip with project.qde and the sources), so that qualitative
/// analysis programs (MAXQDA, ATLAS.ti, NVivo, QualCoder) open Byline's work. Codes stand for
/// entity types, quote kinds, figure kinds and statuses; every annotated span is a
/// PlainTextSelection of its article's TextSource (positions in code points) coded with them;
/// Links join a quote to its speaker, cue and source and a split quote's parts.
/// GUIDs are derived from the article keys and annotation ids, so exports are reproducible.
/// Reading takes such a file back (and the text selections of other programs whose codes are
/// named like the project's entity types). The archive is read in memory, never extracted, and
/// refused when an entry name leaves its folder, project.qde declares a DOCTYPE or would
/// inflate past 1 GiB, or an entry inflates past the size it declares (a zip bomb).
class QdpxFormat final : public DatasetFormat {
public:
    QString shortName() const override;
    QString displayName() const override;
    QStringList extensions() const override;
    Capabilities capabilities() const override;
    QString limitations() const override;
    bool write(const Store &store, const QString &path, const FormatProgress &progress) override;
    bool read(
        Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress) override;
};

} // namespace Byline
