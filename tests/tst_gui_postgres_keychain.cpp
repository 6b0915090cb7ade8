// SPDX-License-Identifier: GPL-3.0-or-later
// The passwords of team projects in the system keychain (app/serverpasswords.cpp, QtKeychain),
// against a real Secret Service: the test starts a session bus of its own and an unlocked GNOME
// keyring on it, in a home folder of its own. Without a keychain service on the bus, Byline says
// the password cannot be remembered and the PostgreSQL password file (~/.pgpass) serves; with
// one, a remembered password is in the keychain (read back by Byline and by secret-tool), fills
// the form the next time, and is in no file Byline writes: settings, offline queue, the project.
#include "commands.h"
#include "document.h"
#include "mainwindow.h"
#include "serverpasswords.h"
#include "store.h"
#include "teamprojectdialog.h"
#include "teamroles.h"
#include "testprojects.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>

#include <sys/prctl.h>

#include <csignal>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

const QString database = u"newsroom"_s;
// Passwords no file would hold by chance, with letters outside ASCII.
const QString annPassword = u"ann-pässwörd-😀-4417"_s;
const QString benPassword = u"ben-kéy-🔑-9022"_s;

// A session bus with nothing to activate: a keychain is there only when the test starts one.
const char busConfig[]
    = "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
      " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
      "<busconfig>\n"
      "  <type>session</type>\n"
      "  <listen>unix:path=%1</listen>\n"
      "  <auth>EXTERNAL</auth>\n"
      "  <policy context=\"default\">\n"
      "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
      "    <allow eavesdrop=\"true\"/>\n"
      "    <allow own=\"*\"/>\n"
      "  </policy>\n"
      "</busconfig>\n";

// The bus and the keyring end with the test, even when it crashes before its cleanup.
void endWithTheTest(QProcess &process)
{
    process.setChildProcessModifier([] { prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

QAction *actionNamed(const MainWindow &window, const QString &text)
{
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == text)
            return action;
    }
    qWarning() << "no action" << text;
    return nullptr;
}

/// What the analyst does in the Open Team Project form, and what the window answered.
struct FormVisit {
    QString passwordShown; ///< what the password field held when the form came up
    QString warning; ///< the text of a message box after opening, if one came
};

} // namespace

class TestKeychain : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void withoutKeychainThePasswordFileServes();
    void rememberedPasswordIsInTheKeychainOnly();

private:
    QString url(const QString &user) const;
    /// Fills the form that comes up while trigger runs (the fields left empty keep what the form
    /// shows), presses Open, and accepts a message box that may follow.
    FormVisit fillTeamProjectForm(
        const std::function<void()> &trigger, const QString &user, const QString &password, bool remember);
    /// Whether the secret service answers on the test's bus: secret-tool can store an item.
    bool keychainAnswers();
    /// The files under the folder holding text in any encoding a program might write it in.
    QStringList filesHolding(const QString &folder, const QString &text, const QStringList &skipped = {});

    QTemporaryDir m_home;
    Test::TestProjects m_projects;
    QProcess m_bus;
    QProcess m_keyring;
};

QString TestKeychain::url(const QString &user) const
{
    return m_projects.server()->url(database, user);
}

