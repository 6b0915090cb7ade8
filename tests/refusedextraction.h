// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extractionjob.h"
#include "store.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

/// A whole-corpus extraction that fails at one article, as a full disk or a damaged row would: a
/// trigger refuses that article's figures. For the tests of what a failed batch leaves behind.
/// Use the QTest functions from a test function and return when QTest::currentTestFailed().
class RefusedExtraction final {
public:
    RefusedExtraction(Byline::Store &store, Byline::RecordId refused)
        : m_store(store)
        , m_refused(refused)
    {
    }

    void refuse()
    {
        QSqlQuery query(m_store.database());
        QVERIFY2(query.exec(
                     QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON figures WHEN new.article_id = %1"
                                    " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
                         .arg(m_refused)),
            qPrintable(query.lastError().text()));
    }

    /// Runs the job until it fails, at the refused article: extracted() are the articles it
    /// reported, all before that one.
    void run()
    {
        Byline::ExtractionJob job(m_store);
        QSignalSpy failed(&job, &Byline::ExtractionJob::failed);
        QSignalSpy finished(&job, &Byline::ExtractionJob::finished);
        QObject::connect(&job, &Byline::ExtractionJob::articleExtracted, &job,
            [this](Byline::RecordId id) { m_extracted << id; });
        job.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size() + finished.size(), 1, 60000);
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("refused by the test")),
            qPrintable(failed.first().first().toString()));
        QVERIFY(!m_extracted.isEmpty());
        QVERIFY(m_extracted.last() < m_refused);
    }

    void lift() { QVERIFY(QSqlQuery(m_store.database()).exec(QStringLiteral("DROP TRIGGER refuse"))); }

    const QList<Byline::RecordId> &extracted() const { return m_extracted; }

private:
    Byline::Store &m_store;
    Byline::RecordId m_refused;
    QList<Byline::RecordId> m_extracted;
};
