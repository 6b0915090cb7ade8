// SPDX-License-Identifier: GPL-3.0-or-later
// REFI-QDA project: the golden project.qde, a well-formed document in the standard's
// namespace using only the standard's element names, references that resolve (codes,
// selections, source files), positions in code points, and no file after a cancel.
// Reading: a written project reads back to what the format carries, and hostile archives
// (zip slip, DOCTYPE and entities, bad references, zip bombs) are refused by name, taking
// nothing.
#include "formatfixtures.h"
#include "formatroundtrip.h"
#include "residentmemory.h"

#include <KZip>

#include <QRegularExpression>
#include <QXmlStreamReader>

using namespace Byline;
using namespace Byline::FormatFixtures;
using namespace Qt::StringLiterals;

namespace {

const QString qdaNamespace = u"urn:QDA-XML:project:1.0"_s;

QString codePointSlice(const QString &text, qint64 start, qint64 end)
{
    const QList<uint> points = text.toUcs4();
    if (start < 0 || end > points.size() || start > end)
        return u"<out of range>"_s;
    return QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()) + start, end - start);
}

struct Selection {
    QString source;
    QString name;
    qint64 start = 0;
    qint64 end = 0;
    QStringList codes;
};

/// A raw deflate stream (RFC 1951) that inflates to head and then `fill` up to `size` bytes: one
/// block of fixed Huffman codes in which each copy of 258 bytes from one byte back costs 13 bits,
/// so a gigabyte comes from 6.6 MB, made in a moment, never held inflated.
QByteArray deflateBomb(const QByteArray &head, char fill, qint64 size)
{
    QByteArray out;
    out.reserve(size / 158 + 2 * head.size() + 16);
    quint64 buffer = 0;
    int bits = 0;
    auto put = [&](quint32 value, int count) { // deflate packs bits from the least significant
        buffer |= quint64(value) << bits;
        for (bits += count; bits >= 8; bits -= 8) {
            out.append(char(buffer & 0xff));
            buffer >>= 8;
        }
    };
    auto code = [&](quint32 value, int length) { // Huffman codes go most significant bit first
        quint32 reversed = 0;
        for (int i = 0; i < length; ++i)
            reversed |= ((value >> i) & 1) << (length - 1 - i);
        put(reversed, length);
    };
    auto literal = [&](uchar byte) { byte < 144 ? code(0x30 + byte, 8) : code(0x190 + byte - 144, 9); };
    put(1, 1); // the last block,
    put(1, 2); // of fixed codes
    for (const char c : head)
        literal(uchar(c));
    qint64 left = size - head.size();
    if (left > 0) {
        literal(uchar(fill));
        --left;
    }
    for (; left >= 258; left -= 258) {
        code(0xC5, 8); // length 258 (code 285)
        code(0, 5); // from distance 1 (code 0)
    }
    for (; left > 0; --left)
        literal(uchar(fill));
    code(0, 7); // the end of the block
    if (bits > 0)
        out.append(char(buffer & 0xff));
    return out;
}

/// One entry of a zip written by hand: sizes the archive declares that KZip's writer would
/// never get wrong.
struct ZipEntry {
    QString name;
    QByteArray data; ///< stored, or raw deflate when deflated
    bool deflated = false;
    qint64 declaredSize = 0;
};

