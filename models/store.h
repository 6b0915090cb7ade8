// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "annotationschema.h"
#include "articlepagesource.h"
#include "schema.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <map>
#include <memory>
#include <optional>

class QLockFile;
class QSqlQuery;
class QUrl;

namespace Byline {

class OffsetMap;
class SqliteBulkWriter;

enum class Layer { Entities, Quotes, Figures };

/// How many annotations a project holds, per layer and status.
struct AnnotationCounts {
    std::map<std::pair<Layer, AnnotationStatus>, int> counts;
    int count(Layer layer) const;
    int count(Layer layer, AnnotationStatus status) const;
};

/// Why a project could not be opened, so that callers can offer the right way out.
struct StoreError {
    /// Busy: another program has the file to itself for a while (a large import, see
    /// Store::SoleWriterJournal) and did not let go within the busy timeout.
    enum class Code { None, LockedByAnotherProcess, Busy, NotAProject, NewerVersion, CannotOpen, Sql };
    Code code = Code::None;
    QString message;
};

/// The connection to a project on a server, for the status bar.
struct ServerConnection {
    QString user; ///< the database role: the annotator's identity on the server
    bool encrypted = false;
    QString tlsVersion; ///< e.g. TLSv1.3, empty without TLS
};

/// The project file: every read and write of a project goes through here.
///
/// Each change is committed in its own transaction (SQLite in WAL mode, synchronous
/// writes), so a killed process loses at most the change in flight. Spans are UTF-16
/// offsets in the API and code points on disk; the store converts with the article text.
/// One writer per project file: a lock file next to it refuses a second one. A project on a
/// PostgreSQL server has no lock: several clients write at once, each change in its transaction.
class Store final : public ArticlePageSource {
public:
    enum class Mode { ReadWrite, ReadOnly };

    /// Groups several writes into one commit; nests (inner ones become savepoints). Rolls
    /// back on destruction unless committed, so an early return leaves the project as it was.
    class Transaction final {
    public:
        /// What transactions opened inside this one do. Records written one by one each take a
        /// savepoint, two statements apiece; a group that fails or succeeds only as a whole
        /// (an article with its annotations) lets its savepoint stand for theirs.
        enum class Inner { Savepoints, ShareThis };

        explicit Transaction(Store &store, Inner inner = Inner::Savepoints);
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;
        bool isOpen() const { return m_open; }
        bool commit();

    private:
        Store &m_store;
        bool m_outermost;
        bool m_shared; ///< within a savepoint that stands for this one
        bool m_open = false;
        bool m_sharingBefore = false; ///< m_store.m_shareSavepoint when this one opened
    };

    /// SQLite's foreign-key checks off while it lives, when made outside any transaction (SQLite
    /// keeps the setting inside one); nothing on a server. For imports: the checks doubled the
    /// cost of each annotation row, and an import's rows refer only to rows of the same document,
    /// which addDocument() gives their ids. Make it before the transaction it is meant for, so
    /// that the checks come back after that ended, whichever way.
    class ForeignKeysOff final {
    public:
        /// Does nothing when off is false: a bulk insert that removes needs the cascades.
        explicit ForeignKeysOff(Store &store, bool off = true);
        ~ForeignKeysOff();
        ForeignKeysOff(const ForeignKeysOff &) = delete;
        ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;

    private:
        QSqlDatabase m_database;
        bool m_off = false;
    };

    /// A rollback journal for the large transactions of a connection alone on its project file,
    /// from when it is made until it is gone. Make it outside any transaction.
    ///
    /// The log (the file's mode) lets readers go on while a writer writes, but it takes every page
    /// a transaction writes and then copies it into the file: a 100,000-article import wrote its
    /// 2 GB twice, and its commit took 2 to 5 s. A rollback journal keeps only the earlier
    /// content of the pages a transaction changes, almost none when it adds to the end of the
    /// tables. Only a connection alone on the file can leave the log; with another connection
    /// open on it, a window or a reader, this does nothing: the log is what keeps them going.
    /// Active, it holds the file to itself throughout, between transactions too, since a reader
    /// let in would make the writer's commit wait for it: a program that opens the project
    /// meanwhile waits and then gets StoreError::Code::Busy. One killed inside leaves the journal,
    /// which the next opening plays back (Store::open(), also read-only where the file may be
    /// written). Nested in an active one, it does nothing.
    class SoleWriterJournal final {
    public:
        /// Does nothing when wanted is false, in a transaction, on a server or read-only.
        SoleWriterJournal(Store &store, bool wanted);
        ~SoleWriterJournal();
        SoleWriterJournal(const SoleWriterJournal &) = delete;
        SoleWriterJournal &operator=(const SoleWriterJournal &) = delete;

