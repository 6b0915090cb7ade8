// SPDX-License-Identifier: GPL-3.0-or-later
// REFI-QDA project: the golden project.qde, a well-formed document in the standard's
// namespace using only the standard's element names, references that resolve (codes,
// selections, source files), positions in code points, and no file after a cancel.
// Reading: a written project reads back to what the format carries, and hostile archives
// (zip slip, DOCTYPE and entities, bad references) are refused by name, taking nothing.
#include "formatfixtures.h"
#include "formatroundtrip.h"

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
