// SPDX-License-Identifier: GPL-3.0-or-later
// Every statement a working session runs, as SQLite plans it: none reads a whole table or index
// of the corpus. The statements are not copied here; SQLite's tracing collects them while the
// session opens articles, edits, searches, extracts, exports and imports, so a query added later
// is checked too, and an index lost in a migration fails here. The statements inside triggers
// are not among them (SQLite traces the statement that fired them, and plans it without them).
#include "assignments.h"
#include "corpusgenerator.h"
#include "corpussearch.h"
#include "document.h"
#include "formats/formatregistry.h"
#include "sqliteconnection.h"
#include "store.h"
#include "suggester.h"
#include "suggestionwriter.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::StringLiterals;
using namespace Byline;

namespace {

// Collects the text of every statement a connection runs while it lives.
class StatementTrace final {
public:
    explicit StatementTrace(const Store &store)
        : m_connection(sqliteConnection(store.database()))
    {
        sqlite3_trace_v2(m_connection, SQLITE_TRACE_STMT, &record, this);
    }
    ~StatementTrace() { sqlite3_trace_v2(m_connection, 0, nullptr, nullptr); }
    StatementTrace(const StatementTrace &) = delete;
    StatementTrace &operator=(const StatementTrace &) = delete;

    QStringList statements() const { return m_statements; }

private:
    static int record(unsigned, void *self, void *statement, void *)
    {
        auto *trace = static_cast<StatementTrace *>(self);
        // Statements inside triggers are reported as comments; their plans are the triggers'.
        const QString sql = QString::fromUtf8(sqlite3_sql(static_cast<sqlite3_stmt *>(statement)));
        if (!trace->m_seen.contains(sql)) {
            trace->m_seen.insert(sql);
            trace->m_statements << sql;
        }
        return 0;
    }

    sqlite3 *m_connection;
    QSet<QString> m_seen;
    QStringList m_statements;
};

// The steps of a statement's plan, "SCAN a" and the like; empty for statements without one, and
// nothing when SQLite cannot explain it.
std::optional<QStringList> planOf(const Store &store, const QString &sql)
{
    sqlite3_stmt *statement = nullptr;
    const QByteArray explain = "EXPLAIN QUERY PLAN " + sql.toUtf8();
    if (sqlite3_prepare_v2(sqliteConnection(store.database()), explain.constData(), -1, &statement, nullptr)
        != SQLITE_OK)
        return std::nullopt;
    QStringList steps;
    while (sqlite3_step(statement) == SQLITE_ROW)
        steps << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 3)));
    sqlite3_finalize(statement);
    return steps;
}

// The tables that grow with the corpus; the others (settings, counts per status, schema) hold a
// few rows whatever its size.
const QStringList corpusTables { u"articles"_s, u"entities"_s, u"mentions"_s, u"quotes"_s, u"quote_parts"_s,
    u"figures"_s, u"article_counts_by_annotator"_s, u"assignments"_s };

// Whether a plan's name for a table (its own or the statement's alias) is a corpus table.
bool isCorpusTable(const QString &name, const QString &sql)
{
    if (corpusTables.contains(name))
        return true;
    const QRegularExpression aliased(
        u"\\b(?:%1)\\s+(?:AS\\s+)?%2\\b"_s.arg(corpusTables.join(u'|'), QRegularExpression::escape(name)));
    return aliased.match(sql).hasMatch();
}

// A step that reads a whole table or index of the corpus. Walking an index in order for a page
// (LIMIT) reads only the page; a virtual table's scan is FTS5's own index.
bool readsWholeCorpus(const QString &step, const QString &sql)
{
    static const QRegularExpression scan(u"^SCAN (\\w+)(?: USING (?:COVERING )?INDEX (\\w+))?$"_s);
    const QRegularExpressionMatch match = scan.match(step);
    if (!match.hasMatch() || !isCorpusTable(match.captured(1), sql))
        return false;
    return !(match.hasCaptured(2) && sql.contains(u" LIMIT "_s, Qt::CaseInsensitive));
}

// Statements that read the whole corpus on purpose, each with why that is fine.
struct Allowed {
    QString contains;
    QString why;
};
const QList<Allowed> allowed {
    { u"SELECT COUNT(*) FROM articles"_s,
        u"the article count walks the smallest index, once per refresh of the counts"_s },
    // Suggester::forProject() (projectLexicon()), before the first batch of an extraction: the
    // names and figures the analysts judged, the quotes they rejected, the cues they confirmed.
    { u"WITH judged AS MATERIALIZED"_s,
        u"weighing the project's confirmations and rejections, once per extraction run"_s },
    { u"WHERE q.status = 'rejected' ORDER BY q.id, p.position"_s,
        u"learning the project's rejected quotes, once per extraction run"_s },
    { u"SELECT DISTINCT"_s, u"learning the project's confirmed cues, once per extraction run"_s },
};

bool isAllowed(const QString &sql)
{
    return std::any_of(allowed.cbegin(), allowed.cend(),
        [&sql](const Allowed &entry) { return sql.contains(entry.contains, Qt::CaseInsensitive); });
}

} // namespace

class TestQueryPlans : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void noStatementReadsTheWholeCorpus();

private:
    void work(Document &document);

    QTemporaryDir m_dir;
    QStringList m_statements;
    QStringList m_plans; ///< "statement → steps", for the failure message
    QStringList m_wholeCorpus;
};

