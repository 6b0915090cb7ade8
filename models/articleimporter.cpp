// SPDX-License-Identifier: GPL-3.0-or-later
#include "articleimporter.h"

#include "articledraft.h"
#include "store.h"
#include "textdecoder.h"
#include "textfilescan.h"

namespace Byline {

ArticleImporter::ArticleImporter(Store &store)
    : m_store(store)
{
}

QList<ImportOutcome> ArticleImporter::importPaths(const QStringList &paths, const Progress &progress)
{
    const TextFileScan scan = TextFileScan::scan(paths);
    QList<ImportOutcome> outcomes;
    for (const QString &error : scan.errors()) {
        ImportOutcome outcome;
        outcome.message = error;
        outcomes.append(outcome);
    }
    const QStringList files = scan.files();
    for (qsizetype done = 0; done < files.size(); ++done) {
        outcomes.append(importFile(files[done]));
        if (progress && !progress(int(done + 1), int(files.size())))
            break;
    }
    return outcomes;
}

ImportOutcome ArticleImporter::importFile(const QString &path)
{
    ImportOutcome outcome;
    outcome.file = path;
    const TextDecoder::Result decoded = TextDecoder().decodeFile(path);
    if (!decoded.isOk()) {
        outcome.message = decoded.errorString;
        return outcome;
    }
    outcome.warnings = decoded.warnings;
    outcome.characters = decoded.text.size();
    if (const auto existing = m_store.articleWithText(decoded.text)) {
        outcome.result = ImportOutcome::Result::AlreadyInProject;
        outcome.articleId = *existing;
        if (const auto article = m_store.articleSummary(*existing)) {
            outcome.key = article->key;
            outcome.title = article->title;
        }
        outcome.message = tr("%1 is already in the project as %2.").arg(path, outcome.key);
        return outcome;
    }
    Article article = draftArticle(path, decoded.text);
    if (!m_store.addArticle(article)) {
        outcome.message = m_store.errorString();
        return outcome;
    }
    outcome.result = ImportOutcome::Result::Imported;
    outcome.articleId = article.id;
    outcome.key = article.key;
    outcome.title = article.title;
    return outcome;
}

} // namespace Byline
