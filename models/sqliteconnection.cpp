// SPDX-License-Identifier: GPL-3.0-or-later
#include "sqliteconnection.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

namespace Byline {

sqlite3 *sqliteConnection(const QSqlDatabase &database)
{
    const QVariant handle = database.driver() ? database.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace Byline
