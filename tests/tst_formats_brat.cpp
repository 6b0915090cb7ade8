// SPDX-License-Identifier: GPL-3.0-or-later
// brat standoff: the golden folder, a round trip of every layer brat carries (entities with
// names and statuses, quotes with split parts, cues, sources, speakers, kinds, figures with
// values), and hostile folders that must leave the project untouched; a gigabyte file is
// refused by its size, unread.
#include "formatroundtrip.h"
#include "formats/bratformat.h"
#include "formats/formatregistry.h"
#include "residentmemory.h"

#include <QTest>

using namespace Byline;
using namespace Byline::FormatRoundTrip;
using namespace Qt::StringLiterals;

class TestFormatsBrat final : public QObject {
    Q_OBJECT

private:
    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    /// Writes head, then a hole up to `size` bytes (stored as nothing, read as zero bytes): a
    /// file of a gigabyte that costs neither the disk nor the time of writing one.
    static void writeSparseFile(const QString &path, const QByteArray &head, qint64 size)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(head), head.size());
        QVERIFY(file.resize(size));
    }

private Q_SLOTS:
    void testRegistry()
    {
        const auto format = FormatRegistry::create(u"brat");
        QVERIFY(format);
        QCOMPARE(format->shortName(), u"brat"_s);
        QCOMPARE(format->extensions(), QStringList { u"ann"_s });
        QCOMPARE(format->capabilities(), DatasetFormat::CanRead | DatasetFormat::CanWrite);
        QVERIFY(format->writesFolder());
        QVERIFY(format->limitations().contains(u"title"_s));
        const auto byName = FormatRegistry::forFileName(u"article.ann"_s, DatasetFormat::CanRead);
        QVERIFY(byName);
        QCOMPARE(byName->shortName(), u"brat"_s);
    }

    void testGolden()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        BratFormat brat;
        const QString out = dir.filePath(u"brat"_s);
        QVERIFY2(brat.write(*store, out, {}), qPrintable(brat.errorString()));
        QCOMPARE(filesUnder(out),
            QStringList({ u"annotation.conf"_s, u"emoji-astana.ann"_s, u"emoji-astana.txt"_s,
                u"kazakhstan-coup-putin.ann"_s, u"kazakhstan-coup-putin.txt"_s }));
        const QString difference = compareWithGolden(out, u"brat"_s);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void testSplitQuoteIsDiscontinuous()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        const QList<DatasetDocument> all = documents(*store);
        const QString ann = QString::fromUtf8(BratFormat::annotations(all.at(1)));
        // code points: the two emoji (three code points) come first
        QVERIFY2(ann.contains(u"\tQuote 78 91;102 130\t“the troops,” “will leave within 10 days.”\n"_s),
            qPrintable(ann));
    }

    void testRoundTrip()
    {
        // checks: article text and key, entity types, names, mention spans and statuses;
        // quote kinds, parts, cues, sources, speakers and statuses; figure kinds, spans,
        // numbers, values, units, qualifiers and statuses. Not: title, source, date,
        // annotators, confidences (limitations()).
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        BratFormat brat;
        const QString out = dir.filePath(u"brat"_s);
        QVERIFY2(brat.write(*store, out, {}), qPrintable(brat.errorString()));
        const auto reread = newProject(dir, u"reread"_s);
        FormatReadReport report;
        QVERIFY2(brat.read(*reread, out, &report, {}), qPrintable(brat.errorString()));
        QCOMPARE(report.articles, 2);
        QVERIFY2(report.warnings.isEmpty(), qPrintable(report.warnings.join(u'\n')));
        const QList<DatasetDocument> before = documentsByKey(*store);
        const QList<DatasetDocument> after = documentsByKey(*reread);
        QCOMPARE(after.size(), before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(after.at(i).article.text, before.at(i).article.text);
            QCOMPARE(after.at(i).article.key, before.at(i).article.key);
            QCOMPARE(entityLines(after.at(i)), entityLines(before.at(i)));
            QCOMPARE(quoteLines(after.at(i)), quoteLines(before.at(i)));
            QCOMPARE(figureLines(after.at(i)), figureLines(before.at(i)));
        }
    }

    void testReadsOneAnnFile()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"one.txt"_s), "😀 Putin spoke.\n");
        writeFile(dir.filePath(u"one.ann"_s), "T1\tPERSON 2 7\tPutin\n");
        const auto store = newProject(dir, u"p"_s);
        BratFormat brat;
        QVERIFY2(brat.read(*store, dir.filePath(u"one.ann"_s), nullptr, {}), qPrintable(brat.errorString()));
        const QList<DatasetDocument> all = documents(*store);
        QCOMPARE(all.size(), 1);
        QCOMPARE(entityLines(all.first()), QStringList { u"PERSON Putin 2-7 “Putin” manual"_s });
    }

    void testHostile_data()
    {
        QTest::addColumn<QByteArray>("txt");
        QTest::addColumn<QByteArray>("ann");
        QTest::addColumn<QString>("message");
        const QByteArray text = "😀 Putin said “no”.\n";
        QTest::newRow("text-mismatch")
            << text << QByteArray("T1\tPERSON 2 7\tTokay\n") << u"b.ann:1: the text “Tokay”"_s;
        QTest::newRow("offsets-out-of-range")
            << text << QByteArray("T1\tPERSON 2 7\tPutin\nT2\tPERSON 10 99\tx\n")
            << u"b.ann:2: the span 10–99"_s;
        QTest::newRow("negative-offsets") << text << QByteArray("T1\tPERSON -2 7\tPutin\n") << u"b.ann:1"_s;
        QTest::newRow("truncated-line")
            << text << QByteArray("T1\tPERSON 2 7\tPutin\nT2\tPERS") << u"b.ann:2"_s;
        QTest::newRow("unknown-label")
            << text << QByteArray("T1\tALIEN 2 7\tPutin\n") << u"unknown label ALIEN"_s;
        QTest::newRow("duplicate-id") << text << QByteArray("T1\tPERSON 2 7\tPutin\nT1\tPERSON 2 7\tPutin\n")
                                      << u"b.ann:2: the id T1 is used twice"_s;
        QTest::newRow("dangling-relation")
            << text << QByteArray("T1\tQuote 13 17\t“no”\nR1\tCue Arg1:T1 Arg2:T9\n") << u"b.ann:2"_s;
        QTest::newRow("txt-not-utf8")
            << QByteArray("caf\xe9 Putin\n") << QByteArray("") << u"b.txt: not UTF-8"_s;
        QTest::newRow("bad-kind") << text << QByteArray("T1\tQuote 13 17\t“no”\nA1\tKind T1 rumour\n")
                                  << u"unknown kind rumour"_s;
    }

    void testHostile()
    {
        QFETCH(QByteArray, txt);
        QFETCH(QByteArray, ann);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString folder = dir.filePath(u"in"_s);
        QDir().mkpath(folder);
        // a good article first: a bad one after it must not leave it half-imported
        writeFile(folder + u"/a.txt"_s, "Putin spoke.\n");
        writeFile(folder + u"/a.ann"_s, "T1\tPERSON 0 5\tPutin\n");
        writeFile(folder + u"/b.txt"_s, txt);
        writeFile(folder + u"/b.ann"_s, ann);
        const auto store = newProject(dir, u"p"_s);
        BratFormat brat;
        QVERIFY(!brat.read(*store, folder, nullptr, {}));
        QVERIFY2(brat.errorString().contains(message), qPrintable(brat.errorString()));
        QCOMPARE(store->articleCount(), 0);

        // Skipping bad records takes article a and reports article b (its .ann or .txt).
        brat.setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QVERIFY2(brat.read(*store, folder, &report, {}), qPrintable(brat.errorString()));
        QCOMPARE(report.articles, 1);
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords[0].contains(u"/b."_s), qPrintable(report.badRecords[0]));
        QVERIFY2(report.badRecords[0].contains(message), qPrintable(report.badRecords[0]));
        QCOMPARE(store->articleCount(), 1);
    }

    void testGigabyteFile_data()
    {
        // The cap is the plain text importer's (TextDecoder::DefaultMaximumSize, 256 MB): a .txt is
        // an article, and its .ann, read whole as well, comes nowhere near that either.
        QTest::addColumn<QString>("hugeFile");
        QTest::addColumn<QString>("message");
        QTest::newRow("gigabyte-txt")
            << u"b.txt"_s << u"b.txt is too large for an article (256 MB at most)"_s;
        QTest::newRow("gigabyte-ann-line")
            << u"b.ann"_s << u"b.ann is too large for an article (256 MB at most)"_s;
        QTest::newRow("txt-that-never-ends") << u"/dev/zero"_s << u"b.txt is not a regular file"_s;
    }

    void testGigabyteFile()
    {
        QFETCH(QString, hugeFile);
        QFETCH(QString, message);
        constexpr qint64 gigabyte = 1024LL * 1024 * 1024;
        QTemporaryDir dir;
        const QString folder = dir.filePath(u"in"_s);
        QDir().mkpath(folder);
        writeFile(folder + u"/a.txt"_s, "Putin spoke.\n");
        writeFile(folder + u"/a.ann"_s, "T1\tPERSON 0 5\tPutin\n");
        writeFile(folder + u"/b.txt"_s, "Putin spoke.\n");
        writeFile(folder + u"/b.ann"_s, "T1\tPERSON 0 5\tPutin\n");
        if (hugeFile == u"b.txt"_s) {
            writeSparseFile(folder + u"/b.txt"_s, "Putin spoke.", gigabyte);
        } else if (hugeFile == u"b.ann"_s) {
            // one line of a gigabyte: the text field of a T line that never ends
            writeSparseFile(folder + u"/b.ann"_s, "T1\tPERSON 0 5\tPutin", gigabyte);
        } else {
            QVERIFY(QFile::remove(folder + u"/b.txt"_s));
            QVERIFY(QFile::link(hugeFile, folder + u"/b.txt"_s));
        }
        if (QTest::currentTestFailed())
            return;
        const auto store = newProject(dir, u"p"_s);
        BratFormat brat;
        resetPeakMemory();
        const double peakBefore = residentMemory().second;
        QVERIFY(!brat.read(*store, folder, nullptr, {}));
        const double peakAfter = residentMemory().second;
        QVERIFY2(brat.errorString().endsWith(folder + u'/' + message), qPrintable(brat.errorString()));
        QCOMPARE(store->articleCount(), 0);
        QVERIFY2(peakAfter - peakBefore < 300,
            qPrintable(u"peak %1 MB -> %2 MB"_s.arg(peakBefore).arg(peakAfter)));

        // Skipping bad records takes article a and reports b.
        brat.setOptions({ { u"skipBadRecords"_s, true } });
        FormatReadReport report;
        QVERIFY2(brat.read(*store, folder, &report, {}), qPrintable(brat.errorString()));
        QCOMPARE(report.articles, 1);
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords[0].endsWith(message), qPrintable(report.badRecords[0]));
        QCOMPARE(store->articleCount(), 1);
    }

    void testMissingText()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"lonely.ann"_s), "T1\tPERSON 0 5\tPutin\n");
        const auto store = newProject(dir, u"p"_s);
        BratFormat brat;
        QVERIFY(!brat.read(*store, dir.filePath(u"lonely.ann"_s), nullptr, {}));
        QVERIFY2(brat.errorString().contains(u"lonely.txt is missing"_s), qPrintable(brat.errorString()));
    }

    void testCancelLeavesNothing()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        BratFormat brat;
        const QString out = dir.filePath(u"exports/brat"_s);
        QVERIFY(!brat.write(*store, out, [](qint64 done, qint64) { return done < 1; }));
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(QDir(dir.filePath(u"exports"_s))
                     .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
            QStringList());
    }

    void testRefusesFolderInUse()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        writeFile(dir.filePath(u"notes.txt"_s), "mine");
        BratFormat brat;
        QVERIFY(!brat.write(*store, dir.path(), {}));
        QVERIFY2(brat.errorString().contains(u"empty folder"_s), qPrintable(brat.errorString()));
        QCOMPARE(contents(dir.filePath(u"notes.txt"_s)), QByteArray("mine"));
    }
};

QTEST_GUILESS_MAIN(TestFormatsBrat)
#include "tst_formats_brat.moc"
