// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QVariantList>

class QSqlDatabase;

namespace Byline {

class CorpusQuery;

/// A full-text search in one backend's SQL: what to read from, the condition with its values
/// (bound in order to the ? in it), and the ascending column the hits come in, so that a page
/// continues after the last hit.
struct TextSearchSql {
    QString from; ///< the tables; the articles are "a"
    QString where;
    QVariantList values;
    QString rowId;
    /// articleSearch(): the article text with its hits between U+E000 and U+E001 (FTS5's
    /// highlight()); empty where the backend cannot mark whole phrases, which leaves finding the
    /// hit in the text to the caller.
    QString markedText;
};

/// The SQL that differs between the backends a project can live in, one subclass per backend.
///
/// The schema steps and the store write their SQL once, in SQLite's words; the dialect turns a
/// statement into what its backend runs and supplies the parts that have no common form (the
/// full-text indexes, connection settings). Everything backend-specific lives in one place.
class SqlDialect {
public:
    virtual ~SqlDialect() = default;

    /// The dialect of the database's driver (QSQLITE or QPSQL).
    static const SqlDialect &of(const QSqlDatabase &database);

    virtual bool isSqlite() const = 0;

    /// The statements that carry out one schema statement written for SQLite.
    virtual QStringList translate(const QString &statement) const = 0;
    /// The full-text index of article titles and texts, the trigram index behind the article
    /// list's text filter, and the index of annotations (schema version 4), with whatever keeps
    /// them current except the annotation triggers, which are written once for both backends.
    virtual QStringList createSearchIndexes() const = 0;
    /// Replaces the article index's triggers of createSearchIndexes() and the annotation tables'
    /// insert triggers with ones that pass over the rows of search_backlog (schema version 13);
    /// nothing where every row is indexed as it is written.
    virtual QStringList searchTriggersWithBacklog() const = 0;

    /// The articles whose title or text holds every word of the query (CorpusQuery::Target::Articles).
    virtual TextSearchSql articleSearch(const CorpusQuery &query) const = 0;
    /// The rows of annotation_search that match the query's words and fields; its columns layer,
    /// article_id and record_id lead to the annotation.
    virtual TextSearchSql annotationSearch(const CorpusQuery &query) const = 0;
    /// The articles whose text holds at least one of the phrases (each a name, its words in order).
    virtual TextSearchSql articlesWithAnyPhrase(const QStringList &phrases) const = 0;

    /// A column in a condition or ORDER BY that should not be read through its index.
    virtual QString withoutIndex(const QString &column) const = 0;
    /// Case-insensitive LIKE (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
    virtual QString like() const = 0;
    /// Whether the article list's text filter has a trigram table of its own (article_filter).
    virtual bool hasArticleFilterTable() const = 0;

    /// A statement that makes other clients' schema upgrades wait until this transaction ends;
    /// empty where the project has one writer anyway.
    virtual QString migrationLock() const = 0;

    /// What announces each change of an article or annotation to the other clients of the
    /// project (changeChannel()); nothing where the project has one writer.
    virtual QStringList changeNotifications() const = 0;
    /// The channel of those announcements. Each payload is a JSON object: article (id), table,
    /// id (the changed row; a quote's id for its parts) and session (the writer's server process).
    static QString changeChannel();
    /// A statement that announces a change on that channel with one bound payload, for the tables
    /// that no trigger announces (assignments: Assignments writes them and says so); empty where
    /// nobody listens. Existing projects need nothing installed for it.
    virtual QString announcement() const = 0;

    /// Makes the next id of each table follow the largest id in it, after rows were copied in
    /// with their ids.
    virtual QStringList resetIdSequences(const QStringList &tables) const = 0;

    /// The team's roles and row-level security of schema version 7 (models/teamroles.h): group
    /// roles, their grants and the policies of the annotation tables. A file has one user: none.
    virtual QStringList enforceTeamRoles() const = 0;
    /// Who may read and change which assignments (schema version 9, models/assignments.h): an
    /// annotator or curator sees and marks done only their own, an admin manages all. A file: none.
    virtual QStringList enforceAssignmentRoles() const = 0;
    /// Who may mark an article's curation done (schema version 10): curators and admins.
    virtual QStringList protectCurationState() const = 0;

    /// Who reads which per-annotator counts (schema version 11): the rows of the annotators whose
    /// annotations the session may read, written by the triggers alone. A file: none.
    virtual QStringList protectAnnotatorCounts() const = 0;
    /// A statement whose one value says whether this session counts only what it may read of the
    /// annotations (an annotator in blind mode) rather than the totals; empty where everyone reads
    /// everything (a file).
    virtual QString ownCountsQuery() const = 0;
    /// The join of the article list ("articles a") to the session's own counts, "own": the sums of
    /// its annotator's and the suggestions' rows of article_counts_by_annotator.
    virtual QString ownCountsJoin() const = 0;
    /// Whether the article a.id has curated annotations: curation progress, which everyone may see
    /// even where the curated annotations themselves are hidden.
    virtual QString curationBegun() const = 0;
};

} // namespace Byline
