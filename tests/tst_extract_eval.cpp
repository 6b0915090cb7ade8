// SPDX-License-Identifier: GPL-3.0-or-later
// The dataset codec, the scorer against shared/eval/score.py, and the extractors against
// the targets of the dev set (tests/data/eval, copied from Byline's shared eval set), with
// floors on the second dev set (tests/data/dev2).
#include "extraction/datasetjson.h"
#include "extraction/extractor.h"
#include "extraction/scorer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestExtractEval final : public QObject {
    Q_OBJECT

private:
    static QString data(const QString &path) { return QStringLiteral(BYLINE_TEST_DATA) + u'/' + path; }

    static QList<DatasetDocument> gold(const QString &set = u"eval"_s)
    {
        QString error;
        const auto documents = DatasetJson::readPath(data(set), &error);
        if (!documents)
            qFatal("%s", qPrintable(error));
        return *documents;
    }

    static QList<DatasetDocument> predict(const QList<DatasetDocument> &documents)
    {
        const Extractor extractor;
        QList<DatasetDocument> predicted;
        for (const DatasetDocument &document : documents) {
            DatasetDocument prediction;
            prediction.article = document.article;
            prediction.annotations = extractor.extract(document.article.text);
            predicted.append(prediction);
        }
        return predicted;
    }

