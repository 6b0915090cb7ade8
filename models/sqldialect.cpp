// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqldialect.h"

#include <QRegularExpression>
#include <QSqlDatabase>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

class SqliteDialect final : public SqlDialect {
public:
    bool isSqlite() const override { return true; }
    QStringList translate(const QString &statement) const override { return { statement }; }

    // article_search indexes the article table itself (external content: the text is not stored
    // twice). annotation_search holds one row per entity, quote and figure, with rowid = id * 4 +
    // layer so a trigger reaches its row directly; the UNINDEXED columns lead from a hit back to
    // its record.
    QStringList createSearchIndexes() const override
    {
        return {
            u"CREATE VIRTUAL TABLE article_search USING fts5(title, text, content = 'articles',"
            " content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')"_s,
            u"INSERT INTO article_search (article_search) VALUES ('rebuild')"_s,
            // The article list's text filter finds any part of a title, source or key, as LIKE '%x%'
            // would, but through trigrams instead of reading every article.
            u"CREATE VIRTUAL TABLE article_filter USING fts5(title, source, key, content = 'articles',"
            " content_rowid = 'id', tokenize = 'trigram')"_s,
            u"INSERT INTO article_filter (article_filter) VALUES ('rebuild')"_s,
            u"CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN"
            " INSERT INTO article_search (rowid, title, text) VALUES (new.id, new.title, new.text);"
            " INSERT INTO article_filter (rowid, title, source, key) VALUES (new.id, new.title, new.source,"
            " new.key); END"_s,
            u"CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN"
            " INSERT INTO article_search (article_search, rowid, title, text)"
            " VALUES ('delete', old.id, old.title, old.text);"
            " INSERT INTO article_filter (article_filter, rowid, title, source, key)"
            " VALUES ('delete', old.id, old.title, old.source, old.key); END"_s,
            u"CREATE TRIGGER articles_filter_update AFTER UPDATE OF title, source, key ON articles BEGIN"
            " INSERT INTO article_filter (article_filter, rowid, title, source, key)"
            " VALUES ('delete', old.id, old.title, old.source, old.key);"
            " INSERT INTO article_filter (rowid, title, source, key) VALUES (new.id, new.title, new.source,"
            " new.key); END"_s,
            u"CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text ON articles BEGIN"
            " INSERT INTO article_search (article_search, rowid, title, text)"
            " VALUES ('delete', old.id, old.title, old.text);"
            " INSERT INTO article_search (rowid, title, text) VALUES (new.id, new.title, new.text); END"_s,
            u"CREATE VIRTUAL TABLE annotation_search USING fts5(body, speaker, type, kind, status, layer,"
            " article_id UNINDEXED, record_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"_s,
        };
    }

    // A unary plus keeps SQLite from using the column's index (and then sorting every match in a
    // temporary b-tree) when the sort column's index serves the page better.
    QString withoutIndex(const QString &column) const override { return u"+"_s + column; }
    QString like() const override { return u"LIKE"_s; }
    bool hasArticleFilterTable() const override { return true; }
    // A file has one writer: the store's lock file.
    QString migrationLock() const override { return {}; }
    QStringList changeNotifications() const override { return {}; }
    // AUTOINCREMENT follows the largest id inserted, given or not.
    QStringList resetIdSequences(const QStringList &) const override { return {}; }
};

// PostgreSQL runs the same tables with its own types and a trigger function per SQLite trigger.
class PostgresDialect final : public SqlDialect {
public:
    bool isSqlite() const override { return false; }

    QStringList translate(const QString &statement) const override
    {
        static const QRegularExpression trigger(uR"(^CREATE TRIGGER (\w+) (.+?) ON (\w+) BEGIN (.*) END$)"_s,
            QRegularExpression::DotMatchesEverythingOption);
        static const QRegularExpression table(uR"(^(?:CREATE|ALTER) TABLE (\w+))"_s);
        QString sql = statement;
        sql.replace(u"group_concat("_s, u"string_agg("_s);
        if (const auto match = trigger.match(sql); match.hasMatch()) {
            const QString name = match.captured(1);
            return {
                u"CREATE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN %2 RETURN NULL; END $$"_s
                    .arg(name, match.captured(4)),
                u"CREATE TRIGGER %1 %2 ON %3 FOR EACH ROW EXECUTE FUNCTION %1()"_s.arg(
                    name, match.captured(2), match.captured(3)),
            };
        }
        const auto tableMatch = table.match(sql);
        if (!tableMatch.hasMatch())
            return { sql };
        static const QRegularExpression real(uR"(\bREAL\b)"_s);
        static const QRegularExpression text(uR"(\bTEXT\b)"_s);
        // Text compares by code point, as in SQLite: sorting and the "~" bound of date filters
        // must not depend on the server's locale.
        sql.replace(real, u"DOUBLE PRECISION"_s).replace(text, u"TEXT COLLATE \"C\""_s);
        if (!sql.contains(u"INTEGER PRIMARY KEY AUTOINCREMENT"_s))
            return { sql };
        sql.replace(u"INTEGER PRIMARY KEY AUTOINCREMENT"_s, u"SERIAL PRIMARY KEY"_s);
        // The store inserts a NULL id to ask for a new one, as SQLite takes it; PostgreSQL
        // would refuse it, so a trigger draws the id from the sequence first.
        const QString tableName = tableMatch.captured(1);
        return {
            sql,
            u"CREATE OR REPLACE FUNCTION byline_assign_id() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            " IF NEW.id IS NULL THEN NEW.id := nextval(pg_get_serial_sequence(TG_TABLE_NAME, 'id'));"
            " END IF; RETURN NEW; END $$"_s,
            u"CREATE TRIGGER %1_assign_id BEFORE INSERT ON %1 FOR EACH ROW EXECUTE FUNCTION"
            " byline_assign_id()"_s.arg(tableName),
        };
    }

