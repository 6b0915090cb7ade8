// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

#include "annotationschema.h"
#include "sqldialect.h"
#include "texthash.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Byline {

QList<EntityType> defaultEntityTypes()
{
    return {
        { u"PERSON"_s, QColor(0x4e, 0x79, 0xa7), u"1"_s, u"People, real or fictional"_s },
        { u"ORG"_s, QColor(0xf2, 0x8e, 0x2b), u"2"_s, u"Companies, agencies, institutions, parties"_s },
        { u"GPE"_s, QColor(0x59, 0xa1, 0x4f), u"3"_s, u"Countries, cities, states"_s },
        { u"LOC"_s, QColor(0x76, 0xb7, 0xb2), u"4"_s, u"Other places: regions, seas, mountains"_s },
        { u"NORP"_s, QColor(0xb0, 0x7a, 0xa1), u"5"_s, u"Nationalities, religious and political groups"_s },
        { u"EVENT"_s, QColor(0xed, 0xc9, 0x48), u"6"_s, u"Named events"_s },
    };
}

namespace {

// Columns every annotation table carries: its provenance.
constexpr auto provenanceColumns = "status TEXT NOT NULL,"
                                   " annotator TEXT NOT NULL DEFAULT '',"
                                   " created_at TEXT NOT NULL,"
                                   " modified_at TEXT NOT NULL,"
                                   " confidence REAL,"
                                   " rule TEXT NOT NULL DEFAULT '',"
                                   " previous TEXT"_L1;

} // namespace

SchemaMigrator::SchemaMigrator(QSqlDatabase &database)
    : m_database(database)
{
}

int SchemaMigrator::storedVersion() const
{
    if (!m_database.tables().contains(u"byline_meta"_s))
        return m_database.tables().isEmpty() ? 0 : -1;
    QSqlQuery query(m_database);
    if (!query.exec(u"SELECT value FROM byline_meta WHERE key = 'schema_version'"_s) || !query.next())
        return -1;
    bool ok = false;
    const int version = query.value(0).toInt(&ok);
    return ok ? version : -1;
}

bool SchemaMigrator::migrate(int targetVersion)
{
    const int stored = storedVersion();
    if (stored < 0) {
        m_error = QCoreApplication::translate("Byline::SchemaMigrator", "The file is not a Byline project.");
        return false;
    }
    if (stored > currentVersion) {
        m_error = QCoreApplication::translate("Byline::SchemaMigrator",
            "The project was saved by a newer Byline (schema version %1; this version reads up to %2).")
                      .arg(stored)
                      .arg(currentVersion);
        return false;
    }
    for (int version = stored + 1; version <= targetVersion; ++version) {
        if (!m_database.transaction()) {
            m_error = m_database.lastError().text();
            return false;
        }
        // Clients of a server project may open it at once: one upgrades, the others wait for
        // it and then find the step done.
        if (const QString lock = SqlDialect::of(m_database).migrationLock(); !lock.isEmpty()) {
            if (!exec(lock)) {
                m_database.rollback();
                return false;
            }
            if (storedVersion() >= version) {
                m_database.commit();
                continue;
            }
        }
        if (!runStep(version)
            || !exec(u"INSERT INTO byline_meta (key, value) VALUES ('schema_version', '%1')"
                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s.arg(version))
            || !m_database.commit()) {
            if (m_error.isEmpty())
                m_error = m_database.lastError().text();
            m_database.rollback();
            return false;
        }
    }
    return true;
}

bool SchemaMigrator::runStep(int version)
{
    switch (version) {
    case 1:
        return createInitialTables();
    case 2:
        return addTextHashes();
    case 3:
        return addAnnotationKinds();
    case 4:
        return addCorpusIndexes();
    case 5:
        return addExtraFields();
    case 6:
        return addAnnotationCounts();
    case 7:
        return addTeamRoles();
    case 8:
        return addRowVersions();
    case 9:
        return addAssignments();
    case 10:
        return addCurationState();
    case 11:
        return addAnnotatorCounts();
    case 12:
        return dropArticleAnnotatorIndexes();
    case 13:
        return addSearchBacklog();
    }
    Q_UNREACHABLE_RETURN(false);
}

