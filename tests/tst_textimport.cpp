// SPDX-License-Identifier: GPL-3.0-or-later
#include "articledraft.h"
#include "textdecoder.h"
#include "textfilescan.h"

#include <QElapsedTimer>
#include <QFile>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

QByteArray encoded(QStringConverter::Encoding encoding, const QString &text)
{
    QStringEncoder encoder(encoding, QStringEncoder::Flag::WriteBom);
    return encoder.encode(text);
}

// Creates each relative path under root: a folder when it ends in "/", else a small file.
bool createTree(const QString &root, const QStringList &entries)
{
    for (const QString &entry : entries) {
        const QString path = root + u'/' + entry;
        if (!QDir().mkpath(entry.endsWith(u'/') ? path : QFileInfo(path).path()))
            return false;
        if (!entry.endsWith(u'/')) {
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write("text\n") != 5)
                return false;
        }
    }
    return true;
}

QStringList relativeTo(const QString &root, const QStringList &paths)
{
    QStringList relative;
    for (const QString &path : paths)
        relative.append(QDir(root).relativeFilePath(path));
    return relative;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class TestTextImport final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testDecode_data();
    void testDecode();
    void testDecodeErrors_data();
    void testDecodeErrors();
    void testDecodeFile();
    void testDecodeFileErrors();
    void testUnreadableFile();
    void testSizeLimit();
    void testLargeArticle_data();
    void testLargeArticle();
    void testTitle_data();
    void testTitle();
    void testDraftArticle_data();
    void testDraftArticle();
    void testScan_data();
    void testScan();
    void testScanSymlinkLoop();
    void testScanUnreadableFolder();
    void testBundledSample();
    void testImportFolder();
};

