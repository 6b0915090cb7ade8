// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Byline {

class Store;

/// Where an article stands in curation.
enum class CurationState {
    NotNeeded, ///< fewer than two annotators worked on it: nothing to compare
    Open, ///< two annotators or more, and nothing curated yet
    InProgress, ///< the curated layer has something, but the curator has not marked it done
    Done, ///< the curator marked it done
};

/// The curation progress of a whole project, for the article list and the status bar.
struct CurationCounts {
    int needed = 0; ///< articles with two annotators or more (done ones included)
    int inProgress = 0;
    int done = 0;
    friend bool operator==(const CurationCounts &, const CurationCounts &) = default;
};

/// The curation side of a project store, on the store's own connection: whether an article needs
/// curating, how far it got, and the curator's "done" (schema version 10, table curation_state).
///
/// An article's annotators are found as AnnotatorVersions finds them: the names on its annotations
/// other than the curated layer's, leaving out suggestions nobody reviewed and rejected ones.
/// state() and states() read a few indexed rows per article (by article id), so the article list
/// can ask for a page at a time; counts() reads every annotation once, for a report or a worker
/// thread rather than every repaint.
class CurationStore final {
public:
    /// Reads and writes.
    explicit CurationStore(Store &store);
    /// Reads only: setDone() is refused.
    explicit CurationStore(const Store &store);

    CurationState state(RecordId articleId) const;
    /// The states of a page of articles in one query.
    QHash<RecordId, CurationState> states(const QList<RecordId> &articleIds) const;
    CurationCounts counts() const;
    /// Whether any annotation is in the curated layer: exports take it by default then.
    bool hasCuratedLayer() const;
    /// Whether the project holds the annotations of two annotators or more (anywhere, reviewed
    /// suggestions included): then a project file has something to curate. A few index seeks.
    bool hasSeveralAnnotators() const;
    /// Whether this connection may write the curated layer: a project file's user always; on a
    /// server, curators, admins and the project's owner.
    bool mayCurate() const;
    /// The first article after afterId (in id order) that needs curating and is not done.
    std::optional<RecordId> nextToCurate(RecordId afterId) const;

    bool isDone(RecordId articleId) const;
    /// Marks the article's curation done by curator, or not done; refused on a server to members
    /// who are neither curators nor admins.
    bool setDone(RecordId articleId, bool done, const QString &curator);

    QString errorString() const { return m_error; }

private:
    bool fail(const QString &message) const;

    const Store &m_store;
    Store *m_writable = nullptr;
    mutable QString m_error;
};

QString toString(CurationState state);

} // namespace Byline
