// SPDX-License-Identifier: GPL-3.0-or-later
// The article list of a team project at scale in blind mode (issue 8): on a PostgreSQL server on
// loopback, N articles annotated by two annotators, the curated layer and the extractor; the time
// an annotator in blind mode (their own counts, schema step 11) and a curator (the totals on the
// article rows) take for the list's first page, its sorts and the corpus counts. Each figure is
// the median of a few runs.
// Usage: bench_blindcounts [--articles N=100000]
#include "articlelistmodel.h"
#include "document.h"
#include "postgresserver.h"
#include "store.h"
#include "teamroles.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

constexpr int runs = 5;

double medianMilliseconds(const std::function<void()> &step)
{
    QList<double> times;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        step();
        times << double(timer.nsecsElapsed()) / 1e6;
    }
    std::sort(times.begin(), times.end());
    return times[runs / 2];
}

bool execute(Store &store, const QString &sql)
{
    QSqlQuery query(store.database());
    if (query.exec(sql))
        return true;
    std::fprintf(stderr, "%s\n%s\n", qPrintable(sql.left(200)), qPrintable(query.lastError().text()));
    return false;
}

// Articles of some 1,500 characters; entities by anna (even ids) or ben (odd ids), 0 to 3 each,
// a figure by anna in every seventh, a suggestion in every tenth, a curated entity in every
// twentieth. Written in SQL on the server: the triggers keep every count as the app's writes do.
bool makeCorpus(Store &owner, int articles)
{
    const QStringList statements {
        u"INSERT INTO articles (key, title, source, published, imported_at, status, text, text_hash)"
        " SELECT 'article-' || i, 'Title ' || md5(i::text), 'source ' || (i % 50),"
        " '2026-' || lpad((1 + i % 12)::text, 2, '0') || '-' || lpad((1 + i % 28)::text, 2, '0'),"
        " '2026-11-27T00:00:00Z', 'todo', repeat('Officials said prices rose ' || i || ' percent. ', 40),"
        " md5(i::text) FROM generate_series(1, %1) i"_s.arg(articles),
        u"INSERT INTO entities (article_id, name, type, status, annotator, created_at, modified_at)"
        " SELECT a.id, 'Officials', 'ORG', 'manual', CASE WHEN a.id % 2 = 0 THEN 'anna' ELSE 'ben' END,"
        " '2026-11-27', '2026-11-27' FROM articles a, generate_series(1, 3) g WHERE g <= a.id % 4"_s,
        u"INSERT INTO figures (article_id, kind, span_start, span_end, number_start, number_end, "
        u"value_number,"
        " status, annotator, created_at, modified_at) SELECT id, 'percent', 27, 29, 27, 28, 1, 'manual', "
        "'anna',"
        " '2026-11-27', '2026-11-27' FROM articles WHERE id % 7 = 0"_s,
        u"INSERT INTO entities (article_id, name, type, status, annotator, created_at, modified_at)"
        " SELECT id, 'Officials', 'ORG', 'auto', '', '2026-11-27', '2026-11-27' FROM articles"
        " WHERE id % 10 = 0"_s,
        u"INSERT INTO entities (article_id, name, type, status, annotator, created_at, modified_at)"
        " SELECT id, 'Officials', 'ORG', 'manual', 'curator', '2026-11-27', '2026-11-27' FROM articles"
        " WHERE id % 20 = 0"_s,
        // As a server that has been running: hint bits set and statistics read, not the first reader after a
        // load.
        u"VACUUM ANALYZE"_s,
    };
    for (const QString &statement : statements) {
        if (!execute(owner, statement))
            return false;
    }
    return true;
}

void measure(const QString &url, const QString &who)
{
    StoreError error;
    auto document = Document::open(url, Store::Mode::ReadWrite, &error);
    if (!document) {
        std::fprintf(stderr, "cannot open as %s: %s\n", qPrintable(who), qPrintable(error.message));
        return;
    }
    std::printf("%s (counts %s)\n", qPrintable(who), document->store().countsOwnOnly() ? "own" : "totals");
    std::unique_ptr<ArticleListModel> model;
    const double first
        = medianMilliseconds([&] { model = std::make_unique<ArticleListModel>(document.get()); });
    std::printf("  %-34s %8.1f ms\n", "first page (id order)", first);
    const std::pair<const char *, std::pair<int, Qt::SortOrder>> sorts[] = {
        { "sort by title", { ArticleListModel::Title, Qt::AscendingOrder } },
        { "sort by entities, most first", { ArticleListModel::Entities, Qt::DescendingOrder } },
        { "sort by figures, fewest first", { ArticleListModel::Figures, Qt::AscendingOrder } },
    };
    for (const auto &[name, sort] : sorts) {
        const double time = medianMilliseconds([&, column = sort.first, order = sort.second] {
            model->sort(-1);
            model->sort(column, order);
        });
        const double next = medianMilliseconds([&] { model->fetchMore(QModelIndex()); });
        std::printf("  %-34s %8.1f ms (next page %.1f ms)\n", name, time, next);
    }
    ArticleFilter filter;
    filter.minEntities = 2;
    const double filtered = medianMilliseconds([&] {
        model->setFilter({});
        model->setFilter(filter);
    });
    std::printf(
        "  %-34s %8.1f ms (%d rows)\n", "filter entities >= 2, id order", filtered, model->rowCount());
    AnnotationCounts counts;
    const double corpus = medianMilliseconds([&] { counts = document->store().annotationCounts(); });
    std::printf("  %-34s %8.1f ms (%d figures)\n", "corpus counts", corpus, counts.count(Layer::Figures));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ u"articles"_s, u"Articles in the project."_s, u"N"_s, u"100000"_s });
    parser.addHelpOption();
    parser.process(app);
    const int articles = std::max(100, parser.value(u"articles"_s).toInt());

    if (const QString why = Test::PostgresServer::unavailableReason(); !why.isEmpty()) {
        std::printf("skipped: %s\n", qPrintable(why));
        return 0;
    }
    Test::PostgresServer server;
    if (!server.start()) {
        std::fprintf(stderr, "the server did not start: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QString database = u"blind"_s;
    const QString url = server.createDatabase(database);
    {
        StoreError error;
        auto owner = Store::open(url, Store::Mode::ReadWrite, &error);
        if (!owner) {
            std::fprintf(stderr, "cannot create the project: %s\n", qPrintable(error.message));
            return 1;
        }
        TeamRoles roles(*owner);
        for (const TeamMember &member : { TeamMember { u"anna"_s, TeamRole::Annotator, u"Anna"_s },
                 TeamMember { u"ben"_s, TeamRole::Annotator, u"Ben"_s },
                 TeamMember { u"cora"_s, TeamRole::Curator, u"Cora"_s } }) {
            if (!roles.addMember(member, u"secret"_s)) {
                std::fprintf(
                    stderr, "cannot add %s: %s\n", qPrintable(member.name), qPrintable(roles.errorString()));
                return 1;
            }
        }
        QElapsedTimer timer;
        timer.start();
        if (!makeCorpus(*owner, articles))
            return 1;
        std::printf("%d articles written in %.1f s\n", articles, double(timer.elapsed()) / 1000.0);
    }
    measure(server.url(database, u"anna"_s), u"annotator anna, blind"_s);
    measure(server.url(database, u"cora"_s), u"curator cora"_s);
    return 0;
}