void TestTextImport::testDecode_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");
    QTest::addColumn<bool>("byteOrderMark");
    QTest::addColumn<int>("warnings");

    const QString sample = u"\u201CWe stand ready,\u201D said Tokayev. Caf\u00E9 \U0001F600\n"_s;

    QTest::newRow("ascii") << "Plain text.\n"_ba << u"Plain text.\n"_s << u"UTF-8"_s << false << 0;
    QTest::newRow("utf8") << sample.toUtf8() << sample << u"UTF-8"_s << false << 0;
    QTest::newRow("utf8-bom") << "\xEF\xBB\xBF"_ba + sample.toUtf8() << sample << u"UTF-8"_s << true << 0;
    QTest::newRow("utf8-bom-twice") << "\xEF\xBB\xBF\xEF\xBB\xBFx"_ba << u"\uFEFFx"_s << u"UTF-8"_s << true
                                    << 0;
    QTest::newRow("utf8-bom-invalid") << "\xEF\xBB\xBF"
                                         "caf\xE9"_ba
                                      << u"caf\uFFFD"_s << u"UTF-8"_s << true << 1;
    QTest::newRow("utf16le-bom") << encoded(QStringConverter::Utf16LE, sample) << sample << u"UTF-16LE"_s
                                 << true << 0;
    QTest::newRow("utf16be-bom") << encoded(QStringConverter::Utf16BE, sample) << sample << u"UTF-16BE"_s
                                 << true << 0;
    QTest::newRow("utf16le-bom-odd-length") << encoded(QStringConverter::Utf16LE, u"ab"_s) + "c"_ba
                                            << u"ab\uFFFD"_s << u"UTF-16LE"_s << true << 1;
    QTest::newRow("utf32le-bom") << encoded(QStringConverter::Utf32LE, sample) << sample << u"UTF-32LE"_s
                                 << true << 0;
    QTest::newRow("utf32be-bom") << encoded(QStringConverter::Utf32BE, sample) << sample << u"UTF-32BE"_s
                                 << true << 0;
    QTest::newRow("windows-1252-smart-quotes")
        << "\x93Quote\x94 caf\xE9 costs \x80"
           "5 \x96 \x85\n"_ba
        << u"\u201CQuote\u201D caf\u00E9 costs \u20AC5 \u2013 \u2026\n"_s << u"windows-1252"_s << false << 1;
    QTest::newRow("windows-1252-unassigned-bytes")
        << "x\x81\x8D\x8F\x90\x9Dy"_ba << u"x\u0081\u008D\u008F\u0090\u009Dy"_s << u"windows-1252"_s << false
        << 1;
    QTest::newRow("latin1-range") << "\xA0\xC0\xFF"_ba << u"\u00A0\u00C0\u00FF"_s << u"windows-1252"_s
                                  << false << 1;
    // Invalid UTF-8 is read as windows-1252, byte for byte, with a warning: no replacement
    // characters, so nothing the file held is lost.
    QTest::newRow("invalid-utf8-truncated")
        << "abc \xC3"_ba << u"abc \u00C3"_s << u"windows-1252"_s << false << 1;
    QTest::newRow("invalid-utf8-overlong")
        << "a\xC0\xAF"_ba << u"a\u00C0\u00AF"_s << u"windows-1252"_s << false << 1;
    QTest::newRow("invalid-utf8-surrogate")
        << "\xED\xA0\x80z"_ba << u"\u00ED\u00A0\u20ACz"_s << u"windows-1252"_s << false << 1;
    QTest::newRow("crlf") << "one\r\ntwo\r\n"_ba << u"one\ntwo\n"_s << u"UTF-8"_s << false << 0;
    QTest::newRow("cr") << "one\rtwo\r"_ba << u"one\ntwo\n"_s << u"UTF-8"_s << false << 0;
    QTest::newRow("mixed-line-ends") << "a\r\n\rb\n\r\r\nc"_ba << u"a\n\nb\n\n\nc"_s << u"UTF-8"_s << false
                                     << 0;
    QTest::newRow("crlf-utf16") << encoded(QStringConverter::Utf16LE, u"a\r\nb"_s) << u"a\nb"_s
                                << u"UTF-16LE"_s << true << 0;
    QTest::newRow("crlf-windows-1252")
        << "\x93x\x94\r\ny"_ba << u"\u201Cx\u201D\ny"_s << u"windows-1252"_s << false << 1;
    QTest::newRow("emoji-non-bmp") << "\xF0\x9F\x98\x80!"_ba << u"\U0001F600!"_s << u"UTF-8"_s << false << 0;
    QTest::newRow("decomposed-kept") << "e\xCC\x81"_ba << u"e\u0301"_s << u"UTF-8"_s << false << 0;
    QTest::newRow("white-space-kept") << "  a \t\n\n"_ba << u"  a \t\n\n"_s << u"UTF-8"_s << false << 0;
    QTest::newRow("terminal-colours")
        << "\x1B[1mBold\x1B[0m and plain text\n"_ba << u"\u001B[1mBold\u001B[0m and plain text\n"_s
        << u"UTF-8"_s << false << 0;
}

void TestTextImport::testDecode()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    QFETCH(bool, byteOrderMark);
    QFETCH(int, warnings);

    const TextDecoder::Result result = TextDecoder().decode(data, u"article.txt"_s);
    QVERIFY2(result.isOk(), qPrintable(result.errorString));
    QCOMPARE(result.errorString, QString());
    QCOMPARE(result.text, text);
    QCOMPARE(result.encoding, encoding);
    QCOMPARE(result.byteOrderMark, byteOrderMark);
    QCOMPARE(result.warnings.size(), warnings);
    for (const QString &warning : result.warnings)
        QVERIFY2(warning.contains(u"article.txt"_s), qPrintable(warning));
    if (encoding == u"windows-1252"_s)
        QVERIFY(result.warnings.constFirst().contains(u"windows-1252"_s));
}

