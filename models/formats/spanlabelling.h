// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace Byline {

/// A span with one label, as span-labelling tools (doccano, Label Studio) store them.
struct LabelledSpan {
    int id = 0;
    Span span;
    QString label;
};

/// A named, directed link between two labelled spans.
struct SpanRelation {
    int from = 0;
    int to = 0;
    QString type;
};

struct LabelledSpans {
    QList<LabelledSpan> spans;
    QList<SpanRelation> relations;
};

/// Byline's layers flattened to labelled spans and relations, and back. Tools that know only
/// labels and relations carry quotes and figures this way:
/// - a mention is labelled with its entity type; later mentions link to the first ("coref"),
///   whose text names the entity;
/// - a quote part is QUOTE_DIRECT, QUOTE_INDIRECT or QUOTE_MIXED; a split quote links each part
///   to the next ("continues"); its first part links to its CUE, its SOURCE and a mention of
///   the speaker ("cue", "source", "speaker");
/// - a figure is FIGURE_COUNT, FIGURE_MONEY, ... linked to its NUMBER ("number").
/// Rejected annotations are left out: without a status they would come back as accepted work.
/// What does not fit (entity names other than the first mention, statuses, figure values,
/// units and qualifiers) is lost; the figure value is read back from the number's text.
class SpanLabelling final {
    Q_DECLARE_TR_FUNCTIONS(SpanLabelling)
public:
    static LabelledSpans flatten(const AnnotationSet &annotations);
    /// Rebuilds the layers of one article. Labels that are neither Byline's nor one of
    /// entityTypes are refused; `where` starts every error message.
    static std::optional<AnnotationSet> rebuild(const QString &text, const LabelledSpans &flat,
        const QStringList &entityTypes, AnnotationStatus status, const QString &where, QString *errorString);

    /// The labels a tool's configuration needs besides the entity types.
    static QStringList bylineLabels();
    static QStringList relationTypes();
};

} // namespace Byline
