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
    parser.addOptions({ perArticleOption, annotatorsOption, onlyUnassignedOption, listOption });
    parser.addPositionalArgument(u"project"_s, tr("The project file or server URL."));
    if (const int stop = parse(parser, arguments); stop >= 0)
        return stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return fail(tr("assign needs one project"));
    const bool list = parser.isSet(listOption);
    if (list == parser.isSet(perArticleOption))
        return fail(tr("assign needs either --per-article N or --list"));
    const auto store = openStore(positional[0], list ? Store::Mode::ReadOnly : Store::Mode::ReadWrite);
    if (!store)
        return 1;
    Assignments assignments(*store);
    if (list)
        return listProgress(assignments);

    if (!assignments.canManage())
        return fail(tr("only the project's admins can assign articles"));
    bool ok = false;
    AssignmentRequest request;
    request.perArticle = parser.value(perArticleOption).toInt(&ok);
    if (!ok || request.perArticle < 1)
        return fail(tr("--per-article needs a whole number of at least 1"));
    request.onlyUnassigned = parser.isSet(onlyUnassignedOption);
    if (parser.isSet(annotatorsOption)) {
        for (const QString &name : parser.value(annotatorsOption).split(u',', Qt::SkipEmptyParts))
            request.annotators << name.trimmed();
    } else {
        request.annotators = teamAnnotators(*store);
    }
    request.annotators.removeDuplicates();
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
