// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "suggestiondiff.h"

#include <QCoreApplication>

#include <memory>

namespace Byline {

class SqliteBulkWriter;
class Store;

/// Stores extractor suggestions in a project without ever touching the analyst's work.
///
/// The article's previous suggestions (status auto) are replaced; accepted, edited, manual
/// and rejected annotations stay as they are, and a suggestion that overlaps one of them is
/// dropped, so a rejected suggestion is not made again and re-running never duplicates.
/// Suggested mentions join an existing entity of the same name and type. Each write is one
/// transaction (or part of the caller's): a killed run leaves every article either done or
/// untouched.
class SuggestionWriter final {
    Q_DECLARE_TR_FUNCTIONS(SuggestionWriter)
public:
    explicit SuggestionWriter(Store &store);
    ~SuggestionWriter();
    SuggestionWriter(const SuggestionWriter &) = delete;
    SuggestionWriter &operator=(const SuggestionWriter &) = delete;

    /// suggestions come from the extractor: ids are its own, speakers refer to its entities.
    bool write(RecordId articleId, const AnnotationSet &suggestions, SuggestionCounts *counts = nullptr);
    /// suggestions[i] for articles[i], all or none, with the same outcome as writing them one by
    /// one (but for ids and times). Only the difference is written (SuggestionDiff): an old
    /// suggestion made again stays. The articles' annotations are read and their old suggestions
    /// removed with a few statements rather than several per article, and no article takes a
    /// savepoint of its own (each would copy every page the article touches). The articles come
    /// with their texts; in a project file the new rows go in through SqliteBulkWriter.
    bool write(const QList<Article> &articles, const QList<AnnotationSet> &suggestions,
        SuggestionCounts *counts = nullptr);
    QString errorString() const { return m_error; }

private:
    /// The annotations of each article, suggestions included.
    QList<AnnotationSet> storedAnnotations(const QList<Article> &articles) const;
    /// The new rows of one article (with its text): in a project file through SQLite's own
    /// interface, since QtSql's binding took as long as the rest of a corpus extraction's inserts.
    bool insert(const Article &article, const NewSuggestions &rows);
    bool changeDetails(const SuggestionPlan &plan);
    bool fail();

    Store &m_store;
    std::unique_ptr<SqliteBulkWriter> m_direct; ///< for a project file that can be written
    QString m_error;
};

} // namespace Byline
