// SPDX-License-Identifier: GPL-3.0-or-later
#include "bratformat.h"

#include "articledraft.h"
#include "documentbatch.h"
#include "folderwriter.h"
#include "offsetmap.h"
#include "projectdocuments.h"
#include "store.h"
#include "textdecoder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QStringDecoder>

#include <numeric>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

const QString quoteType = u"Quote"_s;
const QString cueType = u"Cue"_s;
const QString sourceType = u"Source"_s;
const QString figureType = u"Figure"_s;
const QString numberType = u"Number"_s;
const QString speakerRelation = u"Speaker"_s;

/// A T line's text field may not break the line.
QString oneLine(QString text)
{
    for (QChar &c : text) {
        if (c == u'\n' || c == u'\r' || c == u'\t')
            c = u' ';
    }
    return text;
}

/// A file name from an article key: no folders, nothing a file system refuses.
QString fileStem(const QString &key)
{
    QString stem = key;
    for (QChar &c : stem) {
        if (c == u'/' || c == u'\\' || c == u':' || c.unicode() < 0x20)
            c = u'_';
    }
    if (stem.isEmpty() || stem.startsWith(u'.'))
        stem.prepend(u"article"_s);
    return stem;
}

class AnnWriter final {
public:
    explicit AnnWriter(const QString &text)
        : m_text(text)
        , m_map(text)
    {
    }

    int textBound(const QString &type, const QList<Span> &fragments)
    {
        const int id = ++m_t;
        QStringList ranges;
        QStringList texts;
        for (const Span &span : fragments) {
            ranges << u"%1 %2"_s.arg(m_map.toCodePoint(span.start)).arg(m_map.toCodePoint(span.end));
            texts << textOf(m_text, span);
        }
        m_out += u"T%1\t%2 %3\t%4\n"_s.arg(id).arg(type, ranges.join(u';'), oneLine(texts.join(u' ')));
        return id;
    }
    void relation(const QString &type, int from, int to)
    {
        m_out += u"R%1\t%2 Arg1:T%3 Arg2:T%4\n"_s.arg(++m_r).arg(type).arg(from).arg(to);
    }
    void attribute(const QString &name, int target, const QString &value)
    {
        m_out += u"A%1\t%2 T%3 %4\n"_s.arg(++m_a).arg(name).arg(target).arg(value);
    }
    void note(int target, const QString &text)
    {
        m_out += u"#%1\tAnnotatorNotes T%2\t%3\n"_s.arg(++m_n).arg(target).arg(oneLine(text));
    }
    void equiv(const QList<int> &ids)
    {
        QStringList names;
        for (const int id : ids)
            names << u"T%1"_s.arg(id);
        m_out += u"*\tEquiv %1\n"_s.arg(names.join(u' '));
    }
    QByteArray bytes() const { return m_out.toUtf8(); }

private:
    const QString &m_text;
    OffsetMap m_map;
    QString m_out;
    int m_t = 0;
    int m_r = 0;
    int m_a = 0;
    int m_n = 0;
};

QJsonValue jsonValue(const QVariant &value)
{
    return value.isValid() && !value.isNull() ? QJsonValue::fromVariant(value) : QJsonValue();
}

} // namespace

QString BratFormat::shortName() const
{
    return u"brat"_s;
}

QString BratFormat::displayName() const
{
    return tr("brat standoff");
}

QStringList BratFormat::extensions() const
{
    return { u"ann"_s };
}

DatasetFormat::Capabilities BratFormat::capabilities() const
{
    return CanRead | CanWrite;
}

QString BratFormat::limitations() const
{
    return tr("No title, source or date (read back, the title is the first line); no annotator or "
              "confidence; entities without mentions, and speakers without a mention, are left out. "
              "Line breaks inside a span show as spaces in the .ann text.");
}

