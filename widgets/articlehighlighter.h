// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <KSyntaxHighlighting/SyntaxHighlighter>

class QPalette;

namespace Byline {

/// Marks quoted passages and numbers as a reading aid, using the "Byline Article"
/// definition. Annotations are not its business: the view paints them as an overlay.
class ArticleHighlighter final : public KSyntaxHighlighting::SyntaxHighlighter {
    Q_OBJECT
public:
    explicit ArticleHighlighter(QTextDocument *document);

    /// Picks the theme that suits @p palette (dark palettes get a dark theme) and
    /// re-highlights when the theme changed.
    void adaptToPalette(const QPalette &palette);
};

} // namespace Byline
