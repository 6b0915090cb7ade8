// SPDX-License-Identifier: GPL-3.0-or-later
// The export and import dialogs as an analyst uses them: open them from the File menu, pick a
// format, set filters and watch the preview follow, export, cancel; import in the background.
#include "corpussearch.h"
#include "document.h"
#include "exportdialog.h"
#include "formats/formatregistry.h"
#include "importdialog.h"
#include "mainwindow.h"
#include "poolgate.h"
#include "searchbacklog.h"
#include "selectionfixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QThreadPool>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

QAction *fileMenuAction(MainWindow &window, const QString &text)
{
    for (QAction *menu : window.menuBar()->actions()) {
        if (menu->text() != u"&File"_s)
            continue;
        for (QAction *action : menu->menu()->actions()) {
            if (action->text() == text)
                return action;
        }
    }
    return nullptr;
}

template<typename Widget> Widget *child(QWidget *parent, const QString &name)
{
    auto *found = parent->findChild<Widget *>(name);
    if (!found)
        qWarning("no %s named %s", Widget::staticMetaObject.className(), qPrintable(name));
    return found;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void replaceText(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// Saves what the analyst sees when BYLINE_SCREENSHOT_DIR names a folder (for reviewing the layout).
void screenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("BYLINE_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    QCoreApplication::processEvents(); // the layout follows a changed format at the next turn
    widget->grab().save(QDir(folder).filePath(name));
}

} // namespace

class TestGuiExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void exportFromTheMenuWithFilters();
    void previewFollowsLayersAndStatuses();
    void previewFollowsTheOffsetUnit_data();
    void previewFollowsTheOffsetUnit();
    void everyFormatPreviews_data();
    void everyFormatPreviews();
    void cancellingAnExportLeavesNothing();
    void importFromTheMenu();
    void cancellingAnImportTakesNothing();
    void importReadsTheChosenOffsetUnit();
    void aRefusedFileStaysListed();
    void importCsvChoosingColumns();

private:
    ExportDialog *openExportDialog();
    ImportDialog *openImportDialog();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestGuiExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestGuiExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString project = m_dir->filePath(u"filters.byline"_s);
    QVERIFY(SelectionFixture::project(project));
    m_window = std::make_unique<MainWindow>();
    QVERIFY(m_window->openProject(project));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestGuiExport::cleanup()
{
    m_window.reset();
    m_dir.reset();
}

ExportDialog *TestGuiExport::openExportDialog()
{
    QAction *action = fileMenuAction(*m_window, u"&Export…"_s);
    if (!action)
        return nullptr;
    action->trigger();
    auto *dialog = m_window->findChild<ExportDialog *>();
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

ImportDialog *TestGuiExport::openImportDialog()
{
    QAction *action = fileMenuAction(*m_window, u"I&mport Dataset…"_s);
    if (!action)
        return nullptr;
    action->trigger();
    auto *dialog = m_window->findChild<ImportDialog *>();
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

void TestGuiExport::exportFromTheMenuWithFilters()
{
    ExportDialog *dialog = openExportDialog();
    QVERIFY(dialog);
    auto *preview = child<QPlainTextEdit>(dialog, u"preview"_s);
    auto *format = child<QComboBox>(dialog, u"format"_s);
    QCOMPARE(format->currentData().toString(), u"jsonl"_s);
    // The first article, as Byline JSON Lines.
    QVERIFY2(preview->toPlainText().contains(u"\"id\": \"alpha\""_s), qPrintable(preview->toPlainText()));
    QVERIFY(preview->toPlainText().contains(u"🎉 Alpha"_s));
    QVERIFY(child<QLabel>(dialog, u"limitations"_s)->text().startsWith(u"Carries everything"_s));
    // Highlighted as JSON: the keys carry a format of their own.
    const QTextBlock keyLine
        = preview->document()->findBlock(int(preview->toPlainText().indexOf(u"\"id\""_s)));
    QVERIFY(keyLine.isValid());
    QVERIFY(!keyLine.layout()->formats().isEmpty());
    screenshot(dialog, u"export-jsonl.png"_s);

    // CSV, one key press down: a folder of tables, and the option for Excel.
    QSignalSpy updated(dialog, &ExportDialog::previewUpdated);
    format->setFocus();
    QTest::keyClick(format, Qt::Key_Down);
    QCOMPARE(format->currentData().toString(), u"csv"_s);
    QVERIFY(!updated.isEmpty());
    auto *files = child<QComboBox>(dialog, u"previewFile"_s);
    QVERIFY(files->isVisible());
    QCOMPARE(files->itemText(0), u"articles.csv"_s);
    QVERIFY(child<QCheckBox>(dialog, u"excel"_s)->isVisible());
    QVERIFY(!child<QLabel>(dialog, u"limitations"_s)->text().isEmpty());
    auto *path = child<QLineEdit>(dialog, u"path"_s);
    QCOMPARE(QDir::fromNativeSeparators(path->text()), m_dir->filePath(u"filters-export"_s));
    QVERIFY(preview->toPlainText().contains(u"🎉 Alpha"_s));

    // A search and done only: the preview moves to the first article they choose.
    updated.clear();
    QTest::keyClicks(child<QLineEdit>(dialog, u"search"_s), u"coup"_s);
    QVERIFY(updated.wait());
    QVERIFY2(preview->toPlainText().contains(u"Bravo: Tokayev"_s), qPrintable(preview->toPlainText()));
    QVERIFY(!preview->toPlainText().contains(u"Alpha"_s));
    QTest::mouseClick(child<QCheckBox>(dialog, u"doneOnly"_s), Qt::LeftButton);
    QVERIFY(child<QLabel>(dialog, u"message"_s)->text().contains(u"1 article"_s));
    // The quotes table of that article.
    files->setCurrentIndex(files->findText(u"quotes.csv"_s));
    QVERIFY2(preview->toPlainText().contains(u"the coup has failed"_s), qPrintable(preview->toPlainText()));
    screenshot(dialog, u"export-csv.png"_s);

    const QString target = m_dir->filePath(u"tables"_s);
    replaceText(path, target);
    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(child<QPushButton>(dialog, u"export"_s), Qt::LeftButton);
    QVERIFY(accepted.wait(20000));
    const QByteArray articles = readFile(target + u"/articles.csv"_s);
    QVERIFY(articles.contains("Bravo: Tokayev"));
    QVERIFY(!articles.contains("Alpha"));
    QVERIFY(!articles.contains("Charlie")); // done, but the search does not find it
    QVERIFY(readFile(target + u"/quotes.csv"_s).contains("the coup has failed"));
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(u"Exported 1 article"_s),
        qPrintable(m_window->statusBar()->currentMessage()));
}

void TestGuiExport::previewFollowsLayersAndStatuses()
{
    ExportDialog *dialog = openExportDialog();
    QVERIFY(dialog);
    auto *preview = child<QPlainTextEdit>(dialog, u"preview"_s);
    QVERIFY(preview->toPlainText().contains(u"\"unit\": \"percent\""_s));
    QVERIFY(preview->toPlainText().contains(u"\"status\": \"rejected\""_s));
    QTest::mouseClick(child<QCheckBox>(dialog, u"layer-figures"_s), Qt::LeftButton);
    QVERIFY(!preview->toPlainText().contains(u"\"unit\": \"percent\""_s));
    QTest::mouseClick(child<QCheckBox>(dialog, u"status-rejected"_s), Qt::LeftButton);
    QVERIFY(!preview->toPlainText().contains(u"\"status\": \"rejected\""_s));
    QVERIFY(preview->toPlainText().contains(u"the vote was fair"_s));

    QVERIFY(preview->toPlainText().contains(u"\"name\": \"Ana Lee\""_s));
    QSignalSpy updated(dialog, &ExportDialog::previewUpdated);
    QTest::keyClicks(child<QLineEdit>(dialog, u"annotator"_s), u"nobody"_s);
    QVERIFY(updated.wait());
    QVERIFY(!preview->toPlainText().contains(u"\"name\": \"Ana Lee\""_s));
    QVERIFY(!preview->toPlainText().contains(u"\"annotator\""_s));
    QVERIFY(preview->toPlainText().contains(u"🎉 Alpha"_s));

    // A search that does not parse says why and shows nothing.
    updated.clear();
    QTest::keyClicks(child<QLineEdit>(dialog, u"search"_s), u"colour:red"_s);
    QVERIFY(updated.wait());
    QVERIFY(preview->toPlainText().isEmpty());
    QVERIFY2(child<QLabel>(dialog, u"message"_s)->text().contains(u"Unknown search field"_s),
        qPrintable(child<QLabel>(dialog, u"message"_s)->text()));
    QTest::mouseClick(child<QPushButton>(dialog, u"cancel"_s), Qt::LeftButton);
    QVERIFY(!dialog->isVisible());
}

void TestGuiExport::previewFollowsTheOffsetUnit_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("codePoints"); // "Ana Lee" after 🎉, as the preview shows it
    QTest::addColumn<QString>("utf16");
    QTest::newRow("jsonl") << u"jsonl"_s << u"\"start\": 16,\n"_s << u"\"start\": 17,\n"_s;
    QTest::newRow("csv") << u"csv"_s << u",16,23,Ana Lee,"_s << u",17,24,Ana Lee,"_s;
    QTest::newRow("doccano") << u"doccano"_s << u"\"start_offset\": 16"_s << u"\"start_offset\": 17"_s;
    QTest::newRow("w3c") << u"w3c"_s << u"\"start\": 16,\n"_s << u"\"start\": 17,\n"_s;
}

void TestGuiExport::previewFollowsTheOffsetUnit()
{
    QFETCH(QString, format);
    QFETCH(QString, codePoints);
    QFETCH(QString, utf16);
    ExportDialog *dialog = openExportDialog();
    QVERIFY(dialog);
    auto *formats = child<QComboBox>(dialog, u"format"_s);
    auto *offsets = child<QComboBox>(dialog, u"offsets"_s);
    auto *preview = child<QPlainTextEdit>(dialog, u"preview"_s);
    // Label Studio counts as its JavaScript does, whatever is asked: no choice shown.
    formats->setCurrentIndex(formats->findData(u"labelstudio"_s));
    QVERIFY(!offsets->isVisible());
    formats->setCurrentIndex(formats->findData(format));
    QVERIFY(offsets->isVisible());
    if (format == u"csv"_s) {
        auto *files = child<QComboBox>(dialog, u"previewFile"_s);
        files->setCurrentIndex(files->findText(u"mentions.csv"_s));
    }
    QVERIFY2(preview->toPlainText().contains(codePoints), qPrintable(preview->toPlainText()));
    QVERIFY(!preview->toPlainText().contains(utf16));

    // One key press down: UTF-16 code units, and the preview follows.
    QSignalSpy updated(dialog, &ExportDialog::previewUpdated);
    offsets->setFocus();
    QTest::keyClick(offsets, Qt::Key_Down);
    QCOMPARE(offsets->currentData().toString(), u"utf16"_s);
    QCOMPARE(updated.size(), 1);
    if (format == u"csv"_s) {
        auto *files = child<QComboBox>(dialog, u"previewFile"_s);
        files->setCurrentIndex(files->findText(u"mentions.csv"_s));
    }
    QVERIFY2(preview->toPlainText().contains(utf16), qPrintable(preview->toPlainText()));
    QVERIFY(!preview->toPlainText().contains(codePoints));
    QCOMPARE(dialog->formatOptions().value(u"offsets"_s).toString(), u"utf16"_s);
    screenshot(dialog, u"export-offsets-%1.png"_s.arg(format));

    // What is exported is what the preview showed.
    if (format != u"jsonl"_s)
        return;
    const QString target = m_dir->filePath(u"utf16.jsonl"_s);
    replaceText(child<QLineEdit>(dialog, u"path"_s), target);
    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(child<QPushButton>(dialog, u"export"_s), Qt::LeftButton);
    QVERIFY(accepted.wait(20000));
    QVERIFY2(
        readFile(target).contains(R"({"start":17,"end":24,"text":"Ana Lee"})"), readFile(target).constData());
}

void TestGuiExport::everyFormatPreviews_data()
{
    QTest::addColumn<QString>("format");
    for (const QString &name : FormatRegistry::shortNames(DatasetFormat::CanWrite))
        QTest::newRow(qPrintable(name)) << name;
}

void TestGuiExport::everyFormatPreviews()
{
    QFETCH(QString, format);
    ExportDialog *dialog = openExportDialog();
    QVERIFY(dialog);
    auto *formats = child<QComboBox>(dialog, u"format"_s);
    formats->setCurrentIndex(formats->findData(format));
    auto *preview = child<QPlainTextEdit>(dialog, u"preview"_s);
    QVERIFY2(!preview->toPlainText().isEmpty(), qPrintable(child<QLabel>(dialog, u"message"_s)->text()));
    // The path follows the format: a folder, or a file with its extension.
    const auto written = FormatRegistry::create(format);
    const QString path = QDir::fromNativeSeparators(child<QLineEdit>(dialog, u"path"_s)->text());
    QCOMPARE(path.endsWith(u"-export"_s), written->writesFolder());
    if (!written->writesFolder())
        QVERIFY(path.endsWith(u'.' + written->extensions().first()));
    screenshot(dialog, u"export-%1.png"_s.arg(format));
}

void TestGuiExport::cancellingAnExportLeavesNothing()
{
    // Enough articles that the export is still running when Cancel is clicked.
    {
        StoreError error;
        auto store = Store::open(m_dir->filePath(u"big.byline"_s), Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        Store::Transaction transaction(*store);
        for (int i = 0; i < 500; ++i)
            QVERIFY(SelectionFixture::addArticle(*store, u"a%1"_s.arg(i),
                u"Article %1 🎉 says “something” long enough to take a while to write."_s.arg(i),
                ArticleStatus::Done));
        QVERIFY(transaction.commit());
    }
    QVERIFY(m_window->openProject(m_dir->filePath(u"big.byline"_s)));
    ExportDialog *dialog = openExportDialog();
    QVERIFY(dialog);
    const QString target = m_dir->filePath(u"big.jsonl"_s);
    replaceText(child<QLineEdit>(dialog, u"path"_s), target);
    Test::PoolGate gate;
    QTest::mouseClick(child<QPushButton>(dialog, u"export"_s), Qt::LeftButton);
    QVERIFY(dialog->isExporting());
    QVERIFY(child<QProgressBar>(dialog, u"progress"_s)->isVisible());
    QVERIFY(!child<QComboBox>(dialog, u"format"_s)->isEnabled());
    QTest::mouseClick(child<QPushButton>(dialog, u"cancel"_s), Qt::LeftButton);
    gate.release();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isExporting(), 20000);
    QVERIFY(dialog->isVisible());
    QCOMPARE(child<QLabel>(dialog, u"message"_s)->text(), u"Export cancelled; nothing was written."_s);
    QVERIFY(!QFileInfo::exists(target));
    const QStringList left
        = QDir(m_dir->path()).entryList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &name : left)
        QVERIFY2(name.startsWith(u"filters.byline"_s) || name.startsWith(u"big.byline"_s), qPrintable(name));
    // The dialog is usable again: the same export, not cancelled, writes every article.
    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(child<QPushButton>(dialog, u"export"_s), Qt::LeftButton);
    QVERIFY(accepted.wait(60000));
    QCOMPARE(readFile(target).count(QByteArrayView("\n")), 500);
}

