// SPDX-License-Identifier: GPL-3.0-or-later
#include "editqueue.h"

#include "store.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimeZone>
#include <QUrl>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Byline {

Q_LOGGING_CATEGORY(lcEditQueue, "byline.editqueue")

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::EditQueue", text);
}

// Enough for an afternoon of tagging without the server; drawn again once it is back.
constexpr int reservedIdsPerTable = 1000;
constexpr int reserveAgainBelow = 500;
// More clients of one project and user on one machine than anyone runs.
constexpr int maximumQueueFiles = 32;

const QLatin1StringView annotationTables[] = { "entities"_L1, "mentions"_L1, "quotes"_L1, "figures"_L1 };

// As the store stamps a new record: the times are the client's, kept to the millisecond.
void stamp(Provenance &provenance)
{
    if (!provenance.created.isValid()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        provenance.created = QDateTime::fromMSecsSinceEpoch(now, QTimeZone::UTC);
    }
    if (!provenance.modified.isValid())
        provenance.modified = provenance.created;
}

// The records as JSON, in the queue file. Spans stay UTF-16 offsets: the file is this
// program's own and never leaves the machine.

QJsonArray toJson(const Span &span)
{
    return { span.start, span.end };
}

Span spanFromJson(const QJsonValue &value)
{
    const QJsonArray pair = value.toArray();
    return { pair.at(0).toInteger(-1), pair.at(1).toInteger(-1) };
}

QJsonObject toJson(const Provenance &provenance)
{
    QJsonObject object { { "status"_L1, toString(provenance.status) },
        { "annotator"_L1, provenance.annotator },
        { "created"_L1, provenance.created.toString(Qt::ISODateWithMs) },
        { "modified"_L1, provenance.modified.toString(Qt::ISODateWithMs) }, { "rule"_L1, provenance.rule },
        { "previous"_L1, provenance.previous } };
    if (provenance.confidence)
        object.insert("confidence"_L1, *provenance.confidence);
    return object;
}

Provenance provenanceFromJson(const QJsonObject &object)
{
    Provenance provenance;
    provenance.status
        = annotationStatusFromString(object.value("status"_L1).toString()).value_or(AnnotationStatus::Manual);
    provenance.annotator = object.value("annotator"_L1).toString();
    provenance.created = QDateTime::fromString(object.value("created"_L1).toString(), Qt::ISODateWithMs);
    provenance.modified = QDateTime::fromString(object.value("modified"_L1).toString(), Qt::ISODateWithMs);
    if (object.contains("confidence"_L1))
        provenance.confidence = object.value("confidence"_L1).toDouble();
    provenance.rule = object.value("rule"_L1).toString();
    provenance.previous = object.value("previous"_L1).toObject();
    return provenance;
}

// What every record has: ids, provenance, version.
template<typename Record> QJsonObject commonJson(const Record &record)
{
    return { { "id"_L1, record.id }, { "article"_L1, record.articleId },
        { "provenance"_L1, toJson(record.provenance) }, { "version"_L1, record.version.value } };
}

template<typename Record> void readCommon(Record &record, const QJsonObject &object)
{
    record.id = object.value("id"_L1).toInteger();
    record.articleId = object.value("article"_L1).toInteger();
    record.provenance = provenanceFromJson(object.value("provenance"_L1).toObject());
    record.version.value = object.value("version"_L1).toInt();
}

QJsonObject toJson(const Mention &mention)
{
    QJsonObject object = commonJson(mention);
    object.insert("entity"_L1, mention.entityId);
    object.insert("span"_L1, toJson(mention.span));
    return object;
}

Mention mentionFromJson(const QJsonObject &object)
{
    Mention mention;
    readCommon(mention, object);
    mention.entityId = object.value("entity"_L1).toInteger();
    mention.span = spanFromJson(object.value("span"_L1));
    return mention;
}

QJsonObject toJson(const Entity &entity)
{
    QJsonObject object = commonJson(entity);
    object.insert("name"_L1, entity.name);
    object.insert("type"_L1, entity.type);
    object.insert("extra"_L1, entity.extra);
    QJsonArray mentions;
    for (const Mention &mention : entity.mentions)
        mentions.append(toJson(mention));
    object.insert("mentions"_L1, mentions);
    return object;
}

