// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "aboutdialog.h"
#include "agreementdialog.h"
#include "annotationhighlights.h"
#include "annotationpanel.h"
#include "articlelistmodel.h"
#include "articlelistpanel.h"
#include "articlequeue.h"
#include "articleview.h"
#include "assigndialog.h"
#include "assignmentsdialog.h"
#include "curation/curationstore.h"
#include "curationview.h"
#include "document.h"
#include "entitymodel.h"
#include "entitypanel.h"
#include "exportdialog.h"
#include "extractionjob.h"
#include "figuremodel.h"
#include "figurepanel.h"
#include "formats/formatjob.h"
#include "importdialog.h"
#include "legendwidget.h"
#include "quotemodel.h"
#include "quotepanel.h"
#include "refusededitsdialog.h"
#include "reviewstatuslabel.h"
#include "schemadialog.h"
#include "searchindexer.h"
#include "searchpanel.h"
#include "searchresultmodel.h"
#include "serverpasswords.h"
#include "suggestionwriter.h"
#include "taggingcontroller.h"
#include "teamprojectdialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

constexpr int maximumRecentProjects = 8;
const auto recentProjectsKey = "recentProjects"_L1;
const auto projectFilter = QT_TRANSLATE_NOOP("Byline::MainWindow", "Byline projects (*.byline)");

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_articleView(new ArticleView(this))
    , m_statusLabel(new QLabel(this))
    , m_connectionLabel(new QLabel(this))
    , m_indexingProgress(new QProgressBar(this))
    , m_reviewStatus(new ReviewStatusLabel(this))
    , m_legend(new LegendWidget(this))
    , m_tagging(new TaggingController(m_articleView, this))
    , m_undoGroup(new QUndoGroup(this))
{
    setWindowTitle(tr("Byline"));
    setObjectName(u"MainWindow"_s);
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    centreLayout->addWidget(m_legend);
    centreLayout->addWidget(m_articleView, 1);
    setCentralWidget(centre);
    statusBar()->addPermanentWidget(m_reviewStatus);
    m_connectionLabel->setObjectName(u"connectionLabel"_s);
    statusBar()->addPermanentWidget(m_connectionLabel);
    statusBar()->addPermanentWidget(m_statusLabel);
    m_indexingProgress->setObjectName(u"searchIndexingProgress"_s);
    m_indexingProgress->setMaximumWidth(240);
    m_indexingProgress->setFormat(tr("Indexing for search… %p%"));
    m_indexingProgress->setToolTip(
        tr("What was imported is in the project; search finds it when this is done."));
    m_indexingProgress->hide();
    statusBar()->addPermanentWidget(m_indexingProgress);
    setDockOptions(AnimatedDocks | AllowTabbedDocks);
    m_articleView->setPlaceholderText(tr("Open a project (Ctrl+O) or import articles (Ctrl+I)."));
    createActions();
    createDocks();
    connect(m_articleView, &ArticleView::spanClicked, this, &MainWindow::onTextClicked);
    connect(m_tagging, &TaggingController::statusMessage, this,
        [this](const QString &message) { statusBar()->showMessage(message, 6000); });
    connect(m_tagging, &TaggingController::annotationFocused, this, &MainWindow::onTextClicked);
    connect(m_tagging, &TaggingController::articleDone, this, &MainWindow::openArticleAfter);
    resize(1400, 860);
    refreshStatus();
}

MainWindow::~MainWindow()
{
    stopImport();
    delete m_curationView;
    closeDocumentDialogs();
    // Panels and models refer to the document: let them go first.
    for (QDockWidget *dock : std::as_const(m_docks))
        delete dock->widget();
    // Its worker's connection shares the document's lock: it closes before the document does.
    delete m_searchModel;
}

// The assignment dialogs work on the open document, and the one managing queues holds a handle on
// its database: neither may outlive it (a closed one waits for deleteLater meanwhile).
void MainWindow::closeDocumentDialogs()
{
    qDeleteAll(findChildren<AssignDialog *>(Qt::FindDirectChildrenOnly));
    qDeleteAll(findChildren<AssignmentsDialog *>(Qt::FindDirectChildrenOnly));
}

