// SPDX-License-Identifier: GPL-3.0-or-later
#include "articledraft.h"

#include <QFileInfo>

#include <algorithm>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

bool isBlank(QStringView text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isSpace(); });
}

bool hasLetter(QStringView text)
{
    // Code points, not code units: a letter outside the BMP counts too.
    const QList<uint> codePoints = text.toUcs4();
    return std::any_of(codePoints.cbegin(), codePoints.cend(), [](uint c) { return QChar::isLetter(c); });
}

bool endsLikeSentence(QStringView line)
{
    // A headline may end in a quotation; the punctuation inside the closing quote counts.
    constexpr QStringView closers = u"\"')]}\u2019\u201D\u00BB\u203A";
    while (!line.isEmpty() && closers.contains(line.back()))
        line.chop(1);
    if (line.endsWith(u"...") || line.endsWith(u'\u2026'))
        return false;
    constexpr QStringView sentenceEnds = u".!?:;,";
    return !line.isEmpty() && sentenceEnds.contains(line.back());
}

} // namespace

QString titleLine(QStringView text)
{
    qsizetype lineStart = 0;
    while (lineStart < text.size()) {
        qsizetype lineEnd = text.indexOf(u'\n', lineStart);
        if (lineEnd < 0)
            lineEnd = text.size();
        const QStringView line = text.sliced(lineStart, lineEnd - lineStart).trimmed();
        if (line.isEmpty()) {
            lineStart = lineEnd + 1;
            continue;
        }
        // Only the first non-blank line is a candidate; the length check comes first so a
        // long first paragraph costs nothing more.
        const bool isTitle = line.size() <= MaximumTitleLength && hasLetter(line) && !endsLikeSentence(line)
            && !isBlank(text.sliced(lineEnd));
        return isTitle ? line.toString() : QString();
    }
    return QString();
}

Article draftArticle(const QString &filePath, const QString &text)
{
    const QFileInfo info(filePath);
    Article article;
    article.key = info.completeBaseName();
    if (article.key.isEmpty()) // ".txt"
        article.key = info.fileName();
    article.title = titleLine(text);
    if (article.title.isEmpty())
        article.title = article.key;
    article.source = info.absoluteFilePath();
    article.text = text;
    return article;
}

} // namespace Byline
