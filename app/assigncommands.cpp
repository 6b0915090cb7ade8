// SPDX-License-Identifier: GPL-3.0-or-later
// byline assign
#include "assignments.h"
#include "cli.h"
#include "teamroles.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace Byline::Cli {

namespace {

int listProgress(const Assignments &assignments)
{
    const QList<QueueProgress> progress = assignments.progress();
    if (!assignments.errorString().isEmpty())
        return fail(assignments.errorString());
    out() << tr("annotator\tassigned\tdone") << Qt::endl;
    for (const QueueProgress &queue : progress)
        out() << queue.annotator << '\t' << queue.assigned << '\t' << queue.done << Qt::endl;
    return 0;
}

// The team's annotators; a project file has no team, so it must be told.
QStringList teamAnnotators(const Store &store)
{
    QStringList names;
    for (const TeamMember &member : TeamRoles(store).members()) {
        if (member.role == TeamRole::Annotator)
            names << member.name;
    }
    return names;
}

// Says what a reassignment did and left, then lists the queues.
int reportReassignment(const Assignments &assignments, const ReassignmentPlan &plan,
    const ReassignmentOutcome &outcome, const QStringList &to)
{
    if (to.isEmpty())
        out() << tr("unassigned %1 articles from %2").arg(outcome.removed).arg(plan.from) << Qt::endl;
    else
        out() << tr("moved %1 articles from %2 to %3").arg(outcome.moved).arg(plan.from, to.join(u", "_s))
              << Qt::endl;
    if (plan.doneKept > 0)
        out() << tr("%1 done articles stay with %2").arg(plan.doneKept).arg(plan.from) << Qt::endl;
    if (plan.articlesStaying > 0)
        out() << tr("%1 articles stay with %2: everyone named has them already")
                     .arg(plan.articlesStaying)
                     .arg(plan.from)
              << Qt::endl;
    return listProgress(assignments);
}

QStringList names(const QString &commaSeparated)
{
    QStringList result;
    for (const QString &name : commaSeparated.split(u',', Qt::SkipEmptyParts))
        result << name.trimmed();
    result.removeDuplicates();
    return result;
}

} // namespace

int assignCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption perArticleOption(
        u"per-article"_s, tr("How many distinct annotators each article gets."), u"n"_s);
    const QCommandLineOption annotatorsOption(u"annotators"_s,
        tr("Comma-separated names of the annotators to assign to (default: the team's annotators)."),
        u"names"_s);
    const QCommandLineOption onlyUnassignedOption(
        u"only-unassigned"_s, tr("Leave articles that have any assignment as they are."));
    const QCommandLineOption listOption(u"list"_s, tr("Show each annotator's assigned and done articles."));
    const QCommandLineOption unassignOption(
        u"unassign"_s, tr("Take the annotator's articles out of their queue."), u"name"_s);
    const QCommandLineOption keepDoneOption(
        u"keep-done"_s, tr("With --unassign: leave the articles they have done in their queue."));
    const QCommandLineOption includeDoneOption(
        u"include-done"_s, tr("With --unassign: unassign the articles they have done too."));
    const QCommandLineOption moveOption(
        u"move"_s, tr("Hand the annotator's articles that are not done to those named by --to."), u"name"_s);
    const QCommandLineOption toOption(
        u"to"_s, tr("Comma-separated names of the annotators who take the moved articles."), u"names"_s);
    parser.addOptions({ perArticleOption, annotatorsOption, onlyUnassignedOption, listOption, unassignOption,
        keepDoneOption, includeDoneOption, moveOption, toOption });
    parser.addPositionalArgument(u"project"_s, tr("The project file or server URL."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return fail(tr("assign needs one project"));
    const bool list = parser.isSet(listOption);
    const bool unassign = parser.isSet(unassignOption);
    const bool move = parser.isSet(moveOption);
    if (int(list) + int(parser.isSet(perArticleOption)) + int(unassign) + int(move) != 1)
        return fail(tr("assign needs one of --per-article N, --list, --unassign NAME or --move NAME"));
    if (move != parser.isSet(toOption))
        return fail(tr("--move FROM needs --to NAMES, and --to only goes with --move"));
    if (!unassign && (parser.isSet(keepDoneOption) || parser.isSet(includeDoneOption)))
        return fail(tr("--keep-done and --include-done go with --unassign"));
    if (parser.isSet(keepDoneOption) && parser.isSet(includeDoneOption))
        return fail(tr("--keep-done and --include-done contradict each other"));
    const auto store = openStore(positional[0], list ? Store::Mode::ReadOnly : Store::Mode::ReadWrite);
    if (!store)
        return 1;
    Assignments assignments(*store);
    if (list)
        return listProgress(assignments);

    if (!assignments.canManage())
        return fail(tr("only the project's admins can assign articles"));
    if (unassign || move) {
        ReassignmentRequest request;
        request.from = parser.value(unassign ? unassignOption : moveOption).trimmed();
        request.to = names(parser.value(toOption));
        request.includeDone = parser.isSet(includeDoneOption);
        if (move && request.to.isEmpty())
            return fail(tr("--to needs at least one name"));
        if (request.to.contains(u"curator"_s))
            return fail(tr("\"curator\" names the curated layer, not an annotator"));
        if (request.to.contains(request.from))
            return fail(tr("%1 cannot take over their own articles").arg(request.from));
        const auto state = assignments.state();
        if (!state)
            return fail(assignments.errorString());
        const ReassignmentPlan plan = BalancedAssigner::reassign(*state, request);
        if (plan.loadBefore.value(request.from) == 0)
            return fail(tr("%1 has no assigned articles").arg(request.from));
        // Done work leaves a queue only when the admin says so.
        if (unassign && plan.doneKept > 0 && !parser.isSet(keepDoneOption))
            return fail(tr("%1 has done %2 of their articles: add --keep-done to leave those in the queue, "
                           "or --include-done to unassign them too")
                    .arg(request.from)
                    .arg(plan.doneKept));
        const auto outcome = assignments.reassign(plan);
        if (!outcome)
            return fail(assignments.errorString());
        return reportReassignment(assignments, plan, *outcome, request.to);
    }
    bool ok = false;
    AssignmentRequest request;
    request.perArticle = parser.value(perArticleOption).toInt(&ok);
    if (!ok || request.perArticle < 1)
        return fail(tr("--per-article needs a whole number of at least 1"));
    request.onlyUnassigned = parser.isSet(onlyUnassignedOption);
    request.annotators
        = parser.isSet(annotatorsOption) ? names(parser.value(annotatorsOption)) : teamAnnotators(*store);
    if (request.annotators.isEmpty())
        return fail(tr("no annotators: name them with --annotators"));
    if (request.annotators.contains(u"curator"_s))
        return fail(tr("\"curator\" names the curated layer, not an annotator"));
    if (request.perArticle > request.annotators.size())
        return fail(tr("each article cannot have %1 distinct annotators out of %2")
                .arg(request.perArticle)
                .arg(request.annotators.size()));
    const auto state = assignments.state();
    if (!state)
        return fail(assignments.errorString());
    const AssignmentPlan plan = BalancedAssigner::plan(*state, request);
    if (!assignments.apply(plan))
        return fail(assignments.errorString());
    out() << tr("added %1 assignments").arg(plan.added.size()) << Qt::endl;
    return listProgress(assignments);
}

} // namespace Byline::Cli
