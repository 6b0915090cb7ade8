// SPDX-License-Identifier: GPL-3.0-or-later
// Tools > Curate Article, driven with the keys a curator uses: the annotators' versions side by
// side, a version taken with its number, a difference rejected, an edit in the main window's
// panel, undo, and on to the next article; the export dialog then offers the curated layer.
#include "agreementfixtures.h"
#include "annotationpanel.h"
#include "articleview.h"
#include "curation/curationmodel.h"
#include "curation/curationstore.h"
#include "curationview.h"
#include "document.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

/// The curated mentions of the article, as covered text and status, in text order.
QStringList curatedMentions(const Store &store, RecordId articleId)
{
    const Article article = *store.article(articleId);
    QList<std::pair<qsizetype, QString>> found;
    for (const Entity &entity : store.annotations(articleId).entities) {
        for (const Mention &mention : entity.mentions) {
            if (mention.provenance.annotator == curatedLayerAnnotator)
                found.append({ mention.span.start,
                    textOf(article.text, mention.span) + u' ' + entity.type + u' '
                        + toString(mention.provenance.status) });
        }
    }
    std::sort(found.begin(), found.end());
    QStringList texts;
    for (const auto &[start, text] : found)
        texts << text;
    return texts;
}

} // namespace

class TestGuiCuration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void curateWithKeys();
    void mergeInTheDialog();
    void exportDialogOffersTheCuratedLayer();
    void singleAnnotatorProjectHasNothingToCurate();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void TestGuiCuration::initTestCase()
{
    m_project = m_dir.filePath(u"team.byline"_s);
    StoreError error;
    auto store = Store::open(m_project, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    QVERIFY(Fixtures::writeTeamProject(*store));
}

void TestGuiCuration::curateWithKeys()
{
    MainWindow window;
    QVERIFY(window.openProject(m_project));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Document *document = window.document();
    Store &store = document->store();
    const RecordId a1 = *store.articleIdForKey(u"a1"_s);
    const RecordId a2 = *store.articleIdForKey(u"a2"_s);
    QVERIFY(window.showArticle(a1));
    QVERIFY(window.curateAction()->isEnabled());
    window.curateAction()->trigger();
    CurationView *view = window.curationView();
    QVERIFY(view);
    QVERIFY(QTest::qWaitForWindowExposed(view));
    view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(view));
    QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTableView *table = view->table();

    // a1: Mary Smith / Smith, Almaty GPE / LOC, the quote, the figure; every one a difference,
    // marked in the text in its own colour
    QCOMPARE(view->model()->rowCount(), 4);
    QCOMPARE(view->currentUnit(), 0);
    QCOMPARE(view->articleView()->highlights().size(), 4);
    QCOMPARE(view->articleView()->highlights().first().colour.isValid(), true);
    QVERIFY(view->articleView()->highlights()[0].colour != view->articleView()->highlights()[1].colour);
    QCOMPARE(textOf(document->currentArticle().text, view->articleView()->currentSpan()), u"Mary Smith"_s);

    // 2: ben's "Smith"; the view moves on to the next difference
    QTest::keyClick(table, Qt::Key_2);
    QCOMPARE(curatedMentions(store, a1), QStringList { u"Smith PERSON accepted"_s });
    QCOMPARE(view->currentUnit(), 1);
    QCOMPARE(view->model()->index(0, view->model()->curatedColumn()).data().toString(),
        u"✓ “Smith” PERSON (Smith)"_s);

    // R: Almaty is left out; Ctrl+Z takes the rejection back, one step
    QTest::keyClick(table, Qt::Key_R);
    QCOMPARE(
        curatedMentions(store, a1), (QStringList { u"Smith PERSON accepted"_s, u"Almaty GPE rejected"_s }));
    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(curatedMentions(store, a1), QStringList { u"Smith PERSON accepted"_s });

    // K and J move between the differences
    view->setCurrentUnit(1);
    QTest::keyClick(table, Qt::Key_K);
    QCOMPARE(view->currentUnit(), 0);
    QTest::keyClick(table, Qt::Key_J);
    QCOMPARE(view->currentUnit(), 1);

    // E on an open unit takes a version to edit and shows it in the entity panel
    QTest::keyClick(table, Qt::Key_E);
    QCOMPARE(
        curatedMentions(store, a1), (QStringList { u"Smith PERSON accepted"_s, u"Almaty GPE accepted"_s }));
    QCOMPARE(textOf(document->currentArticle().text, window.entityPanel()->currentSpan()), u"Almaty"_s);
    const QModelIndex edited = window.entityPanel()->view()->currentIndex().siblingAtColumn(0);
    QVERIFY(edited.parent().isValid());
    QCOMPARE(edited.data(IdRole).value<RecordId>(), view->model()->units().units()[1].curated->recordId());

    // Enter with differences still open leaves the article not done and opens the next one
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(document->currentArticle().id, a2);
    QCOMPARE(toString(CurationStore(store).state(a1)), toString(CurationState::InProgress));
    QVERIFY(view->statusLabel()->text().contains(u"0 with differences"_s));

    // a2: everyone agrees; A takes it all, Enter marks it done and finds nothing after it
    QTest::keyClick(view->table(), Qt::Key_A);
    QCOMPARE(view->model()->units().openCount(), 0);
    QTest::keyClick(view->table(), Qt::Key_Return);
    QCOMPARE(toString(CurationStore(store).state(a2)), toString(CurationState::Done));
    QCOMPARE(document->currentArticle().id, a2);
    QCOMPARE(view->statusLabel()->text(), u"No article after this one needs curating."_s);

    // undo steps back through the done mark and the whole "accept all" at once
    document->undoStack()->undo();
    QCOMPARE(toString(CurationStore(store).state(a2)), toString(CurationState::InProgress));
    document->undoStack()->undo();
    QCOMPARE(toString(CurationStore(store).state(a2)), toString(CurationState::Open));
}

