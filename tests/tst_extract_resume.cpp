// SPDX-License-Identifier: GPL-3.0-or-later
// Extraction over the whole corpus (issue 9): a run that is killed or cancelled continues where
// it stopped, and every article ends up extracted once, as by a run that was never stopped.
#include "corpusgenerator.h"
#include "extractionjob.h"
#include "store.h"

#include "annotationstate.h"
#include "refusedextraction.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;
using Test::rows;

namespace {

constexpr int corpusSize = 400;

struct Run {
    int exitCode = -1;
    QString out;
};

Run byline(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(BYLINE_BINARY), arguments);
    if (!process.waitForFinished(180000) || process.exitStatus() != QProcess::NormalExit)
        return {};
    return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()) };
}

std::unique_ptr<Store> openStore(const QString &path, Store::Mode mode = Store::Mode::ReadWrite)
{
    StoreError error;
    auto store = Store::open(path, mode, &error);
    if (!store)
        qWarning("%s", qPrintable(error.message));
    return store;
}

// An article's annotations without ids and times, in a fixed order: what two runs must agree on.
QStringList describe(const AnnotationSet &set)
{
    QStringList lines;
    QHash<RecordId, QString> names;
    for (const Entity &entity : set.entities) {
        names.insert(entity.id, entity.name);
        QStringList mentions;
        for (const Mention &mention : entity.mentions)
            mentions << u"%1-%2 %3"_s.arg(mention.span.start)
                            .arg(mention.span.end)
                            .arg(toString(mention.provenance.status));
        mentions.sort();
        lines << u"entity %1 %2 %3 [%4]"_s.arg(
            entity.name, entity.type, toString(entity.provenance.status), mentions.join(u", "_s));
    }
    for (const Quote &quote : set.quotes) {
        QStringList parts;
        for (const Span &part : quote.content)
            parts << u"%1-%2"_s.arg(part.start).arg(part.end);
        lines << u"quote %1 %2 %3 cue %4-%5 by %6"_s
                     .arg(toString(quote.kind), toString(quote.provenance.status), parts.join(u' '))
                     .arg(quote.cue.start)
                     .arg(quote.cue.end)
                     .arg(names.value(quote.speakerId));
    }
    for (const Figure &figure : set.figures) {
        lines << u"figure %1 %2 %3-%4"_s.arg(figure.kind, toString(figure.provenance.status))
                     .arg(figure.span.start)
                     .arg(figure.span.end);
    }
    lines.sort();
    return lines;
}

// Suggestions (status auto) that repeat another of the same article: what a run extracting an
// article twice without replacing would leave.
int duplicateSuggestions(Store &store)
{
    QSqlQuery query(store.database());
    const bool ok = query.exec(
        u"SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity_id"
        " WHERE m.status = 'auto' GROUP BY e.article_id, m.start_offset, m.end_offset HAVING COUNT(*) > 1))"
        " + (SELECT COUNT(*) FROM (SELECT 1 FROM figures WHERE status = 'auto'"
        " GROUP BY article_id, span_start, span_end HAVING COUNT(*) > 1))"
        " + (SELECT COUNT(*) FROM (SELECT 1 FROM quotes WHERE status = 'auto'"
        " GROUP BY article_id, cue_start, cue_end, source_start HAVING COUNT(*) > 1))"_s);
    return ok && query.next() ? query.value(0).toInt() : -1;
}

// What the triggers keep for the annotations, and the triggers themselves: a run killed halfway
// through a batch must leave every one of them as a run that was never stopped does.
QStringList derivedState(Store &store)
{
    return Test::derivedState(store)
        + rows(store, u"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"_s);
}

