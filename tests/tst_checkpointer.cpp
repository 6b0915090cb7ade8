// SPDX-License-Identifier: GPL-3.0-or-later
// The background checkpoint of a corpus extraction (models/backgroundcheckpointer.*): it copies
// the writer's log into the project file while the writer goes on, raises the writer's own
// checkpoint bound while it runs and gives it back, and starts only where there is a log.
#include "backgroundcheckpointer.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

// A connection of its own to a database of one table, in the given journal mode.
class Database final {
public:
    Database(const QString &path, const QString &journalMode)
        : m_name(u"checkpointer-test-%1"_s.arg(++s_count))
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        database.setDatabaseName(path);
        if (!database.open())
            qFatal("cannot open %s", qPrintable(path));
        exec(u"PRAGMA journal_mode = "_s + journalMode);
        exec(u"CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT)"_s);
    }
    ~Database()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }

    void exec(const QString &sql) const
    {
        QSqlQuery query(database());
        if (!query.exec(sql))
            qFatal("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    }

    int autoCheckpoint() const
    {
        QSqlQuery query(database());
        return query.exec(u"PRAGMA wal_autocheckpoint"_s) && query.next() ? query.value(0).toInt() : -1;
    }

    /// A transaction adding count rows of some 4 kB each.
    void addRows(int count) const
    {
        exec(u"BEGIN"_s);
        for (int i = 0; i < count; ++i)
            exec(u"INSERT INTO rows (body) VALUES (printf('%.4000c', 'x'))"_s);
        exec(u"COMMIT"_s);
    }

private:
    static inline int s_count = 0;
    QString m_name;
};

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size();
}

} // namespace

class TestCheckpointer : public QObject {
    Q_OBJECT
private slots:
    void copiesTheLogWhileTheWriterGoesOn();
    void raisesTheWritersBoundAndGivesItBack_data();
    void raisesTheWritersBoundAndGivesItBack();
    void startsOnlyWhereThereIsALog_data();
    void startsOnlyWhereThereIsALog();
};

void TestCheckpointer::copiesTheLogWhileTheWriterGoesOn()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"p.byline"_s);
    const Database writer(path, u"WAL"_s);
    // The writer never copies its log itself: what reaches the file is the checkpointer's.
    writer.exec(u"PRAGMA wal_autocheckpoint = 100000"_s);
    const qint64 before = fileSize(path);
    const auto checkpointer = BackgroundCheckpointer::start(writer.database());
    QVERIFY(checkpointer);
    for (int batch = 0; batch < 10; ++batch) {
        writer.addRows(50);
        checkpointer->committed();
    }
    // Some 2 MB were written; the file holds them while the writer's connection is still open.
    QTRY_VERIFY_WITH_TIMEOUT(fileSize(path) > before + 1'500'000, 10000);
    QVERIFY(checkpointer->checkpoints() > 0);
    QVERIFY(checkpointer->checkpoints() <= 10);
    QSqlQuery count(writer.database());
    QVERIFY(count.exec(u"SELECT COUNT(*) FROM rows"_s) && count.next());
    QCOMPARE(count.value(0).toInt(), 500);
}

void TestCheckpointer::raisesTheWritersBoundAndGivesItBack_data()
{
    QTest::addColumn<int>("before");
    QTest::addColumn<int>("whileRunning");
    QTest::newRow("SQLite's default") << 1000 << 4000;
    QTest::newRow("already further apart") << 20000 << 20000;
    QTest::newRow("off") << 0 << 0;
}

void TestCheckpointer::raisesTheWritersBoundAndGivesItBack()
{
    QFETCH(int, before);
    QFETCH(int, whileRunning);
    QTemporaryDir dir;
    const Database writer(dir.filePath(u"p.byline"_s), u"WAL"_s);
    writer.exec(u"PRAGMA wal_autocheckpoint = %1"_s.arg(before));
    {
        const auto checkpointer = BackgroundCheckpointer::start(writer.database());
        QVERIFY(checkpointer);
        QCOMPARE(writer.autoCheckpoint(), whileRunning);
        writer.addRows(5);
        checkpointer->committed();
    }
    QCOMPARE(writer.autoCheckpoint(), before);
}

void TestCheckpointer::startsOnlyWhereThereIsALog_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("journalMode");
    QTest::addColumn<bool>("starts");
    QTest::newRow("a file with a write-ahead log") << u"p.byline"_s << u"WAL"_s << true;
    QTest::newRow("a file with a rollback journal") << u"p.byline"_s << u"DELETE"_s << false;
    QTest::newRow("in memory") << u":memory:"_s << u"MEMORY"_s << false;
}

void TestCheckpointer::startsOnlyWhereThereIsALog()
{
    QFETCH(QString, fileName);
    QFETCH(QString, journalMode);
    QFETCH(bool, starts);
    QTemporaryDir dir;
    const Database writer(fileName.startsWith(u':') ? fileName : dir.filePath(fileName), journalMode);
    const auto checkpointer = BackgroundCheckpointer::start(writer.database());
    QCOMPARE(bool(checkpointer), starts);
    if (!starts)
        QCOMPARE(writer.autoCheckpoint(), 1000); // untouched
}

QTEST_GUILESS_MAIN(TestCheckpointer)
#include "tst_checkpointer.moc"