bool writeZip(const QString &path, const QList<ZipEntry> &entries)
{
    auto u16 = [](QByteArray &to, quint32 value) {
        to.append(char(value & 0xff)).append(char((value >> 8) & 0xff));
    };
    auto u32 = [&](QByteArray &to, quint32 value) {
        u16(to, value & 0xffff);
        u16(to, value >> 16);
    };
    QByteArray zip;
    QByteArray directory;
    for (const ZipEntry &entry : entries) {
        const QByteArray name = entry.name.toUtf8();
        const quint32 offset = quint32(zip.size());
        for (QByteArray *header : { &zip, &directory }) {
            const bool central = header == &directory;
            u32(*header, central ? 0x02014b50 : 0x04034b50);
            if (central)
                u16(*header, 0x0314); // made by Unix, zip 2.0
            u16(*header, 20); // needs zip 2.0
            u16(*header, 0); // flags
            u16(*header, entry.deflated ? 8 : 0);
            u16(*header, 0); // 00:00
            u16(*header, 0x21); // 1980-01-01
            u32(*header, 0); // CRC-32, which KZip does not check
            u32(*header, quint32(entry.data.size()));
            u32(*header, quint32(entry.declaredSize));
            u16(*header, quint32(name.size()));
            u16(*header, 0); // extra field
            if (central) {
                u16(*header, 0); // comment
                u16(*header, 0); // disk
                u16(*header, 0); // internal attributes
                u32(*header, 0100644u << 16); // a regular file, rw-r--r--
                u32(*header, offset);
            }
            header->append(name);
        }
        zip.append(entry.data);
    }
    const quint32 directoryOffset = quint32(zip.size());
    zip.append(directory);
    u32(zip, 0x06054b50);
    u16(zip, 0);
    u16(zip, 0);
    u16(zip, quint32(entries.size()));
    u16(zip, quint32(entries.size()));
    u32(zip, quint32(directory.size()));
    u32(zip, directoryOffset);
    u16(zip, 0);
    return writeFile(path, zip);
}

} // namespace

