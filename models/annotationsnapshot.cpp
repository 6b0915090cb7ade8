// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationsnapshot.h"

#include "offsetmap.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QJsonValue spanJson(const Span &span, QStringView text, const OffsetMap &map)
{
    if (span.isNull())
        return QJsonValue::Null;
    return QJsonObject { { u"start"_s, map.toCodePoint(span.start) }, { u"end"_s, map.toCodePoint(span.end) },
        { u"text"_s, text.sliced(span.start, span.length()).toString() } };
}

} // namespace

QJsonObject snapshot(const Mention &mention, QStringView text)
{
    const OffsetMap map(text);
    return { { u"span"_s, spanJson(mention.span, text, map) },
        { u"status"_s, toString(mention.provenance.status) } };
}

QJsonObject snapshot(const Quote &quote, QStringView text, const QString &speakerName)
{
    const OffsetMap map(text);
    QJsonArray content;
    for (const Span &part : quote.content)
        content.append(spanJson(part, text, map));
    return { { u"kind"_s, toString(quote.kind) }, { u"content"_s, content },
        { u"cue"_s, spanJson(quote.cue, text, map) }, { u"source"_s, spanJson(quote.source, text, map) },
        { u"speaker"_s, speakerName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(speakerName) },
        { u"status"_s, toString(quote.provenance.status) } };
}

QJsonObject snapshot(const Figure &figure, QStringView text)
{
    const OffsetMap map(text);
    QJsonObject object { { u"kind"_s, figure.kind }, { u"span"_s, spanJson(figure.span, text, map) },
        { u"number"_s, spanJson(figure.number, text, map) },
        { u"value"_s, QJsonValue::fromVariant(figure.value) }, { u"unit"_s, figure.unit },
        { u"status"_s, toString(figure.provenance.status) } };
    if (figure.valueMax.isValid())
        object.insert(u"value_max"_s, QJsonValue::fromVariant(figure.valueMax));
    if (!figure.qualifier.isEmpty())
        object.insert(u"qualifier"_s, figure.qualifier);
    return object;
}

} // namespace Byline