void TestGuiExport::importFromTheMenu()
{
    const QString dataset = m_dir->filePath(u"dataset.jsonl"_s);
    QVERIFY(FormatRegistry::create(u"jsonl")->write(m_window->document()->store(), dataset, {}));
    QVERIFY(m_window->openProject(m_dir->filePath(u"empty.byline"_s)));
    QCOMPARE(m_window->document()->store().articleCount(), 0);

    ImportDialog *dialog = openImportDialog();
    QVERIFY(dialog);
    auto *import = child<QPushButton>(dialog, u"import"_s);
    QVERIFY(!import->isEnabled());
    // The file dialog is the platform's; the list it fills is the dialog's own.
    const QString bad = m_dir->filePath(u"bad.jsonl"_s);
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"id\": \"x\", \"text\": \"Hello\"}\nnot json\n");
    file.close();
    dialog->addPaths({ dataset, bad });
    QVERIFY(import->isEnabled());
    QTest::mouseClick(child<QCheckBox>(dialog, u"skipBadRecords"_s), Qt::LeftButton);
    QCOMPARE(dialog->formatOptions().value(u"skipBadRecords"_s).toBool(), true);
    QTest::mouseClick(import, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isImporting(), 20000);
    auto *message = child<QLabel>(dialog, u"message"_s);
    QVERIFY2(message->text().startsWith(u"Imported "_s), qPrintable(message->text()));
    QVERIFY(dialog->result().articles >= 3);
    auto *report = child<QPlainTextEdit>(dialog, u"report"_s);
    QVERIFY(report->isVisible());
    QVERIFY2(report->toPlainText().contains(u"bad.jsonl"_s), qPrintable(report->toPlainText()));
    screenshot(dialog, u"import.png"_s);
    QTest::mouseClick(child<QPushButton>(dialog, u"close"_s), Qt::LeftButton);
    const Store &store = m_window->document()->store();
    QVERIFY(store.articleIdForKey(u"bravo"_s));
    QCOMPARE(store.articleCount(), int(dialog->result().articles));
    // The rows came first; the window's indexer then makes them searchable, the status bar
    // showing it meanwhile.
    QTRY_COMPARE_WITH_TIMEOUT(SearchBacklog::remaining(store), 0, 20000);
    QTRY_VERIFY(!child<QProgressBar>(m_window.get(), u"searchIndexingProgress"_s)->isVisible());
    CorpusSearch search(store);
    QVERIFY(search.setQuery(u"bravo"_s));
    QVERIFY(!search.fetch().isEmpty());
}

