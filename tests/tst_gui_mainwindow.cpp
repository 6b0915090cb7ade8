// SPDX-License-Identifier: GPL-3.0-or-later
// The main window as an analyst uses it: open a project, click rows and text.
#include "annotationpanel.h"
#include "articlelistpanel.h"
#include "articleview.h"
#include "commands.h"
#include "document.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "searchpanel.h"
#include "store.h"

#include <QAbstractItemView>
#include <QLineEdit>
#include <QListView>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString firstText = u"Russian President Vladimir Putin said on Monday that “global terrorism” has "
                          "targeted Kazakhstan. 😀 Officials said 2,030 soldiers had arrived."_s;
const QString secondText = u"A second article about the budget."_s;

Span spanOf(const QString &text, const QString &needle)
{
    const qsizetype start = text.indexOf(needle);
    return { start, start + needle.size() };
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void clickingARowSelectsItsSpan_data();
    void clickingARowSelectsItsSpan();
    void clickingTextSelectsTheRow_data();
    void clickingTextSelectsTheRow();
    void clickingAnArticleShowsIt();
    void searchingOpensTheHit();
    void suggestionsShowTheirRuleAndConfidence();

private:
    void createProject();
    QModelIndex findRow(QAbstractItemView *view, const QString &text) const;

    QTemporaryDir m_dir;
    QString m_projectPath;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_projectPath = m_dir.filePath(u"gui.byline"_s);
    createProject();
}

void TestMainWindow::createProject()
{
    StoreError error;
    auto store = Store::open(m_projectPath, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    Article first { .key = u"first"_s, .title = u"Putin on terrorism"_s, .text = firstText };
    Article second { .key = u"second"_s, .title = u"Budget"_s, .text = secondText };
    QVERIFY(store->addArticle(first));
    QVERIFY(store->addArticle(second));

    Entity putin { .articleId = first.id, .name = u"Vladimir Putin"_s, .type = u"PERSON"_s };
    putin.mentions.append({ .span = spanOf(firstText, u"Vladimir Putin"_s) });
    QVERIFY(store->insertEntity(putin));
    Entity kazakhstan { .articleId = first.id, .name = u"Kazakhstan"_s, .type = u"GPE"_s };
    kazakhstan.mentions.append({ .span = spanOf(firstText, u"Kazakhstan"_s) });
    QVERIFY(store->insertEntity(kazakhstan));
    Quote quote { .articleId = first.id, .kind = QuoteKind::Mixed };
    quote.content = { spanOf(firstText, u"“global terrorism” has targeted Kazakhstan"_s) };
    quote.cue = spanOf(firstText, u"said"_s);
    quote.source = spanOf(firstText, u"Russian President Vladimir Putin"_s);
    quote.speakerId = putin.id;
    QVERIFY(store->insertQuote(quote));
    Figure figure { .articleId = first.id,
        .kind = u"count"_s,
        .span = spanOf(firstText, u"2,030 soldiers"_s),
        .number = spanOf(firstText, u"2,030"_s),
        .value = 2030.0,
        .unit = u"soldiers"_s };
    QVERIFY(store->insertFigure(figure));
}

void TestMainWindow::init()
{
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openProject(m_projectPath));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->articleView()->toPlainText(), firstText);
}

QModelIndex TestMainWindow::findRow(QAbstractItemView *view, const QString &text) const
{
    const QAbstractItemModel *model = view->model();
    for (int column = 0; column < model->columnCount(); ++column) {
        const QModelIndexList matches = model->match(
            model->index(0, column), Qt::DisplayRole, text, 1, Qt::MatchExactly | Qt::MatchRecursive);
        if (!matches.isEmpty())
            return matches.first();
    }
    return {};
}

void TestMainWindow::clickingARowSelectsItsSpan_data()
{
    QTest::addColumn<QString>("panel");
    QTest::addColumn<QString>("rowText");
    QTest::addColumn<QString>("selected");

    QTest::newRow("entity") << u"entities"_s << u"Vladimir Putin"_s << u"Vladimir Putin"_s;
    QTest::newRow("quote") << u"quotes"_s << u"Vladimir Putin"_s
                           << u"“global terrorism” has targeted Kazakhstan"_s;
    QTest::newRow("figure-after-emoji") << u"figures"_s << u"soldiers"_s << u"2,030 soldiers"_s;
}

void TestMainWindow::clickingARowSelectsItsSpan()
{
    QFETCH(QString, panel);
    QFETCH(QString, rowText);
    QFETCH(QString, selected);

    AnnotationPanel *target = panel == u"entities"_s ? m_window->entityPanel()
        : panel == u"quotes"_s                       ? m_window->quotePanel()
                                                     : m_window->figurePanel();
    QTreeView *view = target->view();
    const QModelIndex index = findRow(view, rowText);
    QVERIFY2(index.isValid(), qPrintable(rowText));
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());

    QCOMPARE(m_window->articleView()->textCursor().selectedText(), selected);
}

