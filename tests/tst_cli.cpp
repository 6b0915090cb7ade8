// SPDX-License-Identifier: GPL-3.0-or-later
// The byline command line, run as a user runs it: a separate process, exit codes, output.
#include "assignments.h"
#include "corpussearch.h"
#include "searchbacklog.h"
#include "selectionfixture.h"
#include "store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run byline(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(BYLINE_BINARY), arguments);
    if (!process.waitForFinished(60000))
        return {};
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void version();
    void help();
    void importCreatesTheProject();
    void importReportsBadFilesAndKeepsGoodOnes();
    void importReadsAFolderOfDatasets();
    void importFormatOverridesTheName();
    void importTwiceSkipsTheSameText();
    void infoListsArticles();
    void errors_data();
    void errors();
    void lockedProjectIsRefusedForWriting();
    void extractExportAndEvalAgree();
    void exportRoundTripsThroughImport();
    void formatOptionsReachTheFormat();
    void offsetsOptionIsCheckedAgainstTheFormat_data();
    void offsetsOptionIsCheckedAgainstTheFormat();
    void utf16OffsetsRoundTripThroughImport();
    void exportFilters_data();
    void exportFilters();
    void exportFilterErrors_data();
    void exportFilterErrors();
    void importSkipsBadRecordsWhenAsked();
    void evalMeetsTheTargetsOnTheDevSet();
    void assignBalancesAndKeepsEarlierAssignments();
    void unassignAndMove();
    void assignErrors_data();
    void assignErrors();
};

void TestCli::version()
{
    const Run run = byline({ u"--version"_s });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out.trimmed(), u"byline " BYLINE_VERSION ""_s);
}

void TestCli::help()
{
    const Run run = byline({ u"--help"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(u"import PROJECT"_s));
    QVERIFY(run.out.contains(u"info [--articles] PROJECT"_s));
    QVERIFY(run.out.contains(u"--screenshot"_s));
}

void TestCli::importCreatesTheProject()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"new.byline"_s);
    const QString article = dir.filePath(u"putin-speaks.txt"_s);
    writeFile(article, "Putin speaks\n\nVladimir Putin said 😀 “no” on Monday.\n");

    const Run run = byline({ u"import"_s, project, article });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"imported putin-speaks"_s), qPrintable(run.out));

    StoreError error;
    auto store = Store::open(project, Store::Mode::ReadOnly, &error);
    QVERIFY2(store, qPrintable(error.message));
    QCOMPARE(store->articleCount(), 1);
    const auto stored = store->article(*store->articleIdForKey(u"putin-speaks"_s));
    QVERIFY(stored);
    QCOMPARE(stored->title, u"Putin speaks"_s);
    QCOMPARE(stored->text, u"Putin speaks\n\nVladimir Putin said 😀 “no” on Monday.\n"_s);
}

void TestCli::importReportsBadFilesAndKeepsGoodOnes()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.byline"_s);
    const QString folder = dir.filePath(u"in"_s);
    QVERIFY(QDir().mkpath(folder));
    writeFile(folder + u"/good.txt"_s, "Headline\n\nBody text of the article.\n");
    writeFile(folder + u"/binary.txt"_s, QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    writeFile(folder + u"/empty.txt"_s, "");
    writeFile(folder + u"/legacy.txt"_s, "Caf\xe9 owner said \x93yes\x94.\n");

    const Run run = byline({ u"import"_s, project, folder });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"binary.txt"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"empty.txt"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"windows-1252"_s), qPrintable(run.err));

    StoreError error;
    auto store = Store::open(project, Store::Mode::ReadOnly, &error);
    QVERIFY(store);
    QCOMPARE(store->articleCount(), 2);
    const auto legacy = store->article(*store->articleIdForKey(u"legacy"_s));
    QVERIFY(legacy);
    QCOMPARE(legacy->text, u"Café owner said “yes”.\n"_s);
}

