// SPDX-License-Identifier: GPL-3.0-or-later
#include "assigner.h"

#include <set>

namespace Byline {

AssignmentPlan BalancedAssigner::plan(const AssignmentState &state, const AssignmentRequest &request)
{
    AssignmentPlan plan;
    QStringList annotators = request.annotators;
    annotators.removeDuplicates();
    for (const QString &annotator : std::as_const(annotators))
        plan.loadBefore.insert(annotator, 0);
    for (const QStringList &names : state.assigned) {
        for (const QString &name : names) {
            if (const auto load = plan.loadBefore.find(name); load != plan.loadBefore.end())
                ++*load;
        }
    }
    // (load, position in the request): the first element is the next annotator to get an article.
    std::set<std::pair<int, int>> byLoad;
    for (int position = 0; position < annotators.size(); ++position)
        byLoad.insert({ plan.loadBefore.value(annotators[position]), position });
    QList<int> load(annotators.size());
    for (int position = 0; position < annotators.size(); ++position)
        load[position] = plan.loadBefore.value(annotators[position]);

    const int wanted = request.perArticle;
    for (const RecordId articleId : state.articles) {
        const QStringList have = state.assigned.value(articleId);
        if (have.size() >= wanted || (request.onlyUnassigned && !have.isEmpty()))
            continue;
        int missing = int(wanted - have.size());
        QList<int> chosen;
        for (auto next = byLoad.begin(); next != byLoad.end() && missing > 0; ++next) {
            if (have.contains(annotators[next->second]))
                continue;
            chosen.append(next->second);
            --missing;
        }
        if (missing > 0)
            ++plan.articlesShort;
        for (const int position : std::as_const(chosen)) {
            byLoad.erase({ load[position], position });
            byLoad.insert({ ++load[position], position });
            plan.added.append({ articleId, annotators[position] });
        }
    }
    for (int position = 0; position < annotators.size(); ++position)
        plan.loadAfter.insert(annotators[position], load[position]);
    return plan;
}

ReassignmentPlan BalancedAssigner::reassign(const AssignmentState &state, const ReassignmentRequest &request)
{
    ReassignmentPlan plan;
    plan.from = request.from;
    const bool moving = !request.to.isEmpty();
    plan.removesDone = request.includeDone && !moving;
    QStringList targets = request.to;
    targets.removeDuplicates();
    targets.removeAll(request.from);
    QHash<QString, int> &load = plan.loadAfter;
    load.insert(request.from, 0);
    for (const QString &name : std::as_const(targets))
        load.insert(name, 0);
    for (const QStringList &names : state.assigned) {
        for (const QString &name : names) {
            if (const auto found = load.find(name); found != load.end())
                ++*found;
        }
    }
    plan.loadBefore = load;

    const QSet<RecordId> chosen(request.articles.cbegin(), request.articles.cend());
    const QSet<RecordId> done = state.done.value(request.from);
    for (const RecordId articleId : state.articles) {
        const QStringList have = state.assigned.value(articleId);
        if (!have.contains(request.from) || (!chosen.isEmpty() && !chosen.contains(articleId)))
            continue;
        if (done.contains(articleId) && !plan.removesDone) {
            ++plan.doneKept;
            continue;
        }
        if (moving) {
            // Few targets (a team): a linear look for the least loaded is cheaper than keeping order.
            const QString *next = nullptr;
            for (const QString &name : std::as_const(targets)) {
                if (!have.contains(name) && (!next || load.value(name) < load.value(*next)))
                    next = &name;
            }
            if (!next) {
                ++plan.articlesStaying;
                continue;
            }
            ++load[*next];
            plan.added.append({ articleId, *next });
        }
        --load[request.from];
        plan.removed.append({ articleId, request.from });
    }
    return plan;
}

} // namespace Byline
