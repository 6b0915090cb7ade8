// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvformat.h"

#include "csvcodec.h"
#include "csvcolumns.h"
#include "csvreader.h"
#include "fileoffsets.h"
#include "folderwriter.h"
#include "linestream.h"
#include "projectdocuments.h"
#include "projectlabels.h"
#include "store.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

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
    SpanWriter(const QString &text, OffsetUnit unit)
        : m_text(text)
        , m_offsets(text, unit)
    {
    }

    /// start, end and text of a span; three empty fields for a null one.
    QStringList fields(const Span &span) const
    {
        if (span.isNull())
            return { QString(), QString(), QString() };
        return { QString::number(m_offsets.fromText(span.start)),
            QString::number(m_offsets.fromText(span.end)), textOf(m_text, span) };
    }

    QString ranges(const QList<Span> &spans) const
    {
        QStringList parts;
        for (const Span &span : spans)
            parts << u"%1-%2"_s.arg(m_offsets.fromText(span.start)).arg(m_offsets.fromText(span.end));
        return parts.join(u';');
    }

private:
    const QString &m_text;
    FileOffsets m_offsets;
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

QVariant numberOrText(const QString &text)
{
    if (text.isEmpty())
        return {};
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? QVariant(value) : QVariant(text);
}

using Row = QHash<QString, QString>;

/// One layer table of a folder this format wrote (mentions.csv, quotes.csv or figures.csv), read
/// alongside articles.csv: its rows are taken while they belong to the article being read, so
/// memory holds one article's rows, never the table.
///
/// That needs the rows in the order of articles.csv, the order this format writes. A table in
/// another order (sorted by hand in a spreadsheet, say) is refused at the row that breaks the
/// order, and nothing is imported: reading it anyway would mean holding the table, or an index of
/// every row, in memory that grows with the corpus again; sorting the table back is one step for
/// the analyst, and a table out of order is more likely a mistake to show than a wish to guess.
///
/// The same order tells whose rows an article left out unread has (one too long to hold, or too
/// short to reach its id column): they are the rows between those of the articles around it. So
/// when such articles are skipped, the table reads ahead over as many articles' rows as were
/// skipped, looking for the next article's; once those are found (or articles.csv ends), the
/// rows before them are the skipped articles' and are left out with them. Memory then holds the
/// rows of those few articles, still never the table.
class LayerTable final {
    Q_DECLARE_TR_FUNCTIONS(Byline::CsvFormat)
public:
    /// The problem of a row, with its place; empty when the row was taken.
    using Take = std::function<QString(const Row &, const QString &where)>;
    /// Whether the article with this key came before the one being read.
    using Passed = std::function<bool(const QString &key)>;

    LayerTable(const QString &path, qsizetype maximumLength)
        : m_path(path)
        , m_file(path)
        , m_csv(m_file, path, maximumLength)
    {
    }

    /// False when the table is there but cannot be read: error() says why. A table that is not
    /// there has no rows.
    bool open()
    {
        if (!m_file.exists())
            return true;
        if (!m_file.open(QIODevice::ReadOnly))
            return failed(tr("Cannot read %1: %2").arg(m_path, m_file.errorString()));
        if (!m_csv.open())
            return failed(m_csv.errorString());
        if (!m_csv.next(&m_header))
            return failed(
                m_csv.errorString().isEmpty() ? tr("%1: no header line").arg(m_path) : m_csv.errorString());
        if (m_csv.tooLong())
            return failed(u"%1:%2: %3"_s.arg(m_path).arg(m_csv.line()).arg(m_csv.tooLongReason()));
        return peek() || m_error.isEmpty();
    }

    /// An article was left out without its id being read: its rows, if it has any, come next.
    void skipUnread() { ++m_unread; }

