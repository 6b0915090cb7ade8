// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "datasetformat.h"

namespace Byline {

/// A saved news page as an article: its main text (see HtmlText), title, date and address.
/// The encoding comes from a byte order mark or <meta charset>, else UTF-8, else
/// windows-1252 with a warning.
class HtmlFormat final : public DatasetFormat {
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
