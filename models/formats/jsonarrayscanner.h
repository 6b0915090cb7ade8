// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Byline {

/// Splits a JSON array into the bytes of its elements without parsing them, so that a large
/// export is read one element at a time and memory stays flat. The elements themselves are
/// left to QJsonDocument, which reports their errors.
class JsonArrayScanner final {
    Q_DECLARE_TR_FUNCTIONS(JsonArrayScanner)
public:
    /// bytes must outlive the scanner (a mapped file, typically).
    explicit JsonArrayScanner(QByteArrayView bytes);

    /// Whether the bytes hold an array (white space and a byte order mark before it allowed).
    bool isArray() const { return m_isArray; }
    /// The next element, or nothing at the end of the array or on an error.
    std::optional<QByteArrayView> next();
    /// Why the last next() returned nothing, empty at a proper end.
    QString errorString() const { return m_error; }
    /// Where the scanner stands, in bytes from the start.
    qsizetype offset() const { return m_position; }

private:
    void skipSpace();

    QByteArrayView m_bytes;
    qsizetype m_position = 0;
    qsizetype m_count = 0;
    bool m_isArray = false;
    bool m_done = false;
    QString m_error;
};

} // namespace Byline
