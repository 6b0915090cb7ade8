// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvreader.h"

#include "textdecoder.h"

#include <QIODevice>

#include <utility>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Large reads keep the system calls few; a piece is all the file memory holds besides a record.
constexpr qsizetype pieceSize = 1024 * 1024;

// The length of data without the UTF-8 sequence its end cuts off, if it does: that sequence is
// decoded with the next piece.
qsizetype completeUtf8Length(QByteArrayView data)
{
    const qsizetype size = data.size();
    for (qsizetype back = 1; back <= std::min<qsizetype>(4, size); ++back) {
        const auto byte = uchar(data[size - back]);
        if ((byte & 0xC0) == 0x80)
            continue; // a continuation byte: its lead comes before
        const qsizetype length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
        return length > back ? size - back : size;
    }
    return size;
}

// CR LF and lone CR become LF, as TextDecoder makes them; a CR at the end of one piece and a LF
// at the start of the next are one line end.
void normaliseLineEnds(QString &text, bool &afterCarriageReturn)
{
    if (!afterCarriageReturn && !text.contains(u'\r'))
        return;
    QChar *data = text.data();
    qsizetype write = 0;
    for (qsizetype read = 0; read < text.size(); ++read) {
        const QChar c = data[read];
        if (afterCarriageReturn && c == u'\n') {
            afterCarriageReturn = false;
            continue;
        }
        afterCarriageReturn = c == u'\r';
        data[write++] = afterCarriageReturn ? QChar(u'\n') : c;
    }
    text.truncate(write);
}

} // namespace

CsvReader::CsvReader(QIODevice &device, const QString &name, qsizetype maximumLength)
    : m_device(device)
    , m_name(name)
    , m_maximumLength(maximumLength)
    , m_codec([this](QString &text) { return readPiece(text); }, maximumLength)
{
}

bool CsvReader::open()
{
    if (!readBytes(m_first)) {
        if (m_error.isEmpty())
            m_error = TextDecoder::tr("%1 is empty").arg(m_name);
        return false;
    }
    if (const auto mark = TextDecoder::byteOrderMarkOf(m_first)) {
        m_encoding = Encoding::Declared;
        m_declared = QStringDecoder(mark->encoding);
        m_declaredName = mark->name;
        m_unitSize = mark->unitSize;
        m_first.remove(0, mark->bytes.size());
        return true;
    }
    if (TextDecoder::looksBinary(m_first)) {
        m_error = TextDecoder::tr("%1 is not a text file (binary data)").arg(m_name);
        return false;
    }
    const std::optional<bool> utf8 = isUtf8();
    if (!utf8)
        return false;
    if (!*utf8) {
        // As TextDecoder: an 8-bit file is far more often windows-1252 than anything else.
        m_encoding = Encoding::Windows1252;
        m_warnings << TextDecoder::tr("%1 is not UTF-8; it was read as windows-1252 (Western European). "
                                      "Check that accented letters and quotation marks look right.")
                          .arg(m_name);
    }
    return true;
}

QString CsvReader::tooLongReason() const
{
    constexpr qsizetype mebi = 1024 * 1024;
    const QString cap = m_maximumLength % mebi == 0 ? tr("%1 Mi characters").arg(m_maximumLength / mebi)
                                                    : tr("%1 characters").arg(m_maximumLength);
    return tr("the record is longer than %1, the most an importer reads as one record").arg(cap);
}

bool CsvReader::failed()
{
    if (m_error.isEmpty() && !m_codec.errorString().isEmpty())
        m_error = tr("%1: %2").arg(m_name, m_codec.errorString());
    return false;
}

// A piece of the file, read; false at its end or on an error.
bool CsvReader::readBytes(QByteArray &bytes)
{
    bytes.resize(pieceSize);
    const qint64 read = m_device.read(bytes.data(), pieceSize);
    if (read < 0)
        m_error = tr("Cannot read %1: %2").arg(m_name, m_device.errorString());
    bytes.truncate(std::max<qint64>(read, 0));
    return read > 0;
}

// Whether every byte of the file is UTF-8 (nothing when it cannot be read). A file is read
// twice for it, since a single byte that is not UTF-8 near its end makes it another encoding;
// a device that cannot go back is judged by its first piece.
std::optional<bool> CsvReader::isUtf8()
{
    QStringDecoder utf8(QStringConverter::Utf8, QStringDecoder::Flag::Stateless);
    const auto valid = [&](QByteArrayView bytes) {
        const QString decoded = utf8.decode(bytes);
        return !utf8.hasError();
    };
    if (m_device.isSequential())
        return valid(QByteArrayView(m_first).first(completeUtf8Length(m_first)));
    const qint64 start = m_device.pos();
    QByteArray rest = m_first;
    QByteArray bytes;
    bool ok = true;
    for (;;) {
        const qsizetype complete = completeUtf8Length(rest);
        ok = valid(QByteArrayView(rest).first(complete));
        rest.remove(0, complete);
        if (!ok || !readBytes(bytes))
            break;
        rest += bytes;
    }
    if (!m_error.isEmpty())
        return std::nullopt;
    if (ok && !rest.isEmpty())
        ok = valid(rest); // a sequence the end of the file cuts off
    if (!m_device.seek(start)) {
        m_error = tr("Cannot read %1: %2").arg(m_name, m_device.errorString());
        return std::nullopt;
    }
    return ok;
}

// The next piece of text for the codec; false at the end of the file or on an error.
bool CsvReader::readPiece(QString &text)
{
    if (m_atEnd || !m_error.isEmpty())
        return false;
    QByteArray bytes = std::exchange(m_first, QByteArray());
    if (bytes.isEmpty() && !readBytes(bytes)) {
        if (!m_error.isEmpty())
            return false;
        m_atEnd = true;
    }
    text = decode(bytes, m_atEnd);
    if (!m_error.isEmpty())
        return false;
    normaliseLineEnds(text, m_afterCarriageReturn);
    return !m_atEnd || !text.isEmpty();
}

QString CsvReader::decode(const QByteArray &bytes, bool atEnd)
{
    const auto binary = [&] {
        m_error = TextDecoder::tr("%1 is not a text file (binary data)").arg(m_name);
        return QString();
    };
    switch (m_encoding) {
    case Encoding::Declared: {
        m_payloadSize += bytes.size();
        QString text = m_declared.decode(bytes);
        if (text.contains(QChar(u'\0')))
            return binary();
        if (atEnd && (m_declared.hasError() || m_payloadSize % m_unitSize != 0)) {
            m_warnings << TextDecoder::tr(
                "%1 declares %2 but contains bytes that are not valid %2; they were replaced by \uFFFD")
                              .arg(m_name, m_declaredName);
        }
        return text;
    }
    case Encoding::Windows1252:
        return bytes.contains('\0') ? binary() : TextDecoder::decodeWindows1252(bytes);
    case Encoding::Utf8: {
        if (bytes.contains('\0'))
            return binary();
        m_carry += bytes;
        const qsizetype complete = atEnd ? m_carry.size() : completeUtf8Length(m_carry);
        QString text = QStringDecoder(QStringConverter::Utf8, QStringDecoder::Flag::Stateless)
                           .decode(QByteArrayView(m_carry).first(complete));
        m_carry.remove(0, complete);
        return text;
    }
    }
    return {};
}

} // namespace Byline
