// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvformat.h"

#include "csvcodec.h"
#include "csvcolumns.h"
#include "documentbatch.h"
#include "folderwriter.h"
#include "offsetmap.h"
#include "projectdocuments.h"
#include "store.h"
#include "textdecoder.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

#include <cmath>
#include <functional>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString number(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return {};
    if (value.typeId() == QMetaType::QString)
        return value.toString();
    const double x = value.toDouble();
    // Whole numbers as integers: "2030", not "2030.0" or "2.03e+03".
    if (std::trunc(x) == x && std::abs(x) < 1e15)
        return QString::number(qint64(x));
    return QString::number(x, 'g', 15);
}

QString confidence(const Provenance &provenance)
{
    return provenance.confidence ? QString::number(*provenance.confidence, 'g', 6) : QString();
}

class SpanWriter final {
public:
    explicit SpanWriter(const QString &text)
        : m_text(text)
        , m_map(text)
    {
    }

    /// start, end and text of a span; three empty fields for a null one.
    QStringList fields(const Span &span) const
    {
        if (span.isNull())
            return { QString(), QString(), QString() };
        return { QString::number(m_map.toCodePoint(span.start)), QString::number(m_map.toCodePoint(span.end)),
            textOf(m_text, span) };
    }

    QString ranges(const QList<Span> &spans) const
    {
        QStringList parts;
        for (const Span &span : spans)
            parts << u"%1-%2"_s.arg(m_map.toCodePoint(span.start)).arg(m_map.toCodePoint(span.end));
        return parts.join(u';');
    }

private:
    const QString &m_text;
    OffsetMap m_map;
};

const QStringList articleHeader { u"id"_s, u"title"_s, u"source"_s, u"published"_s, u"status"_s, u"text"_s };
const QStringList mentionHeader { u"article"_s, u"entity"_s, u"entity_name"_s, u"entity_type"_s, u"start"_s,
    u"end"_s, u"text"_s, u"status"_s, u"annotator"_s, u"confidence"_s };
const QStringList quoteHeader { u"article"_s, u"quote"_s, u"kind"_s, u"speaker"_s, u"speaker_name"_s,
    u"cue_start"_s, u"cue_end"_s, u"cue"_s, u"source_start"_s, u"source_end"_s, u"source"_s,
    u"content_spans"_s, u"content"_s, u"status"_s, u"annotator"_s, u"confidence"_s };
const QStringList figureHeader { u"article"_s, u"figure"_s, u"kind"_s, u"start"_s, u"end"_s, u"text"_s,
    u"number_start"_s, u"number_end"_s, u"number"_s, u"value"_s, u"value_max"_s, u"unit"_s, u"qualifier"_s,
    u"status"_s, u"annotator"_s, u"confidence"_s };

/// Reads the layer tables of a folder this format wrote back onto its articles.
class LayerReader final {
    Q_DECLARE_TR_FUNCTIONS(Byline::CsvFormat)
public:
    LayerReader(QList<DatasetDocument> &documents)
        : m_documents(documents)
    {
        for (qsizetype i = 0; i < documents.size(); ++i)
            m_index.insert(documents.at(i).article.key, i);
    }

    QString error() const { return m_error; }

    /// Calls row(document, fields by column name, where) for each record of the table.
    bool table(const QString &path,
        const std::function<bool(DatasetDocument &, const QHash<QString, QString> &, const QString &)> &row)
    {
        if (!QFileInfo::exists(path))
            return true;
        const TextDecoder::Result decoded = TextDecoder().decodeFile(path);
        if (!decoded.isOk())
            return failed(decoded.errorString);
        CsvCodec csv(decoded.text);
        QStringList header;
        if (!csv.next(&header))
            return failed(tr("%1: no header line").arg(path));
        QStringList fields;
        while (csv.next(&fields)) {
            const QString where = u"%1:%2"_s.arg(path).arg(csv.line());
            if (fields.size() == 1 && fields.first().isEmpty())
                continue;
            if (fields.size() != header.size())
                return failed(tr("%1: %2 fields where the header has %3")
                        .arg(where)
                        .arg(fields.size())
                        .arg(header.size()));
            QHash<QString, QString> named;
            for (qsizetype i = 0; i < header.size(); ++i)
                named.insert(header.at(i), fields.at(i));
            const qsizetype index = m_index.value(named.value(u"article"_s), -1);
            if (index < 0)
                return failed(tr("%1: no article %2 in articles.csv").arg(where, named.value(u"article"_s)));
            if (!row(m_documents[index], named, where))
                return false;
        }
        if (!csv.errorString().isEmpty())
            return failed(tr("%1: %2").arg(path, csv.errorString()));
        return true;
    }

