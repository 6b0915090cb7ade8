// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>

namespace Byline {

class Store;

/// What became of one file given to the importer.
struct ImportOutcome {
    enum class Result { Imported, AlreadyInProject, Failed };
    Result result = Result::Failed;
    QString file;
    RecordId articleId = 0;
    QString key;
    QString title;
    qsizetype characters = 0;
    QString message; ///< why it failed, or which article already holds the text
    QStringList warnings; ///< e.g. the legacy encoding it was decoded from
};

/// Imports plain-text files and folders of them as articles. Each article is stored in
/// one transaction, so a file is either imported whole or not at all; a file that cannot
/// be read is reported by name and the rest go on.
class ArticleImporter final {
    Q_DECLARE_TR_FUNCTIONS(ArticleImporter)
public:
    /// Called after each file with the files done and the total; returning false cancels.
    using Progress = std::function<bool(int done, int total)>;

    explicit ArticleImporter(Store &store);

    QList<ImportOutcome> importPaths(const QStringList &paths, const Progress &progress = {});

private:
    ImportOutcome importFile(const QString &path);

    Store &m_store;
};

} // namespace Byline
