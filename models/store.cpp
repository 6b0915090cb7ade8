// SPDX-License-Identifier: GPL-3.0-or-later
#include "store.h"

#include "offsetmap.h"
#include "sqldialect.h"
#include "sqlitebulkwriter.h"
#include "sqliteconnection.h"
#include "storecolumns.h"
#include "texthash.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>
#include <QUrlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <tuple>
#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStore, "byline.store", QtInfoMsg)

namespace Byline {

int AnnotationCounts::count(Layer layer) const
{
    int total = 0;
    for (const auto &[key, value] : counts) {
        if (key.first == layer)
            total += value;
    }
    return total;
}

int AnnotationCounts::count(Layer layer, AnnotationStatus status) const
{
    const auto found = counts.find({ layer, status });
    return found == counts.end() ? 0 : found->second;
}

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::Store", text);
}

using StoreColumns::firstVersion;
using StoreColumns::now;
using StoreColumns::provenanceColumnCount;
using StoreColumns::provenanceColumns;
using StoreColumns::stamp;
using StoreColumns::timestamp;

// QSQLITE binds a null QString as NULL; the text columns are NOT NULL, so unset text is stored empty.
QString notNull(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

// StoreColumns' values as a QtSql statement's bound values.
class QueryRow final {
public:
    explicit QueryRow(QSqlQuery &query)
        : m_query(query)
    {
    }
    void integer(std::optional<qint64> value)
    {
        m_query.addBindValue(
            value ? QVariant(qlonglong(*value)) : QVariant(QMetaType::fromType<qlonglong>()));
    }
    void real(std::optional<double> value)
    {
        m_query.addBindValue(value ? QVariant(*value) : QVariant(QMetaType::fromType<double>()));
    }
    void text(const QString &value) { m_query.addBindValue(notNull(value)); }
    void nullableText(const QString &value)
    {
        m_query.addBindValue(value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value));
    }

private:
    QSqlQuery &m_query;
};

// Inserts end in RETURNING id, which both backends know (QPSQL has no lastInsertId() for tables
// without OIDs). The statement is finished here: SQLite commits nothing while it is still open.
RecordId returnedId(QSqlQuery &query)
{
    const RecordId id = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return id;
}

QString insertReturningId(const StoreColumns::Insert &insert)
{
    return StoreColumns::insertStatement(insert, "INSERT"_L1, " RETURNING id"_L1);
}

void bindProvenance(QSqlQuery &query, const Provenance &provenance)
{
    QueryRow row(query);
    StoreColumns::appendProvenance(row, provenance);
}

// Records written together share their times (an import's thousands of rows have a few distinct
// ones), and parsing a time costs more than reading its row: the last one parsed is kept.
QDateTime readTimestamp(const QString &text)
{
    thread_local QString lastText;
    thread_local QDateTime lastTime;
    if (text != lastText) {
        lastTime = QDateTime::fromString(text, Qt::ISODateWithMs);
        lastText = text;
    }
    return lastTime;
}

// Reads the provenance columns from first on, of a QueryRows or SqliteRows row.
template<typename Row> Provenance readProvenance(const Row &row, int first)
{
    Provenance provenance;
    provenance.status = annotationStatusFromString(row.text(first)).value_or(AnnotationStatus::Manual);
    provenance.annotator = row.text(first + 1);
    provenance.created = readTimestamp(row.text(first + 2));
    provenance.modified = readTimestamp(row.text(first + 3));
    if (!row.isNull(first + 4))
        provenance.confidence = row.real(first + 4);
    provenance.rule = row.text(first + 5);
    if (!row.isNull(first + 6))
        provenance.previous = QJsonDocument::fromJson(row.text(first + 6).toUtf8()).object();
    return provenance;
}

} // namespace

Store::Transaction::Transaction(Store &store, Inner inner)
    : m_store(store)
    , m_outermost(store.m_transactionDepth == 0)
    , m_shared(!m_outermost && store.m_shareSavepoint)
    , m_sharingBefore(store.m_shareSavepoint)
{
    if (m_shared) {
        m_open = true;
        return;
    }
    QSqlQuery savepoint(store.m_database);
    m_open = m_outermost ? store.beginTransaction()
                         : savepoint.exec(u"SAVEPOINT nested%1"_s.arg(store.m_transactionDepth));
    if (!m_open)
        return;
    ++store.m_transactionDepth;
    store.m_shareSavepoint = inner == Inner::ShareThis;
}

Store::Transaction::~Transaction()
{
    if (!m_open || m_shared)
        return;
    m_store.m_shareSavepoint = m_sharingBefore;
    const int depth = --m_store.m_transactionDepth;
    if (m_outermost) {
        m_store.m_database.rollback();
        return;
    }
    QSqlQuery rollback(m_store.m_database);
    rollback.exec(u"ROLLBACK TO nested%1"_s.arg(depth));
    rollback.exec(u"RELEASE nested%1"_s.arg(depth));
    // It may have taken rows back that a bulk insert's writer counted.
    if (m_store.m_bulkWriter)
        m_store.m_bulkWriter->noteRollback();
}

// A writer's transaction in a file takes the file for writing at once. One that read first could
// not write at all once another connection of the process (the search indexer, an extraction's
// writer) had written meanwhile: SQLite refuses it without waiting. Taken first, the write lock
// is waited for through the busy handler instead.
bool Store::beginTransaction()
{
    if (m_mode == Mode::ReadOnly || !SqlDialect::of(m_database).isSqlite())
        return m_database.transaction();
    return QSqlQuery(m_database).exec(u"BEGIN IMMEDIATE"_s);
}

bool Store::Transaction::commit()
{
    if (!m_open)
        return false;
    m_open = false;
    if (m_shared)
        return true;
    m_store.m_shareSavepoint = m_sharingBefore;
    const int depth = --m_store.m_transactionDepth;
    if (m_outermost) {
        if (m_store.m_database.commit())
            return true;
        // SQLite keeps a transaction whose COMMIT failed (a lock it could not get, a full disk)
        // open; the caller has failed, and the connection must not stay inside it. Through a
        // query, so that the database's last error stays the commit's.
        QSqlQuery(m_store.m_database).exec(u"ROLLBACK"_s);
        return false;
    }
    QSqlQuery release(m_store.m_database);
    return release.exec(u"RELEASE nested%1"_s.arg(depth));
}

Store::Store(const QString &path, Mode mode)
    : m_path(path)
    , m_mode(mode)
{
    static std::atomic<int> connectionCount = 0;
    m_connectionName = u"byline-store-%1"_s.arg(++connectionCount);
}

Store::~Store()
{
    m_offsetCache.clear();
    m_statements.clear();
    if (m_database.isOpen())
        m_database.close();
    m_database = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool Store::isServerLocation(const QString &location)
{
    return location.startsWith(u"postgresql://"_s) || location.startsWith(u"postgres://"_s);
}

std::unique_ptr<Store> Store::open(const QString &path, Mode mode, StoreError *error)
{
    // A server project is named by its URL without the password, which stays in memory only.
    const QString location = isServerLocation(path) ? QUrl(path).toString(QUrl::RemovePassword)
                                                    : QFileInfo(path).absoluteFilePath();
    std::unique_ptr<Store> store(new Store(location, mode));
    StoreError ignored;
    error = error ? error : &ignored;
    const bool connected
        = isServerLocation(path) ? store->connectPostgres(QUrl(path), error) : store->connectSqlite(error);
    if (!connected || !store->migrateSchema(error))
        return nullptr;
    return store;
}

namespace {

constexpr int newProjectPageSize = 16 * 1024;

bool failWith(StoreError *error, StoreError::Code code, const QString &message)
{
    error->code = code;
    error->message = message;
    return false;
}

} // namespace

// libpq takes the connection's settings (sslmode, sslrootcert, connect_timeout...) from the URL's
// query; without a password in the URL it looks in ~/.pgpass itself. Several clients share the
// database, so there is no lock: the server keeps their transactions apart.
bool Store::connectPostgres(const QUrl &url, StoreError *error)
{
    const QString name = url.toString(QUrl::RemovePassword);
    if (!url.isValid() || url.path().size() < 2)
        return failWith(error, StoreError::Code::CannotOpen,
            tr("%1 names no database: use postgresql://user@host:port/database.").arg(name));
    m_database = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connectionName);
    if (!m_database.isValid())
        return failWith(error, StoreError::Code::CannotOpen,
            tr("Cannot open %1: the PostgreSQL driver of Qt (QPSQL) is not installed.").arg(name));
    m_database.setHostName(url.host());
    if (url.port() > 0)
        m_database.setPort(url.port());
    m_database.setUserName(url.userName());
    m_database.setPassword(url.password());
    m_database.setDatabaseName(url.path().mid(1));
    QStringList options;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        options << key + u"="_s + value;
    m_database.setConnectOptions(options.join(u";"_s));
    if (!m_database.open())
        return failWith(error, StoreError::Code::CannotOpen,
            tr("Cannot connect to %1: %2").arg(name, m_database.lastError().text()));
    startServerSession();
    return true;
}

void Store::startServerSession()
{
    // A reader's session refuses writes on the server too, not only in the store's checks.
    if (m_mode == Mode::ReadOnly)
        QSqlQuery(m_database).exec(u"SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"_s);
    QSqlQuery session(m_database);
    if (session.exec(u"SELECT pg_backend_pid()"_s) && session.next())
        m_serverSession = session.value(0).toLongLong();
}

std::optional<ServerConnection> Store::serverConnection() const
{
    if (SqlDialect::of(m_database).isSqlite())
        return std::nullopt;
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT current_user, coalesce(s.ssl, false), coalesce(s.version, '')"
                    " FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()"_s)
        || !query.next())
        return std::nullopt;
    return ServerConnection { query.value(0).toString(), query.value(1).toBool(), query.value(2).toString() };
}

bool Store::inTransaction() const
{
    if (m_transactionDepth > 0)
        return true;
    sqlite3 *connection = sqliteConnection(m_database);
    return connection && !sqlite3_get_autocommit(connection);
}

std::unique_ptr<Store> Store::openConnection(Mode mode, StoreError *error) const
{
    StoreError ignored;
    StoreError *reported = error ? error : &ignored;
    if (mode == Mode::ReadWrite && isReadOnly()) {
        reported->code = StoreError::Code::CannotOpen;
        reported->message = tr("%1 is open read-only.")
                                .arg(isServerLocation(m_path) ? m_path : QFileInfo(m_path).fileName());
        return nullptr;
    }
    std::unique_ptr<Store> store(new Store(m_path, mode));
    store->m_sharesLock = true;
    bool connected = false;
    if (isServerLocation(m_path)) {
        // m_path leaves the password out; the new connection needs the one this one was opened with.
        QUrl url(m_path);
        url.setPassword(m_database.password());
        connected = store->connectPostgres(url, reported);
    } else {
        connected = store->connectSqlite(reported);
    }
    if (!connected || !store->migrateSchema(reported))
        return nullptr;
    return store;
}

