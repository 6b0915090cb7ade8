// SPDX-License-Identifier: GPL-3.0-or-later
// Export filters (layers, statuses, annotator, done only, a search) through every format, and
// exports and imports run in the background with progress and cancel.
#include "formats/exportpreview.h"
#include "formats/exportselection.h"
#include "formats/formatjob.h"
#include "formats/formatregistry.h"
#include "formats/projectdocuments.h"
#include "selectionfixture.h"

#include <KZip>

#include <QDir>
#include <QDirIterator>
#include <QSignalSpy>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

ExportSelection selection(const QString &layers, const QString &statuses, const QString &annotator)
{
    ExportSelection chosen;
    QString error;
    if (!layers.isEmpty())
        chosen.layers = ExportSelection::layersFromString(layers, &error).value_or(QSet<Layer>());
    if (!statuses.isEmpty())
        chosen.statuses
            = ExportSelection::statusesFromString(statuses, &error).value_or(QSet<AnnotationStatus>());
    chosen.annotator = annotator;
    return chosen;
}

// "alpha: E[Ana Lee] Q[the vote was fair>Ana Lee] F[61 percent]", one line per article.
QStringList describe(const Store &store, const ExportSelection &chosen)
{
    QStringList lines;
    forEachProjectDocument(store, chosen, [&](const DatasetDocument &document) {
        const QString &text = document.article.text;
        QStringList parts { document.article.key + u':' };
        QHash<RecordId, QString> names;
        for (const Entity &entity : document.annotations.entities) {
            names.insert(entity.id, entity.name);
            QStringList mentions;
            for (const Mention &mention : entity.mentions)
                mentions << textOf(text, mention.span);
            parts << u"E[%1]"_s.arg(mentions.join(u'|'));
        }
        for (const Quote &quote : document.annotations.quotes)
            parts << u"Q[%1>%2]"_s.arg(textOf(text, quote.content.value(0)),
                quote.speakerId ? names.value(quote.speakerId, u"MISSING"_s) : u"-"_s);
        for (const Figure &figure : document.annotations.figures)
            parts << u"F[%1]"_s.arg(textOf(text, figure.span));
        lines << parts.join(u' ');
        return true;
    });
    return lines;
}

QStringList keys(const Store &store, const ExportSelection &chosen)
{
    QStringList found;
    forEachProjectDocument(store, chosen, [&](const DatasetDocument &document) {
        found << document.article.key;
        return true;
    });
    return found;
}

void readArchive(const KArchiveDirectory *directory, QByteArray *all)
{
    for (const QString &name : directory->entries()) {
        const KArchiveEntry *entry = directory->entry(name);
        if (entry->isDirectory())
            readArchive(static_cast<const KArchiveDirectory *>(entry), all);
        else
            *all += name.toUtf8() + '\n' + static_cast<const KArchiveFile *>(entry)->data();
    }
}

// Everything an export wrote, file names included: a file, a folder's files or a zip's entries.
QByteArray everythingWritten(const QString &path)
{
    QByteArray all;
    if (QFileInfo(path).isDir()) {
        QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly))
                all += it.fileName().toUtf8() + '\n' + file.readAll();
        }
        return all;
    }
    QFile file(path);
    if (file.open(QIODevice::ReadOnly) && file.peek(4) == QByteArrayView("PK\x03\x04")) {
        KZip zip(path);
        if (zip.open(QIODevice::ReadOnly))
            readArchive(zip.directory(), &all);
        return all;
    }
    return file.readAll();
}

QString outputPath(const QTemporaryDir &dir, const DatasetFormat &format)
{
    return format.writesFolder() ? dir.filePath(u"out"_s)
                                 : dir.filePath(u"out."_s + format.extensions().value(0));
}

QStringList leftovers(const QTemporaryDir &dir)
{
    QStringList names = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    names.removeIf([](const QString &name) { return name.startsWith(u"project.byline"_s); });
    return names;
}

} // namespace

class TestFormatsSelection : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void annotationFilters_data();
    void annotationFilters();
    void articleFilters_data();
    void articleFilters();
    void listsAreParsed_data();
    void listsAreParsed();
    void aSearchThatDoesNotParseIsAnError();
    void everyFormatExportsOnlyTheSelection_data();
    void everyFormatExportsOnlyTheSelection();
    void previewShowsTheFirstMatchingArticle_data();
    void previewShowsTheFirstMatchingArticle();
    void exportRunsInTheBackground();
    void cancelledExportLeavesNothing_data();
    void cancelledExportLeavesNothing();
    void importRunsInTheBackground();
    void cancelledImportTakesNothing();
    void aBadFileIsReportedAndTheOthersAreKept();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

