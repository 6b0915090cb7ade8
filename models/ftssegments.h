// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QSqlDatabase;

namespace Byline {

/// Gives FTS5 tables larger in-memory segments while one transaction indexes many rows, and
/// returns the statements that set each table's own size back.
///
/// FTS5 writes a segment of its index each time the new entries it keeps in memory pass the
/// table's hashsize (1 MB unless set), and merges the small segments again and again as they pile
/// up: a larger size means fewer, larger segments. The setting is stored in the file, so the
/// statements returned must run before the transaction commits. A table whose setting cannot be
/// read or written keeps its own size and has no statement.
QStringList widenFtsSegments(const QSqlDatabase &database, const QStringList &tables);

} // namespace Byline
