// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace Byline {

/// What the import of a W3C Web Annotation file must know beyond the article at hand, kept in
/// temporary tables of the import's own transaction rather than in memory, so that memory stays
/// flat however many annotations the file holds: every annotation id of the file (which must
/// be unique), the stored entity of each entity annotation (a quote may name it as its speaker
/// from anywhere in the file), and the quotes whose speaker comes later in the file, to be
/// linked at its end. The tables go with the transaction's rollback, and are dropped when done.
class W3cImportLedger final {
    Q_DECLARE_TR_FUNCTIONS(W3cImportLedger)
public:
    /// A quote put off until the end of the file.
    struct Deferred {
        qint64 line;
        QString field;
        QByteArray annotation; ///< as JSON
    };

    /// Opens the tables in database, inside the transaction that is open there.
    explicit W3cImportLedger(const QSqlDatabase &database);
    ~W3cImportLedger();
    W3cImportLedger(const W3cImportLedger &) = delete;
    W3cImportLedger &operator=(const W3cImportLedger &) = delete;

    /// False when the tables could not be made; errorString() says why.
    bool isOpen() const { return m_open; }
    QString errorString() const { return m_error; }

    /// Claims id for the annotation at line and field. Nothing when none had it before; where
    /// the one that did is ("first.items[2] (line 4)"), or an empty string on a database error.
    std::optional<QString> claim(const QString &id, qint64 line, const QString &field);
    /// The annotation id names entityId, stored in articleId.
    bool noteEntity(const QString &id, RecordId articleId, RecordId entityId);
    /// The stored entity of articleId that the annotation id names; 0 when none (yet).
    RecordId entity(const QString &id, RecordId articleId);

    bool defer(RecordId articleId, const Deferred &quote);
    /// The deferred quotes, an article's at a time in the order they came; false when visit
    /// says stop or the database fails (errorString() empty then, or why).
    bool forEachDeferred(const std::function<bool(RecordId articleId, const QList<Deferred> &)> &visit);

private:
    class Statement;
    bool fail(const Statement &statement);

    QSqlDatabase m_database;
    std::unique_ptr<Statement> m_claim, m_earlier, m_noteEntity, m_entity, m_defer;
    qint64 m_deferred = 0;
    bool m_open = false;
    QString m_error;
};

} // namespace Byline
