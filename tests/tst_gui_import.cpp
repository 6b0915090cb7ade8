// SPDX-License-Identifier: GPL-3.0-or-later
// Importing files and folders from the main window: the work runs in the background behind a
// window-modal progress, a folder of any format is read whole, and Cancel takes nothing.
#include "document.h"
#include "mainwindow.h"
#include "poolgate.h"
#include "store.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace Byline;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestGuiImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aFolderOfAnyFormatComesInWhileTheWindowAnswers();
    void cancelTakesNothing();
    void closingTheWindowStopsTheImport();

private:
    QProgressDialog *progress() const { return m_window->findChild<QProgressDialog *>(u"importProgress"_s); }

    QTemporaryDir m_dir;
    QString m_folder;
    std::unique_ptr<MainWindow> m_window;
};

void TestGuiImport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // Two letters as plain text and a doccano file with an extractor's entity.
    m_folder = m_dir.filePath(u"incoming"_s);
    QVERIFY(QDir().mkpath(m_folder));
    QVERIFY(writeFile(m_folder + u"/1 letter.txt"_s, "Letters\n\nReaders wrote in about the bridge.\n"));
    QVERIFY(writeFile(m_folder + u"/2 letter.txt"_s, "More letters\n\nThe bridge stays shut.\n"));
    QVERIFY(writeFile(m_folder + u"/3 wire.jsonl"_s,
        "{\"id\": 1, \"text\": \"Tokayev spoke in Astana.\", \"entities\": [{\"id\": 1, \"label\": "
        "\"PERSON\","
        " \"start_offset\": 0, \"end_offset\": 7}], \"relations\": []}\n"));
}

void TestGuiImport::init()
{
    const QString project
        = m_dir.filePath(u"%1.byline"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
    {
        StoreError error;
        const auto store = Store::open(project, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Article article { .key = u"old"_s, .title = u"Old news"_s, .text = u"Old news.\n\nNothing new."_s };
        QVERIFY(store->addArticle(article));
    }
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openProject(project));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestGuiImport::cleanup()
{
    m_window.reset();
}

void TestGuiImport::aFolderOfAnyFormatComesInWhileTheWindowAnswers()
{
    Store &store = m_window->document()->store();
    Test::PoolGate gate; // the import waits for the pool
    m_window->importFiles({ m_folder }, QString());
    // Back at once: the import has not begun, and its progress is there to cancel it.
    QVERIFY(progress());
    QCOMPARE(store.articleCount(), 1);
    QCOMPARE(m_window->document()->currentArticle().key, u"old"_s);
    // Files asked for meanwhile (another launch handing its files over) wait for it.
    const QString more = m_dir.filePath(u"more"_s);
    QVERIFY(QDir().mkpath(more));
    QVERIFY(writeFile(more + u"/note.txt"_s, "A note\n\nOne more.\n"));
    m_window->importFiles({ more });
    QCOMPARE(m_window->findChildren<QProgressDialog *>(u"importProgress"_s).size(), 1);

    gate.release();
    QTRY_COMPARE_WITH_TIMEOUT(store.articleCount(), 5, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!progress(), 20000);
    // The second import's first article is on screen; the doccano file came in as a dataset.
    QVERIFY2(m_window->statusBar()->currentMessage().contains(u"Imported 1 article(s)"_s),
        qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(m_window->document()->currentArticle().title, u"A note"_s);
    const auto wire = store.articleWithText(u"Tokayev spoke in Astana."_s);
    QVERIFY(wire);
    QCOMPARE(store.annotations(*wire).entities.size(), 1);
}

void TestGuiImport::cancelTakesNothing()
{
    Store &store = m_window->document()->store();
    {
        Test::PoolGate gate;
        m_window->importFiles({ m_folder }, QString());
        QProgressDialog *dialog = progress();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible()); // after its half-second delay, as a person sees it
        auto *cancel = dialog->findChild<QPushButton *>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        // Until the work has let go of the project, the dialog stays and keeps edits out.
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(dialog->labelText().contains(u"Cancelling"_s));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!progress(), 20000);
    QCOMPARE(store.articleCount(), 1);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(u"cancelled"_s),
        qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(m_window->document()->currentArticle().key, u"old"_s);
}

void TestGuiImport::closingTheWindowStopsTheImport()
{
    const QString project = m_window->document()->path();
    {
        Test::PoolGate gate;
        m_window->importFiles({ m_folder }, QString());
        QVERIFY(progress());
        // The project closes with the window: the import ends first, cancelled, not after it.
        m_window.reset();
    }
    StoreError error;
    const auto store = Store::open(project, Store::Mode::ReadOnly, &error);
    QVERIFY2(store, qPrintable(error.message));
    QCOMPARE(store->articleCount(), 1);
}

QTEST_MAIN(TestGuiImport)
#include "tst_gui_import.moc"
