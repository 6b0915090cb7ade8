// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvcodec.h"

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

bool CsvCodec::next(QStringList *fields)
{
    fields->clear();
    if (!m_error.isEmpty() || m_position >= m_text.size())
        return false;
    m_recordLine = m_line;
    const qsizetype n = m_text.size();
    QString field;
    bool quoted = false;
    while (m_position < n) {
        const QChar c = m_text.at(m_position);
        if (quoted) {
            if (c == u'"') {
                if (m_position + 1 < n && m_text.at(m_position + 1) == u'"') {
                    field += u'"';
                    m_position += 2;
                    continue;
                }
                quoted = false;
                ++m_position;
                if (m_position < n && m_text.at(m_position) != u',' && m_text.at(m_position) != u'\r'
                    && m_text.at(m_position) != u'\n') {
                    m_error = tr("line %1: a character follows a closing quotation mark").arg(m_line);
                    return false;
                }
                continue;
            }
            if (c == u'\n')
                ++m_line;
            field += c;
            ++m_position;
            continue;
        }
        if (c == u'"' && field.isEmpty()) {
            quoted = true;
            ++m_position;
            continue;
        }
        if (c == u',') {
            fields->append(field);
            field.clear();
            ++m_position;
            continue;
        }
        if (c == u'\r' || c == u'\n') {
            m_position += (c == u'\r' && m_position + 1 < n && m_text.at(m_position + 1) == u'\n') ? 2 : 1;
            ++m_line;
            fields->append(field);
            return true;
        }
        field += c;
        ++m_position;
    }
    if (quoted) {
        m_error = tr("line %1: a quoted field is not closed before the end of the file").arg(m_recordLine);
        return false;
    }
    fields->append(field);
    return true;
}

} // namespace Byline