void TestFormatsSelection::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = SelectionFixture::project(m_dir->filePath(u"project.byline"_s));
    QVERIFY(m_store);
}

void TestFormatsSelection::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestFormatsSelection::annotationFilters_data()
{
    QTest::addColumn<QString>("layers");
    QTest::addColumn<QString>("statuses");
    QTest::addColumn<QString>("annotator");
    QTest::addColumn<QStringList>("expected");

    const QString charlie = u"charlie:"_s;
    QTest::newRow("everything, rejected included")
        << QString() << QString() << QString()
        << QStringList {
               u"alpha: E[Ana Lee] E[Bo Chan] Q[the vote was fair>Ana Lee] Q[no>Bo Chan] F[61 percent]"_s,
               u"bravo: E[Tokayev] Q[the coup has failed>Tokayev]"_s, charlie
           };
    QTest::newRow("reviewed only: the auto speaker goes, its quote loses the speaker")
        << QString() << u"accepted,edited,manual,rejected"_s << QString()
        << QStringList { u"alpha: E[Ana Lee] Q[the vote was fair>Ana Lee] Q[no>-] F[61 percent]"_s,
               u"bravo: E[Tokayev] Q[the coup has failed>Tokayev]"_s, charlie };
    QTest::newRow("accepted, edited, manual")
        << QString() << u"accepted,edited,manual"_s << QString()
        << QStringList { u"alpha: E[Ana Lee] Q[the vote was fair>Ana Lee] F[61 percent]"_s,
               u"bravo: E[Tokayev] Q[the coup has failed>Tokayev]"_s, charlie };
    QTest::newRow("quotes only: no speakers without their entities")
        << u"quotes"_s << QString() << QString()
        << QStringList { u"alpha: Q[the vote was fair>-] Q[no>-]"_s, u"bravo: Q[the coup has failed>-]"_s,
               charlie };
    QTest::newRow("entities and figures")
        << u"entities,figures"_s << QString() << QString()
        << QStringList { u"alpha: E[Ana Lee] E[Bo Chan] F[61 percent]"_s, u"bravo: E[Tokayev]"_s, charlie };
    QTest::newRow("annotator ben") << QString() << QString() << u"ben"_s
                                   << QStringList { u"alpha: Q[no>-] F[61 percent]"_s,
                                          u"bravo: E[Tokayev] Q[the coup has failed>Tokayev]"_s, charlie };
    QTest::newRow("annotator ana, manual only")
        << QString() << u"manual"_s << u"ana"_s
        << QStringList { u"alpha: Q[the vote was fair>-]"_s, u"bravo:"_s, charlie };
    QTest::newRow("no status: texts only")
        << QString() << u","_s << QString() << QStringList { u"alpha:"_s, u"bravo:"_s, charlie };
}

void TestFormatsSelection::annotationFilters()
{
    QFETCH(QString, layers);
    QFETCH(QString, statuses);
    QFETCH(QString, annotator);
    QFETCH(QStringList, expected);
    QCOMPARE(describe(*m_store, selection(layers, statuses, annotator)), expected);
}

void TestFormatsSelection::articleFilters_data()
{
    QTest::addColumn<bool>("doneOnly");
    QTest::addColumn<QString>("search");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("all") << false << QString() << qint64(0)
                         << QStringList { u"alpha"_s, u"bravo"_s, u"charlie"_s };
    QTest::newRow("done only") << true << QString() << qint64(0) << QStringList { u"bravo"_s, u"charlie"_s };
    QTest::newRow("words") << false << u"vote"_s << qint64(0) << QStringList { u"alpha"_s };
    QTest::newRow("speaker and word")
        << false << u"speaker:Tokayev coup"_s << qint64(0) << QStringList { u"bravo"_s };
    QTest::newRow("a speaker elsewhere")
        << false << u"speaker:\"Ana Lee\""_s << qint64(0) << QStringList { u"alpha"_s };
    QTest::newRow("annotation status: two hits in bravo, one article")
        << false << u"status:manual"_s << qint64(0) << QStringList { u"alpha"_s, u"bravo"_s };
    QTest::newRow("a todo article found, done only") << true << u"report"_s << qint64(0) << QStringList();
    QTest::newRow("search narrowed by done")
        << true << u"markets"_s << qint64(0) << QStringList { u"charlie"_s };
    QTest::newRow("done only against a todo search")
        << true << u"vote status:todo"_s << qint64(0) << QStringList();
    QTest::newRow("nothing found") << false << u"zebra"_s << qint64(0) << QStringList();
    QTest::newRow("limit") << false << QString() << qint64(2) << QStringList { u"alpha"_s, u"bravo"_s };
    QTest::newRow("limit after done") << true << QString() << qint64(1) << QStringList { u"bravo"_s };
}

