// SPDX-License-Identifier: GPL-3.0-or-later
// The benchmarks at scale (issue 9), as one table: every figure at N = 1,000, 10,000 and 100,000
// articles, so that the growth shows. Corpora are made once (byline bench corpus's generator)
// into build/bench-cache and reused. Each group of figures runs in a child process of its own,
// so that the memory one group reports is not what another left behind.
//
//   QT_QPA_PLATFORM=offscreen build/bin/bench_scale [--sizes 1000,10000,100000] [--cache DIR]
#include "articlefixtures.h"
#include "articlelistmodel.h"
#include "articlelistpanel.h"
#include "articleview.h"
#include "corpusgenerator.h"
#include "corpussearch.h"
#include "document.h"
#include "extractionjob.h"
#include "formats/formatregistry.h"
#include "mainwindow.h"
#include "projectlexiconbuilder.h"
#include "residentmemory.h"
#include "searchbacklog.h"
#include "searchresultmodel.h"
#include "store.h"
#include "suggester.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHelpEvent>
#include <QProcess>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

#include <cstdio>
#include <ctime>
#include <map>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

// A child reports each figure on a line of its own: the marker, the figure's name, its value.
constexpr auto marker = "@figure\t";

void report(const QString &name, const QString &value)
{
    std::printf("%s%s\t%s\n", marker, qPrintable(name), qPrintable(value));
    std::fflush(stdout);
}

void report(const QString &name, double value, int decimals = 1)
{
    report(name, QString::number(value, 'f', decimals));
}

double milliseconds(const QElapsedTimer &timer)
{
    return timer.nsecsElapsed() / 1e6;
}

template<typename Function> double medianMs(Function function, int runs = 5)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        function();
        times << milliseconds(timer);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

std::unique_ptr<Store> openStore(const QString &path, Store::Mode mode)
{
    StoreError error;
    auto store = Store::open(path, mode, &error);
    if (!store)
        qFatal("%s: %s", qPrintable(path), qPrintable(error.message));
    return store;
}

void settle()
{
    QCoreApplication::processEvents();
}

// The app as the analyst meets it: the main window opens the project and shows its first article;
// then the list is sorted and filtered, articles switched, and the whole list scrolled through.
void measureApp(const QString &project)
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        qFatal("no window");
    QElapsedTimer timer;
    timer.start();
    if (!window.openProject(project))
        qFatal("cannot open %s", qPrintable(project));
    window.articleView()->viewport()->repaint();
    report(u"open project + show first article (ms)"_s, milliseconds(timer));

    Store &store = window.document()->store();
    const int count = store.articleCount();
    QRandomGenerator random(9);
    QList<double> switches;
    for (int i = 0; i < 40; ++i) {
        const RecordId id = 1 + random.bounded(count);
        timer.restart();
        window.showArticle(id);
        window.articleView()->viewport()->repaint();
        switches << milliseconds(timer);
    }
    std::sort(switches.begin(), switches.end());
    report(u"switch article, median / slowest (ms)"_s,
        u"%1 / %2"_s.arg(switches[switches.size() / 2], 0, 'f', 1).arg(switches.last(), 0, 'f', 1));

    auto *model = window.findChild<ArticleListModel *>();
    QTableView *view = window.articleList()->view();
    const std::pair<const char *, int> columns[]
        = { { "title", ArticleListModel::Title }, { "status", ArticleListModel::Status },
              { "source", ArticleListModel::Source }, { "published", ArticleListModel::Published },
              { "key", ArticleListModel::Key }, { "entities", ArticleListModel::Entities },
              { "quotes", ArticleListModel::Quotes }, { "figures", ArticleListModel::Figures } };
    double slowestSort = 0;
    QString slowestColumn;
    for (const auto &[name, column] : columns) {
        for (const Qt::SortOrder order : { Qt::DescendingOrder, Qt::AscendingOrder }) {
            const double time = medianMs(
                [&] {
                    model->sort(column, order);
                    view->viewport()->repaint();
                },
                3);
            if (time > slowestSort) {
                slowestSort = time;
                slowestColumn = QString::fromLatin1(name);
            }
        }
    }
    report(u"article list: sort, slowest of 8 columns × 2 orders (ms)"_s,
        u"%1 (%2)"_s.arg(slowestSort, 0, 'f', 1).arg(slowestColumn));

    ArticleFilter status;
    status.status = ArticleStatus::Done;
    ArticleFilter text;
    text.text = u"minister"_s;
    ArticleFilter dates;
    dates.publishedFrom = u"2023-03-01"_s;
    dates.publishedTo = u"2023-03-10"_s;
    ArticleFilter quotes;
    quotes.minQuotes = 5;
    const std::tuple<QString, ArticleFilter, int> filters[] = {
        { u"status = done, by title"_s, status, ArticleListModel::Title },
        { u"text “minister”, by published"_s, text, ArticleListModel::Published },
        { u"10 days, by title"_s, dates, ArticleListModel::Title },
        { u"quotes ≥ 5, by entities"_s, quotes, ArticleListModel::Entities },
    };
    for (const auto &[name, filter, column] : filters) {
        model->sort(column, Qt::AscendingOrder);
        report(u"article list: filter %1 (ms)"_s.arg(name),
            medianMs(
                [&] {
                    model->setFilter(filter);
                    view->viewport()->repaint();
                    model->setFilter({});
                },
                3)
                / 2);
    }

    // Scrolling to the end fetches every page: what stays resident is what the list keeps.
    model->sort(ArticleListModel::Title, Qt::AscendingOrder);
    timer.restart();
    while (model->canFetchMore(QModelIndex())) {
        view->scrollToBottom();
        view->viewport()->repaint();
        settle();
    }
    report(u"scroll the whole article list (s)"_s, milliseconds(timer) / 1000, 2);
    const auto [rss, peak] = residentMemory();
    report(u"resident memory after scrolling the list, now / peak (MB)"_s,
        u"%1 / %2"_s.arg(rss, 0, 'f', 0).arg(peak, 0, 'f', 0));
}

