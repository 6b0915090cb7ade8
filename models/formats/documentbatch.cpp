// SPDX-License-Identifier: GPL-3.0-or-later
#include "documentbatch.h"

#include "projectdocuments.h"
#include "store.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Byline {

bool storeDocuments(Store &store, const QList<DatasetDocument> &documents, const QStringList &where,
    FormatReadReport *report, QString *errorString)
{
    FormatReadReport counts;
    // Adds only: the counts and search indexes are caught up at the commit (Store::BulkInsert).
    Store::BulkInsert transaction(store);
    if (!transaction.isOpen()) {
        *errorString = store.errorString();
        return false;
    }
    QSet<QString> seen;
    for (qsizetype i = 0; i < documents.size(); ++i) {
        const DatasetDocument &document = documents.at(i);
        const QString place = where.value(i, document.article.key);
        if (seen.contains(document.article.text) || store.articleWithText(document.article.text)) {
            ++counts.skipped;
            counts.warnings << DatasetFormat::tr("%1: the article %2 is already in the project")
                                   .arg(place, document.article.key);
            continue;
        }
        seen.insert(document.article.text);
        if (storeDocument(store, document) == 0) {
            *errorString = u"%1: %2"_s.arg(place, store.errorString());
            return false;
        }
        ++counts.articles;
    }
    if (!transaction.commit()) {
        *errorString = store.errorString();
        return false;
    }
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
