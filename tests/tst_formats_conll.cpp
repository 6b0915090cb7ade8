// SPDX-License-Identifier: GPL-3.0-or-later
// CoNLL-2003 IOB2: golden files (CoNLL and tokens as JSON Lines with their label list), a
// round trip of the entity mentions through a rebuilt text, and hostile files.
#include "formatroundtrip.h"
#include "formats/conllformat.h"
#include "formats/formatregistry.h"
#include "formats/linestream.h"
#include "residentmemory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Byline;
using namespace Byline::FormatRoundTrip;
using namespace Qt::StringLiterals;

class TestFormatsConll final : public QObject {
    Q_OBJECT

private:
    /// The entity chunks of a CoNLL file ("PERSON VladimirPutin") and all its tokens glued
    /// together: what must survive a round trip. Token lines themselves may differ, since
    /// the tokenizer reads a rebuilt "Kazakhstan ’s" as three tokens where "Kazakhstan’s" gave two.
    static QStringList chunksAndCharacters(const QString &path)
    {
        QStringList chunks;
        QString characters;
        for (const QString &line : QString::fromUtf8(contents(path)).split(u'\n')) {
            if (line.isEmpty() || line.startsWith(u"-DOCSTART-"_s))
                continue;
            const QStringList columns = line.split(u' ');
            characters += columns.first();
            const QString tag = columns.last();
            if (tag.startsWith(u"B-"_s))
                chunks << tag.mid(2) + u' ' + columns.first();
            else if (tag.startsWith(u"I-"_s))
                chunks.last() += columns.first();
        }
        return chunks << characters;
    }

    /// Mentions as type and text with white space left out: CoNLL import rebuilds the text
    /// with single spaces between tokens.
    static QStringList mentionTexts(const DatasetDocument &document)
    {
        QStringList mentions;
        for (const Entity &entity : document.annotations.entities) {
            for (const Mention &mention : entity.mentions)
                mentions << entity.type + u' ' + textOf(document.article.text, mention.span).remove(u' ');
        }
        mentions.sort();
        return mentions;
    }

private Q_SLOTS:
    void testRegistry()
    {
        const auto format = FormatRegistry::create(u"conll");
        QVERIFY(format);
        QCOMPARE(format->shortName(), u"conll"_s);
        QCOMPARE(format->extensions().first(), u"conll"_s);
        QCOMPARE(format->capabilities(), DatasetFormat::CanRead | DatasetFormat::CanWrite);
        QVERIFY(!format->writesFolder());
        QVERIFY(format->limitations().contains(u"no quotes"_s));
        QVERIFY(format->limitations().contains(u"no figures"_s));
        QCOMPARE(
            FormatRegistry::forFileName(u"train.conll"_s, DatasetFormat::CanWrite)->shortName(), u"conll"_s);
    }

