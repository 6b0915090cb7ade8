// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QList>
#include <QString>

class QSqlDatabase;

namespace Byline {

/// An entity type of the project's annotation schema, with its colour and tagging key.
struct EntityType {
    QString name;
    QColor colour;
    QString shortcut;
    QString description;
    friend bool operator==(const EntityType &, const EntityType &) = default;
};

/// The types of the annotation guidelines, seeded into every new project.
QList<EntityType> defaultEntityTypes();

/// Creates and upgrades the tables of a project store, one numbered step at a time.
/// Each step runs in its own transaction, so an interrupted upgrade leaves the last
/// complete version behind.
class SchemaMigrator final {
public:
    static constexpr int currentVersion = 13;

    explicit SchemaMigrator(QSqlDatabase &database);

    /// The version stored in the project, 0 for an empty database, -1 when unreadable.
    int storedVersion() const;
    /// Brings the database to targetVersion (tests stop early to make old projects).
    bool migrate(int targetVersion = currentVersion);
    QString errorString() const { return m_error; }

private:
    bool runStep(int version);
    bool createInitialTables();
    bool addTextHashes();
    bool addAnnotationKinds();
    bool addCorpusIndexes();
    bool addExtraFields();
    bool addTeamRoles();
    bool addRowVersions();
    bool addAssignments();
    bool addAnnotationCounts();
    bool addCurationState();
    bool addAnnotatorCounts();
    bool dropArticleAnnotatorIndexes();
    bool addSearchBacklog();
    bool exec(const QString &statement);

    QSqlDatabase &m_database;
    QString m_error;
};

} // namespace Byline