void TestGuiExport::cancellingAnImportTakesNothing()
{
    // Enough articles that the import is still running when Cancel is clicked.
    const QString dataset = m_dir->filePath(u"dataset.jsonl"_s);
    QFile file(dataset);
    QVERIFY(file.open(QIODevice::WriteOnly));
    for (int i = 0; i < 500; ++i)
        file.write(u"{\"id\": \"a%1\", \"text\": \"Article %1 🎉 says something.\"}\n"_s.arg(i).toUtf8());
    file.close();
    QVERIFY(m_window->openProject(m_dir->filePath(u"empty.byline"_s)));
    ImportDialog *dialog = openImportDialog();
    QVERIFY(dialog);
    dialog->addPaths({ dataset });
    Test::PoolGate gate;
    QTest::mouseClick(child<QPushButton>(dialog, u"import"_s), Qt::LeftButton);
    QVERIFY(dialog->isImporting());
    auto *close = child<QPushButton>(dialog, u"close"_s);
    QCOMPARE(close->text(), u"Cancel"_s);
    QTest::mouseClick(close, Qt::LeftButton);
    gate.release();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isImporting(), 20000);
    QCOMPARE(child<QLabel>(dialog, u"message"_s)->text(), u"Import cancelled; nothing was imported."_s);
    QCOMPARE(m_window->document()->store().articleCount(), 0);
    QCOMPARE(close->text(), u"Close"_s);
}

