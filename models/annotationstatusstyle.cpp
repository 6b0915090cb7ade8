// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotationstatusstyle.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::AnnotationStatus", text);
}

QString spanText(const QJsonValue &span)
{
    return span.toObject().value(u"text"_s).toString();
}

} // namespace

QColor statusColour(AnnotationStatus status)
{
    switch (status) {
    case AnnotationStatus::Auto:
        return QColor(0x9a, 0x9a, 0x9a);
    case AnnotationStatus::Accepted:
        return QColor(0x2e, 0x8b, 0x57);
    case AnnotationStatus::Edited:
        return QColor(0xe0, 0x9b, 0x1a);
    case AnnotationStatus::Manual:
        return QColor(0x3a, 0x6e, 0xc8);
    case AnnotationStatus::Rejected:
        return QColor(0xc8, 0x3a, 0x3a);
    }
    return {};
}

QString describePrevious(const QJsonObject &previous)
{
    if (previous.isEmpty())
        return {};
    QStringList parts;
    // The keys are those of the snapshots (annotationsnapshot.h) and of an entity's name and type.
    if (previous.contains(u"name"_s))
        parts << tr("name “%1”").arg(previous.value(u"name"_s).toString());
    if (previous.contains(u"type"_s))
        parts << tr("type %1").arg(previous.value(u"type"_s).toString());
    if (previous.contains(u"value"_s)) {
        const QJsonValue value = previous.value(u"value"_s);
        parts << tr("value %1")
                     .arg(value.isDouble() ? QString::number(value.toDouble(), 'g', 15) : value.toString());
    }
    if (!previous.value(u"unit"_s).toString().isEmpty())
        parts << tr("unit %1").arg(previous.value(u"unit"_s).toString());
    if (previous.contains(u"kind"_s))
        parts << tr("kind %1").arg(previous.value(u"kind"_s).toString());
    if (!previous.value(u"qualifier"_s).toString().isEmpty())
        parts << tr("qualifier %1").arg(previous.value(u"qualifier"_s).toString());
    if (previous.contains(u"speaker"_s))
        parts << (previous.value(u"speaker"_s).isNull()
                ? tr("no speaker")
                : tr("speaker %1").arg(previous.value(u"speaker"_s).toString()));
    if (!spanText(previous.value(u"source"_s)).isEmpty())
        parts << tr("source “%1”").arg(spanText(previous.value(u"source"_s)));
    if (!spanText(previous.value(u"cue"_s)).isEmpty())
        parts << tr("cue “%1”").arg(spanText(previous.value(u"cue"_s)));
    if (previous.value(u"content"_s).isArray()) {
        QStringList content;
        for (const QJsonValue &part : previous.value(u"content"_s).toArray())
            content << u"“"_s + spanText(part) + u"”"_s;
        parts << tr("content %1").arg(content.join(u" + "_s));
    }
    if (!spanText(previous.value(u"span"_s)).isEmpty())
        parts << tr("text “%1”").arg(spanText(previous.value(u"span"_s)));
    return tr("Before the edit: %1").arg(parts.join(u", "_s));
}

} // namespace Byline
