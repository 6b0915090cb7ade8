// SPDX-License-Identifier: GPL-3.0-or-later
#include "doccanoformat.h"

#include "documentbatch.h"
#include "documentwriter.h"
#include "linestream.h"
#include "spanlabelling.h"
#include "store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Byline {

QString DoccanoFormat::shortName() const
{
    return u"doccano"_s;
}

QString DoccanoFormat::displayName() const
{
    return tr("doccano JSON Lines");
}

QStringList DoccanoFormat::extensions() const
{
    // Byline's own format comes first in the registry, so a .jsonl file is read as doccano
    // only when asked for by name.
    return { u"jsonl"_s };
}

DatasetFormat::Capabilities DoccanoFormat::capabilities() const
{
    return CanRead | CanWrite | ChoosesOffsetUnit;
}

QString DoccanoFormat::limitations() const
{
    return tr("Keeps spans, entity types, quote kinds, cues, sources, speakers and figure kinds. "
              "Loses statuses, annotators, entity names other than the first mention, figure units, "
              "qualifiers and date values. Rejected suggestions are left out.");
}

bool DoccanoFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    const auto unit = offsetUnit();
    if (!unit)
        return false;
    const QString error = DocumentWriter::write(store, selection(), path, progress, {},
        [unit = *unit](const DatasetDocument &document, qint64 index) {
            const Article &article = document.article;
            const FileOffsets offsets(article.text, unit);
            const LabelledSpans flat = SpanLabelling::flatten(document.annotations);
            QJsonArray entities;
            for (const LabelledSpan &span : flat.spans) {
                entities.append(QJsonObject { { "id"_L1, span.id }, { "label"_L1, span.label },
                    { "start_offset"_L1, offsets.fromText(span.span.start) },
                    { "end_offset"_L1, offsets.fromText(span.span.end) } });
            }
            QJsonArray relations;
            for (qsizetype i = 0; i < flat.relations.size(); ++i) {
                const SpanRelation &relation = flat.relations.at(i);
                relations.append(QJsonObject { { "id"_L1, i + 1 }, { "from_id"_L1, relation.from },
                    { "to_id"_L1, relation.to }, { "type"_L1, relation.type } });
            }
            QJsonObject line { { "id"_L1, index + 1 }, { "text"_L1, article.text },
                { "entities"_L1, entities }, { "relations"_L1, relations },
                { "article_id"_L1, article.key } };
            // doccano keeps unknown columns as metadata, so the article's header survives.
            if (!article.title.isEmpty())
                line.insert("title"_L1, article.title);
            if (!article.source.isEmpty())
                line.insert("source"_L1, article.source);
            if (!article.published.isEmpty())
                line.insert("published"_L1, article.published);
            return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
        },
        {});
    return error.isEmpty() || fail(error);
}

