// SPDX-License-Identifier: GPL-3.0-or-later
#include "w3cannotationstream.h"

#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Large reads keep the system calls few; the buffer grows only as far as the longest annotation.
constexpr qsizetype chunkSize = 1024 * 1024;
// Member names and types are words: a longer one means the file is something else.
constexpr qsizetype maximumNameLength = 64 * 1024;

const QString collectionType = u"AnnotationCollection"_s;
const QString pageType = u"AnnotationPage"_s;
const QString annotationType = u"Annotation"_s;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace

W3cAnnotationStream::W3cAnnotationStream(QIODevice &device, qsizetype maximumLength)
    : m_device(device)
    , m_maximumLength(maximumLength)
{
}

QString W3cAnnotationStream::tooLongReason() const
{
    constexpr qsizetype mebibyte = 1024 * 1024;
    const QString cap = m_maximumLength % mebibyte == 0 ? tr("%1 MiB").arg(m_maximumLength / mebibyte)
                                                        : tr("%1 bytes").arg(m_maximumLength);
    return tr("longer than %1, the most read as one annotation").arg(cap);
}

bool W3cAnnotationStream::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    m_state = State::Done;
    return false;
}

// Moves what is still needed (from the mark, or from the read position) to the front and reads
// more after it. False at the end of the file.
bool W3cAnnotationStream::fill()
{
    if (m_atEnd)
        return false;
    if (m_mark >= 0 && m_position - m_mark > m_maximumLength) {
        m_mark = -1;
        m_markTooLong = true;
    }
    const qsizetype keep = m_mark >= 0 ? m_mark : m_position;
    if (keep > 0) {
        lineAt(keep); // the line breaks of the bytes let go are counted first
        m_linesCounted -= keep;
        std::memmove(m_buffer.data(), m_buffer.constData() + keep, size_t(m_end - keep));
        m_end -= keep;
        m_position -= keep;
        if (m_mark >= 0)
            m_mark -= keep;
        m_discarded += keep;
    }
    if (m_buffer.size() < m_end + chunkSize)
        m_buffer.resize(m_end + chunkSize);
    const qint64 read = m_device.read(m_buffer.data() + m_end, chunkSize);
    if (read <= 0) {
        m_atEnd = true;
        if (read < 0)
            fail(tr("cannot read: %1").arg(m_device.errorString()));
        return false;
    }
    m_end += read;
    return true;
}

// Counts each byte once, as the annotations come: messages name the line, which editors show.
qint64 W3cAnnotationStream::lineAt(qsizetype position)
{
    if (position > m_linesCounted) {
        m_lineBreaks
            += QByteArrayView(m_buffer.constData() + m_linesCounted, position - m_linesCounted).count('\n');
        m_linesCounted = position;
    }
    return m_lineBreaks + 1;
}

int W3cAnnotationStream::peek()
{
    for (;;) {
        while (m_position < m_end && isSpace(m_buffer.at(m_position)))
            ++m_position;
        if (m_position < m_end)
            return uchar(m_buffer.at(m_position));
        if (!fill())
            return -1;
    }
}

bool W3cAnnotationStream::expect(char c)
{
    const int found = peek();
    if (found < 0)
        return fail(tr("not JSON: the file ends at byte %1: it is truncated").arg(offset()));
    if (found != c)
        return fail(tr("not JSON: %1 expected at byte %2").arg(QChar::fromLatin1(c)).arg(offset()));
    ++m_position;
    return true;
}

std::optional<QString> W3cAnnotationStream::string()
{
    if (peek() != '"') {
        fail(tr("not JSON: a name in quotes expected at byte %1").arg(offset()));
        return std::nullopt;
    }
    // Scanned in place: fill() keeps the bytes from the read position, the string's start.
    qsizetype length = 1;
    bool escaped = false;
    for (;;) {
        for (; m_position + length < m_end; ++length) {
            const char c = m_buffer.at(m_position + length);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                QByteArray json = "[";
                json += QByteArrayView(m_buffer.constData() + m_position, length + 1);
                json += ']';
                const QJsonDocument parsed = QJsonDocument::fromJson(json);
                if (!parsed.isArray()) {
                    fail(tr("not JSON: a bad string at byte %1").arg(offset()));
                    return std::nullopt;
                }
                m_position += length + 1;
                return parsed.array().at(0).toString();
            }
        }
        if (length > maximumNameLength) {
            fail(tr("not a Web Annotation file: a name longer than %1 bytes at byte %2")
                    .arg(maximumNameLength)
                    .arg(offset()));
            return std::nullopt;
        }
        if (!fill()) {
            fail(tr("not JSON: the file ends inside a string: it is truncated"));
            return std::nullopt;
        }
    }
}

