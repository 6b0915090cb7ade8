// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqldialect.h"

#include "corpusquery.h"

#include <QRegularExpression>
#include <QSqlDatabase>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// A string of FTS5: inside double quotes nothing is an operator, and a double quote is written
// twice. The tokenizer splits it into words as it split the texts: several make a phrase.
QString ftsString(const QString &text)
{
    return u"\""_s + QString(text).replace(u'"', u"\"\""_s) + u"\""_s;
}

QString ftsWords(const QList<SearchTerm> &words)
{
    QStringList terms;
    for (const SearchTerm &word : words)
        terms << ftsString(word.text) + (word.kind == SearchTerm::Kind::Prefix ? u" *"_s : QString());
    return terms.join(u" AND "_s);
}

// A quoted operand of to_tsquery(): inside single quotes nothing is an operator; a quote is
// written twice and a backslash escaped. The server splits it into words as it split the texts
// (several make a phrase, as in FTS5), and ":*" makes it a prefix.
QString tsString(const QString &text)
{
    return u"'"_s + QString(text).replace(u'\\', u"\\\\"_s).replace(u'\'', u"''"_s) + u"'"_s;
}

QString tsWords(const QList<SearchTerm> &words)
{
    QStringList terms;
    for (const SearchTerm &word : words)
        terms << tsString(word.text) + (word.kind == SearchTerm::Kind::Prefix ? u":*"_s : QString());
    return terms.join(u" & "_s);
}