    // Full text through tsvector columns with GIN indexes, the text filter through trigram
    // indexes (pg_trgm is a trusted extension: the project's owner may create it).
    QStringList createSearchIndexes() const override
    {
        QStringList statements {
            u"ALTER TABLE articles ADD COLUMN search_document tsvector GENERATED ALWAYS AS"
            " (to_tsvector('simple', title || ' ' || text)) STORED"_s,
            u"CREATE INDEX article_search ON articles USING gin (search_document)"_s,
            u"CREATE EXTENSION IF NOT EXISTS pg_trgm"_s,
            u"CREATE TABLE annotation_search (rowid BIGINT PRIMARY KEY, body TEXT, speaker TEXT, type TEXT,"
            " kind TEXT, status TEXT, layer TEXT, article_id INTEGER, record_id INTEGER,"
            " search_document tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(body, '') || ' '"
            " || coalesce(speaker, '') || ' ' || coalesce(type, '') || ' ' || coalesce(kind, ''))) STORED)"_s,
            u"CREATE INDEX annotation_search_document ON annotation_search USING gin (search_document)"_s,
        };
        for (const QString &column : { u"title"_s, u"source"_s, u"key"_s }) {
            statements << u"CREATE INDEX articles_%1_trigrams ON articles USING gin (%1 gin_trgm_ops)"_s.arg(
                column);
        }
        return statements;
    }

    // PostgreSQL's planner needs no hint, and "+text" is no expression there.
    QString withoutIndex(const QString &column) const override { return column; }
    QString like() const override { return u"ILIKE"_s; }
    bool hasArticleFilterTable() const override { return false; }

    // Any number that only Byline's upgrades take; released with the transaction.
    QString migrationLock() const override { return u"SELECT pg_advisory_xact_lock(2064017)"_s; }

    // One trigger function for every table; it finds the article a row belongs to. A mention whose
    // entity went in the same statement (a cascade) names no article: the entity's own
    // announcement covers it. Announcements are sent when the writer commits, and identical ones of
    // one transaction (the parts of a quote) arrive once.
    QStringList changeNotifications() const override
    {
        QStringList statements {
            u"CREATE FUNCTION byline_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$"
            " DECLARE changed record; article BIGINT; row_id BIGINT; BEGIN"
            " IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;"
            " IF TG_TABLE_NAME = 'articles' THEN article := changed.id; row_id := changed.id;"
            " ELSIF TG_TABLE_NAME = 'mentions' THEN row_id := changed.id;"
            " SELECT e.article_id INTO article FROM entities e WHERE e.id = changed.entity_id;"
            " ELSIF TG_TABLE_NAME = 'quote_parts' THEN row_id := changed.quote_id;"
            " SELECT q.article_id INTO article FROM quotes q WHERE q.id = changed.quote_id;"
            " ELSE article := changed.article_id; row_id := changed.id; END IF;"
            " PERFORM pg_notify('%1', json_build_object('article', article, 'table', TG_TABLE_NAME,"
            " 'id', row_id, 'session', pg_backend_pid())::text);"
            " RETURN NULL; END $$"_s.arg(changeChannel()),
            // The counts on the article row change with every annotation, which announces itself.
            u"CREATE TRIGGER articles_announce AFTER INSERT OR DELETE OR UPDATE OF key, title, source,"
            " published, status, text ON articles FOR EACH ROW EXECUTE FUNCTION byline_announce_change()"_s,
        };
        for (const QString &table :
            { u"entities"_s, u"mentions"_s, u"quotes"_s, u"quote_parts"_s, u"figures"_s }) {
            statements << u"CREATE TRIGGER %1_announce AFTER INSERT OR UPDATE OR DELETE ON %1 FOR EACH ROW"
                          " EXECUTE FUNCTION byline_announce_change()"_s.arg(table);
        }
        return statements;
    }

    QStringList resetIdSequences(const QStringList &tables) const override
    {
        QStringList statements;
        for (const QString &table : tables) {
            statements
                << u"SELECT setval(pg_get_serial_sequence('%1', 'id'), coalesce(max(id), 0) + 1, false)"
                   " FROM %1"_s.arg(table);
        }
        return statements;
    }
};

} // namespace

QString SqlDialect::changeChannel()
{
    return u"byline_changes"_s;
}

const SqlDialect &SqlDialect::of(const QSqlDatabase &database)
{
    static const SqliteDialect sqlite;
    static const PostgresDialect postgres;
    return database.driverName() == u"QPSQL"_s ? static_cast<const SqlDialect &>(postgres) : sqlite;
}

} // namespace Byline