Entity entityFromJson(const QJsonObject &object)
{
    Entity entity;
    readCommon(entity, object);
    entity.name = object.value("name"_L1).toString();
    entity.type = object.value("type"_L1).toString();
    entity.extra = object.value("extra"_L1).toString();
    for (const QJsonValue &mention : object.value("mentions"_L1).toArray())
        entity.mentions.append(mentionFromJson(mention.toObject()));
    return entity;
}

QJsonObject toJson(const Quote &quote)
{
    QJsonObject object = commonJson(quote);
    object.insert("kind"_L1, toString(quote.kind));
    QJsonArray content;
    for (const Span &part : quote.content)
        content.append(toJson(part));
    object.insert("content"_L1, content);
    object.insert("cue"_L1, toJson(quote.cue));
    object.insert("source"_L1, toJson(quote.source));
    object.insert("speaker"_L1, quote.speakerId);
    object.insert("extra"_L1, quote.extra);
    return object;
}

Quote quoteFromJson(const QJsonObject &object)
{
    Quote quote;
    readCommon(quote, object);
    quote.kind = quoteKindFromString(object.value("kind"_L1).toString()).value_or(QuoteKind::Direct);
    for (const QJsonValue &part : object.value("content"_L1).toArray())
        quote.content.append(spanFromJson(part));
    quote.cue = spanFromJson(object.value("cue"_L1));
    quote.source = spanFromJson(object.value("source"_L1));
    quote.speakerId = object.value("speaker"_L1).toInteger();
    quote.extra = object.value("extra"_L1).toString();
    return quote;
}

// A figure's value is a number, a date as text, or nothing: JSON tells them apart.
QJsonValue toJson(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return QJsonValue::Null;
    if (value.typeId() == QMetaType::QString)
        return value.toString();
    return value.toDouble();
}

QVariant valueFromJson(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    return value.isDouble() ? QVariant(value.toDouble()) : QVariant();
}

QJsonObject toJson(const Figure &figure)
{
    QJsonObject object = commonJson(figure);
    object.insert("kind"_L1, figure.kind);
    object.insert("span"_L1, toJson(figure.span));
    object.insert("number"_L1, toJson(figure.number));
    object.insert("value"_L1, toJson(figure.value));
    object.insert("valueMax"_L1, toJson(figure.valueMax));
    object.insert("unit"_L1, figure.unit);
    object.insert("qualifier"_L1, figure.qualifier);
    object.insert("extra"_L1, figure.extra);
    return object;
}

Figure figureFromJson(const QJsonObject &object)
{
    Figure figure;
    readCommon(figure, object);
    figure.kind = object.value("kind"_L1).toString();
    figure.span = spanFromJson(object.value("span"_L1));
    figure.number = spanFromJson(object.value("number"_L1));
    figure.value = valueFromJson(object.value("value"_L1));
    figure.valueMax = valueFromJson(object.value("valueMax"_L1));
    figure.unit = object.value("unit"_L1).toString();
    figure.qualifier = object.value("qualifier"_L1).toString();
    figure.extra = object.value("extra"_L1).toString();
    return figure;
}

QLatin1StringView tableOf(const Entity &)
{
    return "entities"_L1;
}
QLatin1StringView tableOf(const Mention &)
{
    return "mentions"_L1;
}
QLatin1StringView tableOf(const Quote &)
{
    return "quotes"_L1;
}
QLatin1StringView tableOf(const Figure &)
{
    return "figures"_L1;
}

QLatin1StringView tableOf(const QueuedEdit::Record &record)
{
    return std::visit([](const auto &held) { return tableOf(held); }, record);
}

QueuedEdit::Record recordFromJson(QStringView table, const QJsonObject &object)
{
    if (table == u"entities"_s)
        return entityFromJson(object);
    if (table == u"mentions"_s)
        return mentionFromJson(object);
    if (table == u"quotes"_s)
        return quoteFromJson(object);
    return figureFromJson(object);
}

