// SPDX-License-Identifier: GPL-3.0-or-later
#include "extraction/datasetjson.h"

#include "offsetmap.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

class Reader final {
public:
    Reader(const QString &text, const QString &where)
        : m_text(text)
        , m_map(text)
        , m_where(where)
    {
    }

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    void fail(const QString &field, const QString &message)
    {
        if (m_error.isEmpty())
            m_error = (m_where.isEmpty() ? QString() : m_where + u": "_s) + field + u": "_s + message;
    }

    /// A span object, or a null Span for JSON null or a missing value when allowed.
    Span span(const QJsonValue &value, const QString &field, bool nullable)
    {
        if (value.isNull() || value.isUndefined()) {
            if (!nullable)
                fail(field, u"missing span"_s);
            return {};
        }
        if (!value.isObject()) {
            fail(field, u"a span must be an object with start, end and text"_s);
            return {};
        }
        const QJsonObject object = value.toObject();
        const QJsonValue start = object.value("start"_L1);
        const QJsonValue end = object.value("end"_L1);
        if (!start.isDouble() || !end.isDouble()) {
            fail(field, u"start and end must be numbers"_s);
            return {};
        }
        const qsizetype startPoint = start.toInteger(-1);
        const qsizetype endPoint = end.toInteger(-1);
        if (startPoint < 0 || endPoint < startPoint || endPoint > m_map.codePointLength()) {
            fail(field,
                u"span [%1, %2) lies outside the text (%3 code points)"_s.arg(startPoint)
                    .arg(endPoint)
                    .arg(m_map.codePointLength()));
            return {};
        }
        const Span result { m_map.toUtf16(startPoint), m_map.toUtf16(endPoint) };
        const QString covered = m_text.mid(result.start, result.length());
        const QJsonValue text = object.value("text"_L1);
        if (!text.isUndefined() && text.toString() != covered) {
            fail(field,
                u"span text \"%1\" does not match the article text \"%2\" at [%3, %4)"_s
                    .arg(text.toString(), covered)
                    .arg(startPoint)
                    .arg(endPoint));
            return {};
        }
        return result;
    }

    const QString &m_text;
    OffsetMap m_map;
    QString m_where;
    QString m_error;
};

QJsonObject extraFields(const QJsonObject &object, std::initializer_list<QLatin1StringView> known)
{
    QJsonObject extra;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (std::find(known.begin(), known.end(), it.key()) == known.end())
            extra.insert(it.key(), it.value());
    }
    return extra;
}

/// "E12" -> 12; anything else -> 0.
RecordId numericSuffix(const QString &key)
{
    qsizetype digits = key.size();
    while (digits > 0 && key.at(digits - 1).isDigit())
        --digits;
    if (digits == key.size())
        return 0;
    bool ok = false;
    const RecordId value = QStringView(key).mid(digits).toLongLong(&ok);
    return ok ? value : 0;
}

/// Keeps the number of a "Q7" id when it is free, so written files keep their ids.
RecordId assignId(const QString &key, QSet<RecordId> &used)
{
    RecordId id = numericSuffix(key);
    if (id <= 0 || used.contains(id)) {
        id = 1;
        while (used.contains(id))
            ++id;
    }
    used.insert(id);
    return id;
}

Provenance readProvenance(const QJsonObject &object)
{
    Provenance provenance;
    if (const auto status = annotationStatusFromString(object.value("status"_L1).toString()))
        provenance.status = *status;
    provenance.annotator = object.value("annotator"_L1).toString();
    if (object.value("confidence"_L1).isDouble())
        provenance.confidence = object.value("confidence"_L1).toDouble();
    provenance.rule = object.value("rule"_L1).toString();
    return provenance;
}

void writeProvenance(const Provenance &provenance, QJsonObject &object)
{
    // Manual is the default of a hand-made file; say the status only when it tells something.
    if (provenance.status != AnnotationStatus::Manual)
        object.insert("status"_L1, toString(provenance.status));
    if (!provenance.annotator.isEmpty())
        object.insert("annotator"_L1, provenance.annotator);
    if (provenance.confidence)
        object.insert("confidence"_L1, *provenance.confidence);
    if (!provenance.rule.isEmpty())
        object.insert("rule"_L1, provenance.rule);
}

