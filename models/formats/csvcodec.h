// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <limits>

namespace Byline {

/// RFC 4180 comma-separated values: records end with CRLF; a field holding a comma, a
/// quotation mark, a line break or leading or trailing space is quoted, with quotation
/// marks doubled. The reader also takes LF line ends and a final record without a line end.
///
/// The reader takes its text whole or a piece at a time (from a function that gives the next
/// piece), and keeps no more than the record it is reading: a file is read in constant memory.
/// A record can be capped: one longer than the cap is read to its end without being kept.
class CsvCodec final {
    Q_DECLARE_TR_FUNCTIONS(CsvCodec)
public:
    /// One record, UTF-8, with its CRLF.
    static QByteArray record(const QStringList &fields);

    /// Fills the string with the next piece of text; false at the end of the text.
    using MoreText = std::function<bool(QString &)>;

    explicit CsvCodec(QStringView text);
    /// Reads the pieces more gives; a record over maximumLength characters is refused.
    explicit CsvCodec(MoreText more, qsizetype maximumLength = std::numeric_limits<qsizetype>::max());
    /// The next record, or false at the end or on an error (then errorString() is set). A record
    /// over the cap comes back without fields, with tooLong() set.
    bool next(QStringList *fields);
    /// The line (from 1) where the record last returned by next() started.
    qsizetype line() const { return m_recordLine; }
    bool tooLong() const { return m_tooLong; }
    QString errorString() const { return m_error; }

private:
    enum class State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted, ///< a quotation mark in a quoted field: its end, or the first of two
    };
    bool available();
    bool fits(qsizetype length);
    void append(QStringView run);
    void endField();
    bool endRecord(QChar lineEnd, QStringList *fields);

    MoreText m_more;
    QString m_piece; ///< the text m_text views, when it comes in pieces
    QStringView m_text;
    qsizetype m_position = 0;
    qsizetype m_maximumLength = std::numeric_limits<qsizetype>::max();
    qsizetype m_line = 1;
    qsizetype m_recordLine = 0;
    qsizetype m_recordLength = 0;
    State m_state = State::FieldStart;
    bool m_skipLineFeed = false; ///< the last record ended with CR: a LF after it is part of its end
    bool m_tooLong = false;
    QString m_field;
    QStringList m_fields;
    QString m_error;
};

} // namespace Byline
