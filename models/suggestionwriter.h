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

    /// What write() does to one article, decided from the annotations it holds (its old
    /// suggestions included) and the extractor's suggestions. Needs no store, so another thread
    /// can make it.
    struct ArticlePlan {
        SuggestionPlan plan;
        SuggestionCounts suggested; ///< what the run suggests, kept or added
    };
    static ArticlePlan plan(
        RecordId articleId, const AnnotationSet &stored, const AnnotationSet &suggestions);

    /// A batch's annotations as another connection to the project read them, with the plan of
    /// each article made from them, and this writer's Store::dataVersion() taken before the read.
    struct ReadAhead {
        qint64 dataVersion = 0;
        QList<AnnotationSet> stored;
        QList<ArticlePlan> plans;
    };
    /// As the batch write() above, with the plans made beforehand beside the writer. They are
    /// taken when no other connection has changed the project since: the data version is the
    /// same inside the write's transaction, whose first statement fixes what it sees. Otherwise
    /// the articles are read and planned again here, so an analyst's edit in between is never
    /// undone. The articles must not have been written through this store since the read.
    bool write(const QList<Article> &articles, const QList<AnnotationSet> &suggestions,
        const ReadAhead &readAhead, SuggestionCounts *counts = nullptr);
    /// The annotations of each article (with its text) in store, suggestions included, with a
    /// query per table for a run of consecutive articles. *ok false when a read failed
    /// (Store::errorString()): nothing may be planned from them then.
    static QList<AnnotationSet> storedAnnotations(
        const Store &store, const QList<Article> &articles, bool *ok);
    /// How many batches write() planned again because the project changed after their read.
    int replannedBatches() const { return m_replannedBatches; }

    QString errorString() const { return m_error; }

private:
    /// Either write() of a batch: with readAhead null, the articles are read and planned here.
    bool writeBatch(const QList<Article> &articles, const QList<AnnotationSet> &suggestions,
        const ReadAhead *readAhead, SuggestionCounts *counts);
    /// Removes the old suggestions the plans name and adds their new rows, in the caller's
    /// transaction; stored is what the plans were made from.
    bool writePlans(
        const QList<Article> &articles, const QList<AnnotationSet> &stored, const QList<ArticlePlan> &plans);
    /// The new rows of one article (with its text): in a project file through SQLite's own
    /// interface, since QtSql's binding took as long as the rest of a corpus extraction's inserts.
    bool insert(const Article &article, const NewSuggestions &rows);
    bool changeDetails(const SuggestionPlan &plan);
    bool fail();

    Store &m_store;
    std::unique_ptr<SqliteBulkWriter> m_direct; ///< for a project file that can be written
    int m_replannedBatches = 0;
    QString m_error;
};

} // namespace Byline
