// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "csvcodec.h"

#include <QCoreApplication>
#include <QStringDecoder>
#include <QStringList>

#include <optional>

class QIODevice;

namespace Byline {

/// The records of a CSV file, read a piece at a time: memory holds one piece and the record
/// being read, whatever the file's size. The bytes are decoded as TextDecoder decodes a whole
/// file: a byte order mark decides the encoding; else binary data is refused; else UTF-8 when
/// every byte of the file is UTF-8 (checked in a first pass over a file; from its first piece
/// for a device that cannot seek), else windows-1252, with a warning. Line ends become LF.
/// Messages name the file.
class CsvReader final {
    Q_DECLARE_TR_FUNCTIONS(Byline::CsvReader)
public:
    /// Reads from the open device; name is the file messages use. A record longer than
    /// maximumLength characters is refused without being held (see CsvCodec).
    CsvReader(QIODevice &device, const QString &name, qsizetype maximumLength);

    /// Decides the encoding. False when the file cannot be read as text: errorString() says why.
    bool open();
    /// The next record; false at the end or on an error (then errorString() is set).
    bool next(QStringList *fields) { return m_codec.next(fields) || failed(); }
    /// The line (from 1) where the last record started.
    qsizetype line() const { return m_codec.line(); }
    /// The last record was longer than the cap and came back without fields.
    bool tooLong() const { return m_codec.tooLong(); }
    /// "the record is longer than 64 Mi characters, …", for the message of a record too long.
    QString tooLongReason() const;
    /// Warnings about the encoding, each naming the file; complete at the end of the file.
    QStringList warnings() const { return m_warnings; }
    QString errorString() const { return m_error; }

private:
    enum class Encoding { Utf8, Windows1252, Declared };
    bool failed();
    bool readPiece(QString &text);
    bool readBytes(QByteArray &bytes);
    std::optional<bool> isUtf8();
    QString decode(const QByteArray &bytes, bool atEnd);

    QIODevice &m_device;
    QString m_name;
    qsizetype m_maximumLength;
    CsvCodec m_codec;
    Encoding m_encoding = Encoding::Utf8;
    QStringDecoder m_declared; ///< for a file with a byte order mark
    QString m_declaredName; ///< "UTF-16LE"
    qsizetype m_unitSize = 1;
    qint64 m_payloadSize = 0;
    QByteArray m_first; ///< the first piece, read to decide the encoding
    QByteArray m_carry; ///< the start of a UTF-8 sequence the last piece cut
    bool m_afterCarriageReturn = false;
    bool m_atEnd = false;
    QStringList m_warnings;
    QString m_error;
};

} // namespace Byline