void measureSearch(const QString &project)
{
    const auto store = openStore(project, Store::Mode::ReadOnly);
    CorpusSearch search(*store);
    const QStringList queries { u"minister"_s, u"\"interest rate\""_s, u"govern*"_s, u"the"_s,
        u"type:ORG police"_s, u"kind:direct said"_s };
    double slowest = 0;
    for (const QString &query : queries) {
        const double time = medianMs([&] {
            if (!search.setQuery(query))
                qFatal("query %s: %s", qPrintable(query), qPrintable(search.errorString()));
            search.fetch();
        });
        slowest = std::max(slowest, time);
        report(u"search %1: first %2 hits (ms)"_s.arg(query).arg(CorpusSearch::pageSize), time);
    }
    qsizetype hits = 0;
    QElapsedTimer timer;
    timer.start();
    search.run(u"minister"_s, 500, [&](const QList<SearchHit> &batch) {
        hits += batch.size();
        return true;
    });
    report(u"search minister: every hit, streamed (ms / hits)"_s,
        u"%1 / %2"_s.arg(milliseconds(timer), 0, 'f', 0).arg(hits));

    // As the search panel runs it: on the model's worker thread, the first batch, then the count
    // and every hit, a batch per fetchMore(), as a view scrolling to the end would ask. The name
    // is the surname of the corpus's first person.
    QSqlQuery person(store->database());
    person.exec(u"SELECT name FROM entities WHERE type = 'PERSON' ORDER BY id LIMIT 1"_s);
    const QString name = person.next() ? person.value(0).toString().section(u' ', -1) : u"minister"_s;
    SearchResultModel model(*store);
    QSignalSpy batches(&model, &SearchResultModel::batchArrived);
    QSignalSpy counted(&model, &SearchResultModel::hitCountChanged);
    const auto wait = [](QSignalSpy &spy) {
        if (!spy.wait(600000))
            qFatal("the search model did not answer");
    };
    model.setQuery(u"minister"_s); // opens the worker's connection
    wait(batches);
    for (const auto &[kind, query] : { std::pair(u"a name"_s, name),
             std::pair(u"a phrase"_s, u"\"prime minister\""_s), std::pair(u"a prefix"_s, u"govern*"_s) }) {
        batches.clear();
        counted.clear();
        timer.restart();
        model.setQuery(query);
        wait(batches);
        const double firstBatch = milliseconds(timer);
        while (model.hitCount() < 0)
            wait(counted);
        const double count = milliseconds(timer);
        while (model.canFetchMore(QModelIndex())) {
            model.fetchMore(QModelIndex());
            wait(batches);
        }
        report(u"search on the worker, %1: first batch / count / every hit (ms), hits"_s.arg(kind),
            u"%1 / %2 / %3, %4"_s.arg(firstBatch, 0, 'f', 1)
                .arg(count, 0, 'f', 0)
                .arg(milliseconds(timer), 0, 'f', 0)
                .arg(model.rowCount()));
    }
}