void TestKeychain::initTestCase()
{
    if (!ServerPasswords::keychainBuiltIn())
        QSKIP("this Byline was built without QtKeychain (install qtkeychain-qt6-dev)");
    QVERIFY(m_home.isValid());
    // Everything the application and the keychain write goes under the test's home.
    const QString home = m_home.path();
    qputenv("HOME", QFile::encodeName(home));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home + u"/.config"_s));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home + u"/.local/share"_s));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home + u"/.cache"_s));
    const QString runtime = home + u"/run"_s;
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime));
    // QtKeychain picks KWallet on a KDE desktop: here the Secret Service, as on GNOME and elsewhere.
    for (const char *name :
        { "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "KDE_SESSION_VERSION" })
        qunsetenv(name);

    QFile config(home + u"/bus.conf"_s);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QString::fromLatin1(busConfig).arg(runtime + u"/bus"_s).toUtf8());
    config.close();
    m_bus.start(
        u"dbus-daemon"_s, { u"--config-file="_s + config.fileName(), u"--nofork"_s, u"--print-address=1"_s });
    if (!m_bus.waitForStarted(10000))
        QSKIP(qPrintable(u"no session bus for the keychain: dbus-daemon did not start (%1; install the "
                         "Debian package dbus-daemon)"_s.arg(m_bus.errorString())));
    while (!m_bus.canReadLine() && m_bus.waitForReadyRead(10000)) { }
    const QByteArray address = m_bus.readLine().trimmed();
    if (address.isEmpty())
        QSKIP(qPrintable(u"no session bus for the keychain: dbus-daemon gave no address: "_s
            + QString::fromLocal8Bit(m_bus.readAllStandardError())));
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);

    QString unavailable, failure;
    if (!m_projects.start(&unavailable, &failure)) {
        if (!unavailable.isEmpty())
            QSKIP(qPrintable(unavailable));
        QFAIL(qPrintable(u"the PostgreSQL server of the tests did not start: "_s + failure));
    }
    Test::PostgresServer &server = *m_projects.server();
    QVERIFY(!server.createDatabase(database).isEmpty());
    // The members log in with a password; the owner of the tests stays trusted.
    QFile hba(QDir(server.dataDirectory()).filePath(u"pg_hba.conf"_s));
    QVERIFY(hba.open(QIODevice::ReadOnly));
    const QByteArray rules = hba.readAll();
    hba.close();
    QVERIFY(hba.open(QIODevice::WriteOnly | QIODevice::Truncate));
    hba.write("host all ann,ben 127.0.0.1/32 scram-sha-256\n" + rules);
    hba.close();
    QVERIFY(server.execute({ u"SELECT pg_reload_conf()"_s }));

    StoreError error;
    auto owner = Store::open(
        url(QString::fromLatin1(Test::PostgresServer::superuser)), Store::Mode::ReadWrite, &error);
    QVERIFY2(owner, qPrintable(error.message));
    Article article { .key = u"astana"_s, .text = u"😀 Tokayev spoke in Astana."_s };
    QVERIFY(owner->addArticle(article));
    TeamRoles roles(*owner);
    QVERIFY2(roles.addMember({ u"ann"_s, TeamRole::Annotator, u"Ann"_s }, annPassword),
        qPrintable(roles.errorString()));
    QVERIFY2(roles.addMember({ u"ben"_s, TeamRole::Annotator, u"Ben"_s }, benPassword),
        qPrintable(roles.errorString()));
    // A wrong password is refused: the passwords below are what open the project.
    QUrl wrong(url(u"ann"_s));
    wrong.setPassword(u"not it"_s);
    QTRY_VERIFY(!Store::open(wrong.toString(), Store::Mode::ReadWrite, &error));
}

void TestKeychain::cleanupTestCase()
{
    for (QProcess *process : { &m_keyring, &m_bus }) {
        if (process->state() == QProcess::NotRunning)
            continue;
        process->terminate();
        if (!process->waitForFinished(5000))
            process->kill();
        process->waitForFinished(5000);
    }
}

