// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonlcodec.h"

#include "jsoncursor.h"

#include <QAnyStringView>
#include <QHash>
#include <QLocale>
#include <QSet>
#include <QStringEncoder>
#include <QVarLengthArray>

#include <array>
#include <charconv>
#include <cmath>
#include <span>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// The keys each kind of object knows, in the order the writer puts them. The indexes below
// name them; an object's key sequence lists known keys by index and its extra members by
// extraBase + their position.
constexpr std::array<QLatin1StringView, 8> articleKeys { "id"_L1, "title"_L1, "source"_L1, "published"_L1,
    "text"_L1, "entities"_L1, "quotes"_L1, "figures"_L1 };
enum ArticleKey {
    ArticleId,
    ArticleTitle,
    ArticleSource,
    ArticlePublished,
    ArticleText,
    ArticleEntities,
    ArticleQuotes,
    ArticleFigures
};
constexpr std::array<QLatin1StringView, 8> entityKeys { "id"_L1, "type"_L1, "name"_L1, "mentions"_L1,
    "status"_L1, "annotator"_L1, "confidence"_L1, "rule"_L1 };
enum EntityKey { EntityId, EntityType, EntityName, EntityMentions, EntityProvenance };
constexpr std::array<QLatin1StringView, 10> quoteKeys { "id"_L1, "kind"_L1, "content"_L1, "cue"_L1,
    "source"_L1, "speaker"_L1, "status"_L1, "annotator"_L1, "confidence"_L1, "rule"_L1 };
enum QuoteKey { QuoteId, QuoteKindKey, QuoteContent, QuoteCue, QuoteSource, QuoteSpeaker, QuoteProvenance };
constexpr std::array<QLatin1StringView, 12> figureKeys { "id"_L1, "kind"_L1, "span"_L1, "number"_L1,
    "value"_L1, "unit"_L1, "value_max"_L1, "qualifier"_L1, "status"_L1, "annotator"_L1, "confidence"_L1,
    "rule"_L1 };
enum FigureKey {
    FigureId,
    FigureKind,
    FigureSpan,
    FigureNumber,
    FigureValue,
    FigureUnit,
    FigureValueMax,
    FigureQualifier,
    FigureProvenance
};
// Offsets of status, annotator, confidence and rule after a kind's first provenance key.
enum ProvenanceKey { StatusKey, AnnotatorKey, ConfidenceKey, RuleKey };

constexpr int extraBase = 100;
using KeySequence = QVarLengthArray<int, 16>;

const auto orderKey = "@order"_L1;

int indexOf(std::span<const QLatin1StringView> keys, QByteArrayView key)
{
    for (size_t i = 0; i < keys.size(); ++i) {
        if (QByteArrayView(keys[i].data(), keys[i].size()) == key)
            return int(i);
    }
    return -1;
}

// --- Writing -----------------------------------------------------------------------------------

// Escapes as JSON writers commonly do (Python's json with ensure_ascii off, Qt): quotation mark,
// backslash and control characters only; everything else stays UTF-8.
void appendEscaped(QByteArray &out, QByteArrayView utf8)
{
    out += '"';
    qsizetype run = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const uchar c = uchar(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8.sliced(run, i - run));
        run = i + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default: {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        }
        }
    }
    out.append(utf8.sliced(run));
    out += '"';
}

void appendString(QByteArray &out, QStringView text)
{
    // Encoded into a buffer kept between calls: an article writes dozens of short strings, and
    // an allocation each cost more than their encoding.
    thread_local QByteArray utf8;
    utf8.resize(text.size() * 3);
    QStringEncoder encoder(QStringEncoder::Utf8, QStringConverter::Flag::Stateless);
    const char *end = encoder.appendToBuffer(utf8.data(), text);
    appendEscaped(out, QByteArrayView(utf8.constData(), end));
}