QByteArray BratFormat::annotations(const DatasetDocument &document)
{
    const QString &text = document.article.text;
    AnnWriter ann(text);
    QHash<RecordId, QList<std::pair<Span, int>>> mentionIds;
    for (const Entity &entity : document.annotations.entities) {
        QList<int> ids;
        for (const Mention &mention : entity.mentions) {
            const int id = ann.textBound(entity.type, { mention.span });
            ids << id;
            mentionIds[entity.id].append({ mention.span, id });
            ann.attribute(u"Status"_s, id, toString(mention.provenance.status));
        }
        if (ids.isEmpty())
            continue;
        ann.note(ids.first(), entity.name);
        if (ids.size() > 1)
            ann.equiv(ids);
    }
    for (const Quote &quote : document.annotations.quotes) {
        if (quote.content.isEmpty())
            continue;
        const int id = ann.textBound(quoteType, quote.content);
        ann.attribute(u"Kind"_s, id, toString(quote.kind));
        ann.attribute(u"Status"_s, id, toString(quote.provenance.status));
        if (!quote.cue.isNull())
            ann.relation(cueType, id, ann.textBound(cueType, { quote.cue }));
        if (!quote.source.isNull())
            ann.relation(sourceType, id, ann.textBound(sourceType, { quote.source }));
        const auto mentions = mentionIds.value(quote.speakerId);
        if (!mentions.isEmpty()) {
            // the mention inside the source, which is what an annotator would link
            int target = mentions.first().second;
            for (const auto &[span, mentionId] : mentions) {
                if (span.overlaps(quote.source)) {
                    target = mentionId;
                    break;
                }
            }
            ann.relation(speakerRelation, id, target);
        }
    }
    for (const Figure &figure : document.annotations.figures) {
        if (figure.span.isNull())
            continue;
        const int id = ann.textBound(figureType, { figure.span });
        ann.attribute(u"FigureKind"_s, id, figure.kind);
        ann.attribute(u"Status"_s, id, toString(figure.provenance.status));
        QJsonObject details;
        details.insert("value"_L1, jsonValue(figure.value));
        if (!figure.valueMax.isNull() && figure.valueMax.isValid())
            details.insert("value_max"_L1, jsonValue(figure.valueMax));
        if (!figure.unit.isEmpty())
            details.insert("unit"_L1, figure.unit);
        if (!figure.qualifier.isEmpty())
            details.insert("qualifier"_L1, figure.qualifier);
        ann.note(id, QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
        if (!figure.number.isNull())
            ann.relation(numberType, id, ann.textBound(numberType, { figure.number }));
    }
    return ann.bytes();
}

QByteArray BratFormat::configuration(const QStringList &entityTypes)
{
    const QString entities = entityTypes.join(u'\n');
    const QString conf = u"# Written by Byline: entity types of the project, quotes and figures.\n"
                         "[entities]\n%1\n%2\n%3\n%4\n%5\n%6\n\n"
                         "[relations]\n"
                         "Speaker\tArg1:Quote, Arg2:%7\n"
                         "Cue\tArg1:Quote, Arg2:Cue\n"
                         "Source\tArg1:Quote, Arg2:Source\n"
                         "Number\tArg1:Figure, Arg2:Number\n"
                         "Equiv\tArg1:%7, Arg2:%7, <REL-TYPE>:symmetric-transitive\n"
                         "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n"
                         "[events]\n\n"
                         "[attributes]\n"
                         "Kind\tArg:Quote, Value:direct|indirect|mixed\n"
                         "FigureKind\tArg:Figure, Value:count|money|percent|measure|date|duration|other\n"
                         "Status\tArg:<ENTITY>, Value:auto|accepted|edited|manual|rejected\n"_s.arg(entities,
                             quoteType, cueType, sourceType, figureType, numberType, entityTypes.join(u'|'));
    return conf.toUtf8();
}

bool BratFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    FolderWriter folder(path);
    if (!folder.isOpen())
        return fail(folder.errorString());
    QStringList types;
    for (const EntityType &type : store.entityTypes())
        types << type.name;
    if (!folder.write(u"annotation.conf"_s, configuration(types)))
        return fail(folder.errorString());
    const qint64 total = store.articleCount();
    qint64 done = 0;
    bool cancelled = false;
    QSet<QString> stems;
    const bool complete = forEachProjectDocument(store, [&](const DatasetDocument &document) {
        QString stem = fileStem(document.article.key);
        for (int suffix = 2; stems.contains(stem.toLower()); ++suffix)
            stem = fileStem(document.article.key) + u"-"_s + QString::number(suffix);
        stems.insert(stem.toLower());
        if (!folder.write(stem + u".txt"_s, document.article.text.toUtf8())
            || !folder.write(stem + u".ann"_s, annotations(document)))
            return false;
        cancelled = progress && !progress(++done, total);
        return !cancelled;
    });
    if (!complete && !readFailure().isEmpty())
        return fail(tr("Cannot write %1: %2").arg(path, readFailure()));
    if (!complete)
        return fail(cancelled ? tr("Cannot write %1: %2").arg(path, tr("cancelled")) : folder.errorString());
    if (!folder.commit())
        return fail(folder.errorString());
    return true;
}

