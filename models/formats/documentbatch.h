// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"
#include "extraction/datasetdocument.h"

namespace Byline {

class Store;

/// Stores articles read from one file or folder in a single transaction: either all of them
/// enter the project or none does, so a bad record found late never leaves half an import.
/// Articles whose text the project (or the batch) already holds are skipped and reported.
/// `where` names each document in messages (its file and line).
bool storeDocuments(Store &store, const QList<DatasetDocument> &documents, const QStringList &where,
    FormatReadReport *report, QString *errorString);

} // namespace Byline
