// SPDX-License-Identifier: GPL-3.0-or-later
// Times the corpus at scale (issue 9): builds a project of N synthetic articles with about 30
// entities, 8 quotes and 10 figures each, then opens it, sorts and filters the article list and
// searches it, and tags every untagged occurrence of a word across it ("Tag all occurrences" over
// the corpus, at most OccurrencesDialog::maxOccurrences places, and undoes that). Usage: bench_corpus
// [N=10000] [project path; a temporary one by default]
#include "articlelistmodel.h"
#include "corpusoccurrences.h"
#include "corpussearch.h"
#include "document.h"
#include "store.h"
#include "tagacrossarticlescommand.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUndoStack>

#include <cstdio>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QStringList people { u"Tokayev"_s, u"Putin"_s, u"Nazarbayev"_s, u"Lukashenko"_s, u"Pashinyan"_s,
    u"Mirziyoyev"_s, u"Rahmon"_s, u"Japarov"_s, u"Masimov"_s, u"Smailov"_s };
const QStringList orgs { u"CSTO"_s, u"Kremlin"_s, u"Interfax"_s, u"Reuters"_s, u"Senate"_s, u"Mazhilis"_s,
    u"KNB"_s, u"Kazatomprom"_s };
const QStringList places { u"Almaty"_s, u"Astana"_s, u"Moscow"_s, u"Zhanaozen"_s, u"Aktobe"_s,
    u"Shymkent"_s };
const QStringList words { u"the"_s, u"government"_s, u"protest"_s, u"fuel"_s, u"price"_s, u"police"_s,
    u"said"_s, u"on"_s, u"Thursday"_s, u"in"_s, u"city"_s, u"coup"_s, u"attempted"_s, u"troops"_s,
    u"peacekeeping"_s, u"mission"_s, u"of"_s, u"and"_s, u"a"_s, u"state"_s, u"emergency"_s, u"internet"_s,
    u"airport"_s, u"bank"_s, u"reform"_s, u"minister"_s, u"resigned"_s, u"crowd"_s, u"square"_s,
    u"statement"_s, u"officials"_s, u"reported"_s, u"arrested"_s, u"gas"_s, u"oil"_s, u"export"_s };
const QStringList sources { u"Wire"_s, u"Gazette"_s, u"Herald"_s, u"Tribune"_s, u"Observer"_s };

QRandomGenerator random(20260106);

QString pick(const QStringList &list)
{
    return list[random.bounded(int(list.size()))];
}

struct Piece {
    Span span;
    int what; // 0 person, 1 org, 2 place, 3 figure, 4 quote
};

// A text of 250..900 words with names, numbers and quotes at known places.
QString makeText(QList<Piece> &pieces)
{
    QString text;
    const int length = 250 + random.bounded(650);
    for (int i = 0; i < length; ++i) {
        if (!text.isEmpty())
            text += (i % 17 == 0) ? u". "_s : u" "_s;
        const int dice = random.bounded(100);
        const qsizetype start = text.size();
        if (dice < 6) {
            text += pick(people);
            pieces.append({ { start, text.size() }, 0 });
        } else if (dice < 10) {
            text += pick(orgs);
            pieces.append({ { start, text.size() }, 1 });
        } else if (dice < 12) {
            text += pick(places);
            pieces.append({ { start, text.size() }, 2 });
        } else if (dice < 14) {
            text += u"%1 troops"_s.arg(random.bounded(1, 10000));
            pieces.append({ { start, text.size() }, 3 });
        } else if (dice < 15) {
            text += u"“We will "_s + pick(words) + u" the "_s + pick(words) + u",”"_s;
            pieces.append({ { start, text.size() }, 4 });
        } else {
            text += pick(words);
        }
    }
    return text + u"."_s;
}