void TestGuiExport::importReadsTheChosenOffsetUnit()
{
    // A JavaScript tool's file: the spans after the 🎉 count it as two UTF-16 code units.
    const Store &source = m_window->document()->store();
    const QString dataset = m_dir->filePath(u"utf16.jsonl"_s);
    auto writer = FormatRegistry::create(u"jsonl");
    writer->setOptions({ { u"offsets"_s, u"utf16"_s } });
    QVERIFY2(writer->write(source, dataset, {}), qPrintable(writer->errorString()));
    const RecordId alpha = *source.articleIdForKey(u"alpha"_s);
    const AnnotationSet original = source.annotations(alpha);
    const int articles = source.articleCount();
    // The window's project changes: `source` is gone from here on.
    QVERIFY(m_window->openProject(m_dir->filePath(u"empty.byline"_s)));

    ImportDialog *dialog = openImportDialog();
    QVERIFY(dialog);
    auto *offsetUnit = child<QWidget>(dialog, u"offsetUnit"_s);
    auto *offsets = child<QComboBox>(dialog, u"offsets"_s);
    auto *formats = child<QComboBox>(dialog, u"format"_s);
    auto *import = child<QPushButton>(dialog, u"import"_s);
    auto *message = child<QLabel>(dialog, u"message"_s);
    QVERIFY(!offsetUnit->isVisible()); // nothing to read yet
    dialog->addPaths({ dataset });
    QVERIFY(offsetUnit->isVisible()); // a JSONL file by its extension
    // Formats that count as their tools do take no choice.
    for (const QString &fixed : { u"labelstudio"_s, u"brat"_s, u"conll"_s }) {
        formats->setCurrentIndex(formats->findData(fixed));
        QVERIFY2(!offsetUnit->isVisible(), qPrintable(fixed));
    }
    formats->setCurrentIndex(formats->findData(u"jsonl"_s));
    QVERIFY(offsetUnit->isVisible());
    QCOMPARE(offsets->currentData().toString(), u"codepoints"_s);

    // Read as code points, the spans miss their text by one: refused, nothing taken.
    QTest::mouseClick(import, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isImporting(), 20000);
    QCOMPARE(dialog->result().articles, 0);
    QCOMPARE(message->text(), u"Nothing was imported. Details:"_s);
    auto *report = child<QPlainTextEdit>(dialog, u"report"_s);
    QVERIFY2(report->toPlainText().contains(u"does not match the text"_s), qPrintable(report->toPlainText()));
    QCOMPARE(m_window->document()->store().articleCount(), 0);
    // The file stays listed for the second try.
    QCOMPARE(dialog->paths(), QStringList { dataset });

    // UTF-16 chosen with the keyboard: the same spans as in the project that wrote the file.
    offsets->setFocus();
    QTest::keyClick(offsets, Qt::Key_Down);
    QCOMPARE(dialog->formatOptions().value(u"offsets"_s).toString(), u"utf16"_s);
    screenshot(dialog, u"import-offsets.png"_s);
    QTest::mouseClick(import, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isImporting(), 20000);
    QVERIFY2(message->text().startsWith(u"Imported "_s), qPrintable(message->text()));
    const Store &target = m_window->document()->store();
    QCOMPARE(target.articleCount(), articles);
    const AnnotationSet imported = target.annotations(*target.articleIdForKey(u"alpha"_s));
    QCOMPARE(imported.entities.size(), original.entities.size());
    for (qsizetype i = 0; i < original.entities.size(); ++i) {
        QCOMPARE(imported.entities[i].name, original.entities[i].name);
        QCOMPARE(imported.entities[i].mentions.first().span, original.entities[i].mentions.first().span);
    }
    QTest::mouseClick(child<QPushButton>(dialog, u"close"_s), Qt::LeftButton);
}