std::optional<DatasetDocument> BratFormat::readArticle(const QString &annPath, const QString &txtPath,
    const QStringList &known, QStringList *warnings, QString *errorString)
{
    auto error = [&](const QString &message) {
        *errorString = message;
        return std::nullopt;
    };
    // brat files are read whole: refuse what no article comes near before reading it, and what
    // has no size to check (a device or a pipe: a .txt linked to /dev/zero would be read
    // without end).
    for (const QString &file : { txtPath, annPath }) {
        const QFileInfo info(file);
        if (!info.isFile())
            return error(tr("%1 is not a regular file").arg(file));
        if (info.size() > TextDecoder::DefaultMaximumSize)
            return error(tr("%1 is too large for an article (%2 MB at most)")
                    .arg(file)
                    .arg(TextDecoder::DefaultMaximumSize / (1024 * 1024)));
    }
    QFile txtFile(txtPath);
    if (!txtFile.open(QIODevice::ReadOnly))
        return error(tr("Cannot read %1: %2").arg(txtPath, txtFile.errorString()));
    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString text = utf8.decode(txtFile.readAll());
    if (utf8.hasError())
        return error(tr("%1: not UTF-8 text; brat files are UTF-8").arg(txtPath));
    QFile annFile(annPath);
    if (!annFile.open(QIODevice::ReadOnly))
        return error(tr("Cannot read %1: %2").arg(annPath, annFile.errorString()));
    QStringDecoder annUtf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString annText = annUtf8.decode(annFile.readAll());
    if (annUtf8.hasError())
        return error(tr("%1: not UTF-8 text; brat files are UTF-8").arg(annPath));

    const OffsetMap map(text);
    struct TextBound {
        QString type;
        QList<Span> fragments;
        int line = 0;
    };
    struct Relation {
        QString type;
        QString from;
        QString to;
        int line = 0;
    };
    QHash<QString, TextBound> bounds;
    QStringList order;
    QList<Relation> relations;
    QHash<QString, QHash<QString, QString>> attributes; // target -> name -> value
    QHash<QString, QString> notes;
    QList<QStringList> equivs;

    const QStringList lines = annText.split(u'\n');
    for (int index = 0; index < lines.size(); ++index) {
        const int lineNumber = index + 1;
        QString line = lines.at(index);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        const QString where = u"%1:%2"_s.arg(annPath).arg(lineNumber);
        const QStringList fields = line.split(u'\t');
        const QString id = fields.first();
        const QStringList parts = fields.value(1).split(u' ', Qt::SkipEmptyParts);
        if (id.startsWith(u'T')) {
            if (fields.size() < 3 || parts.size() < 3)
                return error(tr("%1: a T line needs an id, a type with offsets and the text").arg(where));
            if (bounds.contains(id))
                return error(tr("%1: the id %2 is used twice").arg(where, id));
            TextBound bound;
            bound.type = parts.first();
            bound.line = lineNumber;
            const QStringList ranges = fields.at(1).mid(bound.type.size()).trimmed().split(u';');
            QStringList covered;
            for (const QString &range : ranges) {
                const QStringList ends = range.trimmed().split(u' ', Qt::SkipEmptyParts);
                bool startOk = false;
                bool endOk = false;
                const qsizetype start = ends.value(0).toLongLong(&startOk);
                const qsizetype end = ends.value(1).toLongLong(&endOk);
                if (ends.size() != 2 || !startOk || !endOk)
                    return error(tr("%1: %2 is not a pair of offsets").arg(where, range.trimmed()));
                if (start < 0 || end < start || end > map.codePointLength())
                    return error(tr("%1: the span %2–%3 lies outside the text of %4 (%5 characters)")
                            .arg(where)
                            .arg(start)
                            .arg(end)
                            .arg(txtPath)
                            .arg(map.codePointLength()));
                const Span span { map.toUtf16(start), map.toUtf16(end) };
                bound.fragments << span;
                covered << textOf(text, span);
            }
            const QString expected = oneLine(covered.join(u' '));
            const QString given = fields.mid(2).join(u'\t');
            if (oneLine(given) != expected)
                return error(tr("%1: the text “%2” does not match “%3” at %4 in %5")
                        .arg(where, given, expected, fields.at(1).mid(bound.type.size()).trimmed(), txtPath));
            const bool special = bound.type == quoteType || bound.type == cueType || bound.type == sourceType
                || bound.type == figureType || bound.type == numberType;
            if (!special && !known.contains(bound.type))
                return error(tr("%1: unknown label %2 (the project knows %3)")
                        .arg(where, bound.type, known.join(u", "_s)));
            bounds.insert(id, bound);
            order << id;
        } else if (id.startsWith(u'R')) {
            if (parts.size() != 3 || !parts.at(1).startsWith(u"Arg1:"_s)
                || !parts.at(2).startsWith(u"Arg2:"_s))
                return error(tr("%1: a relation needs a type, Arg1: and Arg2:").arg(where));
            relations.append({ parts.at(0), parts.at(1).mid(5), parts.at(2).mid(5), lineNumber });
        } else if (id.startsWith(u'A') || id.startsWith(u'M')) {
            if (parts.size() < 2)
                return error(tr("%1: an attribute needs a name and a target").arg(where));
            attributes[parts.at(1)].insert(parts.at(0), parts.value(2, u"true"_s));
        } else if (id.startsWith(u'#')) {
            if (parts.size() >= 2 && parts.at(0) == u"AnnotatorNotes"_s)
                notes.insert(parts.at(1), fields.mid(2).join(u'\t'));
        } else if (id == u"*"_s) {
            if (parts.size() >= 2 && parts.at(0) == u"Equiv"_s)
                equivs.append(parts.mid(1));
        } else {
            warnings->append(tr("%1: %2 lines (events, normalisations) are not read").arg(where, id.left(1)));
        }
    }
    for (const Relation &relation : std::as_const(relations)) {
        if (!bounds.contains(relation.from) || !bounds.contains(relation.to))
            return error(tr("%1:%2: the relation refers to an id that is not defined")
                    .arg(annPath)
                    .arg(relation.line));
    }
    auto status = [&](const QString &id, AnnotationStatus fallback) {
        return annotationStatusFromString(attributes.value(id).value(u"Status"_s)).value_or(fallback);
    };

    DatasetDocument document;
    document.article = draftArticle(txtPath, text);

    // Entities: the classes of mentions tied by Equiv lines.
    QHash<QString, QString> representative;
    std::function<QString(const QString &)> find = [&](const QString &id) {
        const QString parent = representative.value(id, id);
        return parent == id ? id : find(parent);
    };
    for (const QStringList &group : std::as_const(equivs)) {
        for (const QString &id : group) {
            if (!bounds.contains(id))
                return error(tr("%1: Equiv refers to %2, which is not defined").arg(annPath, id));
            representative.insert(find(id), find(group.first()));
        }
    }
    QHash<QString, RecordId> entityOfRoot;
    QHash<QString, RecordId> entityOfMention;
    for (const QString &id : std::as_const(order)) {
        const TextBound &bound = bounds[id];
        if (!known.contains(bound.type))
            continue;
        const QString root = find(id);
        if (!entityOfRoot.contains(root)) {
            Entity entity;
            entity.id = document.annotations.entities.size() + 1;
            entity.type = bound.type;
            entity.name = textOf(text, bound.fragments.first());
            entity.provenance.status = status(id, AnnotationStatus::Manual);
            entityOfRoot.insert(root, entity.id);
            document.annotations.entities.append(entity);
        }
        Entity &entity = document.annotations.entities[entityOfRoot.value(root) - 1];
        if (entity.type != bound.type)
            return error(tr("%1:%2: %3 is a %4 but Equiv ties it to a %5")
                    .arg(annPath)
                    .arg(bound.line)
                    .arg(id, bound.type, entity.type));
        if (notes.contains(id))
            entity.name = notes.value(id);
        Mention mention;
        mention.span = { bound.fragments.first().start, bound.fragments.last().end };
        mention.provenance.status = status(id, AnnotationStatus::Manual);
        entity.mentions.append(mention);
        entityOfMention.insert(id, entity.id);
    }

    QHash<QString, QString> linked; // Cue, Source and Number lines that a relation uses
    for (const QString &id : std::as_const(order)) {
        const TextBound &bound = bounds[id];
        if (bound.type == quoteType) {
            Quote quote;
            quote.id = document.annotations.quotes.size() + 1;
            quote.content = bound.fragments;
            const QString kind = attributes.value(id).value(u"Kind"_s, u"direct"_s);
            const auto parsedKind = quoteKindFromString(kind);
            if (!parsedKind)
                return error(tr("%1:%2: the quote %3 has the unknown kind %4")
                        .arg(annPath)
                        .arg(bound.line)
                        .arg(id, kind));
            quote.kind = *parsedKind;
            quote.provenance.status = status(id, AnnotationStatus::Manual);
            for (const Relation &relation : std::as_const(relations)) {
                if (relation.from != id)
                    continue;
                const TextBound &target = bounds[relation.to];
                const Span whole { target.fragments.first().start, target.fragments.last().end };
                if (relation.type == cueType && target.type == cueType)
                    quote.cue = whole;
                else if (relation.type == sourceType && target.type == sourceType)
                    quote.source = whole;
                else if (relation.type == speakerRelation && entityOfMention.contains(relation.to))
                    quote.speakerId = entityOfMention.value(relation.to);
                else
                    return error(tr("%1:%2: a %3 relation cannot lead from a quote to a %4")
                            .arg(annPath)
                            .arg(relation.line)
                            .arg(relation.type, target.type));
                linked.insert(relation.to, id);
            }
            document.annotations.quotes.append(quote);
        } else if (bound.type == figureType) {
            Figure figure;
            figure.id = document.annotations.figures.size() + 1;
            figure.span = { bound.fragments.first().start, bound.fragments.last().end };
            figure.kind = attributes.value(id).value(u"FigureKind"_s, u"other"_s);
            figure.provenance.status = status(id, AnnotationStatus::Manual);
            if (notes.contains(id)) {
                const QJsonObject details = QJsonDocument::fromJson(notes.value(id).toUtf8()).object();
                figure.value = details.value("value"_L1).toVariant();
                if (details.contains("value_max"_L1))
                    figure.valueMax = details.value("value_max"_L1).toVariant();
                figure.unit = details.value("unit"_L1).toString();
                figure.qualifier = details.value("qualifier"_L1).toString();
            }
            for (const Relation &relation : std::as_const(relations)) {
                if (relation.from == id && relation.type == numberType
                    && bounds[relation.to].type == numberType) {
                    const TextBound &target = bounds[relation.to];
                    figure.number = { target.fragments.first().start, target.fragments.last().end };
                    linked.insert(relation.to, id);
                }
            }
            document.annotations.figures.append(figure);
        }
    }
    for (const QString &id : std::as_const(order)) {
        const QString &type = bounds[id].type;
        if ((type == cueType || type == sourceType || type == numberType) && !linked.contains(id))
            warnings->append(tr("%1:%2: the %3 %4 belongs to no quote or figure; left out")
                    .arg(annPath)
                    .arg(bounds[id].line)
                    .arg(type, id));
    }
    return document;
}