void build(Store &store, int count)
{
    QSqlQuery(store.database()).exec(u"PRAGMA synchronous = OFF"_s);
    constexpr int batch = 500;
    for (int first = 0; first < count; first += batch) {
        Store::Transaction transaction(store);
        for (int n = first; n < std::min(count, first + batch); ++n) {
            QList<Piece> pieces;
            Article article { 0, u"a%1"_s.arg(n), u"%1 %2 %3"_s.arg(pick(places), pick(words), pick(words)),
                pick(sources),
                u"20%1-%2-%3"_s.arg(21 + n % 5)
                    .arg(n % 12 + 1, 2, 10, QChar(u'0'))
                    .arg(n % 28 + 1, 2, 10, QChar(u'0')),
                {}, ArticleStatus(random.bounded(3)), makeText(pieces) };
            if (!store.addArticle(article))
                qFatal("%s", qPrintable(store.errorString()));
            int entities = 0, quotes = 0, figures = 0;
            RecordId speaker = 0;
            for (const Piece &piece : std::as_const(pieces)) {
                if (piece.what <= 2 && entities < 30) {
                    Entity entity { 0, article.id, textOf(article.text, piece.span),
                        piece.what == 0       ? u"PERSON"_s
                            : piece.what == 1 ? u"ORG"_s
                                              : u"GPE"_s,
                        {}, {} };
                    entity.provenance.status
                        = random.bounded(2) ? AnnotationStatus::Auto : AnnotationStatus::Accepted;
                    entity.mentions << Mention { 0, 0, 0, piece.span, {} };
                    store.insertEntity(entity);
                    if (piece.what == 0)
                        speaker = entity.id;
                    ++entities;
                } else if (piece.what == 3 && figures < 10) {
                    Figure figure;
                    figure.articleId = article.id;
                    figure.kind = u"count"_s;
                    figure.span = piece.span;
                    figure.number = { piece.span.start, article.text.indexOf(u' ', piece.span.start) };
                    store.insertFigure(figure);
                    ++figures;
                } else if (piece.what == 4 && quotes < 8) {
                    Quote quote;
                    quote.articleId = article.id;
                    quote.kind = QuoteKind(random.bounded(3));
                    quote.content << piece.span;
                    quote.speakerId = speaker;
                    store.insertQuote(quote);
                    ++quotes;
                }
            }
        }
        transaction.commit();
    }
}

