// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"

namespace Byline {

/// W3C Web Annotation Data Model in JSON-LD: one AnnotationCollection whose first page holds
/// an Annotation per entity, quote and figure. Targets are the article
/// (urn:byline:article:KEY) with a TextPositionSelector (code points, as the model counts)
/// and a TextQuoteSelector (exact, prefix, suffix); bodies carry the type, kind, status
/// ("moderating") and the links of a quote to its speaker, cue and source.
class W3cFormat final : public DatasetFormat {
public:
    QString shortName() const override;
    QString displayName() const override;
    QStringList extensions() const override;
    Capabilities capabilities() const override;
    QString limitations() const override;
    bool write(const Store &store, const QString &path, const FormatProgress &progress) override;
};

} // namespace Byline