void measureInfo(const QString &project, const QString &byline)
{
    report(u"byline info (ms, whole process)"_s,
        medianMs(
            [&] {
                QProcess process;
                process.start(byline, { u"info"_s, project });
                if (!process.waitForFinished(60000) || process.exitCode() != 0)
                    qFatal("byline info failed: %s", process.readAllStandardError().constData());
            },
            3));
}

// What a run of the job reads before its first batch: the names, cues and rejections the analysts
// confirmed across the corpus, and the speakers' descriptions. Best of three, in processor time
// too, which other processes on the machine disturb less than the time that passes.
void measureLexicon(const QString &project)
{
    const auto store = openStore(project, Store::Mode::ReadOnly);
    const auto best = [](const std::function<void()> &work) {
        double wall = std::numeric_limits<double>::max();
        double processor = std::numeric_limits<double>::max();
        for (int run = 0; run < 3; ++run) {
            QElapsedTimer timer;
            timer.start();
            const std::clock_t started = std::clock();
            work();
            processor = std::min(processor, 1000.0 * double(std::clock() - started) / CLOCKS_PER_SEC);
            wall = std::min(wall, milliseconds(timer));
        }
        return u"%1 / %2"_s.arg(wall, 0, 'f', 0).arg(processor, 0, 'f', 0);
    };
    report(u"project lexicon read (ms, processor ms)"_s, best([&] { projectLexicon(*store); }));
    report(u"suggester taught by the project, lexicon included (ms, processor ms)"_s,
        best([&] { Suggester::forProject(*store); }));
}