const QLatin1StringView operationNames[] = { "insert"_L1, "update"_L1, "remove"_L1 };

QueuedEdit::Operation operationFromName(QStringView name)
{
    for (int i = 0; i < 3; ++i) {
        if (name == operationNames[i])
            return QueuedEdit::Operation(i);
    }
    return QueuedEdit::Operation::Insert;
}

// The store's write for each kind of record and operation.
bool storeInsert(Store &store, Entity &record)
{
    return store.insertEntity(record);
}
bool storeInsert(Store &store, Mention &record)
{
    return store.insertMention(record);
}
bool storeInsert(Store &store, Quote &record)
{
    return store.insertQuote(record);
}
bool storeInsert(Store &store, Figure &record)
{
    return store.insertFigure(record);
}
bool storeUpdate(Store &store, Entity &record)
{
    return store.updateEntity(record);
}
bool storeUpdate(Store &store, Mention &record)
{
    return store.updateMention(record);
}
bool storeUpdate(Store &store, Quote &record)
{
    return store.updateQuote(record);
}
bool storeUpdate(Store &store, Figure &record)
{
    return store.updateFigure(record);
}
bool storeRemove(Store &store, const Entity &record)
{
    return store.removeEntity(record.id, record.version.value);
}
bool storeRemove(Store &store, const Mention &record)
{
    return store.removeMention(record.id, record.version.value);
}
bool storeRemove(Store &store, const Quote &record)
{
    return store.removeQuote(record.id, record.version.value);
}
bool storeRemove(Store &store, const Figure &record)
{
    return store.removeFigure(record.id, record.version.value);
}

} // namespace

template<typename Record> bool writeTo(Store &store, QueuedEdit::Operation operation, Record &record)
{
    switch (operation) {
    case QueuedEdit::Operation::Insert:
        return storeInsert(store, record);
    case QueuedEdit::Operation::Update:
        return storeUpdate(store, record);
    case QueuedEdit::Operation::Remove:
        return storeRemove(store, record);
    }
    return false;
}

