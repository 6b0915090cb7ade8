// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvcolumns.h"

#include "csvcodec.h"
#include "textdecoder.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Byline {

const QList<CsvArticleColumn> &CsvArticleColumns::all()
{
    static const QList<CsvArticleColumn> columns {
        { u"textColumn"_s, tr("Text"), { u"text"_s, u"body"_s, u"content"_s, u"article"_s }, true },
        { u"titleColumn"_s, tr("Title"), { u"title"_s, u"headline"_s } },
        { u"dateColumn"_s, tr("Date"), { u"published"_s, u"date"_s, u"pubdate"_s, u"publication_date"_s } },
        { u"sourceColumn"_s, tr("Source"), { u"source"_s, u"url"_s, u"link"_s } },
        { u"idColumn"_s, tr("Id"), { u"id"_s, u"key"_s } },
    };
    return columns;
}

qsizetype CsvArticleColumns::find(
    const QStringList &header, const CsvArticleColumn &field, const std::optional<QString> &optionValue)
{
    if (optionValue && optionValue->isEmpty())
        return -1;
    const QStringList names = optionValue ? QStringList { *optionValue } : field.usualNames;
    for (const QString &name : names) {
        for (qsizetype i = 0; i < header.size(); ++i) {
            if (header.at(i).trimmed().compare(name.trimmed(), Qt::CaseInsensitive) == 0)
                return i;
        }
    }
    return -1;
}

CsvPreview CsvPreview::read(const QString &path, int maxRows)
{
    // Enough for the header and a few rows of long articles; a cut last record is left out.
    constexpr qint64 headLength = 1024 * 1024;
    CsvPreview preview;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        preview.error = tr("%1: %2").arg(path, file.errorString());
        return preview;
    }
    QByteArray head = file.read(headLength);
    const bool wholeFile = file.atEnd();
    // Cut at a line end, so that no character is cut in two and misread as another encoding.
    if (!wholeFile && head.lastIndexOf('\n') > 0)
        head.truncate(head.lastIndexOf('\n') + 1);
    const TextDecoder::Result decoded = TextDecoder().decode(head, path);
    if (!decoded.isOk()) {
        preview.error = decoded.errorString;
        return preview;
    }
    CsvCodec csv(decoded.text);
    if (!csv.next(&preview.header)) {
        preview.error
            = tr("%1: %2").arg(path, csv.errorString().isEmpty() ? tr("no header line") : csv.errorString());
        return preview;
    }
    QStringList fields;
    while (preview.rows.size() < maxRows && csv.next(&fields)) {
        if (fields.size() == 1 && fields.first().isEmpty())
            continue;
        preview.rows << fields;
    }
    // A record cut by the end of the head reads as one with too few fields.
    if (!wholeFile && !preview.rows.isEmpty() && preview.rows.last().size() != preview.header.size())
        preview.rows.removeLast();
    return preview;
}

} // namespace Byline