// Whole numbers as integers, others in their shortest exact form, as JSON writers do.
void appendNumber(QByteArray &out, double value)
{
    if (value == std::trunc(value) && std::abs(value) < 1e15)
        out += QByteArray::number(qint64(value));
    else
        out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

void appendValue(QByteArray &out, const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        out += "null";
    else if (value.typeId() == QMetaType::QString)
        appendString(out, value.toString());
    else
        appendNumber(out, value.toDouble());
}

class SpanWriter final {
public:
    SpanWriter(const QString &text, OffsetUnit unit)
        : m_text(text)
        , m_offsets(text, unit)
    {
    }

    void write(QByteArray &out, const Span &span) const
    {
        if (span.isNull()) {
            out += "null";
            return;
        }
        out += "{\"start\":";
        out += QByteArray::number(m_offsets.fromText(span.start));
        out += ",\"end\":";
        out += QByteArray::number(m_offsets.fromText(span.end));
        out += ",\"text\":";
        appendString(out, QStringView(m_text).sliced(span.start, span.length()));
        out += '}';
    }

private:
    const QString &m_text;
    FileOffsets m_offsets;
};

/// A record's extra column taken apart: its members verbatim, the id and the key order.
struct Extra {
    QByteArray bytes; ///< owns what the views point into
    QVarLengthArray<std::pair<QByteArray, QByteArrayView>, 4> members; ///< decoded key, raw value
    QByteArrayView id; ///< raw, empty for the default id
    QList<QByteArray> order; ///< empty for the writer's order

    explicit Extra(const QString &text)
        : bytes(text.toUtf8())
    {
        if (bytes.isEmpty())
            return;
        JsonCursor cursor(bytes);
        if (!cursor.beginObject())
            return;
        while (const auto key = cursor.nextKey()) {
            const QByteArray name = key->toByteArray();
            if (name == QByteArrayView(orderKey.data(), orderKey.size())) {
                if (!cursor.beginArray())
                    return;
                while (cursor.nextElement()) {
                    if (const auto entry = cursor.utf8String())
                        order.append(entry->toByteArray());
                }
                continue;
            }
            const auto value = cursor.rawValue();
            if (!value)
                return;
            if (name == "id")
                id = *value;
            else
                members.append({ name, *value });
        }
    }

    std::optional<QByteArrayView> value(QByteArrayView name) const
    {
        for (const auto &[key, value] : members) {
            if (key == name)
                return value;
        }
        return std::nullopt;
    }
};

/// Writes one object: its known keys through writeKnown(index), in the writer's order or the
/// file's, with the extra members where the file had them.
template<typename WriteKnown>
void writeObject(QByteArray &out, std::span<const QLatin1StringView> names, const KeySequence &defaults,
    const Extra &extra, WriteKnown writeKnown)
{
    out += '{';
    bool first = true;
    const auto key = [&](QByteArrayView name) {
        if (!first)
            out += ',';
        first = false;
        appendEscaped(out, name);
        out += ':';
    };
    if (!extra.order.isEmpty()) {
        QVarLengthArray<int, 16> written;
        for (const QByteArray &name : extra.order) {
            if (const auto value = extra.value(name)) {
                key(name);
                out += *value;
            } else if (const int known = indexOf(names, name); known >= 0) {
                key(name);
                writeKnown(known);
                written.append(known);
            }
        }
        // What the record has gained since it was read (annotations, a title, a reviewed status)
        // goes after the file's keys; a key still at what its absence means stays absent, so an
        // untouched record comes back byte for byte. The id (key 0) is absent only when it is
        // the default one.
        for (const int known : defaults) {
            if (known == 0 || written.contains(known))
                continue;
            const qsizetype before = out.size();
            const bool wasFirst = first;
            key(QByteArrayView(names[known].data(), names[known].size()));
            const qsizetype valueStart = out.size();
            writeKnown(known);
            const QByteArrayView value = QByteArrayView(out).sliced(valueStart);
            if (value == "[]" || value == "null" || value == "\"\"") {
                out.truncate(before);
                first = wasFirst;
            }
        }
    } else {
        for (const int known : defaults) {
            key(QByteArrayView(names[known].data(), names[known].size()));
            writeKnown(known);
        }
        for (const auto &[name, value] : extra.members) {
            key(name);
            out += value;
        }
    }
    out += '}';
}

// Manual is the default of a hand-made file: the status is said only when it tells something.
void addProvenanceKeys(KeySequence &keys, int first, const Provenance &provenance)
{
    if (provenance.status != AnnotationStatus::Manual)
        keys.append(first + StatusKey);
    if (!provenance.annotator.isEmpty())
        keys.append(first + AnnotatorKey);
    if (provenance.confidence)
        keys.append(first + ConfidenceKey);
    if (!provenance.rule.isEmpty())
        keys.append(first + RuleKey);
}

void writeProvenance(QByteArray &out, int key, const Provenance &provenance)
{
    switch (key) {
    case StatusKey:
        appendString(out, toString(provenance.status));
        break;
    case AnnotatorKey:
        appendString(out, provenance.annotator);
        break;
    case ConfidenceKey:
        if (provenance.confidence)
            appendNumber(out, *provenance.confidence);
        else
            out += "null";
        break;
    case RuleKey:
        appendString(out, provenance.rule);
        break;
    }
}

KeySequence defaultKeys(const Article &article)
{
    KeySequence keys { ArticleId };
    if (!article.title.isEmpty())
        keys.append(ArticleTitle);
    if (!article.source.isEmpty())
        keys.append(ArticleSource);
    if (!article.published.isEmpty())
        keys.append(ArticlePublished);
    for (const int key : { ArticleText, ArticleEntities, ArticleQuotes, ArticleFigures })
        keys.append(key);
    return keys;
}

KeySequence defaultKeys(const Entity &entity)
{
    KeySequence keys { EntityId, EntityType, EntityName, EntityMentions };
    addProvenanceKeys(keys, EntityProvenance, entity.provenance);
    return keys;
}

KeySequence defaultKeys(const Quote &quote)
{
    KeySequence keys { QuoteId, QuoteKindKey, QuoteContent, QuoteCue, QuoteSource, QuoteSpeaker };
    addProvenanceKeys(keys, QuoteProvenance, quote.provenance);
    return keys;
}

KeySequence defaultKeys(const Figure &figure)
{
    KeySequence keys { FigureId, FigureKind, FigureSpan, FigureNumber, FigureValue, FigureUnit };
    if (figure.valueMax.isValid() && !figure.valueMax.isNull())
        keys.append(FigureValueMax);
    if (!figure.qualifier.isEmpty())
        keys.append(FigureQualifier);
    addProvenanceKeys(keys, FigureProvenance, figure.provenance);
    return keys;
}

QByteArray defaultId(char letter, qsizetype position)
{
    return '"' + QByteArray(1, letter) + QByteArray::number(position + 1) + '"';
}

// --- Reading -----------------------------------------------------------------------------------

/// Where in the article a value sits, formatted only for an error message.
struct Path {
    QLatin1StringView layer;
    qsizetype index = -1;
    QLatin1StringView part = {};
    qsizetype partIndex = -1;

    QString toString() const
    {
        QString path = layer;
        if (index >= 0)
            path += u"[%1]"_s.arg(index);
        if (!part.isEmpty()) {
            path += u'.';
            path += part;
        }
        if (partIndex >= 0)
            path += u"[%1]"_s.arg(partIndex);
        return path;
    }
};

/// Collects what a record does not model into its extra column's JSON text.
class ExtraWriter final {
public:
    void setId(QByteArrayView raw) { m_id = raw; }
    QByteArrayView id() const { return m_id; }
    void add(const QByteArray &key, QByteArrayView raw)
    {
        m_members.append({ key, raw });
        m_sequence.append(extraBase + int(m_members.size()) - 1);
    }
    void addKnown(int key) { m_sequence.append(key); }
    /// Keeps the known key just read verbatim instead, as the record cannot hold its value.
    void keepLastVerbatim(const QByteArray &key, QByteArrayView raw)
    {
        m_sequence.removeLast();
        add(key, raw);
    }
    bool hasKnown(int key) const { return m_sequence.contains(key); }

    /// The JSON text, with "@order" when the file's key order is not the writer's.
    QString text(std::span<const QLatin1StringView> names, KeySequence defaults) const
    {
        for (qsizetype i = 0; i < m_members.size(); ++i)
            defaults.append(extraBase + int(i));
        const bool ordered = defaults == m_sequence;
        if (m_members.isEmpty() && m_id.isEmpty() && ordered)
            return {};
        QByteArray out = "{";
        const auto separate = [&] {
            if (out.size() > 1)
                out += ',';
        };
        if (!m_id.isEmpty()) {
            out += "\"id\":";
            out += m_id;
        }
        for (const auto &[key, raw] : m_members) {
            separate();
            appendEscaped(out, key);
            out += ':';
            out += raw;
        }
        if (!ordered) {
            separate();
            appendEscaped(out, QByteArrayView(orderKey.data(), orderKey.size()));
            out += ":[";
            for (qsizetype i = 0; i < m_sequence.size(); ++i) {
                if (i > 0)
                    out += ',';
                const int key = m_sequence[i];
                if (key >= extraBase)
                    appendEscaped(out, m_members[key - extraBase].first);
                else
                    appendEscaped(out, QByteArrayView(names[key].data(), names[key].size()));
            }
            out += ']';
        }
        out += '}';
        return QString::fromUtf8(out);
    }

private:
    QByteArrayView m_id;
    QVarLengthArray<std::pair<QByteArray, QByteArrayView>, 4> m_members;
    KeySequence m_sequence;
};

class LineReader final {
public:
    LineReader(QByteArrayView line, OffsetUnit unit)
        : m_line(line)
        , m_unit(unit)
    {
    }

    std::optional<DatasetDocument> read();
    QString error() const { return m_error; }

private:
    bool fail(const Path &path, const QString &message)
    {
        if (m_error.isEmpty())
            m_error = path.toString() + u": "_s + message;
        return false;
    }
    bool failCursor(const JsonCursor &cursor, const Path &path) { return fail(path, cursor.errorString()); }
    JsonCursor cursorFor(QByteArrayView raw) const { return JsonCursor(raw, raw.data() - m_line.data()); }
    // Reads a member's key. Returns the key's index among names, -1 for an unknown key (its name
    // in `unknown`), or nothing at the object's end or on an error.
    std::optional<int> nextKey(JsonCursor &cursor, std::span<const QLatin1StringView> names,
        const ExtraWriter &extra, const Path &path, QByteArray *unknown);
    std::optional<QString> string(JsonCursor &cursor, const Path &path, bool nullable = false);
    bool wholeNumber(JsonCursor &cursor, const Path &path, qsizetype *value);
    std::optional<double> number(JsonCursor &cursor, const Path &path);
    std::optional<Span> span(JsonCursor &cursor, const Path &path, bool nullable);
    bool provenance(JsonCursor &cursor, int key, Provenance &provenance, const Path &path);
    template<typename Begin, typename Known, typename Done>
    bool objects(QByteArrayView raw, QLatin1StringView layer, std::span<const QLatin1StringView> names,
        Begin begin, Known known, Done done);
    bool annotationId(
        JsonCursor &cursor, const Path &path, char letter, QSet<QByteArray> &used, ExtraWriter &extra);
    bool entities(QByteArrayView raw, DatasetDocument &document);
    bool quotes(QByteArrayView raw, DatasetDocument &document);
    bool figures(QByteArrayView raw, DatasetDocument &document);

    QByteArrayView m_line;
    OffsetUnit m_unit;
    QString m_text;
    std::optional<FileOffsets> m_offsets;
    QHash<QByteArray, RecordId> m_entityByKey; ///< raw JSON of an entity id -> its record id
    QByteArray m_spanText;
    QString m_error;
};

std::optional<int> LineReader::nextKey(JsonCursor &cursor, std::span<const QLatin1StringView> names,
    const ExtraWriter &extra, const Path &path, QByteArray *unknown)
{
    const auto key = cursor.nextKey();
    if (!key) {
        if (cursor.failed())
            failCursor(cursor, path);
        return std::nullopt;
    }
    const int known = indexOf(names, *key);
    if (known >= 0 && extra.hasKnown(known)) {
        fail(path, JsonlCodec::tr("the key \"%1\" comes twice").arg(names[known]));
        return std::nullopt;
    }
    if (known < 0)
        *unknown = key->toByteArray();
    return known;
}

std::optional<QString> LineReader::string(JsonCursor &cursor, const Path &path, bool nullable)
{
    if (nullable && cursor.null())
        return QString();
    if (cursor.peek() != '"') {
        fail(path, JsonlCodec::tr("must be a string"));
        return std::nullopt;
    }
    auto text = cursor.string();
    if (!text)
        failCursor(cursor, path);
    return text;
}

bool LineReader::wholeNumber(JsonCursor &cursor, const Path &path, qsizetype *value)
{
    const auto raw = cursor.peek() == '"' ? std::nullopt : cursor.number();
    if (!raw)
        return fail(path, JsonlCodec::tr("must be a whole number"));
    const auto [stop, problem] = std::from_chars(raw->data(), raw->data() + raw->size(), *value);
    if (problem != std::errc() || stop != raw->data() + raw->size())
        return fail(path, JsonlCodec::tr("must be a whole number, not %1").arg(QString::fromUtf8(*raw)));
    return true;
}

std::optional<double> LineReader::number(JsonCursor &cursor, const Path &path)
{
    const auto raw = cursor.peek() == '"' ? std::nullopt : cursor.number();
    if (!raw) {
        fail(path, JsonlCodec::tr("must be a number"));
        return std::nullopt;
    }
    double value = 0;
    std::from_chars(raw->data(), raw->data() + raw->size(), value);
    return value;
}

std::optional<Span> LineReader::span(JsonCursor &cursor, const Path &path, bool nullable)
{
    if (cursor.null()) {
        if (nullable)
            return Span();
        fail(path, JsonlCodec::tr("missing span"));
        return std::nullopt;
    }
    if (cursor.peek() != '{') {
        fail(path, JsonlCodec::tr("a span must be an object with start, end and text"));
        return std::nullopt;
    }
    cursor.beginObject();
    std::optional<qsizetype> start, end;
    std::optional<QByteArrayView> text;
    while (const auto key = cursor.nextKey()) {
        qsizetype value = 0;
        if (*key == "start") {
            if (!wholeNumber(cursor, path, &value))
                return std::nullopt;
            start = value;
        } else if (*key == "end") {
            if (!wholeNumber(cursor, path, &value))
                return std::nullopt;
            end = value;
        } else if (*key == "text") {
            text = cursor.peek() == '"' ? cursor.utf8String() : std::nullopt;
            if (!text) {
                fail(path, JsonlCodec::tr("text must be a string"));
                return std::nullopt;
            }
            // The view lasts until the cursor decodes the next string: keep an escaped one.
            if (text->data() < m_line.data() || text->data() >= m_line.data() + m_line.size()) {
                m_spanText = text->toByteArray();
                text = QByteArrayView(m_spanText);
            }
        } else if (!cursor.rawValue()) {
            break;
        }
    }
    if (cursor.failed()) {
        failCursor(cursor, path);
        return std::nullopt;
    }
    if (!start || !end) {
        fail(path, JsonlCodec::tr("start and end must be numbers"));
        return std::nullopt;
    }
    if (*start < 0 || *end < *start || *end > m_offsets->length()) {
        fail(path,
            JsonlCodec::tr("%1–%2 lies outside the text (%3)")
                .arg(*start)
                .arg(*end)
                .arg(OffsetUnitOption::length(m_unit, m_offsets->length())));
        return std::nullopt;
    }
    if (!m_offsets->isBoundary(*start) || !m_offsets->isBoundary(*end)) {
        fail(path, OffsetUnitOption::splitPair(*start, *end));
        return std::nullopt;
    }
    const Span result { m_offsets->toText(*start), m_offsets->toText(*end) };
    const QStringView covered = QStringView(m_text).sliced(result.start, result.length());
    if (text && !QAnyStringView::equal(QUtf8StringView(*text), covered)) {
        if (m_error.isEmpty())
            m_error = JsonlCodec::tr("%1.text \"%2\" does not match the text at %3–%4 (\"%5\")")
                          .arg(path.toString(), QString::fromUtf8(*text))
                          .arg(*start)
                          .arg(*end)
                          .arg(covered);
        return std::nullopt;
    }
    return result;
}

bool LineReader::provenance(JsonCursor &cursor, int key, Provenance &provenance, const Path &path)
{
    switch (key) {
    case StatusKey: {
        const auto text = string(cursor, path);
        if (!text)
            return false;
        const auto status = annotationStatusFromString(*text);
        if (!status)
            return fail(path,
                JsonlCodec::tr("unknown status \"%1\" (auto, accepted, edited, manual or rejected)")
                    .arg(*text));
        provenance.status = *status;
        return true;
    }
    case AnnotatorKey: {
        const auto text = string(cursor, path);
        provenance.annotator = text.value_or(QString());
        return text.has_value();
    }
    case ConfidenceKey: {
        if (cursor.null())
            return true;
        const auto value = number(cursor, path);
        provenance.confidence = value;
        return value.has_value();
    }
    case RuleKey: {
        const auto text = string(cursor, path);
        provenance.rule = text.value_or(QString());
        return text.has_value();
    }
    }
    return false;
}

// Reads an array of objects. For each object, begin(index) starts a record, known(key, cursor,
// path) reads the value of a known key and done(index, extra) finishes the record; unknown
// members go to the extra column verbatim.
template<typename Begin, typename Known, typename Done>
bool LineReader::objects(QByteArrayView raw, QLatin1StringView layer,
    std::span<const QLatin1StringView> names, Begin begin, Known known, Done done)
{
    JsonCursor cursor = cursorFor(raw);
    if (!cursor.beginArray())
        return failCursor(cursor, { layer });
    for (qsizetype index = 0; cursor.nextElement(); ++index) {
        const Path path { layer, index };
        if (cursor.peek() != '{')
            return fail(path, JsonlCodec::tr("must be an object"));
        cursor.beginObject();
        begin(index);
        ExtraWriter extra;
        QByteArray unknown;
        while (const auto key = nextKey(cursor, names, extra, path, &unknown)) {
            if (*key < 0) {
                const auto value = cursor.rawValue();
                if (!value)
                    return failCursor(cursor, { layer, index, QLatin1StringView(unknown) });
                extra.add(unknown, *value);
                continue;
            }
            extra.addKnown(*key);
            const Path field { layer, index, names[*key] };
            if (!known(*key, cursor, field, extra) || !m_error.isEmpty())
                return m_error.isEmpty() ? failCursor(cursor, field) : false;
        }
        if (!m_error.isEmpty())
            return false;
        if (!done(index, extra))
            return false;
    }
    return !cursor.failed() || failCursor(cursor, { layer });
}

// An annotation's id: a string, once per layer; kept in extra unless it is the default one.
bool LineReader::annotationId(
    JsonCursor &cursor, const Path &path, char letter, QSet<QByteArray> &used, ExtraWriter &extra)
{
    const auto id = cursor.peek() == '"' ? cursor.rawValue() : std::nullopt;
    if (!id)
        return fail(path, JsonlCodec::tr("must be a string"));
    const QByteArray key = id->toByteArray();
    if (used.contains(key))
        return fail(path, JsonlCodec::tr("the id %1 is used twice").arg(QString::fromUtf8(key)));
    used.insert(key);
    if (key != defaultId(letter, path.index))
        extra.setId(*id);
    return true;
}

bool LineReader::entities(QByteArrayView raw, DatasetDocument &document)
{
    QList<Entity> &entities = document.annotations.entities;
    QSet<QByteArray> used;
    Entity entity;
    return objects(
        raw, "entities"_L1, entityKeys,
        [&](qsizetype index) {
            entity = Entity();
            entity.id = index + 1;
        },
        [&](int key, JsonCursor &cursor, const Path &path, ExtraWriter &extra) {
            switch (key) {
            case EntityId:
                if (!annotationId(cursor, path, 'E', used, extra))
                    return false;
                m_entityByKey.insert(
                    extra.id().isEmpty() ? defaultId('E', path.index) : extra.id().toByteArray(), entity.id);
                return true;
            case EntityType:
                entity.type = string(cursor, path).value_or(QString());
                return true;
            case EntityName:
                entity.name = string(cursor, path).value_or(QString());
                return true;
            case EntityMentions:
                if (!cursor.beginArray())
                    return false;
                while (cursor.nextElement()) {
                    const auto found
                        = span(cursor, { path.layer, path.index, path.part, entity.mentions.size() }, false);
                    if (!found)
                        return false;
                    Mention mention;
                    mention.span = *found;
                    entity.mentions.append(mention);
                }
                return !cursor.failed();
            default:
                return provenance(cursor, key - EntityProvenance, entity.provenance, path);
            }
        },
        [&](qsizetype index, const ExtraWriter &extra) {
            if (entity.type.isEmpty())
                return fail({ "entities"_L1, index, "type"_L1 }, JsonlCodec::tr("missing"));
            for (Mention &mention : entity.mentions)
                mention.provenance = entity.provenance;
            entity.extra = extra.text(entityKeys, defaultKeys(entity));
            entities.append(entity);
            return true;
        });
}

bool LineReader::quotes(QByteArrayView raw, DatasetDocument &document)
{
    QList<Quote> &quotes = document.annotations.quotes;
    QSet<QByteArray> used;
    Quote quote;
    return objects(
        raw, "quotes"_L1, quoteKeys, [&](qsizetype) { quote = Quote(); },
        [&](int key, JsonCursor &cursor, const Path &path, ExtraWriter &extra) {
            switch (key) {
            case QuoteId:
                return annotationId(cursor, path, 'Q', used, extra);
            case QuoteKindKey: {
                const auto text = string(cursor, path);
                if (!text)
                    return false;
                const auto kind = quoteKindFromString(*text);
                if (!kind)
                    return fail(
                        path, JsonlCodec::tr("unknown kind \"%1\" (direct, indirect or mixed)").arg(*text));
                quote.kind = *kind;
                return true;
            }
            case QuoteContent:
                if (!cursor.beginArray())
                    return false;
                while (cursor.nextElement()) {
                    const auto found
                        = span(cursor, { path.layer, path.index, path.part, quote.content.size() }, false);
                    if (!found)
                        return false;
                    quote.content.append(*found);
                }
                return !cursor.failed();
            case QuoteCue:
            case QuoteSource: {
                const auto found = span(cursor, path, true);
                if (found)
                    (key == QuoteCue ? quote.cue : quote.source) = *found;
                return found.has_value();
            }
            case QuoteSpeaker: {
                if (cursor.null())
                    return true;
                const auto id = cursor.peek() == '"' ? cursor.rawValue() : std::nullopt;
                if (!id)
                    return fail(path, JsonlCodec::tr("must be an entity id or null"));
                quote.speakerId = m_entityByKey.value(id->toByteArray());
                if (quote.speakerId == 0)
                    return fail(path, JsonlCodec::tr("no entity has the id %1").arg(QString::fromUtf8(*id)));
                return true;
            }
            default:
                return provenance(cursor, key - QuoteProvenance, quote.provenance, path);
            }
        },
        [&](qsizetype index, const ExtraWriter &extra) {
            if (quote.content.isEmpty())
                return fail(
                    { "quotes"_L1, index, "content"_L1 }, JsonlCodec::tr("a quote needs at least one part"));
            quote.extra = extra.text(quoteKeys, defaultKeys(quote));
            quotes.append(quote);
            return true;
        });
}

bool LineReader::figures(QByteArrayView raw, DatasetDocument &document)
{
    QList<Figure> &figures = document.annotations.figures;
    QSet<QByteArray> used;
    Figure figure;
    const auto value = [&](JsonCursor &cursor, const Path &path) -> std::optional<QVariant> {
        if (cursor.null())
            return QVariant();
        if (cursor.peek() == '"') {
            const auto text = string(cursor, path);
            return text ? std::optional<QVariant>(*text) : std::nullopt;
        }
        const auto parsed = number(cursor, path);
        return parsed ? std::optional<QVariant>(*parsed) : std::nullopt;
    };
    return objects(
        raw, "figures"_L1, figureKeys, [&](qsizetype) { figure = Figure(); },
        [&](int key, JsonCursor &cursor, const Path &path, ExtraWriter &extra) {
            switch (key) {
            case FigureId:
                return annotationId(cursor, path, 'F', used, extra);
            case FigureKind:
                figure.kind = string(cursor, path).value_or(QString());
                return true;
            case FigureSpan:
            case FigureNumber: {
                const auto found = span(cursor, path, false);
                if (found)
                    (key == FigureSpan ? figure.span : figure.number) = *found;
                return found.has_value();
            }
            case FigureValueMax:
                // The store keeps a range's upper end as a number; a date ("2008") stays as written.
                if (cursor.peek() == '"') {
                    const auto verbatim = cursor.rawValue();
                    if (verbatim)
                        extra.keepLastVerbatim("value_max", *verbatim);
                    return verbatim.has_value();
                }
                [[fallthrough]];
            case FigureValue: {
                const auto found = value(cursor, path);
                if (found)
                    (key == FigureValue ? figure.value : figure.valueMax) = *found;
                return found.has_value();
            }
            case FigureUnit:
                figure.unit = string(cursor, path, true).value_or(QString());
                return true;
            case FigureQualifier:
                figure.qualifier = string(cursor, path, true).value_or(QString());
                return true;
            default:
                return provenance(cursor, key - FigureProvenance, figure.provenance, path);
            }
        },
        [&](qsizetype index, const ExtraWriter &extra) {
            if (figure.kind.isEmpty())
                return fail({ "figures"_L1, index, "kind"_L1 }, JsonlCodec::tr("missing"));
            if (figure.span.isNull() || figure.number.isNull())
                return fail({ "figures"_L1, index, figure.span.isNull() ? "span"_L1 : "number"_L1 },
                    JsonlCodec::tr("missing span"));
            figure.extra = extra.text(figureKeys, defaultKeys(figure));
            figures.append(figure);
            return true;
        });
}

std::optional<DatasetDocument> LineReader::read()
{
    JsonCursor cursor(m_line);
    if (cursor.peek() != '{') {
        m_error = JsonlCodec::tr("not a JSON object");
        return std::nullopt;
    }
    cursor.beginObject();
    DatasetDocument document;
    Article &article = document.article;
    ExtraWriter extra;
    QByteArray unknown;
    std::array<QByteArrayView, 3> layers;
    bool hasText = false;
    while (const auto key = nextKey(cursor, articleKeys, extra, { "article"_L1 }, &unknown)) {
        if (*key < 0) {
            const auto value = cursor.rawValue();
            if (!value) {
                failCursor(cursor, { QLatin1StringView(unknown) });
                return std::nullopt;
            }
            extra.add(unknown, *value);
            continue;
        }
        extra.addKnown(*key);
        const Path path { articleKeys[*key] };
        switch (*key) {
        case ArticleId:
            article.key = string(cursor, path).value_or(QString());
            break;
        case ArticleTitle:
            article.title = string(cursor, path, true).value_or(QString());
            break;
        case ArticleSource:
            article.source = string(cursor, path, true).value_or(QString());
            break;
        case ArticlePublished:
            article.published = string(cursor, path, true).value_or(QString());
            break;
        case ArticleText:
            article.text = string(cursor, path).value_or(QString());
            hasText = true;
            break;
        default: {
            // The layers are read once the text is known, wherever it stands in the object.
            const auto value = cursor.peek() == '[' ? cursor.rawValue() : std::nullopt;
            if (!value && !cursor.failed())
                fail(path, JsonlCodec::tr("must be an array"));
            else if (!value)
                failCursor(cursor, path);
            else
                layers[*key - ArticleEntities] = *value;
        }
        }
        if (!m_error.isEmpty())
            return std::nullopt;
    }
    if (!m_error.isEmpty())
        return std::nullopt;
    if (!cursor.atEnd()) {
        cursor.fail(JsonlCodec::tr("more after the article's object"));
        failCursor(cursor, { "line"_L1 });
        return std::nullopt;
    }
    if (!hasText) {
        fail({ "text"_L1 }, JsonlCodec::tr("missing"));
        return std::nullopt;
    }
    m_text = article.text;
    m_offsets.emplace(m_text, m_unit);
    if ((!layers[0].isEmpty() && !entities(layers[0], document))
        || (!layers[1].isEmpty() && !quotes(layers[1], document))
        || (!layers[2].isEmpty() && !figures(layers[2], document)))
        return std::nullopt;
    article.extra = extra.text(articleKeys, defaultKeys(article));
    return document;
}

} // namespace