bool DoccanoFormat::read(
    Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress)
{
    const auto unit = offsetUnit();
    if (!unit)
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(path, file.errorString()));
    QStringList entityTypes;
    for (const EntityType &type : store.entityTypes())
        entityTypes << type.name;

    // One transaction for the whole file: a bad line leaves the project as it was.
    DocumentBatch batch(store);
    if (!batch.isOpen())
        return fail(tr("Cannot read %1: %2").arg(path, batch.errorString()));
    FormatReadReport counts;
    const bool skipBadRecords = option(u"skipBadRecords"_s, false).toBool();
    // doccano's spans are people's work, unless they were pre-annotations an extractor made:
    // "status=auto" makes them suggestions to review.
    const auto status = annotationStatusFromString(option(u"status"_s, u"manual"_s).toString());
    if (!status)
        return fail(tr("unknown status %1").arg(option(u"status"_s).toString()));
    LineStream lines(file, option(u"maxLineBytes"_s, LineStream::defaultMaximumLength).toLongLong());
    while (const auto line = lines.next()) {
        const QString where = u"%1:%2"_s.arg(path).arg(lines.lineNumber());
        if (!lines.tooLong() && line->trimmed().isEmpty())
            continue;
        // Stores the line's article, or says why not (the message starts with where).
        const auto take = [&]() -> QString {
            if (lines.tooLong())
                return tr("%1: %2").arg(where, lines.tooLongReason());
            QJsonParseError parseError;
            const QJsonDocument json
                = QJsonDocument::fromJson(QByteArray::fromRawData(line->data(), line->size()), &parseError);
            if (parseError.error != QJsonParseError::NoError || !json.isObject())
                return tr("%1: not a JSON object (%2)").arg(where, parseError.errorString());
            const QJsonObject object = json.object();
            if (!object.value("text"_L1).isString())
                return tr("%1: text: missing or not a string").arg(where);

            DatasetDocument document;
            Article &article = document.article;
            article.text = object.value("text"_L1).toString();
            article.key = object.value("article_id"_L1).toString();
            if (article.key.isEmpty())
                article.key = u"doccano-%1"_s.arg(object.value("id"_L1).toVariant().toString());
            article.title = object.value("title"_L1).toString();
            article.source = object.value("source"_L1).toString();
            article.published = object.value("published"_L1).toString();

            const FileOffsets offsets(article.text, *unit);
            LabelledSpans flat;
            // Older doccano exports write "label": [[start, end, "LABEL"], ...] instead of entities.
            const bool oldStyle = !object.contains("entities"_L1) && object.value("label"_L1).isArray();
            const QJsonArray entities = object.value(oldStyle ? "label"_L1 : "entities"_L1).toArray();
            for (qsizetype i = 0; i < entities.size(); ++i) {
                const QString field = u"%1[%2]"_s.arg(oldStyle ? u"label"_s : u"entities"_s).arg(i);
                LabelledSpan span;
                qint64 start = -1;
                qint64 end = -1;
                if (oldStyle) {
                    const QJsonArray triple = entities.at(i).toArray();
                    span.id = int(i + 1);
                    start = triple.at(0).isDouble() ? triple.at(0).toInteger(-1) : -1;
                    end = triple.at(1).isDouble() ? triple.at(1).toInteger(-1) : -1;
                    span.label = triple.at(2).toString();
                } else {
                    const QJsonObject entity = entities.at(i).toObject();
                    if (!entity.value("id"_L1).isDouble())
                        return tr("%1: %2.id: missing or not a number").arg(where, field);
                    span.id = entity.value("id"_L1).toInt();
                    start = entity.value("start_offset"_L1).isDouble()
                        ? entity.value("start_offset"_L1).toInteger(-1)
                        : -1;
                    end = entity.value("end_offset"_L1).isDouble()
                        ? entity.value("end_offset"_L1).toInteger(-1)
                        : -1;
                    span.label = entity.value("label"_L1).toString();
                }
                if (start < 0 || end <= start || end > offsets.length())
                    return tr("%1: %2: offsets [%3, %4) lie outside the text (%5)")
                        .arg(where, field)
                        .arg(start)
                        .arg(end)
                        .arg(OffsetUnitOption::length(offsets.unit(), offsets.length()));
                if (!offsets.isBoundary(start) || !offsets.isBoundary(end))
                    return u"%1: %2: %3"_s.arg(where, field, OffsetUnitOption::splitPair(start, end));
                span.span = { offsets.toText(start), offsets.toText(end) };
                flat.spans.append(span);
            }
            const QJsonArray relations = object.value("relations"_L1).toArray();
            for (qsizetype i = 0; i < relations.size(); ++i) {
                const QJsonObject relation = relations.at(i).toObject();
                if (!relation.value("from_id"_L1).isDouble() || !relation.value("to_id"_L1).isDouble())
                    return tr("%1: relations[%2]: from_id and to_id must be numbers").arg(where).arg(i);
                flat.relations.append({ relation.value("from_id"_L1).toInt(),
                    relation.value("to_id"_L1).toInt(), relation.value("type"_L1).toString() });
            }

            QString error;
            const auto annotations
                = SpanLabelling::rebuild(article.text, flat, entityTypes, *status, where, &error);
            if (!annotations)
                return error;
            document.annotations = *annotations;
            return batch.add(document, where) ? QString() : batch.errorString();
        };
        if (const QString problem = take(); !problem.isEmpty()) {
            if (!skipBadRecords)
                return fail(problem);
            counts.badRecords << problem;
        }
        if (progress && !progress(lines.lineNumber(), 0))
            return fail(tr("Reading %1 was cancelled; nothing was imported.").arg(path));
    }
    if (!lines.errorString().isEmpty())
        return fail(tr("Cannot read %1: %2").arg(path, lines.errorString()));
    if (!batch.commit(&counts))
        return fail(tr("Cannot read %1: %2").arg(path, batch.errorString()));
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