void TestTextImport::testDecodeErrors_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<TextDecoder::Error>("error");
    QTest::addColumn<QString>("message");

    const QString empty = u"report.txt is empty"_s;
    const QString binary = u"report.txt is not a text file (binary data)"_s;

    QTest::newRow("empty") << QByteArray() << TextDecoder::Error::Empty << empty;
    QTest::newRow("white-space-only") << " \n\t\r\n  "_ba << TextDecoder::Error::Empty << empty;
    QTest::newRow("bom-only") << "\xEF\xBB\xBF"_ba << TextDecoder::Error::Empty << empty;
    QTest::newRow("utf16-bom-white-space")
        << encoded(QStringConverter::Utf16BE, u" \r\n"_s) << TextDecoder::Error::Empty << empty;
    QTest::newRow("nul-bytes") << "text\0more text"_ba << TextDecoder::Error::Binary << binary;
    QTest::newRow("png") << "\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"_ba << TextDecoder::Error::Binary << binary;
    QTest::newRow("png-signature-only") << "\x89PNG\r\n\x1A\n"_ba << TextDecoder::Error::Binary << binary;
    QTest::newRow("pdf") << "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"_ba << TextDecoder::Error::Binary << binary;
    QTest::newRow("zip") << "PK\x03\x04\x14"_ba << TextDecoder::Error::Binary << binary;
    QTest::newRow("elf") << "\x7F"
                            "ELF\x02\x01\x01"_ba
                         << TextDecoder::Error::Binary << binary;
    QTest::newRow("sqlite") << "SQLite format 3\0\x10"_ba << TextDecoder::Error::Binary << binary;
    QTest::newRow("jpeg") << "\xFF\xD8\xFF\xE0"_ba << TextDecoder::Error::Binary << binary;
    QTest::newRow("gzip") << "\x1F\x8B\x08"_ba << TextDecoder::Error::Binary << binary;
    QTest::newRow("utf16-bom-with-nul") << "\xFF\xFE"
                                           "a\x00\x00\x00"
                                           "b\x00"_ba
                                        << TextDecoder::Error::Binary << binary;
    QTest::newRow("utf8-bom-with-nul")
        << "\xEF\xBB\xBF\x00\x01\x02"_ba << TextDecoder::Error::Binary << binary;
    // Without a byte order mark UTF-16 is indistinguishable from binary data with NULs.
    QTest::newRow("utf16-without-bom") << "H\0e\0l\0l\0o\0"_ba << TextDecoder::Error::Binary << binary;
    QTest::newRow("control-characters")
        << "a\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F"_ba << TextDecoder::Error::Binary << binary;
}

void TestTextImport::testDecodeErrors()
{
    QFETCH(QByteArray, data);
    QFETCH(TextDecoder::Error, error);
    QFETCH(QString, message);

    const TextDecoder::Result result = TextDecoder().decode(data, u"report.txt"_s);
    QVERIFY(!result.isOk());
    QCOMPARE(result.error, error);
    QCOMPARE(result.errorString, message);
    QCOMPARE(result.text, QString());
}

void TestTextImport::testDecodeFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"legacy.txt"_s);
    QVERIFY(writeFile(path, "\x93Hello\x94\r\n"_ba));

    const TextDecoder::Result result = TextDecoder().decodeFile(path);
    QVERIFY2(result.isOk(), qPrintable(result.errorString));
    QCOMPARE(result.text, u"\u201CHello\u201D\n"_s);
    QCOMPARE(result.encoding, u"windows-1252"_s);
    QCOMPARE(result.warnings.size(), 1);
    QVERIFY(result.warnings.constFirst().contains(path));
}

void TestTextImport::testDecodeFileErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const TextDecoder decoder;

    const QString missing = dir.filePath(u"missing.txt"_s);
    TextDecoder::Result result = decoder.decodeFile(missing);
    QCOMPARE(result.error, TextDecoder::Error::Unreadable);
    QCOMPARE(result.errorString, u"Cannot read %1: the file does not exist"_s.arg(missing));

    const QString folder = dir.filePath(u"folder.txt"_s);
    QVERIFY(QDir().mkdir(folder));
    result = decoder.decodeFile(folder);
    QCOMPARE(result.error, TextDecoder::Error::Unreadable);
    QCOMPARE(result.errorString, u"Cannot read %1: it is a folder, not a file"_s.arg(folder));