void MainWindow::createActions()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&New Project…"), QKeySequence::New, this, &MainWindow::newProject);
    fileMenu->addAction(tr("&Open Project…"), QKeySequence::Open, this, &MainWindow::openProjectDialog);
    fileMenu->addAction(tr("Open &Team Project…"), this, [this] { openTeamProjectDialog(); });
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    fileMenu->addSeparator();
    fileMenu->addAction(
        tr("&Import Text Files…"), QKeySequence(Qt::CTRL | Qt::Key_I), this, &MainWindow::importDialog);
    fileMenu->addAction(tr("Import &Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Import Folder"));
        if (!folder.isEmpty())
            importFiles({ folder }, QString());
    });
    fileMenu->addAction(tr("I&mport Dataset…"), this, &MainWindow::importDatasetDialog);
    fileMenu->addAction(tr("&Export…"), this, &MainWindow::exportDialog);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    rebuildRecentMenu();

    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undoGroup->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = m_undoGroup->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(QKeySequence::Redo);
    m_editMenu->addAction(undo);
    m_editMenu->addAction(redo);
    m_editMenu->addSeparator();
    m_editMenu->addAction(tr("&Search the Corpus…"), QKeySequence::Find, this, [this] {
        if (!m_searchPanel)
            return;
        m_docks[4]->show();
        m_docks[4]->raise();
        m_searchPanel->queryEdit()->setFocus();
        m_searchPanel->queryEdit()->selectAll();
    });

    m_annotateMenu = menuBar()->addMenu(tr("&Annotate"));
    m_reviewMenu = menuBar()->addMenu(tr("&Review"));
    m_reviewMenu->addActions(m_tagging->reviewActions());

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_showRejected = m_viewMenu->addAction(tr("Show &Rejected Suggestions"));
    m_showRejected->setCheckable(true);
    connect(m_showRejected, &QAction::toggled, this, &MainWindow::refreshHighlights);
    m_viewMenu->addSeparator();

    QMenu *toolsMenu = menuBar()->addMenu(tr("&Tools"));
    toolsMenu->addAction(tr("&Suggest Annotations"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
        &MainWindow::suggestForCurrentArticle);
    toolsMenu->addAction(tr("Suggest Annotations for &All Articles"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this, &MainWindow::suggestForAllArticles);
    toolsMenu->addSeparator();
    toolsMenu->addAction(tr("Annotation S&chema…"), this, &MainWindow::editSchema);
    toolsMenu->addAction(tr("A&greement…"), this, [this] {
        if (m_document)
            connect(AgreementDialog::showFor(m_document->path(), this), &AgreementDialog::articleActivated,
                this, &MainWindow::showArticle);
    });
    toolsMenu->addAction(tr("Assign &Articles…"), this, [this] {
        if (m_document)
            connect(AssignDialog::showFor(m_document.get(), this), &AssignDialog::assigned, m_articleQueue,
                &ArticleQueue::refresh);
    });
    toolsMenu->addAction(tr("Manage Assign&ments…"), this, [this] {
        if (m_document)
            connect(AssignmentsDialog::showFor(m_document.get(), this), &AssignmentsDialog::reassigned,
                m_articleQueue, &ArticleQueue::refresh);
    });
    m_curate = toolsMenu->addAction(tr("C&urate Article…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
        this, &MainWindow::openCuration);
    m_curate->setEnabled(false);
    m_viewMenu->addAction(m_curate);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Byline"), this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    helpMenu->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

QDockWidget *MainWindow::addPanelDock(
    const QString &title, const QString &objectName, QWidget *panel, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    addDockWidget(area, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    m_docks.append(dock);
    return dock;
}

void MainWindow::createDocks()
{
    // Placeholders until a project is open; setDocument() puts real panels in.
    addPanelDock(tr("Articles"), u"articlesDock"_s, new QWidget, Qt::LeftDockWidgetArea);
    addPanelDock(tr("Entities"), u"entitiesDock"_s, new QWidget, Qt::RightDockWidgetArea);
    addPanelDock(tr("Quotes"), u"quotesDock"_s, new QWidget, Qt::RightDockWidgetArea);
    addPanelDock(tr("Figures"), u"figuresDock"_s, new QWidget, Qt::RightDockWidgetArea);
    // Search shares the left side with the article list: both choose what to read.
    tabifyDockWidget(
        m_docks[0], addPanelDock(tr("Search"), u"searchDock"_s, new QWidget, Qt::LeftDockWidgetArea));
    m_docks[0]->raise();
    resizeDocks({ m_docks[0] }, { 300 }, Qt::Horizontal);
    resizeDocks({ m_docks[1] }, { 460 }, Qt::Horizontal);
}

void MainWindow::setDocument(std::unique_ptr<Document> document)
{
    stopImport();
    // A running extraction writes to the project being closed: wait for it to end first.
    if (m_extractionJob) {
        m_extractionJob->cancel();
        delete m_extractionJob;
        m_extractionJob = nullptr;
    }
    stopExtraction();
    closeDocumentDialogs();
    for (QDockWidget *dock : std::as_const(m_docks))
        delete dock->widget();
    delete m_curationView;
    m_curationView = nullptr;
    delete m_articleListModel;
    delete m_articleQueue;
    delete m_entityModel;
    delete m_quoteModel;
    delete m_figureModel;
    delete m_searchModel;
    // They hold the old document and disconnect from it when given the new one: let go first.
    m_tagging->setDocument(nullptr);
    m_reviewStatus->setDocument(nullptr);
    m_document = std::move(document);
    Document *doc = m_document.get();
    m_undoGroup->addStack(doc->undoStack());
    m_undoGroup->setActiveStack(doc->undoStack());

    m_articleListModel = new ArticleListModel(doc, this);
    m_entityModel = new EntityModel(doc, this);
    m_quoteModel = new QuoteModel(doc, this);
    m_figureModel = new FigureModel(doc, this);
    m_articleListPanel = new ArticleListPanel(m_articleListModel);
    m_articleQueue = new ArticleQueue(doc, this);
    m_articleListPanel->setQueue(m_articleQueue);
    // A team curates; a project file's one analyst has no curated layer to follow.
    m_articleListPanel->view()->setColumnHidden(
        ArticleListModel::Curation, !Store::isServerLocation(doc->store().path()));
    m_entityPanel = new EntityPanel(m_entityModel, doc);
    auto *quotePanel = new QuotePanel(m_quoteModel, doc);
    quotePanel->setTextCursorPosition([this] { return qsizetype(m_articleView->textCursor().position()); });
    m_quotePanel = quotePanel;
    m_figurePanel = new FigurePanel(m_figureModel, doc);
    m_searchModel = new SearchResultModel(doc->store(), this);
    m_searchPanel = new SearchPanel(m_searchModel);
    m_indexingProgress->hide(); // the last project's indexer went with it
    m_searchPanel->followIndex(doc->store(), doc->searchIndexer());
    if (SearchIndexer *indexer = doc->searchIndexer())
        followIndexing(indexer);
    m_docks[0]->setWidget(m_articleListPanel);
    m_docks[1]->setWidget(m_entityPanel);
    m_docks[2]->setWidget(m_quotePanel);
    m_docks[3]->setWidget(m_figurePanel);
    m_docks[4]->setWidget(m_searchPanel);
    m_tagging->setDocument(doc);
    m_legend->setEntityTypes(doc->entityTypes());
    m_reviewStatus->setDocument(doc);
    // The entity keys come from the project's schema.
    m_annotateMenu->clear();
    m_annotateMenu->addActions(m_tagging->entityActions());
    m_annotateMenu->addSeparator();
    m_annotateMenu->addActions(m_tagging->annotateActions());

    connect(m_articleListPanel, &ArticleListPanel::articleActivated, this, &MainWindow::showArticle);
    connect(m_searchPanel, &SearchPanel::hitActivated, this, [this](RecordId articleId, Span span) {
        if (showArticle(articleId))
            m_articleView->selectSpan(span);
    });
    for (AnnotationPanel *panel : { m_entityPanel, m_quotePanel, m_figurePanel }) {
        connect(panel, &AnnotationPanel::spanActivated, this, &MainWindow::onSpanActivated);
        panel->setShowRejected(m_showRejected->isChecked());
        connect(m_showRejected, &QAction::toggled, panel, &AnnotationPanel::setShowRejected);
    }

    connect(doc, &Document::currentArticleChanged, this, [this] {
        m_articleView->setArticleText(m_document->currentArticle().text);
        m_articleListPanel->setCurrentArticle(m_document->currentArticle().id);
        refreshHighlights();
        refreshStatus();
    });
    for (auto changed : { &Document::entityInserted, &Document::entityRemoved, &Document::entityChanged,
             &Document::quoteInserted, &Document::quoteRemoved, &Document::quoteChanged,
             &Document::figureInserted, &Document::figureRemoved, &Document::figureChanged })
        connect(doc, changed, this, &MainWindow::refreshHighlights);
    for (auto changed : { &Document::mentionInserted, &Document::mentionRemoved, &Document::mentionChanged })
        connect(doc, changed, this, &MainWindow::refreshHighlights);
    connect(doc, &Document::annotationsReset, this, &MainWindow::refreshHighlights);
    connect(doc, &Document::schemaChanged, this, &MainWindow::refreshHighlights);
    connect(doc, &Document::articleChanged, this, &MainWindow::refreshStatus);
    connect(doc, &Document::articlesAdded, this, &MainWindow::refreshStatus);
    connect(doc, &Document::connectionStateChanged, this, &MainWindow::refreshConnection);
    // Shown beside the window, not over it: the analyst goes on while reading it.
    connect(doc, &Document::offlineEditsRefused, this, [this](const QList<RefusedEdit> &edits) {
        RefusedEditsDialog::showFor(edits, m_document->editQueueFile(), this);
    });
    connect(doc, &Document::errorOccurred, this, [this](const QString &message) {
        QMessageBox::warning(this, tr("Byline"), tr("The change could not be saved.\n\n%1").arg(message));
    });

    // Curating needs the right to write the curated layer, and versions of two annotators.
    const CurationStore curation(doc->store());
    m_curate->setEnabled(!doc->isReadOnly() && curation.mayCurate()
        && (doc->store().serverConnection().has_value() || curation.hasSeveralAnnotators()));

    const QFileInfo file(doc->path());
    m_projectTitle = doc->isReadOnly() ? tr("%1 (read-only) — Byline").arg(file.completeBaseName())
                                       : tr("%1 — Byline").arg(file.completeBaseName());
    setWindowTitle(m_projectTitle);
    setWindowFilePath(doc->path());
    m_articleView->setArticleText(QString());
    if (m_articleListModel->canFetchMore(QModelIndex()))
        m_articleListModel->fetchMore(QModelIndex());
    if (m_articleListModel->rowCount() > 0)
        showArticle(m_articleListModel->articleId(0));
    addRecentProject(doc->path());
    refreshStatus();
}

bool MainWindow::openProject(const QString &path)
{
    StoreError error;
    auto document = Document::open(path, Store::Mode::ReadWrite, &error);
    if (!document && error.code == StoreError::Code::LockedByAnotherProcess) {
        const auto answer = QMessageBox::question(this, tr("Project in use"),
            tr("%1\n\nOpen it read-only?").arg(error.message), QMessageBox::Open | QMessageBox::Cancel);
        if (answer == QMessageBox::Open)
            document = Document::open(path, Store::Mode::ReadOnly, &error);
        else
            return false;
    }
    if (!document) {
        QMessageBox::critical(this, tr("Cannot open project"), error.message);
        return false;
    }
    setDocument(std::move(document));
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::newProject()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("New Project"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), tr(projectFilter));
    if (path.isEmpty())
        return;
    const QString projectPath = path.endsWith(u".byline"_s) ? path : path + u".byline"_s;
    if (QFileInfo::exists(projectPath) && !QFile::remove(projectPath)) {
        QMessageBox::critical(this, tr("New Project"), tr("Cannot replace %1.").arg(projectPath));
        return;
    }
    openProject(projectPath);
}

void MainWindow::openProjectDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), tr(projectFilter));
    if (!path.isEmpty())
        openProject(path);
}

