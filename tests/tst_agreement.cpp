// SPDX-License-Identifier: GPL-3.0-or-later
// Inter-annotator agreement: the statistics against published worked examples, then the
// measures of annotator versions and a streamed project.
#include "agreement/agreement.h"
#include "agreement/agreementrun.h"
#include "agreement/annotatorversions.h"
#include "agreementfixtures.h"
#include "extraction/textanalysis.h"
#include "store.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

struct Cell {
    int first;
    int second;
    int count;
};

/// Reliability data as Krippendorff writes it: one row per coder, "." for a missing value.
KrippendorffAlpha alphaOf(const QStringList &coders)
{
    KrippendorffAlpha alpha;
    const qsizetype units = coders.first().split(u' ').size();
    for (qsizetype unit = 0; unit < units; ++unit) {
        std::vector<int> values;
        for (const QString &coder : coders) {
            const QString value = coder.split(u' ').at(unit);
            if (value != u"."_s)
                values.push_back(value.toInt());
        }
        alpha.addUnit(values);
    }
    return alpha;
}

constexpr double undefined = std::numeric_limits<double>::quiet_NaN();

void compareOptional(std::optional<double> actual, double expected, double tolerance)
{
    if (std::isnan(expected)) {
        QVERIFY2(!actual, qPrintable(u"expected undefined, got %1"_s.arg(actual.value_or(0))));
        return;
    }
    QVERIFY2(actual, "expected a value, got undefined");
    QVERIFY2(std::abs(*actual - expected) <= tolerance, qPrintable(u"%1 != %2"_s.arg(*actual).arg(expected)));
}

} // namespace

Q_DECLARE_METATYPE(QList<Cell>)

class TestAgreement : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cohensKappa_data();
    void cohensKappa();
    void kappaTablesMerge();
    void krippendorffAlpha_data();
    void krippendorffAlpha();
    void alphaUnitsMergeAcrossArticles();
    void versionsFollowTheAnnotator();
    void measuresOfTwoVersions();
    void identicalVersionsAgreeFully();
    void projectIsStreamed();
    void stoppingEndsTheRun();
};

void TestAgreement::cohensKappa_data()
{
    QTest::addColumn<QList<Cell>>("cells");
    QTest::addColumn<double>("observed");
    QTest::addColumn<double>("expected");
    QTest::addColumn<double>("kappa");

    // Wikipedia, "Cohen's kappa", Examples, "Simple example": 50 grant proposals read by A
    // and B (yes = 1): both yes 20, A yes B no 5, A no B yes 10, both no 15;
    // p_o = 0.7, p_e = 0.5, kappa = 0.4.
    QTest::newRow("wikipedia simple example")
        << QList<Cell> { { 1, 1, 20 }, { 1, 0, 5 }, { 0, 1, 10 }, { 0, 0, 15 } } << 0.7 << 0.5 << 0.4;
    // Wikipedia, "Cohen's kappa", "Same percentages but different numbers": two tables with
    // p_o = 0.60 give kappa 0.1304 (balanced marginals, p_e = 0.54) and 0.2593 (p_e = 0.46).
    QTest::newRow("wikipedia same percentages, first")
        << QList<Cell> { { 1, 1, 45 }, { 1, 0, 15 }, { 0, 1, 25 }, { 0, 0, 15 } } << 0.6 << 0.54 << 0.1304;
    QTest::newRow("wikipedia same percentages, second")
        << QList<Cell> { { 1, 1, 25 }, { 1, 0, 35 }, { 0, 1, 5 }, { 0, 0, 35 } } << 0.6 << 0.46 << 0.2593;
    // Edge cases: perfect agreement is 1; coders who agree exactly as often as their own
    // frequencies predict (independent 50/50 choices) get 0; complete disagreement on two
    // balanced labels gets (0 - 0.5) / (1 - 0.5) = -1.
    QTest::newRow("perfect") << QList<Cell> { { 0, 0, 7 }, { 1, 1, 3 }, { 2, 2, 5 } } << 1.0
                             << (49.0 + 9 + 25) / 225 << 1.0;
    QTest::newRow("chance") << QList<Cell> { { 0, 0, 25 }, { 0, 1, 25 }, { 1, 0, 25 }, { 1, 1, 25 } } << 0.5
                            << 0.5 << 0.0;
    QTest::newRow("complete disagreement")
        << QList<Cell> { { 0, 1, 10 }, { 1, 0, 10 } } << 0.0 << 0.5 << -1.0;
    // One label throughout: p_e = 1, kappa is 0/0.
    QTest::newRow("one label only") << QList<Cell> { { 0, 0, 12 } } << 1.0 << 1.0 << undefined;
    QTest::newRow("nothing rated") << QList<Cell> {} << 0.0 << 0.0 << undefined;
}

