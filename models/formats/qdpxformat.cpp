// SPDX-License-Identifier: GPL-3.0-or-later
#include "qdpxformat.h"

#include "documentbatch.h"
#include "offsetmap.h"
#include "projectdocuments.h"
#include "schema.h"
#include "store.h"
#include "textdecoder.h"

#include <KZip>
#include <KZipFileEntry>

#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTemporaryFile>
#include <QUuid>
#include <QXmlStreamReader>
#include <QXmlStreamWriter>

#include <memory>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

const QString projectNamespace = u"urn:QDA-XML:project:1.0"_s;

/// Name-based (version 5) GUIDs: the same project exports the same file.
QString guid(const QString &name)
{
    static const QUuid space = QUuid::fromString("{6d3f1c8e-2b1a-4f0e-9a57-0c1b7e0d4a21}"_L1);
    return QUuid::createUuidV5(space, name).toString(QUuid::WithoutBraces);
}

QString codeGuid(const QString &group, const QString &name)
{
    return guid(u"code:"_s + group + u':' + name);
}

const QStringList quoteKinds = { u"direct"_s, u"indirect"_s, u"mixed"_s };
const QStringList figureKinds
    = { u"count"_s, u"money"_s, u"percent"_s, u"measure"_s, u"date"_s, u"duration"_s, u"other"_s };
const QStringList statuses = { u"auto"_s, u"accepted"_s, u"edited"_s, u"manual"_s, u"rejected"_s };

/// Writes the Sources and Links of project.qde as the project streams past, into temporary
/// files: the code book that precedes them in the file is known only at the end.
class SectionWriter final {
public:
    SectionWriter(QTemporaryFile &sources, QTemporaryFile &links)
        : m_sources(&sources)
        , m_links(&links)
    {
        m_sources.setAutoFormatting(true);
        m_links.setAutoFormatting(true);
    }

    QSet<QString> entityTypes;
    QSet<QString> figureKinds;

