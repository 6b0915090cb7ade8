// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store.h"

#include <QString>

#include <functional>

namespace Byline {

/// Copies a whole project into an empty one: a local file to a server (byline push), a server
/// database to a local file (byline pull), or any store to any other.
///
/// Rows are read forward-only and written in batches of multi-row INSERTs, inside one
/// transaction of the target: a copy that fails halfway leaves the target empty. Records keep
/// their ids, so that a pushed and pulled project is the same project. The target's triggers
/// rebuild what is derived (the counts on the articles, the search indexes), so the copy never
/// depends on how a backend keeps them.
class ProjectCopier final {
public:
    ProjectCopier(const Store &source, Store &target);

    /// Copies every record; false, with errorString(), when the target is not empty or a write
    /// fails. progress (optional) hears the table and the rows copied so far.
    bool copy(const std::function<void(const QString &table, qint64 rows)> &progress = {});
    QString errorString() const { return m_error; }
    qint64 rowsCopied() const { return m_rows; }

private:
    bool copyTable(const QString &table, const QString &order,
        const std::function<void(const QString &, qint64)> &progress);
    bool failed(const QString &message);

    const Store &m_source;
    Store &m_target;
    QString m_error;
    qint64 m_rows = 0;
};

} // namespace Byline
