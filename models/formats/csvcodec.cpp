// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvcodec.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

bool needsQuotes(const QString &field)
{
    if (field.isEmpty())
        return false;
    // Spaces at either end are kept by RFC 4180, but spreadsheets trim unquoted ones.
    if (field.front().isSpace() || field.back().isSpace())
        return true;
    for (const QChar c : field) {
        if (c == u',' || c == u'"' || c == u'\n' || c == u'\r')
            return true;
    }
    return false;
}

bool endsField(QChar c)
{
    return c == u',' || c == u'\r' || c == u'\n';
}

} // namespace

QByteArray CsvCodec::record(const QStringList &fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += u',';
        const QString &field = fields.at(i);
        if (needsQuotes(field)) {
            line += u'"';
            line += QString(field).replace(u"\""_s, u"\"\""_s);
            line += u'"';
        } else {
            line += field;
        }
    }
    line += u"\r\n"_s;
    return line.toUtf8();
}

CsvCodec::CsvCodec(QStringView text)
    : m_text(text)
{
}

CsvCodec::CsvCodec(MoreText more, qsizetype maximumLength)
    : m_more(std::move(more))
    , m_maximumLength(maximumLength)
{
}

// Whether there is text at m_position, taking the next piece when this one is used up.
bool CsvCodec::available()
{
    while (m_position >= m_text.size()) {
        if (!m_more)
            return false;
        if (!m_more(m_piece)) {
            m_more = {};
            return false;
        }
        m_text = m_piece;
        m_position = 0;
    }
    return true;
}

// Counts length against the cap: over it, the record's fields are dropped and no more are kept.
bool CsvCodec::fits(qsizetype length)
{
    m_recordLength += length;
    if (m_recordLength <= m_maximumLength)
        return true;
    if (!m_tooLong) {
        m_tooLong = true;
        m_field = QString();
        m_fields = QStringList();
    }
    return false;
}

void CsvCodec::append(QStringView run)
{
    if (fits(run.size()))
        m_field += run;
}

void CsvCodec::endField()
{
    if (!m_tooLong)
        m_fields.append(std::exchange(m_field, QString()));
    m_state = State::FieldStart;
}

bool CsvCodec::endRecord(QChar lineEnd, QStringList *fields)
{
    ++m_line;
    m_skipLineFeed = lineEnd == u'\r';
    *fields = std::exchange(m_fields, QStringList());
    return true;
}

bool CsvCodec::next(QStringList *fields)
{
    fields->clear();
    m_tooLong = false;
    m_recordLength = 0;
    if (!m_error.isEmpty())
        return false;
    bool started = false;
    // A record may span pieces: the state says where in it the last piece ended.
    while (available()) {
        const QChar *data = m_text.data();
        const qsizetype n = m_text.size();
        if (m_skipLineFeed) {
            m_skipLineFeed = false;
            if (data[m_position] == u'\n') {
                ++m_position;
                continue;
            }
        }
        if (!started) {
            started = true;
            m_recordLine = m_line;
        }
        switch (m_state) {
        case State::FieldStart:
            if (data[m_position] == u'"') {
                m_state = State::Quoted;
                ++m_position;
                continue;
            }
            m_state = State::Unquoted;
            [[fallthrough]];
        case State::Unquoted: {
            qsizetype end = m_position;
            while (end < n && !endsField(data[end]))
                ++end;
            append(m_text.sliced(m_position, end - m_position));
            m_position = end;
            if (end == n)
                continue;
            const QChar c = data[m_position++];
            endField();
            if (c != u',')
                return endRecord(c, fields);
            fits(1); // commas count too: a record of nothing but commas is as long
            continue;
        }
        case State::Quoted: {
            qsizetype end = m_position;
            while (end < n && data[end] != u'"') {
                if (data[end] == u'\n')
                    ++m_line;
                ++end;
            }
            append(m_text.sliced(m_position, end - m_position));
            m_position = end;
            if (end < n) {
                ++m_position;
                m_state = State::QuoteInQuoted;
            }
            continue;
        }
        case State::QuoteInQuoted: {
            const QChar c = data[m_position];
            if (c == u'"') {
                append(u"\"");
                m_state = State::Quoted;
                ++m_position;
                continue;
            }
            if (!endsField(c)) {
                m_error = tr("line %1: a character follows a closing quotation mark").arg(m_line);
                return false;
            }
            ++m_position;
            endField();
            if (c != u',')
                return endRecord(c, fields);
            fits(1); // commas count too: a record of nothing but commas is as long
            continue;
        }
        }
    }
    if (!started)
        return false;
    if (m_state == State::Quoted) {
        m_error = tr("line %1: a quoted field is not closed before the end of the file").arg(m_recordLine);
        return false;
    }
    endField();
    *fields = std::exchange(m_fields, QStringList());
    return true;
}

} // namespace Byline
