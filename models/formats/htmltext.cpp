// SPDX-License-Identifier: GPL-3.0-or-later
#include "htmltext.h"

#include <QHash>
#include <QList>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

const QSet<QString> &droppedElements()
{
    static const QSet<QString> names { u"nav"_s, u"aside"_s, u"form"_s, u"script"_s, u"style"_s,
        u"noscript"_s, u"template"_s, u"svg"_s, u"iframe"_s, u"button"_s, u"select"_s, u"menu"_s, u"head"_s,
        u"figure"_s, u"object"_s, u"canvas"_s, u"dialog"_s };
    return names;
}

const QSet<QString> &rawTextElements()
{
    static const QSet<QString> names { u"script"_s, u"style"_s, u"textarea"_s, u"title"_s, u"template"_s };
    return names;
}

const QSet<QString> &voidElements()
{
    static const QSet<QString> names { u"area"_s, u"base"_s, u"br"_s, u"col"_s, u"embed"_s, u"hr"_s, u"img"_s,
        u"input"_s, u"link"_s, u"meta"_s, u"source"_s, u"track"_s, u"wbr"_s };
    return names;
}

const QSet<QString> &blockElements()
{
    static const QSet<QString> names { u"p"_s, u"div"_s, u"h1"_s, u"h2"_s, u"h3"_s, u"h4"_s, u"h5"_s, u"h6"_s,
        u"li"_s, u"ul"_s, u"ol"_s, u"blockquote"_s, u"article"_s, u"section"_s, u"main"_s, u"pre"_s,
        u"table"_s, u"tr"_s, u"dd"_s, u"dt"_s, u"dl"_s, u"hr"_s, u"body"_s, u"figcaption"_s, u"address"_s };
    return names;
}

/// role, class or id of page furniture rather than the story
bool isFurniture(const QHash<QString, QString> &attributes)
{
    static const QRegularExpression roles(u"^(navigation|banner|contentinfo|complementary|search|menu)$"_s);
    static const QRegularExpression words(
        uR"((^|[\s_-])(share|sharing|social|related|newsletter|cookie|cookies|advert|advertisement|ad|ads|promo|breadcrumbs?|comments?|subscribe|sidebar)($|[\s_-]))"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (roles.match(attributes.value(u"role"_s)).hasMatch())
        return true;
    return words.match(attributes.value(u"class"_s)).hasMatch()
        || words.match(attributes.value(u"id"_s)).hasMatch() || attributes.contains(u"hidden"_s)
        || attributes.value(u"aria-hidden"_s) == u"true"_s;
}

/// Short lines that invite a click rather than tell the story.
bool isCallToAction(const QString &paragraph)
{
    static const QRegularExpression pattern(
        uR"(^(read more|read next|continue reading|share|share this( article| story)?|share on \w+|tweet|email|print|follow us( on \w+)?|sign up|subscribe|advertisement|related( articles| stories| content)?|click here|see also|more on this story|skip to( main)? content)\b)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return paragraph.size() <= 80 && pattern.match(paragraph).hasMatch();
}

QString decodeEntities(QStringView text)
{
    static const QHash<QString, QString> named { { u"amp"_s, u"&"_s }, { u"lt"_s, u"<"_s },
        { u"gt"_s, u">"_s }, { u"quot"_s, u"\""_s }, { u"apos"_s, u"'"_s }, { u"nbsp"_s, u"\u00a0"_s },
        { u"mdash"_s, u"\u2014"_s }, { u"ndash"_s, u"\u2013"_s }, { u"hellip"_s, u"\u2026"_s },
        { u"lsquo"_s, u"\u2018"_s }, { u"rsquo"_s, u"\u2019"_s }, { u"ldquo"_s, u"\u201c"_s },
        { u"rdquo"_s, u"\u201d"_s }, { u"laquo"_s, u"\u00ab"_s }, { u"raquo"_s, u"\u00bb"_s },
        { u"copy"_s, u"\u00a9"_s }, { u"euro"_s, u"\u20ac"_s }, { u"pound"_s, u"\u00a3"_s },
        { u"shy"_s, QString() }, { u"thinsp"_s, u"\u2009"_s }, { u"eacute"_s, u"\u00e9"_s },
        { u"egrave"_s, u"\u00e8"_s }, { u"ecirc"_s, u"\u00ea"_s }, { u"aacute"_s, u"\u00e1"_s },
        { u"agrave"_s, u"\u00e0"_s }, { u"acirc"_s, u"\u00e2"_s }, { u"iacute"_s, u"\u00ed"_s },
        { u"oacute"_s, u"\u00f3"_s }, { u"uacute"_s, u"\u00fa"_s }, { u"ccedil"_s, u"\u00e7"_s },
        { u"ntilde"_s, u"\u00f1"_s }, { u"auml"_s, u"\u00e4"_s }, { u"ouml"_s, u"\u00f6"_s },
        { u"uuml"_s, u"\u00fc"_s }, { u"szlig"_s, u"\u00df"_s }, { u"Eacute"_s, u"\u00c9"_s },
        { u"deg"_s, u"\u00b0"_s }, { u"times"_s, u"\u00d7"_s } };
    QString result;
    result.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != u'&') {
            result += c;
            continue;
        }
        const qsizetype semicolon = text.indexOf(u';', i + 1);
        if (semicolon < 0 || semicolon - i > 10) {
            result += c;
            continue;
        }
        const QStringView name = text.sliced(i + 1, semicolon - i - 1);
        if (name.startsWith(u'#')) {
            bool ok = false;
            const uint code = name.size() > 1 && (name.at(1) == u'x' || name.at(1) == u'X')
                ? name.sliced(2).toUInt(&ok, 16)
                : name.sliced(1).toUInt(&ok, 10);
            if (ok && code > 0 && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF)) {
                const char32_t point = code;
                result += QString::fromUcs4(&point, 1);
                i = semicolon;
                continue;
            }
        } else if (const auto found = named.constFind(name.toString()); found != named.cend()) {
            result += *found;
            i = semicolon;
            continue;
        }
        result += c;
    }
    return result;
}

