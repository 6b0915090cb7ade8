// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QCoreApplication>

namespace Byline {

class Store;

/// What one run of the extractors added to an article.
struct SuggestionCounts {
    int entities = 0;
    int mentions = 0;
    int quotes = 0;
    int figures = 0;
    SuggestionCounts &operator+=(const SuggestionCounts &other);
};

/// Stores extractor suggestions in a project without ever touching the analyst's work.
///
/// The article's previous suggestions (status auto) are replaced; accepted, edited, manual
/// and rejected annotations stay as they are, and a suggestion that overlaps one of them is
/// dropped, so a rejected suggestion is not made again and re-running never duplicates.
/// Suggested mentions join an existing entity of the same name and type. Each article is
/// written in one transaction: a killed run leaves every article either done or untouched.
class SuggestionWriter final {
    Q_DECLARE_TR_FUNCTIONS(SuggestionWriter)
public:
    explicit SuggestionWriter(Store &store);

    /// suggestions come from the extractor: ids are its own, speakers refer to its entities.
    bool write(RecordId articleId, const AnnotationSet &suggestions, SuggestionCounts *counts = nullptr);
    QString errorString() const { return m_error; }

private:
    Store &m_store;
    QString m_error;
};

} // namespace Byline
