// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exportselection.h"
#include "extraction/datasetdocument.h"

#include <functional>

namespace Byline {

class Store;

/// Reads the articles of a project the selection chooses, with the annotations it takes, one at
/// a time in id order, so that exports stream: memory stays flat whatever the corpus size.
/// Returning false stops. False when stopped, or when the selection's search or a read fails: an
/// export never leaves out what it could not read. readFailure, when given, gets why a read failed
/// (Store::errorString()) and stays empty otherwise.
bool forEachProjectDocument(const Store &store, const ExportSelection &selection,
    const std::function<bool(const DatasetDocument &)> &visit, QString *readFailure = nullptr);

/// Stores a dataset article and its annotations in one transaction, keeping statuses and
/// mapping the file's entity ids to the project's. Returns the new article's id, or 0.
RecordId storeDocument(Store &store, const DatasetDocument &document);

} // namespace Byline
