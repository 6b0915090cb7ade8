// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlelistmodel.h"
#include "articlelistpanel.h"
#include "document.h"
#include "modelroles.h"
#include "searchbacklog.h"
#include "searchindexer.h"
#include "searchpanel.h"
#include "searchresultmodel.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

// What the panel says, in whatever language the tests run.
QString panelText(const char *text, int n = -1)
{
    return QCoreApplication::translate("Byline::SearchPanel", text, nullptr, n);
}

} // namespace

class TestGuiSearch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void testTypeFilterAndClickHeader();
    void testSearchPanelOpensHit();
    void testTypingAnotherQueryReplacesHits();
    void testEscapeStopsSearch();
    void testPanelSaysWhileIndexing();

private:
    QString titleAt(int row) const;
    void clickHeader(int column);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Document> m_document;
    std::unique_ptr<ArticleListModel> m_model;
    std::unique_ptr<ArticleListPanel> m_panel;
};

void TestGuiSearch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    StoreError error;
    m_document = Document::open(m_dir->filePath(u"gui.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(m_document, qPrintable(error.message));
    Store &store = m_document->store();
    QSqlQuery(store.database()).exec(u"PRAGMA synchronous = OFF"_s);
    const struct {
        const char16_t *title;
        const char16_t *source;
        ArticleStatus status;
    } articles[] = {
        { u"Unrest in Almaty", u"Wire", ArticleStatus::Done },
        { u"CSTO troops arrive", u"Gazette", ArticleStatus::Todo },
        { u"Almaty airport reopens", u"Herald", ArticleStatus::InProgress },
        { u"Banks close in Almaty", u"Wire", ArticleStatus::Todo },
    };
    for (const auto &entry : articles) {
        Article article { 0, u"article"_s, QString::fromUtf16(entry.title), QString::fromUtf16(entry.source),
            QString(), {}, entry.status, u"Text"_s };
        QVERIFY(store.addArticle(article));
    }
    m_model = std::make_unique<ArticleListModel>(m_document.get());
    m_panel = std::make_unique<ArticleListPanel>(m_model.get());
    m_panel->resize(600, 400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TestGuiSearch::cleanup()
{
    m_panel.reset();
    m_model.reset();
    m_document.reset();
    m_dir.reset();
}

QString TestGuiSearch::titleAt(int row) const
{
    return m_model->index(row, ArticleListModel::Title).data().toString();
}

void TestGuiSearch::clickHeader(int column)
{
    QHeaderView *header = m_panel->view()->horizontalHeader();
    const QPoint position(
        header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, position);
}

void TestGuiSearch::testTypeFilterAndClickHeader()
{
    QAbstractItemModelTester tester(m_model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTRY_COMPARE(m_model->rowCount(), 4); // the view fetched the first page
    QCOMPARE(titleAt(0), u"Unrest in Almaty"_s); // import order until a header is clicked

    // Typing filters once the analyst pauses.
    QLineEdit *filter = m_panel->findChild<QLineEdit *>(u"articleFilter"_s);
    QVERIFY(filter);
    QTest::keyClicks(filter, u"almaty"_s);
    QTRY_COMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->filter().text, u"almaty"_s);

    // A click on the title header sorts ascending, a second one descending.
    clickHeader(ArticleListModel::Title);
    QCOMPARE(m_model->sortOrder().column, ArticleSortColumn::Title);
    QCOMPARE(titleAt(0), u"Almaty airport reopens"_s);
    QCOMPARE(titleAt(2), u"Unrest in Almaty"_s);
    clickHeader(ArticleListModel::Title);
    QCOMPARE(m_model->sortOrder().order, Qt::DescendingOrder);
    QCOMPARE(titleAt(0), u"Unrest in Almaty"_s);
    QCOMPARE(m_panel->view()->horizontalHeader()->sortIndicatorSection(), int(ArticleListModel::Title));

    // The status box narrows further; the sort stays.
    QComboBox *status = m_panel->findChild<QComboBox *>(u"articleStatusFilter"_s);
    QVERIFY(status);
    status->setCurrentIndex(status->findData(int(ArticleStatus::Todo)));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(titleAt(0), u"Banks close in Almaty"_s);

    // Clearing the filter shows every article, still sorted.
    status->setCurrentIndex(0);
    filter->clear();
    QTRY_COMPARE(m_model->rowCount(), 4);
    QCOMPARE(titleAt(0), u"Unrest in Almaty"_s);
    QCOMPARE(titleAt(3), u"Almaty airport reopens"_s);

    // Choosing a row still opens its article.
    QSignalSpy activated(m_panel.get(), &ArticleListPanel::articleActivated);
    QTableView *view = m_panel->view();
    const QRect cell = view->visualRect(m_model->index(1, ArticleListModel::Title));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<RecordId>(), m_model->articleId(1));
}

void TestGuiSearch::testSearchPanelOpensHit()
{
    SearchResultModel model(m_document->store());
    SearchPanel panel(&model);
    panel.resize(400, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    // A malformed query explains itself.
    QTest::keyClicks(panel.queryEdit(), u"\"almaty"_s);
    QTest::keyClick(panel.queryEdit(), Qt::Key_Return);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.errorString().isEmpty());
    QVERIFY(panel.statusLabel()->isVisible());
    QCOMPARE(panel.statusLabel()->text(), model.errorString());

    panel.queryEdit()->clear();
    QTest::keyClicks(panel.queryEdit(), u"almaty"_s);
    QTest::keyClick(panel.queryEdit(), Qt::Key_Return);
    // The search runs on the model's worker: the panel says so until the hits arrive.
    QCOMPARE(panel.statusLabel()->text(), panelText("Searching…"));
    QTRY_COMPARE(model.rowCount(), 3);
    QTRY_COMPARE(panel.statusLabel()->text(), panelText("%n hit(s)", 3));

    QSignalSpy activated(&panel, &SearchPanel::hitActivated);
    const QModelIndex second = model.index(1);
    QListView *view = panel.view();
    view->setCurrentIndex(second);
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).value<RecordId>(), model.hit(1).articleId);
    QCOMPARE(activated.at(0).at(1).value<Span>(), model.hit(1).span);
}