    /// The source's text file name inside the archive.
    QString addDocument(const DatasetDocument &document)
    {
        const Article &article = document.article;
        const OffsetMap map(article.text);
        const QString key = article.key;
        const QString sourceGuid = guid(u"source:"_s + key);
        if (!m_sourcesOpen) {
            m_sources.writeStartElement(u"Sources"_s);
            m_sourcesOpen = true;
        }
        m_sources.writeStartElement(u"TextSource"_s);
        m_sources.writeAttribute(u"guid"_s, sourceGuid);
        m_sources.writeAttribute(u"name"_s, key);
        m_sources.writeAttribute(u"plainTextPath"_s, u"internal://"_s + sourceGuid + u".txt"_s);
        QStringList about;
        for (const QString &line : { article.title, article.source, article.published }) {
            if (!line.isEmpty())
                about << line;
        }
        if (!about.isEmpty())
            m_sources.writeTextElement(u"Description"_s, about.join(u'\n'));

        auto selection = [&](const QString &id, const QString &name, const Span &span,
                             const QString &description, const QStringList &codes) {
            const QString selectionGuid = guid(u"selection:"_s + key + u':' + id);
            m_sources.writeStartElement(u"PlainTextSelection"_s);
            m_sources.writeAttribute(u"guid"_s, selectionGuid);
            m_sources.writeAttribute(u"name"_s, name);
            m_sources.writeAttribute(u"startPosition"_s, QString::number(map.toCodePoint(span.start)));
            m_sources.writeAttribute(u"endPosition"_s, QString::number(map.toCodePoint(span.end)));
            if (!description.isEmpty())
                m_sources.writeTextElement(u"Description"_s, description);
            for (const QString &code : codes) {
                m_sources.writeStartElement(u"Coding"_s);
                m_sources.writeAttribute(u"guid"_s, guid(u"coding:"_s + key + u':' + id + u':' + code));
                m_sources.writeEmptyElement(u"CodeRef"_s);
                m_sources.writeAttribute(u"targetGUID"_s, code);
                m_sources.writeEndElement();
            }
            m_sources.writeEndElement();
            return selectionGuid;
        };
        auto status
            = [](const Provenance &provenance) { return codeGuid(u"status"_s, toString(provenance.status)); };
        auto keyOf = [](const QHash<RecordId, QString> &keys, QChar letter, RecordId id) {
            const QString written = keys.value(id);
            return written.isEmpty() ? letter + QString::number(id) : written;
        };

        const AnnotationSet &set = document.annotations;
        QHash<RecordId, QList<QPair<Span, QString>>> mentionSelections;
        for (const Entity &entity : set.entities) {
            entityTypes.insert(entity.type);
            const QString id = keyOf(document.entityKeys, u'E', entity.id);
            for (qsizetype m = 0; m < entity.mentions.size(); ++m) {
                const Mention &mention = entity.mentions.at(m);
                const QString selectionGuid = selection(id + u".m"_s + QString::number(m + 1), entity.name,
                    mention.span, u"%1 %2"_s.arg(entity.type, id),
                    { codeGuid(u"entity"_s, entity.type), status(entity.provenance) });
                mentionSelections[entity.id].append({ mention.span, selectionGuid });
            }
        }
        for (const Quote &quote : set.quotes) {
            const QString id = keyOf(document.quoteKeys, u'Q', quote.id);
            const QString kind = toString(quote.kind);
            QStringList parts;
            for (qsizetype p = 0; p < quote.content.size(); ++p) {
                parts << selection(id + u".p"_s + QString::number(p + 1), u"%1 quote"_s.arg(kind),
                    quote.content.at(p), id, { codeGuid(u"quote"_s, kind), status(quote.provenance) });
            }
            if (parts.isEmpty())
                continue;
            for (qsizetype p = 1; p < parts.size(); ++p)
                link(key, id + u".continues"_s + QString::number(p), u"continues"_s, parts.at(p - 1),
                    parts.at(p));
            if (!quote.cue.isNull()) {
                const QString cue
                    = selection(id + u".cue"_s, u"cue"_s, quote.cue, id, { codeGuid(u"quote"_s, u"cue"_s) });
                link(key, id + u".cue"_s, u"cue"_s, parts.first(), cue);
            }
            if (!quote.source.isNull()) {
                const QString source = selection(
                    id + u".source"_s, u"source"_s, quote.source, id, { codeGuid(u"quote"_s, u"source"_s) });
                link(key, id + u".source"_s, u"source"_s, parts.first(), source);
            }
            // The speaker is an entity: link to the mention the source names, else the first.
            const auto mentions = mentionSelections.value(quote.speakerId);
            if (!mentions.isEmpty()) {
                QString target = mentions.first().second;
                for (const auto &[span, selectionGuid] : mentions) {
                    if (span.overlaps(quote.source)) {
                        target = selectionGuid;
                        break;
                    }
                }
                link(key, id + u".speaker"_s, u"speaker"_s, parts.first(), target);
            }
        }
        for (const Figure &figure : set.figures) {
            figureKinds.insert(figure.kind);
            const QString id = keyOf(document.figureKeys, u'F', figure.id);
            QString value = figure.value.toString();
            if (!figure.unit.isEmpty())
                value += u' ' + figure.unit;
            selection(id, u"%1 figure"_s.arg(figure.kind), figure.span, u"%1 %2"_s.arg(id, value.trimmed()),
                { codeGuid(u"figure"_s, figure.kind), status(figure.provenance) });
            if (!figure.number.isNull())
                selection(id + u".number"_s, u"number"_s, figure.number, id,
                    { codeGuid(u"figure"_s, u"number"_s) });
        }
        m_sources.writeEndElement(); // TextSource
        return sourceGuid + u".txt"_s;
    }

    bool finish()
    {
        if (m_sourcesOpen)
            m_sources.writeEndElement();
        if (m_linksOpen)
            m_links.writeEndElement();
        return !m_sources.hasError() && !m_links.hasError();
    }

private:
    void link(const QString &key, const QString &id, const QString &name, const QString &origin,
        const QString &target)
    {
        if (!m_linksOpen) {
            m_links.writeStartElement(u"Links"_s);
            m_linksOpen = true;
        }
        m_links.writeEmptyElement(u"Link"_s);
        m_links.writeAttribute(u"guid"_s, guid(u"link:"_s + key + u':' + id));
        m_links.writeAttribute(u"name"_s, name);
        m_links.writeAttribute(u"direction"_s, u"OneWay"_s);
        m_links.writeAttribute(u"originGUID"_s, origin);
        m_links.writeAttribute(u"targetGUID"_s, target);
    }

    QXmlStreamWriter m_sources;
    QXmlStreamWriter m_links;
    bool m_sourcesOpen = false;
    bool m_linksOpen = false;
};

void writeCode(QXmlStreamWriter &xml, const QString &guid, const QString &name, bool codable,
    const QString &colour = {}, const QString &description = {})
{
    xml.writeStartElement(u"Code"_s);
    xml.writeAttribute(u"guid"_s, guid);
    xml.writeAttribute(u"name"_s, name);
    xml.writeAttribute(u"isCodable"_s, codable ? u"true"_s : u"false"_s);
    if (!colour.isEmpty())
        xml.writeAttribute(u"color"_s, colour);
    if (!description.isEmpty())
        xml.writeTextElement(u"Description"_s, description);
}

