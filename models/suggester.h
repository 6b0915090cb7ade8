// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/extractor.h"

#include <QHash>

namespace Byline {

class Store;

/// The extractors as a project uses them: taught by what its analysts did (the project
/// lexicon: names, rejections, cues) and by the speakers they confirmed for descriptions
/// ("the Kazakh president" said it: Kassym-Jomart Tokayev), so that the next article
/// resolves the same description to the same person when it names them.
class Suggester final {
public:
    Suggester() = default;
    static Suggester forProject(const Store &store);

    AnnotationSet suggest(const QString &text) const;

    /// Confirmed speakers by description, lower case, e.g. "the kazakh president".
    void addSpeakerDescription(const QString &description, const QString &speakerName);

private:
    Extractor m_extractor;
    QHash<QString, QString> m_speakerByDescription;
};

} // namespace Byline
