// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput of the extraction pipeline (entities, quotes, figures) on the dev articles,
// in MB of article text per second on one core. Not a ctest: run it by hand, e.g.
//   build/bin/bench_extract -iterations 20
#include "extraction/extractor.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <ctime>

using namespace Byline;
using namespace Qt::StringLiterals;

class BenchExtract final : public QObject {
    Q_OBJECT

private:
    QStringList m_articles;
    qsizetype m_bytes = 0;

private Q_SLOTS:
    void initTestCase()
    {
        const QDir dir(QStringLiteral(BYLINE_TEST_DATA) + u"/eval"_s);
        for (const QString &name : dir.entryList({ u"*.txt"_s }, QDir::Files, QDir::Name)) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            m_bytes += bytes.size();
            m_articles.append(QString::fromUtf8(bytes));
        }
        QVERIFY(!m_articles.isEmpty());
    }

    void benchmarkDevSet()
    {
        const Extractor extractor;
        qsizetype found = 0;
        QBENCHMARK
        {
            for (const QString &article : std::as_const(m_articles))
                found += extractor.extract(article).quotes.size();
        }
        QVERIFY(found > 0);
    }

    void throughput()
    {
        // the number the issue asks for: MB/s over enough repetitions to be stable
        // CPU time as well as wall time: on a shared machine the wall clock measures the load
        const Extractor extractor;
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpuStart = std::clock();
        qsizetype bytes = 0;
        while (timer.elapsed() < 3000) {
            for (const QString &article : std::as_const(m_articles))
                extractor.extract(article);
            bytes += m_bytes;
        }
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const double cpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
        qInfo("%.1f MB/s of CPU time on one core, %.1f MB/s wall clock (%lld bytes of article text)",
            double(bytes) / 1e6 / cpuSeconds, double(bytes) / 1e6 / seconds, static_cast<long long>(bytes));
    }
};

QTEST_GUILESS_MAIN(BenchExtract)
#include "bench_extract.moc"
