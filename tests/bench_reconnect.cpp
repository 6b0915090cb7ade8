// SPDX-License-Identifier: GPL-3.0-or-later
// A client losing its server (issue 8), on a PostgreSQL server on loopback: how long from the
// server's death until the document knows it is offline (no edit in flight: the change feed
// hears it), what an edit costs while offline (it waits in the local queue file), and how long
// the queued edits take to reach the server once it is back.
// Usage: bench_reconnect [--edits N=500] [--runs R=3]
#include "commands.h"
#include "document.h"
#include "postgresserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QUndoStack>

#include <cstdio>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString articleText = u"😀 Prices rose 12 percent in Almaty on Thursday, officials said."_s;

// Spins the event loop until the condition holds; the time it took, or -1 after the timeout.
template<typename Condition> qint64 waitFor(Condition condition, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return -1;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return timer.elapsed();
}

void addFigure(Document &document, int i)
{
    Figure figure;
    figure.articleId = document.currentArticle().id;
    figure.kind = u"percent"_s;
    figure.span = { articleText.indexOf(u"12 percent"_s), articleText.indexOf(u" in"_s) };
    figure.number = { figure.span.start, figure.span.start + 2 };
    figure.value = 12.0;
    figure.unit = u"unit %1"_s.arg(i);
    figure.provenance = document.manualProvenance();
    document.undoStack()->push(new InsertCommand<Figure>(&document, figure, u"Add figure"_s));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ u"edits"_s, u"edits made while offline"_s, u"N"_s, u"500"_s });
    parser.addOption({ u"runs"_s, u"times the server dies"_s, u"R"_s, u"3"_s });
    parser.process(app);
    const int edits = parser.value(u"edits"_s).toInt();
    const int runs = parser.value(u"runs"_s).toInt();

    QTemporaryDir home;
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.path()));
    if (const QString reason = Test::PostgresServer::unavailableReason(); !reason.isEmpty()) {
        std::fprintf(stderr, "bench_reconnect: %s\n", qPrintable(reason));
        return 0;
    }
    Test::PostgresServer server;
    if (!server.start()) {
        std::fprintf(stderr, "bench_reconnect: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    StoreError error;
    auto document = Document::open(server.createDatabase(u"bench"_s), Store::Mode::ReadWrite, &error);
    if (!document) {
        std::fprintf(stderr, "bench_reconnect: %s\n", qPrintable(error.message));
        return 1;
    }
    Article article { .key = u"almaty"_s, .text = articleText };
    document->store().addArticle(article);
    document->showArticle(article.id);

    std::printf("%-5s %16s %18s %20s %16s\n", "run", "loss→offline ms", "offline edit µs",
        "restart→drained ms", "drained edits/s");
    int made = 0;
    for (int run = 1; run <= runs; ++run) {
        server.kill();
        const qint64 lossMs = waitFor([&] { return document->isOffline(); });
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < edits; ++i)
            addFigure(*document, made++);
        const double editMicros = timer.nsecsElapsed() / 1000.0 / edits;
        server.startAgain();
        timer.start();
        // The first attempt to reconnect waits for the monitor's back-off; the figure includes it.
        const qint64 drainMs
            = waitFor([&] { return !document->isOffline() && document->waitingEditCount() == 0; });
        const qint64 stored = document->store().annotations(article.id).figures.size();
        std::printf("%-5d %16lld %18.0f %20lld %16.0f%s\n", run, lossMs, editMicros, drainMs,
            drainMs > 0 ? edits * 1000.0 / drainMs : 0.0,
            stored == made ? "" : qPrintable(u"  LOST: %1 of %2 stored"_s.arg(stored).arg(made)));
    }
    return 0;
}