void TestCli::importReadsAFolderOfDatasets()
{
    // Two gold articles, exported in four formats into one folder beside a new text article.
    QTemporaryDir dir;
    const QString source = dir.filePath(u"source.byline"_s);
    const QString gold = QStringLiteral(BYLINE_TEST_DATA) + u"/eval/"_s;
    QCOMPARE(byline({ u"import"_s, source, gold + u"kazakhstan-coup-putin.gold.json"_s,
                        gold + u"civil-servants-in-strike-ballot.gold.json"_s })
                 .exitCode,
        0);
    const QString folder = dir.filePath(u"incoming"_s);
    const std::pair<QString, QString> exports[] = { { u"brat"_s, u"1-brat"_s },
        { u"doccano"_s, u"2.jsonl"_s }, { u"labelstudio"_s, u"3.json"_s }, { u"csv"_s, u"4-tables"_s } };
    for (const auto &[format, name] : exports) {
        const Run exported
            = byline({ u"export"_s, source, u"--format"_s, format, u"-o"_s, folder + u'/' + name });
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    }
    writeFile(folder + u"/5 letter.txt"_s, "Letters\n\nReaders wrote in.\n");
    writeFile(folder + u"/6.pdf"_s, "%PDF-1.7\n");

    const QString project = dir.filePath(u"p.byline"_s);
    const Run run = byline({ u"import"_s, project, folder });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // The brat folder came first, with its annotations; each later dataset was read as its
    // format (another would fail on its first record) and found its articles already there.
    QVERIFY2(run.out.contains(u"imported 2 article(s) from %1/1-brat"_s.arg(folder)), qPrintable(run.out));
    for (const QString &name : { u"2.jsonl"_s, u"3.json"_s, u"4-tables"_s })
        QVERIFY2(
            run.out.contains(u"imported 0 article(s) from %1/%2"_s.arg(folder, name)), qPrintable(run.out));
    QCOMPARE(run.err.count(u"already in the project"_s), 6);
    QVERIFY2(run.out.contains(u"“Letters”"_s), qPrintable(run.out));
    QVERIFY2(run.err.contains(u"6.pdf: no format Byline reads, left out"_s), qPrintable(run.err));

    StoreError error;
    const auto store = Store::open(project, Store::Mode::ReadOnly, &error);
    QVERIFY2(store, qPrintable(error.message));
    QCOMPARE(store->articleCount(), 3);
    const auto sourceStore = Store::open(source, Store::Mode::ReadOnly, &error);
    QVERIFY2(sourceStore, qPrintable(error.message));
    QCOMPARE(store->annotationCounts().count(Layer::Entities),
        sourceStore->annotationCounts().count(Layer::Entities));
    QCOMPARE(
        store->annotationCounts().count(Layer::Quotes), sourceStore->annotationCounts().count(Layer::Quotes));
}

void TestCli::importFormatOverridesTheName()
{
    QTemporaryDir dir;
    const QString feed = dir.filePath(u"feed.data"_s);
    writeFile(feed,
        R"({"id": "a", "text": "Putin spoke.", "entities": [{"id": "E1", "name": "Putin", "type": "PERSON",)"
        R"( "mentions": [{"start": 0, "end": 5}]}]})"
        "\n");
    // A name no format claims is plain text; --format reads it as the dataset it is.
    const QString plain = dir.filePath(u"plain.byline"_s);
    QCOMPARE(byline({ u"import"_s, plain, feed }).exitCode, 0);
    const QString dataset = dir.filePath(u"dataset.byline"_s);
    const Run run = byline({ u"import"_s, dataset, feed, u"--format"_s, u"jsonl"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"imported 1 article(s) from "_s + feed), qPrintable(run.out));
    // The rows went in first, then into the search index, before the command ended.
    QVERIFY2(run.out.contains(u"indexed for search in "_s), qPrintable(run.out));

    StoreError error;
    const auto asText = Store::open(plain, Store::Mode::ReadOnly, &error);
    QVERIFY2(asText, qPrintable(error.message));
    QCOMPARE(asText->articleCount(), 1);
    QCOMPARE(asText->annotationCounts().count(Layer::Entities), 0);
    const auto asDataset = Store::open(dataset, Store::Mode::ReadOnly, &error);
    QVERIFY2(asDataset, qPrintable(error.message));
    const auto id = asDataset->articleIdForKey(u"a"_s);
    QVERIFY(id);
    QCOMPARE(asDataset->article(*id)->text, u"Putin spoke."_s);
    QCOMPARE(asDataset->annotationCounts().count(Layer::Entities), 1);
    QCOMPARE(SearchBacklog::remaining(*asDataset), 0);
    CorpusSearch search(*asDataset);
    QVERIFY(search.setQuery(u"type:PERSON putin"_s));
    QCOMPARE(search.fetch().size(), 1);
}

void TestCli::importTwiceSkipsTheSameText()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.byline"_s);
    const QString article = dir.filePath(u"a.txt"_s);
    writeFile(article, "Title\n\nText.\n");
    QCOMPARE(byline({ u"import"_s, project, article }).exitCode, 0);
    const Run again = byline({ u"import"_s, project, article });
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.out.contains(u"skipped"_s), qPrintable(again.out));

    // The same name with another text is a new article under a unique id.
    writeFile(article, "Title\n\nAnother text.\n");
    const Run changed = byline({ u"import"_s, project, article });
    QCOMPARE(changed.exitCode, 0);
    QVERIFY2(changed.out.contains(u"imported a-2"_s), qPrintable(changed.out));
}