bool Store::connectSqlite(StoreError *error)
{
    const auto failWith = [&](StoreError::Code code, const QString &message) {
        return Byline::failWith(error, code, message);
    };
    const QFileInfo file(m_path);
    if (m_mode == Mode::ReadOnly && !file.exists())
        return failWith(StoreError::Code::CannotOpen, tr("%1 does not exist.").arg(m_path));
    if (file.isDir())
        return failWith(StoreError::Code::CannotOpen, tr("%1 is a folder, not a project file.").arg(m_path));

    if (m_mode == Mode::ReadWrite && !m_sharesLock) {
        m_lock = std::make_unique<QLockFile>(m_path + u".lock"_s);
        m_lock->setStaleLockTime(0); // a lock is stale only when its process is gone
        if (!m_lock->tryLock(100)) {
            qint64 pid = 0;
            QString host, application;
            if (m_lock->error() == QLockFile::LockFailedError
                && m_lock->getLockInfo(&pid, &host, &application)) {
                return failWith(StoreError::Code::LockedByAnotherProcess,
                    tr("%1 is open in another Byline (process %2 on %3). Close it there, or open the project "
                       "read-only.")
                        .arg(file.fileName())
                        .arg(pid)
                        .arg(host));
            }
            return failWith(StoreError::Code::CannotOpen,
                tr("Cannot lock %1: the folder is not writable.").arg(file.fileName()));
        }
    }

    m_database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_database.setDatabaseName(m_path);
    m_database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1%2"_s.arg(busyTimeoutMilliseconds)
            .arg(m_mode == Mode::ReadOnly ? u";QSQLITE_OPEN_READONLY"_s : QString()));
    if (!m_database.open())
        return failWith(StoreError::Code::CannotOpen,
            tr("Cannot open %1: %2").arg(file.fileName(), m_database.lastError().text()));

    QSqlQuery pragma(m_database);
    // A file that is not SQLite fails on its first read, here. A read-only connection refuses a
    // file whose writer was killed inside a SoleWriterJournal until a writer played its journal
    // back.
    bool read = pragma.exec(u"PRAGMA schema_version"_s);
    if (!read && sqlite3_extended_errcode(sqliteConnection(m_database)) == SQLITE_READONLY_ROLLBACK) {
        rollBackInterruptedTransaction();
        read = pragma.exec(u"PRAGMA schema_version"_s);
    }
    if (!read) {
        const int code = sqlite3_extended_errcode(sqliteConnection(m_database));
        if ((code & 0xff) == SQLITE_BUSY)
            return failWith(StoreError::Code::Busy,
                tr("%1 is busy: another program has it to itself (a large import). Open it when that is "
                   "done.")
                    .arg(file.fileName()));
        if (code == SQLITE_READONLY_ROLLBACK)
            return failWith(StoreError::Code::CannotOpen,
                tr("%1 was left in the middle of a change by a program that stopped; open it once where "
                   "it can be written to, to complete its recovery.")
                    .arg(file.fileName()));
        return failWith(
            StoreError::Code::NotAProject, tr("%1 is not a Byline project.").arg(file.fileName()));
    }
    const bool isNew = pragma.next() && pragma.value(0).toInt() == 0;
    pragma.exec(u"PRAGMA foreign_keys = ON"_s);
    // A new project's pages are 16 kB rather than SQLite's 4 kB: an article's text is a few
    // kilobytes, one page or two instead of a chain of them, and a page holds four times the index
    // entries. An import of 10,000 articles ran 15 % faster (bench_scale, back to back). The size
    // is fixed once the first table is written, so older projects keep theirs.
    if (isNew && m_mode == Mode::ReadWrite)
        pragma.exec(u"PRAGMA page_size = %1"_s.arg(newProjectPageSize));
    if (m_mode == Mode::ReadWrite) {
        // WAL with synchronous commits: a committed edit survives a killed process and a power cut.
        if (!pragma.exec(u"PRAGMA journal_mode = WAL"_s))
            return failWith(StoreError::Code::CannotOpen,
                tr("Cannot open %1 for writing: %2").arg(file.fileName(), pragma.lastError().text()));
        pragma.exec(u"PRAGMA synchronous = FULL"_s);
    }
    return true;
}

void Store::rollBackInterruptedTransaction() const
{
    // Opening the file for writing and reading its schema is enough: SQLite plays back a journal
    // whose writer is gone before anything else. It takes no project lock: it changes nothing
    // that was committed.
    const QString connection = m_connectionName + u"-recovery"_s;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        database.setDatabaseName(m_path);
        database.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(busyTimeoutMilliseconds));
        if (database.open() && !QSqlQuery(database).exec(u"PRAGMA schema_version"_s))
            qCWarning(lcStore) << "cannot recover" << m_path << database.lastError().text();
    }
    QSqlDatabase::removeDatabase(connection);
}

bool Store::migrateSchema(StoreError *error)
{
    const auto failWith = [&](StoreError::Code code, const QString &message) {
        return Byline::failWith(error, code, message);
    };
    const QString name = isServerLocation(m_path) ? m_path : QFileInfo(m_path).fileName();
    SchemaMigrator migrator(m_database);
    const int version = migrator.storedVersion();
    if (version < 0)
        return failWith(StoreError::Code::NotAProject, tr("%1 is not a Byline project.").arg(name));
    if (version > SchemaMigrator::currentVersion)
        return failWith(StoreError::Code::NewerVersion,
            tr("%1 was saved by a newer Byline (schema %2); this version reads up to schema %3.")
                .arg(name)
                .arg(version)
                .arg(SchemaMigrator::currentVersion));
    if (version < SchemaMigrator::currentVersion) {
        if (m_mode == Mode::ReadOnly)
            return failWith(StoreError::Code::CannotOpen,
                tr("%1 needs an upgrade to this version of Byline; open it for writing once.").arg(name));
        if (version > 0)
            qCInfo(lcStore) << "upgrading" << m_path << "from schema" << version;
        if (!migrator.migrate())
            return failWith(
                StoreError::Code::Sql, tr("Cannot upgrade %1: %2").arg(name, migrator.errorString()));
    }
    return true;
}

bool Store::fail(const QString &message) const
{
    m_error = message;
    m_conflicted = false;
    qCWarning(lcStore) << message;
    return false;
}

QSqlQuery &Store::statement(const QString &sqlIn) const
{
    QString sql = sqlIn;
    if (m_bulkInsert && sql.startsWith(u"INSERT INTO "_s))
        sql.replace(0, 12, u"INSERT OR FAIL INTO "_s);
    auto [found, added] = m_statements.try_emplace(sql, m_database);
    if (added)
        found->second.prepare(sql);
    return found->second;
}

const OffsetMap &Store::offsets(RecordId articleId) const
{
    if (auto found = m_offsetCache.constFind(articleId); found != m_offsetCache.cend())
        return **found;
    // Articles are read one or a few at a time; a small cache is enough and stays small.
    if (m_offsetCache.size() > 16)
        m_offsetCache.clear();
    QSqlQuery query(m_database);
    query.prepare(u"SELECT text FROM articles WHERE id = ?"_s);
    query.addBindValue(articleId);
    if (!query.exec() || !query.next()) {
        // No such article (yet): an empty map refuses every span, but is not cached, so the
        // article that gets this id later is read when it is there.
        static const OffsetMap none { QStringView() };
        return none;
    }
    auto map = std::make_shared<OffsetMap>(query.value(0).toString());
    m_offsetCache.insert(articleId, map);
    return *map;
}

QList<EntityType> Store::entityTypes() const
{
    QList<EntityType> types;
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT name, colour, shortcut, description FROM entity_types ORDER BY position"_s))
        return types;
    while (query.next()) {
        types.append({ query.value(0).toString(), QColor::fromString(query.value(1).toString()),
            query.value(2).toString(), query.value(3).toString() });
    }
    return types;
}

AnnotationSchema Store::schema() const
{
    AnnotationSchema schema { entityTypes(), {}, {} };
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT layer, name FROM annotation_kinds ORDER BY layer, position"_s))
        return schema;
    while (query.next()) {
        QStringList &kinds = query.value(0).toString() == u"quote"_s ? schema.quoteKinds : schema.figureKinds;
        kinds << query.value(1).toString();
    }
    return schema;
}

bool Store::setSchema(const AnnotationSchema &schema)
{
    if (!checkWritable())
        return false;
    if (const QString problem = schema.problem(); !problem.isEmpty())
        return fail(problem);
    Transaction transaction(*this);
    QSqlQuery query(m_database);
    if (!query.exec(u"DELETE FROM entity_types"_s) || !query.exec(u"DELETE FROM annotation_kinds"_s))
        return fail(query.lastError().text());
    query.prepare(u"INSERT INTO entity_types (name, colour, shortcut, description, position)"
                  " VALUES (?, ?, ?, ?, ?)"_s);
    for (int position = 0; position < schema.entityTypes.size(); ++position) {
        const EntityType &type = schema.entityTypes[position];
        query.addBindValue(type.name);
        query.addBindValue(type.colour.name());
        query.addBindValue(notNull(type.shortcut));
        query.addBindValue(notNull(type.description));
        query.addBindValue(position);
        if (!query.exec())
            return fail(query.lastError().text());
    }
    query.prepare(u"INSERT INTO annotation_kinds (layer, name, position) VALUES (?, ?, ?)"_s);
    const std::pair<QString, const QStringList *> layers[]
        = { { u"quote"_s, &schema.quoteKinds }, { u"figure"_s, &schema.figureKinds } };
    for (const auto &[layer, kinds] : layers) {
        for (int position = 0; position < kinds->size(); ++position) {
            query.addBindValue(layer);
            query.addBindValue(kinds->at(position));
            query.addBindValue(position);
            if (!query.exec())
                return fail(query.lastError().text());
        }
    }
    return transaction.commit() || fail(m_database.lastError().text());
}

QString Store::unusedKey(const QString &wanted) const
{
    const QString base = wanted.trimmed().isEmpty() ? u"article"_s : wanted.trimmed();
    QString key = base;
    for (int suffix = 2; articleIdForKey(key); ++suffix)
        key = base + u"-"_s + QString::number(suffix);
    return key;
}