// Whether an article's curated layer has begun: its row of the per-annotator counts (schema
// version 11) counts something, one probe of their key.
constexpr auto curatedCounts = "EXISTS (SELECT 1 FROM article_counts_by_annotator c WHERE c.article_id = a.id"
                               " AND c.annotator = 'curator' AND c.entity_count + c.quote_count"
                               " + c.figure_count > 0)"_L1;

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

    // The insert triggers of the annotation tables (schema step 4) with the same guard: a row in a
    // range is there again after an undo, and the backlog will index it.
    QStringList searchTriggersWithBacklog() const override
    {
        const auto notInBacklog = [](const char *row, const char *table = "articles") {
            return u"NOT EXISTS (SELECT 1 FROM search_backlog WHERE source = '%2' AND first_id <= %1.id"
                   " AND last_id >= %1.id)"_s.arg(QLatin1StringView(row), QLatin1StringView(table));
        };
        const QString searchColumns
            = u"INSERT INTO annotation_search (rowid, body, speaker, type, kind, status,"
              " layer, article_id, record_id)"_s;
        return {
            u"DROP TRIGGER entities_insert"_s,
            u"DROP TRIGGER quotes_insert"_s,
            u"DROP TRIGGER figures_insert"_s,
            u"CREATE TRIGGER entities_insert AFTER INSERT ON entities BEGIN"
            " UPDATE articles SET entity_count = entity_count + 1 WHERE id = new.article_id;"
            " %1 SELECT new.id * 4 + 1, new.name, '', new.type, '', new.status, 'entity', new.article_id,"
            " new.id WHERE %2; END"_s.arg(searchColumns, notInBacklog("new", "entities")),
            u"CREATE TRIGGER quotes_insert AFTER INSERT ON quotes BEGIN"
            " UPDATE articles SET quote_count = quote_count + 1 WHERE id = new.article_id;"
            " %1 SELECT new.id * 4 + 2, '',"
            " coalesce((SELECT name FROM entities WHERE id = new.speaker_id), ''),"
            " '', new.kind, new.status, 'quote', new.article_id, new.id WHERE %2; END"_s.arg(
                searchColumns, notInBacklog("new", "quotes")),
            u"CREATE TRIGGER figures_insert AFTER INSERT ON figures BEGIN"
            " UPDATE articles SET figure_count = figure_count + 1 WHERE id = new.article_id;"
            " %1 SELECT new.id * 4 + 3,"
            " (SELECT substr(text, new.span_start + 1, new.span_end - new.span_start)"
            " FROM articles WHERE id = new.article_id), '', '', new.kind, new.status, 'figure',"
            " new.article_id, new.id WHERE %2; END"_s.arg(searchColumns, notInBacklog("new", "figures")),
            u"DROP TRIGGER articles_search_insert"_s,
            u"DROP TRIGGER articles_search_delete"_s,
            u"DROP TRIGGER articles_search_update"_s,
            // Undo brings a removed article back under its id, which may lie in a range.
            u"CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN"
            " INSERT INTO article_search (rowid, title, text) SELECT new.id, new.title, new.text WHERE %1;"
            " INSERT INTO article_filter (rowid, title, source, key) VALUES (new.id, new.title, new.source,"
            " new.key); END"_s.arg(notInBacklog("new")),
            u"CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN"
            " INSERT INTO article_search (article_search, rowid, title, text)"
            " SELECT 'delete', old.id, old.title, old.text WHERE %1;"
            " INSERT INTO article_filter (article_filter, rowid, title, source, key)"
            " VALUES ('delete', old.id, old.title, old.source, old.key); END"_s.arg(notInBacklog("old")),
            u"CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text ON articles WHEN %1 BEGIN"
            " INSERT INTO article_search (article_search, rowid, title, text)"
            " VALUES ('delete', old.id, old.title, old.text);"
            " INSERT INTO article_search (rowid, title, text) VALUES (new.id, new.title, new.text); END"_s
                .arg(notInBacklog("old")),
        };
    }

    // In rowid order FTS5 reads its index as a stream: a page after the last hit costs what the
    // first one costs, instead of ranking every match again.
    TextSearchSql articleSearch(const CorpusQuery &query) const override
    {
        return { u"article_search JOIN articles a ON a.id = article_search.rowid"_s,
            u"article_search MATCH ?"_s, { ftsWords(query.words()) }, u"article_search.rowid"_s,
            u"highlight(article_search, 1, char(57344), char(57345))"_s };
    }

    TextSearchSql annotationSearch(const CorpusQuery &query) const override
    {
        QStringList conditions;
        if (!query.words().isEmpty())
            conditions << u"body : ("_s + ftsWords(query.words()) + u")"_s;
        for (const SearchField &field : query.fields())
            conditions << field.name + u" : "_s + ftsString(field.value);
        if (!query.layer().isEmpty())
            conditions << u"layer : "_s + ftsString(query.layer());
        return { u"annotation_search JOIN articles a ON a.id = annotation_search.article_id"_s,
            u"annotation_search MATCH ?"_s, { conditions.join(u" AND "_s) }, u"annotation_search.rowid"_s };
    }

    TextSearchSql articlesWithAnyPhrase(const QStringList &phrases) const override
    {
        QStringList quoted;
        for (const QString &phrase : phrases)
            quoted << ftsString(phrase);
        return { u"article_search JOIN articles a ON a.id = article_search.rowid"_s,
            u"article_search MATCH ?"_s, { QString(u"text : ("_s + quoted.join(u" OR "_s) + u")"_s) },
            u"article_search.rowid"_s };
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
    QStringList enforceTeamRoles() const override { return {}; }
    QString announcement() const override { return {}; }
    QStringList enforceAssignmentRoles() const override { return {}; }
    QStringList protectCurationState() const override { return {}; }
    QStringList protectAnnotatorCounts() const override { return {}; }
    // A file has one user, who reads every annotation: the totals on the article rows.
    QString ownCountsQuery() const override { return {}; }
    QString ownCountsJoin() const override { return {}; }
    QString curationBegun() const override { return curatedCounts; }
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

    // Generated columns index each row as it is written.
    QStringList searchTriggersWithBacklog() const override { return {}; }

    // The tsvector columns of schema version 4 through their GIN indexes. Their 'simple'
    // configuration lowercases words and keeps them whole, as FTS5's tokenizer does (without its
    // folding of diacritics). The planner chooses between walking the ids in order, which stops
    // after a page of a frequent word, and the index, which finds a rare one at once.
    // ts_headline() marks each word of a phrase wherever it occurs, not the phrase: no marked text.
    TextSearchSql articleSearch(const CorpusQuery &query) const override
    {
        return { u"articles a"_s, u"a.search_document @@ to_tsquery('simple', ?)"_s,
            { tsWords(query.words()) }, u"a.id"_s };
    }

    // The index covers body, speaker, type and kind together: it narrows the rows, and each field
    // is checked on its own after it, as FTS5's column filters would.
    TextSearchSql annotationSearch(const CorpusQuery &query) const override
    {
        QStringList indexed;
        QStringList conditions;
        QVariantList values;
        const auto textField = [&](const QString &column, const QString &tsquery) {
            indexed << u"("_s + tsquery + u")"_s;
            conditions
                << u"to_tsvector('simple', coalesce(annotation_search.%1, '')) @@ to_tsquery('simple', ?)"_s
                       .arg(column);
            values << tsquery;
        };
        if (!query.words().isEmpty())
            textField(u"body"_s, tsWords(query.words()));
        for (const SearchField &field : query.fields()) {
            if (field.name == u"speaker"_s || field.name == u"type"_s) {
                textField(field.name, tsString(field.value));
            } else {
                conditions << u"annotation_search.%1 = ?"_s.arg(field.name);
                values << field.value;
            }
        }
        if (!query.layer().isEmpty()) {
            conditions << u"annotation_search.layer = ?"_s;
            values << query.layer();
        }
        if (!indexed.isEmpty()) {
            conditions.prepend(u"annotation_search.search_document @@ to_tsquery('simple', ?)"_s);
            values.prepend(indexed.join(u" & "_s));
        }
        return { u"annotation_search JOIN articles a ON a.id = annotation_search.article_id"_s,
            conditions.join(u" AND "_s), values, u"annotation_search.rowid"_s };
    }

    TextSearchSql articlesWithAnyPhrase(const QStringList &phrases) const override
    {
        QStringList quoted;
        for (const QString &phrase : phrases)
            quoted << tsString(phrase);
        return { u"articles a"_s, u"a.search_document @@ to_tsquery('simple', ?)"_s,
            { quoted.join(u" | "_s) }, u"a.id"_s };
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

    // Delivered when the writer commits, like the triggers' announcements.
    QString announcement() const override { return u"SELECT pg_notify('%1', ?)"_s.arg(changeChannel()); }

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

    // Every rule of models/teamroles.h in the server's words. Roles belong to the whole server
    // (the groups are shared by its projects); grants and policies to this database.
    QStringList enforceTeamRoles() const override
    {
        QStringList statements;
        for (const QString &group : { u"byline_annotator"_s, u"byline_curator"_s, u"byline_admin"_s }) {
            statements << u"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1') THEN"
                          " CREATE ROLE %1 NOLOGIN; END IF; END $$"_s.arg(group);
        }
        // Grants name the project's schema, whatever the creator's search path made it.
        const auto inSchema = [](const QString &grant) {
            return u"DO $$ BEGIN EXECUTE format('%1', current_schema()); END $$"_s.arg(grant);
        };
        // The tables of later schema steps, made by the same owner, get the same grants.
        for (const QString &grants : { u"GRANT SELECT ON %1 TO byline_annotator, byline_curator"_s,
                 u"GRANT ALL ON %1 TO byline_admin"_s }) {
            statements << inSchema(grants.arg(u"ALL TABLES IN SCHEMA %I"_s))
                       << inSchema(u"ALTER DEFAULT PRIVILEGES IN SCHEMA %I "_s + grants.arg(u"TABLES"_s));
        }
        const QString sequences = u"GRANT USAGE ON %1 TO byline_annotator, byline_curator, byline_admin"_s;
        statements << inSchema(sequences.arg(u"ALL SEQUENCES IN SCHEMA %I"_s))
                   << inSchema(u"ALTER DEFAULT PRIVILEGES IN SCHEMA %I "_s + sequences.arg(u"SEQUENCES"_s))
                   // An article's status is the team's shared progress until assignments give
                   // each annotator a queue of their own.
                   << u"GRANT UPDATE (status) ON articles TO byline_annotator, byline_curator"_s
                   // Which of the annotations: the policies below.
                   << u"GRANT INSERT, UPDATE, DELETE ON entities, mentions, quotes, quote_parts, figures"
                      " TO byline_annotator, byline_curator"_s;
        // Which rows a session may see and change; policies apply to every role but the tables'
        // owner (the project's creator), and the grants above decide who reaches a table at all.
        // SQL functions, so that the planner inlines them into each query.
        statements
            << u"CREATE OR REPLACE FUNCTION byline_blind() RETURNS boolean LANGUAGE sql STABLE AS"
               " $$ SELECT coalesce((SELECT value <> 'off' FROM byline_meta WHERE key = 'blind'), true) $$"_s
            << u"CREATE OR REPLACE FUNCTION byline_may_read(annotator text, status text) RETURNS boolean"
               " LANGUAGE sql STABLE AS $$ SELECT annotator = current_user OR status = 'auto'"
               " OR NOT byline_blind() OR pg_has_role('byline_curator', 'USAGE')"
               " OR pg_has_role('byline_admin', 'USAGE') $$"_s
            << u"CREATE OR REPLACE FUNCTION byline_may_write(annotator text, status text) RETURNS boolean"
               " LANGUAGE sql STABLE AS $$ SELECT annotator = current_user OR status = 'auto'"
               " OR (annotator = 'curator' AND pg_has_role('byline_curator', 'USAGE'))"
               " OR pg_has_role('byline_admin', 'USAGE') $$"_s;
        for (const QString &table : { u"entities"_s, u"mentions"_s, u"quotes"_s, u"figures"_s }) {
            statements
                << u"ALTER TABLE %1 ENABLE ROW LEVEL SECURITY"_s.arg(table)
                << u"CREATE POLICY byline_read ON %1 FOR SELECT USING (byline_may_read(annotator, status))"_s
                       .arg(table)
                << u"CREATE POLICY byline_insert ON %1 FOR INSERT"
                   " WITH CHECK (byline_may_write(annotator, status))"_s.arg(table)
                << u"CREATE POLICY byline_update ON %1 FOR UPDATE USING (byline_may_write(annotator, status))"
                   " WITH CHECK (byline_may_write(annotator, status))"_s.arg(table)
                << u"CREATE POLICY byline_delete ON %1 FOR DELETE USING (byline_may_write(annotator, status))"_s
                       .arg(table);
        }
        // A quote's parts have no annotator: they go with their quote (the subquery on quotes is
        // itself filtered by the quotes' policies).
        const QString quoteWritable = u"EXISTS (SELECT 1 FROM quotes q WHERE q.id = quote_id"
                                      " AND byline_may_write(q.annotator, q.status))"_s;
        statements
            << u"ALTER TABLE quote_parts ENABLE ROW LEVEL SECURITY"_s
            << u"CREATE POLICY byline_read ON quote_parts FOR SELECT"
               " USING (EXISTS (SELECT 1 FROM quotes q WHERE q.id = quote_id))"_s
            << u"CREATE POLICY byline_insert ON quote_parts FOR INSERT WITH CHECK (%1)"_s.arg(quoteWritable)
            << u"CREATE POLICY byline_update ON quote_parts FOR UPDATE USING (%1) WITH CHECK (%1)"_s.arg(
                   quoteWritable)
            << u"CREATE POLICY byline_delete ON quote_parts FOR DELETE USING (%1)"_s.arg(quoteWritable);
        // The search index shows what its record's policies let the session see, so that search
        // does not reveal others' annotations in blind mode. Only the triggers write it.
        statements << u"ALTER TABLE annotation_search ENABLE ROW LEVEL SECURITY"_s
                   << u"CREATE POLICY byline_read ON annotation_search FOR SELECT USING (CASE layer"
                      " WHEN 'entity' THEN EXISTS (SELECT 1 FROM entities e WHERE e.id = record_id)"
                      " WHEN 'quote' THEN EXISTS (SELECT 1 FROM quotes q WHERE q.id = record_id)"
                      " ELSE EXISTS (SELECT 1 FROM figures f WHERE f.id = record_id) END)"_s;
        // The annotation triggers keep the article counts and the search index, which annotators
        // may not write themselves.
        statements << triggersRunAsOwner();
        return statements;
    }

    // The triggers of the annotation tables run with their owner's rights, on a fixed path.
    static QString triggersRunAsOwner()
    {
        return u"DO $$ DECLARE f regprocedure; BEGIN FOR f IN SELECT DISTINCT t.tgfoid::regprocedure"
               " FROM pg_trigger t WHERE NOT t.tgisinternal AND t.tgrelid IN ('entities'::regclass,"
               " 'mentions'::regclass, 'quotes'::regclass, 'quote_parts'::regclass, 'figures'::regclass)"
               " LOOP EXECUTE format('ALTER FUNCTION %s SECURITY DEFINER SET search_path = %I, pg_temp',"
               " f, current_schema()); END LOOP; END $$"_s;
    }

    // Every member reads the table and admins write it (the grants below repeat version 7's default
    // privileges, which only cover tables of the same owner); the policies narrow what a member
    // reads to their own rows, and only done_at is theirs to change. Inserting and removing
    // assignments stays the admins': an annotator cannot queue themselves.
    QStringList enforceAssignmentRoles() const override
    {
        return {
            u"GRANT SELECT ON assignments TO byline_annotator, byline_curator"_s,
            u"GRANT UPDATE (done_at) ON assignments TO byline_annotator, byline_curator"_s,
            u"GRANT ALL ON assignments TO byline_admin"_s,
            u"ALTER TABLE assignments ENABLE ROW LEVEL SECURITY"_s,
            u"CREATE POLICY byline_read ON assignments FOR SELECT USING (annotator = current_user)"_s,
            u"CREATE POLICY byline_update ON assignments FOR UPDATE USING (annotator = current_user)"
            " WITH CHECK (annotator = current_user)"_s,
            u"CREATE POLICY byline_manage ON assignments FOR ALL TO byline_admin USING (true) WITH CHECK (true)"_s,
        };
    }

    // Everyone reads it (the default privileges of version 7); the grant lets curators write, and
    // the policies say the same in row terms, so that a later broader grant does not open it.
    QStringList protectCurationState() const override
    {
        const QString curatorOrAdmin
            = u"pg_has_role('byline_curator', 'USAGE') OR pg_has_role('byline_admin', 'USAGE')"_s;
        return {
            u"GRANT INSERT, UPDATE, DELETE ON curation_state TO byline_curator"_s,
            u"ALTER TABLE curation_state ENABLE ROW LEVEL SECURITY"_s,
            u"CREATE POLICY byline_read ON curation_state FOR SELECT USING (true)"_s,
            u"CREATE POLICY byline_insert ON curation_state FOR INSERT WITH CHECK (%1)"_s.arg(curatorOrAdmin),
            u"CREATE POLICY byline_update ON curation_state FOR UPDATE USING (%1) WITH CHECK (%1)"_s.arg(
                curatorOrAdmin),
            u"CREATE POLICY byline_delete ON curation_state FOR DELETE USING (%1)"_s.arg(curatorOrAdmin),
        };
    }

    // A member reads the counts of the annotations the policies of version 7 let them read: the
    // suggestions' row ('', as status auto is readable) and, in blind mode, an annotator only their
    // own. Nobody writes them but the triggers, which run as the tables' owner (no write policy).
    //
    // Curation progress says whether a curator began or finished an article, not what the curated
    // annotations are: every member may see it (curation_state is readable to all, version 10), so
    // a blind annotator's list shows the same progress as the curator's. Whether the curated layer
    // has begun is read through a function with the owner's rights, which answers yes or no and
    // lets nobody read the curated counts themselves.
    QStringList protectAnnotatorCounts() const override
    {
        QStringList statements {
            u"CREATE OR REPLACE FUNCTION byline_counts_own() RETURNS boolean LANGUAGE sql STABLE AS"
            " $$ SELECT byline_blind() AND row_security_active('entities')"
            " AND NOT pg_has_role('byline_curator', 'USAGE') AND NOT pg_has_role('byline_admin', 'USAGE') $$"_s,
            u"DO $$ BEGIN EXECUTE format('CREATE OR REPLACE FUNCTION byline_curation_begun(article integer)"
            " RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = %I, pg_temp AS"
            " $f$ SELECT %1 $f$', current_schema()); END $$"_s.arg(
                QString(curatedCounts).replace(u"a.id"_s, u"article"_s).replace(u"'"_s, u"''"_s)),
        };
        for (const QString &table :
            { u"article_counts_by_annotator"_s, u"annotation_counts_by_annotator"_s }) {
            statements << u"ALTER TABLE %1 ENABLE ROW LEVEL SECURITY"_s.arg(table)
                       << u"CREATE POLICY byline_read ON %1 FOR SELECT"
                          " USING (annotator = '' OR byline_may_read(annotator, ''))"_s.arg(table);
        }
        statements << triggersRunAsOwner();
        return statements;
    }

    QString ownCountsQuery() const override { return u"SELECT byline_counts_own()"_s; }

    // A lateral read of the key per listed row: the planner cannot turn it into reading every
    // count row (each through the policy) to list one page, as it may a join. A sort by the counts
    // reads it for every filtered article.
    QString ownCountsJoin() const override
    {
        return u" LEFT JOIN LATERAL (SELECT sum(c.entity_count) AS entity_count, sum(c.quote_count) AS "
               u"quote_count,"
               " sum(c.figure_count) AS figure_count FROM article_counts_by_annotator c WHERE c.article_id = "
               "a.id"
               " AND c.annotator IN (CAST(current_user AS TEXT), '')) own ON true"_s;
    }

    QString curationBegun() const override { return u"byline_curation_begun(a.id)"_s; }
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
