// SPDX-License-Identifier: GPL-3.0-or-later
// Tools > Agreement: the heat map of annotator pairs, computed off the GUI thread, and the
// drill-down to a pair's articles, driven as a curator drives it.
#include "agreement/agreementjob.h"
#include "agreement/agreementtablemodel.h"
#include "agreementdialog.h"
#include "agreementfixtures.h"
#include "articleview.h"
#include "document.h"
#include "mainwindow.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestGuiAgreement : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void heatMapOfPairs_data();
    void heatMapOfPairs();
    void choosingAPairListsItsArticles();
    void toolsMenuOpensTheDialogAndAnArticle();
    void unreadableProjectIsReported();

private:
    /// A dialog on the team project, its models under test, computed.
    std::unique_ptr<AgreementDialog> computedDialog();
    QModelIndex cell(QTableView *view, const QString &rowText, int column) const;

    QTemporaryDir m_dir;
    QString m_project;
};

void TestGuiAgreement::initTestCase()
{
    m_project = m_dir.filePath(u"team.byline"_s);
    StoreError error;
    auto store = Store::open(m_project, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    QVERIFY(Fixtures::writeTeamProject(*store));
}

std::unique_ptr<AgreementDialog> TestGuiAgreement::computedDialog()
{
    auto dialog = std::make_unique<AgreementDialog>(m_project);
    QSignalSpy computed(dialog.get(), &AgreementDialog::computed);
    QSignalSpy progressed(dialog->job(), &AgreementJob::progressed);
    // the models are checked through every reset the computation causes
    new QAbstractItemModelTester(
        dialog->pairsView()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, dialog.get());
    new QAbstractItemModelTester(dialog->articlesView()->model(),
        QAbstractItemModelTester::FailureReportingMode::QtTest, dialog.get());
    dialog->show();
    if (!QTest::qWaitForWindowExposed(dialog.get()))
        return nullptr;
    // computing runs on a worker: the dialog shows its progress meanwhile
    if (computed.isEmpty() && !computed.wait(10000))
        return nullptr;
    if (progressed.isEmpty() || progressed.last().at(0).toInt() != 3 || progressed.last().at(1).toInt() != 3)
        return nullptr;
    return dialog;
}

QModelIndex TestGuiAgreement::cell(QTableView *view, const QString &rowText, int column) const
{
    const QAbstractItemModel *model = view->model();
    const QModelIndexList matches
        = model->match(model->index(0, 0), Qt::DisplayRole, rowText, 1, Qt::MatchExactly);
    return matches.isEmpty() ? QModelIndex() : model->index(matches.first().row(), column);
}

void TestGuiAgreement::heatMapOfPairs_data()
{
    QTest::addColumn<QString>("pair");
    QTest::addColumn<int>("measure");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<bool>("green");
    // agreementfixtures.h: ana and cleo agree throughout; ana and ben share no exact mention,
    // half their mentions overlap, and they read the quote's kind differently
    QTest::newRow("ana/cleo exact") << u"ana / cleo"_s << int(Measure::EntityExactF1) << u"1.00"_s << true;
    QTest::newRow("ana/ben exact") << u"ana / ben"_s << int(Measure::EntityExactF1) << u"0.00"_s << false;
    QTest::newRow("ana/ben overlap") << u"ana / ben"_s << int(Measure::EntityOverlapF1) << u"0.50"_s << false;
    QTest::newRow("ana/ben quotes") << u"ana / ben"_s << int(Measure::QuoteF1) << u"1.00"_s << true;
    QTest::newRow("ana/ben kind") << u"ana / ben"_s << int(Measure::KindAgreement) << u"0.00"_s << false;
}

void TestGuiAgreement::heatMapOfPairs()
{
    QFETCH(QString, pair);
    QFETCH(int, measure);
    QFETCH(QString, shown);
    QFETCH(bool, green);
    const auto dialog = computedDialog();
    QVERIFY(dialog);
    QTableView *view = dialog->pairsView();
    QCOMPARE(view->model()->rowCount(), 3);
    QCOMPARE(view->model()->index(2, 0).data().toString(), u"all annotators"_s);
    QVERIFY(!dialog->progressBar()->isVisible());
    QVERIFY2(dialog->findChild<QLabel *>(u"agreementStatus"_s)->text().contains(u"2 of 3 articles"_s),
        qPrintable(dialog->findChild<QLabel *>(u"agreementStatus"_s)->text()));

    const QModelIndex index = cell(view, pair, AgreementTableModel::FirstMeasureColumn + measure);
    QVERIFY(index.isValid());
    QCOMPARE(index.data().toString(), shown);
    // the cell as painted: its background is the heat colour, green for agreement, red-ish
    // (hue below yellow's) for disagreement
    const QImage image = view->viewport()->grab().toImage();
    const QColor painted = image.pixelColor(view->visualRect(index).topLeft() + QPoint(3, 3));
    QCOMPARE(painted.rgb(), index.data(Qt::BackgroundRole).value<QColor>().rgb());
    QCOMPARE(painted.hueF() > 0.25f, green);
    // the all-annotators row has alpha only, and no colour where nothing is defined
    const QModelIndex allExact = view->model()->index(2, AgreementTableModel::FirstMeasureColumn);
    QCOMPARE(allExact.data().toString(), u"–"_s);
    QVERIFY(!allExact.data(Qt::BackgroundRole).isValid());
}

void TestGuiAgreement::choosingAPairListsItsArticles()
{
    const auto dialog = computedDialog();
    QVERIFY(dialog);
    QTableView *pairs = dialog->pairsView();
    QTableView *articles = dialog->articlesView();
    QCOMPARE(articles->model()->rowCount(), 0);

    QTest::mouseClick(
        pairs->viewport(), Qt::LeftButton, {}, pairs->visualRect(cell(pairs, u"ana / ben"_s, 0)).center());
    QCOMPARE(articles->model()->rowCount(), 1);
    QCOMPARE(articles->model()->index(0, 0).data().toString(), u"a1"_s);
    QCOMPARE(articles->model()
                 ->index(0, ArticleAgreementModel::FirstMeasureColumn + int(Measure::EntityOverlapF1))
                 .data()
                 .toString(),
        u"0.50"_s);

    QTest::mouseClick(
        pairs->viewport(), Qt::LeftButton, {}, pairs->visualRect(cell(pairs, u"ana / cleo"_s, 0)).center());
    QCOMPARE(articles->model()->rowCount(), 1);
    QCOMPARE(articles->model()->index(0, 0).data().toString(), u"a2"_s);

    QSignalSpy activated(dialog.get(), &AgreementDialog::articleActivated);
    const QRect rect = articles->visualRect(articles->model()->index(0, 0));
    QTest::mouseClick(articles->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::keyClick(articles, Qt::Key_Return);
    QCOMPARE(activated.size(), 1);
    StoreError error;
    const auto store = Store::open(m_project, Store::Mode::ReadOnly, &error);
    QCOMPARE(activated.first().at(0).value<RecordId>(), *store->articleIdForKey(u"a2"_s));

    // the all-annotators row has no articles of its own
    QTest::mouseClick(pairs->viewport(), Qt::LeftButton, {},
        pairs->visualRect(cell(pairs, u"all annotators"_s, 0)).center());
    QCOMPARE(articles->model()->rowCount(), 0);
}

void TestGuiAgreement::toolsMenuOpensTheDialogAndAnArticle()
{
    MainWindow window;
    QVERIFY(window.openProject(m_project));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.document()->currentArticle().key, u"a1"_s);

    QAction *action = nullptr;
    for (QAction *candidate : window.findChildren<QAction *>()) {
        if (candidate->text() == u"A&greement…"_s)
            action = candidate;
    }
    QVERIFY(action);
    action->trigger();
    auto *dialog = window.findChild<AgreementDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QSignalSpy computed(dialog, &AgreementDialog::computed);
    QVERIFY(computed.wait(10000));

    QTableView *pairs = dialog->pairsView();
    QTest::mouseClick(
        pairs->viewport(), Qt::LeftButton, {}, pairs->visualRect(cell(pairs, u"ana / cleo"_s, 0)).center());
    QTableView *articles = dialog->articlesView();
    QTest::mouseClick(articles->viewport(), Qt::LeftButton, {},
        articles->visualRect(articles->model()->index(0, 0)).center());
    QTest::keyClick(articles, Qt::Key_Return);
    QCOMPARE(window.document()->currentArticle().key, u"a2"_s);

    // closing the dialog deletes it
    QPointer<AgreementDialog> closed(dialog);
    dialog->close();
    QTRY_VERIFY(!closed);
}

void TestGuiAgreement::unreadableProjectIsReported()
{
    AgreementDialog dialog(m_dir.filePath(u"gone.byline"_s));
    QSignalSpy computed(&dialog, &AgreementDialog::computed);
    QVERIFY(computed.wait(10000));
    QVERIFY2(dialog.findChild<QLabel *>(u"agreementStatus"_s)->text().contains(u"gone.byline"_s),
        qPrintable(dialog.findChild<QLabel *>(u"agreementStatus"_s)->text()));
    QCOMPARE(dialog.pairsView()->model()->rowCount(), 0);
}

QTEST_MAIN(TestGuiAgreement)
#include "tst_gui_agreement.moc"
