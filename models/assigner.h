// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Byline {

/// One article in one annotator's queue.
struct Assignment {
    RecordId articleId = 0;
    QString annotator;
    friend bool operator==(const Assignment &, const Assignment &) = default;
};

/// What the assigner starts from: the project's articles and who has each already.
struct AssignmentState {
    QList<RecordId> articles; ///< every article, in id order
    QHash<RecordId, QStringList> assigned; ///< the annotators of each article that has any
    QHash<QString, QSet<RecordId>> done; ///< the articles each annotator has marked done
};

/// What the admin asks for.
struct AssignmentRequest {
    QStringList annotators; ///< who gets new assignments
    int perArticle = 2; ///< N: how many distinct annotators each article should have
    bool onlyUnassigned = false; ///< leave articles alone that have any assignment
};

/// The assignments to add, and each chosen annotator's load before and after them.
struct AssignmentPlan {
    QList<Assignment> added; ///< in article id order
    QHash<QString, int> loadBefore;
    QHash<QString, int> loadAfter;
    int articlesShort = 0; ///< articles that cannot reach N distinct annotators from those chosen
};

/// What the admin asks for when articles leave an annotator's queue: unassigned, or moved to
/// others (someone left the team, or has too much).
struct ReassignmentRequest {
    QString from;
    QStringList to; ///< who takes the articles over; empty to only unassign them
    QList<RecordId> articles; ///< which of from's articles; empty for their whole queue
    bool includeDone = false; ///< unassign done articles too; a move never takes them
};

/// The assignments to remove from one queue and those that take their place.
struct ReassignmentPlan {
    QString from;
    QList<Assignment> removed; ///< all from's, in article id order
    QList<Assignment> added; ///< the moved articles' new annotators, in article id order
    bool removesDone = false; ///< whether removed holds done articles (the admin said so)
    int doneKept = 0; ///< done articles of the choice that stay with from
    int articlesStaying = 0; ///< articles to move that every chosen annotator has already
    QHash<QString, int> loadBefore; ///< from's and the chosen annotators'
    QHash<QString, int> loadAfter;
};

/// Spreads articles over annotators so that each article has N distinct annotators and the
/// annotators' loads differ by at most one.
///
/// Each article, in id order, that has fewer than N annotators gets the least-loaded chosen
/// annotators it does not have yet; ties go to the annotator named first in the request. Greedy
/// in this order keeps equal loads within one of each other after every article, so a run over
/// fresh articles is balanced; existing assignments are never moved, and the least-loaded first
/// rule makes new articles even out loads left uneven by earlier runs (an annotator added later
/// catches up). The same state and request give the same plan.
///
/// It works on ids and names in memory: 100,000 articles with three annotators each are a few
/// megabytes, and the database gets the result in set-sized batches (Assignments::apply()).
class BalancedAssigner final {
public:
    static AssignmentPlan plan(const AssignmentState &state, const AssignmentRequest &request);
    /// Takes the chosen articles out of request.from's queue. Done ones stay unless the request
    /// includes them, and are then only unassigned: the work done is from's, not the next
    /// annotator's. Each moved article goes to the least-loaded annotator of request.to that does
    /// not have it yet (ties to the one named first), so the loads stay within one of each other
    /// as in plan(); an article that all of them have stays where it is.
    static ReassignmentPlan reassign(const AssignmentState &state, const ReassignmentRequest &request);
};

} // namespace Byline
