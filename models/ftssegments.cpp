// SPDX-License-Identifier: GPL-3.0-or-later
#include "ftssegments.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// FTS5's own default for its hashsize setting, and the size while many rows are indexed, in bytes.
constexpr qint64 ftsDefaultHashSize = 1024 * 1024;
constexpr qint64 wideHashSize = 16 * 1024 * 1024;

} // namespace

QStringList widenFtsSegments(const QSqlDatabase &database, const QStringList &tables)
{
    QSqlQuery query(database);
    QStringList restore;
    for (const QString &table : tables) {
        if (!query.exec(u"SELECT v FROM %1_config WHERE k = 'hashsize'"_s.arg(table)))
            continue;
        const qint64 before = query.next() ? query.value(0).toLongLong() : ftsDefaultHashSize;
        query.finish();
        const auto setHashSize = [&](qint64 bytes) {
            return u"INSERT INTO %1 (%1, rank) VALUES ('hashsize', %2)"_s.arg(table).arg(bytes);
        };
        if (query.exec(setHashSize(wideHashSize)))
            restore << setHashSize(before);
    }
    return restore;
}

} // namespace Byline
