// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "curation/curationunits.h"

#include <QCoreApplication>

namespace Byline {

class CurationCommand;
class Document;

/// The curator's decisions about the units of the document's current article, each pushed onto
/// the document's undo stack as one step written in one transaction (CurationCommand).
///
/// A decision is a copy in the curated layer (annotator "curator", status accepted) whose rule
/// says whose version it took ("curation: ana", or for a merge "curation: ana (span), ben (label)"),
/// which exports carry along. A rejection is a copy of the unit's most common version with status
/// rejected: the curated layer says "not this", and the unit keeps its decision. A new decision
/// about a unit replaces the one it had.
class CurationActions final {
    Q_DECLARE_TR_FUNCTIONS(Byline::CurationActions)
public:
    explicit CurationActions(Document *document);

    /// The curated layer takes the version of annotator (an index into units.annotators()).
    bool accept(const CurationUnits &units, int unit, int annotator);
    /// Every open unit all annotators agree on takes their version, in one step.
    bool acceptAllAgreed(const CurationUnits &units);
    bool reject(const CurationUnits &units, int unit);
    /// Takes where it is from one annotator and what it is from another: for a mention the span of
    /// spanFrom's and the entity (name and type) of labelFrom's; for a quote the content and cue of
    /// one and the speaker and kind of the other; for a figure the span and number of one and the
    /// kind, value, unit and qualifier of the other.
    bool merge(const CurationUnits &units, int unit, int spanFrom, int labelFrom);
    /// Marks the current article's curation done (or not), as an undo step of its own.
    bool setDone(bool done);

    QString errorString() const { return m_error; }

private:
    bool fail(const QString &message);
    bool push(CurationCommand *command);
    void removeDecision(CurationCommand &command, const CurationUnit &unit);
    void addCurated(CurationCommand &command, const CurationVersion &version, const Provenance &provenance);
    /// The curated entity of this name and type the step can add to: an existing one (not being
    /// removed) as an id, or one the step makes as an index; neither: makes one.
    std::pair<RecordId, int> curatedEntity(
        CurationCommand &command, const Entity &like, const Provenance &provenance);

    Document *m_document;
    QString m_error;
    QList<RecordId> m_removing; ///< curated entities the step being built removes
};

} // namespace Byline