#ifdef Q_OS_UNIX
    // Reading a FIFO would block until a writer comes: it must be refused unread.
    const QString fifo = dir.filePath(u"pipe.txt"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    result = decoder.decodeFile(fifo);
    QCOMPARE(result.error, TextDecoder::Error::Unreadable);
    QCOMPARE(result.errorString, u"Cannot read %1: it is not a regular file"_s.arg(fifo));
#endif

    const QString empty = dir.filePath(u"empty.txt"_s);
    QVERIFY(writeFile(empty, QByteArray()));
    result = decoder.decodeFile(empty);
    QCOMPARE(result.error, TextDecoder::Error::Empty);
    QCOMPARE(result.errorString, u"%1 is empty"_s.arg(empty));

    const QString png = dir.filePath(u"photo.txt"_s);
    QVERIFY(writeFile(png, "\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"_ba));
    result = decoder.decodeFile(png);
    QCOMPARE(result.error, TextDecoder::Error::Binary);
    QCOMPARE(result.errorString, u"%1 is not a text file (binary data)"_s.arg(png));
}

void TestTextImport::testUnreadableFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"secret.txt"_s);
    QVERIFY(writeFile(path, "classified"_ba));
    QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
    {
        QFile probe(path);
        if (probe.open(QIODevice::ReadOnly))
            QSKIP("Permissions are not enforced for this user (root?)");
    }
    const TextDecoder::Result result = TextDecoder().decodeFile(path);
    QCOMPARE(result.error, TextDecoder::Error::Unreadable);
    QVERIFY2(result.errorString.startsWith(u"Cannot read %1: "_s.arg(path)), qPrintable(result.errorString));
    QVERIFY2(result.errorString.contains(u"ermission"_s), qPrintable(result.errorString));
}

void TestTextImport::testSizeLimit()
{
    QCOMPARE(TextDecoder::DefaultMaximumSize, qint64(256) * 1024 * 1024);
    QCOMPARE(TextDecoder().maximumSize(), TextDecoder::DefaultMaximumSize);

    TextDecoder decoder;
    decoder.setMaximumSize(16);
    const QByteArray atLimit(16, 'a');
    QVERIFY(decoder.decode(atLimit, u"fits.txt"_s).isOk());

    const TextDecoder::Result tooLarge = decoder.decode(atLimit + 'a', u"big.txt"_s);
    QCOMPARE(tooLarge.error, TextDecoder::Error::TooLarge);
    QVERIFY2(tooLarge.errorString.startsWith(u"big.txt is too large to import ("_s),
        qPrintable(tooLarge.errorString));

    // The file is refused by its size, before it is read.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"big.txt"_s);
    QVERIFY(writeFile(path, QByteArray(17, 'a')));
    const TextDecoder::Result fromFile = decoder.decodeFile(path);
    QCOMPARE(fromFile.error, TextDecoder::Error::TooLarge);
    QVERIFY(fromFile.errorString.startsWith(path));
}

void TestTextImport::testLargeArticle_data()
{
    QTest::addColumn<QByteArray>("paragraph");
    QTest::addColumn<QString>("decoded");
    QTest::addColumn<QString>("encoding");

    const QString utf8 = u"\u201CThe situation is under control,\u201D the president said in Almaty. "
                         "Caf\u00E9s stayed shut \U0001F600.\n"_s;
    QTest::newRow("utf8-crlf") << utf8.toUtf8().replace("\n", "\r\n") << utf8 << u"UTF-8"_s;
    QTest::newRow("windows-1252") << "\x93The situation is under control,\x94 the president said. "
                                     "Caf\xE9s stayed shut.\r\n"_ba
                                  << u"\u201CThe situation is under control,\u201D the president said. "
                                     "Caf\u00E9s stayed shut.\n"_s
                                  << u"windows-1252"_s;
}