    /// Takes the rows of the article with this key that come next.
    bool rowsOf(const QString &key, const Take &take, const Passed &passed)
    {
        if (m_unread > 0 && !leaveOutUnread(key, passed))
            return false;
        while (const AheadRow *next = peek()) {
            const QString article = next->row.value(u"article"_s);
            if (article != key) {
                if (passed(article))
                    return failed(
                        tr("%1: the rows of article %2 come after those of a later article; a layer "
                           "table must list the articles in the order of articles.csv")
                            .arg(next->where, article));
                return true; // the rows of an article still to come
            }
            if (const QString problem = take(next->row, next->where); !problem.isEmpty())
                return failed(problem);
            m_ahead.removeFirst();
        }
        return m_error.isEmpty();
    }

    /// After the last article: false when rows are left, naming the first.
    bool finish(const Passed &passed)
    {
        if (m_unread > 0 && !leaveOutUnread(std::nullopt, passed))
            return false;
        const AheadRow *next = peek();
        if (!next)
            return m_error.isEmpty();
        return failed(tr("%1: no article %2 in articles.csv at this row's turn: the article is not there, "
                         "or the table's rows are not in the order of articles.csv")
                .arg(next->where, next->row.value(u"article"_s)));
    }

    /// The places of the rows left out with articles skipped unread since the last call.
    QStringList takeLeftOut() { return std::exchange(m_leftOut, {}); }

    QString error() const { return m_error; }
    QStringList warnings() const { return m_csv.warnings(); }

private:
    struct AheadRow {
        Row row;
        QString where; ///< its file and line
    };

    // The next row not yet taken; none at the end of the table or on an error.
    const AheadRow *peek()
    {
        if (m_ahead.isEmpty() && !readRow())
            return nullptr;
        return &m_ahead.first();
    }

    // Reads the next row that is not blank onto the rows ahead; false at the end of the table or
    // on an error.
    bool readRow()
    {
        QStringList fields;
        while (m_csv.next(&fields)) {
            const QString where = u"%1:%2"_s.arg(m_path).arg(m_csv.line());
            if (m_csv.tooLong())
                return failed(u"%1: %2"_s.arg(where, m_csv.tooLongReason()));
            if (fields.size() == 1 && fields.first().isEmpty())
                continue;
            if (fields.size() != m_header.size())
                return failed(tr("%1: %2 fields where the header has %3")
                        .arg(where)
                        .arg(fields.size())
                        .arg(m_header.size()));
            AheadRow next { {}, where };
            for (qsizetype i = 0; i < m_header.size(); ++i)
                next.row.insert(m_header.at(i), fields.at(i));
            m_ahead.append(next);
            return true;
        }
        return !m_csv.errorString().isEmpty() && failed(m_csv.errorString());
    }

    // Leaves out the rows of the articles skipped unread, which come before those of the article
    // with this key (the next one read; none after the last article). They are the rows of the
    // next articles of the table, at most as many articles as were skipped, and only when the
    // key's rows follow them: until then an article without rows here cannot be told from a
    // skipped one, and its rows wait ahead. Rows of an article already passed end the search,
    // for rowsOf() or finish() to refuse.
    bool leaveOutUnread(const std::optional<QString> &key, const Passed &passed)
    {
        qsizetype rows = 0;
        int articles = 0;
        QString previous;
        for (;; ++rows) {
            if (rows == m_ahead.size() && !readRow()) {
                if (!m_error.isEmpty())
                    return false;
                if (key)
                    return true;
                break; // the end of both files: what is left is the skipped articles'
            }
            const QString article = m_ahead.at(rows).row.value(u"article"_s);
            if (key && article == *key)
                break;
            if (rows > 0 && article == previous)
                continue;
            if (articles == m_unread || passed(article)) {
                if (key)
                    return true;
                break;
            }
            ++articles;
            previous = article;
        }
        for (qsizetype i = 0; i < rows; ++i)
            m_leftOut << tr("%1: its article was skipped").arg(m_ahead.at(i).where);
        m_ahead.remove(0, rows);
        m_unread = 0;
        return true;
    }

    bool failed(const QString &message)
    {
        m_error = message;
        return false;
    }

    QString m_path;
    QFile m_file;
    CsvReader m_csv;
    QStringList m_header;
    QList<AheadRow> m_ahead; ///< rows read but not yet taken: the next, or those of skipped articles
    int m_unread = 0; ///< articles skipped unread whose rows are not yet left out
    QStringList m_leftOut;
    QString m_error;
};

