// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteconnection.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>
#include <QtGlobal>

#include <sqlite3.h>

namespace Byline {

namespace {

// Inside a transaction SQLite copies each page a statement changes into a statement journal, to
// undo that statement alone if it fails. By default the copies stay in memory up to 64 kB and go
// to a temporary file after, a system call per page (300,000 in an extraction of 1,000
// articles); with temp_store = MEMORY they go into blocks of a kilobyte, sixteen allocations for
// each of a project's 16 kB pages. A corpus extraction's batch journals megabytes (its removals
// cascade, its catch-up fills the search index): 3.5 % of a run's instructions went to those
// allocations, and runs with one block of up to 16 MB per journal, a file past that, were 5 %
// faster. Only the pages written in the block take memory, and the block goes with its
// statement. SQLite takes this setting only before its first use, hence at load time.
void keepStatementJournalsInOneBlock()
{
    if (const int result = sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, statementJournalInMemoryBytes);
        result != SQLITE_OK)
        qWarning("SQLite refused the statement journals' size (%s): large statements journal to a file",
            sqlite3_errstr(result));
}

} // namespace

Q_CONSTRUCTOR_FUNCTION(keepStatementJournalsInOneBlock)

sqlite3 *sqliteConnection(const QSqlDatabase &database)
{
    const QVariant handle = database.driver() ? database.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace Byline
