// SPDX-License-Identifier: GPL-3.0-or-later
// What a project's analysts teach the extractors (projectLexicon()): a rejection counts against
// the confirmations of the same words elsewhere, and the next article gets what the majority
// of the analysts' judgements says.
#include "extraction/extractor.h"
#include "projectlexiconbuilder.h"
#include "store.h"
#include "testprojects.h"

#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

// The analysts' judgement of one annotation, from a row's "rejected ORG" and the like, with the
// name of the entity it was tagged as after them when it is not the text's own.
struct Judgement {
    AnnotationStatus status;
    QString type;
    QString name;
};

Judgement judgementOf(const QString &row)
{
    const QStringList words = row.split(u' ');
    const QString name = words.mid(2).join(u' ');
    return { *annotationStatusFromString(words.value(0)), words.value(1),
        name.isEmpty() ? u"Qarvelo Tessin"_s : name };
}

bool suggests(const AnnotationSet &set, const QString &text, const QString &covered, const QString &type)
{
    return std::any_of(set.entities.cbegin(), set.entities.cend(), [&](const Entity &entity) {
        return entity.type == type
            && std::any_of(entity.mentions.cbegin(), entity.mentions.cend(), [&](const Mention &mention) {
                   return text.mid(mention.span.start, mention.span.length()) == covered;
               });
    });
}

} // namespace

class TestProjectLexicon : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void entityRejectionsAreWeighed_data();
    void entityRejectionsAreWeighed();
    void figureRejectionsAreWeighed_data();
    void figureRejectionsAreWeighed();
    void aSplitQuoteIsRejectedWhole();
    void learnsWhatItsConnectionSees_data();
    void learnsWhatItsConnectionSees();

private:
    RecordId addArticle(const QString &text);

    Test::TestProjects m_projects;
    std::unique_ptr<Store> m_store;
};