/// project.qde up to and after the Sources and Links, split where they go.
QPair<QByteArray, QByteArray> projectFrame(
    const QString &name, const QList<EntityType> &projectTypes, const SectionWriter &sections)
{
    QByteArray bytes;
    QXmlStreamWriter xml(&bytes);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeDefaultNamespace(projectNamespace);
    xml.writeStartElement(projectNamespace, u"Project"_s);
    xml.writeAttribute(u"name"_s, name);
    xml.writeAttribute(u"origin"_s, u"Byline"_s);
    xml.writeStartElement(u"CodeBook"_s);
    xml.writeStartElement(u"Codes"_s);

    writeCode(xml, codeGuid(u"group"_s, u"entities"_s), u"Entities"_s, false);
    QStringList types;
    for (const EntityType &type : projectTypes) {
        types << type.name;
        writeCode(xml, codeGuid(u"entity"_s, type.name), type.name, true, type.colour.name().toUpper(),
            type.description);
        xml.writeEndElement();
    }
    QStringList extra = QStringList(sections.entityTypes.begin(), sections.entityTypes.end());
    extra.sort();
    for (const QString &type : std::as_const(extra)) {
        if (types.contains(type))
            continue;
        writeCode(xml, codeGuid(u"entity"_s, type), type, true);
        xml.writeEndElement();
    }
    xml.writeEndElement();

    writeCode(xml, codeGuid(u"group"_s, u"quotes"_s), u"Quotes"_s, false);
    for (const QString &kind : quoteKinds + QStringList { u"cue"_s, u"source"_s }) {
        writeCode(xml, codeGuid(u"quote"_s, kind), kind, true);
        xml.writeEndElement();
    }
    xml.writeEndElement();

    writeCode(xml, codeGuid(u"group"_s, u"figures"_s), u"Figures"_s, false);
    QStringList kinds = figureKinds;
    QStringList seen = QStringList(sections.figureKinds.begin(), sections.figureKinds.end());
    seen.sort();
    for (const QString &kind : std::as_const(seen)) {
        if (!kinds.contains(kind))
            kinds << kind;
    }
    for (const QString &kind : kinds + QStringList { u"number"_s }) {
        writeCode(xml, codeGuid(u"figure"_s, kind), kind, true);
        xml.writeEndElement();
    }
    xml.writeEndElement();

    writeCode(xml, codeGuid(u"group"_s, u"status"_s), u"Status"_s, false);
    for (const QString &status : statuses) {
        writeCode(xml, codeGuid(u"status"_s, status), status, true);
        xml.writeEndElement();
    }
    xml.writeEndElement();

    xml.writeEndElement(); // Codes
    xml.writeEndElement(); // CodeBook
    // The marker splits the frame where Sources and Links go.
    xml.writeComment(u"sections"_s);
    xml.writeEndElement(); // Project
    xml.writeEndDocument();
    const QByteArray marker = "<!--sections-->";
    const qsizetype at = bytes.indexOf(marker);
    return { bytes.left(at), bytes.mid(at + marker.size()) };
}

/// project.qde as read: what the conversion to articles needs, nothing resolved yet.
struct QdeSelection {
    QString guid;
    QString name;
    QString start;
    QString end;
    QString description;
    QStringList codes; ///< GUIDs of the codes the selection is coded with
    qint64 line = 0;
};

struct QdeSource {
    QString guid;
    QString name;
    QString path;
    QString description;
    QList<QdeSelection> selections;
    qint64 line = 0;
};

struct QdeCode {
    QString name;
    QString group; ///< the name of the outermost Code around it, empty at the top
};

struct QdeLink {
    QString name;
    QString origin;
    QString target;
    qint64 line = 0;
};

struct QdeProject {
    QHash<QString, QdeCode> codes;
    QList<QdeSource> sources;
    QList<QdeLink> links;
};

