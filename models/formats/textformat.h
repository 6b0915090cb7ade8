// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"

namespace Byline {

/// Plain-text articles through ArticleImporter, so that the registry, the file dialogs and
/// the command line know them like any other format. A file or a folder of files; each
/// article is stored on its own, so one unreadable file does not stop the others.
class TextFormat final : public DatasetFormat {
public:
    QString shortName() const override;
    QString displayName() const override;
    QStringList extensions() const override;
    Capabilities capabilities() const override;
    QString limitations() const override;
    bool read(
        Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress) override;
};

} // namespace Byline