// Ids are never reused (AUTOINCREMENT): undo brings a removed record back under its old id,
// which must still be free after other records came and went.
bool SchemaMigrator::createInitialTables()
{
    const QString provenance = provenanceColumns;
    const QStringList statements {
        u"CREATE TABLE byline_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"CREATE TABLE entity_types (name TEXT PRIMARY KEY, colour TEXT NOT NULL, shortcut TEXT NOT NULL "
        u"DEFAULT '',"
        " description TEXT NOT NULL DEFAULT '', position INTEGER NOT NULL)"_s,
        u"CREATE TABLE articles (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, title TEXT "
        u"NOT NULL "
        u"DEFAULT '',"
        " source TEXT NOT NULL DEFAULT '', published TEXT NOT NULL DEFAULT '', imported_at TEXT NOT NULL,"
        " status TEXT NOT NULL DEFAULT 'todo', text TEXT NOT NULL)"_s,
        u"CREATE TABLE entities (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
        " name TEXT NOT NULL, type TEXT NOT NULL, "_s
            + provenance + u")"_s,
        u"CREATE INDEX entities_article ON entities(article_id)"_s,
        u"CREATE TABLE mentions (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,"
        " start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, "_s
            + provenance + u")"_s,
        u"CREATE INDEX mentions_entity ON mentions(entity_id)"_s,
        u"CREATE TABLE quotes (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, kind TEXT NOT NULL,"
        " cue_start INTEGER, cue_end INTEGER, source_start INTEGER, source_end INTEGER,"
        " speaker_id INTEGER REFERENCES entities(id) ON DELETE SET NULL, "_s
            + provenance + u")"_s,
        u"CREATE INDEX quotes_article ON quotes(article_id)"_s,
        u"CREATE INDEX quotes_speaker ON quotes(speaker_id)"_s,
        u"CREATE TABLE quote_parts (quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,"
        " position INTEGER NOT NULL, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL,"
        " PRIMARY KEY (quote_id, position))"_s,
        u"CREATE TABLE figures (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, kind TEXT NOT NULL,"
        " span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,"
        " number_start INTEGER NOT NULL, number_end INTEGER NOT NULL,"
        " value_number REAL, value_text TEXT, value_max REAL,"
        " unit TEXT NOT NULL DEFAULT '', qualifier TEXT NOT NULL DEFAULT '', "_s
            + provenance + u")"_s,
        u"CREATE INDEX figures_article ON figures(article_id)"_s,
    };
    for (const QString &statement : statements) {
        if (!exec(statement))
            return false;
    }
    QSqlQuery insert(m_database);
    insert.prepare(u"INSERT INTO entity_types (name, colour, shortcut, description, position)"
                   " VALUES (?, ?, ?, ?, ?)"_s);
    int position = 0;
    for (const EntityType &type : defaultEntityTypes()) {
        insert.addBindValue(type.name);
        insert.addBindValue(type.colour.name());
        insert.addBindValue(type.shortcut);
        insert.addBindValue(type.description);
        insert.addBindValue(position++);
        if (!insert.exec()) {
            m_error = insert.lastError().text();
            return false;
        }
    }
    return true;
}

// Version 2 recognises an article imported twice by its text: a hash column, filled in
// for the articles of older projects.
bool SchemaMigrator::addTextHashes()
{
    if (!exec(u"ALTER TABLE articles ADD COLUMN text_hash TEXT"_s)
        || !exec(u"CREATE INDEX articles_text_hash ON articles(text_hash)"_s)
        || !exec(u"CREATE INDEX articles_status ON articles(status)"_s))
        return false;
    QSqlQuery select(m_database);
    select.setForwardOnly(true);
    if (!select.exec(u"SELECT id, text FROM articles"_s)) {
        m_error = select.lastError().text();
        return false;
    }
    QSqlQuery update(m_database);
    update.prepare(u"UPDATE articles SET text_hash = ? WHERE id = ?"_s);
    while (select.next()) {
        update.addBindValue(textHash(select.value(1).toString()));
        update.addBindValue(select.value(0));
        if (!update.exec()) {
            m_error = update.lastError().text();
            return false;
        }
    }
    return true;
}

// Version 3 keeps the lists of quote and figure kinds in the project, next to its entity
// types, so that the schema dialog can change them; older projects get the guidelines' kinds.
bool SchemaMigrator::addAnnotationKinds()
{
    if (!exec(u"CREATE TABLE annotation_kinds (layer TEXT NOT NULL, name TEXT NOT NULL,"
              " position INTEGER NOT NULL, PRIMARY KEY (layer, name))"_s))
        return false;
    QSqlQuery insert(m_database);
    insert.prepare(u"INSERT INTO annotation_kinds (layer, name, position) VALUES (?, ?, ?)"_s);
    const std::pair<QString, QStringList> layers[]
        = { { u"quote"_s, defaultQuoteKinds() }, { u"figure"_s, defaultFigureKinds() } };
    for (const auto &[layer, kinds] : layers) {
        for (int position = 0; position < kinds.size(); ++position) {
            insert.addBindValue(layer);
            insert.addBindValue(kinds[position]);
            insert.addBindValue(position);
            if (!insert.exec()) {
                m_error = insert.lastError().text();
                return false;
            }
        }
    }
    return true;
}

// Version 4 serves the corpus at scale (issue 9): the article list sorts and filters through
// indexes, and full-text search (FTS5) covers article texts and annotations.
//
// Triggers, not the store's write paths, keep the counts and the search index current: rows also
// change through foreign-key actions (a removed entity clears the speaker of its quotes, a removed
// article takes its annotations along) and through write paths added later, which would each have
// to remember the index. A trigger sees every change, inside the writer's transaction.
//
// Counts live on the article row so that sorting by them walks an index instead of counting every
// article's annotations. Each sortable column has an index of its own and one behind the status,
// so that "status = ? ORDER BY column" is one index range as well.
//
// The search indexes themselves differ between the backends (SqlDialect::createSearchIndexes());
// annotation_search holds one row per entity, quote and figure, with rowid = id * 4 + layer so a
// trigger reaches its row directly. Offsets are code points, as SQLite's and PostgreSQL's substr()
// count, so the quoted and figure texts are cut from the article in SQL.
bool SchemaMigrator::addCorpusIndexes()
{
    const QStringList counts {
        u"ALTER TABLE articles ADD COLUMN entity_count INTEGER NOT NULL DEFAULT 0"_s,
        u"ALTER TABLE articles ADD COLUMN quote_count INTEGER NOT NULL DEFAULT 0"_s,
        u"ALTER TABLE articles ADD COLUMN figure_count INTEGER NOT NULL DEFAULT 0"_s,
        u"UPDATE articles SET"
        " entity_count = (SELECT COUNT(*) FROM entities e WHERE e.article_id = articles.id),"
        " quote_count = (SELECT COUNT(*) FROM quotes q WHERE q.article_id = articles.id),"
        " figure_count = (SELECT COUNT(*) FROM figures f WHERE f.article_id = articles.id)"_s,
    };
    for (const QString &statement : counts) {
        if (!exec(statement))
            return false;
    }
    for (const QString &statement : SqlDialect::of(m_database).createSearchIndexes()) {
        if (!exec(statement))
            return false;
    }
    const QStringList statements {
        // Entities: layer 1.
        u"CREATE TRIGGER entities_insert AFTER INSERT ON entities BEGIN"
        " UPDATE articles SET entity_count = entity_count + 1 WHERE id = new.article_id;"
        " INSERT INTO annotation_search (rowid, body, speaker, type, kind, status, layer, article_id,"
        " record_id) VALUES (new.id * 4 + 1, new.name, '', new.type, '', new.status, 'entity',"
        " new.article_id, new.id); END"_s,
        u"CREATE TRIGGER entities_delete AFTER DELETE ON entities BEGIN"
        " UPDATE articles SET entity_count = entity_count - 1 WHERE id = old.article_id;"
        " DELETE FROM annotation_search WHERE rowid = old.id * 4 + 1; END"_s,
        u"CREATE TRIGGER entities_update AFTER UPDATE OF name, type, status ON entities BEGIN"
        " UPDATE annotation_search SET body = new.name, type = new.type, status = new.status"
        " WHERE rowid = new.id * 4 + 1;"
        " UPDATE annotation_search SET speaker = new.name"
        " WHERE rowid IN (SELECT id * 4 + 2 FROM quotes WHERE speaker_id = new.id); END"_s,
        // Quotes: layer 2; the content arrives with the parts, after the quote row.
        u"CREATE TRIGGER quotes_insert AFTER INSERT ON quotes BEGIN"
        " UPDATE articles SET quote_count = quote_count + 1 WHERE id = new.article_id;"
        " INSERT INTO annotation_search (rowid, body, speaker, type, kind, status, layer, article_id,"
        " record_id) VALUES (new.id * 4 + 2, '',"
        " coalesce((SELECT name FROM entities WHERE id = new.speaker_id), ''), '', new.kind, new.status,"
        " 'quote', new.article_id, new.id); END"_s,
        u"CREATE TRIGGER quotes_delete AFTER DELETE ON quotes BEGIN"
        " UPDATE articles SET quote_count = quote_count - 1 WHERE id = old.article_id;"
        " DELETE FROM annotation_search WHERE rowid = old.id * 4 + 2; END"_s,
        u"CREATE TRIGGER quotes_update AFTER UPDATE OF kind, speaker_id, status ON quotes BEGIN"
        " UPDATE annotation_search SET kind = new.kind, status = new.status,"
        " speaker = coalesce((SELECT name FROM entities WHERE id = new.speaker_id), '')"
        " WHERE rowid = new.id * 4 + 2; END"_s,
        u"CREATE TRIGGER quote_parts_insert AFTER INSERT ON quote_parts BEGIN"
        " UPDATE annotation_search SET body = (SELECT group_concat(part, ' … ') FROM"
        " (SELECT substr(a.text, p.start_offset + 1, p.end_offset - p.start_offset) AS part"
        " FROM quote_parts p JOIN quotes q ON q.id = p.quote_id JOIN articles a ON a.id = q.article_id"
        " WHERE p.quote_id = new.quote_id ORDER BY p.position))"
        " WHERE rowid = new.quote_id * 4 + 2; END"_s,
        // A quote's parts are replaced whole on every change; the insert trigger rebuilds the body.
        u"CREATE TRIGGER quote_parts_delete AFTER DELETE ON quote_parts BEGIN"
        " UPDATE annotation_search SET body = '' WHERE rowid = old.quote_id * 4 + 2"
        " AND NOT EXISTS (SELECT 1 FROM quote_parts WHERE quote_id = old.quote_id); END"_s,
        // Figures: layer 3.
        u"CREATE TRIGGER figures_insert AFTER INSERT ON figures BEGIN"
        " UPDATE articles SET figure_count = figure_count + 1 WHERE id = new.article_id;"
        " INSERT INTO annotation_search (rowid, body, speaker, type, kind, status, layer, article_id,"
        " record_id) VALUES (new.id * 4 + 3,"
        " (SELECT substr(text, new.span_start + 1, new.span_end - new.span_start) FROM articles"
        " WHERE id = new.article_id), '', '', new.kind, new.status, 'figure', new.article_id, new.id); END"_s,
        u"CREATE TRIGGER figures_delete AFTER DELETE ON figures BEGIN"
        " UPDATE articles SET figure_count = figure_count - 1 WHERE id = old.article_id;"
        " DELETE FROM annotation_search WHERE rowid = old.id * 4 + 3; END"_s,
        u"CREATE TRIGGER figures_update AFTER UPDATE OF kind, span_start, span_end, status ON figures BEGIN"
        " UPDATE annotation_search SET kind = new.kind, status = new.status,"
        " body = (SELECT substr(text, new.span_start + 1, new.span_end - new.span_start) FROM articles"
        " WHERE id = new.article_id) WHERE rowid = new.id * 4 + 3; END"_s,

        // Fill the index for the annotations of older projects.
        u"INSERT INTO annotation_search (rowid, body, speaker, type, kind, status, layer, article_id,"
        " record_id) SELECT id * 4 + 1, name, '', type, '', status, 'entity', article_id, id FROM entities"_s,
        u"INSERT INTO annotation_search (rowid, body, speaker, type, kind, status, layer, article_id,"
        " record_id) SELECT q.id * 4 + 2, coalesce((SELECT group_concat(part, ' … ') FROM"
        " (SELECT substr(a.text, p.start_offset + 1, p.end_offset - p.start_offset) AS part"
        " FROM quote_parts p JOIN articles a ON a.id = q.article_id WHERE p.quote_id = q.id"
        " ORDER BY p.position)), ''), coalesce(e.name, ''), '', q.kind, q.status, 'quote', q.article_id, q.id"
        " FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id"_s,
        u"INSERT INTO annotation_search (rowid, body, speaker, type, kind, status, layer, article_id,"
        " record_id) SELECT f.id * 4 + 3, substr(a.text, f.span_start + 1, f.span_end - f.span_start), '',"
        " '', f.kind, f.status, 'figure', f.article_id, f.id FROM figures f JOIN articles a"
        " ON a.id = f.article_id"_s,
    };
    for (const QString &statement : statements) {
        if (!exec(statement))
            return false;
    }
    // articles_status (version 2) serves "status = ?" in id order; the key has its unique index.
    for (const QString &column :
        { u"title"_s, u"source"_s, u"published"_s, u"entity_count"_s, u"quote_count"_s, u"figure_count"_s }) {
        if (!exec(u"CREATE INDEX articles_%1 ON articles(%1)"_s.arg(column))
            || !exec(u"CREATE INDEX articles_status_%1 ON articles(status, %1)"_s.arg(column)))
            return false;
    }
    return exec(u"CREATE INDEX articles_status_key ON articles(status, key)"_s);
}

// Version 5 keeps what a dataset file says about an article or annotation beyond Byline's model
// (a gold "note", "optional", a tool's own fields, an id that is not the default one) as a JSON
// object text, so that importing a file and exporting it again gives back the same bytes.
// NULL when there is nothing, which is almost always: the column costs nothing then.
bool SchemaMigrator::addExtraFields()
{
    for (const QString &table : { u"articles"_s, u"entities"_s, u"quotes"_s, u"figures"_s }) {
        if (!exec(u"ALTER TABLE %1 ADD COLUMN extra TEXT"_s.arg(table)))
            return false;
    }
    return true;
}

// Version 8 lets several clients of a server project write at once (issue 8). Each annotation row
// counts its writes: a client changes or removes a row only at the version it last read, so a
// change made meanwhile by someone else is never overwritten unseen. On a server, triggers
// announce every change (SqlDialect::changeNotifications()) so that the others read it again.
bool SchemaMigrator::addRowVersions()
{
    for (const QString &table : { u"entities"_s, u"mentions"_s, u"quotes"_s, u"figures"_s }) {
        if (!exec(u"ALTER TABLE %1 ADD COLUMN version INTEGER NOT NULL DEFAULT 1"_s.arg(table)))
            return false;
    }
    for (const QString &statement : SqlDialect::of(m_database).changeNotifications()) {
        if (!exec(statement))
            return false;
    }
    return true;
}

// Version 10 records which articles a curator finished (issue 8): the curated layer itself is
// annotations like any other (annotator "curator"), but whether every difference in an article was
// settled is the curator's word, which the article list shows as progress. A row means done. On a
// server, curators and admins write it and everyone reads it (SqlDialect::protectCurationState()).
bool SchemaMigrator::addCurationState()
{
    if (!exec(u"CREATE TABLE curation_state (article_id INTEGER PRIMARY KEY REFERENCES articles(id)"
              " ON DELETE CASCADE, curator TEXT NOT NULL, done_at TEXT NOT NULL)"_s))
        return false;
    // Whether a project has a curated layer, or several annotators, is asked on opening: an index
    // per layer led by the annotator answers it with a few seeks at any corpus size.
    for (const QString &table : { u"mentions"_s, u"quotes"_s, u"figures"_s }) {
        if (!exec(u"CREATE INDEX %1_annotator ON %1(annotator)"_s.arg(table)))
            return false;
    }
    for (const QString &statement : SqlDialect::of(m_database).protectCurationState()) {
        if (!exec(statement))
            return false;
    }
    return true;
}

// Version 7 enforces the team's roles on a server (models/teamroles.h): the display names of its
// members, the blind-annotation setting (on: an annotator sees only their own annotations and the
// extractor's suggestions), and the dialect's roles, grants and row-level security policies.
// Creating the group roles needs a role with CREATEROLE, unless they exist on the server already:
// the project's creator, who owns its tables, is its first admin.
bool SchemaMigrator::addTeamRoles()
{
    if (!exec(u"CREATE TABLE byline_users (name TEXT PRIMARY KEY, display_name TEXT NOT NULL DEFAULT '')"_s)
        || !exec(u"INSERT INTO byline_meta (key, value) VALUES ('blind', 'on')"_s))
        return false;
    QSqlQuery query(m_database);
    for (const QString &statement : SqlDialect::of(m_database).enforceTeamRoles()) {
        if (!query.exec(statement)) {
            m_error = query.lastError().text() + u" ("_s + statement.left(60) + u"…)"_s;
            return false;
        }
    }
    return true;
}

// Version 6 keeps the corpus-wide annotation counts per layer and status (issue 9): the status
// bar and the review label show them after every switch and review step, and counting every
// annotation of a 100,000-article project took seconds each time. Triggers keep the few rows
// current for the same reasons as the per-article counts of version 4. Entities count their
// mentions, which are what an analyst tags.
bool SchemaMigrator::addAnnotationCounts()
{
    if (!exec(u"CREATE TABLE annotation_counts (layer TEXT NOT NULL, status TEXT NOT NULL,"
              " total INTEGER NOT NULL, PRIMARY KEY (layer, status))"_s))
        return false;
    const std::pair<QString, QString> layers[]
        = { { u"mention"_s, u"mentions"_s }, { u"quote"_s, u"quotes"_s }, { u"figure"_s, u"figures"_s } };
    for (const auto &[layer, table] : layers) {
        const QString increment
            = u"INSERT INTO annotation_counts (layer, status, total) VALUES ('%1', new.status, 1)"
              " ON CONFLICT (layer, status) DO UPDATE SET total = annotation_counts.total + 1;"_s.arg(layer);
        const QString decrement
            = u"UPDATE annotation_counts SET total = total - 1 WHERE layer = '%1' AND status = old.status;"_s
                  .arg(layer);
        const QStringList statements {
            u"INSERT INTO annotation_counts (layer, status, total) SELECT '%1', status, COUNT(*) FROM %2"
            " GROUP BY status"_s.arg(layer, table),
            u"CREATE TRIGGER %1_count_insert AFTER INSERT ON %1 BEGIN %2 END"_s.arg(table, increment),
            u"CREATE TRIGGER %1_count_delete AFTER DELETE ON %1 BEGIN %2 END"_s.arg(table, decrement),
            u"CREATE TRIGGER %1_count_update AFTER UPDATE OF status ON %1 BEGIN %2 %3 END"_s.arg(
                table, decrement, increment),
        };
        for (const QString &statement : statements) {
            if (!exec(statement))
                return false;
        }
    }
    return true;
}

// Version 9 gives each annotator of a team a queue (issue 8): the admin assigns every article to
// N annotators, and each marks their own copy done. The article's status stays the team's shared
// state; done_at is this annotator's own "done", which their queue's progress counts. The primary
// key (annotator, article_id) serves the queue filter and its progress; the article index serves
// the assigner's "how many has this article" and the removal of articles.
//
// The curated layer (annotator "curator") shows in the article list as a state per article: an
// index on (article_id, annotator) of each annotation table answered "has it curated annotations"
// with one probe per listed row, whatever the corpus size (until version 11's counts; version 12
// drops them).
bool SchemaMigrator::addAssignments()
{
    const QStringList statements {
        u"CREATE TABLE assignments (article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
        " annotator TEXT NOT NULL, assigned_at TEXT NOT NULL, done_at TEXT,"
        " PRIMARY KEY (annotator, article_id))"_s,
        u"CREATE INDEX assignments_article ON assignments(article_id)"_s,
        u"CREATE INDEX assignments_done ON assignments(annotator, done_at)"_s,
        u"CREATE INDEX entities_article_annotator ON entities(article_id, annotator)"_s,
        u"CREATE INDEX quotes_article_annotator ON quotes(article_id, annotator)"_s,
        u"CREATE INDEX figures_article_annotator ON figures(article_id, annotator)"_s,
    };
    for (const QString &statement : statements) {
        if (!exec(statement))
            return false;
    }
    QSqlQuery query(m_database);
    for (const QString &statement : SqlDialect::of(m_database).enforceAssignmentRoles()) {
        if (!query.exec(statement)) {
            m_error = query.lastError().text() + u" ("_s + statement.left(60) + u"…)"_s;
            return false;
        }
    }
    return true;
}

// Version 11 keeps the counts of version 4 (per article) and 6 (corpus-wide) once more per
// annotator (issue 8): in blind mode an annotator's article list and status bar count only what
// the annotator may see, and counting their annotations for every listed article would read the
// annotation tables on every page. The key is whose the annotations are to a reader: the
// annotator, or '' for the extractor's suggestions (status auto), which belong to nobody and which
// every member sees; the curated layer counts under "curator". Triggers keep them as they keep the
// totals; an annotation that changes hands (a reviewed suggestion becomes the reviewer's) moves
// from one row to the other. On a server only the triggers write them and each member reads the
// rows they may (SqlDialect::protectAnnotatorCounts()).
bool SchemaMigrator::addAnnotatorCounts()
{
    const QStringList tables {
        u"CREATE TABLE article_counts_by_annotator (article_id INTEGER NOT NULL REFERENCES articles(id)"
        " ON DELETE CASCADE, annotator TEXT NOT NULL, entity_count INTEGER NOT NULL DEFAULT 0,"
        " quote_count INTEGER NOT NULL DEFAULT 0, figure_count INTEGER NOT NULL DEFAULT 0,"
        " PRIMARY KEY (article_id, annotator))"_s,
        u"CREATE TABLE annotation_counts_by_annotator (annotator TEXT NOT NULL, layer TEXT NOT NULL,"
        " status TEXT NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (annotator, layer, status))"_s,
    };
    for (const QString &statement : tables) {
        if (!exec(statement))
            return false;
    }
    const auto owner = [](const QString &row) {
        return u"CASE WHEN %1.status = 'auto' THEN '' ELSE %1.annotator END"_s.arg(row);
    };
    // Per article: entities, quotes and figures, as the article row counts them.
    const std::pair<QString, QString> articleLayers[] = { { u"entity_count"_s, u"entities"_s },
        { u"quote_count"_s, u"quotes"_s }, { u"figure_count"_s, u"figures"_s } };
    for (const auto &[column, table] : articleLayers) {
        const QString increment
            = u"INSERT INTO article_counts_by_annotator (article_id, annotator, %1) VALUES (new.article_id, "
              u"%2, 1)"
              " ON CONFLICT (article_id, annotator) DO UPDATE SET %1 = article_counts_by_annotator.%1 + 1;"_s
                  .arg(column, owner(u"new"_s));
        const QString decrement
            = u"UPDATE article_counts_by_annotator SET %1 = %1 - 1"
              " WHERE article_id = old.article_id AND annotator = %2;"_s.arg(column, owner(u"old"_s));
        // The three layers fill the same rows, one column each.
        const QStringList statements {
            u"INSERT INTO article_counts_by_annotator (article_id, annotator, %1) SELECT article_id, %3,"
            " COUNT(*) FROM %2 GROUP BY article_id, %3 ON CONFLICT (article_id, annotator)"
            " DO UPDATE SET %1 = excluded.%1"_s.arg(column, table, owner(table)),
            u"CREATE TRIGGER %1_annotator_count_insert AFTER INSERT ON %1 BEGIN %2 END"_s.arg(
                table, increment),
            u"CREATE TRIGGER %1_annotator_count_delete AFTER DELETE ON %1 BEGIN %2 END"_s.arg(
                table, decrement),
            u"CREATE TRIGGER %1_annotator_count_update AFTER UPDATE OF status, annotator ON %1 BEGIN %2 %3 END"_s
                .arg(table, decrement, increment),
        };
        for (const QString &statement : statements) {
            if (!exec(statement))
                return false;
        }
    }
    // Corpus-wide: mentions, quotes and figures per status, as annotation_counts holds them.
    const std::pair<QString, QString> corpusLayers[]
        = { { u"mention"_s, u"mentions"_s }, { u"quote"_s, u"quotes"_s }, { u"figure"_s, u"figures"_s } };
    for (const auto &[layer, table] : corpusLayers) {
        const QString increment
            = u"INSERT INTO annotation_counts_by_annotator (annotator, layer, status, total)"
              " VALUES (%2, '%1', new.status, 1) ON CONFLICT (annotator, layer, status)"
              " DO UPDATE SET total = annotation_counts_by_annotator.total + 1;"_s.arg(
                  layer, owner(u"new"_s));
        const QString decrement
            = u"UPDATE annotation_counts_by_annotator SET total = total - 1"
              " WHERE annotator = %2 AND layer = '%1' AND status = old.status;"_s.arg(layer, owner(u"old"_s));
        const QStringList statements {
            u"INSERT INTO annotation_counts_by_annotator (annotator, layer, status, total) SELECT %3, '%1',"
            " status, COUNT(*) FROM %2 GROUP BY %3, status"_s.arg(layer, table, owner(table)),
            u"CREATE TRIGGER %1_annotator_total_insert AFTER INSERT ON %1 BEGIN %2 END"_s.arg(
                table, increment),
            u"CREATE TRIGGER %1_annotator_total_delete AFTER DELETE ON %1 BEGIN %2 END"_s.arg(
                table, decrement),
            u"CREATE TRIGGER %1_annotator_total_update AFTER UPDATE OF status, annotator ON %1 BEGIN %2 %3 END"_s
                .arg(table, decrement, increment),
        };
        for (const QString &statement : statements) {
            if (!exec(statement))
                return false;
        }
    }
    QSqlQuery query(m_database);
    for (const QString &statement : SqlDialect::of(m_database).protectAnnotatorCounts()) {
        if (!query.exec(statement)) {
            m_error = query.lastError().text() + u" ("_s + statement.left(60) + u"…)"_s;
            return false;
        }
    }
    return true;
}

// Version 12 drops version 9's (article_id, annotator) indexes of the annotation tables. Version
// 11's per-annotator counts answer "has this article curated annotations" with one probe of their
// own key, and every other query by article walks the article index, which keeps the (article,
// id) order the readers want. Each index was one more b-tree to change for every annotation an
// import or an extraction adds or removes.
bool SchemaMigrator::dropArticleAnnotatorIndexes()
{
    for (const char *table : { "entities", "quotes", "figures" }) {
        if (!exec(u"DROP INDEX IF EXISTS %1_article_annotator"_s.arg(QLatin1StringView(table))))
            return false;
    }
    return true;
}

// Version 13 lets a large import commit its rows before they are indexed for search (issue 9:
// FTS5's indexing was half of an import's time). Each row of search_backlog is a range of ids of
// one table (articles, entities, quotes, figures) whose search rows SearchBacklog writes later, a
// transaction at a time, so a killed process resumes where it stopped. Rows in a range are the
// backlog's alone: the article index's triggers pass them over (its delete would otherwise take
// out entries that were never put in, which corrupts an external-content FTS5 table), the
// annotation tables' insert triggers too (undo puts a removed row back under its id), and the
// annotation index's other triggers change or remove only what is there. PostgreSQL indexes every
// row as it is written: its table stays empty.
bool SchemaMigrator::addSearchBacklog()
{
    if (!exec(u"CREATE TABLE search_backlog (source TEXT NOT NULL, first_id INTEGER NOT NULL,"
              " last_id INTEGER NOT NULL, PRIMARY KEY (source, first_id))"_s))
        return false;
    for (const QString &statement : SqlDialect::of(m_database).searchTriggersWithBacklog()) {
        if (!exec(statement))
            return false;
    }
    return true;
}

// Statements are written for SQLite; the dialect turns each into what the backend runs.
bool SchemaMigrator::exec(const QString &statement)
{
    QSqlQuery query(m_database);
    for (const QString &translated : SqlDialect::of(m_database).translate(statement)) {
        if (!query.exec(translated)) {
            m_error = query.lastError().text() + u" ("_s + translated.left(60) + u"…)"_s;
            return false;
        }
    }
    return true;
}

} // namespace Byline