void W3cAnnotationStream::beginValue(const QString &where)
{
    m_where = where;
    m_closers.clear();
    m_inString = false;
    m_escaped = false;
    m_scanned = false;
}

// Checks brackets and strings only: QJsonDocument checks the annotations themselves, and the
// members passed over are not read.
W3cAnnotationStream::Scan W3cAnnotationStream::scanValue(bool stopWhenTooLong)
{
    for (;;) {
        if (m_position == m_end) {
            const bool more = fill();
            if (stopWhenTooLong && m_markTooLong)
                return Scan::TooLong;
            if (!more) {
                if (m_closers.isEmpty() && !m_inString && m_scanned)
                    return Scan::Done; // a number or literal ends the file
                fail(tr("not JSON: the file ends inside %1: it is truncated").arg(m_where));
                return Scan::Failed;
            }
        }
        const char *data = m_buffer.constData();
        for (; m_position < m_end; ++m_position) {
            const char c = data[m_position];
            if (m_inString) {
                if (m_escaped)
                    m_escaped = false;
                else if (c == '\\')
                    m_escaped = true;
                else if (c == '"') {
                    m_inString = false;
                    if (m_closers.isEmpty()) {
                        ++m_position;
                        return Scan::Done;
                    }
                }
                continue;
            }
            if (c == '"') {
                m_inString = true;
            } else if (c == '{' || c == '[') {
                if (m_closers.size() == maximumDepth) {
                    fail(tr("not JSON: %1 nests deeper than %2 levels at byte %3")
                            .arg(m_where)
                            .arg(maximumDepth)
                            .arg(offset()));
                    return Scan::Failed;
                }
                m_closers.append(c == '{' ? '}' : ']');
            } else if (c == '}' || c == ']' || c == ',' || (isSpace(c) && m_closers.isEmpty())) {
                if (m_closers.isEmpty()) {
                    // the end of a number or literal, or of nothing
                    if (m_scanned)
                        return Scan::Done;
                    fail(tr("not JSON: a value expected at byte %1").arg(offset()));
                    return Scan::Failed;
                }
                if (c == '}' || c == ']') {
                    if (m_closers.last() != c) {
                        fail(tr("not JSON: %1 where %2 closes %3, at byte %4")
                                .arg(QChar::fromLatin1(c), QChar::fromLatin1(m_closers.last()), m_where)
                                .arg(offset()));
                        return Scan::Failed;
                    }
                    m_closers.removeLast();
                    if (m_closers.isEmpty()) {
                        ++m_position;
                        return Scan::Done;
                    }
                }
            }
            m_scanned = true;
        }
    }
}

std::optional<W3cAnnotationStream::Annotation> W3cAnnotationStream::next()
{
    switch (m_state) {
    case State::Start:
        return start();
    case State::SkippingElement:
        if (scanValue(false) != Scan::Done)
            return std::nullopt;
        m_state = State::InArray;
        return element();
    case State::InArray:
        return element();
    case State::Done:
        break;
    }
    return std::nullopt;
}

std::optional<W3cAnnotationStream::Annotation> W3cAnnotationStream::start()
{
    if (!fill() && m_end == 0) {
        fail(m_error.isEmpty() ? tr("not JSON: the file is empty") : m_error);
        return std::nullopt;
    }
    if (QByteArrayView(m_buffer.constData(), m_end).startsWith("\xEF\xBB\xBF"))
        m_position = 3;
    const int c = peek();
    if (c == '[') {
        ++m_position;
        m_arrayField = u"annotations"_s;
        m_state = State::InArray;
        return element();
    }
    if (c != '{') {
        fail(tr("not JSON: an object or an array expected at byte %1").arg(offset()));
        return std::nullopt;
    }
    // Kept while it may be a single annotation, up to the cap.
    m_objectLine = lineAt(m_position);
    m_mark = m_position;
    ++m_position;
    m_levels.append(Level::Top);
    m_firstMember.append(true);
    if (readMembers())
        return element();
    return finish();
}

