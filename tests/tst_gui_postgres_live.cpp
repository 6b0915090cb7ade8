// SPDX-License-Identifier: GPL-3.0-or-later
// Another analyst's change arriving while one works (issue 8): the panel reads the article again
// without taking away the analyst's selection or moving the text.
#include "commands.h"
#include "document.h"
#include "modelroles.h"
#include "quotemodel.h"
#include "quotepanel.h"
#include "testprojects.h"

#include <QSignalSpy>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestGuiPostgresLive : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void othersChangeKeepsTheSelection();

private:
    Test::TestProjects m_projects;
};

void TestGuiPostgresLive::initTestCase()
{
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

void TestGuiPostgresLive::othersChangeKeepsTheSelection()
{
    const QString text = u"😀 \"One,\" he said. \"Two,\" she said. \"Three,\" they said."_s;
    const QString url = m_projects.newLocation();
    StoreError error;
    auto ann = Document::open(url, Store::Mode::ReadWrite, &error);
    auto ben = Document::open(url, Store::Mode::ReadWrite, &error);
    QVERIFY2(ann && ben, qPrintable(error.message));
    Article article { .key = u"three"_s, .text = text };
    QVERIFY(ann->store().addArticle(article));
    QVERIFY(ann->showArticle(article.id));
    QList<RecordId> quotes;
    for (const QString &part : { u"One,"_s, u"Two,"_s, u"Three,"_s }) {
        Quote quote;
        quote.articleId = article.id;
        quote.content = { Span { text.indexOf(part), text.indexOf(part) + part.size() } };
        quote.provenance = ann->manualProvenance();
        auto *command = new InsertCommand<Quote>(ann.get(), quote, u"Add"_s);
        ann->undoStack()->push(command);
        quotes << command->record().id;
    }
    QVERIFY(ben->showArticle(article.id));

    QuoteModel model(ben.get());
    QuotePanel panel(&model, ben.get());
    panel.resize(600, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTreeView *view = panel.view();
    QCOMPARE(view->model()->rowCount(), 3);
    const QModelIndex third = view->model()->index(2, 0);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(third).center());
    QCOMPARE(view->currentIndex().data(IdRole).value<RecordId>(), quotes[2]);
    QSignalSpy jumps(&panel, &AnnotationPanel::spanActivated);

    // Ann removes the first quote: the row Ben chose moves up, and stays his.
    const Quote first = ann->annotations().quotes.first();
    ann->undoStack()->push(new RemoveCommand<Quote>(ann.get(), first, u"Delete"_s));
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, 1000);
    QCOMPARE(view->currentIndex().data(IdRole).value<RecordId>(), quotes[2]);
    QCOMPARE(view->currentIndex().row(), 1);
    QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(jumps.size(), 0);
}

QTEST_MAIN(TestGuiPostgresLive)
#include "tst_gui_postgres_live.moc"
