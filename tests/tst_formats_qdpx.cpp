// SPDX-License-Identifier: GPL-3.0-or-later
// REFI-QDA project: the golden project.qde, a well-formed document in the standard's
// namespace using only the standard's element names, references that resolve (codes,
// selections, source files), positions in code points, and no file after a cancel.
#include "formatfixtures.h"

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
        QCOMPARE(format->capabilities(), DatasetFormat::Capabilities(DatasetFormat::CanWrite));
        QCOMPARE(FormatRegistry::forFileName(u"x.QDPX"_s, DatasetFormat::CanWrite)->shortName(), u"qdpx"_s);
        QVERIFY(
            FormatRegistry::fileFilters(DatasetFormat::CanWrite).contains(u"REFI-QDA project (*.qdpx)"_s));
        QVERIFY(!FormatRegistry::forFileName(u"x.qdpx"_s, DatasetFormat::CanRead));
        // Reading is refused with a message, and the project is left alone.
        QTemporaryDir dir;
        auto store = newProject(dir, u"p.byline"_s);
        QVERIFY(writeFile(dir.filePath(u"not.qdpx"_s), "PK\x03\x04 not really a zip"));
        QVERIFY(!format->read(*store, dir.filePath(u"not.qdpx"_s), nullptr, {}));
        QVERIFY(format->errorString().contains(u"cannot be read"_s));
        QCOMPARE(store->articleCount(), 0);
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