void TestProjectLexicon::initTestCase()
{
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

void TestProjectLexicon::init()
{
    StoreError error;
    m_store = Store::open(m_projects.newLocation(), Store::Mode::ReadWrite, &error);
    QVERIFY2(m_store, qPrintable(error.message));
}

void TestProjectLexicon::cleanup()
{
    m_store.reset();
}

RecordId TestProjectLexicon::addArticle(const QString &text)
{
    static int count = 0;
    Article article { .key = u"article-%1"_s.arg(++count), .title = u"Article"_s, .text = text };
    if (!m_store->addArticle(article))
        qFatal("cannot add an article: %s", qPrintable(m_store->errorString()));
    return article.id;
}

void TestProjectLexicon::entityRejectionsAreWeighed_data()
{
    QTest::addColumn<QStringList>("judgements"); ///< one article each: "STATUS TYPE"
    QTest::addColumn<bool>("rejected"); ///< of "Qarvelo Tessin" as an ORG

    QTest::newRow("rejected once") << QStringList { u"rejected ORG"_s } << true;
    QTest::newRow("rejected once, accepted once: a tie is suggested")
        << QStringList { u"rejected ORG"_s, u"accepted ORG"_s } << false;
    QTest::newRow("rejected once, confirmed twice")
        << QStringList { u"edited ORG"_s, u"rejected ORG"_s, u"manual ORG"_s } << false;
    QTest::newRow("rejected twice, accepted once")
        << QStringList { u"rejected ORG"_s, u"accepted ORG"_s, u"rejected ORG"_s } << true;
    QTest::newRow("suggestions nobody judged do not count")
        << QStringList { u"rejected ORG"_s, u"auto ORG"_s, u"auto ORG"_s } << true;
    QTest::newRow("confirmed as another type does not count")
        << QStringList { u"rejected ORG"_s, u"accepted PERSON"_s, u"manual PERSON"_s } << true;
    QTest::newRow("confirmed as two entities: summed, a tie") << QStringList { u"rejected ORG"_s,
        u"accepted ORG Qarvelo"_s, u"rejected ORG"_s, u"manual ORG Tessin Group"_s }
                                                              << false;
    QTest::newRow("rejected as two entities: summed")
        << QStringList { u"rejected ORG Qarvelo"_s, u"accepted ORG"_s, u"rejected ORG Tessin Group"_s }
        << true;
    QTest::newRow("rejected as another type does not count")
        << QStringList { u"accepted ORG"_s, u"rejected PERSON"_s, u"rejected PERSON"_s } << false;
}

void TestProjectLexicon::entityRejectionsAreWeighed()
{
    QFETCH(QStringList, judgements);
    QFETCH(bool, rejected);
    const QString text = u"Shares in Qarvelo Tessin rose."_s;
    const Span name { 10, 24 };
    for (const QString &row : judgements) {
        const Judgement judgement = judgementOf(row);
        Entity entity { .articleId = addArticle(text), .name = judgement.name, .type = judgement.type };
        entity.provenance.status = judgement.status;
        entity.mentions.append({ .span = name, .provenance = { .status = judgement.status } });
        QVERIFY2(m_store->insertEntity(entity), qPrintable(m_store->errorString()));
    }

    const ProjectLexicon lexicon = projectLexicon(*m_store);
    QCOMPARE(lexicon.isRejectedEntity(u"Qarvelo Tessin"_s, u"ORG"_s), rejected);
    // The next article: the company is known from the confirmations, and suggested unless the
    // rejections outweigh them.
    Extractor extractor;
    extractor.setProjectLexicon(lexicon);
    const QString next = u"Qarvelo Tessin said it would hire staff."_s;
    const bool confirmedAsOrg = std::any_of(judgements.cbegin(), judgements.cend(), [](const QString &row) {
        const Judgement judgement = judgementOf(row);
        return judgement.type == u"ORG"_s && judgement.status != AnnotationStatus::Rejected
            && judgement.status != AnnotationStatus::Auto;
    });
    if (confirmedAsOrg)
        QCOMPARE(suggests(extractor.extract(next), next, u"Qarvelo Tessin"_s, u"ORG"_s), !rejected);
}

void TestProjectLexicon::figureRejectionsAreWeighed_data()
{
    QTest::addColumn<QList<int>>("statuses"); ///< one article each, as AnnotationStatus
    QTest::addColumn<bool>("rejected");

    const int rejected = int(AnnotationStatus::Rejected);
    const int accepted = int(AnnotationStatus::Accepted);
    const int suggested = int(AnnotationStatus::Auto);
    QTest::newRow("rejected once") << QList<int> { rejected } << true;
    QTest::newRow("tie") << QList<int> { accepted, rejected } << false;
    QTest::newRow("rejected twice, accepted once") << QList<int> { rejected, accepted, rejected } << true;
    QTest::newRow("suggestions do not count") << QList<int> { suggested, rejected, suggested } << true;
}

void TestProjectLexicon::figureRejectionsAreWeighed()
{
    QFETCH(QList<int>, statuses);
    QFETCH(bool, rejected);
    // 😀 before the figure: offsets in the store count code points, the text UTF-16 units.
    const QString text = u"😀 Officials said 2,030 soldiers had arrived."_s;
    const qsizetype start = text.indexOf(u"2,030"_s);
    for (int status : std::as_const(statuses)) {
        Figure figure { .articleId = addArticle(text),
            .kind = u"count"_s,
            .span = { start, start + 14 },
            .number = { start, start + 5 },
            .value = 2030.0,
            .unit = u"soldiers"_s };
        figure.provenance.status = AnnotationStatus(status);
        QVERIFY2(m_store->insertFigure(figure), qPrintable(m_store->errorString()));
    }

    const ProjectLexicon lexicon = projectLexicon(*m_store);
    QCOMPARE(lexicon.isRejectedFigure(u"2,030 soldiers"_s), rejected);
    Extractor extractor;
    extractor.setProjectLexicon(lexicon);
    const AnnotationSet next = extractor.extract(text);
    const bool suggested
        = std::any_of(next.figures.cbegin(), next.figures.cend(), [&text](const Figure &figure) {
              return text.mid(figure.span.start, figure.span.length()) == u"2,030 soldiers"_s;
          });
    QCOMPARE(suggested, !rejected);
}

void TestProjectLexicon::aSplitQuoteIsRejectedWhole()
{
    const QString text = u"“We will stay,” Anna Berg said, “until the work is done.”"_s;
    const AnnotationSet found = Extractor().extract(text);
    const auto split = std::find_if(found.quotes.cbegin(), found.quotes.cend(),
        [](const Quote &quote) { return quote.content.size() == 2; });
    QVERIFY2(split != found.quotes.cend(), "the extractor should find the quote in two parts");

    Quote quote = *split;
    quote.articleId = addArticle(text);
    quote.speakerId = 0;
    quote.provenance.status = AnnotationStatus::Rejected;
    QVERIFY2(m_store->insertQuote(quote), qPrintable(m_store->errorString()));

    const ProjectLexicon lexicon = projectLexicon(*m_store);
    QStringList parts;
    for (const Span &part : quote.content)
        parts << text.mid(part.start, part.length());
    QVERIFY(!lexicon.isRejectedQuote(parts.first()));
    QVERIFY(lexicon.isRejectedQuote(parts.join(u' ')));
    Extractor extractor;
    extractor.setProjectLexicon(lexicon);
    const AnnotationSet next = extractor.extract(text);
    QVERIFY(std::none_of(next.quotes.cbegin(), next.quotes.cend(),
        [](const Quote &candidate) { return candidate.content.size() == 2; }));
}

void TestProjectLexicon::learnsWhatItsConnectionSees_data()
{
    QTest::addColumn<bool>("inTransaction");
    // Read beside, or on the store's connection if no other opened: the same names either way.
    QTest::newRow("committed") << false;
    // Read on the store's own connection: another one would not see the name yet.
    QTest::newRow("in an open transaction") << true;
}

// The names are read on a connection of their own, beside the rest (ReadBeside).
void TestProjectLexicon::learnsWhatItsConnectionSees()
{
    QFETCH(bool, inTransaction);
    std::optional<Store::Transaction> transaction;
    if (inTransaction)
        QVERIFY(transaction.emplace(*m_store).isOpen());
    const QString text = u"Shares in Qarvelo Tessin rose."_s;
    Entity entity { .articleId = addArticle(text), .name = u"Qarvelo Tessin"_s, .type = u"ORG"_s };
    entity.provenance.status = AnnotationStatus::Manual;
    entity.mentions.append({ .span = { 10, 24 }, .provenance = { .status = AnnotationStatus::Manual } });
    QVERIFY2(m_store->insertEntity(entity), qPrintable(m_store->errorString()));
    QCOMPARE(m_store->inTransaction(), inTransaction);

    const ProjectLexicon lexicon = projectLexicon(*m_store);
    QCOMPARE(lexicon.names().size(), 1);
    QCOMPARE(lexicon.names().first().text, u"Qarvelo Tessin"_s);
    QCOMPARE(lexicon.names().first().type, u"ORG"_s);
}

QTEST_GUILESS_MAIN(TestProjectLexicon)
#include "tst_projectlexicon.moc"