FormVisit TestKeychain::fillTeamProjectForm(
    const std::function<void()> &trigger, const QString &user, const QString &password, bool remember)
{
    FormVisit visit;
    bool filled = false;
    QTimer driver;
    driver.setInterval(20);
    connect(&driver, &QTimer::timeout, this, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            visit.warning = box->text();
            QTest::keyClick(box, Qt::Key_Return);
            return;
        }
        auto *dialog = qobject_cast<TeamProjectDialog *>(modal);
        if (!dialog || filled)
            return;
        filled = true;
        auto *address = dialog->findChild<QLineEdit *>(u"address"_s);
        auto *userField = dialog->findChild<QLineEdit *>(u"user"_s);
        auto *passwordField = dialog->findChild<QLineEdit *>(u"password"_s);
        visit.passwordShown = passwordField->text();
        if (address->text().isEmpty())
            QTest::keyClicks(address, u"127.0.0.1:%1/%2"_s.arg(m_projects.server()->port()).arg(database));
        if (userField->text().isEmpty())
            QTest::keyClicks(userField, user);
        if (!password.isEmpty()) {
            // Pasted, as from a password manager (QTest types ASCII only).
            passwordField->clear();
            passwordField->insert(password);
        }
        if (remember)
            QTest::mouseClick(dialog->findChild<QCheckBox *>(), Qt::LeftButton);
        QTest::mouseClick(
            dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open), Qt::LeftButton);
    });
    driver.start();
    trigger();
    // A message box after the form closed comes from the same call; one more look for it.
    QTest::qWait(50);
    driver.stop();
    return visit;
}

bool TestKeychain::keychainAnswers()
{
    QProcess tool;
    tool.start(u"secret-tool"_s, { u"store"_s, u"--label=Byline test"_s, u"byline-test"_s, u"ready"_s });
    tool.write("yes");
    tool.closeWriteChannel();
    return tool.waitForFinished(10000) && tool.exitStatus() == QProcess::NormalExit && tool.exitCode() == 0;
}