void TestCli::infoListsArticles()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.byline"_s);
    const QString article = dir.filePath(u"kazakhstan.txt"_s);
    writeFile(article, "Kazakhstan speaks\n\nPresident Tokayev said the unrest was a coup attempt.\n");
    QCOMPARE(byline({ u"import"_s, project, article }).exitCode, 0);

    const Run summary = byline({ u"info"_s, project });
    QCOMPARE(summary.exitCode, 0);
    QVERIFY2(summary.out.contains(u"Articles: 1 (todo 1, in progress 0, done 0)"_s), qPrintable(summary.out));
    QVERIFY(summary.out.contains(u"Quotes:   0"_s));
    QVERIFY(!summary.out.contains(u"Tokayev"_s));

    const Run listing = byline({ u"info"_s, u"--articles"_s, project });
    QCOMPARE(listing.exitCode, 0);
    QVERIFY(listing.out.contains(u"kazakhstan  “Kazakhstan speaks”  [todo]"_s));
    QVERIFY(listing.out.contains(u"President Tokayev said the unrest was a coup attempt."_s));
}

void TestCli::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    QTest::newRow("info-missing-project")
        << QStringList { u"info"_s, u"/nonexistent/x.byline"_s } << 1 << u"does not exist"_s;
    QTest::newRow("info-not-a-project")
        << QStringList { u"info"_s, QStringLiteral(BYLINE_TEST_DATA) + u"/../tst_cli.cpp"_s } << 1
        << u"not a Byline project"_s;
    QTest::newRow("import-without-files")
        << QStringList { u"import"_s, u"x.byline"_s } << 1 << u"at least one file"_s;
    QTest::newRow("import-unknown-format")
        << QStringList { u"import"_s, u"x.byline"_s, u"a.xml"_s, u"--format"_s, u"tei"_s } << 1
        << u"unknown format tei (known: jsonl, csv, conll, brat, doccano, labelstudio, w3c, qdpx, text, html)"_s;
    QTest::newRow("unknown-option") << QStringList { u"info"_s, u"--frobnicate"_s, u"x.byline"_s } << 2
                                    << u"frobnicate"_s;
}

void TestCli::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);

    const Run run = byline(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestCli::lockedProjectIsRefusedForWriting()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.byline"_s);
    const QString article = dir.filePath(u"a.txt"_s);
    writeFile(article, "Title\n\nText.\n");

    StoreError error;
    auto holder = Store::open(project, Store::Mode::ReadWrite, &error);
    QVERIFY(holder);
    const Run run = byline({ u"import"_s, project, article });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"open in another Byline"_s), qPrintable(run.err));
    // Reading while another process writes is fine.
    QCOMPARE(byline({ u"info"_s, project }).exitCode, 0);
}

void TestCli::extractExportAndEvalAgree()
{
    // The dev set's texts, extracted in a project and exported, score as eval scores them
    // when it extracts by itself: the project adds and loses nothing on the way.
    QTemporaryDir dir;
    const QString project = dir.filePath(u"dev.byline"_s);
    const QString gold = QStringLiteral(BYLINE_TEST_DATA) + u"/eval"_s;
    QStringList texts;
    for (const QString &name : QDir(gold).entryList({ u"*.txt"_s }))
        texts << gold + u'/' + name;
    QVERIFY(texts.size() >= 9);

    QCOMPARE(byline(QStringList { u"import"_s, project } + texts).exitCode, 0);
    const Run extracted = byline({ u"extract"_s, project });
    QCOMPARE(extracted.exitCode, 0);
    QVERIFY2(extracted.out.contains(u"extracted %1 articles"_s.arg(texts.size())), qPrintable(extracted.out));
    const QString predictions = dir.filePath(u"pred.jsonl"_s);
    const Run exported = byline({ u"export"_s, project, u"--format"_s, u"jsonl"_s, u"-o"_s, predictions });
    QCOMPARE(exported.exitCode, 0);
    QVERIFY(QFileInfo(predictions).size() > 0);

    const QString report = dir.filePath(u"report.json"_s);
    const Run fromFile
        = byline({ u"eval"_s, u"--gold"_s, gold, u"--predicted"_s, predictions, u"--json"_s, report });
    const Run fromProject = byline({ u"eval"_s, u"--gold"_s, gold, u"--project"_s, project });
    const Run direct = byline({ u"eval"_s, u"--gold"_s, gold });
    QCOMPARE(fromFile.exitCode, 0);
    const QString summary = fromFile.out.section(u'\n', 3, 3);
    QVERIFY2(summary.startsWith(u"quotes_f1="_s), qPrintable(fromFile.out));
    QCOMPARE(fromProject.out, fromFile.out);
    QCOMPARE(direct.out, fromFile.out);
    QFile json(report);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QVERIFY(json.readAll().contains("entities"));

    // Extracting again changes nothing.
    const Run again = byline({ u"extract"_s, project });
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(byline({ u"info"_s, project }).out, byline({ u"info"_s, project }).out);
    const Run reexported = byline({ u"export"_s, project, u"-o"_s, dir.filePath(u"again.jsonl"_s) });
    QCOMPARE(reexported.exitCode, 0);
    QCOMPARE(byline({ u"eval"_s, u"--gold"_s, gold, u"--predicted"_s, dir.filePath(u"again.jsonl"_s) }).out,
        fromFile.out);
}