std::optional<QdeProject> parseProject(QIODevice *device, QString *error)
{
    QXmlStreamReader xml(device);
    QdeProject project;
    QSet<QString> guids;
    QStringList open; // names of the open elements
    QStringList codes; // names of the open Code elements
    auto refuse = [&](const QString &message) {
        *error = u"project.qde:%1: %2"_s.arg(xml.lineNumber()).arg(message);
        return std::nullopt;
    };
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        // A DTD is reported once it is parsed, before any of its entities is used: refusing it here
        // means no external entity is ever looked up and no entity is ever expanded.
        if (token == QXmlStreamReader::DTD)
            return refuse(QdpxFormat::tr("a DOCTYPE declaration is refused (REFI-QDA files have none, and "
                                         "its entities could read local files or expand without end)"));
        if (token == QXmlStreamReader::EntityReference)
            return refuse(QdpxFormat::tr("the entity reference &%1; is refused").arg(xml.name()));
        if (token == QXmlStreamReader::EndElement) {
            if (open.takeLast() == u"Code"_s)
                codes.removeLast();
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QString name = xml.name().toString();
        const QXmlStreamAttributes attributes = xml.attributes();
        const QString parent = open.isEmpty() ? QString() : open.last();
        // Whether the open elements end with these, innermost last: only a selection inside a
        // TextSource was recorded, so only its Description and CodeRefs are taken.
        auto within = [&](const QStringList &path) {
            return open.size() >= path.size() && open.mid(open.size() - path.size()) == path;
        };
        auto value = [&](const char *attribute) {
            return attributes.value(QLatin1StringView(attribute)).toString();
        };
        const QString guid = value("guid");
        if (attributes.hasAttribute(u"guid"_s)) {
            if (guid.isEmpty())
                return refuse(QdpxFormat::tr("a %1 with an empty GUID").arg(name));
            if (guids.contains(guid))
                return refuse(QdpxFormat::tr("the GUID %1 is used twice").arg(guid));
            guids.insert(guid);
        }
        const bool inSelection = within({ u"TextSource"_s, u"PlainTextSelection"_s });
        if (name == u"Description"_s && (parent == u"TextSource"_s || inSelection)) {
            const QString text = xml.readElementText(QXmlStreamReader::ErrorOnUnexpectedElement);
            if (parent == u"TextSource"_s)
                project.sources.last().description = text;
            else
                project.sources.last().selections.last().description = text;
            continue; // readElementText consumed the end tag
        }
        open << name;
        if (name == u"Code"_s) {
            if (guid.isEmpty())
                return refuse(QdpxFormat::tr("a Code without a GUID"));
            project.codes.insert(guid, { value("name"), codes.value(0) });
            codes << value("name");
        } else if (name == u"TextSource"_s) {
            if (guid.isEmpty())
                return refuse(QdpxFormat::tr("a TextSource without a GUID"));
            project.sources.append({ guid, value("name"), value("plainTextPath"), {}, {}, xml.lineNumber() });
        } else if (name == u"PlainTextSelection"_s && parent == u"TextSource"_s) {
            if (guid.isEmpty())
                return refuse(QdpxFormat::tr("a PlainTextSelection without a GUID"));
            project.sources.last().selections.append({ guid, value("name"), value("startPosition"),
                value("endPosition"), {}, {}, xml.lineNumber() });
        } else if (name == u"CodeRef"_s
            && within({ u"TextSource"_s, u"PlainTextSelection"_s, u"Coding"_s, u"CodeRef"_s })) {
            project.sources.last().selections.last().codes << value("targetGUID");
        } else if (name == u"Link"_s) {
            project.links.append(
                { value("name"), value("originGUID"), value("targetGUID"), xml.lineNumber() });
        }
    }
    if (xml.hasError())
        return refuse(QdpxFormat::tr("not a well-formed project.qde: %1").arg(xml.errorString()));
    return project;
}

/// Whether an archive entry name stays inside the folder it is read from ("zip slip").
bool staysInside(const QString &name)
{
    return !name.isEmpty() && !name.startsWith(u'/') && !name.contains(u'\\') && name != u".."_s
        && !name.startsWith(u"../"_s) && !name.contains(u"/../"_s) && !name.endsWith(u"/.."_s)
        && !(name.size() > 1 && name.at(1) == u':');
}

/// The first entry, at any depth, whose name leaves the archive's folder; empty when none does.
/// A file's name is checked as the archive stores it: KZip files "/etc/x" under "etc" and
/// "a/../../x" under "..", so the tree alone would hide an absolute path.
QString escapingEntry(const KArchiveDirectory *directory)
{
    for (const QString &name : directory->entries()) {
        const KArchiveEntry *entry = directory->entry(name);
        if (const auto *file = dynamic_cast<const KZipFileEntry *>(entry)) {
            if (!staysInside(file->path()))
                return file->path();
        }
        // Inside a folder that escapes, name the file as stored ("../evil.txt", not "..").
        if (const auto *sub = dynamic_cast<const KArchiveDirectory *>(entry)) {
            const QString escaping = escapingEntry(sub);
            if (!escaping.isEmpty())
                return escaping;
        }
        if (!staysInside(name) || name == u"."_s)
            return name;
    }
    return {};
}