// The password is asked for here, or read from the keychain, and handed to the store in the URL;
// Byline never writes it anywhere else. A failed attempt shows the form again with the reason.
void MainWindow::openTeamProjectDialog(const QUrl &url)
{
    TeamProjectDialog dialog(this);
    if (!url.isEmpty()) {
        dialog.setUrl(url);
        if (url.password().isEmpty())
            dialog.setPassword(ServerPasswords::read(url));
    }
    while (dialog.exec() == QDialog::Accepted) {
        const QUrl location = dialog.url();
        QString password = location.password();
        if (password.isEmpty())
            password = ServerPasswords::read(location);
        QUrl withPassword = location;
        if (!password.isEmpty())
            withPassword.setPassword(password);
        StoreError error;
        auto document = Document::open(withPassword.toString(), Store::Mode::ReadWrite, &error);
        if (!document) {
            dialog.setError(error.message);
            continue;
        }
        QString keychainError;
        if (dialog.rememberPassword() && !ServerPasswords::write(withPassword, &keychainError))
            QMessageBox::warning(this, tr("Open Team Project"),
                tr("The password could not be remembered: %1").arg(keychainError));
        setDocument(std::move(document));
        return;
    }
}

void MainWindow::importDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import Text Files"), QString(), tr("Text files (*.txt *.text *.md);;All files (*)"));
    if (!paths.isEmpty())
        importFiles(paths);
}

