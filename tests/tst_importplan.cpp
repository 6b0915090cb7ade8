// SPDX-License-Identifier: GPL-3.0-or-later
// What an import of files and folders reads, and as which format.
#include "formats/importplan.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Byline;

namespace {

// First lines that tell the JSON formats apart.
const QByteArray bylineLine
    = R"({"id": "a", "text": "Putin spoke.", "entities": [{"id": "E1", "name": "Putin",)"
      R"( "type": "PERSON", "mentions": [{"start": 0, "end": 5}]}]})"
      "\n";
const QByteArray doccanoLine
    = R"({"id": 1, "text": "Putin spoke.", "entities": [{"id": 1, "label": "PERSON", "start_offset": 0,)"
      R"( "end_offset": 5}], "relations": []})"
      "\n";
const QByteArray oldDoccanoLine = R"({"id": 1, "text": "Putin spoke.", "label": [[0, 5, "PERSON"]]})"
                                  "\n";
const QByteArray labelStudioTasks = "\xEF\xBB\xBF  [{\"data\": {\"text\": \"Putin spoke.\"}}]\n";
const QByteArray bylineArticle = "{\"id\": \"a\", \"text\": \"Putin spoke.\"}\n";

} // namespace

class TestImportPlan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void folders_data();
    void folders();
    void namedFiles_data();
    void namedFiles();
    void missingPathsAreErrors();

