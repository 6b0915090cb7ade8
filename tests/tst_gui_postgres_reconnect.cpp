// SPDX-License-Identifier: GPL-3.0-or-later
// The main window when the server of a team project goes away (issue 8): the status bar says so
// at once with the number of edits waiting, the analyst goes on (undo too), and it shows the
// connection again once the server is back and the edits are sent. Asking whether the server is
// back never holds the window, not even when the server takes the connection and never answers.
// Edits the server refused when they were sent are listed beside the window.
#include "articlelistmodel.h"
#include "commands.h"
#include "connectionmonitor.h"
#include "document.h"
#include "mainwindow.h"
#include "refusededitsdialog.h"
#include "store.h"
#include "testprojects.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>
#include <QUrl>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestGuiPostgresReconnect : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void statusBarShowsOfflineAndBack();
    void windowStaysResponsiveWhileTheServerDoesNotAnswer();
    void refusedEditsAreListed();
    void listShowsWhatChangedWhileOffline();

public Q_SLOTS:
    /// Stands in for the desktop's file manager: QDesktopServices hands file URLs here.
    void openFileUrl(const QUrl &url) { m_openedUrls << url; }

private:
    QList<QUrl> m_openedUrls;
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

// The server's machine is there but the server is not: its port takes connections (the kernel
// does) and never answers, as behind a dead router. Each attempt to connect waits for the
// timeout; it waits on the probe thread, and the window goes on meanwhile: a timer on the GUI
// thread keeps firing while an attempt is in flight. (On the GUI thread the attempt would block
// the loop, and no tick could ever see it in flight.)
void TestGuiPostgresReconnect::windowStaysResponsiveWhileTheServerDoesNotAnswer()
{
    const QString url = m_projects.newLocation();
    {
        StoreError error;
        auto store = Store::open(url, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Article article { .key = u"silent"_s, .text = u"😀 The server went quiet."_s };
        QVERIFY(store->addArticle(article));
    }
    MainWindow window;
    window.show();
    QVERIFY(window.openProject(url));
    Document *document = window.document();
    auto *monitor = document->findChild<ConnectionMonitor *>();
    QVERIFY(monitor);
    auto *label = window.statusBar()->findChild<QLabel *>(u"connectionLabel"_s);
    const QString online = label->text();

    QVERIFY2(m_projects.server()->kill(), qPrintable(m_projects.server()->errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(document->isOffline(), 5000);
    QTcpServer silent;
    QVERIFY2(silent.listen(QHostAddress::LocalHost, quint16(m_projects.server()->port())),
        qPrintable(silent.errorString()));
    QList<QTcpSocket *> taken; // kept open, never answered
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = silent.nextPendingConnection())
            taken << socket;
    });
    QSignalSpy probed(monitor, &ConnectionMonitor::probed);

    int ticks = 0;
    int ticksWhileProbing = 0;
    QTimer tick;
    tick.setInterval(10);
    connect(&tick, &QTimer::timeout, this, [&] {
        ++ticks;
        if (monitor->isProbing())
            ++ticksWhileProbing;
    });
    tick.start();
    // The first attempt that reaches the silent port gives up after the probe's timeout.
    QTRY_VERIFY_WITH_TIMEOUT(!taken.isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!probed.isEmpty(), 10000);
    tick.stop();
    qInfo() << ticks << "ticks of a 10 ms timer," << ticksWhileProbing << "of them while an attempt waited";
    QCOMPARE(probed.first().at(0).toBool(), false);
    QVERIFY2(ticksWhileProbing >= 10, qPrintable(QString::number(ticksWhileProbing)));
    QVERIFY(document->isOffline());
    QVERIFY(label->text().startsWith(u"Offline"_s));

    // The real server is back on its port: the next attempt has an answer, and the store connects.
    silent.close();
    qDeleteAll(taken);
    QVERIFY2(m_projects.server()->startAgain(), qPrintable(m_projects.server()->errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(label->text(), online, 15000);
    QVERIFY(!document->isOffline());
}

// Ann's connection drops; offline she changes a quote's kind, renames an entity and adds a
// figure. Meanwhile Ben, still connected, changes the quote and removes the entity. When Ann is
// back, the figure goes through and her two other edits are refused: a dialog beside the window
// lists them, says whose version the server kept, and where her versions are.
void TestGuiPostgresReconnect::refusedEditsAreListed()
{
    const QString text = u"🇰🇿 Tokayev said: \"We will restore order.\" Prices rose 12 percent."_s;
    const auto spanOf = [&text](const QString &part) {
        return Span { text.indexOf(part), text.indexOf(part) + part.size() };
    };
    const QString url = m_projects.newLocation();
    {
        StoreError error;
        auto store = Store::open(url, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Article article { .key = u"kz-2"_s, .text = text };
        QVERIFY(store->addArticle(article));
    }
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openProject(url));
    Document *ann = window.document();
    QVERIFY(ann->hasArticle());
    const RecordId articleId = ann->currentArticle().id;

    Quote quote;
    quote.articleId = articleId;
    quote.content = { spanOf(u"We will restore order."_s) };
    quote.cue = spanOf(u"said"_s);
    quote.provenance = ann->manualProvenance();
    auto *addQuote = new InsertCommand<Quote>(ann, quote, u"Add quote"_s);
    ann->undoStack()->push(addQuote);
    const RecordId quoteId = addQuote->record().id;
    Entity entity;
    entity.articleId = articleId;
    entity.name = u"Tokayev"_s;
    entity.type = u"PERSON"_s;
    entity.provenance = ann->manualProvenance();
    auto *addEntity = new InsertCommand<Entity>(ann, entity, u"Add entity"_s);
    ann->undoStack()->push(addEntity);
    const RecordId entityId = addEntity->record().id;
    QVERIFY(quoteId > 0 && entityId > 0);

    StoreError error;
    auto ben = Document::open(url, Store::Mode::ReadWrite, &error);
    QVERIFY2(ben, qPrintable(error.message));
    QVERIFY(ben->showArticle(articleId));
    QVERIFY(ben->entity(entityId));

    // Ann's connection ends, as a dropped network would end it; her first edit finds out.
    QVERIFY(m_projects.server()->execute(
        { u"SELECT pg_terminate_backend(%1)"_s.arg(ann->store().serverSession()) }));
    Quote mixed = ann->annotations().quotes.value(ann->quoteRow(quoteId));
    mixed.kind = QuoteKind::Mixed;
    ann->undoStack()->push(new ChangeCommand<Quote>(
        ann, ann->annotations().quotes.value(ann->quoteRow(quoteId)), mixed, u"Kind"_s));
    QVERIFY(ann->isOffline());
    Entity renamed = *ann->entity(entityId);
    renamed.name = u"President Tokayev"_s;
    ann->undoStack()->push(new ChangeCommand<Entity>(ann, *ann->entity(entityId), renamed, u"Rename"_s));
    Figure figure;
    figure.articleId = articleId;
    figure.kind = u"percent"_s;
    figure.span = spanOf(u"12 percent"_s);
    figure.number = spanOf(u"12"_s);
    figure.value = 12.0;
    figure.provenance = ann->manualProvenance();
    ann->undoStack()->push(new InsertCommand<Figure>(ann, figure, u"Add figure"_s));
    QCOMPARE(ann->waitingEditCount(), 3);

    Quote indirect = ben->annotations().quotes.value(ben->quoteRow(quoteId));
    indirect.kind = QuoteKind::Indirect;
    ben->undoStack()->push(new ChangeCommand<Quote>(
        ben.get(), ben->annotations().quotes.value(ben->quoteRow(quoteId)), indirect, u"Kind"_s));
    ben->undoStack()->push(makeRemoveEntityCommand(ben.get(), *ben->entity(entityId)).release());
    QVERIFY(!ben->entity(entityId));

    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<RefusedEditsDialog *>(), 15000);
    QPointer<RefusedEditsDialog> dialog = window.findChild<RefusedEditsDialog *>();
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    // The drain went on to the end: the figure is on the server, nothing waits, and no message box
    // stands in the way.
    QCOMPARE(ann->waitingEditCount(), 0);
    QVERIFY(!ann->isOffline());
    QCOMPARE(ann->store().annotations(articleId).figures.size(), 1);
    for (QWidget *widget : QApplication::topLevelWidgets())
        QVERIFY(!qobject_cast<QMessageBox *>(widget) || !widget->isVisible());

    QTreeWidget *list = dialog->list();
    QCOMPARE(list->topLevelItemCount(), 2);
    const QTreeWidgetItem *quoteRow = list->topLevelItem(0);
    QCOMPARE(
        quoteRow->text(RefusedEditsDialog::RecordColumn), u"the quote “We will restore order.” in kz-2"_s);
    QCOMPARE(quoteRow->text(RefusedEditsDialog::EditColumn), u"Changed"_s);
    QVERIFY2(
        quoteRow->text(RefusedEditsDialog::KeptColumn).startsWith(u"The version of "_s + ben->annotator()),
        qPrintable(quoteRow->text(RefusedEditsDialog::KeptColumn)));
    const QTreeWidgetItem *entityRow = list->topLevelItem(1);
    // The record as the analyst last saw it, with her own name for it.
    QCOMPARE(entityRow->text(RefusedEditsDialog::RecordColumn), u"the entity President Tokayev in kz-2"_s);
    QCOMPARE(entityRow->text(RefusedEditsDialog::EditColumn), u"Changed"_s);
    QCOMPARE(entityRow->text(RefusedEditsDialog::KeptColumn), u"None: someone else removed it"_s);
    // The window shows what the server kept.
    QCOMPARE(toString(ann->annotations().quotes.value(ann->quoteRow(quoteId)).kind),
        toString(QuoteKind::Indirect));
    QVERIFY(!ann->entity(entityId));

    // Where Ann's versions are: named, copied, and its folder opened.
    const QString queueFile = ann->editQueueFile();
    QVERIFY(QFile::exists(queueFile));
    auto *summary = dialog->findChild<QLabel *>();
    QVERIFY(summary->text().contains(QDir::toNativeSeparators(queueFile)));
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"copyLocation"_s), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QDir::toNativeSeparators(queueFile));
    QDesktopServices::setUrlHandler(u"file"_s, this, "openFileUrl");
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"openFolder"_s), Qt::LeftButton);
    QDesktopServices::unsetUrlHandler(u"file"_s);
    QCOMPARE(m_openedUrls, QList<QUrl> { QUrl::fromLocalFile(QFileInfo(queueFile).absolutePath()) });
    // The analyst's versions are in that file.
    const QList<RefusedEdit> kept = ann->refusedOfflineEdits();
    QCOMPARE(kept.size(), 2);
    QCOMPARE(toString(std::get<Quote>(kept[0].edit.record).kind), toString(QuoteKind::Mixed));
    QCOMPARE(std::get<Entity>(kept[1].edit.record).name, u"President Tokayev"_s);

    // Closed by the keyboard.
    dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(dialog));
    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(dialog.isNull());
}