void TestFormatsSelection::articleFilters()
{
    QFETCH(bool, doneOnly);
    QFETCH(QString, search);
    QFETCH(qint64, limit);
    QFETCH(QStringList, expected);
    ExportSelection chosen;
    chosen.doneOnly = doneOnly;
    chosen.search = search;
    chosen.limit = limit;
    QCOMPARE(keys(*m_store, chosen), expected);
    const SelectedArticles articles(*m_store, chosen);
    QVERIFY2(articles.isValid(), qPrintable(articles.errorString()));
    QCOMPARE(articles.count(), qint64(expected.size()));
}

void TestFormatsSelection::listsAreParsed_data()
{
    QTest::addColumn<QString>("layers");
    QTest::addColumn<int>("layerCount");
    QTest::addColumn<QString>("statuses");
    QTest::addColumn<int>("statusCount");
    QTest::addColumn<QString>("error");

    QTest::newRow("spaces and case") << u"Entities, quotes"_s << 2 << u"ACCEPTED,manual"_s << 2 << QString();
    QTest::newRow("all") << u"entities,quotes,figures"_s << 3 << u"auto,accepted,edited,manual,rejected"_s
                         << 5 << QString();
    QTest::newRow("unknown layer") << u"entities,people"_s << -1 << u"auto"_s << 1
                                   << u"unknown layer people"_s;
    QTest::newRow("unknown status") << u"quotes"_s << 1 << u"accepted,approved"_s << -1
                                    << u"unknown status approved"_s;
}

void TestFormatsSelection::listsAreParsed()
{
    QFETCH(QString, layers);
    QFETCH(int, layerCount);
    QFETCH(QString, statuses);
    QFETCH(int, statusCount);
    QFETCH(QString, error);
    QString problem;
    const auto parsedLayers = ExportSelection::layersFromString(layers, &problem);
    QCOMPARE(parsedLayers ? int(parsedLayers->size()) : -1, layerCount);
    const auto parsedStatuses = ExportSelection::statusesFromString(statuses, &problem);
    QCOMPARE(parsedStatuses ? int(parsedStatuses->size()) : -1, statusCount);
    QVERIFY2(error.isEmpty() ? problem.isEmpty() : problem.startsWith(error), qPrintable(problem));
}

void TestFormatsSelection::aSearchThatDoesNotParseIsAnError()
{
    ExportSelection chosen;
    chosen.search = u"speaker:\"Ana"_s;
    QVERIFY(chosen.problem().contains(u"quotation mark"_s));
    const SelectedArticles articles(*m_store, chosen);
    QVERIFY(!articles.isValid());
    QCOMPARE(articles.count(), qint64(0));
    QVERIFY(!forEachProjectDocument(*m_store, chosen, [](const DatasetDocument &) { return true; }));
}

void TestFormatsSelection::everyFormatExportsOnlyTheSelection_data()
{
    QTest::addColumn<QString>("format");
    for (const QString &name : FormatRegistry::shortNames(DatasetFormat::CanWrite))
        QTest::newRow(qPrintable(name)) << name;
}

void TestFormatsSelection::everyFormatExportsOnlyTheSelection()
{
    QFETCH(QString, format);
    const auto writer = FormatRegistry::create(format);
    ExportSelection done;
    done.doneOnly = true;
    writer->setSelection(done);
    const QString path = outputPath(*m_dir, *writer);
    QVERIFY2(writer->write(*m_store, path, {}), qPrintable(writer->errorString()));
    const QByteArray written = everythingWritten(path).toLower();
    // Every format names or holds the annotated done article (W3C carries no text, so an
    // article without annotations leaves no trace there), and none the article not done.
    QVERIFY2(written.contains("bravo"), written.constData());
    QVERIFY2(!written.contains("alpha"), written.constData());
}

