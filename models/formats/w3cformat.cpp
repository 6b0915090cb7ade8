// SPDX-License-Identifier: GPL-3.0-or-later
#include "w3cformat.h"

#include "documentwriter.h"
#include "offsetmap.h"
#include "store.h"

#include <QFile>

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
    return CanRead | CanWrite;
}

QString W3cFormat::limitations() const
{
    return tr("Carries no article text: targets name the article, and reading adds annotations to "
              "the project's articles of that name. Leaves out confidences, qualifiers and upper "
              "bounds of ranges. Reading a file twice adds its annotations twice.");
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
        store, selection(), path, progress, header,
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

namespace {

const QString articlePrefix = u"urn:byline:article:"_s;

/// One article the file annotates, with what was read for it so far.
struct PendingArticle {
    QString key;
    RecordId id = 0;
    QString text;
    std::unique_ptr<OffsetMap> map;
    AnnotationSet annotations;
};

QJsonArray asArray(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray();
    if (value.isUndefined() || value.isNull())
        return {};
    return QJsonArray { value };
}

} // namespace

bool W3cFormat::read(
    Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(path, file.errorString()));
    // The file is parsed whole: refuse what cannot reasonably be held in memory.
    constexpr qint64 maxBytes = qint64(1) << 30;
    if (file.size() > maxBytes)
        return fail(tr("%1: the file is larger than 1 GiB; split it into several files").arg(path));
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            tr("%1: not JSON (%2 at byte %3)").arg(path, parseError.errorString()).arg(parseError.offset));

    // A collection with its first page inline, a page, a list of annotations or one.
    QJsonArray items;
    QString itemsField = u"items"_s;
    const QJsonObject top = json.object();
    const QString topType = top.value("type"_L1).toString();
    if (json.isArray()) {
        items = json.array();
        itemsField = u"annotations"_s;
    } else if (topType == u"AnnotationCollection"_s) {
        if (!top.value("first"_L1).isObject())
            return fail(tr("%1: first: the collection's first page must be in the file").arg(path));
        items = top.value("first"_L1).toObject().value("items"_L1).toArray();
        itemsField = u"first.items"_s;
    } else if (topType == u"AnnotationPage"_s) {
        items = top.value("items"_L1).toArray();
    } else if (topType == u"Annotation"_s) {
        items = { top };
        itemsField = u"annotation"_s;
    } else {
        return fail(tr("%1: not a Web Annotation collection, page or annotation").arg(path));
    }
    QStringList entityTypes;
    for (const EntityType &type : store.entityTypes())
        entityTypes << type.name;

    std::map<QString, PendingArticle> articles;
    QHash<QString, QPair<QString, RecordId>> entityByIri; // annotation id -> article key, entity
    QList<std::tuple<QString, qsizetype, QString, QString>>
        speakers; // article, quote index, speaker IRI, field
    QString error;

    auto articleFor = [&](const QString &source, const QString &field) -> PendingArticle * {
        if (!source.startsWith(articlePrefix)) {
            error = tr("%1.source: \"%2\" is not an article of a Byline project").arg(field, source);
            return nullptr;
        }
        const QString key = QUrl::fromPercentEncoding(source.mid(articlePrefix.size()).toUtf8());
        auto found = articles.find(key);
        if (found != articles.end())
            return &found->second;
        const auto id = store.articleIdForKey(key);
        const auto article = id ? store.article(*id) : std::nullopt;
        if (!article) {
            error = tr("%1.source: the project has no article \"%2\"").arg(field, key);
            return nullptr;
        }
        PendingArticle &pending = articles[key];
        pending.key = key;
        pending.id = *id;
        pending.text = article->text;
        pending.map = std::make_unique<OffsetMap>(pending.text);
        return &pending;
    };
    // A span from a resource's selectors; the quote selector wins when the position is stale.
    auto spanOf
        = [&](const QJsonObject &resource, const PendingArticle &article, const QString &field) -> Span {
        QJsonObject position, quote;
        for (const QJsonValue &value : asArray(resource.value("selector"_L1))) {
            const QString type = value.toObject().value("type"_L1).toString();
            if (type == u"TextPositionSelector"_s)
                position = value.toObject();
            else if (type == u"TextQuoteSelector"_s)
                quote = value.toObject();
        }
        const QString &text = article.text;
        Span span;
        if (!position.isEmpty()) {
            const qint64 start = position.value("start"_L1).toInteger(-1);
            const qint64 end = position.value("end"_L1).toInteger(-1);
            if (start >= 0 && start < end && end <= article.map->codePointLength())
                span = { article.map->toUtf16(start), article.map->toUtf16(end) };
            else if (quote.isEmpty())
                error = tr("%1: TextPositionSelector [%2, %3) lies outside the text (%4 characters)")
                            .arg(field)
                            .arg(start)
                            .arg(end)
                            .arg(article.map->codePointLength());
        }
        if (quote.isEmpty()) {
            if (position.isEmpty())
                error = tr("%1: neither a TextPositionSelector nor a TextQuoteSelector").arg(field);
            return span;
        }
        const QString exact = quote.value("exact"_L1).toString();
        if (!span.isNull() && textOf(text, span) == exact)
            return span;
        const QString prefix = quote.value("prefix"_L1).toString();
        const QString suffix = quote.value("suffix"_L1).toString();
        qsizetype at = exact.isEmpty() ? -1 : text.indexOf(prefix + exact + suffix);
        if (at >= 0)
            at += prefix.size();
        else if (!exact.isEmpty() && text.count(exact) == 1)
            at = text.indexOf(exact);
        if (at < 0) {
            error = tr("%1: TextQuoteSelector: \"%2\" does not match the text of the article")
                        .arg(field, exact);
            return {};
        }
        return { at, at + exact.size() };
    };

    for (qsizetype i = 0; i < items.size() && error.isEmpty(); ++i) {
        const QString field = u"%1: %2[%3]"_s.arg(path, itemsField).arg(i);
        const QJsonObject annotation = items.at(i).toObject();
        const QJsonArray targets = asArray(annotation.value("target"_L1));
        if (targets.isEmpty()) {
            error = tr("%1.target: missing").arg(field);
            break;
        }
        PendingArticle *article = nullptr;
        QList<Span> spans;
        for (qsizetype t = 0; t < targets.size() && error.isEmpty(); ++t) {
            const QString targetField = field + u".target[%1]"_s.arg(t);
            PendingArticle *own
                = articleFor(targets.at(t).toObject().value("source"_L1).toString(), targetField);
            if (own && article && own != article)
                error = tr("%1: the targets lie in different articles").arg(targetField);
            article = own;
            if (article)
                spans << spanOf(targets.at(t).toObject(), *article, targetField);
        }
        if (!error.isEmpty())
            break;

        Provenance provenance;
        provenance.annotator = annotation.value("creator"_L1).toString();
        QString tag, kind, name, value, unit, speaker;
        Span cue, source, number;
        const QJsonArray bodies = asArray(annotation.value("body"_L1));
        for (qsizetype b = 0; b < bodies.size() && error.isEmpty(); ++b) {
            const QJsonObject body = bodies.at(b).toObject();
            const QString purpose = body.value("purpose"_L1).toString();
            const QString label = body.value("label"_L1).toString();
            const QString text = body.value("value"_L1).toString();
            if (purpose == u"tagging"_s)
                tag = text;
            else if (purpose == u"classifying"_s)
                kind = text;
            else if (purpose == u"identifying"_s)
                name = text;
            else if (purpose == u"moderating"_s) {
                const auto status = annotationStatusFromString(text);
                if (!status)
                    error = tr("%1.body[%2]: unknown status \"%3\"").arg(field).arg(b).arg(text);
                provenance.status = status.value_or(AnnotationStatus::Manual);
            } else if (purpose == u"describing"_s && label == u"value"_s)
                value = text;
            else if (purpose == u"describing"_s && label == u"unit"_s)
                unit = text;
            else if (purpose == u"linking"_s && label == u"speaker"_s)
                speaker = body.value("id"_L1).toString();
            else if (purpose == u"linking"_s) {
                const QString bodyField = field + u".body[%1]"_s.arg(b);
                PendingArticle *own = articleFor(body.value("source"_L1).toString(), bodyField);
                if (own && own != article)
                    error = tr("%1: links to another article").arg(bodyField);
                const Span span = own ? spanOf(body, *own, bodyField) : Span();
                if (label == u"cue"_s)
                    cue = span;
                else if (label == u"source"_s)
                    source = span;
                else if (label == u"number"_s)
                    number = span;
            }
        }
        if (!error.isEmpty())
            break;

        AnnotationSet &set = article->annotations;
        const QString articleKey = article->key;
        if (tag == u"quote"_s) {
            Quote quote;
            quote.id = set.quotes.size() + 1;
            const auto quoteKind = quoteKindFromString(kind);
            if (!quoteKind) {
                error
                    = tr("%1.body: the quote kind \"%2\" is not direct, indirect or mixed").arg(field, kind);
                break;
            }
            quote.kind = *quoteKind;
            quote.content = spans;
            quote.cue = cue;
            quote.source = source;
            quote.provenance = provenance;
            if (!speaker.isEmpty())
                speakers.append({ articleKey, set.quotes.size(), speaker, field });
            set.quotes.append(quote);
        } else if (tag == u"figure"_s) {
            Figure figure;
            figure.id = set.figures.size() + 1;
            figure.kind = kind;
            figure.span = spans.first();
            figure.number = number;
            bool isNumber = false;
            const double parsed = value.toDouble(&isNumber);
            figure.value = value.isEmpty() ? QVariant() : isNumber ? QVariant(parsed) : QVariant(value);
            figure.unit = unit;
            figure.provenance = provenance;
            set.figures.append(figure);
        } else if (entityTypes.contains(tag)) {
            Entity entity;
            entity.id = set.entities.size() + 1;
            entity.type = tag;
            entity.name = name.isEmpty() ? textOf(article->text, spans.first()) : name;
            entity.provenance = provenance;
            for (const Span &span : std::as_const(spans)) {
                Mention mention;
                mention.span = span;
                mention.provenance = provenance;
                entity.mentions.append(mention);
            }
            entityByIri.insert(annotation.value("id"_L1).toString(), { articleKey, entity.id });
            set.entities.append(entity);
        } else {
            error = tr("%1.body: the tag \"%2\" is neither quote, figure nor an entity type (%3)")
                        .arg(field, tag, entityTypes.join(u", "_s));
        }
    }
    for (const auto &[articleKey, index, iri, field] : std::as_const(speakers)) {
        if (!error.isEmpty())
            break;
        const auto entity = entityByIri.value(iri);
        if (entity.second == 0 || entity.first != articleKey)
            error
                = tr("%1: the speaker %2 is not an entity of the same article in this file").arg(field, iri);
        else
            articles[articleKey].annotations.quotes[index].speakerId = entity.second;
    }
    if (!error.isEmpty())
        return fail(error);

    // Everything checked: store it all in one transaction.
    Store::Transaction transaction(store);
    if (!transaction.isOpen())
        return fail(tr("Cannot read %1: %2").arg(path, store.errorString()));
    FormatReadReport counts;
    for (auto &[articleKey, pending] : articles) {
        QHash<RecordId, RecordId> entityIds;
        for (Entity entity : pending.annotations.entities) {
            const RecordId local = entity.id;
            entity.id = 0;
            entity.articleId = pending.id;
            for (Mention &mention : entity.mentions)
                mention.articleId = pending.id;
            if (!store.insertEntity(entity))
                return fail(tr("%1: %2").arg(path, store.errorString()));
            entityIds.insert(local, entity.id);
        }
        for (Quote quote : pending.annotations.quotes) {
            quote.id = 0;
            quote.articleId = pending.id;
            quote.speakerId = entityIds.value(quote.speakerId);
            if (!store.insertQuote(quote))
                return fail(tr("%1: %2").arg(path, store.errorString()));
        }
        for (Figure figure : pending.annotations.figures) {
            figure.id = 0;
            figure.articleId = pending.id;
            if (!store.insertFigure(figure))
                return fail(tr("%1: %2").arg(path, store.errorString()));
        }
        ++counts.articles;
        if (progress && !progress(counts.articles, qint64(articles.size())))
            return fail(tr("Reading %1 was cancelled; nothing was imported.").arg(path));
    }
    if (!transaction.commit())
        return fail(tr("Cannot read %1: %2").arg(path, store.errorString()));
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