std::optional<DatasetDocument> JsonlCodec::read(QByteArrayView line, QString *errorString, OffsetUnit unit)
{
    LineReader reader(line, unit);
    auto document = reader.read();
    if (!document && errorString)
        *errorString = reader.error();
    return document;
}

void JsonlCodec::write(
    const Article &article, const AnnotationSet &annotations, QByteArray &out, OffsetUnit unit)
{
    const SpanWriter spans(article.text, unit);
    QHash<RecordId, QByteArray> entityIds; // record id -> the id as written, for the speakers
    writeObject(out, articleKeys, defaultKeys(article), Extra(article.extra), [&](int member) {
        switch (member) {
        case ArticleId:
            appendString(out, article.key);
            break;
        case ArticleTitle:
            appendString(out, article.title);
            break;
        case ArticleSource:
            appendString(out, article.source);
            break;
        case ArticlePublished:
            appendString(out, article.published);
            break;
        case ArticleText:
            appendString(out, article.text);
            break;
        case ArticleEntities:
            out += '[';
            for (qsizetype i = 0; i < annotations.entities.size(); ++i) {
                const Entity &entity = annotations.entities[i];
                const Extra extra(entity.extra);
                const QByteArray id = extra.id.isEmpty() ? defaultId('E', i) : extra.id.toByteArray();
                entityIds.insert(entity.id, id);
                if (i > 0)
                    out += ',';
                writeObject(out, entityKeys, defaultKeys(entity), extra, [&](int field) {
                    switch (field) {
                    case EntityId:
                        out += id;
                        break;
                    case EntityType:
                        appendString(out, entity.type);
                        break;
                    case EntityName:
                        appendString(out, entity.name);
                        break;
                    case EntityMentions:
                        out += '[';
                        for (qsizetype m = 0; m < entity.mentions.size(); ++m) {
                            if (m > 0)
                                out += ',';
                            spans.write(out, entity.mentions[m].span);
                        }
                        out += ']';
                        break;
                    default:
                        writeProvenance(out, field - EntityProvenance, entity.provenance);
                    }
                });
            }
            out += ']';
            break;
        case ArticleQuotes:
            out += '[';
            for (qsizetype i = 0; i < annotations.quotes.size(); ++i) {
                const Quote &quote = annotations.quotes[i];
                const Extra extra(quote.extra);
                if (i > 0)
                    out += ',';
                writeObject(out, quoteKeys, defaultKeys(quote), extra, [&](int field) {
                    switch (field) {
                    case QuoteId:
                        out += extra.id.isEmpty() ? defaultId('Q', i) : extra.id.toByteArray();
                        break;
                    case QuoteKindKey:
                        appendString(out, toString(quote.kind));
                        break;
                    case QuoteContent:
                        out += '[';
                        for (qsizetype c = 0; c < quote.content.size(); ++c) {
                            if (c > 0)
                                out += ',';
                            spans.write(out, quote.content[c]);
                        }
                        out += ']';
                        break;
                    case QuoteCue:
                        spans.write(out, quote.cue);
                        break;
                    case QuoteSource:
                        spans.write(out, quote.source);
                        break;
                    case QuoteSpeaker:
                        out += quote.speakerId ? entityIds.value(quote.speakerId, "null")
                                               : QByteArray("null");
                        break;
                    default:
                        writeProvenance(out, field - QuoteProvenance, quote.provenance);
                    }
                });
            }
            out += ']';
            break;
        case ArticleFigures:
            out += '[';
            for (qsizetype i = 0; i < annotations.figures.size(); ++i) {
                const Figure &figure = annotations.figures[i];
                const Extra extra(figure.extra);
                if (i > 0)
                    out += ',';
                writeObject(out, figureKeys, defaultKeys(figure), extra, [&](int field) {
                    switch (field) {
                    case FigureId:
                        out += extra.id.isEmpty() ? defaultId('F', i) : extra.id.toByteArray();
                        break;
                    case FigureKind:
                        appendString(out, figure.kind);
                        break;
                    case FigureSpan:
                        spans.write(out, figure.span);
                        break;
                    case FigureNumber:
                        spans.write(out, figure.number);
                        break;
                    case FigureValue:
                        appendValue(out, figure.value);
                        break;
                    case FigureValueMax:
                        appendValue(out, figure.valueMax);
                        break;
                    case FigureUnit:
                        if (figure.unit.isEmpty())
                            out += "null";
                        else
                            appendString(out, figure.unit);
                        break;
                    case FigureQualifier:
                        appendString(out, figure.qualifier);
                        break;
                    default:
                        writeProvenance(out, field - FigureProvenance, figure.provenance);
                    }
                });
            }
            out += ']';
            break;
        }
    });
    out += '\n';
}

} // namespace Byline