void TestFormatsSelection::previewShowsTheFirstMatchingArticle_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("firstFile");
    QTest::addColumn<QString>("error");
    QTest::newRow("jsonl, first") << u"jsonl"_s << QString() << u"🎉 Alpha"_s << u"preview.jsonl"_s
                                  << QString();
    QTest::newRow("jsonl, searched") << u"jsonl"_s << u"coup"_s << u"Bravo: Tokayev"_s << u"preview.jsonl"_s
                                     << QString();
    QTest::newRow("csv, a file per layer")
        << u"csv"_s << u"coup"_s << u"Bravo: Tokayev"_s << u"articles.csv"_s << QString();
    QTest::newRow("qdpx, the project before its sources")
        << u"qdpx"_s << u"calm"_s << u"Charlie"_s << u"project.qde"_s << QString();
    QTest::newRow("nothing found") << u"jsonl"_s << u"zebra"_s << QString() << QString()
                                   << u"No article matches"_s;
    QTest::newRow("bad search") << u"jsonl"_s << u"type:"_s << QString() << QString() << u"The search"_s;
}

void TestFormatsSelection::previewShowsTheFirstMatchingArticle()
{
    QFETCH(QString, format);
    QFETCH(QString, search);
    QFETCH(QString, shown);
    QFETCH(QString, firstFile);
    QFETCH(QString, error);
    const auto writer = FormatRegistry::create(format);
    ExportSelection chosen;
    chosen.search = search;
    QString problem;
    const QList<PreviewFile> files = ExportPreview::render(*m_store, *writer, chosen, &problem);
    if (!error.isEmpty()) {
        QVERIFY(files.isEmpty());
        QVERIFY2(problem.startsWith(error), qPrintable(problem));
        return;
    }
    QVERIFY2(!files.isEmpty(), qPrintable(problem));
    QCOMPARE(files.first().name, firstFile);
    QString all;
    for (const PreviewFile &file : files) {
        QVERIFY(!file.name.isEmpty());
        all += file.text;
    }
    QVERIFY2(all.contains(shown), qPrintable(all));
    // One article only, and the format keeps the selection it had.
    const int others
        = int(all.contains(u"Alpha"_s)) + int(all.contains(u"Bravo"_s)) + int(all.contains(u"Charlie"_s));
    QCOMPARE(others, 1);
    QVERIFY(writer->selection().isEverything());
    if (writer->writesFolder())
        QVERIFY(files.size() > 1);
}

void TestFormatsSelection::exportRunsInTheBackground()
{
    ExportSelection done;
    done.doneOnly = true;
    const QString path = m_dir->filePath(u"done.jsonl"_s);
    std::unique_ptr<FormatJob> job(FormatJob::exportTo(*m_store, u"jsonl"_s, {}, done, path));
    QSignalSpy progressed(job.get(), &FormatJob::progressed);
    QSignalSpy finished(job.get(), &FormatJob::finished);
    job->start();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first().first().value<FormatJobResult>();
    QVERIFY2(result.succeeded, qPrintable(result.error));
    QVERIFY(!result.cancelled);
    QCOMPARE(result.articles, qint64(2));
    QVERIFY(!progressed.isEmpty());
    QCOMPARE(progressed.last().at(1).toLongLong(), qint64(2)); // the selection's total, not the project's
    const QList<QByteArray> lines = everythingWritten(path).trimmed().split('\n');
    QCOMPARE(lines.size(), qsizetype(2));
    QVERIFY(lines.first().contains("\"id\":\"bravo\""));
}

void TestFormatsSelection::cancelledExportLeavesNothing_data()
{
    QTest::addColumn<QString>("format");
    for (const QString &name : FormatRegistry::shortNames(DatasetFormat::CanWrite))
        QTest::newRow(qPrintable(name)) << name;
}

void TestFormatsSelection::cancelledExportLeavesNothing()
{
    QFETCH(QString, format);
    const QString path = outputPath(*m_dir, *FormatRegistry::create(format));
    std::unique_ptr<FormatJob> job(FormatJob::exportTo(*m_store, format, {}, ExportSelection(), path));
    QSignalSpy finished(job.get(), &FormatJob::finished);
    // On the worker thread, after the first article: the file is open and partly written.
    connect(job.get(), &FormatJob::progressed, job.get(), [&job] { job->cancel(); }, Qt::DirectConnection);
    job->start();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first().first().value<FormatJobResult>();
    QVERIFY(result.cancelled);
    QVERIFY(!result.succeeded);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QVERIFY(!QFileInfo::exists(path));
    QCOMPARE(leftovers(*m_dir), QStringList());
}