bool Store::addArticle(Article &article)
{
    if (!checkWritable())
        return false;
    const QString key = unusedKey(article.key);
    if (!article.imported.isValid())
        article.imported = now();

    Transaction transaction(*this);
    static const QString sql = insertReturningId(StoreColumns::articleInsert);
    QSqlQuery &query = statement(sql);
    QueryRow row(query);
    StoreColumns::appendArticle(row, article, key);
    if (!transaction.isOpen() || !query.exec())
        return fail(tr("Cannot store article %1: %2").arg(key, query.lastError().text()));
    const RecordId id = returnedId(query);
    if (!transaction.commit())
        return fail(tr("Cannot store article %1: %2").arg(key, m_database.lastError().text()));
    article.id = id;
    article.key = key;
    return true;
}

std::optional<RecordId> Store::articleWithText(const QString &text) const
{
    QSqlQuery &query = statement(u"SELECT id, text FROM articles WHERE text_hash = ?"_s);
    query.addBindValue(textHash(text));
    if (!query.exec())
        return std::nullopt;
    std::optional<RecordId> found;
    while (!found && query.next()) {
        if (query.value(1).toString() == text)
            found = query.value(0).toLongLong();
    }
    query.finish();
    return found;
}

namespace {

constexpr auto articleColumns = "id, key, title, source, published, imported_at, status, text, extra"_L1;

/// The rows of a statement with whole numbers bound, on QtSql: for a server.
class QueryRows final {
public:
    QueryRows(const QSqlDatabase &database, const QString &sql, std::initializer_list<qint64> values)
        : m_query(database)
    {
        m_query.setForwardOnly(true);
        m_query.prepare(sql);
        for (const qint64 value : values)
            m_query.addBindValue(value);
        m_query.exec();
    }
    bool next() { return m_query.next(); }
    /// Why the statement failed, once next() returned false; empty when the rows simply ended.
    QString error() const { return m_query.lastError().isValid() ? m_query.lastError().text() : QString(); }
    bool isNull(int column) const { return m_query.isNull(column); }
    qint64 integer(int column) const { return m_query.value(column).toLongLong(); }
    double real(int column) const { return m_query.value(column).toDouble(); }
    QString text(int column) const { return m_query.value(column).toString(); }

private:
    QSqlQuery m_query;
};

/// The rows of a statement with whole numbers bound, on SQLite's own interface on the connection
/// QtSql opened: QtSql makes a QVariant of every column of every row, which was most of an
/// export's time.
class SqliteRows final {
public:
    SqliteRows(sqlite3 *database, const QString &sql, std::initializer_list<qint64> values)
        : m_database(database)
    {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v2(database, utf8.constData(), int(utf8.size()), &m_statement, nullptr)
            != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(database));
            return;
        }
        int position = 0;
        for (const qint64 value : values)
            sqlite3_bind_int64(m_statement, ++position, value);
    }
    ~SqliteRows() { sqlite3_finalize(m_statement); }
    SqliteRows(const SqliteRows &) = delete;
    SqliteRows &operator=(const SqliteRows &) = delete;
    bool next()
    {
        if (!m_statement)
            return false;
        const int result = sqlite3_step(m_statement);
        if (result != SQLITE_ROW && result != SQLITE_DONE)
            m_error = QString::fromUtf8(sqlite3_errmsg(m_database));
        return result == SQLITE_ROW;
    }
    /// Why the statement failed, once next() returned false; empty when the rows simply ended.
    QString error() const { return m_error; }
    bool isNull(int column) const { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
    qint64 integer(int column) const { return sqlite3_column_int64(m_statement, column); }
    double real(int column) const { return sqlite3_column_double(m_statement, column); }
    QString text(int column) const
    {
        // NULL reads as a null QString, as through QtSql.
        const auto *utf8 = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QString::fromUtf8(utf8, sqlite3_column_bytes(m_statement, column));
    }

private:
    sqlite3 *m_database;
    sqlite3_stmt *m_statement = nullptr;
    QString m_error;
};

template<typename Row> Article readArticle(const Row &row)
{
    Article article;
    article.id = row.integer(0);
    article.key = row.text(1);
    article.title = row.text(2);
    article.source = row.text(3);
    article.published = row.text(4);
    article.imported = readTimestamp(row.text(5));
    article.status = articleStatusFromString(row.text(6)).value_or(ArticleStatus::Todo);
    article.text = row.text(7);
    article.extra = row.text(8);
    return article;
}

template<typename Rows> QList<Article> articlesOf(Rows &&rows, QString *error)
{
    QList<Article> articles;
    while (rows.next())
        articles.append(readArticle(rows));
    *error = rows.error();
    return articles;
}

} // namespace

std::optional<Article> Store::article(RecordId id) const
{
    QueryRows row(m_database, u"SELECT "_s + articleColumns + u" FROM articles WHERE id = ?"_s, { id });
    if (!row.next())
        return std::nullopt;
    return readArticle(row);
}

QList<Article> Store::articlesAfter(RecordId afterId, int limit, bool *ok) const
{
    return readArticles(u"SELECT "_s + articleColumns + u" FROM articles WHERE id > ? ORDER BY id LIMIT ?"_s,
        { afterId, limit }, ok);
}

QList<Article> Store::articles(const QList<RecordId> &ids, bool *ok) const
{
    if (ids.isEmpty()) {
        if (ok)
            *ok = true;
        return {};
    }
    // Ids are the store's own integers, so they go into the statement as text.
    QStringList numbers;
    numbers.reserve(ids.size());
    for (const RecordId id : ids)
        numbers << QString::number(id);
    bool read = false;
    QList<Article> found = readArticles(
        u"SELECT "_s + articleColumns + u" FROM articles WHERE id IN ("_s + numbers.join(u", "_s) + u")"_s,
        {}, &read);
    if (ok)
        *ok = read;
    if (!read)
        return {};
    QHash<RecordId, qsizetype> position;
    for (qsizetype i = 0; i < found.size(); ++i)
        position.insert(found[i].id, i);
    QList<Article> inOrder;
    inOrder.reserve(found.size());
    for (const RecordId id : ids) {
        if (const auto at = position.constFind(id); at != position.cend()) {
            inOrder.append(std::move(found[*at]));
            position.erase(at); // each once
        }
    }
    return inOrder;
}

QList<Article> Store::readArticles(const QString &sql, std::initializer_list<qint64> values, bool *ok) const
{
    QString error;
    sqlite3 *handle = sqliteConnection(m_database);
    QList<Article> articles = handle ? articlesOf(SqliteRows(handle, sql, values), &error)
                                     : articlesOf(QueryRows(m_database, sql, values), &error);
    if (!error.isEmpty())
        fail(tr("Cannot read the articles: %1").arg(error));
    if (ok)
        *ok = error.isEmpty();
    return error.isEmpty() ? articles : QList<Article>();
}

std::optional<RecordId> Store::articleIdForKey(const QString &key) const
{
    QSqlQuery &query = statement(u"SELECT id FROM articles WHERE key = ?"_s);
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return std::nullopt;
    const RecordId id = query.value(0).toLongLong();
    query.finish();
    return id;
}

int Store::articleCount() const
{
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT COUNT(*) FROM articles"_s) || !query.next())
        return 0;
    return query.value(0).toInt();
}

