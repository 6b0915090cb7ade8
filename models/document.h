// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "editqueue.h"
#include "store.h"

#include <QObject>
#include <QSet>

#include <memory>

class QUndoStack;

namespace Byline {

class ChangeFeed;
class ConnectionMonitor;
class SearchIndexer;

/// An open project: the store, the undo stack, and the article being annotated.
///
/// The annotations of the current article are kept in memory in id order, so that item
/// models can map rows directly. Every change goes through an undo command, which calls
/// the insert/update/remove functions here; they write the store first and touch the
/// memory copy only when the write succeeded, then announce the change with a signal.
/// A change to another article (undoing an edit made before switching) first shows that
/// article, so the analyst sees what the undo did. On a server project, what other clients
/// change is read again as it happens (ChangeFeed). When the connection to the server is lost,
/// the analyst goes on: edits change the memory copy at once and wait in an EditQueue, which
/// sends them, in order, when the ConnectionMonitor has the server back.
class Document final : public QObject {
    Q_OBJECT
public:
    explicit Document(std::unique_ptr<Store> store, QObject *parent = nullptr);
    ~Document() override;

    static std::unique_ptr<Document> open(const QString &path, Store::Mode mode, StoreError *error);

    Store &store() const { return *m_store; }
    /// What other clients of a server project change; it says nothing for a project file.
    ChangeFeed *changeFeed() const { return m_changeFeed; }
    QUndoStack *undoStack() const { return m_undoStack; }
    QString path() const { return m_store->path(); }
    bool isReadOnly() const { return m_store->isReadOnly(); }
    QString errorString() const { return m_error; }
    /// Whether the last refused write was refused because another client changed the record
    /// first (optimistic versioning); the annotations were read again.
    bool lastWriteConflicted() const { return m_conflicted; }
    const QList<EntityType> &entityTypes() const { return m_entityTypes; }
    std::optional<EntityType> entityType(const QString &name) const;
    const AnnotationSchema &schema() const { return m_schema; }
    /// Stores a new schema (not an undo step: it is the project's settings, not an annotation).
    bool setSchema(const AnnotationSchema &schema);

    /// Who annotates: recorded on every new annotation. The user's login by default.
    QString annotator() const { return m_annotator; }
    void setAnnotator(const QString &annotator) { m_annotator = annotator; }
    /// Provenance for an annotation the analyst makes now.
    Provenance manualProvenance() const;

    bool hasArticle() const { return m_article.id != 0; }
    const Article &currentArticle() const { return m_article; }
    const AnnotationSet &annotations() const { return m_annotations; }
    bool showArticle(RecordId articleId);
    /// Reads the current article's annotations again after the store changed behind the
    /// document's back (extraction, import).
    void reloadAnnotations();

    qsizetype entityRow(RecordId entityId) const;
    qsizetype mentionRow(qsizetype entityRow, RecordId mentionId) const;
    qsizetype quoteRow(RecordId quoteId) const;
    qsizetype figureRow(RecordId figureId) const;
    const Entity *entity(RecordId entityId) const;

    // For undo commands only: panels push commands instead.
    bool insert(Entity &entity);
    bool update(const Entity &entity);
    bool remove(const Entity &entity);
    bool insert(Mention &mention);
    bool update(const Mention &mention);
    bool remove(const Mention &mention);
    bool insert(Quote &quote);
    bool update(const Quote &quote);
    bool remove(const Quote &quote);
    bool insert(Figure &figure);
    bool update(const Figure &figure);
    bool remove(const Figure &figure);
    bool setArticleStatus(RecordId articleId, ArticleStatus status);

    /// Tells views that articles were added to the store behind the document's back (import),
    /// and indexes for search what the import left unindexed.
    void notifyArticlesAdded();
    /// Indexes in the background the rows imports committed before indexing them for search
    /// (SearchBacklog); it starts with the document when there are such rows. Null when the
    /// project is read-only or on a server.
    SearchIndexer *searchIndexer() const { return m_searchIndexer.get(); }

