// SPDX-License-Identifier: GPL-3.0-or-later
#include "textdecoder.h"

#include "importlogging.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStringDecoder>

#include <algorithm>
#include <array>
#include <optional>

namespace Byline {

using namespace Qt::StringLiterals;

namespace {

// UTF-32 LE before UTF-16 LE: its mark FF FE 00 00 starts with FF FE.
const std::array<TextDecoder::ByteOrderMark, 5> byteOrderMarks {
    TextDecoder::ByteOrderMark { "\xFF\xFE\x00\x00"_ba, QStringConverter::Utf32LE, "UTF-32LE"_L1, 4 },
    TextDecoder::ByteOrderMark { "\x00\x00\xFE\xFF"_ba, QStringConverter::Utf32BE, "UTF-32BE"_L1, 4 },
    TextDecoder::ByteOrderMark { "\xEF\xBB\xBF"_ba, QStringConverter::Utf8, "UTF-8"_L1, 1 },
    TextDecoder::ByteOrderMark { "\xFF\xFE"_ba, QStringConverter::Utf16LE, "UTF-16LE"_L1, 2 },
    TextDecoder::ByteOrderMark { "\xFE\xFF"_ba, QStringConverter::Utf16BE, "UTF-16BE"_L1, 2 },
};

// Signatures of files analysts are likely to drop into an import by mistake.
const std::array binarySignatures {
    "%PDF-"_ba,
    "PK\x03\x04"_ba, // ZIP, and so DOCX, ODT, EPUB, XLSX
    "PK\x05\x06"_ba, // empty ZIP
    "\x89PNG\r\n\x1A\n"_ba,
    "\xFF\xD8\xFF"_ba, // JPEG
    "GIF87a"_ba,
    "GIF89a"_ba,
    "\x7F"
    "ELF"_ba,
    "SQLite format 3\x00"_ba, // also a .byline project
    "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"_ba, // OLE2: DOC, XLS, MSG
    "\x1F\x8B"_ba, // gzip
    "7z\xBC\xAF\x27\x1C"_ba,
    "\xFD"
    "7zXZ\x00"_ba,
};

bool isTextControl(uchar byte)
{
    // Tab, line feed, vertical tab, form feed, carriage return; SUB ends old DOS files and
    // ESC starts terminal colour codes in saved logs.
    return (byte >= 0x09 && byte <= 0x0D) || byte == 0x1A || byte == 0x1B;
}

// windows-1252 as the WHATWG Encoding Standard defines it: Latin-1 except 0x80..0x9F, where
// the five bytes Microsoft left unassigned keep their C1 control code points. A table of our
// own instead of a converter looked up by name gives the same text on every platform,
// with or without ICU.
// clang-format off
constexpr std::array<char16_t, 32> windows1252High {
    u'\u20AC', u'\u0081', u'\u201A', u'\u0192', u'\u201E', u'\u2026', u'\u2020', u'\u2021',
    u'\u02C6', u'\u2030', u'\u0160', u'\u2039', u'\u0152', u'\u008D', u'\u017D', u'\u008F',
    u'\u0090', u'\u2018', u'\u2019', u'\u201C', u'\u201D', u'\u2022', u'\u2013', u'\u2014',
    u'\u02DC', u'\u2122', u'\u0161', u'\u203A', u'\u0153', u'\u009D', u'\u017E', u'\u0178',
};
// clang-format on

// CRLF and lone CR become LF, in place and in one pass. The text view (QTextDocument) turns
// every kind of line end into one paragraph break, so annotation offsets taken in the view
// only match the stored text when each line end is one character.
void normaliseLineEnds(QString &text)
{
    const qsizetype firstCr = text.indexOf(u'\r');
    if (firstCr < 0)
        return;
    QChar *data = text.data();
    const qsizetype size = text.size();
    qsizetype write = firstCr;
    for (qsizetype read = firstCr; read < size; ++read) {
        if (data[read] == u'\r') {
            data[write++] = u'\n';
            if (read + 1 < size && data[read + 1] == u'\n')
                ++read;
        } else {
            data[write++] = data[read];
        }
    }
    text.truncate(write);
}

// Stateless: the data is complete, so a sequence cut off at the end is an error, not
// something to wait for. A second U+FEFF after the byte order mark is text, and kept.
constexpr auto decoderFlags = QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom;

bool isBlank(QStringView text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isSpace(); });
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

} // namespace

std::optional<TextDecoder::ByteOrderMark> TextDecoder::byteOrderMarkOf(QByteArrayView data)
{
    for (const ByteOrderMark &mark : byteOrderMarks) {
        if (data.startsWith(mark.bytes))
            return mark;
    }
    return std::nullopt;
}

