// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace Byline {

class Store;

/// What a member of a team project may do, enforced by the server (schema version 7), not only
/// by the app: the group roles byline_annotator, byline_curator and byline_admin, their grants, and
/// row-level security on the annotation tables (entities, mentions, quotes, quote_parts, figures).
///
/// - Annotator: reads the articles and the annotation schema; inserts, changes and removes only
///   the annotations whose annotator is their database role. In blind mode (a new project's
///   default) sees only those and the extractor's suggestions; with blind mode off, everyone's,
///   the others' read-only.
/// - Curator: reads every annotation, whatever the mode; writes their own and the curated layer:
///   the rows whose annotator is the reserved name "curator".
/// - Admin: reads and writes everything: the annotation schema, settings, assignments, members.
///
/// Suggestions (status auto) belong to nobody yet: any member may review or remove one, and a
/// reviewed one becomes the reviewer's. A quote's parts go with their quote. The project's creator
/// owns the tables, is bound by none of this, and is the one who runs schema upgrades.
enum class TeamRole { Annotator, Curator, Admin };

QString toString(TeamRole role);
std::optional<TeamRole> teamRoleFromString(QStringView text);

struct TeamMember {
    QString name; ///< the database role, which is the annotator of their annotations
    TeamRole role = TeamRole::Annotator;
    QString displayName;
    friend bool operator==(const TeamMember &, const TeamMember &) = default;
};

/// The members of a team project on a server and its blind-annotation setting.
///
/// A member is a login role of the server in one of the group roles. Managing them needs the
/// CREATEROLE attribute and the groups' admin option: the project's creator has both, and so does
/// every admin added here. Byline never stores a password: it goes to the server once, when the
/// role is made. Roles belong to the whole server, so removing a member removes their login from
/// every project on it; their annotations stay, under their name.
class TeamRoles final {
public:
    explicit TeamRoles(const Store &store);

    /// Makes the login role and records its display name; an empty password makes a role that
    /// logs in some other way the server allows (certificates, peer authentication).
    bool addMember(const TeamMember &member, const QString &password);
    bool removeMember(const QString &name);
    /// Every member, by name; a role in several groups counts with its highest.
    QList<TeamMember> members() const;

    bool isBlind() const;
    bool setBlind(bool blind);

    QString errorString() const { return m_error; }

private:
    bool fail(const QString &message) const;
    bool isOnServer() const;
    bool execute(const QStringList &statements);

    QSqlDatabase m_database;
    mutable QString m_error;
};

} // namespace Byline
