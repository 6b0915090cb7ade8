// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <optional>

namespace Byline {

/// An article field a CSV of articles can fill, the format option that names its column and the
/// header names tried when the option is not given.
struct CsvArticleColumn {
    QString option; ///< for example "titleColumn"
    QString label; ///< for people: "Title"
    QStringList usualNames; ///< tried in order, case and surrounding space ignored
    bool required = false;
};

/// Which column of a CSV of articles fills which article field. The import dialog and the CSV
/// reader share it, so what the dialog proposes is what the reader would take.
class CsvArticleColumns final {
    Q_DECLARE_TR_FUNCTIONS(CsvArticleColumns)
public:
    enum Field { Text, Title, Date, Source, Id };

    /// One per Field, in the enum's order.
    static const QList<CsvArticleColumn> &all();
    static const CsvArticleColumn &at(Field field) { return all().at(field); }

    /// The column for field given the header: the one the option value names (an empty value
    /// means the field is not read), or, without the option, the first of the usual names.
    /// -1 when there is none.
    static qsizetype find(
        const QStringList &header, const CsvArticleColumn &field, const std::optional<QString> &optionValue);
};

/// The first records of a CSV file, read without reading the whole file, for choosing columns.
struct CsvPreview {
    Q_DECLARE_TR_FUNCTIONS(CsvPreview)
public:
    QStringList header;
    QList<QStringList> rows;
    QString error; ///< empty when the header could be read
    bool isValid() const { return error.isEmpty(); }

    static CsvPreview read(const QString &path, int maxRows);
};

} // namespace Byline