    private:
        bool leaveTheLog();
        void returnToTheLog();

        QSqlDatabase m_database;
        bool m_active = false;
        int m_synchronous = 2; ///< the connection's setting before: FULL
    };

    /// When an import's rows are indexed for search: see setSearchIndexing().
    enum class SearchIndexing { WithTheRows, Deferred };

    /// The transaction of an import that adds many articles (models/storebulkinsert.cpp). In a
    /// project file, the triggers that keep the article and corpus counts and the search indexes
    /// row by row (two thirds of an import's time) are set aside while it runs; commit() writes
    /// what they would have, in a few statements over all the added rows (whole documents from
    /// SqliteBulkWriter bring their counts with them), and brings them back.
    /// Rolled back (destroyed without commit()), it leaves the project as it was, triggers
    /// included: SQLite's schema changes are transactional. Only for adding: rows added in it must
    /// not be changed or removed before commit(). Nests like Transaction; an inner one is a plain
    /// savepoint. On a server it is an ordinary transaction, since other clients write meanwhile.
    /// An import's (Removals::None) on a connection alone on its file writes through a
    /// SoleWriterJournal.
    class BulkInsert final {
    public:
        /// Whether old suggestions are removed in it as well (removeAnnotations(), a corpus
        /// extraction's batch). In a project file the annotations' delete triggers, which count
        /// and unindex row by row, are then set aside too: removeAnnotations() lowers the counts
        /// and removes the search rows set-wise, commit() counts each touched article once, and
        /// no other removal is allowed until then.
        enum class Removals { None, OldSuggestions };

        explicit BulkInsert(Store &store, Removals removals = Removals::None);
        ~BulkInsert();
        BulkInsert(const BulkInsert &) = delete;
        BulkInsert &operator=(const BulkInsert &) = delete;
        bool isOpen() const;
        /// Whether documents go in through SQLite's own interface (SqliteBulkWriter): in a project
        /// file, while it is open.
        bool writesDirectly() const;
        /// Checked now and then while commit() catches up, the last third of a large import:
        /// false stops it, the commit fails and the bulk insert rolls back.
        using KeepGoing = std::function<bool()>;
        bool commit(const KeepGoing &keepGoing = {});
        /// What commit() writes in a project file for the rows added after lastIdBefore's ids
        /// (per table: articles, entities, mentions, quotes, figures), and for the articles
        /// rows were removed from, before the triggers come back. A test checks their query
        /// plans: they run at every batch of a corpus extraction.
        static QStringList catchUpStatements(const QHash<QString, RecordId> &lastIdBefore,
            const QSet<RecordId> &removedFrom = {}, SearchIndexing indexing = SearchIndexing::WithTheRows);
        /// The part of them that indexes the added rows for search, or, deferred, indexes them
        /// for the list's text filter and records the rest in the search backlog.
        static QStringList searchStatements(const QHash<QString, RecordId> &lastIdBefore,
            SearchIndexing indexing = SearchIndexing::WithTheRows);

    private:
        static QString articleCountStatement(
            const std::optional<QHash<QString, RecordId>> &lastIdBefore, const QSet<RecordId> &removedFrom);
        bool catchUp(const KeepGoing &keepGoing);
        void restoreSettings();

        Store &m_store;
        ForeignKeysOff m_foreignKeysOff; ///< before m_transaction: the checks come back after it
        SoleWriterJournal m_journal; ///< before m_transaction: the log comes back after it
        Transaction m_transaction;
        bool m_active = false; ///< the triggers are set aside
        bool m_failed = false;
        QStringList m_triggers; ///< the set-aside triggers' definitions
        QStringList m_restoreSearchSettings; ///< give the search indexes their own settings back
        QHash<QString, RecordId> m_lastIdBefore; ///< per table: rows above it are added
        int m_cacheSize = 0;
        SearchIndexing m_searchIndexing = SearchIndexing::WithTheRows;
    };

    /// Whether the bulk inserts of imports on this connection index their rows for search before
    /// they commit (the default), or commit them first and record them in the search backlog
    /// (SearchBacklog, models/searchbacklog.h), which the caller then indexes: a large import is
    /// in the project twice as soon. Only a project file defers; a corpus extraction never does.
    void setSearchIndexing(SearchIndexing indexing) { m_searchIndexing = indexing; }