void TestTextImport::testLargeArticle()
{
    QFETCH(QByteArray, paragraph);
    QFETCH(QString, decoded);
    QFETCH(QString, encoding);

    const qsizetype targetSize = 20 * 1024 * 1024;
    const qsizetype repeats = targetSize / paragraph.size() + 1;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"large.txt"_s);
    QVERIFY(writeFile(path, paragraph.repeated(repeats)));

    QElapsedTimer timer;
    timer.start();
    const TextDecoder::Result result = TextDecoder().decodeFile(path);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(result.isOk(), qPrintable(result.errorString));
    QCOMPARE(result.encoding, encoding);
    QCOMPARE(result.text.size(), repeats * decoded.size());
    QVERIFY(result.text.startsWith(decoded));
    QVERIFY(result.text.endsWith(decoded));
    QVERIFY(!result.text.contains(u'\r'));
    // Linear work takes a fraction of a second; anything quadratic would take hours.
    QVERIFY2(elapsed < 10000, qPrintable(u"decoding took %1 ms"_s.arg(elapsed)));
    qDebug("20 MB %s decoded in %lld ms", qPrintable(encoding), elapsed);
}

void TestTextImport::testTitle_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("title"); ///< null: no title line, the key is used

    const QString body = u"\n\nALMATY \u2014 Kazakhstan's president asked Russia for help on Wednesday.\n"_s;
    const QString none;

    QTest::newRow("headline-then-body") << u"Tokayev asks Russia-led alliance for help"_s + body
                                        << u"Tokayev asks Russia-led alliance for help"_s;
    QTest::newRow("headline-then-body-no-blank-line")
        << u"Unrest spreads\nProtesters stormed the mayor's office."_s << u"Unrest spreads"_s;
    QTest::newRow("first-line-full-sentence")
        << u"Kazakhstan's president asked Russia for help.\nThe troops arrived the next day."_s << none;
    QTest::newRow("single-line") << u"Tokayev asks Russia for help"_s << none;
    QTest::newRow("single-line-trailing-blank-lines") << u"Tokayev asks Russia for help\n\n \t\n"_s << none;
    QTest::newRow("leading-blank-lines") << u"\n\n  \t\nUnrest spreads"_s + body << u"Unrest spreads"_s;
    QTest::newRow("surrounding-white-space") << u"\t  Unrest spreads  \t"_s + body << u"Unrest spreads"_s;
    QTest::newRow("very-long-first-line") << QString(MaximumTitleLength + 1, u'x') + body << none;
    QTest::newRow("longest-title") << QString(MaximumTitleLength, u'x') + body
                                   << QString(MaximumTitleLength, u'x');
    QTest::newRow("ellipsis-dots") << u"Kazakhstan on the brink..."_s + body
                                   << u"Kazakhstan on the brink..."_s;
    QTest::newRow("ellipsis-character")
        << u"Kazakhstan on the brink\u2026"_s + body << u"Kazakhstan on the brink\u2026"_s;
    QTest::newRow("question-mark") << u"Who is behind the unrest?"_s + body << none;
    QTest::newRow("exclamation-mark") << u"Troops are coming!"_s + body << none;
    QTest::newRow("colon") << u"The president said:"_s + body << none;
    QTest::newRow("comma") << u"In Almaty, on Wednesday,"_s + body << none;
    QTest::newRow("quoted-sentence") << u"Tokayev: \u201CWe asked for help.\u201D"_s + body << none;
    QTest::newRow("quoted-headline") << u"Tokayev: \u201CWe asked for help\u201D"_s + body
                                     << u"Tokayev: \u201CWe asked for help\u201D"_s;
    QTest::newRow("no-letters") << u"2022-01-05 10:30"_s + body << none;
    QTest::newRow("emoji-in-headline")
        << u"Markets \U0001F4C9 fall in Almaty"_s + body << u"Markets \U0001F4C9 fall in Almaty"_s;
    QTest::newRow("non-latin")
        << u"\u0422\u043E\u043A\u0430\u0435\u0432 \u043F\u0440\u043E\u0441\u0438\u0442 "
           "\u043F\u043E\u043C\u043E\u0449\u0438"_s
            + body
        << u"\u0422\u043E\u043A\u0430\u0435\u0432 \u043F\u0440\u043E\u0441\u0438\u0442 "
           "\u043F\u043E\u043C\u043E\u0449\u0438"_s;
    QTest::newRow("empty-text") << QString() << none;
    QTest::newRow("blank-text") << u"\n \n"_s << none;
}