void TestGuiExport::aRefusedFileStaysListed()
{
    const QString dataset = m_dir->filePath(u"dataset.jsonl"_s);
    QVERIFY(FormatRegistry::create(u"jsonl")->write(m_window->document()->store(), dataset, {}));
    const QString broken = m_dir->filePath(u"broken.jsonl"_s);
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"id\": \"x\", \"text\": \"Hello\"}\nnot json\n");
    file.close();
    QVERIFY(m_window->openProject(m_dir->filePath(u"empty.byline"_s)));

    ImportDialog *dialog = openImportDialog();
    QVERIFY(dialog);
    dialog->addPaths({ dataset, broken });
    QTest::mouseClick(child<QPushButton>(dialog, u"import"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isImporting(), 20000);
    // Without "skip bad records" the broken file is refused whole; the other comes in.
    QVERIFY(dialog->result().articles > 0);
    QCOMPARE(m_window->document()->store().articleCount(), int(dialog->result().articles));
    QVERIFY2(child<QPlainTextEdit>(dialog, u"report"_s)->toPlainText().contains(u"broken.jsonl"_s),
        qPrintable(child<QPlainTextEdit>(dialog, u"report"_s)->toPlainText()));
    // Only the refused file is left to try again, say with "skip bad records".
    QCOMPARE(dialog->paths(), QStringList { broken });
    QVERIFY(child<QPushButton>(dialog, u"import"_s)->isEnabled());
}