// The counts against the rows themselves, which the comparison above cannot tell from a
// reference that is wrong the same way.
QStringList countsThatDisagree(Store &store)
{
    return Test::articlesWithWrongCounts(store)
        + rows(store,
            u"SELECT 'mention', status, COUNT(*) FROM mentions GROUP BY status"
            " UNION ALL SELECT 'quote', status, COUNT(*) FROM quotes GROUP BY status"
            " UNION ALL SELECT 'figure', status, COUNT(*) FROM figures GROUP BY status"
            " EXCEPT SELECT layer, status, total FROM annotation_counts"_s)
        + rows(store,
            u"SELECT 'search rows', found, wanted FROM (SELECT (SELECT COUNT(*) FROM annotation_search) AS "
            u"found,"
            " (SELECT COUNT(*) FROM entities) + (SELECT COUNT(*) FROM quotes) + (SELECT COUNT(*) FROM "
            "figures)"
            " AS wanted) WHERE found <> wanted"_s);
}

} // namespace

class TestExtractResume : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedRunContinues();
    void cancelledJobContinues();
    void failedBatchIsTakenBackWhole();

private:
    void compareWithReference(Store &store);

    QTemporaryDir m_dir;
    QString m_corpus; ///< as generated, never extracted
    QString m_reference; ///< extracted in one run
};

void TestExtractResume::initTestCase()
{
    m_corpus = m_dir.filePath(u"corpus.byline"_s);
    m_reference = m_dir.filePath(u"reference.byline"_s);
    {
        const auto store = openStore(m_corpus);
        QVERIFY(store);
        CorpusGenerator generator;
        QVERIFY2(generator.generate(*store, corpusSize), qPrintable(generator.errorString()));
        QCOMPARE(store->articleCount(), corpusSize);
    }
    QVERIFY(QFile::copy(m_corpus, m_reference));
    const Run run = byline({ u"extract"_s, m_reference });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"extracted %1 articles"_s.arg(corpusSize)), qPrintable(run.out));
}

void TestExtractResume::compareWithReference(Store &store)
{
    const auto reference = openStore(m_reference, Store::Mode::ReadOnly);
    QVERIFY(reference);
    QCOMPARE(store.articleCount(), reference->articleCount());
    for (RecordId last = 0;;) {
        const QList<ArticleSummary> page = store.articleSummariesAfter(last, 100);
        if (page.isEmpty())
            break;
        for (const ArticleSummary &summary : page) {
            QCOMPARE(describe(store.annotations(summary.id)), describe(reference->annotations(summary.id)));
            last = summary.id;
        }
    }
    QCOMPARE(duplicateSuggestions(store), 0);
    QVERIFY(!store.extractionResumePoint());
    QCOMPARE(derivedState(store), derivedState(*reference));
    QCOMPARE(countsThatDisagree(store), QStringList());
    QCOMPARE(countsThatDisagree(*reference), QStringList());
}

void TestExtractResume::killedRunContinues()
{
    const QString project = m_dir.filePath(u"killed.byline"_s);
    QVERIFY(QFile::copy(m_corpus, project));

    QProcess process;
    process.setReadChannel(QProcess::StandardError); // where the progress goes
    process.start(QStringLiteral(BYLINE_BINARY), { u"extract"_s, project });
    QVERIFY(process.waitForStarted());
    // Killed as soon as it reports a batch written, well before its last.
    const QRegularExpression progress(u"(\\d+) of (\\d+) articles"_s);
    QString reported;
    int done = 0;
    while (done == 0 && process.waitForReadyRead(60000)) {
        reported += QString::fromUtf8(process.readAllStandardError());
        for (const auto &match : progress.globalMatch(reported))
            done = match.captured(1).toInt();
    }
    process.kill();
    QVERIFY(process.waitForFinished());
    QCOMPARE(process.exitStatus(), QProcess::CrashExit);
    QVERIFY2(done > 0 && done < corpusSize, qPrintable(reported));

    int extractedBefore = 0;
    {
        const auto store = openStore(project, Store::Mode::ReadOnly);
        QVERIFY(store);
        const std::optional<RecordId> resumePoint = store->extractionResumePoint();
        QVERIFY(resumePoint);
        extractedBefore = corpusSize - store->articleCountAfter(*resumePoint);
        QVERIFY(extractedBefore >= done);
        QVERIFY(extractedBefore < corpusSize);
    }

    const Run resumed = byline({ u"extract"_s, project });
    QCOMPARE(resumed.exitCode, 0);
    QVERIFY2(resumed.out.contains(u"continued an unfinished run after %1 articles"_s.arg(extractedBefore)),
        qPrintable(resumed.out));
    QVERIFY2(resumed.out.contains(u"extracted %1 articles"_s.arg(corpusSize - extractedBefore)),
        qPrintable(resumed.out));

    const auto store = openStore(project);
    QVERIFY(store);
    compareWithReference(*store);
}