void MainWindow::importDatasetDialog()
{
    if (!m_document || m_document->isReadOnly()) {
        QMessageBox::information(this, tr("Import"), tr("Open a project you can write to first."));
        return;
    }
    // The import writes in one transaction; the suggestions' writes would wait for it and fail.
    if (m_extractionJob || m_importJob) {
        QMessageBox::information(this, tr("Import"), tr("Wait for the running work to finish, or stop it."));
        return;
    }
    pauseIndexing();
    // Window-modal, so that nothing edits the project while the import writes to it.
    auto *dialog = new ImportDialog(m_document->store(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this] { m_document->notifyArticlesAdded(); });
    dialog->open();
}

void MainWindow::exportDialog()
{
    if (!m_document) {
        QMessageBox::information(this, tr("Export"), tr("Open a project first."));
        return;
    }
    auto *dialog = new ExportDialog(m_document->store(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        statusBar()->showMessage(tr("Exported %n article(s) to %1", nullptr, int(dialog->result().articles))
                                     .arg(QDir::toNativeSeparators(dialog->path())),
            8000);
    });
    dialog->open();
}

void MainWindow::importFiles(const QStringList &paths, const QString &formatName)
{
    if (!m_document || m_document->isReadOnly()) {
        QMessageBox::information(this, tr("Import"), tr("Open a project you can write to first."));
        return;
    }
    // Files asked for while an import runs (another launch handing its files over) follow it.
    if (m_importJob) {
        m_pendingImports.append({ paths, formatName });
        return;
    }
    // The import writes in one transaction; the suggestions' writes would wait for it and fail.
    if (m_extractionJob) {
        QMessageBox::information(this, tr("Import"), tr("Wait for the suggestions to finish, or stop them."));
        return;
    }
    // What the import adds comes after this: its first article is shown when it is done.
    const RecordId lastBefore = m_document->store().lastArticleId();
    pauseIndexing();
    m_importJob = FormatJob::importFrom(m_document->store(), formatName, {}, paths, this);
    // Window-modal, so that nothing edits the project while the import writes to it; the work
    // runs on the thread pool, and the window keeps drawing.
    auto *progress = new QProgressDialog(tr("Importing articles…"), tr("Cancel"), 0, 0, this);
    progress->setObjectName(u"importProgress"_s);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(500);
    progress->setAutoReset(false);
    connect(m_importJob, &FormatJob::progressed, progress, [progress](qint64 done, qint64 total) {
        progress->setMaximum(int(std::min<qint64>(total, std::numeric_limits<int>::max())));
        progress->setValue(int(std::min<qint64>(done, std::numeric_limits<int>::max())));
    });
    // The dialog stays, and keeps the window's edits out, until the work has let go of the
    // project: QProgressDialog hides itself on Cancel, so it is shown again, saying so.
    connect(progress, &QProgressDialog::canceled, m_importJob, [this, progress] {
        m_importJob->cancel();
        progress->setLabelText(tr("Cancelling…"));
        if (auto *button = progress->findChild<QPushButton *>())
            button->setEnabled(false);
        QMetaObject::invokeMethod(progress, &QWidget::show, Qt::QueuedConnection);
    });
    connect(
        m_importJob, &FormatJob::finished, this, [this, progress, lastBefore](const FormatJobResult &result) {
            // Closing the dialog would say "cancel" to a job that is done.
            progress->disconnect(m_importJob);
            progress->deleteLater();
            std::exchange(m_importJob, nullptr)->deleteLater();
            importFinished(result, lastBefore);
        });
    m_importJob->start();
}