void TestTextImport::testTitle()
{
    QFETCH(QString, text);
    QFETCH(QString, title);

    QCOMPARE(titleLine(text), title);
    const Article article = draftArticle(u"/news/kz-coup.txt"_s, text);
    QCOMPARE(article.title, title.isNull() ? u"kz-coup"_s : title);
    QCOMPARE(article.text, text);
}

void TestTextImport::testDraftArticle_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("key");

    QTest::newRow("txt") << u"kz-coup.txt"_s << u"kz-coup"_s;
    QTest::newRow("last-extension-only") << u"kz-coup.v2.txt"_s << u"kz-coup.v2"_s;
    QTest::newRow("markdown") << u"Notes 2022.md"_s << u"Notes 2022"_s;
    QTest::newRow("no-extension") << u"README"_s << u"README"_s;
    QTest::newRow("extension-only") << u".txt"_s << u".txt"_s;
    QTest::newRow("non-ascii") << u"Almat\u0131 \U0001F4F0.text"_s << u"Almat\u0131 \U0001F4F0"_s;
}

void TestTextImport::testDraftArticle()
{
    QFETCH(QString, fileName);
    QFETCH(QString, key);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(fileName);
    const QString text = u"Unrest spreads\n\nProtesters \U0001F600 stormed the mayor's office.\n"_s;
    const Article article = draftArticle(path, text);

    QCOMPARE(article.key, key);
    QCOMPARE(article.title, u"Unrest spreads"_s);
    QCOMPARE(article.text, text); // the title stays in the text: offsets point into it
    QCOMPARE(article.source, QFileInfo(path).absoluteFilePath());
    QCOMPARE(article.id, RecordId(0));
    QVERIFY(article.status == ArticleStatus::Todo); // Byline::toString() confuses QCOMPARE

    // A relative path becomes absolute, so the source still says where the file was.
    QCOMPARE(draftArticle(fileName, text).source, QDir::current().absoluteFilePath(fileName));
}

void TestTextImport::testScan_data()
{
    QTest::addColumn<QStringList>("tree");
    QTest::addColumn<QStringList>("paths"); ///< relative to the temporary folder
    QTest::addColumn<QStringList>("files"); ///< relative to the temporary folder
    QTest::addColumn<int>("errors");

    QTest::newRow("folder-sorted-by-name")
        << QStringList { u"in/b.txt"_s, u"in/c.md"_s, u"in/a.txt"_s } << QStringList { u"in"_s }
        << QStringList { u"in/a.txt"_s, u"in/b.txt"_s, u"in/c.md"_s } << 0;
    QTest::newRow("text-extensions-only")
        << QStringList { u"in/a.txt"_s, u"in/b.TEXT"_s, u"in/c.md"_s, u"in/d"_s, u"in/e.pdf"_s,
               u"in/f.docx"_s, u"in/g.csv"_s, u"in/h.txt.gz"_s, u"in/i.Txt"_s }
        << QStringList { u"in"_s }
        << QStringList { u"in/a.txt"_s, u"in/b.TEXT"_s, u"in/c.md"_s, u"in/d"_s, u"in/i.Txt"_s } << 0;
    QTest::newRow("recursive") << QStringList { u"in/z.txt"_s, u"in/m/y/1.txt"_s, u"in/m/2.txt"_s,
        u"in/a.txt"_s } << QStringList { u"in"_s }
                               << QStringList { u"in/a.txt"_s, u"in/m/2.txt"_s, u"in/m/y/1.txt"_s,
                                      u"in/z.txt"_s }
                               << 0;
    QTest::newRow("numbers-by-value")
        << QStringList { u"in/part 10.txt"_s, u"in/part 2.txt"_s, u"in/part 1.txt"_s }
        << QStringList { u"in"_s }
        << QStringList { u"in/part 1.txt"_s, u"in/part 2.txt"_s, u"in/part 10.txt"_s } << 0;
    QTest::newRow("numbers-with-leading-zeros")
        << QStringList { u"in/10.txt"_s, u"in/8.txt"_s, u"in/007.txt"_s } << QStringList { u"in"_s }
        << QStringList { u"in/007.txt"_s, u"in/8.txt"_s, u"in/10.txt"_s } << 0;
    QTest::newRow("case-insensitive-order")
        << QStringList { u"in/B.txt"_s, u"in/a.txt"_s, u"in/c.txt"_s } << QStringList { u"in"_s }
        << QStringList { u"in/a.txt"_s, u"in/B.txt"_s, u"in/c.txt"_s } << 0;
    QTest::newRow("hidden-skipped") << QStringList { u"in/.hidden.txt"_s, u"in/.git/notes.txt"_s,
        u"in/visible.txt"_s, u"in/.config/"_s }
                                    << QStringList { u"in"_s } << QStringList { u"in/visible.txt"_s } << 0;
    QTest::newRow("explicit-files-in-given-order-any-extension")
        << QStringList { u"report.pdf"_s, u"notes.txt"_s, u".hidden.txt"_s }
        << QStringList { u"report.pdf"_s, u"notes.txt"_s, u".hidden.txt"_s }
        << QStringList { u"report.pdf"_s, u"notes.txt"_s, u".hidden.txt"_s } << 0;
    QTest::newRow("files-and-folders-in-given-order")
        << QStringList { u"z.txt"_s, u"in/a.txt"_s, u"in/b.txt"_s } << QStringList { u"z.txt"_s, u"in"_s }
        << QStringList { u"z.txt"_s, u"in/a.txt"_s, u"in/b.txt"_s } << 0;
    QTest::newRow("duplicates-listed-once")
        << QStringList { u"in/a.txt"_s, u"in/b.txt"_s }
        << QStringList { u"in/b.txt"_s, u"in"_s, u"in/../in"_s, u"in/b.txt"_s }
        << QStringList { u"in/b.txt"_s, u"in/a.txt"_s } << 0;
    QTest::newRow("empty-folder") << QStringList { u"in/"_s } << QStringList { u"in"_s } << QStringList()
                                  << 0;
    QTest::newRow("missing-path-reported")
        << QStringList { u"in/a.txt"_s } << QStringList { u"gone.txt"_s, u"in"_s, u"gone/"_s }
        << QStringList { u"in/a.txt"_s } << 2;
    QTest::newRow("no-paths") << QStringList() << QStringList() << QStringList() << 0;
}

