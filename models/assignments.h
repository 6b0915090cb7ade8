// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "assigner.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace Byline {

class Store;

/// How far one annotator's queue is.
struct QueueProgress {
    QString annotator;
    int assigned = 0;
    int done = 0;
    friend bool operator==(const QueueProgress &, const QueueProgress &) = default;
};

/// An article of one annotator's queue, as an admin picks from it.
struct QueuedArticle {
    RecordId articleId = 0;
    QString key;
    QString title;
    bool done = false;
};

/// Where the queue of one annotator comes from a page at a time: the assignments, or a test's
/// counting double.
class QueuePageSource {
public:
    virtual ~QueuePageSource() = default;
    /// Up to limit articles of the annotator's queue with ids above after, in id order. Found by
    /// id on the (annotator, article_id) key, it costs a page wherever it is; an offset would read
    /// every row before it again, and scrolling through a long queue would be quadratic.
    virtual QList<QueuedArticle> queuePage(const QString &annotator, RecordId after, int limit) const = 0;
    /// How many articles the annotator's queue holds, and how many of them are done.
    virtual QueueProgress progressOf(const QString &annotator) const = 0;
    /// Why the last of the two above failed; empty when it did not (an empty page or count is
    /// then the queue's own).
    virtual QString errorString() const = 0;
};

/// What a reassignment did: the rows removed from the queue, and how many of them moved.
struct ReassignmentOutcome {
    int removed = 0;
    int moved = 0;
};

/// The project's assignments (schema version 9): which articles are in whose queue, and which of
/// them each annotator has marked done.
///
/// "Done" in a queue is the annotator's own: marking an article done (Document::setArticleStatus())
/// records it on their assignment as well as in the article's status, which stays the team's
/// shared state, the last word of whoever set it. A queue's progress counts only the first.
///
/// On a server, admins (and the project's owner) add, remove and move assignments, and each change
/// is announced to the other clients (their queues count again); each member reads and marks done
/// only their own rows, enforced by row-level security (SqlDialect::enforceAssignmentRoles()).
/// A project file has one user, who may do everything.
class Assignments final : public QueuePageSource {
public:
    explicit Assignments(Store &store);

    /// Whether this connection may add assignments.
    bool canManage() const;
    /// The articles and who has each, as the assigner starts from; nullopt on a database error.
    std::optional<AssignmentState> state() const;
    /// The names an admin may choose from: the team's annotators and curators on a server, and
    /// everyone who has assignments already.
    QStringList candidates() const;
    /// Adds the plan's assignments in one transaction, a batch of rows per statement. progress gets
    /// (written, total) after each batch; returning false from it stops and adds nothing.
    bool apply(const AssignmentPlan &plan, const std::function<bool(int, int)> &progress = {});
    /// Takes the plan's articles out of its annotator's queue and adds their new annotators, in one
    /// transaction. An article marked done meanwhile stays (unless the plan removes done ones) and
    /// is not added elsewhere either; nullopt on an error, when nothing changed.
    std::optional<ReassignmentOutcome> reassign(const ReassignmentPlan &plan);
    /// The annotator's whole queue in article id order.
    QList<QueuedArticle> queue(const QString &annotator) const;
    QList<QueuedArticle> queuePage(const QString &annotator, RecordId after, int limit) const override;
    /// Assigned and done per annotator, by name; a member's connection sees only their own.
    QList<QueueProgress> progress() const;
    QueueProgress progressOf(const QString &annotator) const override;
    /// Records whether the annotator has finished the article; nothing when it is not in their
    /// queue.
    bool setDone(RecordId articleId, const QString &annotator, bool done);

    QString errorString() const override { return m_error; }

    /// Rows per INSERT: few statements for a large plan, well below SQLite's bound-value limit.
    static constexpr int batchSize = 500;
    /// The statement of queuePage(), with the annotator, the id to start after and the limit to
    /// bind: a test checks that its plan reads only the page.
    static QString pageStatement();

private:
    bool fail(const QString &message) const;
    /// Tells the project's other clients (ChangeFeed::assignmentsChanged()) that these annotators'
    /// queues changed, when the transaction commits.
    bool announce(const QStringList &annotators);
    /// Adds the rows, a batch per statement, inside the caller's transaction.
    bool insert(const QList<Assignment> &rows, const std::function<bool(int, int)> &progress = {});

    Store &m_store;
    QSqlDatabase m_database;
    mutable QString m_error;
};

} // namespace Byline
