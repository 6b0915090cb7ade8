// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "store.h"

#include <QCoreApplication>
#include <QSet>
#include <QString>

#include <functional>
#include <optional>

namespace Byline {

/// What an export takes from a project: which articles (done only, those a search finds) and,
/// of their annotations, which layers, statuses and annotator. Everything by default.
///
/// Rejected suggestions are exported unless the statuses leave them out: Byline JSONL must
/// carry the whole review (the rejections are the extractor's counter-examples, and the round
/// trip JSONL → project → JSONL is byte-identical), and the formats that cannot carry a status
/// already leave rejected suggestions out on their own.
///
/// Annotation filters never drop an article: an article without kept annotations is still a
/// text someone may train or read on. A quote whose speaker is left out keeps its content and
/// loses the speaker, so no export points to an entity it does not contain.
struct ExportSelection {
    Q_DECLARE_TR_FUNCTIONS(ExportSelection)
public:
    static QSet<Layer> allLayers() { return { Layer::Entities, Layer::Quotes, Layer::Figures }; }
    static QSet<AnnotationStatus> allStatuses();

    QSet<Layer> layers = allLayers();
    QSet<AnnotationStatus> statuses = allStatuses();
    bool doneOnly = false;
    QString search; ///< as the search panel understands it ("speaker:Tokayev coup"); empty for all
    QString annotator; ///< only this annotator's annotations; empty for everyone's
    qint64 limit = 0; ///< at most this many articles (the preview takes one); 0 for no limit

    /// What an export of the project takes unless told otherwise: everything, except that a
    /// project with a curated layer exports that layer alone (annotator "curator"), the
    /// annotators' versions being what the curation settled.
    static ExportSelection defaultFor(const Store &store);
    /// What the command line's --annotator says for everyone's annotations.
    static QString everyoneName() { return QStringLiteral("all"); }

    bool isEverything() const;
    /// Why the selection cannot be used (a search that does not parse), or empty.
    QString problem() const;

    /// Whether an annotation with this provenance is exported.
    bool keeps(const Provenance &provenance) const;
    /// Leaves out of one article's annotations what the selection does not take.
    void apply(AnnotationSet &annotations) const;

    /// "entities,quotes" → the layers, as the command line writes them; nullopt and error when a
    /// name is unknown.
    static std::optional<QSet<Layer>> layersFromString(const QString &names, QString *error);
    static std::optional<QSet<AnnotationStatus>> statusesFromString(const QString &names, QString *error);
    static QString layerName(Layer layer);
};

/// The articles an export selection chooses, in id order, read a page at a time so that
/// memory stays flat in corpus size. A search is resolved up front into the sorted ids of the
/// articles it finds (eight bytes an article), since annotation hits do not come in article order.
class SelectedArticles final {
    Q_DECLARE_TR_FUNCTIONS(SelectedArticles)
public:
    SelectedArticles(const Store &store, const ExportSelection &selection);

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    /// Whether a search chose the articles (rather than a walk over the corpus).
    bool isSearch() const { return m_found.has_value(); }
    /// How many articles forEach() visits.
    qint64 count() const;
    /// Calls visit with each chosen article's id until it returns false; false when stopped.
    bool forEach(const std::function<bool(RecordId articleId)> &visit) const;

private:
    const Store &m_store;
    ExportSelection m_selection;
    std::optional<QList<RecordId>> m_found; ///< set when searching
    QString m_error;
};

} // namespace Byline
