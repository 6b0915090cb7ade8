// SPDX-License-Identifier: GPL-3.0-or-later
#include "qdpxformat.h"

#include "offsetmap.h"
#include "projectdocuments.h"
#include "schema.h"
#include "store.h"

#include <KZip>

#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryFile>
#include <QUuid>
#include <QXmlStreamWriter>

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
    return CanWrite;
}

QString QdpxFormat::limitations() const
{
    return tr("Written only. Figure values and units are kept as descriptions; confidences, "
              "annotators and qualifiers are left out.");
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

} // namespace Byline
