// SPDX-License-Identifier: GPL-3.0-or-later
// Sentences and tokens of the text analysis under the extractors. On these rows ICU's
// sentence BreakIterator (en_GB, no suppressions) splits after "Mr.", "Dr.", initials and
// "St."; on the dev set both agree on all 170 boundaries, so Byline keeps its own rules.
#include "extraction/textanalysis.h"

#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestExtractText final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testSentences_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("sentences");
        QTest::newRow("two-sentences")
            << u"He left. She stayed."_s << QStringList { u"He left."_s, u"She stayed."_s };
        QTest::newRow("honorific-with-point")
            << u"Mr. Smith met Dr. Jones. They spoke."_s
            << QStringList { u"Mr. Smith met Dr. Jones."_s, u"They spoke."_s };
        QTest::newRow("initialism") << u"The U.S. economy grew. It slowed."_s
                                    << QStringList { u"The U.S. economy grew."_s, u"It slowed."_s };
        QTest::newRow("initials") << u"J. K. Rowling spoke. Fans cheered."_s
                                  << QStringList { u"J. K. Rowling spoke."_s, u"Fans cheered."_s };
        QTest::newRow("decimal-point") << u"It grew 2.5 per cent. Then it fell."_s
                                       << QStringList { u"It grew 2.5 per cent."_s, u"Then it fell."_s };
        QTest::newRow("month-abbreviation")
            << u"It began in Jan. last year."_s << QStringList { u"It began in Jan. last year."_s };
        QTest::newRow("saint") << u"The St. Louis team won. Fans cheered."_s
                               << QStringList { u"The St. Louis team won."_s, u"Fans cheered."_s };
        QTest::newRow("quote-ends-sentence")
            << u"\"It is over.\" He left."_s << QStringList { u"\"It is over.\""_s, u"He left."_s };
        QTest::newRow("question-and-exclamation")
            << u"Why? Because! Fine."_s << QStringList { u"Why?"_s, u"Because!"_s, u"Fine."_s };
        QTest::newRow("new-quote-after-stop")
            << u"He said: \"Yes. \"No.\""_s << QStringList { u"He said: \"Yes."_s, u"\"No.\""_s };
        QTest::newRow("paragraph-without-stop")
            << u"Headline here\n\nBody text."_s << QStringList { u"Headline here"_s, u"Body text."_s };
        QTest::newRow("lower-case-after-stop")
            << u"It cost 5 p. per day."_s << QStringList { u"It cost 5 p. per day."_s };
    }

    void testSentences()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, sentences);
        const TextAnalysis analysis(text);
        QStringList found;
        for (const auto &[first, last] : analysis.sentences()) {
            const qsizetype start = analysis.tokens()[first].start;
            found.append(text.mid(start, analysis.tokens()[last - 1].end - start));
        }
        QCOMPARE(found, sentences);
    }

    void testTokens_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tokens");
        QTest::newRow("possessive") << u"Kazakhstan\u2019s president"_s
                                    << QStringList { u"Kazakhstan"_s, u"\u2019s"_s, u"president"_s };
        QTest::newRow("contraction") << u"don't"_s << QStringList { u"don't"_s };
        QTest::newRow("number-separators")
            << u"2,030 and 274.5."_s << QStringList { u"2,030"_s, u"and"_s, u"274.5"_s, u"."_s };
        QTest::newRow("money-suffix") << u"\u00A36.8bn"_s << QStringList { u"\u00A3"_s, u"6.8"_s, u"bn"_s };
        QTest::newRow("model-name") << u"A321 jets"_s << QStringList { u"A321"_s, u"jets"_s };
        QTest::newRow("hyphen") << u"Russian-led"_s << QStringList { u"Russian"_s, u"-"_s, u"led"_s };
        QTest::newRow("surrogate-pair")
            << u"a \U0001F600 b"_s << QStringList { u"a"_s, u"\U0001F600"_s, u"b"_s };
    }

    void testTokens()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tokens);
        const TextAnalysis analysis(text);
        QStringList found;
        for (qsizetype i = 0; i < analysis.tokens().size(); ++i)
            found.append(analysis.tokenText(i).toString());
        QCOMPARE(found, tokens);
    }
};

QTEST_GUILESS_MAIN(TestExtractText)
#include "tst_extract_text.moc"