bool BratFormat::read(
    Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress)
{
    QStringList annFiles;
    const QFileInfo info(path);
    if (info.isDir()) {
        const QDir folder(path);
        for (const QString &name : folder.entryList({ u"*.ann"_s }, QDir::Files, QDir::Name))
            annFiles << folder.filePath(name);
        if (annFiles.isEmpty())
            return fail(tr("%1: no .ann files in the folder").arg(path));
    } else if (info.suffix().compare(u"txt"_s, Qt::CaseInsensitive) == 0) {
        annFiles << info.path() + u'/' + info.completeBaseName() + u".ann"_s;
    } else {
        annFiles << path;
    }
    QStringList known;
    for (const EntityType &type : store.entityTypes())
        known << type.name;

    FormatReadReport counts;
    const bool skipBadRecords = option(u"skipBadRecords"_s, false).toBool();
    // Each article is stored as it is read: a folder of any size holds one in memory at a time.
    DocumentBatch batch(store);
    if (!batch.isOpen())
        return fail(batch.errorString());
    qint64 done = 0;
    for (const QString &annFile : std::as_const(annFiles)) {
        const QFileInfo ann(annFile);
        const QString txtFile = ann.path() + u'/' + ann.completeBaseName() + u".txt"_s;
        QString error;
        std::optional<DatasetDocument> document;
        if (!QFileInfo::exists(txtFile))
            error = tr("%1: the text %2 is missing").arg(annFile, txtFile);
        else
            document = readArticle(annFile, txtFile, known, &counts.warnings, &error);
        if (!document) {
            if (!skipBadRecords)
                return fail(error);
            // An article is a record: a bad .ann file is left out, the others are taken.
            counts.badRecords << error;
        } else if (!batch.add(*document, annFile)) {
            return fail(batch.errorString());
        }
        if (progress && !progress(++done, annFiles.size()))
            return fail(tr("%1: cancelled").arg(path));
    }
    if (!batch.commit(&counts))
        return fail(batch.errorString());
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