void MainWindow::followIndexing(SearchIndexer *indexer)
{
    connect(indexer, &SearchIndexer::started, m_indexingProgress, [this] {
        m_indexingProgress->setRange(0, 0);
        m_indexingProgress->show();
    });
    connect(indexer, &SearchIndexer::progressed, m_indexingProgress, [this](qint64 done, qint64 total) {
        // In per mille: a progress bar counts in int, a backlog's ids may not fit.
        m_indexingProgress->setRange(0, 1000);
        m_indexingProgress->setValue(total > 0 ? int(1000 * done / total) : 0);
    });
    connect(indexer, &SearchIndexer::finished, this, [this](const SearchIndexingResult &result) {
        m_indexingProgress->hide();
        if (!result.error.isEmpty())
            statusBar()->showMessage(
                tr("The search index could not be completed: %1").arg(result.error), 10000);
    });
}

void MainWindow::stopImport()
{
    // The import writes to the open project through its own connection: it ends, cancelled and
    // so taking nothing, before the project closes (the job's destructor waits for its work).
    m_pendingImports.clear();
    delete std::exchange(m_importJob, nullptr);
    delete findChild<QProgressDialog *>(u"importProgress"_s);
}

void MainWindow::importFinished(const FormatJobResult &result, RecordId lastBefore)
{
    if (!m_document)
        return;
    m_document->notifyArticlesAdded();
    if (!m_pendingImports.isEmpty()) {
        const auto [paths, formatName] = m_pendingImports.takeFirst();
        QTimer::singleShot(0, this, [this, paths, formatName] { importFiles(paths, formatName); });
    }
    if (result.cancelled) {
        statusBar()->showMessage(tr("Import cancelled: nothing was imported"), 5000);
        return;
    }
    if (!result.succeeded) {
        QMessageBox::warning(this, tr("Import"), tr("Nothing was imported: %1").arg(result.error));
        return;
    }
    const QList<ArticleSummary> first = m_document->store().articleSummariesAfter(lastBefore, 1);
    if (result.articles > 0 && !first.isEmpty())
        showArticle(first.first().id);
    const int imported = int(result.articles);
    statusBar()->showMessage(tr("Imported %n article(s)", nullptr, imported), 5000);
    if (!result.warnings.isEmpty()) {
        QMessageBox box(QMessageBox::Warning, tr("Import"),
            tr("Imported %n article(s); some files need attention.", nullptr, imported), QMessageBox::Ok,
            this);
        box.setDetailedText(result.warnings.join(u'\n'));
        box.exec();
    }
}

