// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QString>

namespace Byline::Test {

/// A short article with a speaker, two quotes and a figure: what the suggestion tests extract
/// from and place their spans in.
inline const QString suggestionArticle = QStringLiteral(
    "Russian President Vladimir Putin said on Monday that “global terrorism” has targeted "
    "Kazakhstan. “We will not allow it,” Putin said. Officials said 2,030 soldiers had arrived "
    "in Almaty.");

/// Where the occurrence-th needle stands in suggestionArticle.
inline Span spanOf(const QString &needle, int occurrence = 1)
{
    qsizetype start = -1;
    for (int i = 0; i < occurrence; ++i)
        start = suggestionArticle.indexOf(needle, start + 1);
    return { start, start + needle.size() };
}

} // namespace Byline::Test