    /// Opens or, in ReadWrite mode, creates the project at path: a .byline file, or a database on
    /// a PostgreSQL server named by a URL (postgresql://user[:password]@host:port/database?sslmode=...).
    static std::unique_ptr<Store> open(const QString &path, Mode mode, StoreError *error);
    /// Whether the location is a server URL rather than a file.
    static bool isServerLocation(const QString &location);
    /// Another connection to this project, for a worker thread (an export, an import): open it,
    /// use it and destroy it on that thread, since a QSqlDatabase connection belongs to the thread
    /// that made it. It may be called there: it reads only what this store does not change once
    /// open (its path, mode and the password it was opened with). It shares this store's lock
    /// (the lock is the process's), so it must go before this store does. ReadWrite needs this
    /// store to be writable.
    std::unique_ptr<Store> openConnection(Mode mode, StoreError *error) const;
    /// The version of the SQLite library projects are stored with, for the About box.
    static QString sqliteVersion();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    /// The file's absolute path, or the server URL without its password.
    QString path() const { return m_path; }
    bool isReadOnly() const { return m_mode == Mode::ReadOnly; }
    /// Whether a transaction is open on this connection, whose changes no other one sees yet.
    bool inTransaction() const;
    QString errorString() const { return m_error; }

    QList<EntityType> entityTypes() const;
    /// The entity types and the quote and figure kinds, in the order the analyst gave them.
    AnnotationSchema schema() const;
    /// Replaces the whole schema in one commit. Annotations keep the type and kind they have.
    bool setSchema(const AnnotationSchema &schema);

    // Articles
    /// Stores a new article; a key already taken gets a suffix ("-2", ...). Sets id and key.
    bool addArticle(Article &article);
    /// The article with this text, if one was imported before.
    std::optional<RecordId> articleWithText(const QString &text) const;
    std::optional<Article> article(RecordId id) const;
    /// Up to limit whole articles with ids above afterId, in id order: an export's page. When
    /// the read fails: none, *ok false and errorString().
    QList<Article> articlesAfter(RecordId afterId, int limit, bool *ok = nullptr) const;
    /// The articles with these ids, in their order, each once; ids the project no longer holds
    /// are passed over. When the read fails: none, *ok false and errorString() (article() cannot
    /// tell a failed read from an article removed). For a batch: the ids go into one statement.
    QList<Article> articles(const QList<RecordId> &ids, bool *ok = nullptr) const;
    std::optional<RecordId> articleIdForKey(const QString &key) const;
    int articleCount() const;
    /// The highest article id, 0 in an empty project: what an import adds comes after it.
    RecordId lastArticleId() const;
    /// How many articles come after afterId in id order.
    int articleCountAfter(RecordId afterId) const;
    QHash<ArticleStatus, int> articleStatusCounts() const;
    /// The next articles in id order after afterId (0: from the first). Loops over the whole
    /// corpus page with this: each page starts at its key, where an OFFSET would read every
    /// article before it again and make the loop quadratic.
    QList<ArticleSummary> articleSummariesAfter(RecordId afterId, int limit) const;
    /// A page of the article list, sorted and filtered through the indexes of schema version 3.
    /// A filter that many articles pass is read off the sort column's index until the page is
    /// full; one that few pass (counted first, through the indexes) is read off the filter's
    /// index and its matches sorted. Either way the cost is about a page, not the corpus.
    QList<ArticleSummary> articleSummaries(
        int offset, int limit, const ArticleSort &sort, const ArticleFilter &filter) const override;
    QList<ArticleSummary> articlePageAfter(const ArticleSummary &last, int limit, const ArticleSort &sort,
        const ArticleFilter &filter) const override;
    int articleCount(const ArticleFilter &filter) const override;
    /// The plan SQLite picks for a page of the article list (EXPLAIN QUERY PLAN, one step a
    /// line), so that a test notices when a page stops coming off an index. Selective is the
    /// shape for a filter that few articles pass (see articleSummaries()); with last, the plan
    /// of the page after it.
    QStringList articleSummariesPlan(const ArticleSort &sort, const ArticleFilter &filter, bool selective,
        const std::optional<ArticleSummary> &last = std::nullopt) const;
    /// Whether the filter lets the article through.
    bool articleMatches(RecordId id, const ArticleFilter &filter) const;
    std::optional<ArticleSummary> articleSummary(RecordId id) const;
    /// The summaries of these articles, a few hundred to a statement; those gone are left out.
    /// Nothing when a statement failed.
    std::optional<QHash<RecordId, ArticleSummary>> articleSummaries(const QList<RecordId> &ids) const;
    bool setArticleStatus(RecordId id, ArticleStatus status);

