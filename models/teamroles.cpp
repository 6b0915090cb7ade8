// SPDX-License-Identifier: GPL-3.0-or-later
#include "teamroles.h"

#include "scramverifier.h"

#include "sqldialect.h"
#include "store.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::TeamRoles", text);
}

const QString groups[] = { u"byline_annotator"_s, u"byline_curator"_s, u"byline_admin"_s };

QString group(TeamRole role)
{
    return groups[int(role)];
}

// Role names and password verifiers cannot be bound in CREATE ROLE: they are quoted instead.
QString identifier(const QString &name)
{
    return u"\""_s + QString(name).replace(u"\""_s, u"\"\""_s) + u"\""_s;
}

QString literal(const QString &text)
{
    return u"'"_s + QString(text).replace(u"'"_s, u"''"_s) + u"'"_s;
}

} // namespace

QString toString(TeamRole role)
{
    switch (role) {
    case TeamRole::Annotator:
        return u"annotator"_s;
    case TeamRole::Curator:
        return u"curator"_s;
    case TeamRole::Admin:
        return u"admin"_s;
    }
    Q_UNREACHABLE_RETURN({});
}

std::optional<TeamRole> teamRoleFromString(QStringView text)
{
    for (const TeamRole role : { TeamRole::Annotator, TeamRole::Curator, TeamRole::Admin }) {
        if (text == toString(role))
            return role;
    }
    return std::nullopt;
}

TeamRoles::TeamRoles(const Store &store)
    : m_database(store.database())
{
}

bool TeamRoles::fail(const QString &message) const
{
    m_error = message;
    return false;
}

bool TeamRoles::isOnServer() const
{
    return !SqlDialect::of(m_database).isSqlite()
        || fail(tr("Members and roles belong to projects on a server; a project file has one user."));
}

bool TeamRoles::execute(const QStringList &statements)
{
    if (!m_database.transaction())
        return fail(m_database.lastError().text());
    QSqlQuery query(m_database);
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            const QString error = query.lastError().databaseText();
            m_database.rollback();
            return fail(error);
        }
    }
    return m_database.commit() || fail(m_database.lastError().text());
}

bool TeamRoles::addMember(const TeamMember &member, const QString &password)
{
    if (!isOnServer())
        return false;
    // "curator" names the curated layer; the others are the server's and Byline's own roles.
    if (member.name.isEmpty() || member.name == u"curator"_s || member.name.startsWith(u"pg_"_s)
        || member.name.startsWith(u"byline_"_s))
        return fail(tr("\"%1\" cannot be a member's name: it is empty or reserved.").arg(member.name));
    const QString name = identifier(member.name);
    const bool admin = member.role == TeamRole::Admin;
    // The server gets the SCRAM verifier, never the password, so no log can keep it.
    QStringList statements { u"CREATE ROLE %1 LOGIN%2%3"_s.arg(name, admin ? u" CREATEROLE"_s : QString(),
        password.isEmpty() ? QString() : u" PASSWORD "_s + literal(ScramVerifier::make(password))) };
    if (admin) {
        // An admin manages the members of every group without acting as an annotator or curator.
        statements
            << u"GRANT byline_admin TO %1 WITH ADMIN OPTION"_s.arg(name)
            << u"GRANT byline_annotator, byline_curator TO %1 WITH ADMIN OPTION, INHERIT FALSE, SET FALSE"_s
                   .arg(name);
    } else {
        statements << u"GRANT %1 TO %2"_s.arg(group(member.role), name);
    }
    statements << u"INSERT INTO byline_users (name, display_name) VALUES (%1, %2) ON CONFLICT (name)"
                  " DO UPDATE SET display_name = excluded.display_name"_s.arg(
                      literal(member.name), literal(member.displayName));
    return execute(statements);
}

bool TeamRoles::removeMember(const QString &name)
{
    if (!isOnServer())
        return false;
    // Only Byline's members: the name could be any role of the server.
    const QList<TeamMember> all = members();
    if (std::ranges::find(all, name, &TeamMember::name) == all.end())
        return fail(tr("%1 is not a member of the project.").arg(name));
    return execute({ u"DELETE FROM byline_users WHERE name = %1"_s.arg(literal(name)),
        u"DROP ROLE %1"_s.arg(identifier(name)) });
}

QList<TeamMember> TeamRoles::members() const
{
    if (!isOnServer())
        return {};
    // The groups an admin only manages (INHERIT FALSE) are not theirs.
    QSqlQuery query(m_database);
    if (!query.exec(
            u"SELECT r.rolname, max(CASE g.rolname WHEN 'byline_admin' THEN 2 WHEN 'byline_curator' THEN 1"
            " ELSE 0 END), coalesce(max(u.display_name), '') FROM pg_roles r"
            " JOIN pg_auth_members m ON m.member = r.oid AND m.inherit_option"
            " JOIN pg_roles g ON g.oid = m.roleid"
            " LEFT JOIN byline_users u ON u.name = r.rolname"
            " WHERE g.rolname IN ('byline_annotator', 'byline_curator', 'byline_admin')"
            " GROUP BY r.rolname ORDER BY r.rolname"_s)) {
        fail(query.lastError().databaseText());
        return {};
    }
    QList<TeamMember> result;
    while (query.next())
        result.append(
            { query.value(0).toString(), TeamRole(query.value(1).toInt()), query.value(2).toString() });
    return result;
}

bool TeamRoles::isBlind() const
{
    QSqlQuery query(m_database);
    return !query.exec(u"SELECT value FROM byline_meta WHERE key = 'blind'"_s) || !query.next()
        || query.value(0).toString() != u"off"_s;
}

bool TeamRoles::setBlind(bool blind)
{
    return isOnServer()
        && execute(
            { u"INSERT INTO byline_meta (key, value) VALUES ('blind', '%1')"
              " ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s.arg(blind ? u"on"_s : u"off"_s) });
}

} // namespace Byline
