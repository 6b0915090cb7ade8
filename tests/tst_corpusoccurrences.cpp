// SPDX-License-Identifier: GPL-3.0-or-later
// Finding the untagged places of a name, in one text and across the corpus (the full-text index,
// then exact). Runs against both backends: tst_corpusoccurrences_postgres on a server.
#include "corpusoccurrences.h"
#include "store.h"
#include "testprojects.h"

#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

Span find(const QString &text, const QString &part, int occurrence = 0)
{
    qsizetype start = -1;
    for (int i = 0; i <= occurrence; ++i)
        start = text.indexOf(part, start + 1);
    Q_ASSERT(start >= 0);
    return { start, start + part.size() };
}

QStringList textsOf(const QString &text, const QList<Span> &spans)
{
    QStringList texts;
    for (const Span &span : spans)
        texts << textOf(text, span);
    return texts;
}

} // namespace

class TestCorpusOccurrences : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testNameMatcher_data();
    void testNameMatcher();
    void testContext_data();
    void testContext();
    void initTestCase();
    void cleanup();
    void testCorpusSearch();
    void testBatchesContinue();
    void testNothingToSearch();

private:
    bool openProject();
    Article addArticle(const QString &title, const QString &text);

    Test::TestProjects m_projects;
    std::unique_ptr<Store> m_store;
};

void TestCorpusOccurrences::testNameMatcher_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<Span>>("taken");
    QTest::addColumn<QStringList>("expected");

    const QString kazakh
        = u"Kazakhstan’s president; Kazakhstani troops; pro-Kazakhstan crowds; kazakhstan."_s;
    QTest::newRow("word-edges-and-case") << QStringList { u"Kazakhstan"_s } << kazakh << QList<Span>()
                                         << QStringList { u"Kazakhstan"_s, u"Kazakhstan"_s };
    QTest::newRow("taken-left-out") << QStringList { u"Kazakhstan"_s } << kazakh
                                    << QList<Span> { find(kazakh, u"Kazakhstan’s"_s) }
                                    << QStringList { u"Kazakhstan"_s };
    const QString putin = u"Vladimir Putin met Tokayev; Putin left."_s;
    QTest::newRow("longest-first") << QStringList { u"Putin"_s, u"Vladimir Putin"_s } << putin
                                   << QList<Span>() << QStringList { u"Vladimir Putin"_s, u"Putin"_s };
    QTest::newRow("regex-characters-are-text") << QStringList { u"U.S."_s } << u"The U.S. and the UXS."_s
                                               << QList<Span>() << QStringList { u"U.S."_s };
    const QString emoji = u"😀 Almaty, 😀Almaty and Almaty😀."_s;
    QTest::newRow("emoji-around") << QStringList { u"Almaty"_s } << emoji << QList<Span>()
                                  << QStringList { u"Almaty"_s, u"Almaty"_s, u"Almaty"_s };
    QTest::newRow("accents-are-letters")
        << QStringList { u"Zürich"_s } << u"Zürich, not Zurich or Zürichsee."_s << QList<Span>()
        << QStringList { u"Zürich"_s };
    QTest::newRow("blank-names-ignored")
        << QStringList { u"  "_s, QString() } << u"Anything."_s << QList<Span>() << QStringList();
}

void TestCorpusOccurrences::testNameMatcher()
{
    QFETCH(QStringList, names);
    QFETCH(QString, text);
    QFETCH(QList<Span>, taken);
    QFETCH(QStringList, expected);
    const QList<Span> found = NameMatcher(names).find(text, taken);
    QCOMPARE(textsOf(text, found), expected);
    for (qsizetype i = 1; i < found.size(); ++i)
        QVERIFY(found[i - 1].end <= found[i].start);
}

void TestCorpusOccurrences::testContext_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("part");
    QTest::addColumn<QString>("context");

    QTest::newRow("short") << u"Troops left Almaty."_s << u"Almaty"_s << u"Troops left Almaty."_s;
    QTest::newRow("lines-joined") << u"Troops\nleft\n\nAlmaty\ttoday."_s << u"Almaty"_s
                                  << u"Troops left Almaty today."_s;
    const QString longText = u"The first words of a long article that goes on and on before it comes to "
                             "Almaty, where the story is, and then goes on for a long while after it too."_s;
    QTest::newRow("cut-at-words")
        << longText << u"Almaty"_s
        << u"…article that goes on and on before it comes to Almaty, where the story "
           "is, and then goes on for a long…"_s;
    QTest::newRow("at-start") << u"Almaty is cold."_s << u"Almaty"_s << u"Almaty is cold."_s;
}

void TestCorpusOccurrences::testContext()
{
    QFETCH(QString, text);
    QFETCH(QString, part);
    QFETCH(QString, context);
    const Occurrence occurrence = occurrenceIn(text, find(text, part));
    QCOMPARE(occurrence.context, context);
    QCOMPARE(textOf(occurrence.context, occurrence.contextMatch), part);
    QCOMPARE(occurrence.span, find(text, part));
}