QStringList TestKeychain::filesHolding(const QString &folder, const QString &text, const QStringList &skipped)
{
    const QByteArray utf16(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
    const QList<QByteArray> forms { text.toUtf8(), QUrl::toPercentEncoding(text), utf16,
        text.toUtf8().toBase64() };
    QStringList found;
    QDirIterator files(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        if (std::ranges::any_of(skipped, [&](const QString &skip) { return path.startsWith(skip); }))
            continue;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray content = file.readAll();
        if (std::ranges::any_of(forms, [&](const QByteArray &form) { return content.contains(form); }))
            found << path;
    }
    return found;
}

// No keychain service on the bus. Asked to remember the password, the window says it cannot,
// and opens the project all the same; the password file of PostgreSQL serves instead, when the
// form is left without a password.
void TestKeychain::withoutKeychainThePasswordFileServes()
{
    QVERIFY(!keychainAnswers());
    QUrl withPassword(url(u"ann"_s));
    withPassword.setPassword(annPassword);
    QString error;
    QVERIFY(!ServerPasswords::write(withPassword, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(ServerPasswords::read(QUrl(url(u"ann"_s))).isNull());

    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const FormVisit visit = fillTeamProjectForm(
            [&] { actionNamed(window, u"Open &Team Project…"_s)->trigger(); }, u"ann"_s, annPassword, true);
        QVERIFY2(
            visit.warning.startsWith(u"The password could not be remembered"_s), qPrintable(visit.warning));
        QVERIFY(window.document());
        QCOMPARE(window.document()->annotator(), u"ann"_s);
    }

    // libpq's password file, in the user's home: the form left without a password opens it.
    QFile pgpass(m_home.filePath(u".pgpass"_s));
    QVERIFY(pgpass.open(QIODevice::WriteOnly));
    pgpass.write(
        u"127.0.0.1:%1:%2:ann:%3\n"_s.arg(m_projects.server()->port()).arg(database, annPassword).toUtf8());
    pgpass.close();
    pgpass.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const FormVisit visit = fillTeamProjectForm(
            [&] { actionNamed(window, u"Open &Team Project…"_s)->trigger(); }, u"ann"_s, QString(), false);
        QCOMPARE(visit.passwordShown, QString());
        QCOMPARE(visit.warning, QString());
        QVERIFY(window.document());
        QCOMPARE(window.document()->annotator(), u"ann"_s);
    }
    QVERIFY(pgpass.remove());
}

// The keychain is there, unlocked. Ben opens the project and asks to remember his password: it
// is in the keychain, under Byline's name for the project; the next time the form shows it
// filled in. The password is in no file Byline wrote meanwhile: not the settings (the recent
// projects name the server), not the offline queue (an edit waited in it), not the project.
void TestKeychain::rememberedPasswordIsInTheKeychainOnly()
{
    m_keyring.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    endWithTheTest(m_keyring);
    m_keyring.start(
        u"gnome-keyring-daemon"_s, { u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s });
    if (!m_keyring.waitForStarted(10000))
        QSKIP(qPrintable(u"no keychain: gnome-keyring-daemon did not start (%1; install the Debian package "
                         "gnome-keyring)"_s.arg(m_keyring.errorString())));
    // The keyring's own password, which unlocks it: a desktop session types it at login.
    m_keyring.write("unlock the test keyring");
    m_keyring.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(keychainAnswers(), 10000);

    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const FormVisit visit = fillTeamProjectForm(
            [&] { actionNamed(window, u"Open &Team Project…"_s)->trigger(); }, u"ben"_s, benPassword, true);
        QCOMPARE(visit.warning, QString());
        QVERIFY(window.document());
        Document *ben = window.document();
        QCOMPARE(ben->annotator(), u"ben"_s);
        QVERIFY(!ben->path().contains(benPassword));

        // Read back by Byline, and by another program through the Secret Service.
        QCOMPARE(ServerPasswords::read(QUrl(url(u"ben"_s))), benPassword);
        QProcess lookup;
        lookup.start(u"secret-tool"_s, { u"lookup"_s, u"server"_s, u"Byline team projects"_s });
        QVERIFY(lookup.waitForFinished(10000));
        QCOMPARE(QString::fromUtf8(lookup.readAllStandardOutput()), benPassword);
        // Another user of the same project has nothing stored.
        QVERIFY(ServerPasswords::read(QUrl(url(u"ann"_s))).isNull());

        // An edit made while the connection is gone waits in the offline queue file.
        QVERIFY(m_projects.server()->execute(
            { u"SELECT pg_terminate_backend(%1)"_s.arg(ben->store().serverSession()) }));
        Entity entity;
        entity.articleId = ben->currentArticle().id;
        entity.name = u"Tokayev"_s;
        entity.type = u"PERSON"_s;
        entity.provenance = ben->manualProvenance();
        ben->undoStack()->push(new InsertCommand<Entity>(ben, entity, u"Add entity"_s));
        QVERIFY(ben->isOffline());
        QCOMPARE(ben->waitingEditCount(), 1);
        QVERIFY(QFile::exists(ben->editQueueFile()));
        QVERIFY(ben->editQueueFile().startsWith(m_home.path()));
        QTRY_VERIFY_WITH_TIMEOUT(!ben->isOffline() && ben->waitingEditCount() == 0, 15000);
    }

    // The next time, the form comes filled in from the keychain (File > Open Recent).
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QAction *recent = actionNamed(window, url(u"ben"_s));
        QVERIFY(recent);
        const FormVisit visit = fillTeamProjectForm([&] { recent->trigger(); }, QString(), QString(), false);
        QCOMPARE(visit.passwordShown, benPassword);
        QVERIFY(window.document());
        QCOMPARE(window.document()->annotator(), u"ben"_s);
    }

    // In no file: the home holds the settings and the queue (the keyring's own files, encrypted,
    // are the keychain's); the server's folder holds the project.
    const QString settings = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QVERIFY(settings.startsWith(m_home.path()));
    QVERIFY(!filesHolding(settings, url(u"ben"_s)).isEmpty()); // the scan finds what is there
    QCOMPARE(filesHolding(m_home.path(), benPassword, { m_home.filePath(u".local/share/keyrings"_s) }),
        QStringList());
    QCOMPARE(filesHolding(m_projects.server()->dataDirectory(), benPassword), QStringList());
}

QTEST_MAIN(TestKeychain)
#include "tst_gui_postgres_keychain.moc"