    /// The span of start and end columns (code points), checked against the text column.
    std::optional<Span> span(const DatasetDocument &document, const QHash<QString, QString> &row,
        const QString &start, const QString &end, const QString &text, const QString &where, bool nullable)
    {
        if (row.value(start).isEmpty() && row.value(end).isEmpty() && nullable)
            return Span {};
        bool startOk = false;
        bool endOk = false;
        const qsizetype from = row.value(start).toLongLong(&startOk);
        const qsizetype to = row.value(end).toLongLong(&endOk);
        auto &cached = m_maps[&document];
        if (!cached)
            cached = std::make_shared<OffsetMap>(document.article.text);
        const OffsetMap &map = *cached;
        if (!startOk || !endOk || from < 0 || to < from || to > map.codePointLength()) {
            failed(tr("%1: %2–%3 is not a span of the article's %4 characters")
                    .arg(where, row.value(start), row.value(end))
                    .arg(map.codePointLength()));
            return std::nullopt;
        }
        const Span result { map.toUtf16(from), map.toUtf16(to) };
        if (!text.isEmpty() && textOf(document.article.text, result) != row.value(text)) {
            failed(tr("%1: %2 “%3” does not match the text “%4” at %5–%6")
                    .arg(where, text, row.value(text), textOf(document.article.text, result))
                    .arg(from)
                    .arg(to));
            return std::nullopt;
        }
        return result;
    }

    static Provenance provenance(const QHash<QString, QString> &row)
    {
        Provenance provenance;
        provenance.status
            = annotationStatusFromString(row.value(u"status"_s)).value_or(AnnotationStatus::Manual);
        provenance.annotator = row.value(u"annotator"_s);
        bool ok = false;
        const double confidence = row.value(u"confidence"_s).toDouble(&ok);
        if (ok)
            provenance.confidence = confidence;
        return provenance;
    }

    bool failed(const QString &message)
    {
        m_error = message;
        return false;
    }

    /// The entity of a file id ("E11") in a document, made on first sight.
    Entity &entity(DatasetDocument &document, const QString &key)
    {
        auto &ids = m_entities[&document];
        if (!ids.contains(key)) {
            Entity entity;
            entity.id = document.annotations.entities.size() + 1;
            ids.insert(key, entity.id);
            document.annotations.entities.append(entity);
        }
        return document.annotations.entities[ids.value(key) - 1];
    }
    RecordId entityId(DatasetDocument &document, const QString &key) const
    {
        return m_entities.value(&document).value(key);
    }

private:
    QList<DatasetDocument> &m_documents;
    QHash<QString, qsizetype> m_index;
    QHash<const DatasetDocument *, QHash<QString, RecordId>> m_entities;
    QHash<const DatasetDocument *, std::shared_ptr<OffsetMap>> m_maps; ///< one per article, not per row
    QString m_error;
};

QVariant numberOrText(const QString &text)
{
    if (text.isEmpty())
        return {};
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? QVariant(value) : QVariant(text);
}

} // namespace

QString CsvFormat::shortName() const
{
    return u"csv"_s;
}

QString CsvFormat::displayName() const
{
    return tr("CSV tables");
}

QStringList CsvFormat::extensions() const
{
    return { u"csv"_s };
}

DatasetFormat::Capabilities CsvFormat::capabilities() const
{
    return CanRead | CanWrite;
}