// The analyst's own connection is lost while the server stays up and another analyst goes on: the
// database takes no new connections and this client's are ended. What the other changed meanwhile
// was announced while nobody here listened; back online, the list shows it all the same, without
// the project being opened again.
void TestGuiPostgresReconnect::listShowsWhatChangedWhileOffline()
{
    const QString url = m_projects.newLocation();
    StoreError error;
    const auto other = Store::open(url, Store::Mode::ReadWrite, &error);
    QVERIFY2(other, qPrintable(error.message));
    QList<RecordId> ids;
    for (const QString &key : { u"first"_s, u"second"_s, u"third"_s }) {
        Article article { .key = key, .text = u"😀 The minister said so."_s };
        QVERIFY(other->addArticle(article));
        ids << article.id;
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(url));
    Document *document = window.document();
    auto *list = window.findChild<QTableView *>();
    QVERIFY(list);
    QAbstractItemModel *model = list->model();
    const auto column = [&](int section) {
        QStringList values;
        for (int row = 0; row < model->rowCount(); ++row)
            values << model->index(row, section).data().toString();
        return values;
    };
    const QString todo = toString(ArticleStatus::Todo), done = toString(ArticleStatus::Done);
    QCOMPARE(column(ArticleListModel::Key), QStringList({ u"first"_s, u"second"_s, u"third"_s }));
    QCOMPARE(column(ArticleListModel::Status), QStringList({ todo, todo, todo }));
    QSignalSpy caughtUp(document, &Document::changedElsewhereWhileOffline);

    // A database's own sessions cannot close it to connections: the server's maintenance one can.
    const QUrl server(url);
    const QString database = server.path().mid(1);
    QSqlDatabase maintenance = QSqlDatabase::addDatabase(u"QPSQL"_s, u"maintenance"_s);
    maintenance.setHostName(server.host());
    maintenance.setPort(server.port());
    maintenance.setUserName(server.userName());
    maintenance.setDatabaseName(u"postgres"_s);
    QVERIFY2(maintenance.open(), qPrintable(maintenance.lastError().text()));
    QSqlQuery admin(maintenance);
    QVERIFY2(admin.exec(u"ALTER DATABASE %1 ALLOW_CONNECTIONS false"_s.arg(database)),
        qPrintable(admin.lastError().text()));
    QVERIFY2(admin.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1'"
                        " AND pid <> %2"_s.arg(database)
                            .arg(other->serverSession())),
        qPrintable(admin.lastError().text()));
    QTRY_VERIFY_WITH_TIMEOUT(document->isOffline(), 5000);

    QVERIFY(other->setArticleStatus(ids[1], ArticleStatus::Done));
    QSqlQuery removal(other->database());
    QVERIFY2(removal.exec(u"DELETE FROM articles WHERE id = %1"_s.arg(ids[2])),
        qPrintable(removal.lastError().text()));
    Article late { .key = u"fourth"_s, .text = u"Added while the first analyst was away."_s };
    QVERIFY(other->addArticle(late));
    QTest::qWait(500); // the announcements, had anyone listened
    QCOMPARE(column(ArticleListModel::Status), QStringList({ todo, todo, todo }));

    QVERIFY2(admin.exec(u"ALTER DATABASE %1 ALLOW_CONNECTIONS true"_s.arg(database)),
        qPrintable(admin.lastError().text()));
    QTRY_VERIFY_WITH_TIMEOUT(!document->isOffline(), 10000);
    QCOMPARE(caughtUp.size(), 1);
    QTRY_COMPARE(column(ArticleListModel::Key), QStringList({ u"first"_s, u"second"_s, u"fourth"_s }));
    QCOMPARE(column(ArticleListModel::Status), QStringList({ todo, done, todo }));
}

QTEST_MAIN(TestGuiPostgresReconnect)
#include "tst_gui_postgres_reconnect.moc"
