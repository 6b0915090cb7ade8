// SPDX-License-Identifier: GPL-3.0-or-later
// Team projects over TLS: sslmode from the URL reaches libpq, the server's certificate is checked
// when asked, a server that takes only TLS refuses a plain connection with a clear message, and
// the main window's status bar says whether the connection is encrypted.
#include "mainwindow.h"
#include "store.h"
#include "testprojects.h"

#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestPostgresTls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connects_data();
    void connects();
    void statusBarShowsEncryption_data();
    void statusBarShowsEncryption();
    void plainConnectionRefusedWhenTheServerWantsTls();

private:
    bool makeCertificate();
    QString url(const QString &query) const;

    Test::TestProjects m_projects;
    QString m_project;
    QString m_certificate;
};

void TestPostgresTls::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
    QVERIFY(makeCertificate());
    Test::PostgresServer &server = *m_projects.server();
    QVERIFY2(server.execute({ u"ALTER SYSTEM SET ssl = on"_s, u"SELECT pg_reload_conf()"_s }),
        qPrintable(server.errorString()));
    m_project = m_projects.newLocation();
    StoreError error;
    auto store = Store::open(m_project, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    Article article { .key = u"a"_s, .title = u"Over TLS 🔒"_s, .text = u"😀 Tokayev met Putin."_s };
    QVERIFY(store->addArticle(article));
}

// A certificate for 127.0.0.1 that signs itself, so a client can verify it with itself as the root;
// the server wants its key readable by its own user only.
bool TestPostgresTls::makeCertificate()
{
    const QDir data(m_projects.server()->dataDirectory());
    m_certificate = data.filePath(u"server.crt"_s);
    const QString key = data.filePath(u"server.key"_s);
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(u"openssl"_s,
        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
            u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s, key, u"-out"_s,
            m_certificate });
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
        qWarning() << "openssl:" << openssl.errorString() << openssl.readAll();
        return false;
    }
    struct stat folder {};
    if (stat(QFile::encodeName(data.path()).constData(), &folder) != 0)
        return false;
    for (const QString &file : { key, m_certificate }) {
        if (chown(QFile::encodeName(file).constData(), folder.st_uid, folder.st_gid) != 0)
            return false;
    }
    return QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

QString TestPostgresTls::url(const QString &query) const
{
    return m_project + u'?' + query;
}

void TestPostgresTls::connects_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<bool>("encrypted");
    QTest::addColumn<QString>("message");
    QTest::newRow("require") << u"sslmode=require"_s << true << true << QString();
    QTest::newRow("disable") << u"sslmode=disable"_s << true << false << QString();
    QTest::newRow("prefer") << u"sslmode=prefer"_s << true << true << QString();
    QTest::newRow("verify-full-with-its-root")
        << u"sslmode=verify-full&sslrootcert=%1"_s << true << true << QString();
    // Without the certificate to check against, verify-full cannot trust the server.
    QTest::newRow("verify-full-without-root") << u"sslmode=verify-full&sslrootcert=/nonexistent/root.crt"_s
                                              << false << false << u"Cannot connect"_s;
}

void TestPostgresTls::connects()
{
    QFETCH(QString, query);
    QFETCH(bool, opens);
    QFETCH(bool, encrypted);
    StoreError error;
    const auto store = Store::open(url(query.arg(m_certificate)), Store::Mode::ReadWrite, &error);
    QCOMPARE(bool(store), opens);
    if (!store) {
        QFETCH(QString, message);
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QVERIFY2(error.message.contains(u"root.crt"_s), qPrintable(error.message));
        return;
    }
    const std::optional<ServerConnection> connection = store->serverConnection();
    QVERIFY(connection);
    QCOMPARE(connection->encrypted, encrypted);
    QCOMPARE(connection->tlsVersion.startsWith(u"TLSv1."_s), encrypted);
    QCOMPARE(store->articleCount(), 1);
}

void TestPostgresTls::statusBarShowsEncryption_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("shown");
    QTest::newRow("encrypted") << u"sslmode=require"_s << u"🔒 byline on the server (TLSv1."_s;
    QTest::newRow("plain") << u"sslmode=disable"_s << u"byline on the server, not encrypted"_s;
}

void TestPostgresTls::statusBarShowsEncryption()
{
    QFETCH(QString, query);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(url(query)));
    auto *label = window.statusBar()->findChild<QLabel *>(u"connectionLabel"_s);
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QFETCH(QString, shown);
    QVERIFY2(label->text().startsWith(shown), qPrintable(label->text()));
}

void TestPostgresTls::plainConnectionRefusedWhenTheServerWantsTls()
{
    Test::PostgresServer &server = *m_projects.server();
    QFile hba(QDir(server.dataDirectory()).filePath(u"pg_hba.conf"_s));
    QVERIFY(hba.open(QIODevice::ReadOnly));
    const QByteArray rules = hba.readAll();
    hba.close();
    QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
    hba.write("hostnossl all all 127.0.0.1/32 reject\n" + rules);
    hba.close();
    QVERIFY(server.execute({ u"SELECT pg_reload_conf()"_s }));

    StoreError error;
    // Once the reloaded rules apply, a plain connection is refused and says so.
    QTRY_VERIFY(!Store::open(url(u"sslmode=disable"_s), Store::Mode::ReadWrite, &error));
    QVERIFY2(error.message.startsWith(u"Cannot connect to "_s), qPrintable(error.message));
    QVERIFY2(error.message.contains(u"no encryption"_s), qPrintable(error.message));
    const auto store = Store::open(url(u"sslmode=require"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    QVERIFY(store->serverConnection()->encrypted);
}

QTEST_MAIN(TestPostgresTls)
#include "tst_gui_postgres_tls.moc"
