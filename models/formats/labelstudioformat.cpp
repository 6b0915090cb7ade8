// SPDX-License-Identifier: GPL-3.0-or-later
#include "labelstudioformat.h"

#include "documentbatch.h"
#include "documentwriter.h"
#include "jsonarrayscanner.h"
#include "linestream.h"
#include "offsetmap.h"
#include "spanlabelling.h"
#include "store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

const QString fromName = u"label"_s;
const QString toName = u"text"_s;

QString regionId(int spanId)
{
    return u"r%1"_s.arg(spanId);
}

} // namespace

QString LabelStudioFormat::shortName() const
{
    return u"labelstudio"_s;
}

QString LabelStudioFormat::displayName() const
{
    return tr("Label Studio JSON");
}

QStringList LabelStudioFormat::extensions() const
{
    return { u"json"_s };
}

DatasetFormat::Capabilities LabelStudioFormat::capabilities() const
{
    return CanRead | CanWrite;
}

QString LabelStudioFormat::limitations() const
{
    return tr("Keeps spans, entity types, quote kinds, cues, sources, speakers and figure kinds. "
              "Loses statuses (extractor suggestions are read from predictions as auto), annotators, "
              "entity names other than the first mention, figure units, qualifiers and date values. Rejected "
              "suggestions are left out.");
}

QString LabelStudioFormat::labelConfig(const QStringList &entityTypes)
{
    QString xml = u"<View>\n  <Relations>\n"_s;
    for (const QString &type : SpanLabelling::relationTypes())
        xml += u"    <Relation value=\"%1\"/>\n"_s.arg(type);
    xml += u"  </Relations>\n  <Labels name=\"%1\" toName=\"%2\">\n"_s.arg(fromName, toName);
    for (const QString &label : entityTypes + SpanLabelling::bylineLabels())
        xml += u"    <Label value=\"%1\"/>\n"_s.arg(label.toHtmlEscaped());
    xml += u"  </Labels>\n  <Text name=\"%1\" value=\"$text\"/>\n</View>\n"_s.arg(toName);
    return xml;
}

bool LabelStudioFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    const QString error = DocumentWriter::write(
        store, selection(), path, progress, "[\n",
        [](const DatasetDocument &document, qint64 index) {
            const Article &article = document.article;
            const LabelledSpans flat = SpanLabelling::flatten(document.annotations);
            QJsonArray result;
            for (const LabelledSpan &span : flat.spans) {
                // Offsets stay in UTF-16 units: Label Studio counts as JavaScript does.
                const QJsonObject value { { "start"_L1, span.span.start }, { "end"_L1, span.span.end },
                    { "text"_L1, textOf(article.text, span.span) },
                    { "labels"_L1, QJsonArray { span.label } } };
                result.append(QJsonObject { { "id"_L1, regionId(span.id) }, { "from_name"_L1, fromName },
                    { "to_name"_L1, toName }, { "type"_L1, u"labels"_s }, { "origin"_L1, u"manual"_s },
                    { "value"_L1, value } });
            }
            for (const SpanRelation &relation : flat.relations) {
                result.append(QJsonObject { { "type"_L1, u"relation"_s },
                    { "from_id"_L1, regionId(relation.from) }, { "to_id"_L1, regionId(relation.to) },
                    { "direction"_L1, u"right"_s }, { "labels"_L1, QJsonArray { relation.type } } });
            }
            QJsonObject data { { "text"_L1, article.text }, { "article_id"_L1, article.key } };
            if (!article.title.isEmpty())
                data.insert("title"_L1, article.title);
            if (!article.source.isEmpty())
                data.insert("source"_L1, article.source);
            if (!article.published.isEmpty())
                data.insert("published"_L1, article.published);
            const QJsonObject task { { "id"_L1, index + 1 }, { "data"_L1, data },
                { "annotations"_L1, QJsonArray { QJsonObject { { "result"_L1, result } } } } };
            return (index > 0 ? ",\n"_ba : QByteArray()) + QJsonDocument(task).toJson(QJsonDocument::Compact);
        },
        "\n]\n");
    return error.isEmpty() || fail(error);
}