void TestTextImport::testScan()
{
    QFETCH(QStringList, tree);
    QFETCH(QStringList, paths);
    QFETCH(QStringList, files);
    QFETCH(int, errors);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(createTree(dir.path(), tree));
    QStringList absolutePaths;
    for (const QString &path : std::as_const(paths))
        absolutePaths.append(dir.filePath(path));

    const TextFileScan scan = TextFileScan::scan(absolutePaths);
    QCOMPARE(relativeTo(dir.path(), scan.files()), files);
    QCOMPARE(scan.errors().size(), errors);
    for (const QString &error : scan.errors())
        QVERIFY2(error.contains(dir.filePath(u"gone"_s)), qPrintable(error));
}

void TestTextImport::testScanSymlinkLoop()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(createTree(dir.path(), { u"in/a.txt"_s, u"in/sub/b.txt"_s }));
    QVERIFY(QFile::link(dir.filePath(u"in"_s), dir.filePath(u"in/sub/loop"_s)));
    QVERIFY(QFile::link(dir.filePath(u"in/a.txt"_s), dir.filePath(u"in/sub/link.txt"_s)));

    const TextFileScan scan = TextFileScan::scan({ dir.filePath(u"in"_s) });
    QCOMPARE(relativeTo(dir.path(), scan.files()), (QStringList { u"in/a.txt"_s, u"in/sub/b.txt"_s }));
    QCOMPARE(scan.errors(), QStringList());
}

void TestTextImport::testScanUnreadableFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(createTree(dir.path(), { u"in/a.txt"_s, u"in/locked/secret.txt"_s, u"in/z.txt"_s }));
    const QString locked = dir.filePath(u"in/locked"_s);
    QVERIFY(QFile::setPermissions(locked, QFileDevice::WriteOwner));
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(
            locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    });
    if (!QDir(locked).entryList(QDir::Files).isEmpty())
        QSKIP("Permissions are not enforced for this user (root?)");

    const TextFileScan scan = TextFileScan::scan({ dir.filePath(u"in"_s) });
    QCOMPARE(relativeTo(dir.path(), scan.files()), (QStringList { u"in/a.txt"_s, u"in/z.txt"_s }));
    QCOMPARE(scan.errors(), QStringList { u"Cannot read the folder %1: permission denied"_s.arg(locked) });
}