    // A server project without its server (issue 8).
    /// Whether the server is out of reach: edits wait to be sent.
    bool isOffline() const;
    /// How many edits wait to be sent to the server.
    int waitingEditCount() const;
    /// The edits made offline that the server refused when they were sent, with what the
    /// analyst wrote and why.
    QList<RefusedEdit> refusedOfflineEdits() const;
    /// Where the edits wait; empty for a project in a file, which needs no queue.
    QString editQueueFile() const;

Q_SIGNALS:
    void currentArticleAboutToChange();
    void currentArticleChanged();
    /// The annotations were replaced as a whole (another article, or read again).
    void annotationsAboutToBeReset();
    void annotationsReset();
    void articlesAdded();
    /// Status or annotation counts of an article changed.
    void articleChanged(Byline::RecordId articleId);
    void errorOccurred(const QString &message);
    /// The connection to the server was lost or is back, or the number of waiting edits changed.
    void connectionStateChanged();
    /// Back online after the connection was lost: what other clients changed meanwhile went
    /// unannounced, so any article, count or queue may differ from what is shown.
    void changedElsewhereWhileOffline();
    /// An edit made offline was refused when it was sent (someone else changed the record).
    void offlineEditRefused(const QString &reason);
    /// Sending the edits made offline is done, and the server refused these: the window lists them
    /// (what the analyst wrote is kept in editQueueFile()).
    void offlineEditsRefused(const QList<Byline::RefusedEdit> &edits);
    /// Entity types or the lists of quote and figure kinds changed.
    void schemaChanged();

    void entityAboutToBeInserted(int row);
    void entityInserted(int row);
    void entityAboutToBeRemoved(int row);
    void entityRemoved(int row);
    void entityChanged(int row);
    void mentionAboutToBeInserted(int entityRow, int row);
    void mentionInserted(int entityRow, int row);
    void mentionAboutToBeRemoved(int entityRow, int row);
    void mentionRemoved(int entityRow, int row);
    void mentionChanged(int entityRow, int row);
    void quoteAboutToBeInserted(int row);
    void quoteInserted(int row);
    void quoteAboutToBeRemoved(int row);
    void quoteRemoved(int row);
    void quoteChanged(int row);
    void figureAboutToBeInserted(int row);
    void figureInserted(int row);
    void figureAboutToBeRemoved(int row);
    void figureRemoved(int row);
    void figureChanged(int row);

public:
    /// How one flat list of annotations (quotes, figures) is stored and announced.
    template<typename Record> struct FlatLayer;

private:
    template<typename Record> bool insertRecord(Record &record, const FlatLayer<Record> &layer);
    template<typename Record> bool updateRecord(const Record &record, const FlatLayer<Record> &layer);
    template<typename Record> bool removeRecord(const Record &record, const FlatLayer<Record> &layer);
    /// Writes through the store, or to the queue while the server is away.
    template<typename Record> bool write(QueuedEdit::Operation operation, Record &record);
    template<typename Record> bool queue(QueuedEdit::Operation operation, Record &record);
    void onOnlineChanged(bool online);
    void sendWaitingEdits();
    bool ensureCurrent(RecordId articleId);
    void onChangedElsewhere(RecordId articleId);
    void readChangesElsewhere();
    bool reportFailure(const QString &message = QString());

    std::unique_ptr<Store> m_store;
    std::unique_ptr<EditQueue> m_editQueue; ///< a server project's; goes before the store
    /// Completes the search index after imports that deferred it; goes before the store.
    std::unique_ptr<SearchIndexer> m_searchIndexer;
    QUndoStack *m_undoStack;
    QList<EntityType> m_entityTypes;
    AnnotationSchema m_schema;
    QString m_annotator;
    QString m_error;
    bool m_conflicted = false;
    Article m_article;
    AnnotationSet m_annotations;
    ChangeFeed *m_changeFeed;
    ConnectionMonitor *m_connection = nullptr;
    QSet<RecordId> m_changedElsewhere; ///< articles other clients changed, read at the next turn
};

} // namespace Byline
