// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "extraction/textanalysis.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace Byline {

class ProjectLexicon;

/// Entities of one article with what the quote extractor needs to resolve speakers.
struct EntityAnalysis {
    QList<Entity> entities; ///< ids 1..n in order of first mention
    QList<RecordId> entityAtToken; ///< per token: the entity a mention there belongs to, or 0
    QHash<RecordId, QStringList> roles; ///< lower-case role words seen with a person ("president")
    QHash<RecordId, QString> countries; ///< the country a person's role names ("Russian President")
    QHash<RecordId, char> genders; ///< 'f' or 'm' where a title, role or given name tells

    const Entity *entity(RecordId id) const;
};

/// Finds proper names and types them PERSON, ORG, GPE, LOC, NORP or EVENT from the
/// curated gazetteers, organisation words, titles and given names, then makes the
/// article consistent: "Kassym-Jomart Tokayev" makes a later "Tokayev" the same person,
/// an acronym takes the entity whose initials it spells, and every other occurrence of
/// a found name becomes a mention too.
class EntityExtractor final {
public:
    /// `project`, if given, adds the analysts' names and drops what they rejected.
    static EntityAnalysis extract(const TextAnalysis &text, const ProjectLexicon *project = nullptr);
};

} // namespace Byline