void TestQueryPlans::initTestCase()
{
    const QString path = m_dir.filePath(u"corpus.byline"_s);
    {
        StoreError error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        CorpusGenerator generator;
        QVERIFY2(generator.generate(*store, 80), qPrintable(generator.errorString()));
    }
    StoreError error;
    auto document = Document::open(path, Store::Mode::ReadWrite, &error);
    QVERIFY2(document, qPrintable(error.message));
    {
        const StatementTrace trace(document->store());
        work(*document);
        m_statements = trace.statements();
    }
    // An import into a project of its own, with what the export wrote.
    const QString imported = m_dir.filePath(u"imported.byline"_s);
    auto target = Store::open(imported, Store::Mode::ReadWrite, &error);
    QVERIFY2(target, qPrintable(error.message));
    {
        const StatementTrace trace(*target);
        const auto jsonl = FormatRegistry::create(u"jsonl");
        QVERIFY2(jsonl->read(*target, m_dir.filePath(u"export.jsonl"_s), nullptr, {}),
            qPrintable(jsonl->errorString()));
        for (const QString &statement : trace.statements()) {
            if (!m_statements.contains(statement))
                m_statements << statement;
        }
    }
    // Schema changes, transactions and settings are not queries: nothing to plan.
    static const QRegularExpression query(
        u"^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH)\\b"_s, QRegularExpression::CaseInsensitiveOption);
    for (const QString &statement : std::as_const(m_statements)) {
        if (!query.match(statement).hasMatch())
            continue;
        const std::optional<QStringList> plan = planOf(document->store(), statement);
        // A statement of the session's own that cannot be explained on its connection is
        // one this test does not check: that would hide it, so it fails.
        QVERIFY2(plan, qPrintable(u"cannot explain: "_s + statement));
        const QStringList &steps = *plan;
        m_plans << statement.simplified().left(160) + u"\n      → "_s + steps.join(u" | "_s);
        if (!isAllowed(statement) && std::any_of(steps.cbegin(), steps.cend(), [&](const QString &step) {
                return readsWholeCorpus(step, statement);
            }))
            m_wholeCorpus << m_plans.last();
    }
}

// What an analyst's session does, through the same classes the window uses.
void TestQueryPlans::work(Document &document)
{
    Store &store = document.store();
    const QList<ArticleSummary> articles = store.articleSummariesAfter(0, 40);
    QVERIFY(articles.size() == 40);
    for (const ArticleSummary &summary : articles.mid(0, 3))
        QVERIFY(document.showArticle(summary.id));

    // Editing by hand: each layer added, changed and removed.
    Entity entity;
    entity.articleId = document.currentArticle().id;
    entity.name = u"Kassym-Jomart Tokayev"_s;
    entity.type = u"PERSON"_s;
    entity.mentions << Mention { 0, 0, 0, { 0, 5 }, {} };
    QVERIFY(document.insert(entity));
    entity.name = u"Tokayev"_s;
    QVERIFY(document.update(entity));
    Quote quote;
    quote.articleId = entity.articleId;
    quote.content << Span { 10, 20 };
    quote.speakerId = entity.id;
    QVERIFY(document.insert(quote));
    quote.kind = QuoteKind::Indirect;
    QVERIFY(document.update(quote));
    Figure figure;
    figure.articleId = entity.articleId;
    figure.span = figure.number = Span { 30, 32 };
    figure.kind = u"count"_s;
    QVERIFY(document.insert(figure));
    QVERIFY(document.remove(figure));
    QVERIFY(document.remove(quote));
    QVERIFY(document.remove(entity));

    // Counting, searching.
    store.articleCount();
    store.annotationCounts();
    CorpusSearch search(store);
    for (const QString &query : { u"minister"_s, u"type:ORG police"_s, u"kind:direct said"_s,
             u"\"prime minister\""_s, u"govern*"_s }) {
        QVERIFY2(search.setQuery(query), qPrintable(search.errorString()));
        search.fetch();
        search.countMore(1000);
    }

    // An admin looks at a queue (Manage Assignments): its size, and a page of it after an article.
    Assignments assignments(store);
    assignments.progressOf(u"anna"_s);
    assignments.queuePage(u"anna"_s, articles[5].id, 200);

    // Suggestions for a batch, as the extraction job writes them.
    const Suggester suggester = Suggester::forProject(store);
    QList<Article> batch;
    QList<AnnotationSet> suggestions;
    for (const ArticleSummary &summary : articles.mid(8, 32)) {
        batch << *store.article(summary.id);
        suggestions << suggester.suggest(batch.last().text);
    }
    SuggestionWriter writer(store);
    QVERIFY2(writer.write(batch, suggestions), qPrintable(writer.errorString()));

    // The whole project out, as the export writes it.
    const auto jsonl = FormatRegistry::create(u"jsonl");
    QVERIFY2(jsonl->write(store, m_dir.filePath(u"export.jsonl"_s), {}), qPrintable(jsonl->errorString()));
}

void TestQueryPlans::noStatementReadsTheWholeCorpus()
{
    QVERIFY2(m_statements.size() > 40, qPrintable(QString::number(m_statements.size())));
    QVERIFY2(m_wholeCorpus.isEmpty(), qPrintable(u"\n"_s + m_wholeCorpus.join(u"\n"_s)));
}

QTEST_GUILESS_MAIN(TestQueryPlans)
#include "tst_queryplans.moc"