namespace {

// The record as the server has it now, if it is there.
std::optional<QueuedEdit::Record> storedRecord(Store &store, const QueuedEdit::Record &record)
{
    const auto [articleId, id]
        = std::visit([](const auto &held) { return std::pair(held.articleId, held.id); }, record);
    const AnnotationSet stored = store.annotations(articleId);
    for (const Entity &entity : stored.entities) {
        if (std::holds_alternative<Entity>(record) && entity.id == id)
            return entity;
        for (const Mention &mention : entity.mentions) {
            if (std::holds_alternative<Mention>(record) && mention.id == id)
                return mention;
        }
    }
    for (const Quote &quote : stored.quotes) {
        if (std::holds_alternative<Quote>(record) && quote.id == id)
            return quote;
    }
    for (const Figure &figure : stored.figures) {
        if (std::holds_alternative<Figure>(record) && figure.id == id)
            return figure;
    }
    return std::nullopt;
}

// Whether the server has the record as the update would leave it: the update arrived before
// (its answer was lost with the connection), or someone made the same change. Either way there
// is nothing to send and nothing to refuse. An entity's update leaves its mentions alone.
bool updateArrived(Store &store, const QueuedEdit::Record &record)
{
    const auto stored = storedRecord(store, record);
    if (!stored)
        return false;
    if (const auto *entity = std::get_if<Entity>(&record)) {
        const Entity &current = std::get<Entity>(*stored);
        return current.name == entity->name && current.type == entity->type
            && current.provenance == entity->provenance;
    }
    return *stored == record;
}

// An edit sent once already (the connection dropped before its answer came, or the application
// died before it crossed the edit off) is done, and is not sent twice: an insert's id was
// reserved for this record alone, so a row with it is this record; a row without it is removed,
// whoever removed it; an updated row holds what the update wrote.
bool send(Store &store, QueuedEdit::Operation operation, QueuedEdit::Record record)
{
    return std::visit(
        [&](auto &held) {
            using Operation = QueuedEdit::Operation;
            if (operation == Operation::Update) {
                const QueuedEdit::Record sent = held;
                return writeTo(store, operation, held) || (store.conflicted() && updateArrived(store, sent));
            }
            const bool stored = store.hasRecord(tableOf(held), held.id);
            if ((operation == Operation::Insert && stored) || (operation == Operation::Remove && !stored))
                return true;
            return writeTo(store, operation, held);
        },
        record);
}

// What the analyst would call the record: its words in the article, and the article.
QString describe(Store &store, const QueuedEdit::Record &record)
{
    const RecordId articleId = std::visit([](const auto &held) { return held.articleId; }, record);
    const std::optional<Article> article = store.article(articleId);
    const QString text = article ? article->text : QString();
    const QString what = std::visit(
        [&text](const auto &held) {
            using Held = std::decay_t<decltype(held)>;
            if constexpr (std::is_same_v<Held, Entity>)
                return tr("the entity %1").arg(held.name);
            else if constexpr (std::is_same_v<Held, Mention>)
                return tr("the mention “%1”").arg(textOf(text, held.span));
            else if constexpr (std::is_same_v<Held, Quote>)
                return tr("the quote “%1”")
                    .arg(held.content.isEmpty() ? QString() : textOf(text, held.content[0]));
            else
                return tr("the figure “%1”").arg(textOf(text, held.span));
        },
        record);
    return article ? tr("%1 in %2").arg(what, article->title.isEmpty() ? article->key : article->title)
                   : what;
}

// Why the server refused an edit: who changed the record last and when, or that it is gone.
RefusedEdit refusal(Store &store, const QueuedEdit &edit)
{
    RefusedEdit refused { .edit = edit, .record = describe(store, edit.record) };
    if (!store.conflicted()) {
        refused.reason
            = tr("Your offline edit of %1 was not saved: %2").arg(refused.record, store.errorString());
        return refused;
    }
    QSqlQuery query(store.database());
    query.prepare(u"SELECT annotator, modified_at FROM "_s + tableOf(edit.record) + u" WHERE id = ?"_s);
    query.addBindValue(std::visit([](const auto &held) { return held.id; }, edit.record));
    if (!query.exec() || !query.next()) {
        refused.removedMeanwhile = true;
        refused.reason = tr("Someone else removed %1 while you were offline; your edit of it was not saved.")
                             .arg(refused.record);
        return refused;
    }
    refused.keptBy = query.value(0).toString();
    refused.keptAt = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs);
    refused.reason = tr("%1 changed %2 at %3 while you were offline; your edit of it was not saved.")
                         .arg(refused.keptBy.isEmpty() ? tr("Someone else") : refused.keptBy, refused.record,
                             refused.keptAt.toLocalTime().toString(u"HH:mm"_s));
    return refused;
}

// One queue file per server, database and user: the key leaves out the password and the
// connection settings, which may change between sessions without making it another project.
QString projectKey(const QString &serverLocation)
{
    const QUrl url(serverLocation);
    const QString key
        = u"%1@%2:%3/%4"_s.arg(url.userName(), url.host()).arg(url.port(5432)).arg(url.path().mid(1));
    return QString::fromLatin1(
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(20));
}

} // namespace

EditQueue::EditQueue(Store &store, const QString &directory)
    : m_store(store)
{
    static std::atomic<int> connectionCount = 0;
    m_connectionName = u"byline-edit-queue-%1"_s.arg(++connectionCount);
    QDir().mkpath(directory);
    const QString base = QDir(directory).filePath(projectKey(store.path()));
    for (int slot = 1; slot <= maximumQueueFiles && !m_lock; ++slot) {
        const QString name = u"%1-%2.sqlite"_s.arg(base).arg(slot);
        auto lock = std::make_unique<QLockFile>(name + u".lock"_s);
        lock->setStaleLockTime(0); // taken over only when its process is gone
        if (lock->tryLock(0)) {
            m_lock = std::move(lock);
            m_fileName = name;
        }
    }
    if (!m_lock) {
        fail(tr("No offline queue is free in %1.").arg(directory));
        return;
    }
    // A queue left by an earlier session: its edits wait to be sent.
    if (QFile::exists(m_fileName))
        openFile();
    reserveIds();
}