/// Reads the layer tables of a folder this format wrote back onto its articles, one article at
/// a time as articles.csv gives them (see LayerTable), each span checked against the text.
class LayerReader final {
    Q_DECLARE_TR_FUNCTIONS(Byline::CsvFormat)
public:
    LayerReader(const QDir &folder, qsizetype maximumLength, const Store &store, OffsetUnit unit)
        : m_mentions(folder.filePath(u"mentions.csv"_s), maximumLength)
        , m_quotes(folder.filePath(u"quotes.csv"_s), maximumLength)
        , m_figures(folder.filePath(u"figures.csv"_s), maximumLength)
        , m_labels(store)
        , m_unit(unit)
    {
    }

    bool open() { return (m_mentions.open() && m_quotes.open() && m_figures.open()) || failed(); }

    /// Puts the rows of the article with this key onto the document.
    bool read(const QString &key, DatasetDocument &document, const LayerTable::Passed &passed)
    {
        m_entities.clear();
        m_offsets.emplace(document.article.text, m_unit);
        const auto with = [&](QString (LayerReader::*take)(DatasetDocument &, const Row &, const QString &)) {
            return [=, &document, this](
                       const Row &row, const QString &where) { return (this->*take)(document, row, where); };
        };
        return rowsOf(
            key, passed, with(&LayerReader::mention), with(&LayerReader::quote), with(&LayerReader::figure));
    }

    enum class Skipped {
        AsDuplicate, ///< the project has the article: its rows are there too
        AsBadRecord, ///< its rows are records left out with it, reported (takeLeftOut())
    };
    /// Passes over the rows of an article left out.
    bool skip(const QString &key, const LayerTable::Passed &passed, Skipped why)
    {
        const LayerTable::Take pass = [&](const Row &, const QString &where) {
            if (why == Skipped::AsBadRecord)
                m_leftOut << tr("%1: its article was skipped").arg(where);
            return QString();
        };
        return rowsOf(key, passed, pass, pass, pass);
    }

    /// An article was left out without its id being read: its rows, which can only be told from
    /// those of the articles around it, are left out as they are found (takeLeftOut()).
    void skipUnread()
    {
        for (LayerTable *table : { &m_mentions, &m_quotes, &m_figures })
            table->skipUnread();
    }

    /// After the last article: false when a table has rows left.
    bool finish(const LayerTable::Passed &passed)
    {
        return (m_mentions.finish(passed) && m_quotes.finish(passed) && m_figures.finish(passed)) || failed();
    }

    /// The places of the rows left out with skipped articles since the last call, each with why.
    QStringList takeLeftOut()
    {
        return std::exchange(m_leftOut, {}) + m_mentions.takeLeftOut() + m_quotes.takeLeftOut()
            + m_figures.takeLeftOut();
    }

    QString error() const { return m_error; }
    QStringList warnings() const
    {
        return m_mentions.warnings() + m_quotes.warnings() + m_figures.warnings();
    }

private:
    bool rowsOf(const QString &key, const LayerTable::Passed &passed, const LayerTable::Take &mention,
        const LayerTable::Take &quote, const LayerTable::Take &figure)
    {
        return (m_mentions.rowsOf(key, mention, passed) && m_quotes.rowsOf(key, quote, passed)
                   && m_figures.rowsOf(key, figure, passed))
            || failed();
    }

    bool failed()
    {
        for (const LayerTable *table : { &m_mentions, &m_quotes, &m_figures }) {
            if (!table->error().isEmpty())
                m_error = table->error();
        }
        return false;
    }

    QString mention(DatasetDocument &document, const Row &row, const QString &where)
    {
        if (const QString problem = m_labels.unknownEntityType(row.value(u"entity_type"_s));
            !problem.isEmpty())
            return u"%1: entity_type: %2"_s.arg(where, problem);
        QString problem;
        const auto span = this->span(document, row, u"start"_s, u"end"_s, u"text"_s, where, false, &problem);
        if (!span)
            return problem;
        Entity &entity = this->entity(document, row.value(u"entity"_s));
        entity.name = row.value(u"entity_name"_s);
        entity.type = row.value(u"entity_type"_s);
        Mention mention;
        mention.span = *span;
        mention.provenance = provenance(row);
        if (entity.mentions.isEmpty())
            entity.provenance = mention.provenance;
        entity.mentions.append(mention);
        return {};
    }