bool W3cAnnotationStream::readMembers()
{
    while (!m_levels.isEmpty() && m_state != State::Done) {
        const int c = peek();
        if (c < 0)
            return fail(tr("not JSON: the file ends inside an object: it is truncated"));
        if (c == '}') {
            ++m_position;
            m_levels.removeLast();
            m_firstMember.removeLast();
            continue;
        }
        if (!m_firstMember.last() && !expect(','))
            return false;
        m_firstMember.last() = false;
        const auto key = string();
        if (!key || !expect(':'))
            return false;
        const Level level = m_levels.last();
        const int value = peek();
        if (level == Level::Top && *key == u"type"_s) {
            const auto type = string();
            if (!type)
                return false;
            m_type = *type;
            if (m_type != collectionType && m_type != pageType && m_type != annotationType)
                return fail(tr("not a Web Annotation collection, page or annotation: the type is \"%1\"")
                        .arg(m_type));
            continue;
        }
        // The type may come after the annotations: finish() checks that they are where it says.
        if (m_arrayField.isEmpty() && level == Level::Top && *key == u"first"_s
            && (m_type.isEmpty() || m_type == collectionType)) {
            if (value == '{') {
                ++m_position;
                m_mark = -1;
                m_sawFirstPage = true;
                m_levels.append(Level::FirstPage);
                m_firstMember.append(true);
                continue;
            }
        } else if (m_arrayField.isEmpty() && *key == u"items"_s && value == '['
            && (level == Level::FirstPage || m_type.isEmpty() || m_type == pageType)) {
            ++m_position;
            m_mark = -1;
            m_arrayField = level == Level::Top ? u"items"_s : u"first.items"_s;
            m_state = State::InArray;
            return true;
        }
        beginValue(u"\"%1\""_s.arg(*key));
        if (scanValue(false) != Scan::Done)
            return false;
    }
    return false;
}

std::optional<W3cAnnotationStream::Annotation> W3cAnnotationStream::element()
{
    int c = peek();
    if (c == ']') {
        ++m_position;
        // The rest of the objects around the array, then the end of the file.
        readMembers();
        return finish();
    }
    if (m_index > 0) {
        if (c != ',') {
            fail(c < 0 ? tr("not JSON: the file ends after %1[%2]: it is truncated")
                             .arg(m_arrayField)
                             .arg(m_index - 1)
                       : tr("not JSON: a comma or ] expected after %1[%2] at byte %3")
                             .arg(m_arrayField)
                             .arg(m_index - 1)
                             .arg(offset()));
            return std::nullopt;
        }
        ++m_position;
        c = peek();
    }
    if (c < 0) {
        fail(tr("not JSON: the file ends inside %1: it is truncated").arg(m_arrayField));
        return std::nullopt;
    }
    Annotation annotation;
    annotation.field = u"%1[%2]"_s.arg(m_arrayField).arg(m_index++);
    annotation.line = lineAt(m_position);
    m_mark = m_position;
    m_markTooLong = false;
    beginValue(annotation.field);
    switch (scanValue(true)) {
    case Scan::Done:
        // fill() lets a long value go only when it reads more: a short file may hold it whole
        annotation.tooLong = m_markTooLong || m_position - m_mark > m_maximumLength;
        if (!annotation.tooLong)
            annotation.bytes = QByteArrayView(m_buffer.constData() + m_mark, m_position - m_mark);
        m_mark = -1;
        return annotation;
    case Scan::TooLong:
        // Passed over by the next call: failing here reads no further.
        annotation.tooLong = true;
        m_state = State::SkippingElement;
        return annotation;
    case Scan::Failed:
        break;
    }
    return std::nullopt;
}

std::optional<W3cAnnotationStream::Annotation> W3cAnnotationStream::finish()
{
    if (m_state == State::Done)
        return std::nullopt;
    m_state = State::Done;
    const qsizetype length = m_mark >= 0 ? m_position - m_mark : 0;
    if (peek() >= 0) {
        fail(tr("not JSON: more after the end, at byte %1").arg(offset()));
        return std::nullopt;
    }
    const bool placed = (m_arrayField == u"annotations"_s && m_type.isEmpty())
        || (m_arrayField == u"first.items"_s && m_type == collectionType)
        || (m_arrayField == u"items"_s && m_type == pageType)
        || (m_arrayField.isEmpty() && m_type == pageType)
        || (m_arrayField.isEmpty() && m_type == collectionType && m_sawFirstPage);
    if (placed)
        return std::nullopt;
    if (m_arrayField.isEmpty() && m_type == collectionType) {
        fail(tr("first: the collection's first page must be in the file"));
        return std::nullopt;
    }
    if (m_arrayField.isEmpty() && m_type == annotationType) {
        Annotation annotation;
        annotation.field = u"annotation"_s;
        annotation.line = m_objectLine;
        annotation.tooLong = m_markTooLong || length > m_maximumLength;
        if (!m_markTooLong)
            annotation.bytes = QByteArrayView(m_buffer.constData() + m_mark, length);
        m_mark = -1;
        return annotation;
    }
    fail(tr("not a Web Annotation collection, page or annotation"));
    return std::nullopt;
}

} // namespace Byline
