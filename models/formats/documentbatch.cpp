// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentbatch.h"

#include "projectdocuments.h"
#include "texthash.h"

using namespace Qt::StringLiterals;

namespace Byline {

DocumentBatch::DocumentBatch(Store &store)
    : m_store(store)
    , m_transaction(store)
{
    if (!m_transaction.isOpen())
        m_error = store.errorString();
}

bool DocumentBatch::isOpen() const
{
    return m_transaction.isOpen();
}

bool DocumentBatch::add(const DatasetDocument &document, const QString &where)
{
    const QString hash = textHash(document.article.text);
    if (m_textHashes.contains(hash) || m_store.articleWithText(document.article.text)) {
        ++m_counts.skipped;
        m_counts.warnings << DatasetFormat::tr("%1: the article %2 is already in the project")
                                 .arg(where, document.article.key);
        return true;
    }
    m_textHashes.insert(hash);
    if (storeDocument(m_store, document) == 0) {
        m_error = u"%1: %2"_s.arg(where, m_store.errorString());
        return false;
    }
    ++m_counts.articles;
    return true;
}

bool DocumentBatch::commit(FormatReadReport *report)
{
    if (!m_transaction.commit()) {
        m_error = m_store.errorString();
        return false;
    }
    if (report) {
        report->articles += m_counts.articles;
        report->skipped += m_counts.skipped;
        report->warnings += m_counts.warnings;
    }
    return true;
}

bool storeDocuments(Store &store, const QList<DatasetDocument> &documents, const QStringList &where,
    FormatReadReport *report, QString *errorString)
{
    DocumentBatch batch(store);
    bool stored = batch.isOpen();
    for (qsizetype i = 0; stored && i < documents.size(); ++i)
        stored = batch.add(documents.at(i), where.value(i, documents.at(i).article.key));
    if (!stored || !batch.commit(report)) {
        *errorString = batch.errorString();
        return false;
    }
    return true;
}

} // namespace Byline