void TestAgreement::cohensKappa()
{
    QFETCH(QList<Cell>, cells);
    QFETCH(double, observed);
    QFETCH(double, expected);
    QFETCH(double, kappa);
    CohensKappa table;
    for (const Cell &cell : cells)
        table.add(cell.first, cell.second, cell.count);
    QVERIFY(std::abs(table.observedAgreement() - observed) < 1e-9);
    QVERIFY(std::abs(table.expectedAgreement() - expected) < 1e-9);
    compareOptional(table.value(), kappa, 0.00005);
}

void TestAgreement::kappaTablesMerge()
{
    // a corpus adds up article by article: the merged tables give the pooled kappa
    CohensKappa first;
    first.add(1, 1, 20);
    first.add(1, 0, 5);
    CohensKappa second;
    second.add(0, 1, 10);
    second.add(0, 0, 15);
    first.merge(second);
    QCOMPARE(first.total(), 50);
    compareOptional(first.value(), 0.4, 1e-9);
}

void TestAgreement::krippendorffAlpha_data()
{
    QTest::addColumn<QStringList>("coders");
    QTest::addColumn<double>("alpha");

    // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. University of
    // Pennsylvania, Annenberg School for Communication, departmental paper 43.
    // Section C, "Nominal data, any number of observers, missing data": 4 observers,
    // 12 units, alpha = 0.743.
    QTest::newRow("krippendorff 2011 C, 4 coders, missing data")
        << QStringList { u"1 2 3 3 2 1 4 1 2 . . ."_s, u"1 2 3 3 2 2 4 1 2 5 . 3"_s,
               u". 3 3 3 2 3 4 2 2 5 1 ."_s, u"1 2 3 3 2 4 4 1 2 5 1 ."_s }
        << 0.743;
    // Same paper, section A, "Binary data, two observers, no missing data": alpha = 0.095.
    QTest::newRow("krippendorff 2011 A, binary, two coders")
        << QStringList { u"0 1 0 0 0 0 0 0 1 0"_s, u"1 1 1 0 0 1 0 0 0 0"_s } << 0.095;
    // Edge cases. Perfect agreement, with a coder missing here and there: 1.
    QTest::newRow("perfect, missing data") << QStringList { u"1 2 . 3"_s, u"1 . 2 3"_s, u". 2 2 3"_s } << 1.0;
    // Complete disagreement on two balanced values: o_01 = o_10 = 4, n = 8, n_0 = n_1 = 4,
    // alpha = 1 - (n - 1) * 8 / (2 * 4 * 4) = -0.75.
    QTest::newRow("complete disagreement") << QStringList { u"0 1 0 1"_s, u"1 0 1 0"_s } << -0.75;
    // No variation at all: D_e = 0, alpha undefined.
    QTest::newRow("one value only") << QStringList { u"4 4 4"_s, u"4 4 ."_s } << undefined;
    // No unit coded twice: nothing pairable, the units are left out.
    QTest::newRow("nothing pairable") << QStringList { u"1 . 2"_s, u". 2 ."_s } << undefined;
}

void TestAgreement::krippendorffAlpha()
{
    QFETCH(QStringList, coders);
    QFETCH(double, alpha);
    compareOptional(alphaOf(coders).value(), alpha, 0.0005);
}

void TestAgreement::alphaUnitsMergeAcrossArticles()
{
    // the 2011 section C data split in two "articles" merges to the same alpha
    KrippendorffAlpha first
        = alphaOf({ u"1 2 3 3 2 1"_s, u"1 2 3 3 2 2"_s, u". 3 3 3 2 3"_s, u"1 2 3 3 2 4"_s });
    const KrippendorffAlpha second
        = alphaOf({ u"4 1 2 . . ."_s, u"4 1 2 5 . 3"_s, u"4 2 2 5 1 ."_s, u"4 1 2 5 1 ."_s });
    first.merge(second);
    QCOMPARE(first.pairableValues(), 40.0);
    compareOptional(first.value(), 0.743, 0.0005);
}