    QString quote(DatasetDocument &document, const Row &row, const QString &where)
    {
        Quote quote;
        quote.id = document.annotations.quotes.size() + 1;
        const auto kind = quoteKindFromString(row.value(u"kind"_s));
        if (!kind)
            return tr("%1: unknown quote kind %2").arg(where, row.value(u"kind"_s));
        quote.kind = *kind;
        QString problem;
        const auto cue = span(document, row, u"cue_start"_s, u"cue_end"_s, u"cue"_s, where, true, &problem);
        const auto said = cue
            ? span(document, row, u"source_start"_s, u"source_end"_s, u"source"_s, where, true, &problem)
            : std::nullopt;
        if (!cue || !said)
            return problem;
        quote.cue = *cue;
        quote.source = *said;
        const QStringList ranges = row.value(u"content_spans"_s).split(u';', Qt::SkipEmptyParts);
        for (const QString &range : ranges) {
            const Row part { { u"s"_s, range.section(u'-', 0, 0) }, { u"e"_s, range.section(u'-', 1) } };
            const auto content = span(document, part, u"s"_s, u"e"_s, {}, where, false, &problem);
            if (!content)
                return problem;
            quote.content << *content;
        }
        if (!row.value(u"speaker"_s).isEmpty()) {
            quote.speakerId = m_entities.value(row.value(u"speaker"_s));
            if (quote.speakerId == 0)
                return tr("%1: the speaker %2 has no mention in mentions.csv")
                    .arg(where, row.value(u"speaker"_s));
        }
        quote.provenance = provenance(row);
        document.annotations.quotes.append(quote);
        return {};
    }

    QString figure(DatasetDocument &document, const Row &row, const QString &where)
    {
        if (const QString problem = m_labels.unknownFigureKind(row.value(u"kind"_s)); !problem.isEmpty())
            return u"%1: kind: %2"_s.arg(where, problem);
        Figure figure;
        figure.id = document.annotations.figures.size() + 1;
        QString problem;
        const auto span = this->span(document, row, u"start"_s, u"end"_s, u"text"_s, where, false, &problem);
        const auto number = span ? this->span(document, row, u"number_start"_s, u"number_end"_s, u"number"_s,
                                       where, true, &problem)
                                 : std::nullopt;
        if (!span || !number)
            return problem;
        figure.kind = row.value(u"kind"_s);
        figure.span = *span;
        figure.number = *number;
        figure.value = figure.kind == u"date"_s ? QVariant(row.value(u"value"_s))
                                                : numberOrText(row.value(u"value"_s));
        figure.valueMax = numberOrText(row.value(u"value_max"_s));
        figure.unit = row.value(u"unit"_s);
        figure.qualifier = row.value(u"qualifier"_s);
        figure.provenance = provenance(row);
        document.annotations.figures.append(figure);
        return {};
    }

    /// The span of start and end columns (in the option's unit), checked against the text column.
    std::optional<Span> span(const DatasetDocument &document, const Row &row, const QString &start,
        const QString &end, const QString &text, const QString &where, bool nullable, QString *problem) const
    {
        if (row.value(start).isEmpty() && row.value(end).isEmpty() && nullable)
            return Span {};
        bool startOk = false;
        bool endOk = false;
        const qsizetype from = row.value(start).toLongLong(&startOk);
        const qsizetype to = row.value(end).toLongLong(&endOk);
        const FileOffsets &offsets = *m_offsets;
        if (!startOk || !endOk || from < 0 || to < from || to > offsets.length()) {
            *problem = tr("%1: %2–%3 is not a span of the article's %4")
                           .arg(where, row.value(start), row.value(end),
                               OffsetUnitOption::length(offsets.unit(), offsets.length()));
            return std::nullopt;
        }
        if (!offsets.isBoundary(from) || !offsets.isBoundary(to)) {
            *problem = u"%1: %2"_s.arg(where, OffsetUnitOption::splitPair(from, to));
            return std::nullopt;
        }
        const Span result { offsets.toText(from), offsets.toText(to) };
        if (!text.isEmpty() && textOf(document.article.text, result) != row.value(text)) {
            *problem = tr("%1: %2 “%3” does not match the text “%4” at %5–%6")
                           .arg(where, text, row.value(text), textOf(document.article.text, result))
                           .arg(from)
                           .arg(to);
            return std::nullopt;
        }
        return result;
    }

