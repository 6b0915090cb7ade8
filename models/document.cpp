// SPDX-License-Identifier: GPL-3.0-or-later
#include "document.h"

#include "assignments.h"
#include "changefeed.h"
#include "connectionmonitor.h"
#include "searchindexer.h"

#include <QTimer>
#include <QUndoStack>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Rows are kept in id order; new records have the highest id, undone removals fall back
// into their old place.
template<typename Record> qsizetype insertionRow(const QList<Record> &records, RecordId id)
{
    return std::lower_bound(records.cbegin(), records.cend(), id, [](const Record &record, RecordId value) {
        return record.id < value;
    }) - records.cbegin();
}

template<typename Record> qsizetype rowOf(const QList<Record> &records, RecordId id)
{
    const qsizetype row = insertionRow(records, id);
    return row < records.size() && records[row].id == id ? row : -1;
}

QString loginName()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? u"analyst"_s : user;
}

} // namespace

Document::Document(std::unique_ptr<Store> store, QObject *parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_undoStack(new QUndoStack(this))
    , m_entityTypes(m_store->entityTypes())
    , m_schema(m_store->schema())
    , m_annotator(loginName())
    , m_changeFeed(new ChangeFeed(*m_store, this))
{
    connect(m_changeFeed, &ChangeFeed::articleChanged, this, &Document::onChangedElsewhere);
    // On a server the database role is who annotates: the server knows it, and it is the
    // same in every client the analyst uses.
    if (const auto server = m_store->serverConnection())
        m_annotator = server->user;
    if (!m_store->isReadOnly() && !Store::isServerLocation(m_store->path())) {
        m_searchIndexer = std::make_unique<SearchIndexer>(*m_store);
        // Once the window has connected to it.
        QTimer::singleShot(0, m_searchIndexer.get(), &SearchIndexer::start);
    }
    // A file is always there; a server may go away, and a writer's edits then wait.
    if (!Store::isServerLocation(m_store->path()) || m_store->isReadOnly())
        return;
    m_editQueue = std::make_unique<EditQueue>(*m_store, EditQueue::defaultDirectory());
    m_connection = new ConnectionMonitor(*m_store, m_changeFeed, this);
    connect(m_connection, &ConnectionMonitor::onlineChanged, this, &Document::onOnlineChanged);
    // Edits an earlier session could not send (it was killed offline) go first.
    if (!m_editQueue->isEmpty())
        QTimer::singleShot(0, this, &Document::sendWaitingEdits);
}

Document::~Document() = default;

std::unique_ptr<Document> Document::open(const QString &path, Store::Mode mode, StoreError *error)
{
    auto store = Store::open(path, mode, error);
    if (!store)
        return nullptr;
    return std::make_unique<Document>(std::move(store));
}

bool Document::setSchema(const AnnotationSchema &schema)
{
    if (!m_store->setSchema(schema)) {
        m_error = m_store->errorString();
        return false;
    }
    m_schema = m_store->schema();
    m_entityTypes = m_schema.entityTypes;
    Q_EMIT schemaChanged();
    return true;
}

std::optional<EntityType> Document::entityType(const QString &name) const
{
    for (const EntityType &type : m_entityTypes) {
        if (type.name == name)
            return type;
    }
    return std::nullopt;
}

Provenance Document::manualProvenance() const
{
    Provenance provenance;
    provenance.status = AnnotationStatus::Manual;
    provenance.annotator = m_annotator;
    return provenance;
}

bool Document::showArticle(RecordId articleId)
{
    if (articleId == m_article.id)
        return true;
    auto article = m_store->article(articleId);
    if (!article && m_connection && (isOffline() || !m_store->isConnected())) {
        m_connection->connectionLost();
        return reportFailure(tr("The server does not answer: other articles open when it is back. Go on "
                                "annotating this one; your edits are kept until then."));
    }
    if (!article) {
        return reportFailure(tr("The article is no longer in the project."));
    }
    Q_EMIT currentArticleAboutToChange();
    Q_EMIT annotationsAboutToBeReset();
    m_article = std::move(*article);
    m_annotations = m_store->annotations(articleId);
    Q_EMIT annotationsReset();
    Q_EMIT currentArticleChanged();
    return true;
}

void Document::reloadAnnotations()
{
    // Offline, the memory copy is the only one with the analyst's latest edits.
    if (!hasArticle() || isOffline())
        return;
    Q_EMIT annotationsAboutToBeReset();
    m_annotations = m_store->annotations(m_article.id);
    Q_EMIT annotationsReset();
}

// A burst of others' changes (several transactions) is read once, at the next turn of the loop.
void Document::onChangedElsewhere(RecordId articleId)
{
    if (m_changedElsewhere.isEmpty())
        QTimer::singleShot(0, this, &Document::readChangesElsewhere);
    m_changedElsewhere.insert(articleId);
}

void Document::readChangesElsewhere()
{
    const QSet<RecordId> changed = std::exchange(m_changedElsewhere, {});
    // Offline, what others changed is read again when the server is back.
    if (isOffline())
        return;
    for (const RecordId articleId : changed) {
        if (articleId == m_article.id) {
            if (const auto stored = m_store->articleSummary(articleId))
                m_article.status = stored->status;
            reloadAnnotations();
        }
        Q_EMIT articleChanged(articleId);
    }
}

qsizetype Document::entityRow(RecordId entityId) const
{
    return rowOf(m_annotations.entities, entityId);
}

qsizetype Document::mentionRow(qsizetype entityRow, RecordId mentionId) const
{
    if (entityRow < 0 || entityRow >= m_annotations.entities.size())
        return -1;
    return rowOf(m_annotations.entities[entityRow].mentions, mentionId);
}

qsizetype Document::quoteRow(RecordId quoteId) const
{
    return rowOf(m_annotations.quotes, quoteId);
}

qsizetype Document::figureRow(RecordId figureId) const
{
    return rowOf(m_annotations.figures, figureId);
}

const Entity *Document::entity(RecordId entityId) const
{
    const qsizetype row = entityRow(entityId);
    return row < 0 ? nullptr : &m_annotations.entities[row];
}

bool Document::ensureCurrent(RecordId articleId)
{
    if (articleId == 0)
        return reportFailure(tr("The annotation belongs to no article."));
    return showArticle(articleId);
}

bool Document::reportFailure(const QString &message)
{
    m_error = message.isEmpty() ? m_store->errorString() : message;
    m_conflicted = message.isEmpty() && m_store->conflicted();
    // Someone else changed the record first: show what is stored now, so that the message and
    // the article agree; what the analyst typed stays with the refused command.
    if (m_conflicted)
        reloadAnnotations();
    Q_EMIT errorOccurred(m_error);
    return false;
}

bool Document::insert(Entity &entity)
{
    if (!ensureCurrent(entity.articleId))
        return false;
    if (!write(QueuedEdit::Operation::Insert, entity))
        return false;
    const int row = int(insertionRow(m_annotations.entities, entity.id));
    Q_EMIT entityAboutToBeInserted(row);
    m_annotations.entities.insert(row, entity);
    Q_EMIT entityInserted(row);
    Q_EMIT articleChanged(entity.articleId);
    return true;
}

bool Document::update(const Entity &entity)
{
    if (!ensureCurrent(entity.articleId))
        return false;
    const qsizetype row = entityRow(entity.id);
    if (row < 0)
        return reportFailure(tr("The annotation is no longer in the article."));
    // Written at the version this document read, whatever copy the undo command holds.
    Entity written = entity;
    written.version = m_annotations.entities[row].version;
    if (!write(QueuedEdit::Operation::Update, written))
        return false;
    Entity &stored = m_annotations.entities[row];
    stored.name = entity.name;
    stored.type = entity.type;
    stored.provenance = entity.provenance;
    stored.version = written.version;
    Q_EMIT entityChanged(int(row));
    return true;
}

bool Document::remove(const Entity &entity)
{
    if (!ensureCurrent(entity.articleId))
        return false;
    const qsizetype row = entityRow(entity.id);
    if (row < 0)
        return reportFailure(tr("The annotation is no longer in the article."));
    Entity removed = entity;
    removed.version = m_annotations.entities[row].version;
    if (!write(QueuedEdit::Operation::Remove, removed))
        return false;
    Q_EMIT entityAboutToBeRemoved(int(row));
    m_annotations.entities.removeAt(row);
    Q_EMIT entityRemoved(int(row));
    // The store forgot the speaker with the entity; keep the memory copy in step.
    for (qsizetype quoteRow = 0; quoteRow < m_annotations.quotes.size(); ++quoteRow) {
        if (m_annotations.quotes[quoteRow].speakerId == entity.id) {
            m_annotations.quotes[quoteRow].speakerId = 0;
            Q_EMIT quoteChanged(int(quoteRow));
        }
    }
    Q_EMIT articleChanged(entity.articleId);
    return true;
}

bool Document::insert(Mention &mention)
{
    if (!ensureCurrent(mention.articleId))
        return false;
    const qsizetype ownerRow = entityRow(mention.entityId);
    if (ownerRow < 0) {
        return reportFailure(tr("The entity of this mention is not in the current article."));
    }
    if (!write(QueuedEdit::Operation::Insert, mention))
        return false;
    QList<Mention> &mentions = m_annotations.entities[ownerRow].mentions;
    const int row = int(insertionRow(mentions, mention.id));
    Q_EMIT mentionAboutToBeInserted(int(ownerRow), row);
    mentions.insert(row, mention);
    Q_EMIT mentionInserted(int(ownerRow), row);
    return true;
}

bool Document::update(const Mention &mention)
{
    if (!ensureCurrent(mention.articleId))
        return false;
    // The change may give the mention to another entity: look for it under its old owner.
    qsizetype oldOwnerRow = -1;
    qsizetype oldRow = -1;
    for (qsizetype owner = 0; owner < m_annotations.entities.size() && oldRow < 0; ++owner) {
        oldRow = mentionRow(owner, mention.id);
        oldOwnerRow = owner;
    }
    const qsizetype ownerRow = entityRow(mention.entityId);
    if (oldRow < 0 || ownerRow < 0)
        return reportFailure(tr("The annotation is no longer in the article."));
    Mention written = mention;
    written.version = m_annotations.entities[oldOwnerRow].mentions[oldRow].version;
    if (!write(QueuedEdit::Operation::Update, written))
        return false;
    if (ownerRow == oldOwnerRow) {
        m_annotations.entities[ownerRow].mentions[oldRow] = written;
        Q_EMIT mentionChanged(int(ownerRow), int(oldRow));
        return true;
    }
    Q_EMIT mentionAboutToBeRemoved(int(oldOwnerRow), int(oldRow));
    m_annotations.entities[oldOwnerRow].mentions.removeAt(oldRow);
    Q_EMIT mentionRemoved(int(oldOwnerRow), int(oldRow));
    QList<Mention> &mentions = m_annotations.entities[ownerRow].mentions;
    const int row = int(insertionRow(mentions, mention.id));
    Q_EMIT mentionAboutToBeInserted(int(ownerRow), row);
    mentions.insert(row, written);
    Q_EMIT mentionInserted(int(ownerRow), row);
    return true;
}

bool Document::remove(const Mention &mention)
{
    if (!ensureCurrent(mention.articleId))
        return false;
    const qsizetype ownerRow = entityRow(mention.entityId);
    const qsizetype row = mentionRow(ownerRow, mention.id);
    if (row < 0)
        return reportFailure(tr("The annotation is no longer in the article."));
    Mention removed = mention;
    removed.version = m_annotations.entities[ownerRow].mentions[row].version;
    if (!write(QueuedEdit::Operation::Remove, removed))
        return false;
    Q_EMIT mentionAboutToBeRemoved(int(ownerRow), int(row));
    m_annotations.entities[ownerRow].mentions.removeAt(row);
    Q_EMIT mentionRemoved(int(ownerRow), int(row));
    return true;
}

// Quotes and figures are flat lists that change the same way; a layer names its list and its
// signals.
template<typename Record> struct Document::FlatLayer {
    QList<Record> AnnotationSet::*records;
    void (Document::*aboutToBeInserted)(int);
    void (Document::*inserted)(int);
    void (Document::*aboutToBeRemoved)(int);
    void (Document::*removed)(int);
    void (Document::*changed)(int);
};

namespace {

const Document::FlatLayer<Quote> quoteLayer { &AnnotationSet::quotes, &Document::quoteAboutToBeInserted,
    &Document::quoteInserted, &Document::quoteAboutToBeRemoved, &Document::quoteRemoved,
    &Document::quoteChanged };
const Document::FlatLayer<Figure> figureLayer { &AnnotationSet::figures, &Document::figureAboutToBeInserted,
    &Document::figureInserted, &Document::figureAboutToBeRemoved, &Document::figureRemoved,
    &Document::figureChanged };

} // namespace

template<typename Record> bool Document::insertRecord(Record &record, const FlatLayer<Record> &layer)
{
    if (!ensureCurrent(record.articleId))
        return false;
    if (!write(QueuedEdit::Operation::Insert, record))
        return false;
    QList<Record> &records = m_annotations.*layer.records;
    const int row = int(insertionRow(records, record.id));
    Q_EMIT(this->*layer.aboutToBeInserted)(row);
    records.insert(row, record);
    Q_EMIT(this->*layer.inserted)(row);
    Q_EMIT articleChanged(record.articleId);
    return true;
}

template<typename Record> bool Document::updateRecord(const Record &record, const FlatLayer<Record> &layer)
{
    if (!ensureCurrent(record.articleId))
        return false;
    QList<Record> &records = m_annotations.*layer.records;
    const qsizetype row = rowOf(records, record.id);
    if (row < 0)
        return reportFailure(tr("The annotation is no longer in the article."));
    Record written = record;
    written.version = records[row].version;
    if (!write(QueuedEdit::Operation::Update, written))
        return false;
    records[row] = written;
    Q_EMIT(this->*layer.changed)(int(row));
    return true;
}

template<typename Record> bool Document::removeRecord(const Record &record, const FlatLayer<Record> &layer)
{
    if (!ensureCurrent(record.articleId))
        return false;
    QList<Record> &records = m_annotations.*layer.records;
    const qsizetype row = rowOf(records, record.id);
    if (row < 0)
        return reportFailure(tr("The annotation is no longer in the article."));
    Record removed = record;
    removed.version = records[row].version;
    if (!write(QueuedEdit::Operation::Remove, removed))
        return false;
    Q_EMIT(this->*layer.aboutToBeRemoved)(int(row));
    records.removeAt(row);
    Q_EMIT(this->*layer.removed)(int(row));
    Q_EMIT articleChanged(record.articleId);
    return true;
}

bool Document::insert(Quote &quote)
{
    return insertRecord(quote, quoteLayer);
}
bool Document::update(const Quote &quote)
{
    return updateRecord(quote, quoteLayer);
}
bool Document::remove(const Quote &quote)
{
    return removeRecord(quote, quoteLayer);
}
bool Document::insert(Figure &figure)
{
    return insertRecord(figure, figureLayer);
}
bool Document::update(const Figure &figure)
{
    return updateRecord(figure, figureLayer);
}
bool Document::remove(const Figure &figure)
{
    return removeRecord(figure, figureLayer);
}

// The status is the team's; the annotator's own assignment (if the article is in their queue)
// records their own "done" with it, in the same transaction (models/assignments.h).
bool Document::setArticleStatus(RecordId articleId, ArticleStatus status)
{
    Store::Transaction transaction(*m_store);
    Assignments assignments(*m_store);
    if (!m_store->setArticleStatus(articleId, status))
        return reportFailure();
    if (!assignments.setDone(articleId, m_annotator, status == ArticleStatus::Done))
        return reportFailure(assignments.errorString());
    if (!transaction.commit())
        return reportFailure();
    if (articleId == m_article.id)
        m_article.status = status;
    Q_EMIT articleChanged(articleId);
    return true;
}

void Document::notifyArticlesAdded()
{
    Q_EMIT articlesAdded();
    if (m_searchIndexer)
        m_searchIndexer->start();
}

template<typename Record> bool Document::write(QueuedEdit::Operation operation, Record &record)
{
    // While edits wait, a new one waits behind them, so that the server gets them in order.
    if (m_editQueue && (isOffline() || !m_editQueue->isEmpty()))
        return queue(operation, record);
    if (writeTo(*m_store, operation, record))
        return true;
    // Refused by the server, or the server is gone: only the second keeps the edit for later.
    if (!m_connection || m_store->conflicted() || m_store->isConnected())
        return reportFailure();
    m_connection->connectionLost();
    return queue(operation, record);
}

template<typename Record> bool Document::queue(QueuedEdit::Operation operation, Record &record)
{
    if (!m_editQueue->write(operation, record))
        return reportFailure(m_editQueue->errorString());
    Q_EMIT connectionStateChanged();
    return true;
}

bool Document::isOffline() const
{
    return m_connection && !m_connection->isOnline();
}

int Document::waitingEditCount() const
{
    return m_editQueue ? m_editQueue->size() : 0;
}

QList<RefusedEdit> Document::refusedOfflineEdits() const
{
    return m_editQueue ? m_editQueue->refused() : QList<RefusedEdit>();
}

QString Document::editQueueFile() const
{
    return m_editQueue ? m_editQueue->fileName() : QString();
}

void Document::onOnlineChanged(bool online)
{
    Q_EMIT connectionStateChanged();
    if (!online)
        return;
    sendWaitingEdits();
    if (!isOffline())
        Q_EMIT changedElsewhereWhileOffline();
}

// Back online: the waiting edits go first, then the article is read again, with what others
// changed meanwhile (their announcements went unheard) and the versions the edits made.
void Document::sendWaitingEdits()
{
    if (isOffline())
        return;
    const QueueSendResult result = m_editQueue->sendTo(*m_store);
    if (result.connectionLost) {
        m_connection->connectionLost();
        Q_EMIT connectionStateChanged();
        return;
    }
    m_editQueue->reserveIds();
    reloadAnnotations();
    if (hasArticle())
        Q_EMIT articleChanged(m_article.id);
    Q_EMIT connectionStateChanged();
    for (const RefusedEdit &refused : result.refused)
        Q_EMIT offlineEditRefused(refused.reason);
    if (!result.refused.isEmpty()) {
        QStringList reasons;
        for (const RefusedEdit &refused : result.refused)
            reasons << refused.reason;
        m_error = tr("%n edit(s) made offline could not be saved. What you wrote is kept in %1.\n\n%2",
            nullptr, int(result.refused.size()))
                      .arg(m_editQueue->fileName(), reasons.join(u'\n'));
        m_conflicted = true;
        // Not an error of the analyst's last action: a list to look at, not a box in the way.
        Q_EMIT offlineEditsRefused(result.refused);
    }
}

} // namespace Byline