QString collapse(QStringView text)
{
    return text.toString().simplified();
}

struct Element {
    QString name;
    bool dropped = false;
    bool main = false;
};

} // namespace

HtmlText::HtmlText(QStringView html)
{
    QList<Element> stack;
    QStringList paragraphs;
    QList<bool> paragraphInMain;
    QString current;
    bool anyMain = false;
    QString heading;
    QString pageTitle;
    bool inHeading = false;
    bool headingInMain = false;

    auto dropped = [&] { return !stack.isEmpty() && stack.last().dropped; };
    auto inMain = [&] { return !stack.isEmpty() && stack.last().main; };
    auto breakParagraph = [&] {
        const QString paragraph = collapse(current);
        current.clear();
        if (!paragraph.isEmpty() && !isCallToAction(paragraph)) {
            paragraphs << paragraph;
            paragraphInMain << inMain();
        }
    };

    const qsizetype n = html.size();
    qsizetype i = 0;
    while (i < n) {
        const qsizetype lt = html.indexOf(u'<', i);
        const qsizetype textEnd = lt < 0 ? n : lt;
        if (textEnd > i && !dropped()) {
            const QString text = decodeEntities(html.sliced(i, textEnd - i));
            current += text;
            if (inHeading)
                heading += text;
        }
        if (lt < 0)
            break;
        i = lt;
        if (html.sliced(i).startsWith(u"<!--")) {
            const qsizetype end = html.indexOf(u"-->", i + 4);
            i = end < 0 ? n : end + 3;
            continue;
        }
        if (i + 1 < n && (html.at(i + 1) == u'!' || html.at(i + 1) == u'?')) {
            const qsizetype end = html.indexOf(u'>', i);
            i = end < 0 ? n : end + 1;
            continue;
        }
        const bool closing = i + 1 < n && html.at(i + 1) == u'/';
        qsizetype p = i + (closing ? 2 : 1);
        const qsizetype nameStart = p;
        while (p < n && (html.at(p).isLetterOrNumber() || html.at(p) == u'-' || html.at(p) == u':'))
            ++p;
        if (p == nameStart) {
            // "a < b" in text: not a tag
            if (!dropped())
                current += u'<';
            i = lt + 1;
            continue;
        }
        const QString name = html.sliced(nameStart, p - nameStart).toString().toLower();
        // attributes up to the closing >, quoted values may hold one
        QHash<QString, QString> attributes;
        while (p < n && html.at(p) != u'>') {
            if (html.at(p).isSpace() || html.at(p) == u'/') {
                ++p;
                continue;
            }
            const qsizetype attributeStart = p;
            while (p < n && !html.at(p).isSpace() && html.at(p) != u'=' && html.at(p) != u'>')
                ++p;
            const QString attribute = html.sliced(attributeStart, p - attributeStart).toString().toLower();
            QString value;
            if (p < n && html.at(p) == u'=') {
                ++p;
                if (p < n && (html.at(p) == u'"' || html.at(p) == u'\'')) {
                    const QChar quote = html.at(p);
                    const qsizetype end = html.indexOf(quote, p + 1);
                    const qsizetype stop = end < 0 ? n : end;
                    value = html.sliced(p + 1, stop - p - 1).toString();
                    p = end < 0 ? n : end + 1;
                } else {
                    const qsizetype valueStart = p;
                    while (p < n && !html.at(p).isSpace() && html.at(p) != u'>')
                        ++p;
                    value = html.sliced(valueStart, p - valueStart).toString();
                }
            }
            attributes.insert(attribute, decodeEntities(value));
        }
        const bool selfClosing = p > 0 && p <= n && html.at(p - 1) == u'/';
        i = p < n ? p + 1 : n;

        if (closing) {
            qsizetype open = stack.size() - 1;
            while (open >= 0 && stack.at(open).name != name)
                --open;
            if (open < 0)
                continue; // a stray close tag
            if (blockElements().contains(name))
                breakParagraph();
            if (name == u"h1"_s && inHeading) {
                inHeading = false;
            }
            stack.resize(open);
            continue;
        }

        // metadata lives in <head>, which is dropped as text
        if (name == u"meta"_s) {
            const QString property = attributes.value(u"property"_s, attributes.value(u"name"_s));
            if (m_published.isEmpty() && property == u"article:published_time"_s)
                m_published = attributes.value(u"content"_s);
            if (m_url.isEmpty() && property == u"og:url"_s)
                m_url = attributes.value(u"content"_s);
        } else if (name == u"link"_s && attributes.value(u"rel"_s) == u"canonical"_s) {
            m_url = attributes.value(u"href"_s);
        } else if (name == u"time"_s && m_published.isEmpty() && attributes.contains(u"datetime"_s)) {
            m_published = attributes.value(u"datetime"_s);
        }

        if (rawTextElements().contains(name) && !selfClosing) {
            const qsizetype end = html.indexOf(QString(u"</"_s + name), i, Qt::CaseInsensitive);
            const qsizetype stop = end < 0 ? n : end;
            if (name == u"title"_s && pageTitle.isEmpty())
                pageTitle = collapse(decodeEntities(html.sliced(i, stop - i)));
            const qsizetype close = end < 0 ? n : html.indexOf(u'>', end);
            i = close < 0 ? n : close + 1;
            continue;
        }
        if (name == u"br"_s) {
            if (!dropped())
                current += u' ';
            continue;
        }
        if (blockElements().contains(name))
            breakParagraph();
        if (voidElements().contains(name) || selfClosing)
            continue;
        Element element;
        element.name = name;
        // An article's own <header> holds its headline and byline; the page's does not.
        const bool pageFrame = (name == u"header"_s || name == u"footer"_s) && !inMain();
        element.dropped
            = dropped() || pageFrame || droppedElements().contains(name) || isFurniture(attributes);
        element.main = inMain() || name == u"article"_s || name == u"main"_s
            || attributes.value(u"role"_s) == u"main"_s;
        anyMain = anyMain || (element.main && !element.dropped);
        stack.append(element);
        if (name == u"h1"_s && !element.dropped && (heading.isEmpty() || (!headingInMain && element.main))) {
            heading.clear();
            inHeading = true;
            headingInMain = element.main;
        }
    }
    breakParagraph();

    QStringList kept;
    for (qsizetype k = 0; k < paragraphs.size(); ++k) {
        if (!anyMain || paragraphInMain.at(k))
            kept << paragraphs.at(k);
    }
    m_text = kept.join(u"\n\n"_s);
    m_title = collapse(heading);
    if (m_title.isEmpty())
        m_title = pageTitle;
}

} // namespace Byline