// M on the quote the two read differently: the curator opens the first list with the mouse and
// picks Ben's span in it, Tabs to the second and picks Ana's speaker and kind, and clicks OK; the
// curated layer has the merged quote, and Ctrl+Z takes it back with the speaker made for it.
void TestGuiCuration::mergeInTheDialog()
{
    const QString path = m_dir.filePath(u"merge.byline"_s);
    {
        StoreError error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        QVERIFY(Fixtures::writeTeamProject(*store));
    }
    MainWindow window;
    QVERIFY(window.openProject(path));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Document *document = window.document();
    const RecordId a1 = *document->store().articleIdForKey(u"a1"_s);
    QVERIFY(window.showArticle(a1));
    window.curateAction()->trigger();
    CurationView *view = window.curationView();
    QVERIFY(view);
    view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(view));
    QTableView *table = view->table();
    // The quote is the third difference.
    QTest::keyClick(table, Qt::Key_J);
    QTest::keyClick(table, Qt::Key_J);
    QCOMPARE(view->currentUnit(), 2);
    QCOMPARE(view->model()->units().units()[2].layer, Layer::Quotes);
    QCOMPARE(view->model()->units().annotators(), (QStringList { u"ana"_s, u"ben"_s }));

    // Escape closes the dialog and decides nothing.
    const int steps = document->undoStack()->count();
    QTimer::singleShot(0, this, [] {
        if (QWidget *dialog = QApplication::activeModalWidget())
            QTest::keyClick(dialog, Qt::Key_Escape);
    });
    QTest::keyClick(table, Qt::Key_M);
    QCOMPARE(document->undoStack()->count(), steps);
    QVERIFY(!QApplication::activeModalWidget());

    QStringList chosen;
    QString trouble;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog || dialog->objectName() != u"mergeDialog"_s) {
            trouble = u"no merge dialog"_s;
            return;
        }
        dialog->activateWindow();
        if (!QTest::qWaitForWindowActive(dialog)) {
            trouble = u"the dialog did not become active"_s;
            dialog->reject();
            return;
        }
        auto *where = dialog->findChild<QComboBox *>(u"spanFrom"_s);
        auto *what = dialog->findChild<QComboBox *>(u"labelFrom"_s);
        // The mouse opens the first list.
        QTest::mouseClick(where, Qt::LeftButton);
        QAbstractItemView *popup = where->view();
        if (!popup->isVisible()) {
            trouble = u"the list did not open"_s;
            dialog->reject();
            return;
        }
        // Down to Ben in the open list, Return takes him.
        QTest::keyClick(popup, Qt::Key_Down);
        QTest::keyClick(popup, Qt::Key_Return);
        if (popup->isVisible()) {
            trouble = u"the list stayed open"_s;
            dialog->reject();
            return;
        }
        // The keyboard: Tab to the second list, Up to Ana.
        QTest::keyClick(where, Qt::Key_Tab);
        if (dialog->focusWidget() != what) {
            trouble = u"Tab did not reach the second list"_s;
            dialog->reject();
            return;
        }
        QTest::keyClick(what, Qt::Key_Up);
        chosen = { where->currentText(), what->currentText() };
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    });
    QTest::keyClick(table, Qt::Key_M);
    QVERIFY2(trouble.isEmpty(), qPrintable(trouble));
    QCOMPARE(chosen, (QStringList { u"ben"_s, u"ana"_s }));

    const AnnotationSet stored = document->store().annotations(a1);
    QList<Quote> curated;
    for (const Quote &quote : stored.quotes) {
        if (quote.provenance.annotator == curatedLayerAnnotator)
            curated << quote;
    }
    QCOMPARE(curated.size(), 1);
    QCOMPARE(toString(curated.first().kind), toString(QuoteKind::Direct));
    QCOMPARE(curated.first().provenance.rule, u"curation: ben (span), ana (label)"_s);
    const auto speaker = std::find_if(stored.entities.cbegin(), stored.entities.cend(),
        [&](const Entity &entity) { return entity.id == curated.first().speakerId; });
    QVERIFY(speaker != stored.entities.cend());
    QCOMPARE(speaker->name, u"Mary Smith"_s);
    QVERIFY(
        view->model()->index(2, view->model()->curatedColumn()).data().toString().contains(u"Mary Smith"_s));

    // One Ctrl+Z takes the merged quote and its speaker back.
    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
    for (const Quote &quote : document->store().annotations(a1).quotes)
        QVERIFY(quote.provenance.annotator != curatedLayerAnnotator);
    for (const Entity &entity : document->store().annotations(a1).entities)
        QVERIFY(entity.provenance.annotator != curatedLayerAnnotator);
}