void TestCli::exportRoundTripsThroughImport()
{
    // Gold files imported with their annotations, exported, imported into a second project
    // and exported again: the two exports are the same bytes.
    QTemporaryDir dir;
    const QString gold = QStringLiteral(BYLINE_TEST_DATA) + u"/eval/kazakhstan-coup-putin.gold.json"_s;
    const QString first = dir.filePath(u"first.byline"_s);
    QCOMPARE(byline({ u"import"_s, first, gold }).exitCode, 0);
    QCOMPARE(byline({ u"export"_s, first, u"-o"_s, dir.filePath(u"first.jsonl"_s) }).exitCode, 0);
    const QString second = dir.filePath(u"second.byline"_s);
    QCOMPARE(byline({ u"import"_s, second, dir.filePath(u"first.jsonl"_s) }).exitCode, 0);
    QCOMPARE(byline({ u"export"_s, second, u"-o"_s, dir.filePath(u"second.jsonl"_s) }).exitCode, 0);

    QFile a(dir.filePath(u"first.jsonl"_s));
    QFile b(dir.filePath(u"second.jsonl"_s));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QByteArray firstExport = a.readAll();
    QCOMPARE(b.readAll(), firstExport);
    // The gold scores perfectly against its own round trip.
    const Run scored
        = byline({ u"eval"_s, u"--gold"_s, gold, u"--predicted"_s, dir.filePath(u"second.jsonl"_s) });
    QVERIFY2(scored.out.contains(u"quotes_f1=1.000 speaker_acc=1.000 figures_f1=1.000 entities_f1=1.000"_s),
        qPrintable(scored.out));
}

void TestCli::formatOptionsReachTheFormat()
{
    QTemporaryDir dir;
    const QString feed = dir.filePath(u"feed.csv"_s);
    writeFile(feed, "headline,story\nFuel,Prices rose.\n");
    const QString project = dir.filePath(u"p.byline"_s);
    const Run imported = byline({ u"import"_s, project, feed, u"--option"_s, u"textColumn=story"_s });
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    QVERIFY2(imported.out.contains(u"imported 1 article(s)"_s), qPrintable(imported.out));
    const QString tables = dir.filePath(u"tables"_s);
    const Run exported = byline(
        { u"export"_s, project, u"--format"_s, u"csv"_s, u"--option"_s, u"excel=true"_s, u"-o"_s, tables });
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    QFile articles(tables + u"/articles.csv"_s);
    QVERIFY(articles.open(QIODevice::ReadOnly));
    QVERIFY(articles.readAll().startsWith("\xEF\xBB\xBFid,title,source,published,status,text\r\n"));
    const Run bad = byline({ u"export"_s, project, u"--format"_s, u"csv"_s, u"--option"_s, u"excel"_s,
        u"-o"_s, dir.filePath(u"other"_s) });
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(u"--option needs NAME=VALUE"_s), qPrintable(bad.err));
}

void TestCli::offsetsOptionIsCheckedAgainstTheFormat_data()
{
    QTest::addColumn<QStringList>("arguments"); // after the command, with PROJECT and OUT for the paths
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("said"); // on standard error when refused, in the file when written

    const QStringList utf16 { u"--option"_s, u"offsets=utf16"_s };
    QTest::newRow("export jsonl utf16")
        << QStringList { u"export"_s, u"PROJECT"_s, u"--format"_s, u"jsonl"_s, u"-o"_s, u"OUT"_s } + utf16
        << 0 << u"{\"start\":18,\"end\":22,\"text\":\"Kyiv\"}"_s;
    QTest::newRow("export jsonl code points") << QStringList { u"export"_s, u"PROJECT"_s, u"--format"_s,
        u"jsonl"_s, u"-o"_s, u"OUT"_s, u"--option"_s, u"offsets=codepoints"_s }
                                              << 0 << u"{\"start\":15,\"end\":19,\"text\":\"Kyiv\"}"_s;
    QTest::newRow("export labelstudio") << QStringList {
        u"export"_s, u"PROJECT"_s, u"--format"_s, u"labelstudio"_s, u"-o"_s, u"OUT"_s
    } + utf16 << 1 << u"labelstudio does not take the option offsets"_s;
    QTest::newRow("export conll by extension")
        << QStringList { u"export"_s, u"PROJECT"_s, u"-o"_s, u"OUT.conll"_s } + utf16 << 1
        << u"conll does not take the option offsets"_s;
    QTest::newRow("export unknown unit") << QStringList { u"export"_s, u"PROJECT"_s, u"--format"_s, u"csv"_s,
        u"-o"_s, u"OUT"_s, u"--option"_s, u"offsets=bytes"_s }
                                         << 1 << u"the unit must be codepoints or utf16"_s;
    QTest::newRow("import brat") << QStringList {
        u"import"_s, u"PROJECT"_s, u"--format"_s, u"brat"_s, u"OUT"_s
    } + utf16 << 1 << u"brat does not take the option offsets"_s;
}