// Throughput of the whole-corpus job against the extractors alone, one article after another on
// one thread (the best of three passes over the first 1,000 articles). Over a copy, since the job
// writes into the project; over the whole corpus, as issue 9 asks (a first run at 100,000
// articles takes about a minute).
void measureExtraction(const QString &project, const QString &work)
{
    constexpr int sample = 1000;
    QFile::remove(work);
    if (!QFile::copy(project, work))
        qFatal("cannot copy %s", qPrintable(project));
    const auto store = openStore(work, Store::Mode::ReadWrite);
    QElapsedTimer timer;
    double single = 0;
    {
        // Gone before the job starts, whose memory is measured: the job learns the project anew.
        const Suggester suggester = Suggester::forProject(*store);
        const QList<ArticleSummary> articles = store->articleSummariesAfter(0, sample);
        // The best of three passes: one takes under half a second, and a pass that met a cold
        // file or a busy moment made the reference a fifth lower.
        for (int pass = 0; pass < 3; ++pass) {
            timer.start();
            for (const ArticleSummary &summary : articles)
                suggester.suggest(store->article(summary.id)->text);
            single = std::max(single, double(articles.size()) / (milliseconds(timer) / 1000));
        }
    }
    report(u"extraction, one article after another (articles/s)"_s, single, 0);

    // The job learns the project's names before its first batch, once per run whatever its length
    // (a pass over the corpus's confirmed annotations); its rate after that is what a run over the
    // whole corpus keeps up.
    const auto runJob = [&](const QString &run) {
        ExtractionJob job(*store);
        int done = 0;
        int firstBatch = 0;
        double firstBatchMs = 0;
        QObject::connect(&job, &ExtractionJob::progressed, &job, [&](int progress) {
            if (firstBatch == 0) {
                firstBatch = progress;
                firstBatchMs = milliseconds(timer);
            }
            done = progress;
        });
        bool finished = false;
        QObject::connect(&job, &ExtractionJob::finished, &job, [&] { finished = true; });
        QObject::connect(&job, &ExtractionJob::failed, &job,
            [](const QString &message) { qFatal("%s", qPrintable(message)); });
        const std::clock_t started = std::clock();
        timer.restart();
        job.start();
        while (!finished)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        const double totalMs = milliseconds(timer);
        const double processorMs = 1000.0 * double(std::clock() - started) / CLOCKS_PER_SEC;
        const double corpus = done / (totalMs / 1000);
        report(u"byline extract over the corpus%1 (articles/s, % of one after another)"_s.arg(run),
            u"%1 (%2 %)"_s.arg(corpus, 0, 'f', 0).arg(100 * corpus / single, 0, 'f', 0));
        report(u"byline extract%1: first batch written (ms)"_s.arg(run), firstBatchMs, 0);
        // The run's work against what two cores could do in its time: the gap is waiting.
        report(u"byline extract%1: processor time (s, cores busy)"_s.arg(run),
            u"%1 (%2)"_s.arg(processorMs / 1000, 0, 'f', 1).arg(processorMs / totalMs, 0, 'f', 2));
        const double afterFirst = (done - firstBatch) / ((totalMs - firstBatchMs) / 1000);
        report(u"byline extract%1 after its first batch (articles/s, % of one after another)"_s.arg(run),
            u"%1 (%2 %)"_s.arg(afterFirst, 0, 'f', 0).arg(100 * afterFirst / single, 0, 'f', 0));
    };
    runJob(QString());
    // The same articles again, as a re-run after the extractors changed little: most suggestions
    // come out as the first run left them.
    if (!store->setExtractionResumePoint(std::nullopt))
        qFatal("%s", qPrintable(store->errorString()));
    runJob(u", second run"_s);
    const auto [rss, peak] = residentMemory();
    report(u"byline extract: resident memory now / peak (MB)"_s,
        u"%1 / %2"_s.arg(rss, 0, 'f', 0).arg(peak, 0, 'f', 0));
    QFile::remove(work);
    QFile::remove(work + u"-wal"_s);
    QFile::remove(work + u"-shm"_s);
}