bool MainWindow::showArticle(RecordId articleId)
{
    return m_document && m_document->showArticle(articleId);
}

void MainWindow::suggestForCurrentArticle()
{
    if (!m_document || !m_document->hasArticle() || m_document->isReadOnly() || m_extractionJob
        || m_importJob)
        return;
    // A job even for one article: learning the project's names takes seconds in a large project,
    // and the window keeps answering meanwhile.
    startExtraction(new ExtractionJob(m_document->store(), { m_document->currentArticle().id }, this));
}

void MainWindow::suggestForAllArticles()
{
    if (!m_document || m_document->isReadOnly() || m_extractionJob || m_importJob)
        return;
    // Streams over the corpus; a run cancelled or killed before is continued.
    startExtraction(new ExtractionJob(m_document->store(), this));
}

void MainWindow::startExtraction(ExtractionJob *job)
{
    pauseIndexing();
    m_extractionJob = job;
    m_extractionStatus = new QWidget;
    auto *progress = new QProgressBar(m_extractionStatus);
    progress->setObjectName(u"extractionProgress"_s);
    auto *cancel = new QPushButton(tr("Cancel"), m_extractionStatus);
    cancel->setObjectName(u"cancelExtraction"_s);
    auto *layout = new QHBoxLayout(m_extractionStatus);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(progress);
    layout->addWidget(cancel);
    progress->setRange(0, 0); // busy until the first batch is written
    progress->setMaximumWidth(240);
    progress->setFormat(tr("Suggesting… %v of %m"));
    statusBar()->addPermanentWidget(m_extractionStatus);
    connect(cancel, &QPushButton::clicked, m_extractionJob, &ExtractionJob::cancel);
    connect(m_extractionJob, &ExtractionJob::progressed, progress, [progress](int done, int total) {
        progress->setRange(0, total);
        progress->setValue(done);
    });
    connect(m_extractionJob, &ExtractionJob::articleExtracted, this, [this](RecordId articleId) {
        if (articleId == m_document->currentArticle().id)
            m_document->reloadAnnotations();
        Q_EMIT m_document->articleChanged(articleId);
    });
    const auto done = [this] {
        stopExtraction();
        refreshStatus();
    };
    connect(m_extractionJob, &ExtractionJob::finished, this,
        [this, done](const SuggestionCounts &counts, bool cancelled) {
            statusBar()->showMessage(
                (cancelled ? tr("Cancelled: suggested %1 mentions, %2 quotes and %3 figures so far")
                           : tr("Suggested %1 mentions, %2 quotes and %3 figures"))
                    .arg(counts.mentions)
                    .arg(counts.quotes)
                    .arg(counts.figures),
                8000);
            done();
        });
    connect(m_extractionJob, &ExtractionJob::failed, this, [this, done](const QString &message) {
        QMessageBox::warning(this, tr("Suggest Annotations"), message);
        done();
    });
    m_extractionJob->start();
}