    // Annotations of one article. An id of 0 gets a new id; a given id is kept, so that
    // undoing a removal brings back the same record.
    /// When the read fails: empty sets, *ok false and errorString().
    AnnotationSet annotations(RecordId articleId, bool *ok = nullptr) const;
    /// The annotations of a page of articlesAfter(), one set per article, read with one query
    /// per table rather than several per article.
    QList<AnnotationSet> annotations(const QList<Article> &articles, bool *ok = nullptr) const;
    /// Stores an imported article with its annotations in one savepoint: all or nothing. The
    /// entity ids of `annotations` are the file's own (any distinct numbers) and the quotes'
    /// speakers refer to them; every record gets its new id.
    bool addDocument(Article &article, AnnotationSet &annotations);
    //
    // Optimistic versioning: an update writes a record only at the version it was read at (and
    // gives it the next one); a removal given a version removes only that version. When someone
    // else changed the row meanwhile, the write is refused, conflicted() is true and errorString()
    // says who changed it and when.
    bool insertEntity(Entity &entity);
    bool updateEntity(Entity &entity); ///< name, type and provenance
    bool removeEntity(RecordId id, std::optional<int> version = std::nullopt);
    bool insertMention(Mention &mention);
    bool updateMention(Mention &mention);
    bool removeMention(RecordId id, std::optional<int> version = std::nullopt);
    bool insertQuote(Quote &quote);
    bool updateQuote(Quote &quote);
    bool removeQuote(RecordId id, std::optional<int> version = std::nullopt);
    bool insertFigure(Figure &figure);
    bool updateFigure(Figure &figure);
    bool removeFigure(RecordId id, std::optional<int> version = std::nullopt);
    /// Whether the last refused write was refused because another client changed the row first.
    bool conflicted() const { return m_conflicted; }

    /// Removes the articles' extractor suggestions (status auto) that nobody reviewed. An
    /// auto entity stays while the analyst's mentions or quotes still refer to it.
    bool removeSuggestions(const QList<RecordId> &articleIds);
    /// Annotations to remove by id, of any articles: SuggestionDiff's old suggestions.
    struct RemovedAnnotations {
        QList<RecordId> mentions;
        QList<RecordId> quotes;
        QList<RecordId> figures;
        QList<RecordId> entities;
    };
    /// Removes them with a statement per table, in the order removeSuggestions() does. Inside a
    /// BulkInsert for OldSuggestions, whose triggers do not count them, readBefore holds their
    /// articles' annotations as read in the same transaction: the counts are lowered from them.
    bool removeAnnotations(const RemovedAnnotations &removed, const QList<AnnotationSet> &readBefore = {});
    /// Sets a suggestion's confidence, rule and extra (none for a mention) in place: columns no
    /// trigger watches, where updateEntity() and the others would index the record anew.
    bool updateSuggestionDetails(QLatin1StringView table, RecordId id, const Provenance &provenance,
        std::optional<QString> extra = std::nullopt);

    /// The whole project's counts: a read of the few rows the triggers keep, cheap at any size.
    /// For a session that counts its own (countsOwnOnly()), what it may read of them.
    AnnotationCounts annotationCounts() const;
    /// Whether this session's counts (the article list's, annotationCounts()) are of only the
    /// annotations it may read, its own and the suggestions, rather than the totals: an annotator
    /// of a team project in blind mode. Never for a file, which has one user.
    bool countsOwnOnly() const;
    AnnotationCounts annotationCounts(RecordId articleId) const;

    /// Who is connected and how, for a project on a server; nothing for a file.
    std::optional<ServerConnection> serverConnection() const;
    /// The last article an unfinished extraction over the whole corpus wrote; nullopt when no
    /// run is unfinished. The run records it in the transaction that writes the article's
    /// suggestions, so a killed run resumes right after the last article it committed.
    std::optional<RecordId> extractionResumePoint() const;
    /// Records the resume point; nullopt marks the run finished.
    bool setExtractionResumePoint(std::optional<RecordId> lastArticleId);
    /// For a project file, a number that changes whenever another connection (another window,
    /// process or thread) commits a change to the project (SQLite's data_version; some of
    /// another connection's checkpoints change it too): what one connection read is current on
    /// another while it is the same. Inside a transaction, as of its first statement. nullopt on
    /// a server or on failure.
    std::optional<qint64> dataVersion() const;