EditQueue::~EditQueue()
{
    if (m_database.isOpen())
        m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString EditQueue::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/offline-edits"_s;
}

bool EditQueue::fail(const QString &message)
{
    m_error = message;
    qCWarning(lcEditQueue) << message;
    return false;
}

bool EditQueue::openFile()
{
    if (m_database.isOpen())
        return true;
    if (m_fileName.isEmpty())
        return false;
    m_database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_database.setDatabaseName(m_fileName);
    if (!m_database.open())
        return fail(
            tr("Cannot keep edits for later in %1: %2").arg(m_fileName, m_database.lastError().text()));
    QSqlQuery query(m_database);
    // Every queued edit is on disk before the analyst sees it done: it has nowhere else to be.
    const QString statements[] = {
        u"PRAGMA journal_mode = WAL"_s,
        u"PRAGMA synchronous = FULL"_s,
        u"CREATE TABLE IF NOT EXISTS edits (sequence INTEGER PRIMARY KEY AUTOINCREMENT,"
        " operation TEXT NOT NULL, layer TEXT NOT NULL, record TEXT NOT NULL, queued_at TEXT NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS refused (sequence INTEGER PRIMARY KEY, operation TEXT NOT NULL,"
        " layer TEXT NOT NULL, record TEXT NOT NULL, reason TEXT NOT NULL, refused_at TEXT NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS project (server TEXT NOT NULL)"_s,
    };
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return fail(
                tr("Cannot keep edits for later in %1: %2").arg(m_fileName, query.lastError().text()));
    }
    // For whoever looks into the folder: which project the file belongs to.
    if (query.exec(u"SELECT count(*) FROM project"_s) && query.next() && query.value(0).toInt() == 0) {
        query.prepare(u"INSERT INTO project (server) VALUES (?)"_s);
        query.addBindValue(m_store.path());
        query.exec();
    }
    if (query.exec(u"SELECT count(*) FROM edits"_s) && query.next())
        m_size = query.value(0).toInt();
    return true;
}

void EditQueue::reserveIds()
{
    for (const QLatin1StringView table : annotationTables) {
        QList<RecordId> &ids = m_reservedIds[table];
        if (ids.size() < reserveAgainBelow)
            ids += m_store.reserveIds(table, reservedIdsPerTable);
    }
}

bool EditQueue::takeId(QLatin1StringView table, RecordId &id)
{
    QList<RecordId> &ids = m_reservedIds[table];
    if (ids.isEmpty())
        return fail(tr("No more new annotations of this kind can be made until the server is back; "
                       "changes to existing ones still can."));
    id = ids.takeFirst();
    return true;
}