private Q_SLOTS:
    void testReadsEveryGoldFile()
    {
        const QList<DatasetDocument> documents = gold();
        QCOMPARE(documents.size(), 9);
        for (const DatasetDocument &document : documents) {
            QVERIFY(!document.article.key.isEmpty());
            QVERIFY(!document.annotations.entities.isEmpty());
        }
    }

    void testRoundTrip()
    {
        for (const DatasetDocument &document : gold()) {
            const QJsonObject written = DatasetJson::write(document);
            QString error;
            const auto reread = DatasetJson::read(written, u"round trip"_s, &error);
            QVERIFY2(reread, qPrintable(error));
            QCOMPARE(reread->annotations.entities, document.annotations.entities);
            QCOMPARE(reread->annotations.quotes, document.annotations.quotes);
            QCOMPARE(reread->annotations.figures, document.annotations.figures);
            QCOMPARE(reread->optionalQuotes, document.optionalQuotes);
            QCOMPARE(DatasetJson::write(*reread), written);
        }
    }

    void testSurrogatePairs()
    {
        // files count code points; Qt strings count UTF-16 units
        const QByteArray json
            = R"({"id":"x","text":"😀 Putin said it.","entities":[{"id":"E1","type":"PERSON",
            "name":"Putin","mentions":[{"start":2,"end":7,"text":"Putin"}]}],"quotes":[],"figures":[]})";
        QString error;
        const auto document = DatasetJson::read(QJsonDocument::fromJson(json).object(), {}, &error);
        QVERIFY2(document, qPrintable(error));
        QCOMPARE(document->annotations.entities.first().mentions.first().span, (Span { 3, 8 }));
        const QJsonObject written = DatasetJson::write(*document);
        const QJsonObject mention = written["entities"_L1][0]["mentions"_L1][0].toObject();
        QCOMPARE(mention["start"_L1].toInt(), 2);
    }

    void testKeepsUnknownFields()
    {
        const QByteArray json
            = R"({"id":"x","lang":"en","text":"Putin said it.","entities":[{"id":"E7","type":"PERSON",
            "name":"Putin","wikidata":"Q7747","status":"accepted","mentions":[{"start":0,"end":5,"text":"Putin"}]}],
            "quotes":[{"id":"Q3","kind":"indirect","content":[{"start":11,"end":13,"text":"it"}],"cue":{"start":6,
            "end":10,"text":"said"},"source":null,"speaker":"E7","note":"check","optional":true}],
            "figures":[{"id":"F2","kind":"other","span":{"start":0,"end":1,"text":"P"},"number":null,"value":null,
            "confidence":0.5}]})";
        QString error;
        const auto document = DatasetJson::read(QJsonDocument::fromJson(json).object(), {}, &error);
        QVERIFY2(document, qPrintable(error));
        QCOMPARE(document->annotations.quotes.first().speakerId, document->annotations.entities.first().id);
        QVERIFY(document->optionalQuotes.contains(document->annotations.quotes.first().id));
        QVERIFY(document->annotations.entities.first().provenance.status == AnnotationStatus::Accepted);
        const QJsonObject written = DatasetJson::write(*document);
        QCOMPARE(written["lang"_L1].toString(), u"en"_s);
        QCOMPARE(written["entities"_L1][0]["id"_L1].toString(), u"E7"_s);
        QCOMPARE(written["entities"_L1][0]["wikidata"_L1].toString(), u"Q7747"_s);
        QCOMPARE(written["quotes"_L1][0]["note"_L1].toString(), u"check"_s);
        QCOMPARE(written["quotes"_L1][0]["speaker"_L1].toString(), u"E7"_s);
        QCOMPARE(written["quotes"_L1][0]["optional"_L1].toBool(), true);
        QCOMPARE(written["figures"_L1][0]["confidence"_L1].toDouble(), 0.5);
    }

    void testScoreReport()
    {
        const QList<DatasetDocument> documents = gold();
        const QJsonObject report = Scorer::score(documents, predict(documents)).toJson();
        for (const char *layer : { "entities", "quotes", "figures" })
            QVERIFY(report.contains(QLatin1StringView(layer)));
        QVERIFY(report["entities"_L1]["by_type"_L1].toObject().contains("PERSON"_L1));
        QVERIFY(report["entities"_L1]["lenient"_L1]["f1"_L1].toDouble()
            >= report["entities"_L1]["f1"_L1].toDouble());
        QVERIFY(report["quotes"_L1].toObject().contains("char_f1"_L1));
        QCOMPARE(report["articles"_L1].toInt(), 9);
    }

    void testRejectsMismatchedSpan_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        QTest::newRow("mention-text") << QByteArray(R"({"id":"x","text":"Putin said.","entities":[{"id":"E1",
            "type":"PERSON","name":"P","mentions":[{"start":0,"end":5,"text":"Tokay"}]}]})")
                                      << u"entities[0].mentions[0]"_s;
        QTest::newRow("outside-text") << QByteArray(R"({"id":"x","text":"Putin said.","quotes":[{"id":"Q1",
            "kind":"direct","content":[{"start":3,"end":50,"text":"x"}],"cue":null,"source":null,"speaker":null}]})")
                                      << u"quotes[0].content[0]"_s;
        QTest::newRow("unknown-speaker") << QByteArray(R"({"id":"x","text":"Putin said.","quotes":[{"id":"Q1",
            "kind":"direct","content":[],"cue":null,"source":null,"speaker":"E9"}]})")
                                         << u"quotes[0].speaker"_s;
        QTest::newRow("bad-kind") << QByteArray(R"({"id":"x","text":"Putin said.","quotes":[{"id":"Q1",
            "kind":"rumour","content":[],"cue":null,"source":null,"speaker":null}]})")
                                  << u"quotes[0].kind"_s;
        QTest::newRow("no-text") << QByteArray(R"({"id":"x"})") << u"text"_s;
    }

    void testRejectsMismatchedSpan()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        QString error;
        QVERIFY(!DatasetJson::read(QJsonDocument::fromJson(json).object(), u"file.jsonl:3"_s, &error));
        QVERIFY2(error.startsWith(u"file.jsonl:3: "_s + field), qPrintable(error));
    }

    void testScorerAgreesWithScorePy()
    {
        // tests/data/scorer/perturbed.expected.txt is what score.py printed for this prediction
        QString error;
        const auto predicted = DatasetJson::readPath(data(u"scorer/perturbed.jsonl"_s), &error);
        QVERIFY2(predicted, qPrintable(error));
        const ScoreResult result = Scorer::score(gold(), *predicted);
        QFile expected(data(u"scorer/perturbed.expected.txt"_s));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        const QStringList expectedLines = QString::fromUtf8(expected.readAll()).trimmed().split(u'\n');
        const QStringList lines = result.toText().split(u'\n');
        QCOMPARE(lines.mid(0, 4), expectedLines);
    }

    void testGoldAgainstGold()
    {
        const QList<DatasetDocument> documents = gold();
        const ScoreResult result = Scorer::score(documents, documents);
        QCOMPARE(
            result.summaryLine(), u"quotes_f1=1.000 speaker_acc=1.000 figures_f1=1.000 entities_f1=1.000"_s);
        QCOMPARE(result.lenientEntityF1(), 1.0);
        QCOMPARE(result.missing, 0);
    }

    void testTrimmedTextIsShiftedBack()
    {
        // score.py pairs an article whose importer trimmed white space by its text and
        // shifts the offsets back; so does the port
        const QString text
            = u"\n\n  Anna Berg said the plan was sound, adding that 16 members were killed.\n"_s;
        DatasetDocument gold;
        gold.article.key = u"a"_s;
        gold.article.text = text;
        gold.annotations = Extractor().extract(text);
        QVERIFY(!gold.annotations.quotes.isEmpty() && !gold.annotations.figures.isEmpty());
        DatasetDocument predicted;
        predicted.article.key = u"b"_s;
        predicted.article.text = text.trimmed();
        predicted.annotations = Extractor().extract(predicted.article.text);
        const ScoreResult result = Scorer::score({ gold }, { predicted });
        QCOMPARE(result.missing, 0);
        QCOMPARE(
            result.summaryLine(), u"quotes_f1=1.000 speaker_acc=1.000 figures_f1=1.000 entities_f1=1.000"_s);
    }

    void testEmptyPrediction()
    {
        const QList<DatasetDocument> documents = gold();
        const ScoreResult result = Scorer::score(documents, {});
        QCOMPARE(result.missing, 9);
        QCOMPARE(
            result.summaryLine(), u"quotes_f1=0.000 speaker_acc=0.000 figures_f1=0.000 entities_f1=0.000"_s);
    }

    void testDevSetTargets()
    {
        const QList<DatasetDocument> documents = gold();
        QElapsedTimer timer;
        timer.start();
        const QList<DatasetDocument> predicted = predict(documents);
        const qint64 elapsed = timer.elapsed();
        // BYLINE_EXTRACT_PREDICTIONS=FILE.jsonl keeps the predictions for shared/eval/score.py
        const QString keep = qEnvironmentVariable("BYLINE_EXTRACT_PREDICTIONS");
        if (!keep.isEmpty()) {
            QFile out(keep);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(DatasetJson::toJsonLines(predicted));
        }
        const ScoreResult result = Scorer::score(documents, predicted);
        qInfo().noquote() << u"\n"_s + result.toText() << "extraction:" << elapsed << "ms";
        for (const DatasetDocument &document : predicted) {
            const qsizetype length = document.article.text.size();
            for (const Entity &entity : document.annotations.entities) {
                for (const Mention &mention : entity.mentions)
                    QVERIFY(mention.span.isValidIn(length));
            }
        }
        // The targets of issue 5 (exact entity spans, matched quotes' speakers).
        QVERIFY2(result.quoteF1() >= 0.90, qPrintable(result.summaryLine()));
        QVERIFY2(result.speakerAccuracy() >= 0.90, qPrintable(result.summaryLine()));
        QVERIFY2(result.figureF1() >= 0.90, qPrintable(result.summaryLine()));
        QVERIFY2(result.entityF1() >= 0.85, qPrintable(result.summaryLine()));
        // what the content characters, kinds, cues and units reach today: a floor against regressions
        QVERIFY2(result.quoteChars.f1() >= 0.95, qPrintable(result.toText()));
        QVERIFY2(result.kindAccuracy() >= 0.90, qPrintable(result.toText()));
        QVERIFY2(result.cueAccuracy() >= 0.90, qPrintable(result.toText()));
        QVERIFY2(result.unitAccuracy() >= 0.90, qPrintable(result.toText()));
    }

    void testSecondDevSetFloor()
    {
        // tests/data/dev2: 16 articles from many countries, written without seeing the rules.
        // The rules were made general on it, so these are floors against regressions, set
        // just below what the extractors reach, not targets.
        const QList<DatasetDocument> documents = gold(u"dev2"_s);
        QCOMPARE(documents.size(), 16);
        const ScoreResult result = Scorer::score(documents, predict(documents));
        qInfo().noquote() << u"\n"_s + result.toText();
        QVERIFY2(result.quoteF1() >= 0.97, qPrintable(result.summaryLine()));
        QVERIFY2(result.speakerAccuracy() >= 0.92, qPrintable(result.summaryLine()));
        QVERIFY2(result.figureF1() >= 0.95, qPrintable(result.summaryLine()));
        QVERIFY2(result.entityF1() >= 0.91, qPrintable(result.summaryLine()));
    }
};

QTEST_GUILESS_MAIN(TestExtractEval)
#include "tst_extract_eval.moc"