void TestMainWindow::clickingTextSelectsTheRow_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("entityRow");
    QTest::addColumn<QString>("figureRow");

    QTest::newRow("entity mention") << u"Putin"_s << u"Vladimir Putin"_s << QString();
    QTest::newRow("figure after emoji") << u"soldiers"_s << QString() << u"soldiers"_s;
    QTest::newRow("plain text clears") << u"Officials"_s << QString() << QString();
}

void TestMainWindow::clickingTextSelectsTheRow()
{
    QFETCH(QString, word);
    QFETCH(QString, entityRow);
    QFETCH(QString, figureRow);

    ArticleView *view = m_window->articleView();
    QTextCursor cursor(view->document());
    cursor.setPosition(int(firstText.indexOf(word) + 1));
    const QPoint point = view->cursorRect(cursor).center() + QPoint(2, 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, point);

    const QModelIndex entityCurrent = m_window->entityPanel()->view()->currentIndex();
    const QModelIndex figureCurrent = m_window->figurePanel()->view()->currentIndex();
    const bool entitySelected = m_window->entityPanel()->view()->selectionModel()->isSelected(entityCurrent);
    const bool figureSelected = m_window->figurePanel()->view()->selectionModel()->isSelected(figureCurrent);
    if (entityRow.isEmpty()) {
        QVERIFY(!entitySelected);
    } else {
        QVERIFY(entitySelected);
        // The mention row is chosen, under its entity.
        QCOMPARE(entityCurrent.parent().data().toString(), entityRow);
        QCOMPARE(entityCurrent.data(SpanRole).value<Span>(), spanOf(firstText, u"Vladimir Putin"_s));
    }
    if (figureRow.isEmpty()) {
        QVERIFY(!figureSelected);
    } else {
        QVERIFY(figureSelected);
        QCOMPARE(figureCurrent.siblingAtColumn(1).data().toString(), figureRow);
    }
}

void TestMainWindow::clickingAnArticleShowsIt()
{
    QTableView *list = m_window->articleList()->view();
    QCOMPARE(list->model()->rowCount(), 2);
    const QModelIndex second = list->model()->index(1, 0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(second).center());

    QCOMPARE(m_window->articleView()->toPlainText(), secondText);
    QCOMPARE(m_window->document()->currentArticle().key, u"second"_s);
    QCOMPARE(m_window->figurePanel()->view()->model()->rowCount(), 0);
}

void TestMainWindow::searchingOpensTheHit()
{
    // Start on the other article, so that opening the hit has to switch.
    QTableView *list = m_window->articleList()->view();
    QTest::mouseClick(
        list->viewport(), Qt::LeftButton, {}, list->visualRect(list->model()->index(1, 0)).center());
    QCOMPARE(m_window->document()->currentArticle().key, u"second"_s);

    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    auto *query = m_window->findChild<QLineEdit *>(u"searchQuery"_s);
    QVERIFY(query);
    QTRY_VERIFY(query->hasFocus());
    QTest::keyClicks(query, u"soldiers"_s);
    QTest::keyClick(query, Qt::Key_Return);
    auto *results = m_window->findChild<SearchPanel *>()->view();
    QTRY_VERIFY(results->model()->rowCount() > 0);
    const QModelIndex hit = results->model()->index(0, 0);
    results->setCurrentIndex(hit);
    QTest::keyClick(results, Qt::Key_Return);

    QCOMPARE(m_window->document()->currentArticle().key, u"first"_s);
    QVERIFY2(m_window->articleView()->textCursor().selectedText().contains(u"soldiers"_s),
        qPrintable(m_window->articleView()->textCursor().selectedText()));
}

void TestMainWindow::suggestionsShowTheirRuleAndConfidence()
{
    Document *document = m_window->document();
    const Span monday = spanOf(firstText, u"Monday"_s);
    Figure suggestion { .articleId = document->currentArticle().id,
        .kind = u"date"_s,
        .span = monday,
        .number = monday,
        .value = u"2022-01-10"_s,
        .provenance = { .status = AnnotationStatus::Auto, .confidence = 0.8, .rule = u"figure.weekday"_s } };
    document->undoStack()->push(new InsertCommand<Figure>(document, suggestion, u"suggest"_s));

    QStringList tooltips;
    for (const SpanHighlight &highlight : m_window->articleView()->highlightsAt(monday.start + 1))
        tooltips << highlight.tooltip;
    QVERIFY2(tooltips.join(u'\n').contains(u"Suggested by rule figure.weekday, confidence 80%"_s),
        qPrintable(tooltips.join(u'\n')));
    document->undoStack()->undo();
}

QTEST_MAIN(TestMainWindow)
#include "tst_gui_mainwindow.moc"