void TestCli::offsetsOptionIsCheckedAgainstTheFormat()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, said);
    QTemporaryDir dir;
    const QString project = dir.filePath(u"emoji.byline"_s);
    const QString input = QStringLiteral(BYLINE_TEST_DATA) + u"/formats2/input.jsonl"_s;
    QCOMPARE(byline({ u"import"_s, project, input }).exitCode, 0);
    StoreError error;
    const qint64 articles = Store::open(project, Store::Mode::ReadOnly, &error)->articleCount();
    QString output;
    for (QString &argument : arguments) {
        if (argument == u"PROJECT"_s)
            argument = project;
        else if (argument.startsWith(u"OUT"_s))
            argument = output = dir.filePath(argument.replace(u"OUT"_s, u"out"_s));
    }
    const Run run = byline(arguments);
    QCOMPARE(run.exitCode, exitCode);
    if (exitCode == 0) {
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(QString::fromUtf8(file.readAll()).contains(said), qPrintable(said));
        return;
    }
    QVERIFY2(run.err.contains(said), qPrintable(run.err));
    // Refused before any work: nothing written, nothing read.
    if (arguments.first() == u"export"_s)
        QVERIFY(!QFileInfo::exists(output));
    QCOMPARE(Store::open(project, Store::Mode::ReadOnly, &error)->articleCount(), articles);
}

void TestCli::utf16OffsetsRoundTripThroughImport()
{
    QTemporaryDir dir;
    const QString input = QStringLiteral(BYLINE_TEST_DATA) + u"/formats2/input.jsonl"_s;
    const QString first = dir.filePath(u"first.byline"_s);
    QCOMPARE(byline({ u"import"_s, first, input }).exitCode, 0);
    const QStringList utf16 { u"--option"_s, u"offsets=utf16"_s };
    const QString exported = dir.filePath(u"utf16.jsonl"_s);
    const Run written = byline(QStringList { u"export"_s, first, u"-o"_s, exported } + utf16);
    QVERIFY2(written.exitCode == 0, qPrintable(written.err));

    // Without the option the spans' texts do not match, and nothing is taken.
    const Run misread = byline({ u"import"_s, dir.filePath(u"misread.byline"_s), exported });
    QCOMPARE(misread.exitCode, 1);
    QVERIFY2(misread.err.contains(u"does not match the text"_s), qPrintable(misread.err));

    // With it, the project is the original: its export in code points is the same bytes.
    const QString second = dir.filePath(u"second.byline"_s);
    const Run read = byline(QStringList { u"import"_s, second, exported } + utf16);
    QVERIFY2(read.exitCode == 0, qPrintable(read.err));
    QVERIFY2(read.out.contains(u"imported 2 article(s)"_s), qPrintable(read.out));
    const QString before = dir.filePath(u"before.jsonl"_s);
    const QString after = dir.filePath(u"after.jsonl"_s);
    QCOMPARE(byline({ u"export"_s, first, u"-o"_s, before }).exitCode, 0);
    QCOMPARE(byline({ u"export"_s, second, u"-o"_s, after }).exitCode, 0);
    QFile a(before);
    QFile b(after);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QByteArray original = a.readAll();
    QVERIFY(original.contains("\"text\":\"Kyiv\""));
    QCOMPARE(b.readAll(), original);
}

