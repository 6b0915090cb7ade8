// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "store.h"

#include <QMainWindow>

#include <memory>

class QDockWidget;
class QLabel;
class QProgressBar;
class QUrl;
class QMenu;
class QUndoGroup;

namespace Byline {

class AnnotationPanel;
class FormatJob;
struct FormatJobResult;
class CurationView;
class ArticleListModel;
class ArticleListPanel;
class ArticleQueue;
class ArticleView;
class Document;
class EntityModel;
class ExtractionJob;
class FigureModel;
class LegendWidget;
class QuoteModel;
class SearchIndexer;
class SearchPanel;
class SearchResultModel;
class ReviewStatusLabel;
class TaggingController;

/// The main window: wires the article view, the article list and the three annotation
/// panels to one open project. It owns no data; the document does.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens a project file, offering read-only access when another Byline has it open.
    bool openProject(const QString &path);
    /// Imports files and folders into the open project in the background, behind a window-modal
    /// progress with Cancel, and shows the first new article. formatName: as FormatJob::importFrom
    /// takes it; plain text unless given, empty for whatever format each file is.
    void importFiles(const QStringList &paths, const QString &formatName = QStringLiteral("text"));
    bool showArticle(RecordId articleId);

    Document *document() const { return m_document.get(); }
    ArticleView *articleView() const { return m_articleView; }
    ArticleListPanel *articleList() const { return m_articleListPanel; }
    AnnotationPanel *entityPanel() const { return m_entityPanel; }
    AnnotationPanel *quotePanel() const { return m_quotePanel; }
    AnnotationPanel *figurePanel() const { return m_figurePanel; }
    TaggingController *tagging() const { return m_tagging; }
    LegendWidget *legend() const { return m_legend; }
    ReviewStatusLabel *reviewStatus() const { return m_reviewStatus; }
    QAction *showRejectedAction() const { return m_showRejected; }
    /// Tools > Curate Article…: enabled for those who may write the curated layer, where there
    /// is something to curate.
    QAction *curateAction() const { return m_curate; }
    /// The curation view, once opened for the current project.
    CurationView *curationView() const { return m_curationView; }
    void openCuration();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createDocks();
    void setDocument(std::unique_ptr<Document> document);
    void newProject();
    void openProjectDialog();
    /// File > Open Team Project; url prefills the form (a recent project, a failed attempt).
    void openTeamProjectDialog(const QUrl &url = QUrl());
    void importDialog();
    void importDatasetDialog();
    void exportDialog();
    void suggestForCurrentArticle();
    void suggestForAllArticles();
    /// Runs job with its progress and Cancel in the status bar, and shows what it wrote.
    void startExtraction(ExtractionJob *job);
    void importFinished(const FormatJobResult &result, RecordId lastBefore);
    void stopImport();
    /// Shows in the status bar and the search panel how far the search index is.
    void followIndexing(SearchIndexer *indexer);
    /// Stops the search indexer until an import or extraction is done.
    void pauseIndexing();
    void stopExtraction();
    void closeDocumentDialogs();
    void editSchema();
    void refreshHighlights();
    void refreshStatus();
    /// Who is connected to the server and how, or that the server is away and edits wait.
    void refreshConnection();
    void onSpanActivated(Span span);
    void onTextClicked(qsizetype position);
    void openArticleAfter(RecordId articleId);
    void editCurated(Layer layer, RecordId recordId);
    void addRecentProject(const QString &path);
    void rebuildRecentMenu();
    QDockWidget *addPanelDock(
        const QString &title, const QString &objectName, QWidget *panel, Qt::DockWidgetArea area);

    std::unique_ptr<Document> m_document;
    ArticleView *m_articleView;
    ArticleListPanel *m_articleListPanel = nullptr;
    AnnotationPanel *m_entityPanel = nullptr;
    AnnotationPanel *m_quotePanel = nullptr;
    AnnotationPanel *m_figurePanel = nullptr;
    ArticleListModel *m_articleListModel = nullptr;
    ArticleQueue *m_articleQueue = nullptr;
    EntityModel *m_entityModel = nullptr;
    QuoteModel *m_quoteModel = nullptr;
    FigureModel *m_figureModel = nullptr;
    SearchResultModel *m_searchModel = nullptr;
    SearchPanel *m_searchPanel = nullptr;
    QList<QDockWidget *> m_docks;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_annotateMenu = nullptr;
    QMenu *m_reviewMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_statusLabel;
    QLabel *m_connectionLabel;
    QProgressBar *m_indexingProgress; ///< while imported rows are indexed for search
    QString m_projectTitle; ///< the window's title while connected
    ReviewStatusLabel *m_reviewStatus;
    LegendWidget *m_legend;
    TaggingController *m_tagging;
    QAction *m_showRejected = nullptr;
    QAction *m_curate = nullptr;
    CurationView *m_curationView = nullptr;
    QUndoGroup *m_undoGroup;
    ExtractionJob *m_extractionJob = nullptr;
    FormatJob *m_importJob = nullptr; ///< the import of importFiles() while it runs
    QList<std::pair<QStringList, QString>> m_pendingImports; ///< paths and format, to import after it
    QWidget *m_extractionStatus = nullptr;
};

} // namespace Byline
