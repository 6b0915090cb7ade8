// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Byline {

class Store;

/// A range of ids of one table, both ends included.
struct IdRange {
    RecordId first = 0;
    RecordId last = 0;
    bool contains(RecordId id) const { return id >= first && id <= last; }
};

/// The rows an import committed before indexing them for search (schema version 13), and the work
/// of indexing them afterwards, a transaction at a time.
///
/// FTS5 indexing was half of a large import's time, and it had to end before any of the import
/// was in the project. A deferred import (Store::setSearchIndexing()) records the id ranges it
/// added instead; until they are indexed, searches miss those rows and say so. Each step commits
/// the search rows of a slice of a range together with the smaller range, so a killed process
/// loses nothing and the next one resumes there. Only a project file has a backlog: a server
/// indexes every row as it is written.
class SearchBacklog final {
    Q_DECLARE_TR_FUNCTIONS(SearchBacklog)
public:
    /// Called now and then with the backlog's rows done so far and the total at the start; false stops.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    explicit SearchBacklog(Store &store);

    /// The tables whose rows have search rows, in the order the backlog indexes them: the article
    /// search first, which the search panel and "find other occurrences" read most.
    static const QStringList &indexedTables();

    /// Rows not yet indexed, counted by their ids' ranges (rows removed since are counted too);
    /// 0 when the project has no backlog or cannot tell (a server, a failed read).
    static qint64 remaining(const Store &store);
    /// The articles not yet in the article search, in id order.
    static QList<IdRange> articleRanges(const Store &store);

    /// The statements that record the rows added after lastIdBefore's ids (per table) for later,
    /// inside the import's transaction.
    static QStringList recordStatements(const QHash<QString, RecordId> &lastIdBefore);
    /// The statement that writes the search rows of table's rows (articles: the article search;
    /// entities, quotes, figures: the annotation search) whose ids satisfy idCondition, written
    /// after the id column ("> 41", "BETWEEN 42 AND 99").
    static QString indexStatement(const QString &table, const QString &idCondition);

    /// Indexes up to rows rows of the backlog's first range, in one transaction. Returns how many
    /// ids it covered, 0 when nothing was left, -1 on an error (errorString()).
    qint64 indexNext(qint64 rows);
    /// Indexes the whole backlog, a step at a time; false when it failed or progress stopped it
    /// (what was committed stays). Steps grow or shrink to take a fraction of a second each, so
    /// another connection waiting to write waits at most that long.
    bool catchUp(const Progress &progress = {});
    QString errorString() const { return m_error; }
    /// Whether the last step failed because another connection held the file beyond the busy
    /// timeout (a long import): worth trying again later.
    bool wasBusy() const { return m_busy; }

private:
    bool fail(const QString &error);

    Store &m_store;
    QString m_error;
    bool m_busy = false;
};

} // namespace Byline