    // The connection to a server, when it drops (models/storeconnection.cpp).
    /// Whether the server still answers on this store's connection: a round trip of the cheapest
    /// statement, for telling a lost connection from a refused statement. Always true for a file.
    bool isConnected() const;
    /// Opens the connection to the server again after it was lost, as a new server session.
    bool reconnect();
    /// Draws count ids from the server's sequence of table, for records made while the server is
    /// away: they are the records' ids for good, no other client gets them, nothing to map later.
    QList<RecordId> reserveIds(QLatin1StringView table, int count);
    /// Whether table holds a row with this id.
    bool hasRecord(QLatin1StringView table, RecordId id) const;

    QSqlDatabase database() const { return m_database; }
    /// The server process serving this store's connection, which change announcements name
    /// (SqlDialect::changeChannel()); 0 for a file.
    qint64 serverSession() const { return m_serverSession; }

private:
    /// How long a connection to a project file waits for another one's lock before it gives up.
    static constexpr int busyTimeoutMilliseconds = 5000;

    Store(const QString &path, Mode mode);
    bool removeInOneTransaction(const QStringList &statements);
    bool beginTransaction(); ///< the outermost Transaction's
    bool connectSqlite(StoreError *error);
    /// Plays back what a process killed inside a SoleWriterJournal left, which SQLite does only
    /// on a connection that may write.
    void rollBackInterruptedTransaction() const;
    bool connectPostgres(const QUrl &url, StoreError *error);
    /// Sets up a new server session on m_database: read-only mode, the session's process id.
    void startServerSession();
    bool migrateSchema(StoreError *error);
    const OffsetMap &offsets(RecordId articleId) const;
    /// wanted, trimmed, or with the first free "-2", "-3"... when another article has it.
    QString unusedKey(const QString &wanted) const;
    /// A statement prepared once and kept: imports insert millions of rows with a handful of
    /// statements, and preparing one costs more than running it.
    QSqlQuery &statement(const QString &sql) const;
    /// An article whose annotations are read, with its text's offsets.
    struct ArticleOffsets {
        RecordId id = 0;
        const OffsetMap *offsets = nullptr;
    };
    /// The articles a statement of articleColumns selects, its parameters bound to values. When
    /// the read fails: none, *ok false and errorString().
    QList<Article> readArticles(const QString &sql, std::initializer_list<qint64> values, bool *ok) const;
    /// The annotations of articles given in ascending id order, one set each.
    QList<AnnotationSet> readAnnotations(const QList<ArticleOffsets> &articles, bool *ok = nullptr) const;
    bool fail(const QString &message) const;
    bool checkWritable() const;
    bool checkRemovable() const; ///< and no BulkInsert for OldSuggestions open
    bool lowerCountsOfRemoved(const RemovedAnnotations &removed, const QList<AnnotationSet> &readBefore);
    bool removeRow(QLatin1StringView table, RecordId id, std::optional<int> version, const QString &failure);
    bool refuseConflict(
        QLatin1StringView table, RecordId id, const QString &what, bool removal = false) const;
    bool writeMention(Mention &mention, bool insert);
    bool writeQuoteParts(RecordId articleId, const Quote &quote);
    QSqlQuery prepareArticlePage(const QString &prefix, const ArticleSort &sort, const ArticleFilter &filter,
        bool selective, const std::optional<ArticleSummary> &last) const;
    bool isSelective(const ArticleSort &sort, const ArticleFilter &filter) const;
    QList<ArticleSummary> readArticlePage(QSqlQuery &query, int offset, int limit) const;

    QString m_path;
    Mode m_mode;
    QString m_connectionName;
    QSqlDatabase m_database;
    std::unique_ptr<QLockFile> m_lock;
    bool m_sharesLock = false; ///< a second connection: the first one holds the lock
    mutable QString m_error;
    mutable bool m_conflicted = false;
    qint64 m_serverSession = 0;
    int m_transactionDepth = 0;
    bool m_shareSavepoint = false; ///< an open Transaction stands for the inner ones
    bool m_bulkInsert = false; ///< a BulkInsert has set the triggers aside
    SearchIndexing m_searchIndexing = SearchIndexing::WithTheRows;
    bool m_bulkRemovals = false; ///< and the annotations' delete triggers (Removals::OldSuggestions)
    QSet<RecordId> m_removedFrom; ///< articles its removals took annotations from
    std::unique_ptr<SqliteBulkWriter> m_bulkWriter; ///< a BulkInsert's, in a project file
    mutable QHash<RecordId, std::shared_ptr<OffsetMap>> m_offsetCache;
    mutable std::map<QString, QSqlQuery> m_statements;
};

} // namespace Byline
