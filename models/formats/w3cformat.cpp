// SPDX-License-Identifier: GPL-3.0-or-later
#include "w3cformat.h"

#include "documentwriter.h"
#include "offsetmap.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

/// Characters of context around a TextQuoteSelector's exact text: enough to find it again
/// when the text changed, short enough to keep files small.
constexpr qsizetype contextLength = 32;

class AnnotationBuilder final {
public:
    explicit AnnotationBuilder(const DatasetDocument &document)
        : m_document(document)
        , m_text(document.article.text)
        , m_map(m_text)
        , m_articleIri(
              u"urn:byline:article:"_s + QString::fromLatin1(QUrl::toPercentEncoding(document.article.key)))
    {
    }

    QString iri(const QHash<RecordId, QString> &keys, QChar letter, RecordId id) const
    {
        const QString key = keys.value(id);
        return m_articleIri + u'#' + (key.isEmpty() ? letter + QString::number(id) : key);
    }

    QJsonArray selectors(const Span &span) const
    {
        qsizetype prefixStart = std::max<qsizetype>(0, span.start - contextLength);
        if (!m_map.isBoundary(prefixStart))
            ++prefixStart;
        qsizetype suffixEnd = std::min<qsizetype>(m_text.size(), span.end + contextLength);
        if (!m_map.isBoundary(suffixEnd))
            --suffixEnd;
        return { QJsonObject { { "type"_L1, u"TextPositionSelector"_s },
                     { "start"_L1, m_map.toCodePoint(span.start) },
                     { "end"_L1, m_map.toCodePoint(span.end) } },
            QJsonObject { { "type"_L1, u"TextQuoteSelector"_s }, { "exact"_L1, textOf(m_text, span) },
                { "prefix"_L1, m_text.mid(prefixStart, span.start - prefixStart) },
                { "suffix"_L1, m_text.mid(span.end, suffixEnd - span.end) } } };
    }

    QJsonObject target(const Span &span) const
    {
        return { { "type"_L1, u"SpecificResource"_s }, { "source"_L1, m_articleIri },
            { "selector"_L1, selectors(span) } };
    }

    static QJsonObject textBody(const QString &purpose, const QString &value)
    {
        return { { "type"_L1, u"TextualBody"_s }, { "purpose"_L1, purpose }, { "value"_L1, value } };
    }

    QJsonObject linkBody(const QString &label, const Span &span) const
    {
        QJsonObject body = target(span);
        body.insert("purpose"_L1, u"linking"_s);
        body.insert("label"_L1, label);
        return body;
    }

    static QJsonObject annotation(const QString &id, const QString &motivation, const Provenance &provenance,
        QJsonArray body, const QJsonArray &targets)
    {
        body.append(textBody(u"moderating"_s, toString(provenance.status)));
        QJsonObject object { { "id"_L1, id }, { "type"_L1, u"Annotation"_s }, { "motivation"_L1, motivation },
            { "body"_L1, body },
            { "target"_L1, targets.size() == 1 ? targets.first() : QJsonValue(targets) } };
        if (!provenance.annotator.isEmpty())
            object.insert("creator"_L1, provenance.annotator);
        return object;
    }

    QList<QJsonObject> annotations() const
    {
        const AnnotationSet &set = m_document.annotations;
        QList<QJsonObject> all;
        for (const Entity &entity : set.entities) {
            QJsonArray targets;
            for (const Mention &mention : entity.mentions)
                targets.append(target(mention.span));
            if (targets.isEmpty())
                continue;
            all.append(annotation(iri(m_document.entityKeys, u'E', entity.id), u"identifying"_s,
                entity.provenance,
                { textBody(u"tagging"_s, entity.type), textBody(u"identifying"_s, entity.name) }, targets));
        }
        for (const Quote &quote : set.quotes) {
            QJsonArray targets;
            for (const Span &part : quote.content)
                targets.append(target(part));
            if (targets.isEmpty())
                continue;
            QJsonArray body { textBody(u"tagging"_s, u"quote"_s),
                textBody(u"classifying"_s, toString(quote.kind)) };
            if (!quote.cue.isNull())
                body.append(linkBody(u"cue"_s, quote.cue));
            if (!quote.source.isNull())
                body.append(linkBody(u"source"_s, quote.source));
            if (quote.speakerId != 0) {
                body.append(QJsonObject { { "id"_L1, iri(m_document.entityKeys, u'E', quote.speakerId) },
                    { "purpose"_L1, u"linking"_s }, { "label"_L1, u"speaker"_s } });
            }
            all.append(annotation(
                iri(m_document.quoteKeys, u'Q', quote.id), u"tagging"_s, quote.provenance, body, targets));
        }
        for (const Figure &figure : set.figures) {
            QJsonArray body { textBody(u"tagging"_s, u"figure"_s), textBody(u"classifying"_s, figure.kind) };
            if (!figure.number.isNull())
                body.append(linkBody(u"number"_s, figure.number));
            if (figure.value.isValid() && !figure.value.isNull()) {
                const QString value = figure.value.typeId() == QMetaType::QString
                    ? figure.value.toString()
                    : QString::number(figure.value.toDouble(), 'g', 17);
                QJsonObject describing = textBody(u"describing"_s, value);
                describing.insert("label"_L1, u"value"_s);
                body.append(describing);
            }
            if (!figure.unit.isEmpty()) {
                QJsonObject unit = textBody(u"describing"_s, figure.unit);
                unit.insert("label"_L1, u"unit"_s);
                body.append(unit);
            }
            all.append(annotation(iri(m_document.figureKeys, u'F', figure.id), u"tagging"_s,
                figure.provenance, body, { target(figure.span) }));
        }
        return all;
    }

private:
    const DatasetDocument &m_document;
    const QString &m_text;
    OffsetMap m_map;
    QString m_articleIri;
};

} // namespace

QString W3cFormat::shortName() const
{
    return u"w3c"_s;
}

QString W3cFormat::displayName() const
{
    return tr("W3C Web Annotation (JSON-LD)");
}

QStringList W3cFormat::extensions() const
{
    return { u"jsonld"_s };
}

DatasetFormat::Capabilities W3cFormat::capabilities() const
{
    return CanWrite;
}

QString W3cFormat::limitations() const
{
    return tr("Written only. Carries no article text (targets name the article), confidences, "
              "qualifiers or upper bounds of ranges.");
}

bool W3cFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    const QByteArray header
        = R"({"@context":"http://www.w3.org/ns/anno.jsonld",)"
          R"("id":"urn:byline:collection","type":"AnnotationCollection",)"
          R"("label":"Byline annotations","first":{"type":"AnnotationPage","startIndex":0,"items":[)"
          "\n";
    bool first = true;
    const QString error = DocumentWriter::write(
        store, path, progress, header,
        [&first](const DatasetDocument &document, qint64) {
            QByteArray chunk;
            for (const QJsonObject &annotation : AnnotationBuilder(document).annotations()) {
                if (!first)
                    chunk += ",\n";
                first = false;
                chunk += QJsonDocument(annotation).toJson(QJsonDocument::Compact);
            }
            return chunk;
        },
        "\n]}}\n");
    return error.isEmpty() || fail(error);
}

} // namespace Byline