constexpr std::initializer_list<QLatin1StringView> provenanceFields { "status"_L1, "annotator"_L1,
    "confidence"_L1, "rule"_L1 };

QJsonValue writeSpan(const Span &span, const QString &text, const OffsetMap &map)
{
    if (span.isNull())
        return QJsonValue::Null;
    return QJsonObject { { "start"_L1, map.toCodePoint(span.start) }, { "end"_L1, map.toCodePoint(span.end) },
        { "text"_L1, text.mid(span.start, span.length()) } };
}

QJsonValue writeValue(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return QJsonValue::Null;
    if (value.typeId() == QMetaType::QString)
        return value.toString();
    return value.toDouble();
}

QVariant readValue(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return value.toDouble();
    return {};
}

void mergeExtra(QJsonObject &object, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (!object.contains(it.key()))
            object.insert(it.key(), it.value());
    }
}

} // namespace

std::optional<DatasetDocument> DatasetJson::read(
    const QJsonObject &object, const QString &where, QString *errorString)
{
    auto failWith = [&](const QString &message) -> std::optional<DatasetDocument> {
        if (errorString)
            *errorString = message;
        return std::nullopt;
    };
    const QString prefix = where.isEmpty() ? QString() : where + u": "_s;
    if (!object.value("text"_L1).isString())
        return failWith(prefix + u"text: missing or not a string"_s);

    DatasetDocument document;
    Article &article = document.article;
    article.key = object.value("id"_L1).toString();
    article.title = object.value("title"_L1).toString();
    article.source = object.value("source"_L1).toString();
    article.published = object.value("published"_L1).toString();
    article.text = object.value("text"_L1).toString();
    document.extra = extraFields(object,
        { "id"_L1, "title"_L1, "source"_L1, "published"_L1, "text"_L1, "entities"_L1, "quotes"_L1,
            "figures"_L1 });

    Reader reader(article.text, where);
    QHash<QString, RecordId> entityByKey;
    QSet<RecordId> used;
    const QJsonArray entities = object.value("entities"_L1).toArray();
    for (qsizetype i = 0; i < entities.size(); ++i) {
        const QString field = u"entities[%1]"_s.arg(i);
        const QJsonObject e = entities.at(i).toObject();
        Entity entity;
        const QString key = e.value("id"_L1).toString();
        entity.id = assignId(key, used);
        entity.name = e.value("name"_L1).toString();
        entity.type = e.value("type"_L1).toString();
        if (entity.type.isEmpty())
            reader.fail(field + u".type"_s, u"missing"_s);
        entity.provenance = readProvenance(e);
        const QJsonArray mentions = e.value("mentions"_L1).toArray();
        for (qsizetype m = 0; m < mentions.size(); ++m) {
            Mention mention;
            mention.id = m + 1;
            mention.entityId = entity.id;
            mention.span = reader.span(mentions.at(m), field + u".mentions[%1]"_s.arg(m), false);
            mention.provenance = entity.provenance;
            entity.mentions.append(mention);
        }
        const QString written = key.isEmpty() ? u"E%1"_s.arg(entity.id) : key;
        entityByKey.insert(written, entity.id);
        document.entityKeys.insert(entity.id, written);
        if (e.value("optional"_L1).toBool())
            document.optionalEntities.insert(entity.id);
        const QJsonObject extra = extraFields(e,
            { "id"_L1, "name"_L1, "type"_L1, "mentions"_L1, "optional"_L1, "status"_L1, "annotator"_L1,
                "confidence"_L1, "rule"_L1 });
        if (!extra.isEmpty())
            document.annotationExtra.insert(written, extra);
        document.annotations.entities.append(entity);
    }

    used.clear();
    const QJsonArray quotes = object.value("quotes"_L1).toArray();
    for (qsizetype i = 0; i < quotes.size(); ++i) {
        const QString field = u"quotes[%1]"_s.arg(i);
        const QJsonObject q = quotes.at(i).toObject();
        Quote quote;
        const QString key = q.value("id"_L1).toString();
        quote.id = assignId(key, used);
        const auto kind = quoteKindFromString(q.value("kind"_L1).toString());
        if (!kind)
            reader.fail(field + u".kind"_s, u"must be direct, indirect or mixed"_s);
        quote.kind = kind.value_or(QuoteKind::Direct);
        const QJsonArray content = q.value("content"_L1).toArray();
        for (qsizetype c = 0; c < content.size(); ++c)
            quote.content.append(reader.span(content.at(c), field + u".content[%1]"_s.arg(c), false));
        quote.cue = reader.span(q.value("cue"_L1), field + u".cue"_s, true);
        quote.source = reader.span(q.value("source"_L1), field + u".source"_s, true);
        const QJsonValue speaker = q.value("speaker"_L1);
        if (speaker.isString()) {
            quote.speakerId = entityByKey.value(speaker.toString());
            if (quote.speakerId == 0)
                reader.fail(field + u".speaker"_s, u"no entity has the id \"%1\""_s.arg(speaker.toString()));
        }
        quote.provenance = readProvenance(q);
        const QString written = key.isEmpty() ? u"Q%1"_s.arg(quote.id) : key;
        document.quoteKeys.insert(quote.id, written);
        if (q.value("optional"_L1).toBool())
            document.optionalQuotes.insert(quote.id);
        const QJsonObject extra = extraFields(q,
            { "id"_L1, "kind"_L1, "content"_L1, "cue"_L1, "source"_L1, "speaker"_L1, "optional"_L1,
                "status"_L1, "annotator"_L1, "confidence"_L1, "rule"_L1 });
        if (!extra.isEmpty())
            document.annotationExtra.insert(written, extra);
        document.annotations.quotes.append(quote);
    }

    used.clear();
    const QJsonArray figures = object.value("figures"_L1).toArray();
    for (qsizetype i = 0; i < figures.size(); ++i) {
        const QString field = u"figures[%1]"_s.arg(i);
        const QJsonObject f = figures.at(i).toObject();
        Figure figure;
        const QString key = f.value("id"_L1).toString();
        figure.id = assignId(key, used);
        figure.kind = f.value("kind"_L1).toString();
        figure.span = reader.span(f.value("span"_L1), field + u".span"_s, false);
        figure.number = reader.span(f.value("number"_L1), field + u".number"_s, true);
        figure.value = readValue(f.value("value"_L1));
        figure.valueMax = readValue(f.value("value_max"_L1));
        figure.unit = f.value("unit"_L1).toString();
        figure.qualifier = f.value("qualifier"_L1).toString();
        figure.provenance = readProvenance(f);
        const QString written = key.isEmpty() ? u"F%1"_s.arg(figure.id) : key;
        document.figureKeys.insert(figure.id, written);
        if (f.value("optional"_L1).toBool())
            document.optionalFigures.insert(figure.id);
        const QJsonObject extra = extraFields(f,
            { "id"_L1, "kind"_L1, "span"_L1, "number"_L1, "value"_L1, "value_max"_L1, "unit"_L1,
                "qualifier"_L1, "optional"_L1, "status"_L1, "annotator"_L1, "confidence"_L1, "rule"_L1 });
        if (!extra.isEmpty())
            document.annotationExtra.insert(written, extra);
        document.annotations.figures.append(figure);
    }

    if (reader.failed())
        return failWith(reader.error());
    return document;
}