void TestTextImport::testBundledSample()
{
    const QString path = u":/byline/samples/kazakhstan-coup-putin.txt"_s;
    const TextDecoder::Result result = TextDecoder().decodeFile(path);
    QVERIFY2(result.isOk(), qPrintable(result.errorString));
    QCOMPARE(result.encoding, u"UTF-8"_s);
    QCOMPARE(result.warnings, QStringList());

    const Article article = draftArticle(path, result.text);
    QCOMPARE(article.key, u"kazakhstan-coup-putin"_s);
    QCOMPARE(article.title,
        u"Home World Kazakhstan speaks of a \u201Ccoup\u201D and Putin: we will not allow revolutions..."_s);
    QVERIFY(article.text.startsWith(article.title + u"\n\n"_s));
}

// The three layers together, as an import uses them: every file is either an article or an
// error naming it, and legacy files come with a warning.
void TestTextImport::testImportFolder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString folder = dir.filePath(u"batch"_s);
    QVERIFY(QDir().mkpath(folder + u"/2022"_s));
    QVERIFY(writeFile(folder + u"/a-headline.txt"_s, "Unrest spreads\r\n\r\nProtesters stormed it.\r\n"_ba));
    QVERIFY(writeFile(folder + u"/b-legacy.txt"_s, "Caf\xE9s shut\n\n\x93No,\x94 he said.\n"_ba));
    QVERIFY(writeFile(folder + u"/c-photo.txt"_s, "\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"_ba));
    QVERIFY(writeFile(folder + u"/d-empty.md"_s, "\n"_ba));
    QVERIFY(writeFile(folder + u"/e-report.pdf"_s, "%PDF-1.7"_ba));
    QVERIFY(writeFile(folder + u"/2022/f-wire"_s, encoded(QStringConverter::Utf16LE, u"Only one line."_s)));

    const TextFileScan scan = TextFileScan::scan({ folder });
    QCOMPARE(scan.errors(), QStringList());
    QCOMPARE(relativeTo(folder, scan.files()),
        (QStringList {
            u"2022/f-wire"_s, u"a-headline.txt"_s, u"b-legacy.txt"_s, u"c-photo.txt"_s, u"d-empty.md"_s }));

    QList<Article> articles;
    QStringList errors;
    QStringList warnings;
    const TextDecoder decoder;
    for (const QString &file : scan.files()) {
        const TextDecoder::Result result = decoder.decodeFile(file);
        if (!result.isOk()) {
            errors.append(result.errorString);
            continue;
        }
        warnings += result.warnings;
        articles.append(draftArticle(file, result.text));
    }

    QCOMPARE(articles.size(), 3);
    QCOMPARE(articles[0].key, u"f-wire"_s);
    QCOMPARE(articles[0].title, u"f-wire"_s);
    QCOMPARE(articles[0].text, u"Only one line."_s);
    QCOMPARE(articles[1].key, u"a-headline"_s);
    QCOMPARE(articles[1].title, u"Unrest spreads"_s);
    QCOMPARE(articles[1].text, u"Unrest spreads\n\nProtesters stormed it.\n"_s);
    QCOMPARE(articles[2].title, u"Caf\u00E9s shut"_s);
    QCOMPARE(articles[2].text, u"Caf\u00E9s shut\n\n\u201CNo,\u201D he said.\n"_s);
    QCOMPARE(errors,
        (QStringList { u"%1 is not a text file (binary data)"_s.arg(folder + u"/c-photo.txt"_s),
            u"%1 is empty"_s.arg(folder + u"/d-empty.md"_s) }));
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.constFirst().startsWith(folder + u"/b-legacy.txt is not UTF-8"_s));
}

QTEST_GUILESS_MAIN(TestTextImport)
#include "tst_textimport.moc"