void measureJsonl(const QString &project, const QString &work)
{
    const QString file = work + u".jsonl"_s;
    {
        const auto store = openStore(project, Store::Mode::ReadOnly);
        const auto format = FormatRegistry::create(u"jsonl");
        QElapsedTimer timer;
        timer.start();
        if (!format->write(*store, file, {}))
            qFatal("export failed: %s", qPrintable(format->errorString()));
        const double seconds = milliseconds(timer) / 1000;
        const double megabytes = QFileInfo(file).size() / 1e6;
        report(u"JSONL export (MB/s, MB)"_s,
            u"%1 (%2 MB)"_s.arg(megabytes / seconds, 0, 'f', 1).arg(megabytes, 0, 'f', 0));
        report(u"JSONL export: peak resident memory (MB)"_s, residentMemory().second, 0);
    }
    QFile::remove(work);
    {
        const auto store = openStore(work, Store::Mode::ReadWrite);
        const auto format = FormatRegistry::create(u"jsonl");
        FormatReadReport readReport;
        // As the window and byline import read: the rows committed, then indexed for search.
        store->setSearchIndexing(Store::SearchIndexing::Deferred);
#ifdef Q_OS_UNIX
        // The export's gigabyte may still be being written out: the import is measured without
        // sharing the disk with it.
        ::sync();
#endif
        QElapsedTimer timer;
        timer.start();
        if (!format->read(*store, file, &readReport, {}))
            qFatal("import failed: %s", qPrintable(format->errorString()));
        const double seconds = milliseconds(timer) / 1000;
        const double fileMegabytes = QFileInfo(file).size() / 1e6;
        report(u"JSONL import: rows committed, search index deferred (MB/s)"_s, fileMegabytes / seconds);
        timer.restart();
        SearchBacklog backlog(*store);
        if (!backlog.catchUp())
            qFatal("indexing failed: %s", qPrintable(backlog.errorString()));
        const double indexed = milliseconds(timer) / 1000;
        report(u"JSONL import: then indexed for search (s; MB/s of the file, both together)"_s,
            u"%1 (%2 MB/s)"_s.arg(indexed, 0, 'f', 1).arg(fileMegabytes / (seconds + indexed), 0, 'f', 1));
        report(u"JSONL import: peak resident memory (MB)"_s, residentMemory().second, 0);
        // What any import that leaves the project searchable must spend at least: FTS5 building
        // the three search indexes from rows already stored, nothing else.
        QSqlQuery query(store->database());
        timer.restart();
        // With the larger in-memory segments the import's catch-up uses.
        for (const char *index : { "article_search", "article_filter", "annotation_search" }) {
            const QString name = QLatin1StringView(index);
            if (!query.exec(u"INSERT INTO %1 (%1, rank) VALUES ('hashsize', 16777216)"_s.arg(name))
                || !query.exec(u"INSERT INTO %1 (%1) VALUES ('rebuild')"_s.arg(name)))
                qFatal("rebuilding %s failed", index);
        }
        const double indexing = milliseconds(timer) / 1000;
        report(u"JSONL import: search indexes alone, rebuilt (s, MB/s of the file)"_s,
            u"%1 (%2 MB/s)"_s.arg(indexing, 0, 'f', 1)
                .arg(QFileInfo(file).size() / 1e6 / indexing, 0, 'f', 1));
    }
    for (const QString &path : QStringList { file, work, work + u"-wal"_s, work + u"-shm"_s })
        QFile::remove(path);
}