    void testGolden()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        ConllFormat conll;
        const QString out = dir.filePath(u"sample.conll"_s);
        QVERIFY2(conll.write(*store, out, {}), qPrintable(conll.errorString()));
        QString difference = compareWithGolden(out, u"sample.conll"_s);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        const QString tokens = dir.filePath(u"sample.tokens.jsonl"_s);
        QVERIFY2(conll.write(*store, tokens, {}), qPrintable(conll.errorString()));
        difference = compareWithGolden(tokens, u"sample.tokens.jsonl"_s);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
        difference
            = compareWithGolden(dir.filePath(u"sample.tokens.labels.json"_s), u"sample.tokens.labels.json"_s);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void testEmojiArticle()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        const QList<ConllFormat::Sentence> sentences = ConllFormat::tag(documents(*store).at(1));
        QVERIFY(!sentences.isEmpty());
        // an emoji is one token, never half of a surrogate pair
        QCOMPARE(sentences.first().tokens.first(), u"😀"_s);
        const qsizetype leader = sentences.first().tokens.indexOf(u"Kassym"_s);
        QVERIFY(leader > 0);
        QCOMPARE(sentences.first().tags.mid(leader, 4),
            QStringList({ u"B-PERSON"_s, u"I-PERSON"_s, u"I-PERSON"_s, u"I-PERSON"_s }));
        QCOMPARE(sentences.first().tags.at(leader - 1), u"O"_s);
    }

    void testTokensJsonLines()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        ConllFormat conll;
        conll.setOptions({ { u"tokens"_s, true } });
        const QString out = dir.filePath(u"train.txt"_s);
        QVERIFY2(conll.write(*store, out, {}), qPrintable(conll.errorString()));
        const QJsonArray labels = QJsonDocument::fromJson(contents(dir.filePath(u"train.labels.json"_s)))
                                      .object()
                                      .value("ner_tags"_L1)
                                      .toArray();
        QCOMPARE(labels.first().toString(), u"O"_s);
        const QList<QByteArray> lines = contents(out).trimmed().split('\n');
        const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(first.value("tokens"_L1).toArray().size(), first.value("ner_tags"_L1).toArray().size());
        QCOMPARE(first.value("article"_L1).toString(), u"kazakhstan-coup-putin"_s);
        // the ids index the label list
        for (const QByteArray &line : lines) {
            for (const QJsonValue id : QJsonDocument::fromJson(line).object().value("ner_tags"_L1).toArray())
                QVERIFY(id.toInt() >= 0 && id.toInt() < labels.size());
        }
    }

    void testRoundTrip()
    {
        // checks: every mention IOB can carry (no overlaps) comes back with its type and text,
        // and exporting the imported project gives the same characters and entity chunks. Not: quotes,
        // figures, names, statuses, the original spacing (limitations()).
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        ConllFormat conll;
        const QString out = dir.filePath(u"sample.conll"_s);
        QVERIFY2(conll.write(*store, out, {}), qPrintable(conll.errorString()));
        const auto reread = newProject(dir, u"reread"_s);
        FormatReadReport report;
        QVERIFY2(conll.read(*reread, out, &report, {}), qPrintable(conll.errorString()));
        QCOMPARE(report.articles, 2);
        const QList<DatasetDocument> before = documents(*store);
        const QList<DatasetDocument> after = documents(*reread);
        QCOMPARE(after.size(), 2);
        for (qsizetype i = 0; i < before.size(); ++i) {
            QVERIFY(after.at(i).annotations.quotes.isEmpty());
            QVERIFY(!after.at(i).article.text.contains(u"  "_s));
            // the sample's mentions do not overlap and lie on token boundaries: all come back
            QCOMPARE(mentionTexts(after.at(i)), mentionTexts(before.at(i)));
            for (const Entity &entity : after.at(i).annotations.entities)
                QCOMPARE(toString(entity.provenance.status), u"auto"_s);
        }
        const QString again = dir.filePath(u"again.conll"_s);
        QVERIFY2(conll.write(*reread, again, {}), qPrintable(conll.errorString()));
        QCOMPARE(chunksAndCharacters(again), chunksAndCharacters(out));
    }

    void testOverlappingMentionsKeepTheFirst()
    {
        DatasetDocument document;
        document.article.text = u"Bank of England staff"_s;
        Entity org { .id = 1,
            .name = u"Bank of England"_s,
            .type = u"ORG"_s,
            .mentions = { Mention { .span = { 0, 15 } } } };
        Entity place {
            .id = 2, .name = u"England"_s, .type = u"GPE"_s, .mentions = { Mention { .span = { 8, 15 } } }
        };
        document.annotations.entities = { place, org };
        const QList<ConllFormat::Sentence> sentences = ConllFormat::tag(document);
        QCOMPARE(sentences.size(), 1);
        QCOMPARE(sentences.first().tags, QStringList({ u"B-ORG"_s, u"I-ORG"_s, u"I-ORG"_s, u"O"_s }));
    }

    void testReadsIob1AndTwoColumns()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(u"two.conll"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Angela\tI-PERSON\nMerkel\tI-PERSON\nvisited\tO\nParis\tI-GPE\n.\tO\n");
        file.close();
        const auto store = newProject(dir, u"p"_s);
        ConllFormat conll;
        conll.setOptions({ { u"status"_s, u"accepted"_s } });
        QVERIFY2(conll.read(*store, file.fileName(), nullptr, {}), qPrintable(conll.errorString()));
        const DatasetDocument document = documents(*store).first();
        QCOMPARE(document.article.text, u"Angela Merkel visited Paris ."_s);
        QCOMPARE(entityLines(document),
            QStringList({ u"GPE Paris 22-27 “Paris” accepted"_s,
                u"PERSON Angela Merkel 0-13 “Angela Merkel” accepted"_s }));
    }

    void testHostile_data()
    {
        QTest::addColumn<QByteArray>("conll");
        QTest::addColumn<FormatOptions>("options");
        QTest::addColumn<QString>("message");
        QTest::newRow("not-iob") << QByteArray("-DOCSTART- -X- -X- O\n\nPutin _ _ X-PERSON\n")
                                 << FormatOptions() << u"bad.conll:3: X-PERSON is not an IOB2 tag"_s;
        QTest::newRow("unknown-label")
            << QByteArray("Putin _ _ B-ALIEN\n") << FormatOptions() << u"bad.conll:1: unknown label ALIEN"_s;
        QTest::newRow("no-tag") << QByteArray("Putin B-PERSON\nsaid\n") << FormatOptions()
                                << u"bad.conll:2: a token line needs"_s;
        QTest::newRow("not-utf8") << QByteArray("Caf\xe9 O\n") << FormatOptions()
                                  << u"bad.conll:1: not UTF-8"_s;
        QTest::newRow("line-over-the-cap") << QByteArray("Putin B-PERSON\n" + QByteArray(200, 'x') + " O\n")
                                           << FormatOptions { { u"maxLineBytes"_s, 100 } }
                                           << u"bad.conll:2: the line is longer than 100 bytes"_s;
        // short lines, but more of them in one article than the cap: memory is bounded by the
        // cap, not by the file, even without -DOCSTART- lines
        QTest::newRow("article-over-the-cap")
            << QByteArray("Putin B-PERSON\n").repeated(10) << FormatOptions { { u"maxLineBytes"_s, 100 } }
            << u"bad.conll:7: the article from line 1 is longer than 100 bytes"_s;
        // one line within the cap but its article, the line and its line feed, over it: the
        // article starts at that line, before a token of it is kept
        QTest::newRow("first-line-at-the-cap")
            << QByteArray(98, 'x') + " O\n"
            << FormatOptions { { u"maxLineBytes"_s, 100 } }
            << u"bad.conll:1: the article from line 1 is longer than 100 bytes"_s;
        QTest::newRow("line-at-the-cap-after-docstart")
            << "-DOCSTART- -X- -X- O\n\n" + QByteArray(98, 'x') + " O\n"
            << FormatOptions { { u"maxLineBytes"_s, 100 } }
            << u"bad.conll:3: the article from line 3 is longer than 100 bytes"_s;
        QTest::newRow("empty") << QByteArray("\n\n") << FormatOptions() << u"bad.conll: no tokens"_s;
        // a good document before the bad line: nothing of it may stay
        QTest::newRow("bad-after-good")
            << QByteArray("-DOCSTART- -X- -X- O\n\nPutin B-PERSON\n\n-DOCSTART- -X- -X- O\n\n"
                          "Putin _ _ B-\n")
            << FormatOptions() << u"bad.conll:7"_s;
    }

    void testHostile()
    {
        QFETCH(QByteArray, conll);
        QFETCH(FormatOptions, options);
        QFETCH(QString, message);
        QTemporaryDir dir;
        QFile file(dir.filePath(u"bad.conll"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(conll);
        file.close();
        const auto store = newProject(dir, u"p"_s);
        ConllFormat format;
        format.setOptions(options);
        QVERIFY(!format.read(*store, file.fileName(), nullptr, {}));
        QVERIFY2(format.errorString().contains(message), qPrintable(format.errorString()));
        QCOMPARE(store->articleCount(), 0);
    }

    void testGigabyteLineCostsOnlyTheCap_data()
    {
        QTest::addColumn<bool>("skipBadRecords");
        QTest::newRow("refused") << false;
        QTest::newRow("skipped") << true;
    }

    void testGigabyteLineCostsOnlyTheCap()
    {
        // A real gigabyte without a line feed in an article, then another article. The file is
        // sparse: it costs no disk, and reads as zero bytes.
        QFETCH(bool, skipBadRecords);
        constexpr qint64 gigabyte = 1024LL * 1024 * 1024;
        QTemporaryDir dir;
        QFile file(dir.filePath(u"huge.conll"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("-DOCSTART- -X- -X- O\n\nPutin _ _ B-PERSON\n");
        QVERIFY(file.resize(gigabyte));
        QVERIFY(file.seek(gigabyte));
        file.write("\n-DOCSTART- -X- -X- O\n\nMerkel _ _ B-PERSON\nspoke _ _ O\n");
        file.close();
        const auto store = newProject(dir, u"p"_s);
        ConllFormat format;
        format.setOptions({ { u"skipBadRecords"_s, skipBadRecords } });
        const double peakBefore = residentMemory().second;
        FormatReadReport report;
        const bool read = format.read(*store, file.fileName(), &report, {});
        const double peakAfter = residentMemory().second;
        const QString message = u"huge.conll:4: the line is longer than 64 MiB"_s;
        if (peakBefore > 0) // Linux: the peak grew by about the cap, not by the gigabyte
            QVERIFY2(peakAfter - peakBefore < 2.5 * LineStream::defaultMaximumLength / (1024 * 1024),
                qPrintable(u"peak %1 MB -> %2 MB"_s.arg(peakBefore).arg(peakAfter)));
        if (!skipBadRecords) {
            QVERIFY(!read);
            QVERIFY2(format.errorString().contains(message), qPrintable(format.errorString()));
            QCOMPARE(store->articleCount(), 0);
            return;
        }
        QVERIFY2(read, qPrintable(format.errorString()));
        QCOMPARE(report.badRecords.size(), 1);
        QVERIFY2(report.badRecords.first().contains(message), qPrintable(report.badRecords.first()));
        QCOMPARE(report.articles, 1);
        const QList<DatasetDocument> stored = documents(*store);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().article.text, u"Merkel spoke"_s);
        QCOMPARE(stored.first().article.key, u"huge-2"_s);
    }

    void testSkipBadRecords_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<FormatOptions>("options");
        QTest::addColumn<QString>("message");
        QTest::newRow("not-iob") << QByteArray("Putin _ _ X-PERSON") << FormatOptions()
                                 << u"bad.conll:9: X-PERSON is not an IOB2 tag"_s;
        QTest::newRow("unknown-label")
            << QByteArray("Putin _ _ B-ALIEN") << FormatOptions() << u"bad.conll:9: unknown label ALIEN"_s;
        QTest::newRow("not-utf8") << QByteArray("Caf\xe9 O") << FormatOptions()
                                  << u"bad.conll:9: not UTF-8"_s;
        QTest::newRow("no-tag") << QByteArray("Putin") << FormatOptions()
                                << u"bad.conll:9: a token line needs the token and its tag"_s;
        QTest::newRow("line-over-the-cap")
            << QByteArray(200, 'x') + " O" << FormatOptions { { u"maxLineBytes"_s, 100 } }
            << u"bad.conll:9: the line is longer than 100 bytes"_s;
    }

    void testSkipBadRecords()
    {
        // The bad line is in the second of three articles: with skipBadRecords that article is
        // left out, named by its line, and the others stored under the keys of their places;
        // without it, nothing is stored.
        QFETCH(QByteArray, line);
        QFETCH(FormatOptions, options);
        QFETCH(QString, message);
        const QByteArray conll = "-DOCSTART- -X- -X- O\n\nPutin _ _ B-PERSON\nspoke _ _ O\n\n"
                                 "-DOCSTART- -X- -X- O\n\nTokayev _ _ B-PERSON\n"
            + line
            + "\nlistened _ _ O\n\n-DOCSTART- -X- -X- O\n\nMerkel _ _ B-PERSON\n"
              "Merkel _ _ B-PERSON\n";
        QTemporaryDir dir;
        QFile file(dir.filePath(u"bad.conll"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(conll);
        file.close();
        for (const bool skip : { false, true }) {
            const auto store = newProject(dir, skip ? u"skipping"_s : u"strict"_s);
            ConllFormat format;
            options.insert(u"skipBadRecords"_s, skip);
            format.setOptions(options);
            FormatReadReport report;
            const bool read = format.read(*store, file.fileName(), &report, {});
            if (!skip) {
                QVERIFY(!read);
                QVERIFY2(format.errorString().contains(message), qPrintable(format.errorString()));
                QCOMPARE(store->articleCount(), 0);
                continue;
            }
            QVERIFY2(read, qPrintable(format.errorString()));
            QCOMPARE(report.articles, 2);
            QCOMPARE(report.badRecords.size(), 1);
            QVERIFY2(report.badRecords.first().contains(message), qPrintable(report.badRecords.first()));
            const QList<DatasetDocument> stored = documentsByKey(*store);
            QCOMPARE(stored.size(), 2);
            QCOMPARE(stored.at(0).article.key, u"bad-1"_s);
            QCOMPARE(stored.at(0).article.text, u"Putin spoke"_s);
            QCOMPARE(stored.at(1).article.key, u"bad-3"_s);
            QCOMPARE(stored.at(1).article.text, u"Merkel Merkel"_s);
            QCOMPARE(entityLines(stored.at(1)),
                QStringList({ u"PERSON Merkel 0-6 “Merkel” auto"_s, u"PERSON Merkel 7-13 “Merkel” auto"_s }));
            QCOMPARE(stored.at(1).annotations.entities.size(), 1);
        }
    }

    void testStoresEachArticleAsItIsRead()
    {
        // Progress comes once per article, the article already stored (in the open transaction):
        // nothing waits for the end of the file. A cancel then keeps nothing.
        QByteArray conll;
        for (int i = 1; i <= 3; ++i)
            conll += "-DOCSTART- -X- -X- O\n\nArticle _ _ O\nnumber _ _ O\n" + QByteArray::number(i)
                + " _ _ O\n\n";
        QTemporaryDir dir;
        QFile file(dir.filePath(u"three.conll"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(conll);
        file.close();
        for (const qint64 cancelAt : { 0, 2 }) {
            const auto store = newProject(dir, u"p%1"_s.arg(cancelAt));
            ConllFormat format;
            QList<qint64> progress;
            QList<bool> storedWhenReported;
            const bool read = format.read(*store, file.fileName(), nullptr, [&](qint64 done, qint64) {
                progress << done;
                storedWhenReported << store->articleIdForKey(u"three-%1"_s.arg(done)).has_value();
                return done != cancelAt;
            });
            QVERIFY(!storedWhenReported.contains(false));
            if (cancelAt == 0) {
                QVERIFY2(read, qPrintable(format.errorString()));
                QCOMPARE(progress, QList<qint64>({ 1, 2, 3 }));
                for (int i = 1; i <= 3; ++i)
                    QVERIFY(store->articleIdForKey(u"three-%1"_s.arg(i)));
            } else {
                QVERIFY(!read);
                QVERIFY2(format.errorString().contains(u"cancelled"_s), qPrintable(format.errorString()));
                QCOMPARE(progress, QList<qint64>({ 1, 2 }));
                QCOMPARE(store->articleCount(), 0);
                QVERIFY(!store->articleIdForKey(u"three-1"_s));
            }
        }
    }

    void testCancelKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const auto store = sampleProject(dir);
        const QString out = dir.filePath(u"sample.conll"_s);
        QFile old(out);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        ConllFormat conll;
        QVERIFY(!conll.write(*store, out, [](qint64 done, qint64) { return done < 1; }));
        QCOMPARE(contents(out), QByteArray("old"));
    }
};

QTEST_GUILESS_MAIN(TestFormatsConll)
#include "tst_formats_conll.moc"
