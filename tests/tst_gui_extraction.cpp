// SPDX-License-Identifier: GPL-3.0-or-later
// Suggesting annotations from the main window, for every article or the one on screen: the
// progress in the status bar, the article on screen taking its suggestions, cancel, and a
// cancelled run continued.
#include "document.h"
#include "mainwindow.h"
#include "poolgate.h"
#include "store.h"

#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

// Enough that a run goes on well after its first batch shows: the cancel test clicks Cancel then,
// and expects the run to stop before the last article.
constexpr int articleCount = 2000;

// Names and a figure, so that every article gets suggestions.
QString articleText(int number)
{
    return u"“We will not retreat from Almaty,” said Kassym-Jomart Tokayev, the president of Kazakhstan, "
           u"on Tuesday. The defence ministry sent %1 soldiers to the city 🚩."_s.arg(1000 + number);
}

} // namespace

class TestGuiExtraction : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void suggestsForEveryArticleWithProgress();
    void suggestsForTheArticleOnScreenWhileTheWindowAnswers();
    void cancelledRunContinuesWhereItStopped();

private:
    QProgressBar *progressBar() const;
    int suggestedArticles() const;

    QTemporaryDir m_dir;
    QString m_project;
    std::unique_ptr<MainWindow> m_window;
};

void TestGuiExtraction::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestGuiExtraction::init()
{
    m_project = m_dir.filePath(u"%1.byline"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
    {
        StoreError error;
        const auto store = Store::open(m_project, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Store::Transaction transaction(*store);
        for (int number = 0; number < articleCount; ++number) {
            Article article {
                .key = u"a%1"_s.arg(number), .title = u"Article %1"_s.arg(number), .text = articleText(number)
            };
            QVERIFY(store->addArticle(article));
        }
        QVERIFY(transaction.commit());
    }
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openProject(m_project));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->document()->annotations().figures.isEmpty());
}

void TestGuiExtraction::cleanup()
{
    m_window.reset();
}

QProgressBar *TestGuiExtraction::progressBar() const
{
    return m_window->statusBar()->findChild<QProgressBar *>(u"extractionProgress"_s);
}

int TestGuiExtraction::suggestedArticles() const
{
    const Store &store = m_window->document()->store();
    int suggested = 0;
    for (const ArticleSummary &summary : store.articleSummariesAfter(0, articleCount))
        suggested += !store.annotations(summary.id).figures.isEmpty();
    return suggested;
}

void TestGuiExtraction::suggestsForEveryArticleWithProgress()
{
    // The event loop turns while the job runs: the window keeps answering.
    int turns = 0;
    QTimer heartbeat;
    connect(&heartbeat, &QTimer::timeout, this, [&turns] { ++turns; });
    heartbeat.start(0);

    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    QProgressBar *progress = progressBar();
    QVERIFY(progress);
    QVERIFY(progress->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(progress->maximum() == articleCount, 60000);
    int lastValue = progress->value();
    QTRY_VERIFY_WITH_TIMEOUT(!progressBar(), 120000);
    QVERIFY(lastValue <= articleCount);
    QVERIFY(turns > 0);

    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(u"Suggested "_s),
        qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(suggestedArticles(), articleCount);
    // The article on screen took its suggestions without being opened again.
    const AnnotationSet &shown = m_window->document()->annotations();
    QVERIFY(!shown.entities.isEmpty());
    QCOMPARE(shown.figures.size(), 1);
    QCOMPARE(m_window->document()->store().extractionResumePoint(), std::nullopt);
}

void TestGuiExtraction::cancelledRunContinuesWhereItStopped()
{
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(progressBar());
    QTRY_VERIFY_WITH_TIMEOUT(progressBar()->value() > 0, 60000);
    auto *cancel = m_window->statusBar()->findChild<QPushButton *>(u"cancelExtraction"_s);
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!progressBar(), 60000);
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(u"Cancelled: "_s),
        qPrintable(m_window->statusBar()->currentMessage()));
    const int first = suggestedArticles();
    QVERIFY(first > 0);
    QVERIFY(first < articleCount);
    QVERIFY(m_window->document()->store().extractionResumePoint());

    // Again: the progress starts at what the cancelled run did, and ends with every article.
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(progressBar());
    QTRY_VERIFY_WITH_TIMEOUT(progressBar()->value() > first, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!progressBar(), 120000);
    QCOMPARE(suggestedArticles(), articleCount);
    QCOMPARE(m_window->document()->store().extractionResumePoint(), std::nullopt);
}

// Tools > Suggest Annotations (Ctrl+E) for the article on screen runs as a job too: learning the
// project's names reads every confirmed mention, seconds in a large project, and the window
// answers meanwhile. Only that article gets suggestions, and a whole-corpus run is not disturbed.
void TestGuiExtraction::suggestsForTheArticleOnScreenWhileTheWindowAnswers()
{
    const RecordId onScreen = m_window->document()->currentArticle().id;
    Test::PoolGate gate; // the extraction waits for the pool
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
    QProgressBar *progress = progressBar();
    QVERIFY(progress);
    QVERIFY(progress->isVisible());
    QVERIFY(m_window->document()->annotations().figures.isEmpty());
    // A second Ctrl+E while it runs starts nothing more.
    QTest::keyClick(m_window.get(), Qt::Key_E, Qt::ControlModifier);
    QCOMPARE(m_window->statusBar()->findChildren<QProgressBar *>(u"extractionProgress"_s).size(), 1);
    gate.release();
    QTRY_VERIFY_WITH_TIMEOUT(!progressBar(), 60000);
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(u"Suggested "_s),
        qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(m_window->document()->currentArticle().id, onScreen);
    const AnnotationSet &shown = m_window->document()->annotations();
    QVERIFY(!shown.entities.isEmpty());
    QCOMPARE(shown.figures.size(), 1);
    QCOMPARE(suggestedArticles(), 1);
    QCOMPARE(m_window->document()->store().extractionResumePoint(), std::nullopt);
}

QTEST_MAIN(TestGuiExtraction)

#include "tst_gui_extraction.moc"
