// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QString>
#include <QStringView>

namespace Byline {

/// Titles longer than this are taken for a first paragraph, not a headline.
inline constexpr qsizetype MaximumTitleLength = 150;

/// Proposes the Article for a plain-text file that decoded to text: key is the file name
/// without its last extension (the store makes it unique), title is titleLine(text) or else
/// the key, source is the absolute file path, and text is kept exactly as given: annotation
/// offsets point into it, so the title line stays in the text. Fields the store owns
/// (id, imported time, status) keep their defaults.
Article draftArticle(const QString &filePath, const QString &text);

/// The first non-blank line of text, trimmed, when it reads like a title: at most
/// MaximumTitleLength characters, with a letter in it, not ending in sentence punctuation
/// (". ! ? : ; ,", also inside closing quotes) unless that is an ellipsis, and followed by
/// more text. Otherwise a null string.
QString titleLine(QStringView text);

} // namespace Byline