QJsonObject DatasetJson::write(const DatasetDocument &document)
{
    const Article &article = document.article;
    const OffsetMap map(article.text);
    QJsonObject object;
    object.insert("id"_L1, article.key);
    if (!article.title.isEmpty())
        object.insert("title"_L1, article.title);
    if (!article.source.isEmpty())
        object.insert("source"_L1, article.source);
    if (!article.published.isEmpty())
        object.insert("published"_L1, article.published);
    object.insert("text"_L1, article.text);

    auto keyOf = [](const QHash<RecordId, QString> &keys, QChar letter, RecordId id) {
        const QString key = keys.value(id);
        return key.isEmpty() ? letter + QString::number(id) : key;
    };

    QJsonArray entities;
    for (const Entity &entity : document.annotations.entities) {
        const QString key = keyOf(document.entityKeys, u'E', entity.id);
        QJsonObject e { { "id"_L1, key }, { "type"_L1, entity.type }, { "name"_L1, entity.name } };
        QJsonArray mentions;
        for (const Mention &mention : entity.mentions)
            mentions.append(writeSpan(mention.span, article.text, map));
        e.insert("mentions"_L1, mentions);
        writeProvenance(entity.provenance, e);
        if (document.optionalEntities.contains(entity.id))
            e.insert("optional"_L1, true);
        mergeExtra(e, document.annotationExtra.value(key));
        entities.append(e);
    }
    QJsonArray quotes;
    for (const Quote &quote : document.annotations.quotes) {
        const QString key = keyOf(document.quoteKeys, u'Q', quote.id);
        QJsonObject q { { "id"_L1, key }, { "kind"_L1, toString(quote.kind) } };
        QJsonArray content;
        for (const Span &part : quote.content)
            content.append(writeSpan(part, article.text, map));
        q.insert("content"_L1, content);
        q.insert("cue"_L1, writeSpan(quote.cue, article.text, map));
        q.insert("source"_L1, writeSpan(quote.source, article.text, map));
        q.insert("speaker"_L1,
            quote.speakerId ? QJsonValue(keyOf(document.entityKeys, u'E', quote.speakerId)) : QJsonValue());
        writeProvenance(quote.provenance, q);
        if (document.optionalQuotes.contains(quote.id))
            q.insert("optional"_L1, true);
        mergeExtra(q, document.annotationExtra.value(key));
        quotes.append(q);
    }
    QJsonArray figures;
    for (const Figure &figure : document.annotations.figures) {
        const QString key = keyOf(document.figureKeys, u'F', figure.id);
        QJsonObject f { { "id"_L1, key }, { "kind"_L1, figure.kind },
            { "span"_L1, writeSpan(figure.span, article.text, map) },
            { "number"_L1, writeSpan(figure.number, article.text, map) },
            { "value"_L1, writeValue(figure.value) } };
        if (figure.valueMax.isValid() && !figure.valueMax.isNull())
            f.insert("value_max"_L1, writeValue(figure.valueMax));
        if (!figure.unit.isEmpty())
            f.insert("unit"_L1, figure.unit);
        if (!figure.qualifier.isEmpty())
            f.insert("qualifier"_L1, figure.qualifier);
        writeProvenance(figure.provenance, f);
        if (document.optionalFigures.contains(figure.id))
            f.insert("optional"_L1, true);
        mergeExtra(f, document.annotationExtra.value(key));
        figures.append(f);
    }
    object.insert("entities"_L1, entities);
    object.insert("quotes"_L1, quotes);
    object.insert("figures"_L1, figures);
    mergeExtra(object, document.extra);
    return object;
}