void TestGuiExport::importCsvChoosingColumns()
{
    // A feed export whose header names nothing the reader knows, and a "link" that is not a source.
    const QString feed = m_dir->filePath(u"feed.csv"_s);
    QFile file(feed);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("guid,headline,story,link,day\n"
               "n1,Fuel 😀,\"Prices rose, again.\",https://example.org/1,2024-05-01\n"
               "n2,Rates,Rates fell.,https://example.org/2,2024-05-02\n");
    file.close();
    QVERIFY(m_window->openProject(m_dir->filePath(u"empty.byline"_s)));
    ImportDialog *dialog = openImportDialog();
    QVERIFY(dialog);
    auto *import = child<QPushButton>(dialog, u"import"_s);
    auto *columns = child<QWidget>(dialog, u"csvColumns"_s);
    QVERIFY(!columns->isVisible());
    dialog->addPaths({ feed });
    QVERIFY(columns->isVisible());
    // The reader's guesses: a title and a source it knows by name, no text column.
    auto *text = child<QComboBox>(dialog, u"textColumn"_s);
    auto *title = child<QComboBox>(dialog, u"titleColumn"_s);
    auto *source = child<QComboBox>(dialog, u"sourceColumn"_s);
    auto *date = child<QComboBox>(dialog, u"dateColumn"_s);
    auto *id = child<QComboBox>(dialog, u"idColumn"_s);
    QCOMPARE(text->currentText(), u"(choose a column)"_s);
    QCOMPARE(title->currentText(), u"headline"_s);
    QCOMPARE(source->currentText(), u"link"_s);
    QCOMPARE(date->currentText(), u"(none)"_s);
    QVERIFY(!import->isEnabled());
    auto *preview = child<QTableWidget>(dialog, u"csvPreview"_s);
    QCOMPARE(preview->rowCount(), 2);
    QCOMPARE(preview->item(0, 1)->text(), u"Fuel 😀"_s);
    QCOMPARE(preview->horizontalHeaderItem(1)->text(), u"headline → Title"_s);

    // Chosen with the keyboard, as the analyst would: story is the text, day the date, guid the
    // id, and the link is left out.
    auto choose = [](QComboBox *box, const QString &item) {
        box->setFocus();
        const int wanted = box->findText(item);
        while (box->currentIndex() != wanted) {
            const int before = box->currentIndex();
            QTest::keyClick(box, wanted > before ? Qt::Key_Down : Qt::Key_Up);
            if (box->currentIndex() == before)
                return false;
        }
        return true;
    };
    QVERIFY(choose(text, u"story"_s));
    QVERIFY(import->isEnabled());
    QCOMPARE(preview->horizontalHeaderItem(2)->text(), u"story → Text"_s);
    QVERIFY(choose(date, u"day"_s));
    QVERIFY(choose(id, u"guid"_s));
    QVERIFY(choose(source, u"(none)"_s));
    screenshot(dialog, u"import-csv.png"_s);
    QTest::mouseClick(import, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isImporting(), 20000);
    auto *message = child<QLabel>(dialog, u"message"_s);
    QVERIFY2(message->text().startsWith(u"Imported 2 article"_s), qPrintable(message->text()));
    QVERIFY(!columns->isVisible());
    QTest::mouseClick(child<QPushButton>(dialog, u"close"_s), Qt::LeftButton);

    const Store &store = m_window->document()->store();
    const std::optional<RecordId> first = store.articleIdForKey(u"n1"_s);
    QVERIFY(first);
    const std::optional<Article> article = store.article(*first);
    QVERIFY(article);
    QCOMPARE(article->text, u"Prices rose, again."_s);
    QCOMPARE(article->title, u"Fuel 😀"_s);
    QCOMPARE(article->published, u"2024-05-01"_s);
    QCOMPARE(article->source, QString());
}

QTEST_MAIN(TestGuiExport)
#include "tst_gui_export.moc"