void TestGuiCuration::exportDialogOffersTheCuratedLayer()
{
    StoreError error;
    auto store = Store::open(m_project, Store::Mode::ReadOnly, &error);
    QVERIFY2(store, qPrintable(error.message));
    QVERIFY(CurationStore(*store).hasCuratedLayer());
    ExportDialog dialog(*store);
    auto *annotator = dialog.findChild<QLineEdit *>(u"annotator"_s);
    auto *layer = dialog.findChild<QLabel *>(u"annotatorLayer"_s);
    QVERIFY(annotator && layer);
    QCOMPARE(annotator->text(), u"curator"_s);
    QCOMPARE(dialog.selection().annotator, u"curator"_s);
    QVERIFY2(layer->text().startsWith(u"The curated layer"_s), qPrintable(layer->text()));
    // clearing the field exports everyone's, and the dialog says so
    annotator->setFocus();
    QTest::keyClick(annotator, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(annotator, Qt::Key_Delete);
    QVERIFY(dialog.selection().annotator.isEmpty());
    QCOMPARE(layer->text(), u"Everyone's annotations."_s);
}

void TestGuiCuration::singleAnnotatorProjectHasNothingToCurate()
{
    const QString path = m_dir.filePath(u"alone.byline"_s);
    {
        StoreError error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Article article;
        article.key = u"solo"_s;
        article.text = u"Only ana read this one about Lagos 🌉."_s;
        QVERIFY(store->addArticle(article));
        Fixtures::VersionBuilder ana(article.text, u"ana"_s);
        ana.entity(u"GPE"_s, { u"Lagos"_s });
        QVERIFY(ana.store(*store, article.id));
    }
    MainWindow window;
    QVERIFY(window.openProject(path));
    QVERIFY(!window.curateAction()->isEnabled());
    window.openCuration();
    QVERIFY(!window.curationView());
}

QTEST_MAIN(TestGuiCuration)
#include "tst_gui_curation.moc"