QString CsvFormat::limitations() const
{
    return tr("Written as a folder of tables, one per layer; split quotes keep their parts in "
              "content_spans and their text joined by \" … \". Read back from its folder, every layer "
              "returns; a single CSV file gives articles only. Fields starting with = + - @ are written as "
              "they are: spreadsheets may "
              "take them for formulas.");
}

bool CsvFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    FolderWriter folder(path);
    if (!folder.isOpen())
        return fail(folder.errorString());
    const bool excel = option(u"excel"_s).toBool();
    struct Table {
        QString name;
        const QStringList &header;
        std::unique_ptr<QSaveFile> file;
    };
    Table tables[] = { { u"articles.csv"_s, articleHeader, {} }, { u"mentions.csv"_s, mentionHeader, {} },
        { u"quotes.csv"_s, quoteHeader, {} }, { u"figures.csv"_s, figureHeader, {} } };
    for (Table &table : tables) {
        table.file = folder.open(table.name);
        if (!table.file)
            return fail(folder.errorString());
        if (excel)
            table.file->write("\xEF\xBB\xBF");
        table.file->write(CsvCodec::record(table.header));
    }
    auto put = [&](Table &table, const QStringList &fields) {
        const QByteArray bytes = CsvCodec::record(fields);
        return table.file->write(bytes) == bytes.size();
    };

    const qint64 total = store.articleCount();
    qint64 done = 0;
    bool cancelled = false;
    const bool complete = forEachProjectDocument(store, [&](const DatasetDocument &document) {
        const Article &article = document.article;
        const SpanWriter spans(article.text);
        bool ok = put(tables[0],
            { article.key, article.title, article.source, article.published, toString(article.status),
                article.text });
        QHash<RecordId, QString> names;
        for (const Entity &entity : document.annotations.entities) {
            names.insert(entity.id, entity.name);
            for (const Mention &mention : entity.mentions) {
                ok = ok
                    && put(tables[1],
                        QStringList { article.key, u"E%1"_s.arg(entity.id), entity.name, entity.type }
                            + spans.fields(mention.span)
                            + QStringList { toString(mention.provenance.status), mention.provenance.annotator,
                                confidence(mention.provenance) });
            }
        }
        for (const Quote &quote : document.annotations.quotes) {
            QStringList content;
            for (const Span &part : quote.content)
                content << textOf(article.text, part);
            ok = ok
                && put(tables[2],
                    QStringList { article.key, u"Q%1"_s.arg(quote.id), toString(quote.kind),
                        quote.speakerId ? u"E%1"_s.arg(quote.speakerId) : QString(),
                        names.value(quote.speakerId) }
                        + spans.fields(quote.cue) + spans.fields(quote.source)
                        + QStringList { spans.ranges(quote.content), content.join(u" … "_s),
                            toString(quote.provenance.status), quote.provenance.annotator,
                            confidence(quote.provenance) });
        }
        for (const Figure &figure : document.annotations.figures) {
            ok = ok
                && put(tables[3],
                    QStringList { article.key, u"F%1"_s.arg(figure.id), figure.kind }
                        + spans.fields(figure.span) + spans.fields(figure.number)
                        + QStringList { number(figure.value), number(figure.valueMax), figure.unit,
                            figure.qualifier, toString(figure.provenance.status), figure.provenance.annotator,
                            confidence(figure.provenance) });
        }
        if (!ok)
            return false;
        cancelled = progress && !progress(++done, total);
        return !cancelled;
    });
    if (!complete) {
        for (const Table &table : tables) {
            if (table.file->error() != QFileDevice::NoError)
                return fail(tr("Cannot write %1: %2")
                        .arg(QDir(path).filePath(table.name), table.file->errorString()));
        }
        return fail(tr("Cannot write %1: %2").arg(path, cancelled ? tr("cancelled") : tr("write error")));
    }
    for (Table &table : tables) {
        if (!table.file->commit())
            return fail(
                tr("Cannot write %1: %2").arg(QDir(path).filePath(table.name), table.file->errorString()));
    }
    if (!folder.commit())
        return fail(folder.errorString());
    return true;
}