void TestCorpusOccurrences::initTestCase()
{
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
}

// Only the corpus tests open a project: on a server each one is a database of its own.
bool TestCorpusOccurrences::openProject()
{
    StoreError error;
    m_store = Store::open(m_projects.newLocation(), Store::Mode::ReadWrite, &error);
    if (!m_store)
        qWarning() << error.message;
    return bool(m_store);
}

void TestCorpusOccurrences::cleanup()
{
    m_store.reset();
}

Article TestCorpusOccurrences::addArticle(const QString &title, const QString &text)
{
    Article article { .key = title.toLower(), .title = title, .text = text };
    if (!m_store->addArticle(article))
        qWarning() << m_store->errorString();
    return article;
}

void TestCorpusOccurrences::testCorpusSearch()
{
    QVERIFY(openProject());
    const Article own = addArticle(u"Own"_s, u"Kassym-Jomart Tokayev spoke. Tokayev left."_s);
    // The index finds all of these; only the exact, whole-word, case-sensitive places count.
    const Article tagged
        = addArticle(u"Tagged"_s, u"😀 Tokayev spoke; 😀 Tokayev’s aides and Kassym-Jomart Tokayev."_s);
    const Article lower = addArticle(u"Lower"_s, u"tokayev, TOKAYEV and Tokayevs."_s);
    addArticle(u"Elsewhere"_s, u"Putin spoke."_s);
    const Article quoted = addArticle(u"Quoted"_s, u"He said “Tokayev” twice: Tokayev."_s);
    Entity entity { .articleId = tagged.id, .name = u"Tokayev"_s, .type = u"PERSON"_s };
    entity.mentions = { { .articleId = tagged.id, .span = find(tagged.text, u"Tokayev"_s) } };
    QVERIFY(m_store->insertEntity(entity));

    CorpusOccurrenceSearch search(*m_store, { u"Tokayev"_s, u"Kassym-Jomart Tokayev"_s }, own.id);
    QList<Occurrence> found;
    while (!search.atEnd())
        found += search.fetch();
    QVERIFY2(search.errorString().isEmpty(), qPrintable(search.errorString()));
    QStringList where;
    for (const Occurrence &occurrence : std::as_const(found)) {
        const QString text = occurrence.articleId == tagged.id ? tagged.text : quoted.text;
        QVERIFY(occurrence.articleId != lower.id);
        QCOMPARE(textOf(occurrence.context, occurrence.contextMatch), textOf(text, occurrence.span));
        where << u"%1:%2"_s.arg(occurrence.title, textOf(text, occurrence.span));
    }
    QCOMPARE(where,
        (QStringList { u"Tagged:Tokayev"_s, u"Tagged:Kassym-Jomart Tokayev"_s, u"Quoted:Tokayev"_s,
            u"Quoted:Tokayev"_s }));
    QCOMPARE(found[0].span, find(tagged.text, u"Tokayev"_s, 1));
    // Own skipped, Elsewhere not offered by the index.
    QCOMPARE(search.articlesRead(), 3);
}

void TestCorpusOccurrences::testBatchesContinue()
{
    QVERIFY(openProject());
    QList<RecordId> ids;
    for (int i = 0; i < 7; ++i)
        ids << addArticle(u"A%1"_s.arg(i), u"Report %1 from Almaty."_s.arg(i)).id;
    CorpusOccurrenceSearch search(*m_store, { u"Almaty"_s });
    QList<RecordId> seen;
    int batches = 0;
    while (!search.atEnd()) {
        const QList<Occurrence> batch = search.fetch(3);
        QVERIFY(batch.size() <= 3);
        for (const Occurrence &occurrence : batch)
            seen << occurrence.articleId;
        ++batches;
    }
    QCOMPARE(seen, ids);
    QCOMPARE(batches, 3);
    QVERIFY(search.fetch().isEmpty());
}

void TestCorpusOccurrences::testNothingToSearch()
{
    QVERIFY(openProject());
    addArticle(u"A"_s, u"“Quotes” — and dashes."_s);
    // No word to give the index: nothing found, and no error.
    CorpusOccurrenceSearch search(*m_store, { u"—"_s, u"  "_s });
    QVERIFY(search.atEnd());
    QVERIFY(search.fetch().isEmpty());
    QVERIFY(search.errorString().isEmpty());
    // A quotation mark inside a name is text, not full-text syntax; so is an apostrophe.
    CorpusOccurrenceSearch quoted(*m_store, { u"\"Quotes"_s, u"O'Brien \\ & | !"_s });
    quoted.fetch();
    QVERIFY2(quoted.errorString().isEmpty(), qPrintable(quoted.errorString()));
}

QTEST_GUILESS_MAIN(TestCorpusOccurrences)
#include "tst_corpusoccurrences.moc"