// Hits stream into the list as a person types one query after another; the second query's list
// never holds the first one's hits.
void TestGuiSearch::testTypingAnotherQueryReplacesHits()
{
    Store &store = m_document->store();
    {
        Store::Transaction transaction(store);
        for (int i = 0; i < 130; ++i) {
            Article article { 0, u"wire"_s, u"Wire %1"_s.arg(i), u"Wire"_s, QString(), {},
                ArticleStatus::Todo, u"Protesters gathered in Zhanaozen again, report %1."_s.arg(i) };
            QVERIFY(store.addArticle(article));
        }
        QVERIFY(transaction.commit());
    }
    SearchResultModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    SearchPanel panel(&model);
    panel.resize(400, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    QTest::keyClicks(panel.queryEdit(), u"Zhanaozen"_s);
    QTest::keyClick(panel.queryEdit(), Qt::Key_Return);
    QTRY_VERIFY(model.rowCount() >= SearchResultModel::batchSize);
    QTRY_COMPARE(panel.statusLabel()->text(), panelText("%n hit(s)", 130));
    QCOMPARE(model.index(0).data().toString(), u"Protesters gathered in Zhanaozen again, report 0."_s);

    // Scrolling to the end asks for the next batches.
    QTRY_VERIFY(panel.view()->verticalScrollBar()->maximum() > 0);
    for (int attempt = 0; attempt < 10 && model.rowCount() < 130; ++attempt) {
        panel.view()->scrollToBottom();
        QTRY_VERIFY(!model.isSearching());
    }
    QCOMPARE(model.rowCount(), 130);

    // A second query, typed while nothing else happens: only its hits show.
    QTest::keySequence(panel.queryEdit(), QKeySequence::SelectAll);
    QTest::keyClicks(panel.queryEdit(), u"airport"_s);
    QTest::keyClick(panel.queryEdit(), Qt::Key_Return);
    QTRY_COMPARE(panel.statusLabel()->text(), panelText("%n hit(s)", 1));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.hit(0).title, u"Almaty airport reopens"_s);
}

void TestGuiSearch::testEscapeStopsSearch()
{
    SearchResultModel model(m_document->store());
    SearchPanel panel(&model);
    panel.resize(400, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTest::keyClicks(panel.queryEdit(), u"almaty"_s);
    QTest::keyClick(panel.queryEdit(), Qt::Key_Return);
    QVERIFY(model.isSearching());
    QTest::keyClick(panel.queryEdit(), Qt::Key_Escape);
    QVERIFY(model.isCancelled());
    QVERIFY(!model.isSearching());
    QCOMPARE(panel.statusLabel()->text(), panelText("Search stopped: %n hit(s) shown.", 0));
    // What the worker finds for the stopped search never shows.
    QSignalSpy batches(&model, &SearchResultModel::batchArrived);
    QVERIFY(!batches.wait(300));
    QCOMPARE(model.rowCount(), 0);
}

// Articles an import left for the search index are missing from the hits until the document's
// indexer is done: the panel says so meanwhile, then searches again by itself.
void TestGuiSearch::testPanelSaysWhileIndexing()
{
    Store &store = m_document->store();
    store.setSearchIndexing(Store::SearchIndexing::Deferred);
    {
        Store::BulkInsert bulk(store);
        for (int i = 0; i < 3; ++i) {
            Article article { 0, u"imported"_s, u"Imported %1"_s.arg(i), u"Feed"_s, QString(), {},
                ArticleStatus::Todo, u"Strikers marched in Zhanaozen, report %1."_s.arg(i) };
            QVERIFY(store.addArticle(article));
        }
        QVERIFY(bulk.commit());
    }
    QVERIFY(SearchBacklog::remaining(store) > 0);
    SearchResultModel model(store);
    SearchPanel panel(&model);
    panel.followIndex(store, m_document->searchIndexer());
    panel.resize(400, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTest::keyClicks(panel.queryEdit(), u"zhanaozen"_s);
    QTest::keyClick(panel.queryEdit(), Qt::Key_Return);
    QTRY_COMPARE(panel.statusLabel()->text(), panelText("%n hit(s)", 0));
    // With nothing indexing yet, the panel still knows the index is incomplete.
    QVERIFY(panel.indexingLabel()->isVisible());
    if (const QString folder = qEnvironmentVariable("BYLINE_SCREENSHOT_DIR"); !folder.isEmpty())
        panel.grab().save(folder + u"/search-incomplete.png"_s);

    bool saidSo = false;
    connect(m_document->searchIndexer(), &SearchIndexer::started, this, [&] {
        saidSo
            = panel.indexingLabel()->isVisible() && panel.indexingLabel()->text().startsWith(u"Indexing"_s);
    });
    QSignalSpy finished(m_document->searchIndexer(), &SearchIndexer::finished);
    m_document->notifyArticlesAdded(); // as the window does after an import
    QVERIFY(finished.wait(20'000));
    QVERIFY(saidSo);
    QVERIFY(!panel.indexingLabel()->isVisible());
    QTRY_COMPARE(model.rowCount(), 3);
    QTRY_COMPARE(panel.statusLabel()->text(), panelText("%n hit(s)", 3));
}

QTEST_MAIN(TestGuiSearch)
#include "tst_gui_search.moc"
