// SPDX-License-Identifier: GPL-3.0-or-later
// The main window when the server of a team project goes away (issue 8): the status bar says so
// at once with the number of edits waiting, the analyst goes on (undo too), and it shows the
// connection again once the server is back and the edits are sent.
#include "commands.h"
#include "document.h"
#include "mainwindow.h"
#include "store.h"
#include "testprojects.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestGuiPostgresReconnect : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusBarShowsOfflineAndBack();

private:
    QTemporaryDir m_home;
    Test::TestProjects m_projects;
};

void TestGuiPostgresReconnect::initTestCase()
{
    // Settings and the offline queues in a folder of the test's own.
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(u"data"_s)));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(u"config"_s)));
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

void TestGuiPostgresReconnect::statusBarShowsOfflineAndBack()
{
    const QString text = u"😀 Prices rose 12 percent, then 3 percent."_s;
    const QString url = m_projects.newLocation();
    {
        StoreError error;
        auto store = Store::open(url, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Article article { .key = u"prices"_s, .text = text };
        QVERIFY(store->addArticle(article));
    }
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openProject(url));
    Document *document = window.document();
    QVERIFY(document->hasArticle());
    auto *label = window.statusBar()->findChild<QLabel *>(u"connectionLabel"_s);
    QVERIFY(label);
    QVERIFY(label->isVisible());
    const QString online = label->text();
    QVERIFY2(online.contains(u"on the server"_s), qPrintable(online));
    const QString title = window.windowTitle();

    // The server dies while the analyst reads: no edit in flight, the change feed hears it.
    QElapsedTimer loss;
    QVERIFY2(m_projects.server()->kill(), qPrintable(m_projects.server()->errorString()));
    loss.start();
    QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith(u"Offline"_s), 5000);
    qInfo() << "offline shown" << loss.elapsed() << "ms after the server was gone";
    QCOMPARE(label->text(), u"Offline — no edits waiting"_s);
    QVERIFY(label->isVisible());
    QVERIFY(window.windowTitle().contains(u"offline"_s));

    // The analyst goes on: three figures, each shown at once and counted as waiting.
    for (const QString &part : { u"12 percent"_s, u"3 percent"_s }) {
        Figure figure;
        figure.articleId = document->currentArticle().id;
        figure.kind = u"percent"_s;
        figure.span = { text.indexOf(part), text.indexOf(part) + part.size() };
        figure.number = { figure.span.start, figure.span.start + part.indexOf(u' ') };
        figure.value = part.left(part.indexOf(u' ')).toDouble();
        figure.provenance = document->manualProvenance();
        document->undoStack()->push(new InsertCommand<Figure>(document, figure, u"Add figure"_s));
    }
    QCOMPARE(document->annotations().figures.size(), 2);
    QCOMPARE(label->text(), u"Offline — 2 edits waiting"_s);
    // Undo works offline: Ctrl+Z takes the second figure back, one more edit to send.
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(document->annotations().figures.size(), 1);
    QCOMPARE(label->text(), u"Offline — 3 edits waiting"_s);

    QElapsedTimer back;
    QVERIFY2(m_projects.server()->startAgain(), qPrintable(m_projects.server()->errorString()));
    back.start();
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), online, 10000);
    qInfo() << "online shown, edits sent" << back.elapsed() << "ms after the server was back";
    QCOMPARE(window.windowTitle(), title);
    QCOMPARE(document->waitingEditCount(), 0);
    QCOMPARE(document->store().annotations(document->currentArticle().id).figures.size(), 1);
}

QTEST_MAIN(TestGuiPostgresReconnect)
#include "tst_gui_postgres_reconnect.moc"