// The long article does not grow with the corpus: measured once.
void measureLongArticle()
{
    const QString text = Fixtures::longArticle(10'000);
    const QList<SpanHighlight> highlights = Fixtures::manyHighlights(text, 2'000);
    ArticleView view;
    view.resize(900, 700);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        qFatal("no window");
    QElapsedTimer timer;
    timer.start();
    view.setArticleText(text);
    view.setHighlights(highlights);
    view.viewport()->repaint();
    report(u"10,000 words, 2,000 annotations: open (ms)"_s, milliseconds(timer));

    QScrollBar *bar = view.verticalScrollBar();
    int frames = 0;
    timer.restart();
    for (int value = 0; value <= bar->maximum(); value += bar->singleStep() * 3, ++frames) {
        bar->setValue(value);
        view.viewport()->repaint();
    }
    report(u"10,000 words: scroll, per frame (ms)"_s, milliseconds(timer) / frames, 2);

    frames = 0;
    timer.restart();
    for (qsizetype i = 0; i < highlights.size(); i += 7, ++frames) {
        view.selectSpan(highlights[i].span);
        view.viewport()->repaint();
    }
    report(u"10,000 words: select an annotation, per frame (ms)"_s, milliseconds(timer) / frames, 2);

    bar->setValue(bar->maximum() / 2);
    int tips = 0;
    timer.restart();
    for (int y = 10; y < view.viewport()->height(); y += 23) {
        for (int x = 10; x < view.viewport()->width(); x += 61, ++tips) {
            QHelpEvent event(QEvent::ToolTip, QPoint(x, y), view.viewport()->mapToGlobal(QPoint(x, y)));
            QCoreApplication::sendEvent(view.viewport(), &event);
        }
    }
    report(u"10,000 words: hover tooltip (ms)"_s, milliseconds(timer) / tips, 3);
}

// The long article as the analyst opens it: read from a project with its 2,000 annotations
// (1,200 mentions of 300 entities, 400 quotes, 400 figures), the panels filled, the text drawn.
void measureLongArticleFromProject()
{
    const QTemporaryDir dir;
    const QString path = dir.filePath(u"long.byline"_s);
    Article article;
    article.key = u"long"_s;
    article.title = u"A long article"_s;
    article.text = Fixtures::longArticle(10'000);
    article.imported = QDateTime::currentDateTimeUtc();
    QList<Span> words;
    for (qsizetype start = 0; start < article.text.size();) {
        const qsizetype end = article.text.indexOf(u' ', start);
        const qsizetype stop = end < 0 ? article.text.size() : end;
        if (stop > start && !article.text.mid(start, stop - start).contains(u'\n'))
            words << Span { start, stop };
        start = stop + 1;
    }
    const qsizetype step = words.size() / 2'000;
    AnnotationSet annotations;
    for (int i = 0; i < 2'000; ++i) {
        const Span word = words[i * step];
        if (i % 5 < 3) {
            if (i % 4 == 0) {
                Entity entity;
                entity.id = annotations.entities.size() + 1;
                entity.name = article.text.mid(word.start, word.length());
                entity.type = u"PERSON"_s;
                annotations.entities << entity;
            }
            annotations.entities.last().mentions << Mention { 0, 0, 0, word, {}, {} };
        } else if (i % 5 == 3) {
            Quote quote;
            quote.content << Span { word.start, words[i * step + step - 1].end };
            annotations.quotes << quote;
        } else {
            Figure figure;
            figure.kind = u"count"_s;
            figure.span = figure.number = word;
            annotations.figures << figure;
        }
    }
    {
        const auto store = openStore(path, Store::Mode::ReadWrite);
        Article other { 0, u"short"_s, u"A short one"_s, {}, {}, article.imported, ArticleStatus::Todo,
            u"Nothing else happened."_s };
        if (!store->addDocument(article, annotations) || !store->addArticle(other))
            qFatal("cannot store the long article: %s", qPrintable(store->errorString()));
    }
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window) || !window.openProject(path))
        qFatal("cannot open the long article's project");
    // Away to the short article and back, as switching to it from another article.
    QList<double> opens;
    for (int i = 0; i < 5; ++i) {
        window.showArticle(article.id + 1);
        settle();
        QElapsedTimer timer;
        timer.start();
        window.showArticle(article.id);
        window.articleView()->viewport()->repaint();
        opens << milliseconds(timer);
    }
    std::sort(opens.begin(), opens.end());
    report(u"10,000 words, 2,000 annotations: open from the project, panels and text (ms)"_s, opens[2]);
}

// --- the parent: makes the corpora, runs the children, prints the table ---

struct Table {
    QStringList rows; ///< in the order the figures came
    std::map<QString, std::map<int, QString>> cells;
};

void collect(Table &table, int size, const QByteArray &output)
{
    for (const QByteArray &line : output.split('\n')) {
        if (!line.startsWith(marker))
            continue;
        const QList<QByteArray> fields = line.split('\t');
        const QString name = QString::fromUtf8(fields.value(1));
        if (!table.rows.contains(name))
            table.rows << name;
        table.cells[name][size] = QString::fromUtf8(fields.value(2));
    }
}

bool runChild(Table &table, int size, const QStringList &arguments)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    child.start(QCoreApplication::applicationFilePath(), arguments);
    if (!child.waitForFinished(-1) || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        std::fprintf(stderr, "bench_scale: %s failed\n", qPrintable(arguments.join(u' ')));
        collect(table, size, child.readAllStandardOutput());
        return false;
    }
    collect(table, size, child.readAllStandardOutput());
    std::fprintf(stderr, "  %s: %.0f s\n", qPrintable(arguments.value(1)), timer.elapsed() / 1000.0);
    return true;
}