class TestFormatsQdpx final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_qde;
    QHash<QString, QByteArray> m_files; // zip entry -> contents

    void readZip(const QString &path)
    {
        KZip zip(path);
        QVERIFY2(zip.open(QIODevice::ReadOnly), qPrintable(zip.errorString()));
        const KArchiveDirectory *root = zip.directory();
        const KArchiveFile *qde = root->file(u"project.qde"_s);
        QVERIFY(qde);
        m_qde = qde->data();
        m_files.insert(u"project.qde"_s, m_qde);
        const auto *sources = dynamic_cast<const KArchiveDirectory *>(root->entry(u"Sources"_s));
        QVERIFY(sources);
        for (const QString &name : sources->entries()) {
            const KArchiveFile *file = sources->file(name);
            QVERIFY(file);
            m_files.insert(u"Sources/"_s + name, file->data());
        }
        QCOMPARE(root->entries().size(), 2); // project.qde and Sources/, nothing else
    }

    /// A .qdpx holding the written archive's entries with some replaced, added or removed
    /// (an empty value removes the entry).
    QString hostileArchive(const QTemporaryDir &dir, const QHash<QString, QByteArray> &changes)
    {
        QHash<QString, QByteArray> files = m_files;
        for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
            if (it.value().isEmpty())
                files.remove(it.key());
            else
                files.insert(it.key(), it.value());
        }
        const QString path = dir.filePath(u"hostile.qdpx"_s);
        KZip zip(path);
        if (!zip.open(QIODevice::WriteOnly))
            return {};
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            if (!zip.writeFile(it.key(), it.value()))
                return {};
        }
        return zip.close() ? path : QString();
    }

    /// Each article's text, title, source, date and the annotations that qdpx carries.
    static QStringList carried(const QList<DatasetDocument> &documents)
    {
        QStringList lines;
        for (DatasetDocument document : documents) {
            const Article &article = document.article;
            lines << u"article %1 | %2 | %3 | %4 | %5"_s.arg(
                article.key, article.title, article.source, article.published, article.text.left(40));
            // A mention is written with its entity's status; a figure with its value and unit.
            for (Entity &entity : document.annotations.entities) {
                for (Mention &mention : entity.mentions)
                    mention.provenance.status = entity.provenance.status;
            }
            for (Figure &figure : document.annotations.figures) {
                figure.valueMax = QVariant();
                figure.qualifier.clear();
            }
            lines << FormatRoundTrip::entityLines(document) << FormatRoundTrip::quoteLines(document)
                  << FormatRoundTrip::figureLines(document);
        }
        return lines;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto store = fixtureProject(m_dir, u"fixtures.byline"_s);
        QVERIFY(store);
        const auto format = FormatRegistry::create(u"qdpx");
        const QString out = m_dir.filePath(u"out.qdpx"_s);
        QVERIFY2(format->write(*store, out, {}), qPrintable(format->errorString()));
        readZip(out);
    }

    void testRegistry()
    {
        const auto format = FormatRegistry::create(u"qdpx");
        QVERIFY(format);
        QCOMPARE(format->capabilities(), DatasetFormat::CanRead | DatasetFormat::CanWrite);
        QCOMPARE(FormatRegistry::forFileName(u"x.QDPX"_s, DatasetFormat::CanWrite)->shortName(), u"qdpx"_s);
        QCOMPARE(FormatRegistry::forFileName(u"x.qdpx"_s, DatasetFormat::CanRead)->shortName(), u"qdpx"_s);
        QVERIFY(
            FormatRegistry::fileFilters(DatasetFormat::CanWrite).contains(u"REFI-QDA project (*.qdpx)"_s));
        QVERIFY(FormatRegistry::fileFilters(DatasetFormat::CanRead).contains(u"REFI-QDA project (*.qdpx)"_s));
    }

    void testRoundTrip()
    {
        // The sample article and the article with emoji before its spans, written and read back.
        QTemporaryDir dir;
        auto original = fixtureProject(dir);
        QVERIFY(original);
        const auto format = FormatRegistry::create(u"qdpx");
        const QString path = dir.filePath(u"out.qdpx"_s);
        QVERIFY2(format->write(*original, path, {}), qPrintable(format->errorString()));
        auto copy = newProject(dir, u"copy.byline"_s);
        FormatReadReport report;
        QVERIFY2(format->read(*copy, path, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.articles, 2);
        QVERIFY(report.badRecords.isEmpty());
        QVERIFY2(report.warnings.isEmpty(), qPrintable(report.warnings.join(u'\n')));
        const QStringList expected = carried(FormatRoundTrip::documentsByKey(*original));
        QVERIFY(expected.size() > 10);
        QCOMPARE(carried(FormatRoundTrip::documentsByKey(*copy)), expected);

        // Written again, the project gives the same project.qde.
        const QString again = dir.filePath(u"again.qdpx"_s);
        QVERIFY2(format->write(*copy, again, {}), qPrintable(format->errorString()));
        KZip zip(again);
        QVERIFY(zip.open(QIODevice::ReadOnly));
        const KArchiveFile *qde = zip.directory()->file(u"project.qde"_s);
        QVERIFY(qde);
        QCOMPARE(qde->data().count("<PlainTextSelection"), m_qde.count("<PlainTextSelection"));
        QCOMPARE(qde->data().count("<Link "), m_qde.count("<Link "));
    }

    void testHostileInput_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");

        QTest::newRow("not a zip") << u"not a zip"_s << u"not a readable .qdpx"_s;
        QTest::newRow("truncated zip") << u"truncated"_s << u"not a readable .qdpx"_s;
        QTest::newRow("empty file") << u"empty"_s << u"not a readable .qdpx"_s;
        QTest::newRow("entry ../evil.txt") << u"entry:../evil.txt"_s << u"evil.txt"_s;
        QTest::newRow("entry /etc/x") << u"entry:/etc/x"_s << u"/etc/x"_s;
        QTest::newRow("entry sources/../../x") << u"entry:Sources/../../x"_s << u"../x"_s;
        QTest::newRow("entry with backslash") << u"entry:Sources\\..\\..\\x"_s << u"leads outside"_s;
        QTest::newRow("text path escaping")
            << u"text path"_s << u"not a file of the archive's Sources folder"_s;
        QTest::newRow("no project.qde") << u"no qde"_s << u"project.qde is missing"_s;
        QTest::newRow("external entity") << u"xxe"_s << u"DOCTYPE"_s;
        QTest::newRow("billion laughs") << u"laughs"_s << u"DOCTYPE"_s;
        QTest::newRow("not well-formed") << u"malformed"_s << u"not a well-formed project.qde"_s;
        QTest::newRow("selection outside the text") << u"outside"_s << u"outside the text"_s;
        QTest::newRow("positions not numbers") << u"not numbers"_s << u"outside the text"_s;
        QTest::newRow("unknown code") << u"unknown code"_s << u"unknown code ALIEN"_s;
        QTest::newRow("undefined code") << u"undefined code"_s << u"is not in the code book"_s;
        QTest::newRow("missing source file") << u"missing source"_s << u"is missing from the archive"_s;
        QTest::newRow("text not UTF-8") << u"latin1"_s << u"is not UTF-8"_s;
        QTest::newRow("duplicate GUIDs") << u"duplicate"_s << u"is used twice"_s;
        QTest::newRow("link to nothing") << u"dangling link"_s << u"which is no selection"_s;
    }

    void testHostileInput()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        // A file the external entity points to: its contents must never reach the project or a message.
        const QString secretPath = dir.filePath(u"secret.txt"_s);
        QVERIFY(writeFile(secretPath, "SECRET-7f3a"));
        const QString qde = QString::fromUtf8(m_qde);
        const QString firstText = m_files.keys().filter(u"Sources/"_s).value(0);
        QVERIFY(!firstText.isEmpty());
        auto withQde = [&](const QString &text) {
            return hostileArchive(dir, { { u"project.qde"_s, text.toUtf8() } });
        };
        auto replaceFirst = [&](const QString &pattern, const QString &replacement) {
            QString text = qde;
            const QRegularExpressionMatch match = QRegularExpression(pattern).match(text);
            return match.hasMatch() ? text.replace(match.capturedStart(), match.capturedLength(), replacement)
                                    : QString();
        };
        const QString declaration = u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"_s;
        QVERIFY(qde.startsWith(declaration));

        QString path = dir.filePath(u"in.qdpx"_s);
        if (kind == u"not a zip"_s) {
            QVERIFY(writeFile(path, "PK\x03\x04 not really a zip"));
        } else if (kind == u"truncated"_s) {
            const QByteArray whole = readFile(m_dir.filePath(u"out.qdpx"_s));
            QVERIFY(writeFile(path, whole.left(whole.size() / 2)));
        } else if (kind == u"empty"_s) {
            QVERIFY(writeFile(path, {}));
        } else if (kind.startsWith(u"entry:"_s)) {
            path = hostileArchive(dir, { { kind.mid(6), "evil" } });
        } else if (kind == u"text path"_s) {
            path = withQde(replaceFirst(u"internal://[^\"]*"_s, u"internal://../../etc/passwd"_s));
        } else if (kind == u"no qde"_s) {
            path = hostileArchive(dir, { { u"project.qde"_s, {} } });
        } else if (kind == u"xxe"_s) {
            path = withQde(declaration
                + u"<!DOCTYPE Project [<!ENTITY xxe SYSTEM \"file://%1\">]>\n"_s.arg(secretPath)
                + replaceFirst(u"<Description>[^<]*"_s, u"<Description>&xxe;"_s).mid(declaration.size()));
        } else if (kind == u"laughs"_s) {
            QString entities = u"<!ENTITY lol0 \"lol\">"_s;
            for (int i = 1; i < 10; ++i)
                entities += u"<!ENTITY lol%1 \"%2\">"_s.arg(i).arg(u"&lol%1;"_s.arg(i - 1).repeated(10));
            path = withQde(declaration + u"<!DOCTYPE Project [%1]>\n"_s.arg(entities)
                + replaceFirst(u"<Description>[^<]*"_s, u"<Description>&lol9;"_s).mid(declaration.size()));
        } else if (kind == u"malformed"_s) {
            path = withQde(qde.left(qde.size() / 2));
        } else if (kind == u"outside"_s) {
            path = withQde(replaceFirst(u"endPosition=\"\\d+\""_s, u"endPosition=\"99999999\""_s));
        } else if (kind == u"not numbers"_s) {
            path = withQde(replaceFirst(u"startPosition=\"\\d+\""_s, u"startPosition=\"one\""_s));
        } else if (kind == u"unknown code"_s) {
            path = withQde(replaceFirst(u"name=\"PERSON\""_s, u"name=\"ALIEN\""_s));
        } else if (kind == u"undefined code"_s) {
            path = withQde(replaceFirst(u"<CodeRef targetGUID=\"[^\"]*\""_s,
                u"<CodeRef targetGUID=\"00000000-0000-0000-0000-000000000000\""_s));
        } else if (kind == u"missing source"_s) {
            path = hostileArchive(dir, { { firstText, {} } });
        } else if (kind == u"latin1"_s) {
            path = hostileArchive(dir, { { firstText, "caf\xe9 \xff" } });
        } else if (kind == u"duplicate"_s) {
            const QRegularExpression selection(u"<PlainTextSelection guid=\"([^\"]*)\""_s);
            auto matches = selection.globalMatch(qde);
            QVERIFY(matches.hasNext());
            const QString first = matches.next().captured(1);
            QVERIFY(matches.hasNext());
            const QRegularExpressionMatch second = matches.next();
            QString text = qde;
            text.replace(second.capturedStart(1), second.capturedLength(1), first);
            path = withQde(text);
        } else if (kind == u"dangling link"_s) {
            path = withQde(replaceFirst(u"(<Link [^>]*targetGUID=\")[^\"]*"_s,
                u"<Link guid=\"11111111-1111-1111-1111-111111111111\" name=\"speaker\" direction=\"OneWay\" "
                "originGUID=\"%1\" targetGUID=\"22222222-2222-2222-2222-222222222222"_s.arg(
                    QRegularExpression(u"<Link [^>]*originGUID=\"([^\"]*)\""_s).match(qde).captured(1))));
        }
        QVERIFY2(!path.isEmpty(), "the hostile archive could not be made");

        auto store = newProject(dir, u"p.byline"_s);
        QVERIFY(store);
        const qint64 before = store->articleCount();
        const auto format = FormatRegistry::create(u"qdpx");
        FormatReadReport report;
        QVERIFY(!format->read(*store, path, &report, {}));
        QVERIFY2(format->errorString().contains(message), qPrintable(format->errorString()));
        QVERIFY(!format->errorString().contains(u"SECRET"_s));
        QCOMPARE(store->articleCount(), before);
    }

    void testReadsAnotherProgramsProject()
    {
        // As QualCoder writes it: codes at the top of the code book, a "sources" folder, no
        // descriptions; the same code on the same text is one entity. A selection outside any
        // TextSource is ignored, not a crash.
        QTemporaryDir dir;
        // Single-quoted attributes in plain literals: with a raw string literal AutoMoc found no class.
        const QByteArray qde
            = "<?xml version='1.0' encoding='utf-8'?>\n"
              "<Project xmlns='urn:QDA-XML:project:1.0' name='interviews' origin='QualCoder'>\n"
              " <CodeBook><Codes>\n"
              "  <Code guid='c0000000-0000-0000-0000-000000000001' name='PERSON' isCodable='true'/>\n"
              "  <PlainTextSelection guid='c0000000-0000-0000-0000-000000000009' startPosition='0' "
              "endPosition='1'>\n"
              "   <Description>stray</Description>\n"
              "   <Coding guid='c0000000-0000-0000-0000-00000000000a'><CodeRef "
              "targetGUID='nowhere'/></Coding>\n"
              "  </PlainTextSelection>\n"
              " </Codes></CodeBook>\n"
              " <Sources>\n"
              "  <TextSource guid='c0000000-0000-0000-0000-000000000002' name='interview' "
              "plainTextPath='internal://s1.txt'>\n"
              "   <PlainTextSelection guid='c0000000-0000-0000-0000-000000000003' startPosition='2' "
              "endPosition='7'>\n"
              "    <Coding guid='c0000000-0000-0000-0000-000000000004'><CodeRef "
              "targetGUID='c0000000-0000-0000-0000-000000000001'/></Coding>\n"
              "   </PlainTextSelection>\n"
              "   <PlainTextSelection guid='c0000000-0000-0000-0000-000000000005' startPosition='12' "
              "endPosition='17'>\n"
              "    <Coding guid='c0000000-0000-0000-0000-000000000006'><CodeRef "
              "targetGUID='c0000000-0000-0000-0000-000000000001'/></Coding>\n"
              "   </PlainTextSelection>\n"
              "  </TextSource>\n"
              " </Sources>\n"
              "</Project>\n";
        const QString path = dir.filePath(u"qualcoder.qdpx"_s);
        {
            KZip zip(path);
            QVERIFY(zip.open(QIODevice::WriteOnly));
            QVERIFY(zip.writeFile(u"project.qde"_s, qde));
            QVERIFY(zip.writeFile(u"sources/s1.txt"_s, u"😀 Putin met Putin."_s.toUtf8()));
            QVERIFY(zip.close());
        }
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"qdpx");
        FormatReadReport report;
        QVERIFY2(format->read(*store, path, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.articles, 1);
        const QList<DatasetDocument> documents = projectDocuments(*store);
        QCOMPARE(documents.size(), 1);
        QCOMPARE(documents.first().article.key, u"interview"_s);
        QCOMPARE(FormatRoundTrip::entityLines(documents.first()),
            QStringList({ u"PERSON Putin 12-17 “Putin” manual"_s, u"PERSON Putin 2-7 “Putin” manual"_s }));
        QCOMPARE(documents.first().annotations.entities.size(), 1);
    }

    void testSkipBadRecords()
    {
        // An unknown code spoils one source (NORP is in the Kazakhstan article only): skipping bad records
        // takes the other and names it.
        QTemporaryDir dir;
        QString qde = QString::fromUtf8(m_qde);
        qde.replace(u"name=\"NORP\""_s, u"name=\"ALIEN\""_s);
        const QString path = hostileArchive(dir, { { u"project.qde"_s, qde.toUtf8() } });
        QVERIFY(!path.isEmpty());
        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"qdpx");
        QVERIFY(!format->read(*store, path, nullptr, {}));
        QCOMPARE(store->articleCount(), 0);
        format->setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QVERIFY2(format->read(*store, path, &report, {}), qPrintable(format->errorString()));
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords.first().contains(u"unknown code ALIEN"_s),
            qPrintable(report.badRecords.first()));
        QCOMPARE(report.articles, 1);
        QCOMPARE(store->articleCount(), 1);
    }

    void testGolden() { compareGolden(m_qde, u"expected.qdpx.project.qde"_s); }

    void testWellFormedWithTheStandardsNames()
    {
        // The element and attribute names of the REFI-QDA Project Exchange standard
        // (Project.xsd, namespace urn:QDA-XML:project:1.0) that Byline writes.
        const QSet<QString> elements { u"Project"_s, u"CodeBook"_s, u"Codes"_s, u"Code"_s, u"Description"_s,
            u"Sources"_s, u"TextSource"_s, u"PlainTextSelection"_s, u"Coding"_s, u"CodeRef"_s, u"Links"_s,
            u"Link"_s };
        const QHash<QString, QStringList> required {
            { u"Project"_s, { u"name"_s } },
            { u"Code"_s, { u"guid"_s, u"name"_s, u"isCodable"_s } },
            { u"TextSource"_s, { u"guid"_s, u"name"_s, u"plainTextPath"_s } },
            { u"PlainTextSelection"_s, { u"guid"_s, u"startPosition"_s, u"endPosition"_s } },
            { u"Coding"_s, { u"guid"_s } },
            { u"CodeRef"_s, { u"targetGUID"_s } },
            { u"Link"_s, { u"guid"_s, u"originGUID"_s, u"targetGUID"_s, u"direction"_s } },
        };
        const QRegularExpression guidPattern(
            u"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s);

        QXmlStreamReader xml(m_qde);
        QSet<QString> codes, selections, codeRefs, linkEnds, textPaths;
        QHash<QString, Selection> selectionByGuid;
        QString source;
        QString selection;
        int links = 0;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const QString name = xml.name().toString();
            QVERIFY2(elements.contains(name), qPrintable(name));
            QCOMPARE(xml.namespaceUri().toString(), qdaNamespace);
            const QXmlStreamAttributes attributes = xml.attributes();
            for (const QString &attribute : required.value(name))
                QVERIFY2(attributes.hasAttribute(attribute), qPrintable(name + u'.' + attribute));
            if (attributes.hasAttribute(u"guid"_s))
                QVERIFY(guidPattern.matchView(attributes.value(u"guid"_s)).hasMatch());
            if (name == u"Code"_s) {
                codes.insert(attributes.value(u"guid"_s).toString());
            } else if (name == u"TextSource"_s) {
                source = attributes.value(u"guid"_s).toString();
                textPaths.insert(attributes.value(u"plainTextPath"_s).toString());
            } else if (name == u"PlainTextSelection"_s) {
                selection = attributes.value(u"guid"_s).toString();
                selections.insert(selection);
                selectionByGuid.insert(selection,
                    { source, attributes.value(u"name"_s).toString(),
                        attributes.value(u"startPosition"_s).toLongLong(),
                        attributes.value(u"endPosition"_s).toLongLong(), {} });
            } else if (name == u"CodeRef"_s) {
                codeRefs.insert(attributes.value(u"targetGUID"_s).toString());
                selectionByGuid[selection].codes << attributes.value(u"targetGUID"_s).toString();
            } else if (name == u"Link"_s) {
                ++links;
                QCOMPARE(attributes.value(u"direction"_s).toString(), u"OneWay"_s);
                linkEnds << attributes.value(u"originGUID"_s).toString()
                         << attributes.value(u"targetGUID"_s).toString();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(codes.size() > 10);
        QVERIFY(links > 0);
        QVERIFY(codeRefs.subtract(codes).isEmpty());
        QVERIFY(linkEnds.subtract(selections).isEmpty());

        // Every source's text is in the archive, and every selection lies inside it.
        QCOMPARE(textPaths.size(), 2);
        for (const QString &path : textPaths) {
            QVERIFY(path.startsWith(u"internal://"_s));
            QVERIFY2(m_files.contains(u"Sources/"_s + path.mid(11)), qPrintable(path));
        }
        bool foundZelenska = false;
        for (const Selection &s : std::as_const(selectionByGuid)) {
            const QString text = QString::fromUtf8(m_files.value(u"Sources/"_s + s.source + u".txt"_s));
            const QString covered = codePointSlice(text, s.start, s.end);
            QVERIFY2(!covered.isEmpty() && covered != u"<out of range>"_s, qPrintable(s.name));
            if (s.name == u"Olena Zelenska"_s && covered == u"Olena Zelenska"_s && text.startsWith(u"😀"_s))
                foundZelenska = true;
            QVERIFY(!s.codes.isEmpty());
        }
        QVERIFY2(foundZelenska, "the mention after the emoji is counted in code points");
    }

    void testZipBomb_data()
    {
        // What an entry inflates to is only known by inflating it: the sizes the archive declares
        // are checked first, and then no entry is inflated past the size it declares.
        QTest::addColumn<QString>("entry"); // "text": the first article's text
        QTest::addColumn<qint64>("declared"); // 0: the size of the entry it replaces
        QTest::addColumn<qint64>("inflated");
        QTest::addColumn<QString>("message"); // %1: the entry's name
        QTest::addColumn<int>("takenWhenSkipping"); // -1: the whole archive is refused
        constexpr qint64 gigabyte = 1024LL * 1024 * 1024;
        QTest::newRow("text-declaring-a-gigabyte")
            << u"text"_s << gigabyte << gigabyte
            << u"its text %1 is too large for an article (256 MB at most)"_s << 1;
        QTest::newRow("text-hiding-a-gigabyte")
            << u"text"_s << qint64(0) << gigabyte << u"the archive entry %1 inflates to more than the"_s << 1;
        // The other way round: a damaged entry would come in cut short, its spans off its end.
        QTest::newRow("text-cut-short")
            << u"text"_s << qint64(10000) << qint64(100) << u"its text %1 is damaged in the archive"_s << 1;
        QTest::newRow("project-declaring-two-gigabytes")
            << u"project.qde"_s << 2 * gigabyte << 2 * gigabyte
            << u"%1 would inflate to 2048 MB, more than the 1024 MB an import reads"_s << -1;
        QTest::newRow("project-hiding-a-gigabyte")
            << u"project.qde"_s << qint64(0) << gigabyte
            << u"the archive entry %1 inflates to more than the"_s << -1;
    }

    void testZipBomb()
    {
        QFETCH(QString, entry);
        QFETCH(qint64, declared);
        QFETCH(qint64, inflated);
        QFETCH(QString, message);
        QFETCH(int, takenWhenSkipping);
        QTemporaryDir dir;
        const QString name = entry == u"text"_s ? m_files.keys().filter(u"Sources/"_s).value(0) : entry;
        QVERIFY(m_files.contains(name));
        // A text of "x", or project.qde whose first source's Description never ends: a text the
        // reader would hold whole.
        const QByteArray opening = "<Description>";
        const qsizetype description = m_qde.indexOf(opening, m_qde.indexOf("<TextSource "));
        QVERIFY(description > 0);
        const QByteArray head
            = name == u"project.qde"_s ? m_qde.left(description + opening.size()) : QByteArray();
        QList<ZipEntry> entries;
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it) {
            if (it.key() == name)
                entries.append({ name, deflateBomb(head, 'x', inflated), true,
                    declared > 0 ? declared : it.value().size() });
            else
                entries.append({ it.key(), it.value(), false, it.value().size() });
        }
        const QString path = dir.filePath(u"bomb.qdpx"_s);
        QVERIFY(writeZip(path, entries));
        QVERIFY(QFileInfo(path).size() < 16 * 1024 * 1024);

        auto store = newProject(dir, u"p.byline"_s);
        const auto format = FormatRegistry::create(u"qdpx");
        resetPeakMemory();
        const double peakBefore = residentMemory().second;
        QVERIFY(!format->read(*store, path, nullptr, {}));
        const double peakAfter = residentMemory().second;
        QVERIFY2(format->errorString().startsWith(path + u": "_s), qPrintable(format->errorString()));
        QVERIFY2(format->errorString().contains(message.arg(name)), qPrintable(format->errorString()));
        QCOMPARE(store->articleCount(), 0);
        QVERIFY2(peakAfter - peakBefore < 300,
            qPrintable(u"peak %1 MB -> %2 MB"_s.arg(peakBefore).arg(peakAfter)));

        // A text is one article's: skipping bad records takes the other. Without project.qde, nothing.
        format->setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QCOMPARE(format->read(*store, path, &report, {}), takenWhenSkipping >= 0);
        QCOMPARE(store->articleCount(), std::max(takenWhenSkipping, 0));
        if (takenWhenSkipping < 0)
            return;
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords[0].contains(message.arg(name)), qPrintable(report.badRecords[0]));
    }

    void testCancelledExportLeavesTheOldFile()
    {
        QTemporaryDir dir;
        auto store = fixtureProject(dir);
        const auto format = FormatRegistry::create(u"qdpx");
        const QString out = dir.filePath(u"out.qdpx"_s);
        QVERIFY(!format->write(*store, out, [](qint64, qint64) { return false; }));
        QVERIFY(!QFile::exists(out));
        QVERIFY(writeFile(out, "old"));
        QVERIFY(!format->write(*store, out, [](qint64, qint64) { return false; }));
        QCOMPARE(readFile(out), QByteArray("old"));
        QVERIFY(format->errorString().contains(u"cancelled"_s));
    }
};

QTEST_GUILESS_MAIN(TestFormatsQdpx)
#include "tst_formats_qdpx.moc"
