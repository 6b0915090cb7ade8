// SPDX-License-Identifier: GPL-3.0-or-later
#include "htmlformat.h"

#include "documentbatch.h"
#include "htmltext.h"
#include "textdecoder.h"

#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace Byline {

QString HtmlFormat::shortName() const
{
    return u"html"_s;
}

QString HtmlFormat::displayName() const
{
    return tr("Web page");
}

QStringList HtmlFormat::extensions() const
{
    return { u"html"_s, u"htm"_s, u"xhtml"_s };
}

DatasetFormat::Capabilities HtmlFormat::capabilities() const
{
    return CanRead;
}

QString HtmlFormat::limitations() const
{
    return tr("Main text only: navigation, page furniture, scripts and share lines are left out, "
              "paragraphs become blank-line separated text; links, images and formatting are not kept.");
}

bool HtmlFormat::read(Store &store, const QString &path, FormatReadReport *report, const FormatProgress &)
{
    QFile file(path);
    if (file.size() > TextDecoder::DefaultMaximumSize)
        return fail(tr("%1 is too large for a web page").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray data = file.readAll();
    FormatReadReport counts;
    QString html;
    const auto declared = QStringConverter::encodingForHtml(data);
    QStringDecoder decoder = declared ? QStringDecoder(*declared) : QStringDecoder();
    if (declared && *declared != QStringConverter::Utf8 && decoder.isValid()) {
        html = decoder.decode(data);
    } else {
        // undeclared or UTF-8: strict UTF-8, else windows-1252 with a warning
        const TextDecoder::Result decoded = TextDecoder().decode(data, path);
        if (!decoded.isOk())
            return fail(decoded.errorString);
        html = decoded.text;
        counts.warnings += decoded.warnings;
    }

    const HtmlText page(html);
    if (page.text().trimmed().isEmpty())
        return fail(tr("%1: no article text found in the page").arg(path));
    DatasetDocument document;
    document.article.key = QFileInfo(path).completeBaseName();
    document.article.title = page.title();
    document.article.source = page.url().isEmpty() ? QFileInfo(path).absoluteFilePath() : page.url();
    document.article.text = page.text();
    const QString date = page.published().left(10);
    if (QDate::fromString(date, Qt::ISODate).isValid())
        document.article.published = date;
    QString error;
    if (!storeDocuments(store, { document }, { path }, &counts, &error))
        return fail(error);
    if (report)
        *report = counts;
    return true;
}

} // namespace Byline