template<typename Function> double median(Function function, int runs = 5)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        function();
        times << timer.nsecsElapsed() / 1e6;
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void report(const char *what, double milliseconds, qsizetype items = -1)
{
    if (items >= 0)
        std::printf("| %-48s | %9.2f ms | %7lld |\n", what, milliseconds, static_cast<long long>(items));
    else
        std::printf("| %-48s | %9.2f ms |         |\n", what, milliseconds);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int count = arguments.size() > 1 ? arguments[1].toInt() : 10000;
    QTemporaryDir dir;
    const QString path = arguments.size() > 2 ? arguments[2] : dir.filePath(u"bench.byline"_s);

    std::printf("bench_corpus: %d articles in %s\n\n", count, qPrintable(path));
    std::printf("| %-48s | %12s | %7s |\n|---|---:|---:|\n", "step", "time", "rows");
    if (!QFile::exists(path)) {
        QElapsedTimer timer;
        timer.start();
        StoreError error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        if (!store)
            qFatal("%s", qPrintable(error.message));
        build(*store, count);
        report("build (store API, triggers on)", timer.nsecsElapsed() / 1e6, store->articleCount());
    }

    QElapsedTimer timer;
    timer.start();
    StoreError error;
    std::unique_ptr<Document> document = Document::open(path, Store::Mode::ReadWrite, &error);
    if (!document)
        qFatal("%s", qPrintable(error.message));
    ArticleListModel model(document.get());
    model.fetchMore(QModelIndex());
    report("open + first page of the article list", timer.nsecsElapsed() / 1e6, model.rowCount());
    Store &store = document->store();
    const int total = store.articleCount();

    const std::pair<const char *, ArticleSortColumn> columns[] = {
        { "title", ArticleSortColumn::Title },
        { "status", ArticleSortColumn::Status },
        { "source", ArticleSortColumn::Source },
        { "published", ArticleSortColumn::Published },
        { "key", ArticleSortColumn::Key },
        { "entities", ArticleSortColumn::Entities },
        { "quotes", ArticleSortColumn::Quotes },
        { "figures", ArticleSortColumn::Figures },
    };
    for (const auto &[name, column] : columns) {
        for (const Qt::SortOrder order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            qsizetype rows = 0;
            const double first = median([&] {
                rows = store.articleSummaries(0, ArticleListModel::pageSize, { column, order }, {}).size();
            });
            const QByteArray label = "sort by " + QByteArray(name)
                + (order == Qt::AscendingOrder ? " asc" : " desc") + ", first page";
            report(label.constData(), first, rows);
        }
        const double last = median([&] {
            store.articleSummaries(std::max(0, total - ArticleListModel::pageSize),
                ArticleListModel::pageSize, { column, Qt::AscendingOrder }, {});
        });
        report(QByteArray("sort by " + QByteArray(name) + ", last page").constData(), last);
    }
    // The model's path: sort() re-counts and reads the first page.
    report("model sort by title (count + first page)", median([&] {
        model.sort(ArticleListModel::Title,
            model.sortOrder().order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder);
    }),
        model.rowCount());

    ArticleFilter status;
    status.status = ArticleStatus::Done;
    ArticleFilter text;
    text.text = u"Almaty reform"_s;
    ArticleFilter source;
    source.text = u"Gazette"_s;
    ArticleFilter letter;
    letter.text = u"a"_s;
    ArticleFilter dates;
    dates.publishedFrom = u"2023-03-01"_s;
    dates.publishedTo = u"2023-03-10"_s;
    ArticleFilter counts;
    counts.minQuotes = 5;
    const std::tuple<const char *, ArticleFilter, ArticleSortColumn> filters[] = {
        { "filter status=done, by title", status, ArticleSortColumn::Title },
        { "filter text, by published", text, ArticleSortColumn::Published },
        { "filter text (a fifth), by title", source, ArticleSortColumn::Title },
        { "filter text (one letter, almost all), by title", letter, ArticleSortColumn::Title },
        { "filter 10 days, by title", dates, ArticleSortColumn::Title },
        { "filter 10 days, by published", dates, ArticleSortColumn::Published },
        { "filter quotes>=5, by entities", counts, ArticleSortColumn::Entities },
    };
    for (const auto &[name, filter, column] : filters) {
        qsizetype rows = 0;
        const double page = median([&] {
            rows
                = store
                      .articleSummaries(0, ArticleListModel::pageSize, { column, Qt::AscendingOrder }, filter)
                      .size();
        });
        report(QByteArray(QByteArray(name) + ", first page").constData(), page, rows);
        int matching = 0;
        const double counted = median([&] { matching = store.articleCount(filter); });
        report(QByteArray(QByteArray(name) + ", count").constData(), counted, matching);
    }

    const QStringList queries { u"coup"_s, u"Zhanaozen"_s, u"\"attempted coup\""_s, u"the"_s, u"Tokay*"_s,
        u"speaker:Tokayev troops"_s, u"type:ORG CSTO"_s, u"kind:direct"_s, u"status:auto Putin"_s,
        u"status:done coup"_s };
    CorpusSearch search(store);
    for (const QString &query : queries) {
        qsizetype rows = 0;
        const double first = median([&] {
            search.setQuery(query);
            rows = search.fetch().size();
        });
        report(qPrintable(u"search %1, first page"_s.arg(query)), first, rows);
    }
    for (const QString &query : { u"coup"_s, u"speaker:Tokayev"_s }) {
        qsizetype hits = 0;
        QElapsedTimer all;
        all.start();
        search.run(query, 500, [&](const QList<SearchHit> &batch) {
            hits += batch.size();
            return true;
        });
        report(qPrintable(u"search %1, every hit"_s.arg(query)), all.nsecsElapsed() / 1e6, hits);
    }

    // "Tag all occurrences" of a word no article has tagged: "government" as an ORG in the first
    // article, then its places in the others, as the dialog collects them, and the one undo step.
    constexpr int maxOccurrences = 1000; // OccurrencesDialog::maxOccurrences
    const RecordId first = store.articleSummariesAfter(0, 1).value(0).id;
    document->showArticle(first);
    const QString name = u"government"_s;
    Entity entity { .articleId = first, .name = name, .type = u"ORG"_s };
    const qsizetype at = document->currentArticle().text.indexOf(name);
    if (at >= 0) {
        entity.mentions = { { .articleId = first, .span = { at, at + name.size() } } };
        store.insertEntity(entity);
        document->reloadAnnotations();
        QElapsedTimer batch;
        batch.start();
        CorpusOccurrenceSearch occurrences(store, { name }, first);
        QList<Occurrence> found = occurrences.fetch();
        report("occurrences of a word, first batch of articles", batch.nsecsElapsed() / 1e6, found.size());
        while (!occurrences.atEnd() && found.size() < maxOccurrences)
            found += occurrences.fetch();
        found = found.mid(0, maxOccurrences);
        // From the start: what the analyst waits for until the dialog has all it will show.
        report("occurrences of a word, up to the dialog's limit", batch.nsecsElapsed() / 1e6, found.size());
        QHash<RecordId, QList<Span>> spans;
        for (const Occurrence &occurrence : std::as_const(found))
            spans[occurrence.articleId].append(occurrence.span);
        QElapsedTimer tag;
        tag.start();
        auto *command
            = new TagAcrossArticlesCommand(document.get(), *document->entity(entity.id), spans, name);
        report("tag them: plan (entities to join per article)", tag.nsecsElapsed() / 1e6, spans.size());
        tag.restart();
        document->undoStack()->push(command);
        report("tag them: one undo step (redo)", tag.nsecsElapsed() / 1e6, found.size());
        tag.restart();
        document->undoStack()->undo();
        report("tag them: undo", tag.nsecsElapsed() / 1e6, found.size());
    }
    // The whole search without the dialog's limit, as when few of the articles FTS5 offers still have
    // a place to show: its cost per article read (the dialog stays responsive, in slices, meanwhile).
    qsizetype places = 0;
    QElapsedTimer everywhere;
    everywhere.start();
    CorpusOccurrenceSearch unlimited(store, { people.first() }, first);
    while (!unlimited.atEnd())
        places += unlimited.fetch().size();
    report(qPrintable(u"occurrences of a name, no limit: %1 articles read"_s.arg(unlimited.articlesRead())),
        everywhere.nsecsElapsed() / 1e6, places);
    return 0;
}