QString TextDecoder::decodeWindows1252(QByteArrayView data)
{
    QString text(data.size(), Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(text.data());
    for (const char c : data) {
        const auto byte = uchar(c);
        *out++ = byte >= 0x80 && byte < 0xA0 ? windows1252High[byte - 0x80] : char16_t(byte);
    }
    return text;
}

bool TextDecoder::looksBinary(QByteArrayView data)
{
    for (const QByteArray &signature : binarySignatures) {
        if (data.startsWith(signature))
            return true;
    }
    if (data.contains('\0'))
        return true;
    // Text has next to no control characters; random bytes have about one in nine.
    const auto controls = std::count_if(data.cbegin(), data.cend(), [](char c) {
        const auto byte = uchar(c);
        return (byte < 0x20 && !isTextControl(byte)) || byte == 0x7F;
    });
    return controls > data.size() / 32;
}

TextDecoder::Result TextDecoder::decodeFile(const QString &filePath) const
{
    Result result;
    const auto unreadable = [&](const QString &reason) {
        result.error = Error::Unreadable;
        result.errorString = tr("Cannot read %1: %2").arg(filePath, reason);
        qCDebug(lcImport) << result.errorString;
        return result;
    };

    const QFileInfo info(filePath);
    if (!info.exists())
        return unreadable(tr("the file does not exist"));
    if (info.isDir())
        return unreadable(tr("it is a folder, not a file"));
    if (!info.isFile())
        return unreadable(tr("it is not a regular file"));
    if (info.size() > m_maximumSize) {
        result.error = Error::TooLarge;
        result.errorString = tr("%1 is too large to import (%2; the limit is %3)")
                                 .arg(filePath, sizeText(info.size()), sizeText(m_maximumSize));
        return result;
    }

    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return unreadable(file.errorString());
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return unreadable(file.errorString());
    return decode(data, filePath);
}

TextDecoder::Result TextDecoder::decode(const QByteArray &data, const QString &displayName) const
{
    const auto fail = [](Error error, const QString &message) {
        qCDebug(lcImport) << message;
        Result failed;
        failed.error = error;
        failed.errorString = message;
        return failed;
    };

    if (data.size() > m_maximumSize) {
        return fail(Error::TooLarge,
            tr("%1 is too large to import (%2; the limit is %3)")
                .arg(displayName, sizeText(data.size()), sizeText(m_maximumSize)));
    }
    if (data.isEmpty())
        return fail(Error::Empty, tr("%1 is empty").arg(displayName));

    Result result;
    if (const auto mark = byteOrderMarkOf(data)) {
        // The file declares its encoding: trust it, unless the text holds NUL characters,
        // which no text has and binary data that happens to start like a mark does.
        QStringDecoder decoder(mark->encoding, decoderFlags);
        const QByteArrayView payload = QByteArrayView(data).sliced(mark->bytes.size());
        result.text = decoder.decode(payload);
        result.encoding = mark->name;
        result.byteOrderMark = true;
        if (result.text.contains(QChar(u'\0')))
            return fail(Error::Binary, tr("%1 is not a text file (binary data)").arg(displayName));
        // Qt's UTF-16 decoder replaces a trailing odd byte without flagging an error.
        if (decoder.hasError() || payload.size() % mark->unitSize != 0) {
            result.warnings.append(
                tr("%1 declares %2 but contains bytes that are not valid %2; they were replaced by \uFFFD")
                    .arg(displayName, mark->name));
        }
    } else if (looksBinary(data)) {
        return fail(Error::Binary, tr("%1 is not a text file (binary data)").arg(displayName));
    } else {
        QStringDecoder utf8(QStringConverter::Utf8, decoderFlags);
        result.text = utf8.decode(data);
        result.encoding = u"UTF-8"_s;
        if (utf8.hasError()) {
            // Not UTF-8, so an 8-bit encoding. Telling them apart needs statistics that go
            // wrong on short texts; windows-1252, a superset of Latin-1 that most Western
            // newsroom tools wrote, is right far more often. The warning lets the analyst
            // check. Invalid UTF-8 lands here too, so every byte becomes a character and
            // no text is lost to replacement characters.
            result.text = decodeWindows1252(data);
            result.encoding = u"windows-1252"_s;
            result.warnings.append(tr("%1 is not UTF-8; it was read as windows-1252 (Western European). "
                                      "Check that accented letters and quotation marks look right.")
                    .arg(displayName));
        }
    }

    // Line ends are the only characters changed. No Unicode normalisation (NFC): annotations
    // and exported offsets must point into the text as the source wrote it, and a composed
    // "é" and "e" + U+0301 are different offsets to every other tool.
    normaliseLineEnds(result.text);

    if (isBlank(result.text))
        return fail(Error::Empty, tr("%1 is empty").arg(displayName));

    qCDebug(lcImport) << displayName << "decoded as" << result.encoding << result.text.size()
                      << "UTF-16 code units";
    return result;
}

} // namespace Byline
