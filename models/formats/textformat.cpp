// SPDX-License-Identifier: GPL-3.0-or-later
#include "textformat.h"

#include "articleimporter.h"

using namespace Qt::StringLiterals;

namespace Byline {

QString TextFormat::shortName() const
{
    return u"text"_s;
}

QString TextFormat::displayName() const
{
    return tr("Plain text");
}

QStringList TextFormat::extensions() const
{
    return { u"txt"_s, u"text"_s };
}

DatasetFormat::Capabilities TextFormat::capabilities() const
{
    return CanRead;
}

QString TextFormat::limitations() const
{
    return tr("Text only: the title is the first line when it reads like one.");
}

bool TextFormat::read(
    Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress)
{
    ArticleImporter importer(store);
    FormatReadReport counts;
    QStringList failures;
    const auto outcomes = importer.importPaths(
        { path }, [&](int done, int total) { return !progress || progress(done, total); });
    for (const ImportOutcome &outcome : outcomes) {
        counts.warnings += outcome.warnings;
        switch (outcome.result) {
        case ImportOutcome::Result::Imported:
            ++counts.articles;
            break;
        case ImportOutcome::Result::AlreadyInProject:
            ++counts.skipped;
            counts.warnings << outcome.message;
            break;
        case ImportOutcome::Result::Failed:
            failures << outcome.message;
            break;
        }
    }
    if (report)
        *report = counts;
    if (!failures.isEmpty())
        return fail(failures.join(u'\n'));
    return true;
}

} // namespace Byline