RecordId Store::lastArticleId() const
{
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT coalesce(max(id), 0) FROM articles"_s) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

int Store::articleCountAfter(RecordId afterId) const
{
    QSqlQuery query(m_database);
    query.prepare(u"SELECT COUNT(*) FROM articles WHERE id > ?"_s);
    query.addBindValue(afterId);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toInt();
}

QHash<ArticleStatus, int> Store::articleStatusCounts() const
{
    QHash<ArticleStatus, int> counts;
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT status, COUNT(*) FROM articles GROUP BY status"_s))
        return counts;
    while (query.next()) {
        if (const auto status = articleStatusFromString(query.value(0).toString()))
            counts[*status] += query.value(1).toInt();
    }
    return counts;
}

namespace {

// Where the article list's counts come from. For a session that reads every annotation they are
// kept on the article row by triggers (schema version 4), so that a sort by them walks an index.
// A session that reads only some (an annotator in blind mode) must not learn how many others
// made: its counts are its annotator's and the suggestions' rows of article_counts_by_annotator
// (schema version 11), one read of their key per listed row (SqlDialect::ownCountsJoin()). A sort
// by them sorts the filtered articles, as no index holds the sum.
class ArticleCounts {
public:
    ArticleCounts(const SqlDialect &dialect, bool ownOnly)
        : m_dialect(dialect)
        , m_ownOnly(ownOnly)
    {
    }

    // The articles as "a", joined to the session's counts where it needs them.
    QString from(bool withCounts = true) const
    {
        return m_ownOnly && withCounts ? u"articles a"_s + m_dialect.ownCountsJoin() : u"articles a"_s;
    }

    // entity_count, quote_count or figure_count as the session may see it.
    QString column(const QString &name) const
    {
        return m_ownOnly ? u"coalesce(own.%1, 0)"_s.arg(name) : u"a."_s + name;
    }

    // The columns readSummary() reads. Whether the curated layer has begun is one probe of the
    // per-annotator counts' key per listed row; whether a curator finished it, one of
    // curation_state's key (schema version 10).
    QString summaryColumns() const
    {
        return u"a.id, a.key, a.title, a.source, a.published, a.status, "_s + column(u"entity_count"_s)
            + u", "_s + column(u"quote_count"_s) + u", "_s + column(u"figure_count"_s) + u", "_s
            + m_dialect.curationBegun()
            + u", EXISTS (SELECT 1 FROM curation_state s WHERE s.article_id = a.id)"_s;
    }

    QString sortColumnName(ArticleSortColumn sortColumn) const
    {
        switch (sortColumn) {
        case ArticleSortColumn::Id:
            break;
        case ArticleSortColumn::Title:
            return u"a.title"_s;
        case ArticleSortColumn::Status:
            return u"a.status"_s;
        case ArticleSortColumn::Source:
            return u"a.source"_s;
        case ArticleSortColumn::Published:
            return u"a.published"_s;
        case ArticleSortColumn::Key:
            return u"a.key"_s;
        case ArticleSortColumn::Entities:
            return column(u"entity_count"_s);
        case ArticleSortColumn::Quotes:
            return column(u"quote_count"_s);
        case ArticleSortColumn::Figures:
            return column(u"figure_count"_s);
        }
        return u"a.id"_s;
    }

private:
    const SqlDialect &m_dialect;
    bool m_ownOnly;
};

ArticleCounts countsFor(const Store &store)
{
    return { SqlDialect::of(store.database()), store.countsOwnOnly() };
}

bool countsFiltered(const ArticleFilter &filter)
{
    return filter.minEntities > 0 || filter.minQuotes > 0 || filter.minFigures > 0;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return u"%"_s + escaped + u"%"_s;
}

// The WHERE clause of a filter and its values, in one of two shapes.
//
// Broad (many articles match): the page is read in sort order off the sort column's index and
// LIMIT stops the walk early. Conditions on other columns get a unary plus, which keeps SQLite
// from using their index (and then sorting every match in a temporary b-tree); the text filter
// is a LIKE checked on the way. The status needs no plus: every sort column has an index behind
// the status.
//
// Selective (few match, at most selectiveLimit): the filter's own index finds the matches (the
// trigram index for the text) and the few of them are sorted; walking the sort index would read
// most of the corpus to fill a page.
struct FilterClause {
    QString sql;
    QVariantList values;
};

constexpr int selectiveLimit = 2000;
constexpr int trigramLength = 3; // shorter text cannot use the trigram index

QString ftsPhrase(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'"', u"\"\""_s);
    return u"\""_s + escaped + u"\""_s;
}

// Whether the sort column's index alone finds the filter's articles in order: the status is in
// every sort index, a range on the sort column is a range of its index.
bool sortIndexServes(const ArticleFilter &filter, ArticleSortColumn column)
{
    return filter.text.isEmpty()
        && ((filter.publishedFrom.isEmpty() && filter.publishedTo.isEmpty())
            || column == ArticleSortColumn::Published)
        && (filter.minEntities <= 0 || column == ArticleSortColumn::Entities)
        && (filter.minQuotes <= 0 || column == ArticleSortColumn::Quotes)
        && (filter.minFigures <= 0 || column == ArticleSortColumn::Figures)
        && (filter.queueOf.isEmpty() || column == ArticleSortColumn::Id);
}

FilterClause filterClause(const SqlDialect &dialect, const ArticleCounts &counts, const ArticleFilter &filter,
    std::optional<ArticleSortColumn> sortColumn)
{
    FilterClause clause;
    QStringList conditions;
    const auto column = [&](ArticleSortColumn which, const QString &name) {
        return !sortColumn || *sortColumn == which ? name : dialect.withoutIndex(name);
    };
    if (filter.status) {
        conditions << u"a.status = ?"_s;
        clause.values << toString(*filter.status);
    }
    if (!sortColumn && filter.text.size() >= trigramLength && dialect.hasArticleFilterTable()) {
        conditions << u"a.id IN (SELECT rowid FROM article_filter WHERE article_filter MATCH ?)"_s;
        clause.values << ftsPhrase(filter.text);
    } else if (!filter.text.isEmpty()) {
        conditions << u"(a.title %1 ? ESCAPE '\\' OR a.source %1 ? ESCAPE '\\' OR a.key %1 ? ESCAPE '\\')"_s
                          .arg(dialect.like());
        const QString pattern = likePattern(filter.text);
        clause.values << pattern << pattern << pattern;
    }
    if (!filter.publishedFrom.isEmpty()) {
        conditions << column(ArticleSortColumn::Published, u"a.published"_s) + u" >= ?"_s;
        clause.values << filter.publishedFrom;
    }
    if (!filter.publishedTo.isEmpty()) {
        // "~" sorts after the digits and "T", so the whole last day is in, times included.
        conditions << column(ArticleSortColumn::Published, u"a.published"_s) + u" <= ?"_s;
        clause.values << QString(filter.publishedTo + u"~"_s);
    }
    const std::tuple<int, ArticleSortColumn, QString> minimums[] = {
        { filter.minEntities, ArticleSortColumn::Entities, counts.column(u"entity_count"_s) },
        { filter.minQuotes, ArticleSortColumn::Quotes, counts.column(u"quote_count"_s) },
        { filter.minFigures, ArticleSortColumn::Figures, counts.column(u"figure_count"_s) },
    };
    for (const auto &[minimum, which, name] : minimums) {
        if (minimum > 0) {
            conditions << column(which, name) + u" >= ?"_s;
            clause.values << minimum;
        }
    }
    if (!filter.queueOf.isEmpty()) {
        // The assignments' primary key (annotator, article_id) holds the queue in article id order:
        // in id order and in the selective shape the page is read off it; walking another sort
        // index, each row is one probe of it, where a list of the whole queue would be built first.
        conditions << (sortColumn && *sortColumn != ArticleSortColumn::Id
                ? u"EXISTS (SELECT 1 FROM assignments q WHERE q.annotator = ? AND q.article_id = a.id)"_s
                : u"a.id IN (SELECT q.article_id FROM assignments q WHERE q.annotator = ?)"_s);
        clause.values << filter.queueOf;
    }
    if (!conditions.isEmpty())
        clause.sql = u" WHERE "_s + conditions.join(u" AND "_s);
    return clause;
}

// The value of the sort column in a row, for the keyset of the page after it.
QVariant sortValue(const ArticleSummary &summary, ArticleSortColumn column)
{
    switch (column) {
    case ArticleSortColumn::Id:
        return summary.id;
    case ArticleSortColumn::Title:
        return summary.title;
    case ArticleSortColumn::Status:
        return toString(summary.status);
    case ArticleSortColumn::Source:
        return summary.source;
    case ArticleSortColumn::Published:
        return summary.published;
    case ArticleSortColumn::Key:
        return summary.key;
    case ArticleSortColumn::Entities:
        return summary.entityCount;
    case ArticleSortColumn::Quotes:
        return summary.quoteCount;
    case ArticleSortColumn::Figures:
        return summary.figureCount;
    }
    return summary.id;
}

ArticleSummary readSummary(const QSqlQuery &query)
{
    ArticleSummary summary;
    summary.id = query.value(0).toLongLong();
    summary.key = query.value(1).toString();
    summary.title = query.value(2).toString();
    summary.source = query.value(3).toString();
    summary.published = query.value(4).toString();
    summary.status = articleStatusFromString(query.value(5).toString()).value_or(ArticleStatus::Todo);
    summary.entityCount = query.value(6).toInt();
    summary.quoteCount = query.value(7).toInt();
    summary.figureCount = query.value(8).toInt();
    summary.curated = query.value(9).toBool();
    summary.curationDone = query.value(10).toBool();
    return summary;
}

} // namespace

QList<ArticleSummary> Store::articleSummariesAfter(RecordId afterId, int limit) const
{
    QList<ArticleSummary> summaries;
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    const ArticleCounts counts = countsFor(*this);
    query.prepare(u"SELECT "_s + counts.summaryColumns() + u" FROM "_s + counts.from()
        + u" WHERE a.id > ? ORDER BY a.id LIMIT ?"_s);
    query.addBindValue(afterId);
    query.addBindValue(limit);
    if (!query.exec()) {
        fail(query.lastError().text());
        return summaries;
    }
    while (query.next())
        summaries.append(readSummary(query));
    return summaries;
}

QSqlQuery Store::prepareArticlePage(const QString &prefix, const ArticleSort &sort,
    const ArticleFilter &filter, bool selective, const std::optional<ArticleSummary> &last) const
{
    const ArticleCounts counts = countsFor(*this);
    FilterClause where = filterClause(
        SqlDialect::of(m_database), counts, filter, selective ? std::nullopt : std::optional(sort.column));
    const bool ascending = sort.order == Qt::AscendingOrder;
    const QString direction = ascending ? u" ASC"_s : u" DESC"_s;
    // A plus keeps the sort index out of a selective query, which sorts its few matches.
    const QString sortColumn = counts.sortColumnName(sort.column);
    const QString orderColumn = selective ? SqlDialect::of(m_database).withoutIndex(sortColumn) : sortColumn;
    QString order = orderColumn + direction;
    if (sort.column != ArticleSortColumn::Id)
        order += u", a.id"_s + direction; // the index ends in the rowid, so ties cost nothing
    if (last) {
        // Past last's (sort value, id). The first condition alone is a range of the sort index,
        // which the page starts at; the second only steps over the ties before it.
        const QString past = ascending ? u">"_s : u"<"_s;
        QString keyset;
        if (sort.column == ArticleSortColumn::Id) {
            keyset = u"a.id %1 ?"_s.arg(past);
            where.values << last->id;
        } else {
            keyset = u"%1 %2= ? AND (%1 %2 ? OR a.id %2 ?)"_s.arg(orderColumn, past);
            const QVariant value = sortValue(*last, sort.column);
            where.values << value << value << last->id;
        }
        where.sql += (where.sql.isEmpty() ? u" WHERE "_s : u" AND "_s) + keyset;
    }
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    query.prepare(prefix + u"SELECT "_s + counts.summaryColumns() + u" FROM "_s + counts.from() + where.sql
        + u" ORDER BY "_s + order + u" LIMIT ? OFFSET ?"_s);
    for (const QVariant &value : where.values)
        query.addBindValue(value);
    return query;
}

// Text too short for the trigram index would be counted by reading every article; it matches
// most of them anyway, so the page comes off the sort index.
bool Store::isSelective(const ArticleSort &sort, const ArticleFilter &filter) const
{
    return !sortIndexServes(filter, sort.column)
        && (filter.text.isEmpty() || filter.text.size() >= trigramLength)
        && articleCount(filter) <= selectiveLimit;
}

QList<ArticleSummary> Store::readArticlePage(QSqlQuery &query, int offset, int limit) const
{
    QList<ArticleSummary> summaries;
    query.addBindValue(limit);
    query.addBindValue(offset);
    if (!query.exec()) {
        fail(query.lastError().text());
        return summaries;
    }
    while (query.next())
        summaries.append(readSummary(query));
    return summaries;
}

QList<ArticleSummary> Store::articleSummaries(
    int offset, int limit, const ArticleSort &sort, const ArticleFilter &filter) const
{
    QSqlQuery query = prepareArticlePage(QString(), sort, filter, isSelective(sort, filter), std::nullopt);
    return readArticlePage(query, offset, limit);
}

QList<ArticleSummary> Store::articlePageAfter(
    const ArticleSummary &last, int limit, const ArticleSort &sort, const ArticleFilter &filter) const
{
    QSqlQuery query = prepareArticlePage(QString(), sort, filter, isSelective(sort, filter), last);
    return readArticlePage(query, 0, limit);
}