void TestFormatsSelection::importRunsInTheBackground()
{
    const QString exported = m_dir->filePath(u"all.jsonl"_s);
    const auto jsonl = FormatRegistry::create(u"jsonl");
    QVERIFY(jsonl->write(*m_store, exported, {}));
    QTemporaryDir other;
    StoreError error;
    auto target = Store::open(other.filePath(u"target.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(target, qPrintable(error.message));
    // The same articles twice: the second file's are already there, and reported.
    const QString copy = m_dir->filePath(u"copy.jsonl"_s);
    QFile::remove(copy);
    QVERIFY(QFile::copy(exported, copy));
    std::unique_ptr<FormatJob> job(FormatJob::importFrom(*target, QString(), {}, { exported, copy }));
    QSignalSpy finished(job.get(), &FormatJob::finished);
    job->start();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first().first().value<FormatJobResult>();
    QVERIFY2(result.succeeded, qPrintable(result.error));
    QCOMPARE(result.articles, qint64(3));
    QCOMPARE(result.skipped, 3);
    QCOMPARE(result.warnings.size(), qsizetype(3));
    // The window's own connection sees what the worker's connection wrote.
    QCOMPARE(target->articleCount(), 3);
    QCOMPARE(target->annotationCounts().count(Layer::Quotes), 3);
}

void TestFormatsSelection::cancelledImportTakesNothing()
{
    const QString exported = m_dir->filePath(u"all.jsonl"_s);
    QVERIFY(FormatRegistry::create(u"jsonl")->write(*m_store, exported, {}));
    QTemporaryDir other;
    StoreError error;
    auto target = Store::open(other.filePath(u"target.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(target, qPrintable(error.message));
    std::unique_ptr<FormatJob> job(FormatJob::importFrom(*target, u"jsonl"_s, {}, { exported }));
    QSignalSpy finished(job.get(), &FormatJob::finished);
    // On the worker thread, after the first article is stored.
    connect(job.get(), &FormatJob::progressed, job.get(), [&job] { job->cancel(); }, Qt::DirectConnection);
    job->start();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first().first().value<FormatJobResult>();
    QVERIFY(result.cancelled);
    QCOMPARE(result.articles, qint64(0));
    QCOMPARE(target->articleCount(), 0);
}

void TestFormatsSelection::aBadFileIsReportedAndTheOthersAreKept()
{
    const QString good = m_dir->filePath(u"good.jsonl"_s);
    QVERIFY(FormatRegistry::create(u"jsonl")->write(*m_store, good, {}));
    const QString bad = m_dir->filePath(u"bad.jsonl"_s);
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"id\": \"x\", \"text\": \"Hello\"}\n{not json\n");
    file.close();
    const QString unknown = m_dir->filePath(u"notes.xyz"_s);
    QFile notes(unknown);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("Not a dataset.\n");
    notes.close();
    QTemporaryDir other;
    StoreError error;
    auto target = Store::open(other.filePath(u"target.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(target, qPrintable(error.message));
    std::unique_ptr<FormatJob> job(FormatJob::importFrom(*target, QString(), {}, { bad, good, unknown }));
    QSignalSpy finished(job.get(), &FormatJob::finished);
    job->start();
    QVERIFY(finished.wait(20000));
    const auto result = finished.first().first().value<FormatJobResult>();
    QVERIFY2(result.succeeded, qPrintable(result.error));
    QCOMPARE(result.articles, qint64(3));
    QCOMPARE(result.warnings.size(), qsizetype(2));
    QVERIFY2(result.warnings.first().contains(u"bad.jsonl:2"_s), qPrintable(result.warnings.first()));
    QVERIFY2(result.warnings.last().contains(u"notes.xyz"_s), qPrintable(result.warnings.last()));
    // The bad file's first, good line went with the rest of its file.
    QCOMPARE(target->articleCount(), 3);
    QVERIFY(!target->articleIdForKey(u"x"_s));
}

QTEST_GUILESS_MAIN(TestFormatsSelection)
#include "tst_formats_selection.moc"