private:
    // Writes each "path=content" of the layout under the temporary folder.
    void lay(const QStringList &layout);
    // "relative path:format" for each unit, the folder itself as ".".
    QStringList describe(const ImportPlan &plan) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestImportPlan::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestImportPlan::lay(const QStringList &layout)
{
    static const QHash<QString, QByteArray> contents { { u"byline"_s, bylineLine },
        { u"doccano"_s, doccanoLine }, { u"olddoccano"_s, oldDoccanoLine }, { u"tasks"_s, labelStudioTasks },
        { u"article"_s, bylineArticle } };
    for (const QString &entry : layout) {
        const QString path = m_dir->filePath(entry.section(u'=', 0, 0));
        QVERIFY(QDir().mkpath(QFileInfo(path).path()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QString content = entry.section(u'=', 1);
        file.write(contents.value(content, content.toUtf8()));
    }
}

QStringList TestImportPlan::describe(const ImportPlan &plan) const
{
    QStringList units;
    const QDir root(m_dir->path());
    for (const auto &[path, format] : plan.units()) {
        const QString relative = root.relativeFilePath(path);
        units << (relative.isEmpty() ? u"."_s : relative) + u':' + format;
    }
    return units;
}

void TestImportPlan::folders_data()
{
    QTest::addColumn<QStringList>("layout");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("units");
    QTest::addColumn<QStringList>("leftOut");

    QTest::newRow("each file by its name and first line")
        << QStringList { u"a.jsonl=byline"_s, u"b.jsonl=doccano"_s, u"c.jsonl=olddoccano"_s,
               u"d.json=tasks"_s, u"e.json=article"_s, u"f.html=<p>Text</p>"_s,
               u"g.conll=-DOCSTART- -X- O O"_s, u"h.jsonld={}"_s, u"i.qdpx=PK"_s, u"j.txt=Text"_s,
               u"README=Text"_s, u"k.pdf=%PDF"_s, u".hidden.txt=Text"_s }
        << QString()
        << QStringList { u"a.jsonl:jsonl"_s, u"b.jsonl:doccano"_s, u"c.jsonl:doccano"_s,
               u"d.json:labelstudio"_s, u"e.json:jsonl"_s, u"f.html:html"_s, u"g.conll:conll"_s,
               u"h.jsonld:w3c"_s, u"i.qdpx:qdpx"_s, u"j.txt:text"_s, u"README:text"_s }
        << QStringList { u"k.pdf"_s };
    QTest::newRow("numbers in names by value")
        << QStringList { u"part10.txt=x"_s, u"part2.txt=x"_s, u"Part1.txt=x"_s } << QString()
        << QStringList { u"Part1.txt:text"_s, u"part2.txt:text"_s, u"part10.txt:text"_s } << QStringList();
    QTest::newRow("a brat folder is one dataset, its subfolders their own") << QStringList {
        u"a.txt=Putin spoke."_s, u"a.ann=T1\tPERSON 0 5\tPutin"_s, u"annotation.conf="_s, u"more/b.txt=Text"_s
    } << QString() << QStringList { u".:brat"_s, u"more/b.txt:text"_s } << QStringList();
    QTest::newRow("a CSV folder is one dataset")
        << QStringList { u"articles.csv=id,text"_s, u"mentions.csv=article"_s, u"figures.csv=article"_s }
        << QString() << QStringList { u".:csv"_s } << QStringList();
    QTest::newRow("a format asked for takes its own files")
        << QStringList { u"a.jsonl=byline"_s, u"b.jsonl=byline"_s, u"notes.txt=Text"_s,
               u"sub/c.jsonl=byline"_s }
        << u"doccano"_s
        << QStringList { u"a.jsonl:doccano"_s, u"b.jsonl:doccano"_s, u"sub/c.jsonl:doccano"_s }
        << QStringList();
    QTest::newRow("plain text asked for takes text files")
        << QStringList { u"a.txt=x"_s, u"b.md=x"_s, u"c.jsonl=byline"_s } << u"text"_s
        << QStringList { u"a.txt:text"_s, u"b.md:text"_s } << QStringList();
    QTest::newRow("a folder format asked for takes the folder")
        << QStringList { u"a.txt=Putin spoke."_s, u"b.txt=Text"_s } << u"brat"_s
        << QStringList { u".:brat"_s } << QStringList();
}

void TestImportPlan::folders()
{
    QFETCH(QStringList, layout);
    QFETCH(QString, format);
    QFETCH(QStringList, units);
    QFETCH(QStringList, leftOut);
    lay(layout);

    const ImportPlan plan = ImportPlan::make({ m_dir->path() }, format);
    QCOMPARE(describe(plan), units);
    QCOMPARE(plan.warnings().size(), leftOut.size());
    for (qsizetype i = 0; i < leftOut.size(); ++i)
        QVERIFY2(plan.warnings().at(i).contains(leftOut.at(i)), qPrintable(plan.warnings().at(i)));
    QVERIFY(plan.errors().isEmpty());
}

void TestImportPlan::namedFiles_data()
{
    QTest::addColumn<QStringList>("layout");
    QTest::addColumn<QStringList>("named");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("units");

    QTest::newRow("a name no format claims is left to the caller")
        << QStringList { u"notes.xyz=Text"_s } << QStringList { u"notes.xyz"_s } << QString()
        << QStringList { u"notes.xyz:"_s };
    QTest::newRow("a format asked for takes a file of any name")
        << QStringList { u"feed.data=byline"_s } << QStringList { u"feed.data"_s } << u"jsonl"_s
        << QStringList { u"feed.data:jsonl"_s };
    QTest::newRow("a file named twice is read once")
        << QStringList { u"a.jsonl=byline"_s } << QStringList { u"a.jsonl"_s, u"./a.jsonl"_s } << QString()
        << QStringList { u"a.jsonl:jsonl"_s };
    QTest::newRow("in the order named") << QStringList { u"b.json=tasks"_s, u"a.jsonl=doccano"_s }
                                        << QStringList { u"b.json"_s, u"a.jsonl"_s } << QString()
                                        << QStringList { u"b.json:labelstudio"_s, u"a.jsonl:doccano"_s };
}

void TestImportPlan::namedFiles()
{
    QFETCH(QStringList, layout);
    QFETCH(QStringList, named);
    QFETCH(QString, format);
    QFETCH(QStringList, units);
    lay(layout);

    QStringList paths;
    for (const QString &name : named)
        paths << m_dir->filePath(name);
    const ImportPlan plan = ImportPlan::make(paths, format);
    QCOMPARE(describe(plan), units);
    QVERIFY(plan.warnings().isEmpty());
}

void TestImportPlan::missingPathsAreErrors()
{
    lay({ u"a.txt=x"_s });
    const QString missing = m_dir->filePath(u"gone.jsonl"_s);
    const ImportPlan plan = ImportPlan::make({ missing, m_dir->filePath(u"a.txt"_s) });
    QCOMPARE(describe(plan), QStringList { u"a.txt:text"_s });
    QCOMPARE(plan.errors().size(), 1);
    QVERIFY2(plan.errors().first().contains(missing), qPrintable(plan.errors().first()));
}

QTEST_GUILESS_MAIN(TestImportPlan)
#include "tst_importplan.moc"