void TestCli::exportFilters_data()
{
    QTest::addColumn<QStringList>("filters");
    QTest::addColumn<QStringList>("expected"); // per article: key, then entities, quotes, figures
    QTest::addColumn<QString>("reported");
    QTest::addColumn<bool>("searchDeferred"); // the project made by an import that left its search index

    QTest::newRow("none") << QStringList()
                          << QStringList { u"alpha E2 Q2 F1"_s, u"bravo E1 Q1 F0"_s, u"charlie E0 Q0 F0"_s }
                          << u"wrote 3 article(s)"_s << false;
    QTest::newRow("reviewed layers and statuses")
        << QStringList { u"--layers"_s, u"entities,quotes"_s, u"--status"_s, u"accepted,edited,manual"_s }
        << QStringList { u"alpha E1 Q1 F0"_s, u"bravo E1 Q1 F0"_s, u"charlie E0 Q0 F0"_s }
        << u"wrote 3 article(s)"_s << false;
    QTest::newRow("done only") << QStringList { u"--done-only"_s }
                               << QStringList { u"bravo E1 Q1 F0"_s, u"charlie E0 Q0 F0"_s }
                               << u"wrote 2 article(s)"_s << false;
    QTest::newRow("search") << QStringList { u"--search"_s, u"speaker:Tokayev coup"_s }
                            << QStringList { u"bravo E1 Q1 F0"_s } << u"wrote 1 article(s)"_s << false;
    QTest::newRow("annotator") << QStringList { u"--annotator"_s,
        u"ana"_s } << QStringList { u"alpha E1 Q1 F0"_s, u"bravo E0 Q0 F0"_s, u"charlie E0 Q0 F0"_s }
                               << u"wrote 3 article(s)"_s << false;
    QTest::newRow("all of them") << QStringList { u"--done-only"_s, u"--search"_s, u"coup"_s, u"--status"_s,
        u"manual"_s, u"--layers"_s, u"quotes"_s, u"--annotator"_s, u"ben"_s }
                                 << QStringList { u"bravo E0 Q1 F0"_s } << u"wrote 1 article(s)"_s << false;
    QTest::newRow("search after an import that left the index")
        << QStringList { u"--search"_s, u"speaker:Tokayev coup"_s } << QStringList { u"bravo E1 Q1 F0"_s }
        << u"wrote 1 article(s)"_s << true;
}

void TestCli::exportFilters()
{
    QFETCH(QStringList, filters);
    QFETCH(QStringList, expected);
    QFETCH(QString, reported);
    QFETCH(bool, searchDeferred);
    QTemporaryDir dir;
    const QString project = dir.filePath(u"filters.byline"_s);
    if (searchDeferred) {
        StoreError error;
        const auto store = Store::open(project, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        store->setSearchIndexing(Store::SearchIndexing::Deferred);
        Store::BulkInsert bulk(*store);
        QVERIFY(SelectionFixture::fill(*store) && bulk.commit());
        QVERIFY(SearchBacklog::remaining(*store) > 0);
    } else {
        QVERIFY(SelectionFixture::project(project));
    }
    const QString output = dir.filePath(u"out.jsonl"_s);
    const Run run
        = byline(QStringList { u"export"_s, project, u"--format"_s, u"jsonl"_s, u"-o"_s, output } + filters);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(reported), qPrintable(run.out));
    // The search read a complete index: the export indexed what the import had left.
    QCOMPARE(run.out.contains(u"indexed for search in "_s), searchDeferred);
    QFile file(output);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QStringList articles;
    while (!file.atEnd()) {
        const QJsonObject article = QJsonDocument::fromJson(file.readLine()).object();
        articles << u"%1 E%2 Q%3 F%4"_s.arg(article[u"id"_s].toString())
                        .arg(article[u"entities"_s].toArray().size())
                        .arg(article[u"quotes"_s].toArray().size())
                        .arg(article[u"figures"_s].toArray().size());
    }
    QCOMPARE(articles, expected);
}

void TestCli::exportFilterErrors_data()
{
    QTest::addColumn<QStringList>("filters");
    QTest::addColumn<QString>("error");
    QTest::newRow("layer") << QStringList { u"--layers"_s, u"entities,people"_s }
                           << u"unknown layer people"_s;
    QTest::newRow("status") << QStringList { u"--status"_s, u"approved"_s } << u"unknown status approved"_s;
    QTest::newRow("search") << QStringList { u"--search"_s, u"colour:red"_s } << u"Unknown search field"_s;
}

void TestCli::exportFilterErrors()
{
    QFETCH(QStringList, filters);
    QFETCH(QString, error);
    QTemporaryDir dir;
    const QString project = dir.filePath(u"filters.byline"_s);
    QVERIFY(SelectionFixture::project(project));
    const QString output = dir.filePath(u"out.jsonl"_s);
    const Run run = byline(QStringList { u"export"_s, project, u"-o"_s, output } + filters);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(error), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(output));
}

void TestCli::importSkipsBadRecordsWhenAsked()
{
    QTemporaryDir dir;
    const QString feed = dir.filePath(u"feed.jsonl"_s);
    writeFile(feed,
        R"({"id":"a","text":"One."})"
        "\n"
        R"({"id":"b","text":"Two.","entities":[{"id":"E1","type":"ALIEN","name":"x","mentions":[]}]})"
        "\n"
        R"({"id":"c","text":"Three."})"
        "\n");
    const QString project = dir.filePath(u"p.byline"_s);
    const Run strict = byline({ u"import"_s, project, feed });
    QCOMPARE(strict.exitCode, 1);
    QVERIFY2(
        strict.err.contains(feed + u":2: entities[0].type: unknown label ALIEN"_s), qPrintable(strict.err));
    QVERIFY2(strict.out.contains(u"imported 0 article(s)"_s), qPrintable(strict.out));

    const Run lenient = byline({ u"import"_s, project, feed, u"--skip-bad-records"_s });
    QVERIFY2(lenient.exitCode == 0, qPrintable(lenient.err));
    QVERIFY2(lenient.out.contains(u"imported 2 article(s)"_s), qPrintable(lenient.out));
    QVERIFY2(lenient.err.contains(u"skipped a bad record: "_s + feed + u":2: entities[0].type"_s),
        qPrintable(lenient.err));
}

