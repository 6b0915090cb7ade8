// SPDX-License-Identifier: GPL-3.0-or-later
#include "w3cformat.h"

#include "documentwriter.h"
#include "fileoffsets.h"
#include "linestream.h"
#include "sqlitebulkwriter.h"
#include "store.h"
#include "storecolumns.h"
#include "w3cimportledger.h"
#include "w3creadahead.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>

#include <functional>
#include <optional>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

/// Characters of context around a TextQuoteSelector's exact text: enough to find it again
/// when the text changed, short enough to keep files small.
constexpr qsizetype contextLength = 32;

class AnnotationBuilder final {
public:
    AnnotationBuilder(const DatasetDocument &document, OffsetUnit unit)
        : m_document(document)
        , m_text(document.article.text)
        , m_offsets(m_text, unit)
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
        if (!m_offsets.map().isBoundary(prefixStart))
            ++prefixStart;
        qsizetype suffixEnd = std::min<qsizetype>(m_text.size(), span.end + contextLength);
        if (!m_offsets.map().isBoundary(suffixEnd))
            --suffixEnd;
        return { QJsonObject { { "type"_L1, u"TextPositionSelector"_s },
                     { "start"_L1, m_offsets.fromText(span.start) },
                     { "end"_L1, m_offsets.fromText(span.end) } },
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
    FileOffsets m_offsets;
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
    return CanRead | CanWrite | ChoosesOffsetUnit;
}

QString W3cFormat::limitations() const
{
    return tr("Carries no article text: targets name the article, and reading adds annotations to "
              "the project's articles of that name. Leaves out confidences, qualifiers and upper "
              "bounds of ranges. Reading a file twice adds its annotations twice.");
}

bool W3cFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    const auto unit = offsetUnit();
    if (!unit)
        return false;
    // The model defines positions in code points and has no property for another unit: the
    // collection's label, there for people to read, is the one place to say so.
    const QByteArray label = *unit == OffsetUnit::Utf16
        ? "Byline annotations, TextPositionSelector offsets in UTF-16 code units"
        : "Byline annotations";
    const QByteArray header = R"({"@context":"http://www.w3.org/ns/anno.jsonld",)"
                              R"("id":"urn:byline:collection","type":"AnnotationCollection",)"
                              R"("label":")"
        + label
        + R"(","first":{"type":"AnnotationPage","startIndex":0,"items":[)"
          "\n";
    bool first = true;
    const QString error = DocumentWriter::write(
        store, selection(), path, progress, header,
        [&first, unit = *unit](const DatasetDocument &document, qint64) {
            QByteArray chunk;
            for (const QJsonObject &annotation : AnnotationBuilder(document, unit).annotations()) {
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

// "FILE:LINE: FIELD", as messages name an annotation.
QString annotationPlace(const QString &path, qint64 line, const QString &field)
{
    return u"%1:%2: %3"_s.arg(path).arg(line).arg(field);
}

QJsonArray asArray(const QJsonValue &value)
{
    if (value.isArray())
        return value.toArray();
    if (value.isUndefined() || value.isNull())
        return {};
    return QJsonArray { value };
}

/// The key of the article an IRI names, or nothing when it names none.
std::optional<QString> articleKey(const QString &source)
{
    if (!source.startsWith(articlePrefix))
        return std::nullopt;
    return QUrl::fromPercentEncoding(source.mid(articlePrefix.size()).toUtf8());
}

/// The annotations of one article that come one after another in the file (a run), read,
/// checked and stored together as one document, so that they go in through the bulk insert's
/// writer and memory holds one article at a time, whatever the file's size. Byline writes each
/// article's annotations together; a file from elsewhere may spread them over the file (ordered
/// by time, say). Each run is then added to the article as it comes, which loses nothing since
/// annotations only add. What crosses runs is a quote's link to its speaker, an entity
/// annotation found by its id: W3cImportLedger remembers the stored entity of every id, so that
/// a speaker in an earlier run is linked at once, and a quote whose speaker has not come yet is
/// put off to the end of the file, when every entity is stored. Holding the file's ids or its
/// spread articles in memory instead would make memory grow with the corpus; reading the file
/// twice would double the time of every import for the sake of the few files that spread.
class ArticleRun final {
    Q_DECLARE_TR_FUNCTIONS(DatasetFormat)
public:
    /// A quote whose speaker is not in the run, nor stored before it.
    struct Unlinked {
        qint64 line;
        QString field;
        QString speaker;
        QJsonObject annotation;
    };

    ArticleRun(const QString &path, Article article, const QStringList &entityTypes, OffsetUnit unit)
        : m_path(path)
        , m_article(std::move(article))
        , m_text(m_article.text)
        , m_offsets(m_text, unit)
        , m_entityTypes(entityTypes)
    {
    }

    const QString &key() const { return m_article.key; }
    RecordId articleId() const { return m_article.id; }
    bool isEmpty() const
    {
        return m_annotations.entities.isEmpty() && m_annotations.quotes.isEmpty()
            && m_annotations.figures.isEmpty();
    }

    /// Where in the file the annotation at line and field is, for messages.
    QString where(qint64 line, const QString &field) const { return annotationPlace(m_path, line, field); }

    /// Adds one annotation, or says why not (the message names the file, line and field); the
    /// run is unchanged then. Its id is the file's only one (W3cImportLedger::claim()).
    QString add(const QJsonObject &annotation, qint64 line, const QString &itemField)
    {
        const QString field = where(line, itemField);
        const QString id = annotation.value("id"_L1).toString();
        QString error;
        QList<Span> spans;
        const QJsonArray targets = asArray(annotation.value("target"_L1));
        for (qsizetype t = 0; t < targets.size() && error.isEmpty(); ++t) {
            const QString targetField = field + u".target[%1]"_s.arg(t);
            const QJsonObject target = targets.at(t).toObject();
            if (articleKey(target.value("source"_L1).toString()) != m_article.key)
                return tr("%1: the targets lie in different articles").arg(targetField);
            spans << spanOf(target, targetField, &error);
        }
        if (!error.isEmpty())
            return error;

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
                if (articleKey(body.value("source"_L1).toString()) != m_article.key)
                    return tr("%1: links to another article").arg(bodyField);
                const Span span = spanOf(body, bodyField, &error);
                if (label == u"cue"_s)
                    cue = span;
                else if (label == u"source"_s)
                    source = span;
                else if (label == u"number"_s)
                    number = span;
            }
        }
        if (!error.isEmpty())
            return error;

        AnnotationSet &set = m_annotations;
        if (tag == u"quote"_s) {
            const auto quoteKind = quoteKindFromString(kind);
            if (!quoteKind)
                return tr("%1.body: the quote kind \"%2\" is not direct, indirect or mixed").arg(field, kind);
            Quote quote;
            quote.id = set.quotes.size() + 1;
            quote.kind = *quoteKind;
            quote.content = spans;
            quote.cue = cue;
            quote.source = source;
            quote.provenance = provenance;
            if (!speaker.isEmpty())
                m_speakers.append({ quote.id, { line, itemField, speaker, annotation } });
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
        } else if (m_entityTypes.contains(tag)) {
            Entity entity;
            entity.id = set.entities.size() + 1;
            entity.type = tag;
            entity.name = name.isEmpty() ? textOf(m_text, spans.first()) : name;
            entity.provenance = provenance;
            for (const Span &span : std::as_const(spans)) {
                Mention mention;
                mention.span = span;
                mention.provenance = provenance;
                entity.mentions.append(mention);
            }
            if (!id.isEmpty())
                m_entityOfId.insert(id, entity.id);
            set.entities.append(entity);
        } else {
            return tr("%1.body: the tag \"%2\" is neither quote, figure nor an entity type (%3)")
                .arg(field, tag, m_entityTypes.join(u", "_s));
        }
        return {};
    }

    /// Links the quotes to their speakers once the run is complete (a speaker may come after its
    /// quote in the run): an entity of the run, else one stored before (storedEntity() of the
    /// speaker's id, 0 when none). Takes out the quotes whose speaker is neither, and returns them.
    QList<Unlinked> linkSpeakers(const std::function<RecordId(const QString &)> &storedEntity)
    {
        QList<Unlinked> unlinked;
        QSet<RecordId> taken;
        for (const Speaker &speaker : std::as_const(m_speakers)) {
            Quote &quote = m_annotations.quotes[speaker.quoteId - 1];
            if (const RecordId entity = m_entityOfId.value(speaker.quote.speaker)) {
                quote.speakerId = entity;
            } else if (const RecordId stored = storedEntity(speaker.quote.speaker)) {
                // Under an id that no entity of the run has.
                quote.speakerId = m_annotations.entities.size() + 1 + m_storedSpeakers.size();
                m_storedSpeakers.insert(quote.speakerId, stored);
            } else {
                unlinked << speaker.quote;
                taken.insert(quote.id);
            }
        }
        m_speakers.clear();
        m_annotations.quotes.removeIf([&](const Quote &quote) { return taken.contains(quote.id); });
        return unlinked;
    }

    /// Adds the run's annotations to its article, as one document through writer when there is
    /// one, and notes the stored entity of each entity annotation in the ledger. Why not, when
    /// it fails.
    QString store(Store &store, SqliteBulkWriter *writer, W3cImportLedger &ledger)
    {
        if (writer) {
            if (!writer->addAnnotations(
                    m_article.id, m_article.key, m_annotations, m_offsets.map(), m_storedSpeakers))
                return writer->errorString();
        } else if (!StoreColumns::addAnnotations(store, m_article.id, m_annotations, m_storedSpeakers)) {
            return store.errorString();
        }
        for (auto it = m_entityOfId.cbegin(); it != m_entityOfId.cend(); ++it) {
            if (!ledger.noteEntity(it.key(), m_article.id, m_annotations.entities.at(it.value() - 1).id))
                return ledger.errorString();
        }
        return {};
    }

private:
    // A span from a resource's selectors; the quote selector wins when the position is stale.
    Span spanOf(const QJsonObject &resource, const QString &field, QString *error) const
    {
        QJsonObject position, quote;
        for (const QJsonValue &value : asArray(resource.value("selector"_L1))) {
            const QString type = value.toObject().value("type"_L1).toString();
            if (type == u"TextPositionSelector"_s)
                position = value.toObject();
            else if (type == u"TextQuoteSelector"_s)
                quote = value.toObject();
        }
        Span span;
        if (!position.isEmpty()) {
            const qint64 start = position.value("start"_L1).toInteger(-1);
            const qint64 end = position.value("end"_L1).toInteger(-1);
            if (start < end && m_offsets.isBoundary(start) && m_offsets.isBoundary(end))
                span = { m_offsets.toText(start), m_offsets.toText(end) };
            else if (quote.isEmpty())
                *error = tr("%1: TextPositionSelector [%2, %3) is not a span of the text (%4)")
                             .arg(field)
                             .arg(start)
                             .arg(end)
                             .arg(OffsetUnitOption::length(m_offsets.unit(), m_offsets.length()));
        }
        if (quote.isEmpty()) {
            if (position.isEmpty())
                *error = tr("%1: neither a TextPositionSelector nor a TextQuoteSelector").arg(field);
            return span;
        }
        const QString exact = quote.value("exact"_L1).toString();
        if (!span.isNull() && textOf(m_text, span) == exact)
            return span;
        const QString prefix = quote.value("prefix"_L1).toString();
        const QString suffix = quote.value("suffix"_L1).toString();
        qsizetype at = exact.isEmpty() ? -1 : m_text.indexOf(prefix + exact + suffix);
        if (at >= 0)
            at += prefix.size();
        else if (!exact.isEmpty() && m_text.count(exact) == 1)
            at = m_text.indexOf(exact);
        if (at < 0) {
            *error = tr("%1: TextQuoteSelector: \"%2\" does not match the text of the article")
                         .arg(field, exact);
            return {};
        }
        return { at, at + exact.size() };
    }

    struct Speaker {
        RecordId quoteId; ///< in the run
        Unlinked quote;
    };

    const QString m_path;
    const Article m_article;
    const QString &m_text;
    const FileOffsets m_offsets;
    const QStringList &m_entityTypes;
    AnnotationSet m_annotations; ///< ids count from 1 within the run
    QHash<QString, RecordId> m_entityOfId; ///< annotation id -> entity in the run
    QList<Speaker> m_speakers;
    QHash<RecordId, RecordId> m_storedSpeakers; ///< a quote's speaker id -> the entity stored before
};

} // namespace

bool W3cFormat::read(
    Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress)
{
    const auto unit = offsetUnit();
    if (!unit)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(path, file.errorString()));
    const bool skipBadRecords = option(u"skipBadRecords"_s, false).toBool();
    // Parsed on another thread while the annotations before are stored. Without skipping, the
    // first bad one ends the import, and the reading with it.
    W3cReadAhead annotations(
        file, option(u"maxLineBytes"_s, LineStream::defaultMaximumLength).toLongLong(), !skipBadRecords);
    QStringList entityTypes;
    for (const EntityType &type : store.entityTypes())
        entityTypes << type.name;

    // One transaction for the whole file: a bad annotation found late, or a cancel, leaves the
    // project as it was. Each run of an article's annotations goes in whole, through the bulk
    // insert's writer, the counts and search indexes caught up at the commit.
    Store::BulkInsert transaction(store);
    if (!transaction.isOpen())
        return fail(tr("Cannot read %1: %2").arg(path, store.errorString()));
    W3cImportLedger ledger(store.database());
    if (!ledger.isOpen())
        return fail(tr("Cannot read %1: %2").arg(path, ledger.errorString()));
    // The annotations of articles the project holds: the writer stores their rows, and the bulk
    // insert's commit counts them. Without one (a server), they go in through the store.
    const auto writer = transaction.writesDirectly() ? SqliteBulkWriter::open(store.database()) : nullptr;
    FormatReadReport counts;
    QSet<RecordId> annotated; // the articles given annotations, an id each
    std::optional<ArticleRun> run;
    const auto cancelled
        = [&] { return fail(tr("Reading %1 was cancelled; nothing was imported.").arg(path)); };
    const auto databaseError = [&](const QString &error) { return fail(tr("%1: %2").arg(path, error)); };
    // Whether the import goes on after a bad annotation.
    const auto bad = [&](const QString &problem) {
        if (!skipBadRecords)
            return fail(problem);
        counts.badRecords << problem;
        return true;
    };
    const auto speakerMissing = [&](const ArticleRun &in, const ArticleRun::Unlinked &quote) {
        return bad(tr("%1: the speaker %2 is not an entity annotation of the same article in the file")
                .arg(in.where(quote.line, quote.field), quote.speaker));
    };
    const auto storedEntity = [&](RecordId articleId) {
        return [&ledger, articleId](const QString &id) { return ledger.entity(id, articleId); };
    };
    const auto storeRun = [&](ArticleRun &complete) {
        if (!complete.isEmpty()) {
            if (const QString error = complete.store(store, writer.get(), ledger); !error.isEmpty())
                return databaseError(error);
            annotated.insert(complete.articleId());
        }
        return !progress || progress(annotated.size(), 0) || cancelled();
    };
    // A quote whose speaker has not come yet waits in the ledger for the end of the file.
    const auto finishRun = [&]() -> bool {
        if (!run)
            return true;
        for (const ArticleRun::Unlinked &quote : run->linkSpeakers(storedEntity(run->articleId()))) {
            const W3cImportLedger::Deferred deferred { quote.line, quote.field,
                QJsonDocument(quote.annotation).toJson(QJsonDocument::Compact) };
            if (!ledger.defer(run->articleId(), deferred))
                return databaseError(ledger.errorString());
        }
        const bool stored = storeRun(*run);
        run.reset();
        return stored;
    };
    const auto article = [&](const QString &key) -> std::optional<Article> {
        const auto id = store.articleIdForKey(key);
        return id ? store.article(*id) : std::nullopt;
    };
    while (const auto item = annotations.next()) {
        // Made only for a message.
        const auto where = [&] { return annotationPlace(path, item->line, item->field); };
        if (!item->annotation) {
            if (!bad(u"%1: %2"_s.arg(where(), item->problem)))
                return false;
            continue;
        }
        const QJsonObject &annotation = *item->annotation;
        // An id names one annotation of the file, whatever else is wrong with either.
        if (const QString id = annotation.value("id"_L1).toString(); !id.isEmpty()) {
            if (const auto earlier = ledger.claim(id, item->line, item->field)) {
                if (earlier->isEmpty())
                    return databaseError(ledger.errorString());
                if (!bad(tr("%1.id: \"%2\" is the id of %3 as well").arg(where(), id, *earlier)))
                    return false;
                continue;
            }
        }
        const QJsonArray targets = asArray(annotation.value("target"_L1));
        const QString source
            = targets.isEmpty() ? QString() : targets.first().toObject().value("source"_L1).toString();
        const auto key = articleKey(source);
        if (targets.isEmpty() || !key) {
            if (!bad(targets.isEmpty()
                        ? tr("%1.target: missing").arg(where())
                        : tr("%1.target[0].source: \"%2\" is not an article of a Byline project")
                              .arg(where(), source)))
                return false;
            continue;
        }
        if (!run || run->key() != *key) {
            if (!finishRun())
                return false;
            auto found = article(*key);
            if (!found) {
                if (!bad(tr("%1.target[0].source: the project has no article \"%2\"").arg(where(), *key)))
                    return false;
                continue;
            }
            run.emplace(path, std::move(*found), entityTypes, *unit);
        }
        if (const QString problem = run->add(annotation, item->line, item->field);
            !problem.isEmpty() && !bad(problem))
            return false;
    }
    if (!annotations.errorString().isEmpty())
        return fail(u"%1: %2"_s.arg(path, annotations.errorString()));
    if (!finishRun())
        return false;
    // Every entity is stored now: the quotes put off find their speakers, or never will.
    bool stoppedLinking = false; // with its own message
    const bool linked
        = ledger.forEachDeferred([&](RecordId articleId, const QList<W3cImportLedger::Deferred> &quotes) {
              stoppedLinking = true;
              auto found = store.article(articleId);
              if (!found)
                  return databaseError(store.errorString());
              ArticleRun late(path, std::move(*found), entityTypes, *unit);
              for (const W3cImportLedger::Deferred &quote : quotes) {
                  const QString problem
                      = late.add(QJsonDocument::fromJson(quote.annotation).object(), quote.line, quote.field);
                  if (!problem.isEmpty() && !bad(problem))
                      return false;
              }
              for (const ArticleRun::Unlinked &quote : late.linkSpeakers(storedEntity(articleId))) {
                  if (!speakerMissing(late, quote))
                      return false;
              }
              if (!storeRun(late))
                  return false;
              stoppedLinking = false;
              return true;
          });
    if (!linked)
        return stoppedLinking ? false : databaseError(ledger.errorString());
    bool stopped = false;
    const bool committed = transaction.commit([&] {
        stopped = progress && !progress(annotated.size(), 0);
        return !stopped;
    });
    if (stopped)
        return cancelled();
    if (!committed)
        return fail(tr("Cannot read %1: %2").arg(path, store.errorString()));
    counts.articles = int(annotated.size());
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