    static Provenance provenance(const Row &row)
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

    /// The entity of a file id ("E11") in the article, made on first sight.
    Entity &entity(DatasetDocument &document, const QString &key)
    {
        if (!m_entities.contains(key)) {
            Entity entity;
            entity.id = document.annotations.entities.size() + 1;
            m_entities.insert(key, entity.id);
            document.annotations.entities.append(entity);
        }
        return document.annotations.entities[m_entities.value(key) - 1];
    }

    LayerTable m_mentions;
    LayerTable m_quotes;
    LayerTable m_figures;
    ProjectLabels m_labels;
    QHash<QString, RecordId> m_entities; ///< of the article being read, by file id
    OffsetUnit m_unit;
    std::optional<FileOffsets> m_offsets; ///< of the article being read: one per article, not per row
    QStringList m_leftOut;
    QString m_error;
};

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
    return CanRead | CanWrite | ChoosesOffsetUnit;
}

QString CsvFormat::limitations() const
{
    return tr("Written as a folder of tables, one per layer; split quotes keep their parts in "
              "content_spans and their text joined by \" … \". Read back from its folder, every layer "
              "returns, its tables' rows in the order of articles.csv (as written); a single CSV file gives "
              "articles only. Fields starting with = + - @ are written as "
              "they are: spreadsheets may "
              "take them for formulas.");
}