qsizetype CsvFormat::column(const QStringList &header, const CsvArticleColumn &field) const
{
    const QVariant value = option(field.option);
    return CsvArticleColumns::find(
        header, field, value.isValid() ? std::optional(value.toString()) : std::nullopt);
}

bool CsvFormat::read(
    Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress)
{
    const QString file = QFileInfo(path).isDir() ? QDir(path).filePath(u"articles.csv"_s) : path;
    const TextDecoder::Result decoded = TextDecoder().decodeFile(file);
    if (!decoded.isOk())
        return fail(decoded.errorString);
    FormatReadReport counts;
    counts.warnings = decoded.warnings;

    CsvCodec csv(decoded.text);
    QStringList header;
    if (!csv.next(&header))
        return fail(
            tr("%1: %2").arg(file, csv.errorString().isEmpty() ? tr("no header line") : csv.errorString()));
    using Columns = CsvArticleColumns;
    const qsizetype text = column(header, Columns::at(Columns::Text));
    const qsizetype title = column(header, Columns::at(Columns::Title));
    const qsizetype date = column(header, Columns::at(Columns::Date));
    const qsizetype source = column(header, Columns::at(Columns::Source));
    const qsizetype id = column(header, Columns::at(Columns::Id));
    const qsizetype status = CsvArticleColumns::find(header, { {}, {}, { u"status"_s } }, std::nullopt);
    if (text < 0) {
        const QString chosen = option(Columns::at(Columns::Text).option).toString();
        return fail(chosen.isEmpty()
                ? tr("%1: no text column (the header has: %2)").arg(file, header.join(u", "_s))
                : tr("%1: no column named %2").arg(file, chosen));
    }
    for (const CsvArticleColumn &field : Columns::all()) {
        const QString chosen = option(field.option).toString();
        if (!chosen.isEmpty() && column(header, field) < 0)
            return fail(tr("%1: no column named %2").arg(file, chosen));
    }

    QList<DatasetDocument> documents;
    QStringList where;
    const bool skipBadRecords = option(u"skipBadRecords"_s, false).toBool();
    const QString base = QFileInfo(file).completeBaseName();
    QStringList fields;
    while (csv.next(&fields)) {
        const QString place = u"%1:%2"_s.arg(file).arg(csv.line());
        if (fields.size() == 1 && fields.first().isEmpty())
            continue; // a blank line, as spreadsheets leave at the end
        if (fields.size() != header.size()) {
            const QString problem = tr("%1: %2 fields where the header has %3")
                                        .arg(place)
                                        .arg(fields.size())
                                        .arg(header.size());
            if (!skipBadRecords)
                return fail(problem);
            counts.badRecords << problem;
            continue;
        }
        DatasetDocument document;
        Article &article = document.article;
        article.text = fields.at(text);
        if (article.text.trimmed().isEmpty()) {
            ++counts.skipped;
            counts.warnings << tr("%1: the text is empty; row skipped").arg(place);
            continue;
        }
        article.key = id >= 0 && !fields.at(id).trimmed().isEmpty() ? fields.at(id).trimmed()
                                                                    : u"%1-%2"_s.arg(base).arg(csv.line());
        article.title = title >= 0 ? fields.at(title).trimmed() : QString();
        article.source = source >= 0 ? fields.at(source).trimmed() : QString();
        if (date >= 0 && !fields.at(date).trimmed().isEmpty()) {
            const QString value = fields.at(date).trimmed();
            if (QDate::fromString(value, Qt::ISODate).isValid()
                || QDateTime::fromString(value, Qt::ISODate).isValid())
                article.published = value;
            else
                counts.warnings
                    << tr("%1: the date %2 is not ISO 8601 (YYYY-MM-DD); left out").arg(place, value);
        }
        if (status >= 0) {
            if (const auto value = articleStatusFromString(fields.at(status).trimmed()))
                article.status = *value;
        }
        documents.append(std::move(document));
        where << place;
        if (progress && !progress(documents.size(), 0))
            return fail(tr("%1: cancelled").arg(file));
    }
    if (!csv.errorString().isEmpty())
        return fail(tr("%1: %2").arg(file, csv.errorString()));
    // A folder this format wrote: its layer tables go back onto the articles.
    if (QFileInfo(path).isDir() && id >= 0) {
        LayerReader layers(documents);
        const QDir folder(path);
        const bool read
            = layers.table(folder.filePath(u"mentions.csv"_s),
                  [&](DatasetDocument &document, const QHash<QString, QString> &row, const QString &place) {
                      const auto span
                          = layers.span(document, row, u"start"_s, u"end"_s, u"text"_s, place, false);
                      if (!span)
                          return false;
                      Entity &entity = layers.entity(document, row.value(u"entity"_s));
                      entity.name = row.value(u"entity_name"_s);
                      entity.type = row.value(u"entity_type"_s);
                      Mention mention;
                      mention.span = *span;
                      mention.provenance = LayerReader::provenance(row);
                      if (entity.mentions.isEmpty())
                          entity.provenance = mention.provenance;
                      entity.mentions.append(mention);
                      return true;
                  })
            && layers.table(folder.filePath(u"quotes.csv"_s),
                [&](DatasetDocument &document, const QHash<QString, QString> &row, const QString &place) {
                    Quote quote;
                    quote.id = document.annotations.quotes.size() + 1;
                    const auto kind = quoteKindFromString(row.value(u"kind"_s));
                    if (!kind)
                        return layers.failed(
                            tr("%1: unknown quote kind %2").arg(place, row.value(u"kind"_s)));
                    quote.kind = *kind;
                    const auto cue
                        = layers.span(document, row, u"cue_start"_s, u"cue_end"_s, u"cue"_s, place, true);
                    const auto said = layers.span(
                        document, row, u"source_start"_s, u"source_end"_s, u"source"_s, place, true);
                    if (!cue || !said)
                        return false;
                    quote.cue = *cue;
                    quote.source = *said;
                    const QStringList ranges = row.value(u"content_spans"_s).split(u';', Qt::SkipEmptyParts);
                    for (const QString &range : ranges) {
                        const QHash<QString, QString> part { { u"s"_s, range.section(u'-', 0, 0) },
                            { u"e"_s, range.section(u'-', 1) } };
                        const auto content = layers.span(document, part, u"s"_s, u"e"_s, {}, place, false);
                        if (!content)
                            return false;
                        quote.content << *content;
                    }
                    if (!row.value(u"speaker"_s).isEmpty()) {
                        quote.speakerId = layers.entityId(document, row.value(u"speaker"_s));
                        if (quote.speakerId == 0)
                            return layers.failed(tr("%1: the speaker %2 has no mention in mentions.csv")
                                    .arg(place, row.value(u"speaker"_s)));
                    }
                    quote.provenance = LayerReader::provenance(row);
                    document.annotations.quotes.append(quote);
                    return true;
                })
            && layers.table(folder.filePath(u"figures.csv"_s),
                [&](DatasetDocument &document, const QHash<QString, QString> &row, const QString &place) {
                    Figure figure;
                    figure.id = document.annotations.figures.size() + 1;
                    const auto span
                        = layers.span(document, row, u"start"_s, u"end"_s, u"text"_s, place, false);
                    const auto number = span ? layers.span(document, row, u"number_start"_s, u"number_end"_s,
                                                   u"number"_s, place, true)
                                             : std::nullopt;
                    if (!span || !number)
                        return false;
                    figure.kind = row.value(u"kind"_s);
                    figure.span = *span;
                    figure.number = *number;
                    figure.value = figure.kind == u"date"_s ? QVariant(row.value(u"value"_s))
                                                            : numberOrText(row.value(u"value"_s));
                    figure.valueMax = numberOrText(row.value(u"value_max"_s));
                    figure.unit = row.value(u"unit"_s);
                    figure.qualifier = row.value(u"qualifier"_s);
                    figure.provenance = LayerReader::provenance(row);
                    document.annotations.figures.append(figure);
                    return true;
                });
        if (!read)
            return fail(layers.error());
    }

    QString error;
    if (!storeDocuments(store, documents, where, &counts, &error))
        return fail(error);
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