std::optional<QList<DatasetDocument>> DatasetJson::readPath(const QString &path, QString *errorString)
{
    auto failWith = [&](const QString &message) -> std::optional<QList<DatasetDocument>> {
        if (errorString)
            *errorString = message;
        return std::nullopt;
    };
    QList<DatasetDocument> documents;
    QStringList files;
    const QFileInfo info(path);
    if (info.isDir()) {
        const QDir dir(path);
        for (const QString &name : dir.entryList({ u"*.json"_s }, QDir::Files, QDir::Name))
            files.append(dir.filePath(name));
    } else {
        files.append(path);
    }
    for (const QString &file : files) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly))
            return failWith(u"%1: %2"_s.arg(file, in.errorString()));
        const bool lines = !file.endsWith(u".json"_s);
        int lineNumber = 0;
        QList<QByteArray> chunks;
        if (lines)
            chunks = in.readAll().split('\n');
        else
            chunks.append(in.readAll());
        for (const QByteArray &chunk : std::as_const(chunks)) {
            ++lineNumber;
            if (chunk.trimmed().isEmpty())
                continue;
            const QString where = lines ? u"%1:%2"_s.arg(file).arg(lineNumber) : file;
            QJsonParseError parseError;
            const QJsonDocument json = QJsonDocument::fromJson(chunk, &parseError);
            if (!json.isObject())
                return failWith(u"%1: not a JSON object (%2)"_s.arg(where, parseError.errorString()));
            QString error;
            auto document = read(json.object(), where, &error);
            if (!document)
                return failWith(error);
            documents.append(std::move(*document));
        }
    }
    return documents;
}

QByteArray DatasetJson::toJsonLines(const QList<DatasetDocument> &documents)
{
    QByteArray out;
    for (const DatasetDocument &document : documents) {
        out += QJsonDocument(write(document)).toJson(QJsonDocument::Compact);
        out += '\n';
    }
    return out;
}

} // namespace Byline