bool CsvFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    const auto unit = offsetUnit();
    if (!unit)
        return false;
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
        const SpanWriter spans(article.text, *unit);
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
    if (!complete && !readFailure().isEmpty())
        return fail(tr("Cannot write %1: %2").arg(path, readFailure()));
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
    const auto unit = offsetUnit();
    if (!unit)
        return false;
    const bool folder = QFileInfo(path).isDir();
    const QString file = folder ? QDir(path).filePath(u"articles.csv"_s) : path;
    const qsizetype maximumLength = option(u"maxLineBytes"_s, LineStream::defaultMaximumLength).toLongLong();
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(file, input.errorString()));
    CsvReader csv(input, file, maximumLength);
    if (!csv.open())
        return fail(csv.errorString());
    QStringList header;
    if (!csv.next(&header))
        return fail(csv.errorString().isEmpty() ? tr("%1: no header line").arg(file) : csv.errorString());
    if (csv.tooLong())
        return fail(u"%1:%2: %3"_s.arg(file).arg(csv.line()).arg(csv.tooLongReason()));
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

    // One transaction for the whole import, each article stored as it is read: a bad record found
    // late leaves no half import behind, and memory holds one article, whatever the corpus size.
    Store::BulkInsert transaction(store);
    if (!transaction.isOpen())
        return fail(tr("Cannot import %1: %2").arg(path, store.errorString()));
    // A folder this format wrote: its layer tables go back onto the articles as they come.
    std::optional<LayerReader> layers;
    if (folder && id >= 0) {
        layers.emplace(QDir(path), maximumLength, store, *unit);
        if (!layers->open())
            return fail(layers->error());
    }
    FormatReadReport counts;
    const bool skipBadRecords = option(u"skipBadRecords"_s, false).toBool();
    const QString base = QFileInfo(file).completeBaseName();
    RecordId firstImported = 0;
    // Keys of the articles read but not stored, when there are layer tables to pass their rows
    // over: rows of theirs after a later article's are out of order. A key per article left out,
    // which a re-import of a whole corpus makes every article: small beside the texts.
    QSet<QString> leftOut;
    const LayerTable::Passed passed = [&](const QString &key) {
        if (leftOut.contains(key))
            return true;
        const auto stored = store.articleIdForKey(key);
        return stored && firstImported && *stored >= firstImported;
    };
    // An article not stored: its layer rows are passed over with it, those of a bad record
    // reported with it.
    const auto leaveOut = [&](const QString &key, LayerReader::Skipped why) {
        if (!layers)
            return true;
        leftOut.insert(key);
        if (!layers->skip(key, passed, why))
            return fail(layers->error());
        counts.badRecords << layers->takeLeftOut();
        return true;
    };
    // Whether the import goes on after a bad record: it does when bad records are skipped.
    const auto badRecord = [&](const QString &problem) {
        if (!skipBadRecords)
            return fail(problem);
        counts.badRecords << problem;
        return true;
    };
    // A bad record whose id cannot be read: its layer rows are told by their place, and left out
    // as they are found.
    const auto unreadRecord = [&](const QString &problem) {
        if (!badRecord(problem))
            return false;
        if (layers)
            layers->skipUnread();
        return true;
    };
    QStringList fields;
    while (csv.next(&fields)) {
        const QString place = u"%1:%2"_s.arg(file).arg(csv.line());
        if (csv.tooLong()) {
            if (!unreadRecord(u"%1: %2"_s.arg(place, csv.tooLongReason())))
                return false;
            continue;
        }
        if (fields.size() == 1 && fields.first().isEmpty())
            continue; // a blank line, as spreadsheets leave at the end
        if (fields.size() != header.size()) {
            const QString problem = tr("%1: %2 fields where the header has %3")
                                        .arg(place)
                                        .arg(fields.size())
                                        .arg(header.size());
            if (id >= fields.size()) {
                if (!unreadRecord(problem))
                    return false;
            } else if (!badRecord(problem)
                || (id >= 0 && !leaveOut(fields.at(id).trimmed(), LayerReader::Skipped::AsBadRecord))) {
                return false;
            }
            continue;
        }
        DatasetDocument document;
        Article &article = document.article;
        article.text = fields.at(text);
        article.key = id >= 0 && !fields.at(id).trimmed().isEmpty() ? fields.at(id).trimmed()
                                                                    : u"%1-%2"_s.arg(base).arg(csv.line());
        // An id the project holds since this import began came earlier in this file.
        if (passed(article.key)) {
            if (!badRecord(tr("%1: id: the article id %2 comes twice in the file").arg(place, article.key)))
                return false;
            continue;
        }
        if (article.text.trimmed().isEmpty() || store.articleWithText(article.text)) {
            ++counts.skipped;
            counts.warnings << (article.text.trimmed().isEmpty()
                    ? tr("%1: the text is empty; row skipped").arg(place)
                    : tr("%1: the article %2 is already in the project").arg(place, article.key));
            if (!leaveOut(article.key, LayerReader::Skipped::AsDuplicate))
                return false;
            continue;
        }
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
        if (layers) {
            if (!layers->read(article.key, document, passed))
                return fail(layers->error());
            counts.badRecords << layers->takeLeftOut();
        }
        const RecordId stored = storeDocument(store, document);
        if (stored == 0)
            return fail(u"%1: %2"_s.arg(place, store.errorString()));
        if (!firstImported)
            firstImported = stored;
        ++counts.articles;
        if (progress && !progress(counts.articles, 0))
            return fail(tr("%1: cancelled").arg(file));
    }
    if (!csv.errorString().isEmpty())
        return fail(csv.errorString());
    if (layers) {
        if (!layers->finish(passed))
            return fail(layers->error());
        counts.badRecords << layers->takeLeftOut();
    }
    // The commit indexes what was added for search: a large import's last third, cancellable too.
    bool stopped = false;
    const bool committed = transaction.commit([&] {
        stopped = progress && !progress(counts.articles, 0);
        return !stopped;
    });
    if (stopped)
        return fail(tr("%1: cancelled").arg(file));
    if (!committed)
        return fail(tr("Cannot import %1: %2").arg(path, store.errorString()));
    counts.warnings = csv.warnings() + (layers ? layers->warnings() : QStringList()) + counts.warnings;
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
