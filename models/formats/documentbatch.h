// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"
#include "extraction/datasetdocument.h"
#include "store.h"

#include <QSet>

namespace Byline {

/// Stores articles read from one file or folder in a single transaction, as they are read, the
/// counts and search indexes caught up at the commit (Store::BulkInsert), since it only adds:
/// either all of them enter the project or none does, so a bad record found late never leaves
/// half an import, and a reader need not hold the whole file to get that. Articles whose text
/// the project (or the batch) already holds are skipped and reported.
class DocumentBatch final {
public:
    explicit DocumentBatch(Store &store);

    /// False when the transaction could not begin; errorString() says why.
    bool isOpen() const;
    /// Stores one document; `where` names it in messages (its file and line). False on a store
    /// error: then the batch is over and nothing of it stays.
    bool add(const DatasetDocument &document, const QString &where);
    /// Commits what was added and adds it to the report: articles, skipped, warnings.
    bool commit(FormatReadReport *report);
    QString errorString() const { return m_error; }

private:
    Store &m_store;
    Store::BulkInsert m_transaction;
    QSet<QString> m_textHashes; ///< of the texts added: a fingerprint each, not the text
    FormatReadReport m_counts;
    QString m_error;
};

/// A DocumentBatch over documents already read; adds to the report as DocumentBatch::commit().
bool storeDocuments(Store &store, const QList<DatasetDocument> &documents, const QStringList &where,
    FormatReadReport *report, QString *errorString);

} // namespace Byline