QStringList Store::articleSummariesPlan(const ArticleSort &sort, const ArticleFilter &filter, bool selective,
    const std::optional<ArticleSummary> &last) const
{
    QStringList plan;
    QSqlQuery query = prepareArticlePage(u"EXPLAIN QUERY PLAN "_s, sort, filter, selective, last);
    query.addBindValue(200);
    query.addBindValue(0);
    if (!query.exec())
        return { query.lastError().text() };
    while (query.next())
        plan << query.value(3).toString();
    return plan;
}

int Store::articleCount(const ArticleFilter &filter) const
{
    if (filter.isEmpty())
        return articleCount();
    // A queue alone is counted off the assignments' (annotator, done_at) index, without a probe
    // of the articles per row: the list asks for it with each page it reads in a sort of its own.
    // Every assignment has its article (the foreign key cascades).
    if (ArticleFilter queueOnly { .queueOf = filter.queueOf };
        !filter.queueOf.isEmpty() && filter == queueOnly) {
        QSqlQuery query(m_database);
        query.prepare(u"SELECT COUNT(*) FROM assignments WHERE annotator = ?"_s);
        query.addBindValue(filter.queueOf);
        return query.exec() && query.next() ? query.value(0).toInt() : 0;
    }
    const ArticleCounts counts = countsFor(*this);
    const FilterClause where = filterClause(SqlDialect::of(m_database), counts, filter, std::nullopt);
    QSqlQuery query(m_database);
    query.prepare(u"SELECT COUNT(*) FROM "_s + counts.from(countsFiltered(filter)) + where.sql);
    for (const QVariant &value : where.values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return 0;
    return query.value(0).toInt();
}

bool Store::articleMatches(RecordId id, const ArticleFilter &filter) const
{
    const ArticleCounts counts = countsFor(*this);
    FilterClause where = filterClause(SqlDialect::of(m_database), counts, filter, std::nullopt);
    where.sql += where.sql.isEmpty() ? u" WHERE a.id = ?"_s : u" AND a.id = ?"_s;
    QSqlQuery query(m_database);
    query.prepare(u"SELECT 1 FROM "_s + counts.from(countsFiltered(filter)) + where.sql);
    for (const QVariant &value : where.values)
        query.addBindValue(value);
    query.addBindValue(id);
    return query.exec() && query.next();
}

std::optional<ArticleSummary> Store::articleSummary(RecordId id) const
{
    QSqlQuery query(m_database);
    const ArticleCounts counts = countsFor(*this);
    query.prepare(
        u"SELECT "_s + counts.summaryColumns() + u" FROM "_s + counts.from() + u" WHERE a.id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return readSummary(query);
}

std::optional<QHash<RecordId, ArticleSummary>> Store::articleSummaries(const QList<RecordId> &ids) const
{
    // Below SQLite's and PostgreSQL's limits on bound values, and one round trip per few hundred.
    constexpr qsizetype idsPerStatement = 500;
    QHash<RecordId, ArticleSummary> summaries;
    const ArticleCounts counts = countsFor(*this);
    QSqlQuery query(m_database);
    for (qsizetype first = 0; first < ids.size(); first += idsPerStatement) {
        const QList<RecordId> chunk = ids.mid(first, idsPerStatement);
        QStringList placeholders(chunk.size(), u"?"_s);
        query.prepare(u"SELECT "_s + counts.summaryColumns() + u" FROM "_s + counts.from()
            + u" WHERE a.id IN ("_s + placeholders.join(u","_s) + u")"_s);
        for (const RecordId id : chunk)
            query.addBindValue(id);
        if (!query.exec())
            return std::nullopt;
        while (query.next()) {
            ArticleSummary summary = readSummary(query);
            summaries.insert(summary.id, std::move(summary));
        }
    }
    return summaries;
}

bool Store::setArticleStatus(RecordId id, ArticleStatus status)
{
    if (!checkWritable())
        return false;
    QSqlQuery query(m_database);
    query.prepare(u"UPDATE articles SET status = ? WHERE id = ?"_s);
    query.addBindValue(toString(status));
    query.addBindValue(id);
    if (!query.exec())
        return fail(tr("Cannot change the article's status: %1").arg(query.lastError().text()));
    return true;
}

std::optional<RecordId> Store::extractionResumePoint() const
{
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT value FROM byline_meta WHERE key = 'extraction_resume_after'"_s)
        || !query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

std::optional<qint64> Store::dataVersion() const
{
    if (!SqlDialect::of(m_database).isSqlite())
        return std::nullopt;
    QSqlQuery query(m_database);
    if (!query.exec(u"PRAGMA data_version"_s) || !query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

bool Store::setExtractionResumePoint(std::optional<RecordId> lastArticleId)
{
    if (!checkWritable())
        return false;
    QSqlQuery query(m_database);
    if (lastArticleId) {
        query.prepare(
            u"INSERT OR REPLACE INTO byline_meta (key, value) VALUES ('extraction_resume_after', ?)"_s);
        query.addBindValue(QString::number(*lastArticleId));
    } else {
        query.prepare(u"DELETE FROM byline_meta WHERE key = 'extraction_resume_after'"_s);
    }
    if (!query.exec())
        return fail(tr("Cannot record the extraction's progress: %1").arg(query.lastError().text()));
    return true;
}

AnnotationSet Store::annotations(RecordId articleId, bool *ok) const
{
    return readAnnotations({ { articleId, &offsets(articleId) } }, ok).constFirst();
}

QList<AnnotationSet> Store::annotations(const QList<Article> &articles, bool *ok) const
{
    // Read in id order, whatever order the articles came in; the sets go back in theirs.
    std::vector<OffsetMap> maps;
    maps.reserve(articles.size());
    for (const Article &article : articles)
        maps.emplace_back(article.text);
    QList<qsizetype> order(articles.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
        [&](qsizetype a, qsizetype b) { return articles.at(a).id < articles.at(b).id; });
    QList<ArticleOffsets> sorted;
    sorted.reserve(articles.size());
    for (const qsizetype i : order)
        sorted.append({ articles.at(i).id, &maps[i] });
    QList<AnnotationSet> found = readAnnotations(sorted, ok);
    QList<AnnotationSet> sets(articles.size());
    for (qsizetype i = 0; i < order.size(); ++i)
        sets[order.at(i)] = std::move(found[i]);
    return sets;
}

namespace {

/// Finds the article of each row of a query whose rows come in article order, by stepping
/// forward through the articles (ascending ids): no lookup per row. Rows of articles in the
/// range but not asked for find none.
template<typename Article> class ArticleCursor final {
public:
    explicit ArticleCursor(const QList<Article> &articles)
        : m_articles(articles)
    {
    }

    /// The article's position, or -1.
    qsizetype find(RecordId articleId)
    {
        while (m_at < m_articles.size() && m_articles.at(m_at).id < articleId)
            ++m_at;
        return m_at < m_articles.size() && m_articles.at(m_at).id == articleId ? m_at : -1;
    }

private:
    const QList<Article> &m_articles;
    qsizetype m_at = 0;
};

/// Finds the record a part belongs to among an article's records, the parts coming in the
/// records' (id) order: the cursor only moves forward, and back to the start for a new article.
template<typename Record> class RecordCursor final {
public:
    Record *find(QList<Record> &records, RecordId id)
    {
        if (&records != m_records) {
            m_records = &records;
            m_at = 0;
        }
        while (m_at < records.size() && records.at(m_at).id < id)
            ++m_at;
        return m_at < records.size() && records.at(m_at).id == id ? &records[m_at] : nullptr;
    }

private:
    const QList<Record> *m_records = nullptr;
    qsizetype m_at = 0;
};

/// Calls take(row, position) for each row of rows whose article (its first column) is one of
/// articles, at the article's position there; the rows come in article order.
// Returns why the statement failed; empty when it read every row.
template<typename Rows, typename Articles, typename Take>
QString forEachRowOfArticles(Rows &&rows, const Articles &articles, const Take &take)
{
    ArticleCursor cursor(articles);
    while (rows.next()) {
        if (const qsizetype at = cursor.find(rows.integer(0)); at >= 0)
            take(rows, at);
    }
    return rows.error();
}

// One query per table for the articles' id range, so that an export reads a page of articles
// with five queries instead of five per article. Every query walks its table's article index in
// (article, id) order, which is the order the sets keep, so SQLite sorts nothing and each row
// finds its article, and a part its record, by stepping forward rather than through a hash.
// rowsOf(sql) runs a statement with the range's first and last id bound.
template<typename Articles, typename RowsOf>
QList<AnnotationSet> readAnnotationRows(const Articles &articles, const RowsOf &rowsOf, QString *error)
{
    QList<AnnotationSet> sets(articles.size());
    const auto note = [error](const QString &failed) {
        if (error->isEmpty())
            *error = failed;
    };
    const auto span = [](const auto &row, int column, const OffsetMap &map) {
        if (row.isNull(column))
            return Span();
        return Span { map.toUtf16(row.integer(column)), map.toUtf16(row.integer(column + 1)) };
    };
    const QString provenance = provenanceColumns;

    note(forEachRowOfArticles(
        rowsOf(u"SELECT article_id, id, name, type, extra, "_s + provenance
            + u", version FROM entities WHERE article_id BETWEEN ? AND ? ORDER BY article_id, id"_s),
        articles, [&](const auto &row, qsizetype at) {
            Entity entity;
            entity.articleId = articles.at(at).id;
            entity.id = row.integer(1);
            entity.name = row.text(2);
            entity.type = row.text(3);
            entity.extra = row.text(4);
            entity.provenance = readProvenance(row, 5);
            entity.version.value = int(row.integer(5 + provenanceColumnCount));
            sets[at].entities.append(entity);
        }));
    {
        RecordCursor<Entity> entities;
        note(forEachRowOfArticles(
            rowsOf(u"SELECT e.article_id, m.id, m.entity_id, m.start_offset, m.end_offset, m."_s
                + QString(provenance).replace(u", "_s, u", m."_s)
                + u", m.version FROM entities e JOIN mentions m ON m.entity_id = e.id"
                  u" WHERE e.article_id BETWEEN ? AND ? ORDER BY e.article_id, e.id, m.id"_s),
            articles, [&](const auto &row, qsizetype at) {
                Entity *entity = entities.find(sets[at].entities, row.integer(2));
                if (!entity)
                    return;
                Mention mention;
                mention.articleId = entity->articleId;
                mention.id = row.integer(1);
                mention.entityId = entity->id;
                mention.span = span(row, 3, *articles.at(at).offsets);
                mention.provenance = readProvenance(row, 5);
                mention.version.value = int(row.integer(5 + provenanceColumnCount));
                entity->mentions.append(mention);
            }));
    }
    note(forEachRowOfArticles(
        rowsOf(
            u"SELECT article_id, id, kind, cue_start, cue_end, source_start, source_end, speaker_id, extra, "_s
            + provenance
            + u", version FROM quotes WHERE article_id BETWEEN ? AND ? ORDER BY article_id, id"_s),
        articles, [&](const auto &row, qsizetype at) {
            const OffsetMap &map = *articles.at(at).offsets;
            Quote quote;
            quote.articleId = articles.at(at).id;
            quote.id = row.integer(1);
            quote.kind = quoteKindFromString(row.text(2)).value_or(QuoteKind::Direct);
            quote.cue = span(row, 3, map);
            quote.source = span(row, 5, map);
            quote.speakerId = row.integer(7);
            quote.extra = row.text(8);
            quote.provenance = readProvenance(row, 9);
            quote.version.value = int(row.integer(9 + provenanceColumnCount));
            sets[at].quotes.append(quote);
        }));
    {
        RecordCursor<Quote> quotes;
        note(forEachRowOfArticles(
            rowsOf(u"SELECT q.article_id, p.quote_id, p.start_offset, p.end_offset FROM quotes q"
                   " JOIN quote_parts p ON p.quote_id = q.id WHERE q.article_id BETWEEN ? AND ?"
                   " ORDER BY q.article_id, q.id, p.position"_s),
            articles, [&](const auto &row, qsizetype at) {
                if (Quote *quote = quotes.find(sets[at].quotes, row.integer(1)))
                    quote->content.append(span(row, 2, *articles.at(at).offsets));
            }));
    }
    note(forEachRowOfArticles(
        rowsOf(u"SELECT article_id, id, kind, span_start, span_end, number_start, number_end,"
               " value_number, value_text, value_max, unit, qualifier, extra, "_s
            + provenance
            + u", version FROM figures WHERE article_id BETWEEN ? AND ? ORDER BY article_id, id"_s),
        articles, [&](const auto &row, qsizetype at) {
            const OffsetMap &map = *articles.at(at).offsets;
            Figure figure;
            figure.articleId = articles.at(at).id;
            figure.id = row.integer(1);
            figure.kind = row.text(2);
            figure.span = span(row, 3, map);
            figure.number = span(row, 5, map);
            if (!row.isNull(8))
                figure.value = row.text(8);
            else if (!row.isNull(7))
                figure.value = row.real(7);
            if (!row.isNull(9))
                figure.valueMax = row.real(9);
            figure.unit = row.text(10);
            figure.qualifier = row.text(11);
            figure.extra = row.text(12);
            figure.provenance = readProvenance(row, 13);
            figure.version.value = int(row.integer(13 + provenanceColumnCount));
            sets[at].figures.append(figure);
        }));
    return sets;
}

} // namespace

QList<AnnotationSet> Store::readAnnotations(const QList<ArticleOffsets> &articles, bool *ok) const
{
    if (ok)
        *ok = true;
    if (articles.isEmpty())
        return {};
    const RecordId first = articles.constFirst().id;
    const RecordId last = articles.constLast().id;
    QString error;
    sqlite3 *handle = sqliteConnection(m_database);
    QList<AnnotationSet> sets = handle
        ? readAnnotationRows(
              articles, [&](const QString &sql) { return SqliteRows(handle, sql, { first, last }); }, &error)
        : readAnnotationRows(
              articles, [&](const QString &sql) { return QueryRows(m_database, sql, { first, last }); },
              &error);
    if (error.isEmpty())
        return sets;
    // Part of an article's annotations is no annotations to rely on: a writer would plan from it
    // as if the rest were not there.
    fail(tr("Cannot read the annotations: %1").arg(error));
    if (ok)
        *ok = false;
    return QList<AnnotationSet>(articles.size());
}

namespace {

void bindSpan(QSqlQuery &query, const Span &span, const OffsetMap &map)
{
    QueryRow row(query);
    StoreColumns::appendSpan(row, span, map);
}

void bindId(QSqlQuery &query, RecordId id)
{
    QueryRow row(query);
    StoreColumns::appendId(row, id);
}

} // namespace

bool Store::checkWritable() const
{
    return !isReadOnly() || fail(tr("The project is open read-only."));
}

bool Store::insertEntity(Entity &entity)
{
    if (!checkWritable())
        return false;
    for (const Mention &mention : std::as_const(entity.mentions)) {
        if (!StoreColumns::fitsText(mention.span, offsets(entity.articleId)))
            return fail(tr("A mention of %1 lies outside the article text.").arg(entity.name));
    }
    stamp(entity.provenance);
    Transaction transaction(*this);
    static const QString sql = insertReturningId(StoreColumns::entityInsert);
    QSqlQuery &query = statement(sql);
    QueryRow row(query);
    StoreColumns::appendEntity(row, entity);
    if (!transaction.isOpen() || !query.exec())
        return fail(tr("Cannot store entity %1: %2").arg(entity.name, query.lastError().text()));
    entity.id = returnedId(query);
    entity.version.value = firstVersion;
    for (Mention &mention : entity.mentions) {
        mention.entityId = entity.id;
        mention.articleId = entity.articleId;
        if (!writeMention(mention, true))
            return false;
    }
    if (!transaction.commit())
        return fail(tr("Cannot store entity %1: %2").arg(entity.name, m_database.lastError().text()));
    return true;
}

bool Store::updateEntity(Entity &entity)
{
    if (!checkWritable())
        return false;
    QSqlQuery query(m_database);
    query.prepare(u"UPDATE entities SET name = ?, type = ?, status = ?, annotator = ?, created_at = ?,"
                  " modified_at = ?, confidence = ?, rule = ?, previous = ?, version = version + 1"
                  " WHERE id = ? AND version = ?"_s);
    query.addBindValue(notNull(entity.name));
    query.addBindValue(notNull(entity.type));
    bindProvenance(query, entity.provenance);
    query.addBindValue(entity.id);
    query.addBindValue(entity.version.value);
    if (!query.exec())
        return fail(tr("Cannot change entity %1: %2").arg(entity.name, query.lastError().text()));
    if (query.numRowsAffected() == 0)
        return refuseConflict("entities"_L1, entity.id, tr("the entity %1").arg(entity.name));
    ++entity.version.value;
    return true;
}

// Removing is the same for every kind of record; the database cascades to what hangs on it.
bool Store::removeRow(
    QLatin1StringView table, RecordId id, std::optional<int> version, const QString &failure)
{
    if (!checkRemovable())
        return false;
    QSqlQuery query(m_database);
    query.prepare(
        u"DELETE FROM "_s + table + u" WHERE id = ?"_s + (version ? u" AND version = ?"_s : QString()));
    query.addBindValue(id);
    if (version)
        query.addBindValue(*version);
    if (!query.exec())
        return fail(failure.arg(query.lastError().text()));
    if (version && query.numRowsAffected() == 0)
        return refuseConflict(table, id, tr("this annotation"), true);
    return true;
}

// The row is gone or at another version than the writer read: say who changed it last and when,
// so that the analyst knows whose work the current state is.
bool Store::refuseConflict(QLatin1StringView table, RecordId id, const QString &what, bool removal) const
{
    QSqlQuery query(m_database);
    query.prepare(u"SELECT annotator, modified_at FROM "_s + table + u" WHERE id = ?"_s);
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        fail(tr("Someone else removed %1; your change was not saved. The article shows the current state.")
                .arg(what));
    } else {
        const QString who = query.value(0).toString();
        const QString when = QDateTime::fromString(query.value(1).toString(), Qt::ISODateWithMs)
                                 .toLocalTime()
                                 .toString(u"HH:mm"_s);
        const QString outcome = removal
            ? tr("%1 changed %2 at %3; it was not removed. The article shows the current state.")
            : tr("%1 changed %2 at %3; your change was not saved. The article shows the current state; Redo "
                 "applies your change over it.");
        fail(outcome.arg(who.isEmpty() ? tr("Someone else") : who, what, when));
    }
    m_conflicted = true;
    return false;
}

bool Store::removeEntity(RecordId id, std::optional<int> version)
{
    return removeRow("entities"_L1, id, version, tr("Cannot remove the entity: %1"));
}

bool Store::writeMention(Mention &mention, bool insert)
{
    const OffsetMap &map = offsets(mention.articleId);
    if (!StoreColumns::fitsText(mention.span, map))
        return fail(tr("The mention lies outside the article text."));
    static const QString insertSql = insertReturningId(StoreColumns::mentionInsert);
    QSqlQuery update(m_database);
    QSqlQuery &query = insert ? statement(insertSql) : update;
    if (insert) {
        stamp(mention.provenance);
        QueryRow row(query);
        StoreColumns::appendMention(row, mention, map);
    } else {
        query.prepare(
            u"UPDATE mentions SET entity_id = ?, start_offset = ?, end_offset = ?, status = ?,"
            " annotator = ?, created_at = ?, modified_at = ?, confidence = ?, rule = ?, previous = ?,"
            " version = version + 1 WHERE id = ? AND version = ?"_s);
        query.addBindValue(mention.entityId);
        bindSpan(query, mention.span, map);
        bindProvenance(query, mention.provenance);
        query.addBindValue(mention.id);
        query.addBindValue(mention.version.value);
    }
    if (!query.exec())
        return fail(tr("Cannot store the mention: %1").arg(query.lastError().text()));
    if (!insert && query.numRowsAffected() == 0)
        return refuseConflict("mentions"_L1, mention.id, tr("this mention"));
    if (insert)
        mention.id = returnedId(query);
    mention.version.value = insert ? firstVersion : mention.version.value + 1;
    return true;
}

bool Store::insertMention(Mention &mention)
{
    if (!checkWritable())
        return false;
    return writeMention(mention, true);
}

bool Store::updateMention(Mention &mention)
{
    if (!checkWritable())
        return false;
    return writeMention(mention, false);
}

bool Store::removeMention(RecordId id, std::optional<int> version)
{
    return removeRow("mentions"_L1, id, version, tr("Cannot remove the mention: %1"));
}

namespace {

const QString insertQuotePartSql = StoreColumns::insertStatement(StoreColumns::quotePartInsert);

// The quote's parts, with insert prepared from insertQuotePartSql; an error says why not.
QString insertQuoteParts(QSqlQuery &insert, const Quote &quote, const OffsetMap &map)
{
    for (qsizetype position = 0; position < quote.content.size(); ++position) {
        QueryRow row(insert);
        StoreColumns::appendQuotePart(row, quote.id, position, quote.content[position], map);
        if (!insert.exec())
            return insert.lastError().text();
    }
    return {};
}

} // namespace

bool Store::writeQuoteParts(RecordId articleId, const Quote &quote)
{
    QSqlQuery &clear = statement(u"DELETE FROM quote_parts WHERE quote_id = ?"_s);
    clear.addBindValue(quote.id);
    if (!clear.exec())
        return fail(clear.lastError().text());
    const QString error = insertQuoteParts(statement(insertQuotePartSql), quote, offsets(articleId));
    return error.isEmpty() || fail(error);
}

bool Store::insertQuote(Quote &quote)
{
    if (!checkWritable())
        return false;
    const OffsetMap &map = offsets(quote.articleId);
    if (!StoreColumns::quoteFitsText(quote, map))
        return fail(tr("The quote has no content or lies outside the article text."));
    stamp(quote.provenance);
    Transaction transaction(*this);
    static const QString sql = insertReturningId(StoreColumns::quoteInsert);
    QSqlQuery &query = statement(sql);
    QueryRow row(query);
    StoreColumns::appendQuote(row, quote, map);
    if (!transaction.isOpen() || !query.exec())
        return fail(tr("Cannot store the quote: %1").arg(query.lastError().text()));
    quote.id = returnedId(query);
    quote.version.value = firstVersion;
    // A new quote has no parts to replace: those of a removed one went with it (ON DELETE CASCADE).
    if (const QString error = insertQuoteParts(statement(insertQuotePartSql), quote, map); !error.isEmpty())
        return fail(error);
    if (!transaction.commit())
        return fail(tr("Cannot store the quote: %1").arg(m_database.lastError().text()));
    return true;
}

bool Store::updateQuote(Quote &quote)
{
    if (!checkWritable())
        return false;
    const OffsetMap &map = offsets(quote.articleId);
    if (!StoreColumns::quoteFitsText(quote, map))
        return fail(tr("The quote has no content or lies outside the article text."));
    Transaction transaction(*this);
    QSqlQuery query(m_database);
    query.prepare(
        u"UPDATE quotes SET kind = ?, cue_start = ?, cue_end = ?, source_start = ?, source_end = ?,"
        " speaker_id = ?, status = ?, annotator = ?, created_at = ?, modified_at = ?, confidence = ?,"
        " rule = ?, previous = ?, version = version + 1 WHERE id = ? AND version = ?"_s);
    query.addBindValue(toString(quote.kind));
    bindSpan(query, quote.cue, map);
    bindSpan(query, quote.source, map);
    bindId(query, quote.speakerId);
    bindProvenance(query, quote.provenance);
    query.addBindValue(quote.id);
    query.addBindValue(quote.version.value);
    if (!transaction.isOpen() || !query.exec())
        return fail(tr("Cannot change the quote: %1").arg(query.lastError().text()));
    if (query.numRowsAffected() == 0)
        return refuseConflict("quotes"_L1, quote.id, tr("this quote"));
    if (!writeQuoteParts(quote.articleId, quote))
        return false; // it said why
    if (!transaction.commit())
        return fail(tr("Cannot change the quote: %1").arg(m_database.lastError().text()));
    ++quote.version.value;
    return true;
}

bool Store::removeQuote(RecordId id, std::optional<int> version)
{
    return removeRow("quotes"_L1, id, version, tr("Cannot remove the quote: %1"));
}

namespace {

void bindFigureValues(QSqlQuery &query, const Figure &figure)
{
    QueryRow row(query);
    StoreColumns::appendFigureValues(row, figure);
}

} // namespace

bool Store::insertFigure(Figure &figure)
{
    if (!checkWritable())
        return false;
    const OffsetMap &map = offsets(figure.articleId);
    if (!StoreColumns::fitsText(figure.span, map) || !StoreColumns::fitsText(figure.number, map))
        return fail(tr("The figure lies outside the article text."));
    stamp(figure.provenance);
    static const QString sql = insertReturningId(StoreColumns::figureInsert);
    QSqlQuery &query = statement(sql);
    QueryRow row(query);
    StoreColumns::appendFigure(row, figure, map);
    if (!query.exec())
        return fail(tr("Cannot store the figure: %1").arg(query.lastError().text()));
    figure.id = returnedId(query);
    figure.version.value = firstVersion;
    return true;
}

bool Store::updateFigure(Figure &figure)
{
    if (!checkWritable())
        return false;
    const OffsetMap &map = offsets(figure.articleId);
    if (!StoreColumns::fitsText(figure.span, map) || !StoreColumns::fitsText(figure.number, map))
        return fail(tr("The figure lies outside the article text."));
    QSqlQuery query(m_database);
    query.prepare(
        u"UPDATE figures SET kind = ?, span_start = ?, span_end = ?, number_start = ?, number_end = ?,"
        " value_number = ?, value_text = ?, value_max = ?, unit = ?, qualifier = ?, status = ?,"
        " annotator = ?, created_at = ?, modified_at = ?, confidence = ?, rule = ?, previous = ?,"
        " version = version + 1 WHERE id = ? AND version = ?"_s);
    query.addBindValue(notNull(figure.kind));
    bindSpan(query, figure.span, map);
    bindSpan(query, figure.number, map);
    bindFigureValues(query, figure);
    bindProvenance(query, figure.provenance);
    query.addBindValue(figure.id);
    query.addBindValue(figure.version.value);
    if (!query.exec())
        return fail(tr("Cannot change the figure: %1").arg(query.lastError().text()));
    if (query.numRowsAffected() == 0)
        return refuseConflict("figures"_L1, figure.id, tr("this figure"));
    ++figure.version.value;
    return true;
}

bool Store::removeFigure(RecordId id, std::optional<int> version)
{
    return removeRow("figures"_L1, id, version, tr("Cannot remove the figure: %1"));
}

bool Store::addDocument(Article &article, AnnotationSet &annotations)
{
    // In a bulk insert the document is checked whole before its first row, so the only failure
    // left is the database's own, which ends the import anyway: no savepoint per article, which
    // cost two statements and a copy of every page the article touched. A failure halfway ends
    // the bulk insert's part (m_bulkInsert false while it is open: BulkInsert::commit() refuses).
    const bool checkedWhole = m_bulkInsert;
    auto map = std::make_shared<OffsetMap>(article.text);
    if (checkedWhole) {
        if (const QString problem = StoreColumns::outsideText(annotations, *map); !problem.isEmpty())
            return fail(problem);
        if (m_bulkWriter) {
            if (m_bulkWriter->add(article, unusedKey(article.key), annotations, *map))
                return true;
            m_bulkInsert = false;
            return fail(m_bulkWriter->errorString());
        }
    }
    // Otherwise the article's savepoint stands for its records': one per record would undo
    // nothing that the article's does not.
    std::optional<Transaction> transaction;
    if (!checkedWhole && !transaction.emplace(*this, Transaction::Inner::ShareThis).isOpen())
        return fail(tr("Cannot store article %1: %2").arg(article.key, m_database.lastError().text()));
    auto breakBulkInsert = qScopeGuard([this] { m_bulkInsert = false; });
    const bool sharing = std::exchange(m_shareSavepoint, true);
    auto stopSharing = qScopeGuard([this, sharing] { m_shareSavepoint = sharing; });
    if (!checkedWhole) {
        breakBulkInsert.dismiss();
        stopSharing.dismiss(); // the transaction restores it
    }
    article.id = 0;
    if (!addArticle(article))
        return false;
    // The new article's text is at hand: give its offsets to the cache instead of reading it back.
    // A rollback frees the id for the next article, so a failure must not leave this text cached.
    if (m_offsetCache.size() > 16)
        m_offsetCache.clear();
    m_offsetCache.insert(article.id, std::move(map));
    const RecordId articleId = article.id;
    auto forget = qScopeGuard([this, articleId] { m_offsetCache.remove(articleId); });
    if (!StoreColumns::addAnnotations(*this, articleId, annotations))
        return false;
    if (transaction && !transaction->commit())
        return fail(tr("Cannot store article %1: %2").arg(article.key, m_database.lastError().text()));
    forget.dismiss();
    breakBulkInsert.dismiss();
    return true;
}

bool Store::removeSuggestions(const QList<RecordId> &articleIds)
{
    if (!checkRemovable())
        return false;
    if (articleIds.isEmpty())
        return true;
    // The ids are the store's own integers: a batch of articles is one statement per table, with
    // the list in its text (a statement per article cost a fifth more).
    QStringList ids;
    for (const RecordId id : articleIds)
        ids << QString::number(id);
    const QString list = ids.join(u", "_s);
    QStringList statements;
    // A quote's search row (SQLite's, kept by triggers) goes first: removing the quote's last part
    // would rewrite the row, its body emptied and every column indexed anew, just before removing
    // the quote removes the row.
    if (SqlDialect::of(m_database).isSqlite()) {
        statements << u"DELETE FROM annotation_search WHERE rowid IN (SELECT id * 4 + 2 FROM quotes"
                      " WHERE article_id IN (%1) AND status = 'auto')"_s.arg(list);
    }
    statements << u"DELETE FROM mentions WHERE status = 'auto'"
                  " AND entity_id IN (SELECT id FROM entities WHERE article_id IN (%1))"_s.arg(list)
               << u"DELETE FROM quotes WHERE article_id IN (%1) AND status = 'auto'"_s.arg(list)
               << u"DELETE FROM figures WHERE article_id IN (%1) AND status = 'auto'"_s.arg(list)
               << u"DELETE FROM entities WHERE article_id IN (%1) AND status = 'auto'"
                  " AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = entities.id)"
                  " AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = entities.id)"_s.arg(list);
    return removeInOneTransaction(statements);
}

// The statements of a removal of suggestions, all or none.
bool Store::removeInOneTransaction(const QStringList &statements)
{
    Transaction transaction(*this);
    QSqlQuery query(m_database);
    for (const QString &sql : statements) {
        if (!transaction.isOpen() || !query.exec(sql))
            return fail(tr("Cannot remove the old suggestions: %1").arg(query.lastError().text()));
    }
    if (!transaction.commit())
        return fail(tr("Cannot remove the old suggestions: %1").arg(m_database.lastError().text()));
    return true;
}

bool Store::checkRemovable() const
{
    // With the delete triggers of a corpus extraction's bulk insert set aside, only what
    // removeAnnotations() removes is counted and taken out of search.
    if (m_bulkRemovals)
        return fail(tr("Nothing but old suggestions can be removed while an extraction replaces them."));
    return checkWritable();
}

bool Store::removeAnnotations(const RemovedAnnotations &removed, const QList<AnnotationSet> &readBefore)
{
    if (!checkWritable())
        return false;
    const auto list = [](const QList<RecordId> &ids, qint64 factor = 1, qint64 offset = 0) {
        QStringList numbers;
        for (const RecordId id : ids)
            numbers << QString::number(id * factor + offset);
        return numbers.join(u", "_s);
    };
    QStringList statements;
    // Counts lowered and rows removed, or neither.
    Transaction transaction(*this);
    if (!transaction.isOpen())
        return fail(tr("Cannot remove the old suggestions: %1").arg(m_database.lastError().text()));
    if (m_bulkRemovals) {
        // The delete triggers are set aside: what they would count goes here, the search rows
        // with one statement, and BulkInsert::commit() counts the articles.
        if (!lowerCountsOfRemoved(removed, readBefore))
            return false;
        QStringList searchRows;
        for (const auto &[ids, layer] : { std::pair { &removed.entities, 1 },
                 std::pair { &removed.quotes, 2 }, std::pair { &removed.figures, 3 } }) {
            if (!ids->isEmpty())
                searchRows << list(*ids, 4, layer);
        }
        if (!searchRows.isEmpty())
            statements << u"DELETE FROM annotation_search WHERE rowid IN (%1)"_s.arg(
                searchRows.join(u", "_s));
    } else if (!removed.quotes.isEmpty() && SqlDialect::of(m_database).isSqlite()) {
        // As in removeSuggestions(): a quote's search row goes before its parts.
        statements << u"DELETE FROM annotation_search WHERE rowid IN (%1)"_s.arg(list(removed.quotes, 4, 2));
    }
    const std::pair<QLatin1StringView, const QList<RecordId> &> tables[]
        = { { "mentions"_L1, removed.mentions }, { "quotes"_L1, removed.quotes },
              { "figures"_L1, removed.figures }, { "entities"_L1, removed.entities } };
    for (const auto &[table, ids] : tables) {
        if (!ids.isEmpty())
            statements << u"DELETE FROM %1 WHERE id IN (%2)"_s.arg(table, list(ids));
    }
    return (statements.isEmpty() || removeInOneTransaction(statements)) && transaction.commit();
}

// What the count triggers of schema steps 6 and 11 would lower for each removed row, taken from
// the records the rows were read as in this transaction: no row is read again. A removed entity
// takes its mentions with it (ON DELETE CASCADE), so they are counted as well.
bool Store::lowerCountsOfRemoved(const RemovedAnnotations &removed, const QList<AnnotationSet> &readBefore)
{
    const QSet<RecordId> entityIds(removed.entities.cbegin(), removed.entities.cend());
    const QSet<RecordId> mentionIds(removed.mentions.cbegin(), removed.mentions.cend());
    const QSet<RecordId> quoteIds(removed.quotes.cbegin(), removed.quotes.cend());
    const QSet<RecordId> figureIds(removed.figures.cbegin(), removed.figures.cend());
    std::map<std::pair<QString, QString>, qint64> layerTotals; // by layer and status
    std::map<std::tuple<QString, QString, QString>, qint64> ownerTotals; // by owner, layer, status
    std::map<std::pair<RecordId, QString>, std::array<qint64, 3>> articleOwners; // entities, quotes, figures
    qsizetype found = 0;
    bool onlySuggestions = true;
    const auto count
        = [&](RecordId articleId, const QString &layer, const Provenance &provenance, int column) {
              onlySuggestions = onlySuggestions && provenance.status == AnnotationStatus::Auto;
              const QString status = toString(provenance.status);
              if (column >= 0)
                  ++articleOwners[{ articleId, StoreColumns::countedOwner(provenance) }][std::size_t(column)];
              if (layer.isEmpty())
                  return;
              ++layerTotals[{ layer, status }];
              ++ownerTotals[{ StoreColumns::countedOwner(provenance), layer, status }];
          };
    for (const AnnotationSet &set : readBefore) {
        for (const Entity &entity : set.entities) {
            const bool entityGoes = entityIds.contains(entity.id);
            if (entityGoes) {
                count(entity.articleId, QString(), entity.provenance, 0);
                m_removedFrom.insert(entity.articleId);
                ++found;
            }
            for (const Mention &mention : entity.mentions) {
                const bool removedById = mentionIds.contains(mention.id);
                if (removedById || entityGoes)
                    count(entity.articleId, u"mention"_s, mention.provenance, -1);
                found += removedById;
            }
        }
        for (const Quote &quote : set.quotes) {
            if (quoteIds.contains(quote.id)) {
                count(quote.articleId, u"quote"_s, quote.provenance, 1);
                m_removedFrom.insert(quote.articleId);
                ++found;
            }
        }
        for (const Figure &figure : set.figures) {
            if (figureIds.contains(figure.id)) {
                count(figure.articleId, u"figure"_s, figure.provenance, 2);
                m_removedFrom.insert(figure.articleId);
                ++found;
            }
        }
    }
    if (found != entityIds.size() + mentionIds.size() + quoteIds.size() + figureIds.size())
        return fail(tr("Cannot remove the old suggestions: some are not among the annotations read."));
    // The analyst's work is never removed with them, nor counted as removed.
    if (!onlySuggestions)
        return fail(tr("Cannot remove the old suggestions: some of them were reviewed meanwhile."));

    QSqlQuery &layerTotal
        = statement(u"UPDATE annotation_counts SET total = total - ? WHERE layer = ? AND status = ?"_s);
    for (const auto &[key, removedCount] : layerTotals) {
        layerTotal.addBindValue(removedCount);
        layerTotal.addBindValue(key.first);
        layerTotal.addBindValue(key.second);
        if (!layerTotal.exec())
            return fail(tr("Cannot remove the old suggestions: %1").arg(layerTotal.lastError().text()));
    }
    QSqlQuery &ownerTotal = statement(u"UPDATE annotation_counts_by_annotator SET total = total - ?"
                                      " WHERE annotator = ? AND layer = ? AND status = ?"_s);
    for (const auto &[key, removedCount] : ownerTotals) {
        ownerTotal.addBindValue(removedCount);
        ownerTotal.addBindValue(notNull(std::get<0>(key)));
        ownerTotal.addBindValue(std::get<1>(key));
        ownerTotal.addBindValue(std::get<2>(key));
        if (!ownerTotal.exec())
            return fail(tr("Cannot remove the old suggestions: %1").arg(ownerTotal.lastError().text()));
    }
    QSqlQuery &articleOwner
        = statement(u"UPDATE article_counts_by_annotator SET entity_count = entity_count - ?,"
                    " quote_count = quote_count - ?, figure_count = figure_count - ?"
                    " WHERE article_id = ? AND annotator = ?"_s);
    for (const auto &[key, removedCounts] : articleOwners) {
        for (const qint64 removedCount : removedCounts)
            articleOwner.addBindValue(removedCount);
        articleOwner.addBindValue(key.first);
        articleOwner.addBindValue(notNull(key.second));
        if (!articleOwner.exec())
            return fail(tr("Cannot remove the old suggestions: %1").arg(articleOwner.lastError().text()));
    }
    return true;
}

bool Store::updateSuggestionDetails(
    QLatin1StringView table, RecordId id, const Provenance &provenance, std::optional<QString> extra)
{
    if (!checkWritable())
        return false;
    QSqlQuery &query = statement(StoreColumns::suggestionDetailsUpdate(table, extra.has_value()));
    QueryRow row(query);
    row.real(provenance.confidence);
    row.text(provenance.rule);
    if (extra)
        row.nullableText(*extra);
    row.integer(id);
    if (!query.exec())
        return fail(tr("Cannot change the suggestion: %1").arg(query.lastError().text()));
    return true;
}

// Asked on every read of counts, since an admin may switch blind mode meanwhile. When the
// question fails, the session counts its own: a total it may not see must not leak through an error.
bool Store::countsOwnOnly() const
{
    const QString sql = SqlDialect::of(m_database).ownCountsQuery();
    if (sql.isEmpty())
        return false;
    QSqlQuery &query = statement(sql);
    if (!query.exec() || !query.next())
        return true;
    const bool ownOnly = query.value(0).toBool();
    query.finish();
    return ownOnly;
}

// The corpus-wide counts are kept per layer and status by triggers (schema version 6): a read of
// a few rows instead of counting every annotation of the project. A session that counts its own
// reads the rows per annotator (schema version 11) that the server lets it read: in blind mode an
// annotator's own and the suggestions'.
AnnotationCounts Store::annotationCounts() const
{
    AnnotationCounts result;
    QSqlQuery query(m_database);
    if (!query.exec(countsOwnOnly() ? u"SELECT layer, status, total FROM annotation_counts_by_annotator"_s
                                    : u"SELECT layer, status, total FROM annotation_counts"_s))
        return result;
    static const QHash<QString, Layer> layers { { u"mention"_s, Layer::Entities },
        { u"quote"_s, Layer::Quotes }, { u"figure"_s, Layer::Figures } };
    while (query.next()) {
        const auto layer = layers.constFind(query.value(0).toString());
        const auto status = annotationStatusFromString(query.value(1).toString());
        if (layer != layers.cend() && status && query.value(2).toInt() != 0)
            result.counts[{ *layer, *status }] += query.value(2).toInt();
    }
    return result;
}

AnnotationCounts Store::annotationCounts(RecordId articleId) const
{
    AnnotationCounts result;
    // Mentions are what an analyst tags; entities group them.
    const std::pair<Layer, QString> statements[] = {
        { Layer::Entities,
            u"SELECT status, COUNT(*) FROM mentions WHERE entity_id IN (SELECT id FROM entities WHERE "
            u"article_id = ?)"
            " GROUP BY status"_s },
        { Layer::Quotes, u"SELECT status, COUNT(*) FROM quotes WHERE article_id = ? GROUP BY status"_s },
        { Layer::Figures, u"SELECT status, COUNT(*) FROM figures WHERE article_id = ? GROUP BY status"_s },
    };
    for (const auto &[layer, statement] : statements) {
        QSqlQuery query(m_database);
        query.prepare(statement);
        query.addBindValue(articleId);
        if (!query.exec())
            continue;
        while (query.next()) {
            if (const auto status = annotationStatusFromString(query.value(0).toString()))
                result.counts[{ layer, *status }] += query.value(1).toInt();
        }
    }
    return result;
}

QString Store::sqliteVersion()
{
    // The SQL driver links SQLite itself: ask the library that is actually loaded.
    const auto connection = u"byline-sqlite-version"_s;
    QString version;
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        database.setDatabaseName(u":memory:"_s);
        if (database.open()) {
            QSqlQuery query(database);
            if (query.exec(u"SELECT sqlite_version()"_s) && query.next())
                version = query.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return version;
}

} // namespace Byline