bool LabelStudioFormat::read(
    Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(path, file.errorString()));
    // Tasks are read and parsed one at a time: memory holds a window of the file and a task,
    // however large the export. A task is parsed whole, at several times its size: one over the
    // cap (a gigabyte string, say) is passed over without being held, as JSONL refuses a long line.
    const qint64 maximumTask = option(u"maxLineBytes"_s, LineStream::defaultMaximumLength).toLongLong();
    const auto tooLarge = [&](const QString &where) {
        constexpr qint64 mebibyte = 1024 * 1024;
        const QString cap = maximumTask % mebibyte == 0 ? tr("%1 MiB").arg(maximumTask / mebibyte)
                                                        : tr("%1 bytes").arg(maximumTask);
        return tr("%1: the task is longer than %2, the most an importer reads as one record").arg(where, cap);
    };
    const qint64 size = file.size();
    if (size == 0)
        return fail(tr("%1: empty, or it cannot be read (%2)").arg(path, file.errorString()));
    JsonArrayScanner scanner(file, maximumTask);
    if (!scanner.errorString().isEmpty())
        return fail(tr("Cannot read %1: %2").arg(path, scanner.errorString()));
    QByteArray singleTask;
    if (!scanner.isArray()) {
        if (size > maximumTask)
            return fail(tooLarge(path));
        // A single task is accepted as well.
        if (!file.seek(0))
            return fail(tr("Cannot read %1: %2").arg(path, file.errorString()));
        singleTask = file.readAll();
        QJsonParseError parseError;
        const QJsonDocument json = QJsonDocument::fromJson(singleTask, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(tr("%1: not JSON (%2 at byte %3)")
                    .arg(path, parseError.errorString())
                    .arg(parseError.offset));
        if (!json.object().contains("data"_L1))
            return fail(tr("%1: not a Label Studio export (an array of tasks with data.text)").arg(path));
    }
    QStringList entityTypes;
    for (const EntityType &type : store.entityTypes())
        entityTypes << type.name;

    DocumentBatch batch(store);
    if (!batch.isOpen())
        return fail(tr("Cannot read %1: %2").arg(path, batch.errorString()));
    FormatReadReport counts;
    const bool skipBadRecords = option(u"skipBadRecords"_s, false).toBool();
    bool warnedCodePoints = false;
    for (qsizetype t = 0;; ++t) {
        const QString where = u"%1: tasks[%2]"_s.arg(path).arg(t);
        std::optional<QByteArrayView> element;
        if (singleTask.isEmpty())
            element = scanner.next();
        else if (t == 0)
            element = QByteArrayView(singleTask);
        if (!element) {
            if (!scanner.errorString().isEmpty())
                return fail(tr("%1: not JSON: %2").arg(path, scanner.errorString()));
            break;
        }
        // Stores the task's article, or says why not (the message starts with where).
        const auto take = [&]() -> QString {
            if (singleTask.isEmpty() && scanner.tooLong())
                return tooLarge(where);
            QJsonParseError parseError;
            const QJsonDocument json = QJsonDocument::fromJson(element->toByteArray(), &parseError);
            if (parseError.error != QJsonParseError::NoError || !json.isObject())
                return tr("%1: not JSON (%2), or not a task object").arg(where, parseError.errorString());
            const QJsonObject task = json.object();
            const QJsonObject data = task.value("data"_L1).toObject();
            if (!data.value("text"_L1).isString())
                return tr("%1.data.text: missing or not a string").arg(where);
            DatasetDocument document;
            Article &article = document.article;
            article.text = data.value("text"_L1).toString();
            article.key = data.value("article_id"_L1).toString();
            if (article.key.isEmpty())
                article.key = u"labelstudio-%1"_s.arg(task.value("id"_L1).toVariant().toString());
            article.title = data.value("title"_L1).toString();
            article.source = data.value("source"_L1).toString();
            article.published = data.value("published"_L1).toString();

            // The first annotation nobody cancelled; without one, the first prediction, whose
            // regions are suggestions and enter the review flow as auto.
            QString resultField;
            QJsonArray result;
            AnnotationStatus status = AnnotationStatus::Manual;
            const QJsonArray annotations = task.value("annotations"_L1).toArray();
            for (qsizetype a = 0; a < annotations.size() && resultField.isEmpty(); ++a) {
                const QJsonObject annotation = annotations.at(a).toObject();
                if (annotation.value("was_cancelled"_L1).toBool())
                    continue;
                resultField = u"%1.annotations[%2].result"_s.arg(where).arg(a);
                result = annotation.value("result"_L1).toArray();
            }
            const QJsonArray predictions = task.value("predictions"_L1).toArray();
            if (resultField.isEmpty() && !predictions.isEmpty()) {
                resultField = u"%1.predictions[0].result"_s.arg(where);
                result = predictions.at(0).toObject().value("result"_L1).toArray();
                status = AnnotationStatus::Auto;
            }

            const OffsetMap map(article.text);
            LabelledSpans flat;
            QHash<QString, int> idOf;
            QList<QPair<qsizetype, QJsonObject>> relations;
            for (qsizetype r = 0; r < result.size(); ++r) {
                const QString field = u"%1[%2]"_s.arg(resultField).arg(r);
                const QJsonObject item = result.at(r).toObject();
                const QString type = item.value("type"_L1).toString();
                if (type == "relation"_L1) {
                    relations.append({ r, item });
                    continue;
                }
                if (type != "labels"_L1) {
                    counts.warnings
                        << tr("%1: a \"%2\" result is not a text region; skipped").arg(field, type);
                    continue;
                }
                const QString id = item.value("id"_L1).toString();
                if (id.isEmpty() || idOf.contains(id))
                    return tr("%1.id: missing or used twice (\"%2\")").arg(field, id);
                const QJsonObject value = item.value("value"_L1).toObject();
                const QJsonArray labels = value.value("labels"_L1).toArray();
                if (labels.size() != 1 || !labels.at(0).isString())
                    return tr("%1.value.labels: exactly one label expected").arg(field);
                const qint64 start
                    = value.value("start"_L1).isDouble() ? value.value("start"_L1).toInteger(-1) : -1;
                const qint64 end
                    = value.value("end"_L1).isDouble() ? value.value("end"_L1).toInteger(-1) : -1;
                if (start < 0 || end <= start || end > article.text.size() || !map.isBoundary(start)
                    || !map.isBoundary(end))
                    return tr(
                        "%1.value: [%2, %3) lies outside the text (%4 UTF-16 units) or splits a character")
                        .arg(field)
                        .arg(start)
                        .arg(end)
                        .arg(article.text.size());
                Span span { start, end };
                const QJsonValue text = value.value("text"_L1);
                if (text.isString() && text.toString() != textOf(article.text, span)) {
                    // Some Label Studio versions count code points; take them when the text says so.
                    const Span asCodePoints { map.toUtf16(start),
                        end <= map.codePointLength() ? map.toUtf16(end) : -1 };
                    if (asCodePoints.end < 0 || text.toString() != textOf(article.text, asCodePoints))
                        return tr("%1.value.text \"%2\" does not match the text at %3–%4 (\"%5\")")
                            .arg(field, text.toString())
                            .arg(start)
                            .arg(end)
                            .arg(textOf(article.text, span));
                    if (!warnedCodePoints)
                        counts.warnings << tr("%1: offsets count code points, not UTF-16 units").arg(field);
                    warnedCodePoints = true;
                    span = asCodePoints;
                }
                const int spanId = int(flat.spans.size()) + 1;
                idOf.insert(id, spanId);
                flat.spans.append({ spanId, span, labels.at(0).toString() });
            }
            for (const auto &[r, item] : std::as_const(relations)) {
                const QString field = u"%1[%2]"_s.arg(resultField).arg(r);
                const QString from = item.value("from_id"_L1).toString();
                const QString to = item.value("to_id"_L1).toString();
                if (!idOf.contains(from) || !idOf.contains(to))
                    return tr(
                        "%1: the relation links \"%2\" to \"%3\", which are not both regions of this task")
                        .arg(field, from, to);
                const QJsonArray labels = item.value("labels"_L1).toArray();
                if (labels.isEmpty()) {
                    counts.warnings << tr("%1: a relation without a label; skipped").arg(field);
                    continue;
                }
                flat.relations.append({ idOf.value(from), idOf.value(to), labels.at(0).toString() });
            }

            QString error;
            const auto rebuilt
                = SpanLabelling::rebuild(article.text, flat, entityTypes, status, where, &error);
            if (!rebuilt)
                return error;
            document.annotations = *rebuilt;
            return batch.add(document, where) ? QString() : batch.errorString();
        };
        if (const QString problem = take(); !problem.isEmpty()) {
            if (!skipBadRecords)
                return fail(problem);
            counts.badRecords << problem;
        }
        if (progress && !progress(t + 1, 0))
            return fail(tr("Reading %1 was cancelled; nothing was imported.").arg(path));
    }
    if (!batch.commit(&counts))
        return fail(tr("Cannot read %1: %2").arg(path, batch.errorString()));
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
