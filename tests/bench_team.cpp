// SPDX-License-Identifier: GPL-3.0-or-later
// Several clients writing one server project at once (issue 8): N clients, each in a thread of
// its own with its own connection and change feed, add a figure to their own article R times a
// second for S seconds on a PostgreSQL server on loopback. Afterwards every edit must be stored
// exactly once, and every client must have heard of every other client's edits; the time from
// the start of a write to another client hearing of it is reported as p50/p99/max.
// Usage: bench_team [--clients N=3] [--seconds S=5] [--rate R=20]; the issue's target is
// --clients 10 --seconds 60.
#include "changefeed.h"
#include "postgresserver.h"
#include "store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <vector>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString articleText = u"Prices rose 12 percent in Almaty on Thursday, officials said."_s;

QElapsedTimer clock_;

// What the clients share: when each edit began, and the delays at which the others heard of it.
struct Shared {
    Shared(int clients, int editsPerClient)
        : started(clients * editsPerClient)
        , editsEach(editsPerClient)
    {
    }
    std::vector<std::atomic<qint64>> started; ///< ns since clock_ started, per client * editsEach + edit
    int editsEach;
    std::mutex mutex;
    std::vector<qint64> latencies;
    std::atomic<int> failures = 0;
};

// One analyst: writes on a timer in its thread, and counts what it hears from the others in order
// (PostgreSQL delivers one transaction's announcements after the previous one's).
class Client final : public QObject {
public:
    Client(
        const QString &url, int index, const QList<RecordId> &articles, int rate, int seconds, Shared &shared)
        : m_url(url)
        , m_index(index)
        , m_articles(articles)
        , m_interval(1000 / rate)
        , m_editsToMake(rate * seconds)
        , m_shared(shared)
        , m_heard(articles.size(), 0)
    {
    }

    void start()
    {
        StoreError error;
        m_store = Store::open(m_url, Store::Mode::ReadWrite, &error);
        if (!m_store) {
            std::fprintf(stderr, "client %d cannot open: %s\n", m_index, qPrintable(error.message));
            ++m_shared.failures;
            return;
        }
        m_feed = std::make_unique<ChangeFeed>(*m_store);
        connect(m_feed.get(), &ChangeFeed::articleChanged, this, &Client::heard);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &Client::edit);
        m_timer.start(m_interval);
    }

    int editsMade() const { return m_made; }
    int heardTotal() const
    {
        int total = 0;
        for (int count : m_heard)
            total += count;
        return total;
    }

private:
    void edit()
    {
        if (m_made == m_editsToMake) {
            m_timer.stop();
            return;
        }
        Figure figure;
        figure.articleId = m_articles[m_index];
        figure.kind = u"percent"_s;
        figure.span = { 12, 22 };
        figure.number = { 12, 14 };
        figure.value = double(m_made); // which edit it is: counted once each afterwards
        figure.unit = u"%"_s;
        m_shared.started[m_index * m_shared.editsEach + m_made] = clock_.nsecsElapsed();
        if (!m_store->insertFigure(figure)) {
            std::fprintf(stderr, "client %d: %s\n", m_index, qPrintable(m_store->errorString()));
            ++m_shared.failures;
        }
        ++m_made;
    }

    void heard(RecordId articleId)
    {
        const qint64 now = clock_.nsecsElapsed();
        const int writer = int(m_articles.indexOf(articleId));
        if (writer < 0 || writer == m_index || m_heard[writer] >= m_shared.editsEach)
            return;
        const qint64 started = m_shared.started[writer * m_shared.editsEach + m_heard[writer]++];
        std::lock_guard lock(m_shared.mutex);
        m_shared.latencies.push_back(now - started);
    }

    QString m_url;
    int m_index;
    QList<RecordId> m_articles;
    int m_interval;
    int m_editsToMake;
    Shared &m_shared;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<ChangeFeed> m_feed;
    QTimer m_timer { this }; // a child, so that it moves to the client's thread with it
    int m_made = 0;
    QList<int> m_heard;
};

