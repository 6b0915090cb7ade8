// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringConverter>
#include <QStringList>

#include <optional>

namespace Byline {

/// Turns the bytes of a plain-text file into the text of an article.
///
/// In order: a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) decides the encoding;
/// else data that looks binary is refused; else strict UTF-8; else the legacy 8-bit
/// encoding windows-1252, with a warning that names it. Line ends become "\n" and the byte
/// order mark is dropped; every other character is kept as it is (see decode()).
/// Errors are values: check Result::isOk() and show Result::errorString.
class TextDecoder final {
    Q_DECLARE_TR_FUNCTIONS(TextDecoder)

public:
    /// Files above this size are refused before they are read: no news article comes
    /// near it, and decoding one needs about three times its size in memory.
    static constexpr qint64 DefaultMaximumSize = qint64(256) * 1024 * 1024;

    enum class Error {
        None,
        Unreadable, ///< missing, a directory, no permission, not a regular file, read failure
        TooLarge,
        Binary,
        Empty, ///< no bytes, or only white space
    };

    struct Result {
        Error error = Error::None;
        QString errorString; ///< translated, names the file; empty when isOk()
        QString text; ///< line ends normalised to "\n", no byte order mark
        QString encoding; ///< "UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE" or "windows-1252"
        bool byteOrderMark = false; ///< the encoding was declared by a byte order mark
        QStringList warnings; ///< translated, each names the file; decoding went on regardless

        bool isOk() const { return error == Error::None; }
    };

    qint64 maximumSize() const { return m_maximumSize; }
    void setMaximumSize(qint64 bytes) { m_maximumSize = bytes; }

    /// Reads and decodes the file at filePath; messages name it as given.
    Result decodeFile(const QString &filePath) const;

    /// Decodes data read elsewhere; displayName is the file name messages use.
    Result decode(const QByteArray &data, const QString &displayName) const;

    /// True when data (or its beginning) is binary: a known binary file signature
    /// (PDF, ZIP, PNG, JPEG, GIF, ELF, SQLite, ...), a NUL byte, or many control characters.
    /// Does not look for byte order marks: UTF-16 text without one counts as binary.
    static bool looksBinary(QByteArrayView data);

    /// A byte order mark and the encoding it declares.
    struct ByteOrderMark {
        QByteArrayView bytes;
        QStringConverter::Encoding encoding;
        QLatin1StringView name; ///< as Result::encoding names it
        qsizetype unitSize; ///< bytes per code unit
    };
    /// The byte order mark data starts with, if any.
    static std::optional<ByteOrderMark> byteOrderMarkOf(QByteArrayView data);
    /// windows-1252 as the WHATWG Encoding Standard defines it, a byte at a time.
    static QString decodeWindows1252(QByteArrayView data);

private:
    qint64 m_maximumSize = DefaultMaximumSize;
};

} // namespace Byline
