// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QSqlDatabase;
struct sqlite3;

namespace Byline {

/// The SQLite connection under a QSQLITE database (QSqlDriver::handle()), for the work that goes
/// through SQLite's own interface: imports' inserts and exports' reads. Null for another driver.
/// Debian's Qt uses the system's SQLite, the library Byline links.
sqlite3 *sqliteConnection(const QSqlDatabase &database);

/// The most a statement journal keeps in memory before it goes to a temporary file, set for the
/// whole process when it loads (sqliteconnection.cpp says why).
constexpr int statementJournalInMemoryBytes = 16 * 1024 * 1024;

} // namespace Byline
