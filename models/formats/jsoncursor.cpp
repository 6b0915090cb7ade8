// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsoncursor.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Byline::JsonCursor", text);
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(QByteArray &out, char32_t codePoint)
{
    if (codePoint < 0x80) {
        out += char(codePoint);
    } else if (codePoint < 0x800) {
        out += char(0xc0 | (codePoint >> 6));
        out += char(0x80 | (codePoint & 0x3f));
    } else if (codePoint < 0x10000) {
        out += char(0xe0 | (codePoint >> 12));
        out += char(0x80 | ((codePoint >> 6) & 0x3f));
        out += char(0x80 | (codePoint & 0x3f));
    } else {
        out += char(0xf0 | (codePoint >> 18));
        out += char(0x80 | ((codePoint >> 12) & 0x3f));
        out += char(0x80 | ((codePoint >> 6) & 0x3f));
        out += char(0x80 | (codePoint & 0x3f));
    }
}

} // namespace

JsonCursor::JsonCursor(QByteArrayView bytes, qsizetype base)
    : m_bytes(bytes)
    , m_base(base)
{
}

bool JsonCursor::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = tr("%1 (at byte %2)").arg(message).arg(m_base + m_position + 1);
    return false;
}

void JsonCursor::skipSpace()
{
    while (m_position < m_bytes.size()) {
        const char c = m_bytes[m_position];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_position;
    }
}

bool JsonCursor::atEnd()
{
    skipSpace();
    return m_position >= m_bytes.size();
}

char JsonCursor::peek()
{
    skipSpace();
    return failed() || m_position >= m_bytes.size() ? 0 : m_bytes[m_position];
}

bool JsonCursor::expect(char c)
{
    if (failed())
        return false;
    if (peek() != c) {
        if (m_position >= m_bytes.size())
            return fail(tr("the text ends early, where \"%1\" should follow").arg(QLatin1Char(c)));
        return fail(tr("\"%1\" expected").arg(QLatin1Char(c)));
    }
    ++m_position;
    return true;
}

bool JsonCursor::beginObject()
{
    if (!expect('{'))
        return false;
    if (m_first.size() >= maximumDepth)
        return fail(tr("nested deeper than %1 levels").arg(maximumDepth));
    m_first.append(true);
    return true;
}

bool JsonCursor::beginArray()
{
    if (!expect('['))
        return false;
    if (m_first.size() >= maximumDepth)
        return fail(tr("nested deeper than %1 levels").arg(maximumDepth));
    m_first.append(true);
    return true;
}

// Between elements: the container's end (consumed, false) or a comma unless it is the first.
bool JsonCursor::separator(char close)
{
    if (failed() || m_first.isEmpty())
        return false;
    const char c = peek();
    if (c == close) {
        ++m_position;
        m_first.removeLast();
        return false;
    }
    if (m_first.last()) {
        m_first.last() = false;
        return true;
    }
    return expect(',');
}

std::optional<QByteArrayView> JsonCursor::nextKey()
{
    if (!separator('}'))
        return std::nullopt;
    const auto key = utf8String();
    if (!key || !expect(':'))
        return std::nullopt;
    return key;
}

bool JsonCursor::nextElement()
{
    if (!separator(']'))
        return false;
    if (peek() == ']') // "[1,]"
        return fail(tr("a value expected"));
    return true;
}

// The bytes between the quotes, checked: no raw control characters, valid escapes.
std::optional<QByteArrayView> JsonCursor::stringBytes()
{
    if (!expect('"'))
        return std::nullopt;
    const qsizetype start = m_position;
    while (m_position < m_bytes.size()) {
        const char c = m_bytes[m_position];
        if (c == '"') {
            ++m_position;
            return m_bytes.sliced(start, m_position - 1 - start);
        }
        if (c == '\\') {
            m_position += 2;
            continue;
        }
        if (uchar(c) < 0x20) {
            fail(tr("a control character inside a string"));
            return std::nullopt;
        }
        ++m_position;
    }
    fail(tr("the text ends inside a string"));
    return std::nullopt;
}