QString ensureCorpus(Table &table, const QString &cache, int size)
{
    const QString path = u"%1/corpus-%2.byline"_s.arg(cache).arg(size);
    QFile seconds(path + u".seconds"_s);
    if (!QFileInfo::exists(path)) {
        std::fprintf(stderr, "bench_scale: generating %d articles into %s\n", size, qPrintable(path));
        QElapsedTimer timer;
        timer.start();
        {
            const auto store = openStore(path + u".partial"_s, Store::Mode::ReadWrite);
            CorpusGenerator generator;
            if (!generator.generate(*store, size))
                qFatal("%s", qPrintable(generator.errorString()));
        }
        // Renamed when whole, so that an interrupted run makes it again.
        if (!QFile::rename(path + u".partial"_s, path))
            qFatal("cannot rename the corpus");
        if (seconds.open(QIODevice::WriteOnly))
            seconds.write(QByteArray::number(timer.elapsed() / 1000.0, 'f', 1));
        seconds.close();
    } else {
        // A corpus an older build cached is upgraded first, as an analyst's project is when opened:
        // the groups that only read open it read-only, which an older schema refuses.
        openStore(path, Store::Mode::ReadWrite);
    }
    QString generation = u"?"_s;
    if (seconds.open(QIODevice::ReadOnly))
        generation = QString::fromLatin1(seconds.readAll());
    collect(table, size, QByteArray(marker) + "byline bench corpus: generate (s)\t" + generation.toUtf8());
    collect(table, size,
        QByteArray(marker) + "project file (MB)\t"
            + QByteArray::number(QFileInfo(path).size() / 1e6, 'f', 0));
    return path;
}

void printTable(const Table &table, const QList<int> &sizes)
{
    std::printf("\n| figure |");
    for (const int size : sizes) {
        if (size == 0)
            std::printf(" value |");
        else
            std::printf(" N = %s |", qPrintable(QLocale(QLocale::English).toString(size)));
    }
    std::printf("\n|---|");
    for (qsizetype i = 0; i < sizes.size(); ++i)
        std::printf("---:|");
    std::printf("\n");
    for (const QString &row : table.rows) {
        std::printf("| %s |", qPrintable(row));
        const auto &cells = table.cells.at(row);
        for (const int size : sizes) {
            const auto found = cells.find(size);
            std::printf(" %s |", found == cells.end() ? "—" : qPrintable(found->second));
        }
        std::printf("\n");
    }
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QStringList arguments = app.arguments();

    if (arguments.value(1) == u"--measure"_s) {
        const QString group = arguments.value(2);
        const QString project = arguments.value(3);
        const QString work = arguments.value(4);
        if (group == u"app"_s)
            measureApp(project);
        else if (group == u"search"_s)
            measureSearch(project);
        else if (group == u"info"_s)
            measureInfo(project, QStringLiteral(BYLINE_BINARY));
        else if (group == u"extract"_s)
            measureExtraction(project, work);
        else if (group == u"lexicon"_s)
            measureLexicon(project);
        else if (group == u"jsonl"_s)
            measureJsonl(project, work);
        else if (group == u"article"_s) {
            measureLongArticle();
            measureLongArticleFromProject();
        }
        return 0;
    }

    // The children's main windows keep their recent projects out of the user's settings.
    const QTemporaryDir settings;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(settings.path()));

    QList<int> sizes { 1000, 10000, 100000 };
    QString cache = QCoreApplication::applicationDirPath() + u"/../bench-cache"_s;
    for (qsizetype i = 1; i + 1 < arguments.size(); ++i) {
        if (arguments[i] == u"--sizes"_s) {
            sizes.clear();
            for (const QString &size : arguments[++i].split(u','))
                sizes << size.toInt();
        } else if (arguments[i] == u"--cache"_s) {
            cache = arguments[++i];
        }
    }
    QDir().mkpath(cache);
    cache = QDir(cache).canonicalPath();

    Table table;
    bool complete = true;
    for (const int size : sizes) {
        QElapsedTimer timer;
        timer.start();
        const QString corpus = ensureCorpus(table, cache, size);
        const QString work = u"%1/work-%2.byline"_s.arg(cache).arg(size);
        for (const QString &group :
            { u"app"_s, u"search"_s, u"info"_s, u"lexicon"_s, u"extract"_s, u"jsonl"_s })
            complete = runChild(table, size, { u"--measure"_s, group, corpus, work }) && complete;
        std::fprintf(stderr, "bench_scale: N = %d took %.0f s\n", size, timer.elapsed() / 1000.0);
    }
    Table article;
    complete = runChild(article, 0, { u"--measure"_s, u"article"_s }) && complete;
    printTable(table, sizes);
    std::printf("\nIndependent of N:\n");
    printTable(article, { 0 });
    return complete ? 0 : 1;
}