/// An archive entry read no further than the size the archive declares for it. A zip bomb may
/// declare a few bytes and inflate to gigabytes, and KZip's device inflates to the end of the
/// compressed data, whatever the header says: one byte past the declared size is the lie.
class DeclaredSizeDevice final : public QIODevice {
public:
    explicit DeclaredSizeDevice(const KArchiveFile &entry)
        : m_inflating(entry.createDevice())
        , m_declared(entry.size())
    {
        if (m_inflating)
            open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    /// Whether the entry inflated past its declared size; reading then stopped.
    bool exceeded() const { return m_read > m_declared; }
    /// Whether the entry, read to its end, inflated to fewer bytes than it declares: damaged.
    bool cutShort() const { return m_read < m_declared; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (exceeded())
            return -1;
        const qint64 read = m_inflating->read(data, std::min(maxSize, m_declared + 1 - m_read));
        if (read > 0)
            m_read += read;
        return exceeded() ? -1 : read;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    const std::unique_ptr<QIODevice> m_inflating;
    const qint64 m_declared;
    qint64 m_read = 0;
};

QString inflatesPastItsSize(const QString &name, qint64 declared)
{
    return QdpxFormat::tr("the archive entry %1 inflates to more than the %2 bytes it declares "
                          "(a zip bomb); refused")
        .arg(name)
        .arg(declared);
}

/// Turns the sources of project.qde into articles: one document per TextSource.
class SourceReader final {
public:
    SourceReader(const QdeProject &project, const KArchiveDirectory *texts, const QStringList &entityTypes)
        : m_project(project)
        , m_texts(texts)
        , m_entityTypes(entityTypes)
    {
        for (const QdeLink &link : project.links)
            m_linksFrom[link.origin].append(link);
    }

    std::optional<DatasetDocument> read(const QdeSource &source, QStringList *warnings, QString *error);

private:
    const QdeProject &m_project;
    const KArchiveDirectory *m_texts;
    const QStringList m_entityTypes;
    QHash<QString, QList<QdeLink>> m_linksFrom;
};

std::optional<DatasetDocument> SourceReader::read(
    const QdeSource &source, QStringList *warnings, QString *error)
{
    const QString where = u"project.qde:%1: the source %2"_s.arg(source.line).arg(source.name);
    auto refuse = [&](const QString &message) {
        *error = where + u": "_s + message;
        return std::nullopt;
    };
    const QString internal = u"internal://"_s;
    const QString file = source.path.startsWith(internal) ? source.path.mid(internal.size()) : QString();
    if (file.isEmpty() || file.contains(u'/') || !staysInside(file))
        return refuse(
            QdpxFormat::tr("its text %1 is not a file of the archive's Sources folder").arg(source.path));
    const KArchiveFile *entry = m_texts ? m_texts->file(file) : nullptr;
    if (!entry)
        return refuse(QdpxFormat::tr("its text Sources/%1 is missing from the archive").arg(file));
    if (entry->size() > TextDecoder::DefaultMaximumSize)
        return refuse(QdpxFormat::tr("its text Sources/%1 is too large for an article (%2 MB at most)")
                .arg(file)
                .arg(TextDecoder::DefaultMaximumSize / (1024 * 1024)));
    DeclaredSizeDevice device(*entry);
    if (!device.isOpen())
        return refuse(QdpxFormat::tr("its text Sources/%1 cannot be read from the archive").arg(file));
    const QByteArray bytes = device.readAll();
    if (device.exceeded())
        return refuse(inflatesPastItsSize(u"Sources/"_s + file, entry->size()));
    // A damaged entry would be imported cut short, its spans then off the end.
    if (device.cutShort())
        return refuse(QdpxFormat::tr("its text Sources/%1 is damaged in the archive (%2 of %3 bytes)")
                .arg(file)
                .arg(bytes.size())
                .arg(entry->size()));
    QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
    const QString text = utf8.decode(bytes);
    if (utf8.hasError())
        return refuse(QdpxFormat::tr("its text Sources/%1 is not UTF-8").arg(file));
    const OffsetMap map(text);

    DatasetDocument document;
    Article &article = document.article;
    article.key = source.name.isEmpty() ? source.guid : source.name;
    article.text = text;
    // The writer joins the title, source and date that are set, one a line.
    QStringList about = source.description.split(u'\n', Qt::SkipEmptyParts);
    static const QRegularExpression isoDate(u"^\\d{4}-\\d{2}-\\d{2}"_s);
    if (!about.isEmpty() && about.size() > 1 && isoDate.match(about.last()).hasMatch())
        article.published = about.takeLast();
    article.title = about.value(0);
    article.source = about.mid(1).join(u'\n');

    QHash<QString, Span> spans; // selection GUID -> span
    QHash<QString, RecordId> entityOfSelection;
    QHash<QString, RecordId> entityOfKey;
    QList<const QdeSelection *> quoteParts;
    QHash<QString, QuoteKind> kindOf;
    QHash<QString, AnnotationStatus> statusOf;
    QHash<QString, QString> roleOf; // "cue", "source" or "number"
    QHash<QString, RecordId> figureOfKey;
    QList<const QdeSelection *> numbers;

    for (const QdeSelection &selection : source.selections) {
        const QString at = u"project.qde:%1: the selection %2"_s.arg(selection.line).arg(selection.guid);
        bool startOk = false;
        bool endOk = false;
        const qint64 start = selection.start.toLongLong(&startOk);
        const qint64 end = selection.end.toLongLong(&endOk);
        if (!startOk || !endOk || start < 0 || end < start || end > map.codePointLength()) {
            *error = QdpxFormat::tr("%1: the positions %2–%3 lie outside the text of %4 (%5 characters)")
                         .arg(at, selection.start, selection.end, source.name)
                         .arg(map.codePointLength());
            return std::nullopt;
        }
        const Span span { map.toUtf16(start), map.toUtf16(end) };
        spans.insert(selection.guid, span);
        AnnotationStatus status = AnnotationStatus::Manual;
        QStringList roles;
        for (const QString &guid : selection.codes) {
            if (!m_project.codes.contains(guid)) {
                *error = QdpxFormat::tr("%1: the code %2 is not in the code book").arg(at, guid);
                return std::nullopt;
            }
            const QdeCode &code = m_project.codes[guid];
            if (code.group == u"Status"_s && annotationStatusFromString(code.name))
                status = *annotationStatusFromString(code.name);
            else
                roles << code.group + u'\n' + code.name;
        }
        statusOf.insert(selection.guid, status);
        if (roles.isEmpty())
            warnings->append(QdpxFormat::tr("%1: no code Byline reads; left out").arg(at));
        for (const QString &role : std::as_const(roles)) {
            const QString group = role.section(u'\n', 0, 0);
            const QString name = role.section(u'\n', 1);
            if (group == u"Quotes"_s && quoteKindFromString(name)) {
                quoteParts << &selection;
                kindOf.insert(selection.guid, *quoteKindFromString(name));
            } else if (group == u"Quotes"_s && (name == u"cue"_s || name == u"source"_s)) {
                roleOf.insert(selection.guid, name);
            } else if (group == u"Figures"_s && name == u"number"_s) {
                numbers << &selection;
            } else if (group == u"Figures"_s) {
                // Byline describes a figure as "F1 12 million": its id, value and unit.
                const QStringList words = selection.description.split(u' ', Qt::SkipEmptyParts);
                Figure figure;
                figure.id = document.annotations.figures.size() + 1;
                figure.kind = name;
                figure.span = span;
                figure.provenance.status = status;
                if (words.size() > 1) {
                    bool number = false;
                    const double value = words.at(1).toDouble(&number);
                    figure.value = number ? QVariant(value) : QVariant(words.at(1));
                    figure.unit = words.mid(2).join(u' ');
                }
                figureOfKey.insert(words.value(0, selection.guid), figure.id);
                document.annotations.figures.append(figure);
            } else if (m_entityTypes.contains(name)) {
                // Byline describes a mention as "PERSON E3"; other programs' selections of one
                // code and text are taken for one entity.
                const QStringList words = selection.description.split(u' ', Qt::SkipEmptyParts);
                const QString entityName = selection.name.isEmpty() ? textOf(text, span) : selection.name;
                const QString key
                    = words.size() == 2 && words.first() == name ? words.last() : name + u'\n' + entityName;
                if (!entityOfKey.contains(key)) {
                    Entity entity;
                    entity.id = document.annotations.entities.size() + 1;
                    entity.type = name;
                    entity.name = entityName;
                    entity.provenance.status = status;
                    entityOfKey.insert(key, entity.id);
                    document.annotations.entities.append(entity);
                }
                Entity &entity = document.annotations.entities[entityOfKey.value(key) - 1];
                Mention mention;
                mention.span = span;
                mention.provenance.status = status;
                entity.mentions.append(mention);
                if (!entityOfSelection.contains(selection.guid))
                    entityOfSelection.insert(selection.guid, entity.id);
            } else {
                *error = QdpxFormat::tr("%1: unknown code %2 (the project's entity types are %3)")
                             .arg(at, name, m_entityTypes.join(u", "_s));
                return std::nullopt;
            }
        }
    }
    for (const QdeSelection *number : std::as_const(numbers)) {
        const RecordId figure = figureOfKey.value(number->description);
        if (figure == 0)
            warnings->append(QdpxFormat::tr("project.qde:%1: the number %2 belongs to no figure; left out")
                    .arg(number->line)
                    .arg(number->guid));
        else
            document.annotations.figures[figure - 1].number = spans.value(number->guid);
    }

    // Quotes: a part that no "continues" link leads to starts one; its links name the rest.
    QSet<QString> continued;
    for (const QdeSelection *part : std::as_const(quoteParts)) {
        for (const QdeLink &link : m_linksFrom.value(part->guid)) {
            if (link.name == u"continues"_s)
                continued.insert(link.target);
        }
    }
    QSet<QString> linked;
    for (const QdeSelection *first : std::as_const(quoteParts)) {
        if (continued.contains(first->guid))
            continue;
        Quote quote;
        quote.id = document.annotations.quotes.size() + 1;
        quote.kind = kindOf.value(first->guid);
        quote.provenance.status = statusOf.value(first->guid);
        QString part = first->guid;
        QSet<QString> visited;
        while (!part.isEmpty() && !visited.contains(part)) {
            visited.insert(part);
            quote.content << spans.value(part);
            QString next;
            for (const QdeLink &link : m_linksFrom.value(part)) {
                const bool known = spans.contains(link.target);
                if (!known
                    && (link.name == u"continues"_s || link.name == u"cue"_s || link.name == u"source"_s
                        || link.name == u"speaker"_s)) {
                    *error = QdpxFormat::tr(
                        "project.qde:%1: the %2 link leads to %3, which is no selection of %4")
                                 .arg(link.line)
                                 .arg(link.name, link.target, source.name);
                    return std::nullopt;
                }
                if (link.name == u"continues"_s && kindOf.contains(link.target))
                    next = link.target;
                else if ((link.name == u"cue"_s || link.name == u"source"_s)
                    && roleOf.value(link.target) == link.name)
                    (link.name == u"cue"_s ? quote.cue : quote.source) = spans.value(link.target);
                else if (link.name == u"speaker"_s && entityOfSelection.contains(link.target))
                    quote.speakerId = entityOfSelection.value(link.target);
                else {
                    warnings->append(
                        QdpxFormat::tr("project.qde:%1: a %2 link from a quote to %3 is not read")
                            .arg(link.line)
                            .arg(link.name, link.target));
                    continue;
                }
                linked.insert(link.target);
            }
            part = next;
        }
        document.annotations.quotes.append(quote);
    }
    for (auto it = roleOf.cbegin(); it != roleOf.cend(); ++it) {
        if (!linked.contains(it.key()))
            warnings->append(QdpxFormat::tr("%1: the %2 %3 belongs to no quote; left out")
                    .arg(where, it.value(), it.key()));
    }
    return document;
}

} // namespace

QString QdpxFormat::shortName() const
{
    return u"qdpx"_s;
}

QString QdpxFormat::displayName() const
{
    return tr("REFI-QDA project");
}

QStringList QdpxFormat::extensions() const
{
    return { u"qdpx"_s };
}

DatasetFormat::Capabilities QdpxFormat::capabilities() const
{
    return CanRead | CanWrite;
}

QString QdpxFormat::limitations() const
{
    return tr("Figure values and units are kept as descriptions; ranges, confidences, annotators and "
              "qualifiers are left out. A mention carries its entity's status.");
}

bool QdpxFormat::write(const Store &store, const QString &path, const FormatProgress &progress)
{
    QTemporaryFile sources;
    QTemporaryFile links;
    if (!sources.open() || !links.open())
        return fail(tr("Cannot write %1: no room for temporary files").arg(path));
    // KZip writes through a QSaveFile of its own: the file appears complete or not at all.
    KZip zip(path);
    if (!zip.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write %1: %2").arg(path, zip.errorString()));
    auto abandon = [&](const QString &reason) {
        if (auto *saveFile = qobject_cast<QSaveFile *>(zip.device()))
            saveFile->cancelWriting();
        zip.close();
        return fail(tr("Cannot write %1: %2").arg(path, reason));
    };

    SectionWriter sections(sources, links);
    const qint64 total = store.articleCount();
    qint64 done = 0;
    bool cancelled = false;
    bool zipFailed = false;
    forEachProjectDocument(store, [&](const DatasetDocument &document) {
        const QString textFile = sections.addDocument(document);
        if (!zip.writeFile(u"Sources/"_s + textFile, document.article.text.toUtf8())) {
            zipFailed = true;
            return false;
        }
        cancelled = progress && !progress(++done, total);
        return !cancelled;
    });
    if (zipFailed)
        return abandon(zip.errorString());
    if (cancelled)
        return abandon(tr("cancelled"));
    if (!sections.finish() || !sources.flush() || !links.flush())
        return abandon(sources.errorString());

    const auto [head, tail]
        = projectFrame(QFileInfo(store.path()).completeBaseName(), store.entityTypes(), sections);
    bool ok = zip.prepareWriting(u"project.qde"_s, {}, {}, 0) && zip.writeData(head);
    for (QTemporaryFile *section : { &sources, &links }) {
        section->seek(0);
        while (ok && !section->atEnd())
            ok = zip.writeData(section->read(1024 * 1024));
    }
    ok = ok && zip.writeData(tail);
    const qint64 size = head.size() + sources.size() + links.size() + tail.size();
    if (!ok || !zip.finishWriting(size))
        return abandon(zip.errorString());
    if (!zip.close())
        return fail(tr("Cannot write %1: %2").arg(path, zip.errorString()));
    return true;
}

bool QdpxFormat::read(
    Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress)
{
    // Entries are read in memory, never extracted: nothing of the archive reaches the disk.
    KZip zip(path);
    if (!zip.open(QIODevice::ReadOnly))
        return fail(tr("%1: not a readable .qdpx (zip) archive: %2").arg(path, zip.errorString()));
    const KArchiveDirectory *root = zip.directory();
    const QString escaping = escapingEntry(root);
    if (!escaping.isEmpty())
        return fail(
            tr("%1: the archive entry %2 leads outside the archive's folder; refused").arg(path, escaping));
    const KArchiveFile *qde = root->file(u"project.qde"_s);
    if (!qde)
        return fail(tr("%1: project.qde is missing from the archive").arg(path));
    // project.qde is streamed, but what it holds is kept until the sources are read, and one
    // text in it may be as long as the file: a gigabyte of it is refused before it is inflated.
    constexpr qint64 maximumProjectSize = qint64(1024) * 1024 * 1024;
    if (qde->size() > maximumProjectSize)
        return fail(tr("%1: project.qde would inflate to %2 MB, more than the %3 MB an import reads")
                .arg(path)
                .arg(qde->size() / (1024 * 1024))
                .arg(maximumProjectSize / (1024 * 1024)));
    DeclaredSizeDevice device(*qde);
    if (!device.isOpen())
        return fail(tr("%1: cannot read project.qde").arg(path));
    QString error;
    const std::optional<QdeProject> project = parseProject(&device, &error);
    if (device.exceeded())
        return fail(u"%1: %2"_s.arg(path, inflatesPastItsSize(u"project.qde"_s, qde->size())));
    if (!project)
        return fail(u"%1: %2"_s.arg(path, error));

    QStringList entityTypes;
    for (const EntityType &type : store.entityTypes())
        entityTypes << type.name;
    // Byline writes "Sources"; the standard's examples and QualCoder write "sources".
    const auto *texts = dynamic_cast<const KArchiveDirectory *>(root->entry(u"Sources"_s));
    if (!texts)
        texts = dynamic_cast<const KArchiveDirectory *>(root->entry(u"sources"_s));
    SourceReader reader(*project, texts, entityTypes);
    FormatReadReport counts;
    const bool skipBadRecords = option(u"skipBadRecords"_s, false).toBool();
    // Each source is stored as it is read: one text in memory at a time, one transaction.
    DocumentBatch batch(store);
    if (!batch.isOpen())
        return fail(batch.errorString());
    qint64 done = 0;
    for (const QdeSource &source : project->sources) {
        std::optional<DatasetDocument> document = reader.read(source, &counts.warnings, &error);
        if (!document) {
            if (!skipBadRecords)
                return fail(u"%1: %2"_s.arg(path, error));
            // A source is a record: a bad one is left out, the others are taken.
            counts.badRecords << u"%1: %2"_s.arg(path, error);
        } else if (!batch.add(*document, u"%1: %2"_s.arg(path, source.name))) {
            return fail(batch.errorString());
        }
        if (progress && !progress(++done, project->sources.size()))
            return fail(tr("%1: cancelled").arg(path));
    }
    if (!batch.commit(&counts))
        return fail(batch.errorString());
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