std::optional<QByteArrayView> JsonCursor::utf8String()
{
    const auto raw = stringBytes();
    if (!raw)
        return std::nullopt;
    if (!raw->contains('\\'))
        return raw;
    m_decoded.clear();
    m_decoded.reserve(raw->size());
    for (qsizetype i = 0; i < raw->size(); ++i) {
        const char c = raw->at(i);
        if (c != '\\') {
            m_decoded += c;
            continue;
        }
        const char escape = i + 1 < raw->size() ? raw->at(++i) : 0;
        switch (escape) {
        case '"':
        case '\\':
        case '/':
            m_decoded += escape;
            break;
        case 'b':
            m_decoded += '\b';
            break;
        case 'f':
            m_decoded += '\f';
            break;
        case 'n':
            m_decoded += '\n';
            break;
        case 'r':
            m_decoded += '\r';
            break;
        case 't':
            m_decoded += '\t';
            break;
        case 'u': {
            const auto hex = [&](qsizetype at) -> int {
                if (at + 4 > raw->size())
                    return -1;
                int value = 0;
                for (qsizetype k = at; k < at + 4; ++k) {
                    const int digit = hexValue(raw->at(k));
                    if (digit < 0)
                        return -1;
                    value = value * 16 + digit;
                }
                return value;
            };
            int unit = hex(i + 1);
            if (unit < 0) {
                fail(tr("a \\u escape needs four hex digits"));
                return std::nullopt;
            }
            i += 4;
            char32_t codePoint = char32_t(unit);
            if (unit >= 0xd800 && unit < 0xdc00) {
                const int low = i + 2 < raw->size() && raw->at(i + 1) == '\\' && raw->at(i + 2) == 'u'
                    ? hex(i + 3)
                    : -1;
                if (low < 0xdc00 || low >= 0xe000) {
                    fail(tr("a \\u escape of half a surrogate pair"));
                    return std::nullopt;
                }
                codePoint = 0x10000 + ((char32_t(unit) - 0xd800) << 10) + (char32_t(low) - 0xdc00);
                i += 6;
            } else if (unit >= 0xdc00 && unit < 0xe000) {
                fail(tr("a \\u escape of half a surrogate pair"));
                return std::nullopt;
            }
            appendUtf8(m_decoded, codePoint);
            break;
        }
        default:
            fail(tr("an unknown escape in a string"));
            return std::nullopt;
        }
    }
    return QByteArrayView(m_decoded);
}

std::optional<QString> JsonCursor::string()
{
    const auto bytes = utf8String();
    if (!bytes)
        return std::nullopt;
    return QString::fromUtf8(*bytes);
}

std::optional<QByteArrayView> JsonCursor::number()
{
    if (failed())
        return std::nullopt;
    skipSpace();
    const qsizetype start = m_position;
    const auto digits = [&] {
        const qsizetype from = m_position;
        while (m_position < m_bytes.size() && isDigit(m_bytes[m_position]))
            ++m_position;
        return m_position > from;
    };
    const auto at = [&](char c) { return m_position < m_bytes.size() && m_bytes[m_position] == c; };
    if (at('-'))
        ++m_position;
    const bool leadingZero = at('0');
    bool ok = digits() && !(leadingZero && m_position - start > (m_bytes[start] == '-' ? 2 : 1));
    if (ok && at('.')) {
        ++m_position;
        ok = digits();
    }
    if (ok && (at('e') || at('E'))) {
        ++m_position;
        if (at('+') || at('-'))
            ++m_position;
        ok = digits();
    }
    if (!ok) {
        m_position = start;
        fail(tr("a number expected"));
        return std::nullopt;
    }
    return m_bytes.sliced(start, m_position - start);
}

bool JsonCursor::skipLiteral(QByteArrayView literal)
{
    if (m_bytes.sliced(m_position).startsWith(literal)) {
        m_position += literal.size();
        return true;
    }
    return false;
}

std::optional<bool> JsonCursor::boolean()
{
    skipSpace();
    if (failed())
        return std::nullopt;
    if (skipLiteral("true"))
        return true;
    if (skipLiteral("false"))
        return false;
    fail(tr("true or false expected"));
    return std::nullopt;
}

bool JsonCursor::null()
{
    skipSpace();
    return !failed() && skipLiteral("null");
}

bool JsonCursor::skipValue(int depth)
{
    if (depth > maximumDepth)
        return fail(tr("nested deeper than %1 levels").arg(maximumDepth));
    switch (peek()) {
    case '{':
        if (!beginObject())
            return false;
        while (nextKey()) {
            if (!skipValue(depth + 1))
                return false;
        }
        return !failed();
    case '[':
        if (!beginArray())
            return false;
        while (nextElement()) {
            if (!skipValue(depth + 1))
                return false;
        }
        return !failed();
    case '"':
        return stringBytes().has_value();
    case 't':
    case 'f':
        return boolean().has_value();
    case 'n':
        return null() || fail(tr("a value expected"));
    case 0:
        return fail(tr("the text ends where a value should follow"));
    default:
        return number().has_value();
    }
}

std::optional<QByteArrayView> JsonCursor::rawValue()
{
    skipSpace();
    const qsizetype start = m_position;
    if (!skipValue(m_first.size()))
        return std::nullopt;
    return m_bytes.sliced(start, m_position - start);
}

} // namespace Byline