bool EditQueue::append(QueuedEdit::Operation operation, const QueuedEdit::Record &record)
{
    if (!openFile())
        return false;
    QSqlQuery query(m_database);
    query.prepare(u"INSERT INTO edits (operation, layer, record, queued_at) VALUES (?, ?, ?, ?)"_s);
    query.addBindValue(QString(operationNames[int(operation)]));
    query.addBindValue(QString(tableOf(record)));
    const QJsonObject json = std::visit([](const auto &held) { return toJson(held); }, record);
    query.addBindValue(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (!query.exec())
        return fail(tr("Cannot keep the edit for later: %1").arg(query.lastError().text()));
    ++m_size;
    return true;
}

template<typename Record> bool EditQueue::insert(Record &record)
{
    stamp(record.provenance);
    if (record.id == 0 && !takeId(tableOf(record), record.id))
        return false;
    record.version.value = 1;
    if constexpr (std::is_same_v<Record, Entity>) {
        for (Mention &mention : record.mentions) {
            stamp(mention.provenance);
            if (mention.id == 0 && !takeId("mentions"_L1, mention.id))
                return false;
            mention.entityId = record.id;
            mention.articleId = record.articleId;
            mention.version.value = 1;
        }
    }
    return append(QueuedEdit::Operation::Insert, record);
}

template<typename Record> bool EditQueue::write(QueuedEdit::Operation operation, Record &record)
{
    switch (operation) {
    case QueuedEdit::Operation::Insert:
        return insert(record);
    case QueuedEdit::Operation::Update:
        if (!append(operation, record))
            return false;
        ++record.version.value;
        return true;
    case QueuedEdit::Operation::Remove:
        return append(operation, record);
    }
    return false;
}

QList<QueuedEdit> EditQueue::pending() const
{
    QList<QueuedEdit> edits;
    if (!m_database.isOpen())
        return edits;
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT sequence, operation, layer, record FROM edits ORDER BY sequence"_s))
        return edits;
    while (query.next()) {
        const QJsonObject json = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
        edits.append({ operationFromName(query.value(1).toString()),
            recordFromJson(query.value(2).toString(), json), query.value(0).toLongLong() });
    }
    return edits;
}

QList<RefusedEdit> EditQueue::refused() const
{
    QList<RefusedEdit> edits;
    if (!m_database.isOpen())
        return edits;
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT sequence, operation, layer, record, reason FROM refused ORDER BY sequence"_s))
        return edits;
    while (query.next()) {
        const QJsonObject json = QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
        edits.append({ { operationFromName(query.value(1).toString()),
                           recordFromJson(query.value(2).toString(), json), query.value(0).toLongLong() },
            query.value(4).toString() });
    }
    return edits;
}

bool EditQueue::removeEdit(qint64 sequence)
{
    QSqlQuery query(m_database);
    query.prepare(u"DELETE FROM edits WHERE sequence = ?"_s);
    query.addBindValue(sequence);
    if (!query.exec())
        return fail(query.lastError().text());
    --m_size;
    return true;
}

QueueSendResult EditQueue::sendTo(Store &store)
{
    QueueSendResult result;
    // A record whose edit was refused: its later edits expect a version the server never had.
    QHash<std::pair<QString, RecordId>, RefusedEdit> refusedRecords;
    for (const QueuedEdit &edit : pending()) {
        const std::pair<QString, RecordId> key { tableOf(edit.record),
            std::visit([](const auto &held) { return held.id; }, edit.record) };
        RefusedEdit refused;
        if (refusedRecords.contains(key)) {
            // Whose version the server kept is the same as for the first.
            refused = refusedRecords.value(key);
            refused.edit = edit;
            refused.reason
                = tr("An earlier offline edit of %1 was not saved, so this one was not sent either.")
                      .arg(refused.record);
        } else if (send(store, edit.operation, edit.record)) {
            if (!removeEdit(edit.sequence))
                break;
            ++result.sent;
            continue;
        } else if (!store.isConnected()) {
            result.connectionLost = true;
            break;
        } else {
            refused = refusal(store, edit);
        }
        refusedRecords.insert(key, refused);
        // Kept, not dropped: the analyst's version stays in the file with the reason.
        QSqlQuery keep(m_database);
        keep.prepare(u"INSERT INTO refused (sequence, operation, layer, record, reason, refused_at)"
                     " SELECT sequence, operation, layer, record, ?, ? FROM edits WHERE sequence = ?"_s);
        keep.addBindValue(refused.reason);
        keep.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        keep.addBindValue(edit.sequence);
        if (!keep.exec() || !removeEdit(edit.sequence)) {
            fail(keep.lastError().text());
            break;
        }
        result.refused.append(refused);
    }
    return result;
}

template bool EditQueue::write(QueuedEdit::Operation, Entity &);
template bool EditQueue::write(QueuedEdit::Operation, Mention &);
template bool EditQueue::write(QueuedEdit::Operation, Quote &);
template bool EditQueue::write(QueuedEdit::Operation, Figure &);
template bool writeTo(Store &, QueuedEdit::Operation, Entity &);
template bool writeTo(Store &, QueuedEdit::Operation, Mention &);
template bool writeTo(Store &, QueuedEdit::Operation, Quote &);
template bool writeTo(Store &, QueuedEdit::Operation, Figure &);

} // namespace Byline