double milliseconds(qint64 nanoseconds)
{
    return double(nanoseconds) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({ u"clients"_s, u"Number of clients."_s, u"N"_s, u"3"_s });
    parser.addOption({ u"seconds"_s, u"How long each client writes."_s, u"S"_s, u"5"_s });
    parser.addOption({ u"rate"_s, u"Edits per second per client."_s, u"R"_s, u"20"_s });
    parser.addHelpOption();
    parser.process(app);
    const int clients = std::max(2, parser.value(u"clients"_s).toInt());
    const int seconds = std::max(1, parser.value(u"seconds"_s).toInt());
    const int rate = std::clamp(parser.value(u"rate"_s).toInt(), 1, 1000);

    if (const QString why = Test::PostgresServer::unavailableReason(); !why.isEmpty()) {
        std::printf("skipped: %s\n", qPrintable(why));
        return 0;
    }
    Test::PostgresServer server;
    if (!server.start()) {
        std::fprintf(stderr, "the server did not start: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QString url = server.createDatabase(u"team"_s);
    QList<RecordId> articles;
    {
        StoreError error;
        auto store = Store::open(url, Store::Mode::ReadWrite, &error);
        if (!store) {
            std::fprintf(stderr, "cannot create the project: %s\n", qPrintable(error.message));
            return 1;
        }
        for (int i = 0; i < clients; ++i) {
            Article article;
            article.key = u"client-%1"_s.arg(i);
            article.text = articleText;
            store->addArticle(article);
            articles << article.id;
        }
    }

    Shared shared(clients, rate * seconds);
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<Client *> workers;
    clock_.start();
    for (int i = 0; i < clients; ++i) {
        auto thread = std::make_unique<QThread>();
        auto *client = new Client(url, i, articles, rate, seconds, shared);
        client->moveToThread(thread.get());
        QObject::connect(thread.get(), &QThread::started, client, &Client::start);
        QObject::connect(thread.get(), &QThread::finished, client, &QObject::deleteLater);
        thread->start();
        threads.push_back(std::move(thread));
        workers.push_back(client);
    }
    // The writing, and then time for the last announcements to arrive.
    const qint64 expectedHeard = qint64(clients) * (clients - 1) * rate * seconds;
    QElapsedTimer wall;
    wall.start();
    while (wall.elapsed() < (seconds + 3) * 1000) {
        QThread::msleep(100);
        std::lock_guard lock(shared.mutex);
        if (qint64(shared.latencies.size()) == expectedHeard)
            break;
    }
    int made = 0;
    qint64 heard = 0;
    for (size_t i = 0; i < threads.size(); ++i) {
        QMetaObject::invokeMethod(
            workers[i],
            [&made, &heard, worker = workers[i]] {
                made += worker->editsMade();
                heard += worker->heardTotal();
            },
            Qt::BlockingQueuedConnection);
        threads[i]->quit();
        threads[i]->wait();
    }

    // Every edit stored once: each client's figures carry the numbers 0 .. made - 1.
    StoreError error;
    auto store = Store::open(url, Store::Mode::ReadOnly, &error);
    QSqlQuery query(store->database());
    query.exec(u"SELECT count(*), count(DISTINCT (article_id, value_number)) FROM figures"_s);
    query.next();
    const int stored = query.value(0).toInt();
    const int distinct = query.value(1).toInt();

    std::vector<qint64> latencies = std::move(shared.latencies);
    std::sort(latencies.begin(), latencies.end());
    const auto percentile = [&latencies](double p) {
        return latencies.empty() ? 0.0 : milliseconds(latencies[size_t(p * double(latencies.size() - 1))]);
    };
    std::printf("%d clients x %d edits/s x %d s on loopback (PostgreSQL)\n", clients, rate, seconds);
    std::printf("edits made %d, stored %d, stored once %d, lost %d, write failures %d\n", made, stored,
        distinct, made - distinct, shared.failures.load());
    std::printf("announcements heard %lld of %lld\n", static_cast<long long>(heard),
        static_cast<long long>(expectedHeard));
    std::printf("visible to the others: p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", percentile(0.5),
        percentile(0.99), percentile(1.0));
    const bool ok = made == stored && stored == distinct && heard == expectedHeard && shared.failures == 0
        && percentile(0.99) < 1000.0;
    std::printf("%s\n", ok ? "PASS" : "FAIL");
    return ok ? 0 : 1;
}