void TestCli::evalMeetsTheTargetsOnTheDevSet()
{
    // Issue 5's targets, through the command an analyst runs: byline eval extracts the dev
    // set's texts itself and scores them against the gold.
    QTemporaryDir dir;
    const QString report = dir.filePath(u"report.json"_s);
    const Run run = byline(
        { u"eval"_s, u"--gold"_s, QStringLiteral(BYLINE_TEST_DATA) + u"/eval"_s, u"--json"_s, report });
    QCOMPARE(run.exitCode, 0);
    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject scores = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(scores.value(u"articles"_s).toInt(), 9);
    const double quoteF1 = scores[u"quotes"_s][u"f1"_s].toDouble();
    const double speaker = scores[u"quotes"_s][u"speaker_acc"_s].toDouble();
    const double figureF1 = scores[u"figures"_s][u"f1"_s].toDouble();
    const double entityF1 = scores[u"entities"_s][u"f1"_s].toDouble();
    QVERIFY2(quoteF1 >= 0.90, qPrintable(run.out));
    QVERIFY2(speaker >= 0.90, qPrintable(run.out));
    QVERIFY2(figureF1 >= 0.90, qPrintable(run.out));
    QVERIFY2(entityF1 >= 0.85, qPrintable(run.out));
}

namespace {

// Articles with distinct texts in a new or existing project, written through the store.
void addArticles(const QString &project, int count)
{
    StoreError error;
    auto store = Store::open(project, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    const int first = store->articleCount();
    for (int i = first; i < first + count; ++i) {
        Article article;
        article.key = u"article-%1"_s.arg(i);
        article.text = u"Article 😀 number %1."_s.arg(i);
        QVERIFY(store->addArticle(article));
    }
}

// annotator -> (assigned, done), from the lines of `byline assign --list`.
QHash<QString, std::pair<int, int>> listed(const QString &output)
{
    QHash<QString, std::pair<int, int>> result;
    for (const QString &line : output.split(u'\n', Qt::SkipEmptyParts)) {
        const QStringList fields = line.split(u'\t');
        bool ok = false;
        const int assigned = fields.value(1).toInt(&ok);
        if (fields.size() == 3 && ok)
            result.insert(fields[0], { assigned, fields[2].toInt() });
    }
    return result;
}

} // namespace

void TestCli::assignBalancesAndKeepsEarlierAssignments()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"team.byline"_s);
    addArticles(project, 11);
    Run run
        = byline({ u"assign"_s, project, u"--per-article"_s, u"2"_s, u"--annotators"_s, u"anna,ben,cora"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"added 22 assignments"_s), qPrintable(run.out));
    run = byline({ u"assign"_s, project, u"--list"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    auto loads = listed(run.out);
    QCOMPARE(loads.size(), 3);
    int total = 0;
    QList<int> assigned;
    for (const auto &[count, done] : std::as_const(loads)) {
        total += count;
        assigned << count;
        QCOMPARE(done, 0);
    }
    QCOMPARE(total, 22);
    QVERIFY(std::ranges::max(assigned) - std::ranges::min(assigned) <= 1);

    StoreError error;
    auto before = Store::open(project, Store::Mode::ReadOnly, &error);
    const auto earlier = Assignments(*before).state();
    QVERIFY(earlier);
    before.reset();

    // New articles, and a newcomer: only the new articles are assigned, to the least loaded first.
    addArticles(project, 4);
    run = byline(
        { u"assign"_s, project, u"--per-article"_s, u"2"_s, u"--annotators"_s, u"anna,ben,cora,dan"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"added 8 assignments"_s), qPrintable(run.out));
    loads = listed(run.out);
    QCOMPARE(loads.value(u"dan"_s).first, 4);
    auto after = Store::open(project, Store::Mode::ReadOnly, &error);
    const auto now = Assignments(*after).state();
    for (auto it = earlier->assigned.cbegin(); it != earlier->assigned.cend(); ++it)
        QCOMPARE(now->assigned.value(it.key()), it.value());
    QCOMPARE(now->assigned.size(), 15);

    // --only-unassigned leaves articles with fewer than N alone.
    addArticles(project, 1);
    run = byline({ u"assign"_s, project, u"--per-article"_s, u"3"_s, u"--annotators"_s,
        u"anna,ben,cora,dan"_s, u"--only-unassigned"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"added 3 assignments"_s), qPrintable(run.out));
}

// Someone leaves: their open articles go to the others, their done work stays until the admin
// says otherwise, and then their queue empties.
void TestCli::unassignAndMove()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"leaving.byline"_s);
    addArticles(project, 6);
    Run run = byline({ u"assign"_s, project, u"--per-article"_s, u"1"_s, u"--annotators"_s, u"anna,ben"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    {
        StoreError error;
        auto store = Store::open(project, Store::Mode::ReadWrite, &error);
        Assignments assignments(*store);
        QVERIFY(assignments.setDone(assignments.queue(u"anna"_s).first().articleId, u"anna"_s, true));
    }
    // Done work is not dropped unasked.
    run = byline({ u"assign"_s, project, u"--unassign"_s, u"anna"_s });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(
        run.err.contains(u"--keep-done"_s) && run.err.contains(u"--include-done"_s), qPrintable(run.err));
    run = byline({ u"assign"_s, project, u"--list"_s });
    QCOMPARE(listed(run.out).value(u"anna"_s), std::pair(3, 1));

    // Cora, with nothing yet, takes both open articles; Ben has his three.
    run = byline({ u"assign"_s, project, u"--move"_s, u"anna"_s, u"--to"_s, u"ben,cora"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"moved 2 articles from anna to ben, cora"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"1 done articles stay with anna"_s), qPrintable(run.out));
    auto loads = listed(run.out);
    QCOMPARE(loads.value(u"anna"_s), std::pair(1, 1));
    QCOMPARE(loads.value(u"ben"_s), std::pair(3, 0));
    QCOMPARE(loads.value(u"cora"_s), std::pair(2, 0));

    run = byline({ u"assign"_s, project, u"--unassign"_s, u"anna"_s, u"--keep-done"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"unassigned 0 articles from anna"_s), qPrintable(run.out));
    run = byline({ u"assign"_s, project, u"--unassign"_s, u"anna"_s, u"--include-done"_s });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"unassigned 1 articles from anna"_s), qPrintable(run.out));
    QVERIFY(!listed(run.out).contains(u"anna"_s));
    QCOMPARE(listed(run.out).value(u"cora"_s), std::pair(2, 0));
}

