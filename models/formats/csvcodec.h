// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace Byline {

/// RFC 4180 comma-separated values: records end with CRLF; a field holding a comma, a
/// quotation mark, a line break or leading or trailing space is quoted, with quotation
/// marks doubled. The reader also takes LF line ends and a final record without a line end.
class CsvCodec final {
    Q_DECLARE_TR_FUNCTIONS(CsvCodec)
public:
    /// One record, UTF-8, with its CRLF.
    static QByteArray record(const QStringList &fields);

    explicit CsvCodec(QStringView text);
    /// The next record, or false at the end or on an error (then errorString() is set).
    bool next(QStringList *fields);
    /// The line (from 1) where the record last returned by next() started.
    qsizetype line() const { return m_recordLine; }
    QString errorString() const { return m_error; }

private:
    QStringView m_text;
    qsizetype m_position = 0;
    qsizetype m_line = 1;
    qsizetype m_recordLine = 0;
    QString m_error;
};

} // namespace Byline