void MainWindow::editSchema()
{
    if (!m_document)
        return;
    SchemaDialog dialog(m_document->schema(), this);
    if (dialog.exec() == QDialog::Accepted && !m_document->setSchema(dialog.schema()))
        QMessageBox::warning(this, tr("Annotation Schema"), m_document->errorString());
}

void MainWindow::stopExtraction()
{
    // Called from the job's own signals too, so it goes at the next turn of the event loop;
    // once cancelled and disconnected it writes nothing more.
    if (m_extractionJob) {
        m_extractionJob->cancel();
        m_extractionJob->disconnect(this);
        m_extractionJob->deleteLater();
        m_extractionJob = nullptr;
    }
    delete m_extractionStatus;
    m_extractionStatus = nullptr;
    if (m_document && m_document->searchIndexer())
        m_document->searchIndexer()->start();
}

void MainWindow::pauseIndexing()
{
    // A job's transaction reads before it writes, and SQLite refuses a connection that read
    // while another one wrote: the indexer steps aside until the job is done (it goes on from
    // its last step when started again).
    if (SearchIndexer *indexer = m_document ? m_document->searchIndexer() : nullptr) {
        indexer->stop();
        indexer->waitForFinished();
    }
}

void MainWindow::refreshHighlights()
{
    if (m_document)
        m_articleView->setHighlights(annotationHighlights(*m_document, m_showRejected->isChecked()));
}

void MainWindow::refreshStatus()
{
    if (!m_document) {
        m_statusLabel->setText(tr("No project open"));
        m_connectionLabel->hide();
        return;
    }
    refreshConnection();
    // Without the server there is nothing to count: the last counts stay.
    if (m_document->isOffline())
        return;
    const AnnotationCounts counts = m_document->store().annotationCounts();
    m_statusLabel->setText(tr("%1 articles · %2 entity mentions · %3 quotes · %4 figures%5")
            .arg(m_document->store().articleCount())
            .arg(counts.count(Layer::Entities))
            .arg(counts.count(Layer::Quotes))
            .arg(counts.count(Layer::Figures))
            .arg(m_document->isReadOnly() ? tr(" · read-only") : QString()));
}