void TestCli::assignErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("neither") << QStringList {} << u"one of --per-article N, --list"_s;
    QTest::newRow("both") << QStringList { u"--list"_s, u"--per-article"_s, u"2"_s }
                          << u"one of --per-article N, --list"_s;
    QTest::newRow("unassign-and-move") << QStringList { u"--unassign"_s, u"a"_s, u"--move"_s, u"a"_s }
                                       << u"one of --per-article N, --list"_s;
    QTest::newRow("move-nowhere") << QStringList { u"--move"_s, u"a"_s } << u"--move FROM needs --to"_s;
    QTest::newRow("to-alone") << QStringList { u"--list"_s, u"--to"_s, u"a"_s }
                              << u"--move FROM needs --to"_s;
    QTest::newRow("keep-and-include")
        << QStringList { u"--unassign"_s, u"a"_s, u"--keep-done"_s, u"--include-done"_s } << u"contradict"_s;
    QTest::newRow("keep-done-alone") << QStringList { u"--per-article"_s, u"1"_s, u"--keep-done"_s }
                                     << u"go with --unassign"_s;
    QTest::newRow("move-to-self") << QStringList { u"--move"_s, u"a"_s, u"--to"_s, u"b,a"_s }
                                  << u"cannot take over their own"_s;
    QTest::newRow("move-to-curator") << QStringList { u"--move"_s, u"a"_s, u"--to"_s, u"curator"_s }
                                     << u"curated layer"_s;
    QTest::newRow("nobody") << QStringList { u"--unassign"_s, u"nobody"_s } << u"nobody has no assigned"_s;
    QTest::newRow("zero") << QStringList { u"--per-article"_s, u"0"_s, u"--annotators"_s, u"a"_s }
                          << u"at least 1"_s;
    QTest::newRow("no-team") << QStringList { u"--per-article"_s, u"1"_s } << u"--annotators"_s;
    QTest::newRow("too-many") << QStringList { u"--per-article"_s, u"3"_s, u"--annotators"_s, u"a,b"_s }
                              << u"3 distinct annotators out of 2"_s;
    QTest::newRow("curator") << QStringList { u"--per-article"_s, u"1"_s, u"--annotators"_s, u"a,curator"_s }
                             << u"curated layer"_s;
}

void TestCli::assignErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString project = dir.filePath(u"errors.byline"_s);
    addArticles(project, 2);
    const Run run = byline(QStringList { u"assign"_s, project } + arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    StoreError error;
    auto store = Store::open(project, Store::Mode::ReadOnly, &error);
    QVERIFY(Assignments(*store).progress().isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