void TestAgreement::versionsFollowTheAnnotator()
{
    const QString text = u"Mary Smith met 😀 John in Oslo."_s;
    Fixtures::VersionBuilder ana(text, u"ana"_s);
    const RecordId mary = ana.entity(u"PERSON"_s, { u"Mary Smith"_s });
    Fixtures::VersionBuilder ben(text, u"ben"_s);
    ben.entity(u"PERSON"_s, { u"John"_s });
    ben.quote(u"met 😀 John"_s, QuoteKind::Indirect, mary); // speaker tagged by ana only

    AnnotationSet all = ana.annotations();
    all.entities += ben.annotations().entities;
    all.quotes += ben.annotations().quotes;
    // ben adds a mention to ana's entity; an unreviewed suggestion and a rejected one
    Mention added { 9001, 0, mary, ben.find(u"Oslo"_s), {} };
    added.provenance.annotator = u"ben"_s;
    all.entities[0].mentions.append(added);
    Figure suggestion;
    suggestion.provenance.status = AnnotationStatus::Auto;
    all.figures.append(suggestion);
    Figure rejected;
    rejected.provenance.status = AnnotationStatus::Rejected;
    rejected.provenance.annotator = u"ana"_s;
    all.figures.append(rejected);

    const QMap<QString, AnnotationSet> versions = AnnotatorVersions::split(all);
    QCOMPARE(versions.keys(), (QStringList { u"ana"_s, u"ben"_s }));
    QCOMPARE(versions[u"ana"_s].entities.size(), 1);
    QCOMPARE(versions[u"ana"_s].entities[0].mentions.size(), 1);
    QVERIFY(versions[u"ana"_s].figures.isEmpty());
    // ben: his own entity, his mention of ana's entity, no second copy for the speaker
    const QList<Entity> &benEntities = versions[u"ben"_s].entities;
    QCOMPARE(benEntities.size(), 2);
    const auto maryInBen = std::find_if(
        benEntities.cbegin(), benEntities.cend(), [&](const Entity &e) { return e.id == mary; });
    QVERIFY(maryInBen != benEntities.cend());
    QCOMPARE(maryInBen->mentions.size(), 1);
    QCOMPARE(maryInBen->mentions[0].span, ben.find(u"Oslo"_s));
}

void TestAgreement::measuresOfTwoVersions()
{
    const QString text = u"😀 Mary Smith said “we will stay” on Monday, and 40 soldiers left Almaty."_s;
    Fixtures::VersionBuilder ana(text, u"ana"_s);
    const RecordId mary = ana.entity(u"PERSON"_s, { u"Mary Smith"_s });
    ana.entity(u"GPE"_s, { u"Almaty"_s });
    ana.quote(u"“we will stay”"_s, QuoteKind::Direct, mary);
    ana.figure(u"40"_s, 40);
    Fixtures::VersionBuilder ben(text, u"ben"_s);
    const RecordId smith = ben.entity(u"PERSON"_s, { u"Smith"_s });
    ben.entity(u"LOC"_s, { u"Almaty"_s });
    ben.quote(u"“we will stay”"_s, QuoteKind::Indirect, smith);
    ben.figure(u"40"_s, 41);

    Article article;
    article.text = text;
    AgreementCalculator calculator;
    const ArticleAgreement agreement = calculator.compute(article,
        QMap<QString, AnnotationSet> { { u"ana"_s, ana.annotations() }, { u"ben"_s, ben.annotations() } });
    QCOMPARE(agreement.pairs.size(), 1);
    const PairAgreement &pair = agreement.pairs.first();
    QCOMPARE(agreement.pairs.firstKey(), (AnnotatorPair { u"ana"_s, u"ben"_s }));

    // no mention has the same span and type; "Smith" overlaps "Mary Smith" (PERSON) and
    // Almaty differs in type: overlap P = R = 1/2
    compareOptional(pair.value(Measure::EntityExactF1), 0.0, 1e-9);
    compareOptional(pair.value(Measure::EntityOverlapF1), 0.5, 1e-9);
    // token labels, N tokens: (PERSON, O) "Mary", (PERSON, PERSON) "Smith", (GPE, LOC) "Almaty",
    // (O, O) the rest. p_o = (N - 2) / N; ana has PERSON 2, GPE 1, O N-3; ben PERSON 1, LOC 1,
    // O N-2: p_e = (2 * 1 + (N - 3)(N - 2)) / N^2.
    const double n = double(TextAnalysis(text).tokens().size());
    const double observed = (n - 2) / n;
    const double expected = (2 + (n - 3) * (n - 2)) / (n * n);
    compareOptional(pair.value(Measure::EntityKappa), (observed - expected) / (1 - expected), 1e-9);
    // alpha, two values per token: 2d = 4 disagreeing pairable values out of n = 2N, with
    // value counts PERSON 3, GPE 1, LOC 1, O 2N - 5: alpha = 1 - (n - 1) 2d / (n^2 - sum n_c^2)
    const double values = 2 * n;
    const double squares = 9 + 1 + 1 + (values - 5) * (values - 5);
    compareOptional(
        pair.value(Measure::EntityAlpha), 1 - (values - 1) * 4 / (values * values - squares), 1e-9);
    // the same quote, a different kind, speakers whose names differ ("Mary Smith", "Smith")
    compareOptional(pair.value(Measure::QuoteF1), 1.0, 1e-9);
    compareOptional(pair.value(Measure::QuoteCharF1), 1.0, 1e-9);
    compareOptional(pair.value(Measure::KindAgreement), 0.0, 1e-9);
    compareOptional(pair.value(Measure::SpeakerAgreement), 0.0, 1e-9);
    // the same figure read as 40 and 41
    compareOptional(pair.value(Measure::FigureF1), 1.0, 1e-9);
    compareOptional(pair.value(Measure::FigureValueAgreement), 0.0, 1e-9);
}

