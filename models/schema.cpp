// SPDX-License-Identifier: GPL-3.0-or-later
#include "schema.h"

#include "annotationschema.h"

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
        if (!runStep(version)
            || !exec(u"INSERT OR REPLACE INTO byline_meta (key, value) VALUES ('schema_version', '%1')"_s.arg(
                version))
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

bool SchemaMigrator::exec(const QString &statement)
{
    QSqlQuery query(m_database);
    if (query.exec(statement))
        return true;
    m_error = query.lastError().text() + u" ("_s + statement.left(60) + u"…)"_s;
    return false;
}

} // namespace Byline
