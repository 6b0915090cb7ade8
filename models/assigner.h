// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QHash>
#include <QList>
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
};

} // namespace Byline
