// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

namespace Byline {

/// The main text of a news page: what an analyst would copy, without the page around it.
///
/// A small tolerant tag scanner, not an HTML parser: real pages are rarely well-formed XML,
/// and QXmlStreamReader stops at the first unclosed <p>. It reads tags, comments, entities
/// and raw-text elements; it drops nav, aside, form, script, style, the page's header and
/// footer (not an article's own, which hold its headline) and the
/// like, elements whose role, class or id says navigation, sharing, related links, comments
/// or advertising, and short "read more" / "share" lines. When the page has an <article> or
/// <main>, only its text is kept. Block elements become paragraphs, separated by a blank line.
///
/// Limits: no implied end tags beyond "a close tag closes what it names" (an unclosed
/// <aside> drops the rest of the page), no CSS (hidden text stays), a fixed list of named
/// entities (the common ones in news: quotes, dashes, spaces, accents go through &#...;).
class HtmlText final {
public:
    explicit HtmlText(QStringView html);

    /// <h1> of the main text, else <title>, white space collapsed.
    QString title() const { return m_title; }
    QString text() const { return m_text; }
    /// article:published_time or the first <time datetime>, as given (ISO 8601 on news sites).
    QString published() const { return m_published; }
    /// <link rel="canonical"> or og:url.
    QString url() const { return m_url; }

private:
    QString m_title;
    QString m_text;
    QString m_published;
    QString m_url;
};

} // namespace Byline