void TestAgreement::identicalVersionsAgreeFully()
{
    const QString text = u"John Doe of Acme said “prices rise” as 12 shops 🛒 closed in Paris."_s;
    QMap<QString, AnnotationSet> versions;
    for (const QString &name : { u"ana"_s, u"ben"_s, u"cleo"_s }) {
        Fixtures::VersionBuilder version(text, name);
        const RecordId john = version.entity(u"PERSON"_s, { u"John Doe"_s });
        version.entity(u"ORG"_s, { u"Acme"_s });
        version.quote(u"“prices rise”"_s, QuoteKind::Direct, john);
        version.figure(u"12"_s, 12);
        versions.insert(name, version.annotations());
    }
    Article article;
    article.text = text;
    AgreementCalculator calculator;
    const ArticleAgreement agreement = calculator.compute(article, versions);
    QCOMPARE(agreement.pairs.size(), 3);
    for (const PairAgreement &pair : agreement.pairs) {
        for (const MeasureInfo &info : measures())
            compareOptional(pair.value(info.measure), 1.0, 1e-9);
    }
    compareOptional(agreement.alpha.value(), 1.0, 1e-9);
}

void TestAgreement::projectIsStreamed()
{
    QTemporaryDir dir;
    StoreError error;
    auto store = Store::open(dir.filePath(u"team.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    QVERIFY(Fixtures::writeTeamProject(*store));

    QList<int> done;
    const AgreementReport report = AgreementRun::run(*store, [&](int count, int total) {
        done << count;
        return total == 3;
    });
    QCOMPARE(done, (QList<int> { 1, 2, 3 }));
    QCOMPARE(report.articlesRead, 3);
    QCOMPARE(report.articlesCompared, 2);
    QCOMPARE(report.annotators, (QStringList { u"ana"_s, u"ben"_s, u"cleo"_s }));
    // cleo and ben never annotated the same article: no pair, missing data for alpha
    QCOMPARE(report.pairs.keys(), (QList<AnnotatorPair> { { u"ana"_s, u"ben"_s }, { u"ana"_s, u"cleo"_s } }));
    const PairAgreement anaBen = report.pairs.value({ u"ana"_s, u"ben"_s });
    const PairAgreement anaCleo = report.pairs.value({ u"ana"_s, u"cleo"_s });
    QCOMPARE(anaCleo.articles, 1);
    compareOptional(anaCleo.value(Measure::EntityExactF1), 1.0, 1e-9);
    compareOptional(anaBen.value(Measure::EntityOverlapF1), 0.5, 1e-9);
    // alpha over everyone lies between the two articles' alphas
    const double all = report.alphaAll().value();
    QVERIFY(all < 1.0);
    QVERIFY(all > anaBen.value(Measure::EntityAlpha).value());
    QCOMPARE(report.articleRows.size(), 2);
    QCOMPARE(report.articleRows[1].key, u"a2"_s);

    const auto single = AgreementRun::runArticle(*store, u"a1"_s);
    QVERIFY(single);
    QCOMPARE(single->articlesCompared, 1);
    QCOMPARE(single->pairs.keys(), (QList<AnnotatorPair> { { u"ana"_s, u"ben"_s } }));
    QVERIFY(!AgreementRun::runArticle(*store, u"nope"_s));
}

void TestAgreement::stoppingEndsTheRun()
{
    QTemporaryDir dir;
    StoreError error;
    auto store = Store::open(dir.filePath(u"team.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY(store);
    QVERIFY(Fixtures::writeTeamProject(*store));
    const AgreementReport report = AgreementRun::run(*store, [](int done, int) { return done < 1; });
    QCOMPARE(report.articlesRead, 1);
}

QTEST_GUILESS_MAIN(TestAgreement)
#include "tst_agreement.moc"
