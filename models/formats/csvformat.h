// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "csvcolumns.h"
#include "datasetformat.h"

namespace Byline {

/// Spreadsheet tables (RFC 4180), written as a folder with one file per layer:
/// articles.csv, mentions.csv, quotes.csv and figures.csv, offsets in code points.
/// Reads a CSV of articles: a table with a text column and, optionally, title, date, source
/// and id columns. A folder written by this format reads back whole: the layer tables onto their
/// articles by id, every span checked against the text. Reading streams: each article is stored
/// with its layer rows as it is read, all in one transaction (every article or none, unless
/// skipBadRecords), so memory stays flat; the layer tables must list the articles in the order
/// of articles.csv, as this format writes them. An article skipped as a bad record takes its
/// layer rows with it, each reported in FormatReadReport::badRecords, even when its id cannot be
/// read: the order tells its rows.
///
/// Options: "excel" (bool) starts every file with a UTF-8 byte order mark, which Excel needs
/// to read UTF-8; "textColumn", "titleColumn", "dateColumn", "sourceColumn", "idColumn" name
/// the columns to read (case does not matter; an empty name leaves that field out); by default
/// the usual names are tried (CsvArticleColumns); "maxLineBytes" caps a record, in characters.
/// "offsets=utf16" writes and reads the start, end and content_spans columns in UTF-16 code
/// units instead of code points, for spreadsheets that feed JavaScript tools; the columns keep
/// their names (no header names the unit), so the folder reads back right only with the same option.
class CsvFormat final : public DatasetFormat {
public:
    QString shortName() const override;
    QString displayName() const override;
    QStringList extensions() const override;
    Capabilities capabilities() const override;
    QString limitations() const override;
    bool writesFolder() const override { return true; }
    bool write(const Store &store, const QString &path, const FormatProgress &progress) override;
    bool read(
        Store &store, const QString &path, FormatReadReport *report, const FormatProgress &progress) override;

private:
    qsizetype column(const QStringList &header, const CsvArticleColumn &field) const;
};

} // namespace Byline