void TestExtractResume::cancelledJobContinues()
{
    const QString project = m_dir.filePath(u"cancelled.byline"_s);
    QVERIFY(QFile::copy(m_corpus, project));
    const auto store = openStore(project);
    QVERIFY(store);

    QList<RecordId> extracted;
    {
        ExtractionJob job(*store);
        QSignalSpy finished(&job, &ExtractionJob::finished);
        connect(&job, &ExtractionJob::articleExtracted, &job, [&](RecordId id) { extracted << id; });
        connect(&job, &ExtractionJob::progressed, &job, &ExtractionJob::cancel);
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(finished.first().at(1).toBool(), true);
        QCOMPARE(job.total(), corpusSize);
        QVERIFY(!extracted.isEmpty());
        QVERIFY(extracted.size() < corpusSize);
        QVERIFY(store->extractionResumePoint() == extracted.last());
    }

    const qsizetype before = extracted.size();
    ExtractionJob job(*store);
    QSignalSpy finished(&job, &ExtractionJob::finished);
    QSignalSpy progressed(&job, &ExtractionJob::progressed);
    connect(&job, &ExtractionJob::articleExtracted, &job, [&](RecordId id) { extracted << id; });
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QCOMPARE(job.resumed(), int(before));
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(progressed.last().at(0).toInt(), corpusSize);
    // Each article once, in id order, across both runs.
    QCOMPARE(extracted.size(), corpusSize);
    QVERIFY(std::is_sorted(extracted.cbegin(), extracted.cend()));
    QVERIFY(std::adjacent_find(extracted.cbegin(), extracted.cend()) == extracted.cend());
    compareWithReference(*store);
}

// A batch that fails halfway, after removing its articles' old suggestions with the delete
// triggers set aside, leaves those articles, the counts, the search rows and the triggers as they
// were; the next run continues from the batches before it.
void TestExtractResume::failedBatchIsTakenBackWhole()
{
    const QString project = m_dir.filePath(u"failed.byline"_s);
    QVERIFY(QFile::copy(m_corpus, project));
    const auto store = openStore(project);
    QVERIFY(store);
    const QList<ArticleSummary> articles = store->articleSummariesAfter(0, corpusSize);
    QCOMPARE(articles.size(), corpusSize);
    QHash<RecordId, QStringList> before;
    for (const ArticleSummary &summary : articles)
        before.insert(summary.id, describe(store->annotations(summary.id)));
    const QStringList triggersBefore
        = rows(*store, u"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"_s);
    RefusedExtraction refusedRun(*store, articles.at(corpusSize * 3 / 4).id);
    refusedRun.refuse();
    refusedRun.run();
    if (QTest::currentTestFailed())
        return;
    const QList<RecordId> &extracted = refusedRun.extracted();
    for (const ArticleSummary &summary : articles) {
        if (summary.id > extracted.last())
            QCOMPARE(describe(store->annotations(summary.id)), before.value(summary.id));
    }
    QCOMPARE(countsThatDisagree(*store), QStringList());
    refusedRun.lift();
    QCOMPARE(rows(*store, u"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"_s),
        triggersBefore);

    ExtractionJob job(*store);
    QSignalSpy finished(&job, &ExtractionJob::finished);
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QCOMPARE(job.resumed(), int(extracted.size()));
    compareWithReference(*store);
}

QTEST_GUILESS_MAIN(TestExtractResume)
#include "tst_extract_resume.moc"
