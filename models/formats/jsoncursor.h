// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QVarLengthArray>

#include <optional>

namespace Byline {

/// Reads JSON text in place, one value at a time, without building a document: a reader asks
/// for the fields it knows and takes the bytes of the others verbatim, so they can be written
/// back unchanged, in their order. QJsonDocument sorts keys and reformats numbers, and builds a
/// tree of every line; this does neither.
///
/// The first error sticks: every later call fails, and errorString() says what and where. Nesting
/// is limited, so that hostile input cannot exhaust the stack.
class JsonCursor final {
public:
    static constexpr int maximumDepth = 64;

    /// base: where bytes start in the line, so that errors count from the line's start.
    explicit JsonCursor(QByteArrayView bytes, qsizetype base = 0);

    bool failed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    /// Records an error at the current position (the first one only).
    bool fail(const QString &message);

    /// Whether only white space is left.
    bool atEnd();
    /// The first byte of the next value: '{', '[', '"', 't', 'f', 'n', a digit or '-'; 0 at the end.
    char peek();

    bool beginObject();
    /// The next member's key, its bytes between the quotes (escapes decoded); nothing at the
    /// object's end, which it consumes. The view lasts until the next call.
    std::optional<QByteArrayView> nextKey();
    bool beginArray();
    /// Whether the array has another element (then read it); consumes the array's end.
    bool nextElement();

    std::optional<QString> string();
    /// The UTF-8 bytes of a string with escapes decoded; the view lasts until the next call.
    std::optional<QByteArrayView> utf8String();
    /// A number's text, as the file wrote it.
    std::optional<QByteArrayView> number();
    std::optional<bool> boolean();
    /// Consumes a null and says true, or leaves anything else and says false.
    bool null();
    /// Skips one value of any kind, checking it, and returns its bytes verbatim.
    std::optional<QByteArrayView> rawValue();

private:
    void skipSpace();
    bool expect(char c);
    bool separator(char close);
    std::optional<QByteArrayView> stringBytes();
    bool skipValue(int depth);
    bool skipLiteral(QByteArrayView literal);

    QByteArrayView m_bytes;
    qsizetype m_position = 0;
    qsizetype m_base = 0;
    QVarLengthArray<bool, maximumDepth> m_first; ///< per open container: no element read yet
    QByteArray m_decoded;
    QString m_error;
};

} // namespace Byline
