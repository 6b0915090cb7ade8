// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"

namespace Byline {

/// W3C Web Annotation Data Model in JSON-LD: one AnnotationCollection whose first page holds
/// an Annotation per entity, quote and figure. Targets are the article
/// (urn:byline:article:KEY) with a TextPositionSelector (code points, as the model counts)
/// and a TextQuoteSelector (exact, prefix, suffix); bodies carry the type, kind, status
/// ("moderating") and the links of a quote to its speaker, cue and source.
/// Reading adds annotations to articles already in the project.
///
/// The option "offsets=utf16" writes and reads the TextPositionSelector's start and end in
/// UTF-16 code units, as JavaScript anchoring libraries count, although the model defines
/// code points; the collection's label says so, since the model has no property for it.
/// Reading without the option still finds such spans through their TextQuoteSelector.
class W3cFormat final : public DatasetFormat {
public:
    QString shortName() const override;
    QString displayName() const override;
    QStringList extensions() const override;
    Capabilities capabilities() const override;
    QString limitations() const override;
    bool write(const Store &store, const QString &path, const FormatProgress &progress) override;
    /// Adds the annotations to the project's articles their targets name (the text is not in
    /// the file). A TextQuoteSelector re-anchors a span whose position no longer matches.
    /// Streams: one article's annotations are held at a time, an annotation at most the option
    /// "maxLineBytes" long; what crosses articles (ids, which must be unique in the file, and
    /// speakers) is kept in the import's transaction (see ArticleRun in the source). With the
    /// option "skipBadRecords", a bad annotation is left out and reported, the others read.
    bool read(
        Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress) override;
};

} // namespace Byline
