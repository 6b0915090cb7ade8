// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <variant>

class QLockFile;

namespace Byline {

class Store;

/// One write an analyst made while the server was away, as the store would have been asked.
struct QueuedEdit {
    enum class Operation { Insert, Update, Remove };
    using Record = std::variant<Entity, Mention, Quote, Figure>;

    Operation operation = Operation::Insert;
    /// The record as written: an update or removal holds the version it expects on the server.
    Record record;
    qint64 sequence = 0; ///< its place in the queue
};

/// A queued edit the server refused when it was sent: someone else changed or removed the record
/// meanwhile. What the analyst wrote is kept here, with the reason.
struct RefusedEdit {
    QueuedEdit edit;
    QString reason;
    // Known when the edit was refused just now (sendTo()), for a list of them: the reason in parts.
    QString record; ///< the record in the analyst's words: "the quote “…” in kz-1"
    QString keptBy; ///< who changed the record last, whose version the server kept; may be unknown
    QDateTime keptAt; ///< when that version was written
    bool removedMeanwhile = false; ///< someone removed the record: no version of it was kept
};

/// What sending the queue did.
struct QueueSendResult {
    int sent = 0;
    QList<RefusedEdit> refused;
    bool connectionLost = false; ///< the server went away again; the rest waits
};

/// The edits a client of a server project makes while its connection is lost (issue 8).
///
/// It answers each write as the store would, so that the document, its panels and the undo stack
/// go on as if online: a new record takes an id reserved on the server beforehand (no other
/// client gets it, so nothing needs renaming when it is sent), a change gives the next version.
/// The edits are kept, in order, in a small SQLite file in the user's data folder, one per
/// server, database and user, so that an application killed while offline sends them the next
/// time it opens the project. Two clients of the same project and user on one machine each take
/// a file of their own (a lock file says whose); a file whose owner died goes to the next client.
class EditQueue final {
public:
    /// Takes the first free queue file of the project at the server location (a URL without
    /// its password), reserving ids for records made offline through the store.
    EditQueue(Store &store, const QString &directory);
    ~EditQueue();
    EditQueue(const EditQueue &) = delete;
    EditQueue &operator=(const EditQueue &) = delete;

    /// The folder the queues live in: under the user's application data.
    static QString defaultDirectory();

    QString errorString() const { return m_error; }
    QString fileName() const { return m_fileName; }
    /// How many edits wait to be sent.
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    /// Answers a write as the store would (a new record's id, the next version) and keeps it to
    /// send later. A removal expects the record's version.
    template<typename Record> bool write(QueuedEdit::Operation operation, Record &record);

    /// The waiting edits, oldest first.
    QList<QueuedEdit> pending() const;
    /// The edits the server refused when they were sent, oldest first, with what the analyst wrote.
    QList<RefusedEdit> refused() const;
    /// Sends the waiting edits in order, each at the version it expects. An edit the server
    /// refuses (someone else changed the record; a later edit of the same record then too) is
    /// taken out and returned with the reason; the others go through. Stops when the connection
    /// is lost again, keeping what was not sent.
    QueueSendResult sendTo(Store &store);
    /// Draws new ids from the server for the records to be made while offline, when few are left.
    void reserveIds();

private:
    template<typename Record> bool insert(Record &record);
    bool append(QueuedEdit::Operation operation, const QueuedEdit::Record &record);
    bool takeId(QLatin1StringView table, RecordId &id);
    bool openFile();
    bool removeEdit(qint64 sequence);
    bool fail(const QString &message);

    Store &m_store;
    QString m_fileName;
    QString m_connectionName;
    QSqlDatabase m_database;
    std::unique_ptr<QLockFile> m_lock;
    QHash<QString, QList<RecordId>> m_reservedIds; ///< per table, not yet given to a record
    int m_size = 0;
    QString m_error;
};

/// Writes the record through the store as the operation says; a removal expects its version.
template<typename Record> bool writeTo(Store &store, QueuedEdit::Operation operation, Record &record);

extern template bool EditQueue::write(QueuedEdit::Operation, Entity &);
extern template bool EditQueue::write(QueuedEdit::Operation, Mention &);
extern template bool EditQueue::write(QueuedEdit::Operation, Quote &);
extern template bool EditQueue::write(QueuedEdit::Operation, Figure &);
extern template bool writeTo(Store &, QueuedEdit::Operation, Entity &);
extern template bool writeTo(Store &, QueuedEdit::Operation, Mention &);
extern template bool writeTo(Store &, QueuedEdit::Operation, Quote &);
extern template bool writeTo(Store &, QueuedEdit::Operation, Figure &);

} // namespace Byline
