// SPDX-License-Identifier: GPL-3.0-or-later
// File > Open Team Project as an analyst uses it, against a PostgreSQL server the test starts.
#include "articleview.h"
#include "document.h"
#include "mainwindow.h"
#include "store.h"
#include "teamprojectdialog.h"
#include "testprojects.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestTeamProject : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void openingTeamProjectAfterAMistake();

private:
    Test::TestProjects m_projects;
};

void TestTeamProject::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

void TestTeamProject::openingTeamProjectAfterAMistake()
{
    const QString text = u"😀 Tokayev met Putin in Moscow."_s;
    const QString url = m_projects.newLocation();
    {
        StoreError error;
        auto store = Store::open(url, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Article article { .key = u"moscow"_s, .title = u"Moscow talks"_s, .text = text };
        QVERIFY(store->addArticle(article));
    }
    const QString server = u"127.0.0.1:%1/"_s.arg(m_projects.server()->port());

    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *open = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == u"Open &Team Project…"_s)
            open = action;
    }
    QVERIFY(open);

    // The analyst mistypes the database first: the form stays, says why, and keeps what was typed.
    int step = 0;
    QString shownError;
    QString userAfterError;
    QTimer driver;
    driver.setInterval(20);
    connect(&driver, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<TeamProjectDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        auto *address = dialog->findChild<QLineEdit *>(u"address"_s);
        auto *user = dialog->findChild<QLineEdit *>(u"user"_s);
        auto *error = dialog->findChild<QLabel *>(u"error"_s);
        QPushButton *openButton = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
        if (step == 0) {
            ++step;
            QTest::keyClicks(address, server + u"no_such_project"_s);
            QTest::keyClicks(user, u"byline"_s);
            QTest::mouseClick(openButton, Qt::LeftButton);
        } else if (step == 1 && error->isVisible()) {
            ++step;
            shownError = error->text();
            userAfterError = user->text();
            address->clear();
            QTest::keyClicks(
                address, QUrl(url).host() + u":"_s + QString::number(QUrl(url).port()) + QUrl(url).path());
            QTest::mouseClick(openButton, Qt::LeftButton);
        }
    });
    driver.start();
    open->trigger();
    driver.stop();

    QCOMPARE(step, 2);
    QVERIFY2(shownError.contains(u"no_such_project"_s), qPrintable(shownError));
    QCOMPARE(userAfterError, u"byline"_s);
    QVERIFY(window.document());
    QCOMPARE(window.document()->path(), url);
    QCOMPARE(window.articleView()->toPlainText(), text);
    // The database role is the annotator; the status bar says who is connected and how.
    QCOMPARE(window.document()->annotator(), u"byline"_s);
    QCOMPARE(window.document()->manualProvenance().annotator, u"byline"_s);
    auto *connection = window.findChild<QLabel *>(u"connectionLabel"_s);
    QVERIFY(connection && connection->isVisible());
    QCOMPARE(connection->text(), u"byline on the server, not encrypted"_s);
}

QTEST_MAIN(TestTeamProject)
#include "tst_gui_postgres_teamproject.moc"