void MainWindow::refreshConnection()
{
    if (!m_document) {
        m_connectionLabel->hide();
        return;
    }
    const int waiting = m_document->waitingEditCount();
    if (m_document->isOffline()) {
        m_connectionLabel->setText(waiting == 0 ? tr("Offline — no edits waiting")
                : waiting == 1                  ? tr("Offline — 1 edit waiting")
                                                : tr("Offline — %1 edits waiting").arg(waiting));
        m_connectionLabel->setStyleSheet(u"QLabel { color: white; background: #b3261e; padding: 0 6px; }"_s);
        m_connectionLabel->setToolTip(tr("The server of %1 does not answer. Go on annotating: your edits are "
                                         "kept on this computer and sent when the server is back.")
                .arg(m_document->path()));
        m_connectionLabel->show();
        setWindowTitle(tr("%1 (offline)").arg(m_projectTitle));
        return;
    }
    setWindowTitle(m_projectTitle);
    m_connectionLabel->setStyleSheet(QString());
    const auto server = m_document->store().serverConnection();
    m_connectionLabel->setVisible(server.has_value());
    if (!server)
        return;
    m_connectionLabel->setText(server->encrypted
            ? tr("🔒 %1 on the server (%2)").arg(server->user, server->tlsVersion)
            : tr("%1 on the server, not encrypted").arg(server->user));
    m_connectionLabel->setToolTip(m_document->path());
}

void MainWindow::onSpanActivated(Span span)
{
    m_articleView->selectSpan(span);
}

void MainWindow::onTextClicked(qsizetype position)
{
    for (AnnotationPanel *panel : { m_entityPanel, m_quotePanel, m_figurePanel }) {
        if (panel)
            panel->selectRowAt(position);
    }
}

void MainWindow::openArticleAfter(RecordId articleId)
{
    const int row = m_articleListModel->rowOf(articleId);
    if (row >= 0 && row + 1 >= m_articleListModel->rowCount()
        && m_articleListModel->canFetchMore(QModelIndex()))
        m_articleListModel->fetchMore(QModelIndex());
    if (row < 0 || row + 1 >= m_articleListModel->rowCount()) {
        statusBar()->showMessage(tr("Article done; it was the last one."), 6000);
        return;
    }
    showArticle(m_articleListModel->articleId(row + 1));
    statusBar()->showMessage(tr("Article done; here is the next one."), 6000);
}

void MainWindow::openCuration()
{
    if (!m_document || !m_curate->isEnabled())
        return;
    if (!m_curationView) {
        m_curationView = new CurationView(m_document.get(), this);
        connect(m_curationView, &CurationView::editRequested, this, &MainWindow::editCurated);
    }
    m_curationView->show();
    m_curationView->raise();
    m_curationView->activateWindow();
}

// The curated record is edited where every annotation is: in its panel, with its edits.
void MainWindow::editCurated(Layer layer, RecordId recordId)
{
    AnnotationPanel *panel = layer == Layer::Entities ? m_entityPanel
        : layer == Layer::Quotes                      ? m_quotePanel
                                                      : m_figurePanel;
    RecordId parentId = 0;
    if (layer == Layer::Entities) {
        for (const Entity &entity : m_document->annotations().entities) {
            if (std::any_of(entity.mentions.cbegin(), entity.mentions.cend(),
                    [recordId](const Mention &mention) { return mention.id == recordId; }))
                parentId = entity.id;
        }
    }
    QDockWidget *dock = m_docks[1 + int(layer)];
    dock->show();
    dock->raise();
    activateWindow();
    raise();
    panel->selectRecord(recordId, parentId);
    panel->view()->setFocus();
}

void MainWindow::addRecentProject(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(recentProjectsKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(recentProjectsKey, recent.mid(0, maximumRecentProjects));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(recentProjectsKey).toStringList();
    for (const QString &path : recent) {
        if (Store::isServerLocation(path)) {
            m_recentMenu->addAction(path, this, [this, path] { openTeamProjectDialog(QUrl(path)); });
            continue;
        }
        if (!QFileInfo::exists(path))
            continue;
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openProject(path); })
            ->setToolTip(path);
    }
    m_recentMenu->setEnabled(!m_recentMenu->isEmpty());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Every change is already committed: there is nothing to save or to lose.
    QSettings().setValue(u"mainWindow/state"_s, saveState());
    QSettings().setValue(u"mainWindow/geometry"_s, saveGeometry());
    event->accept();
}

} // namespace Byline
