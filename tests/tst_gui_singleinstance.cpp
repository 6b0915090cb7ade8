// SPDX-License-Identifier: GPL-3.0-or-later
// Opening projects from the file manager while Byline runs: two real processes, offscreen.
// The second hands its project to the first and quits, so one process writes each project.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int timeout = 30000;

} // namespace

class TestSingleInstance : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void secondProjectOpensInTheRunningProcess();
    void openProjectIsRaisedNotOpenedTwice();
    void withoutFilesTheRunningWindowIsRaised();
    void aCrashedInstanceIsReplaced();

private:
    QString makeProject(const QString &name);
    std::unique_ptr<QProcess> start(const QStringList &arguments, QString *log);
    int runToEnd(const QStringList &arguments);
    qint64 lockOwner(const QString &project) const;

    QTemporaryDir m_dir;
    QProcessEnvironment m_environment;
    std::unique_ptr<QProcess> m_first;
    QString m_firstLog;
    QString m_projectA;
    QString m_projectB;
};

void TestSingleInstance::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A runtime folder of the test's own, so a Byline the developer runs is left alone,
    // and a home of its own for settings and the Inbox project.
    QVERIFY(QDir(m_dir.path()).mkpath(u"runtime"_s));
    QFile::setPermissions(
        m_dir.filePath(u"runtime"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    m_environment.insert(u"XDG_RUNTIME_DIR"_s, m_dir.filePath(u"runtime"_s));
    m_environment.insert(u"HOME"_s, m_dir.path());
    m_environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    m_environment.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
    m_environment.insert(u"QT_LOGGING_RULES"_s, u"byline.instance.debug=true"_s);
    m_projectA = makeProject(u"a"_s);
    m_projectB = makeProject(u"b"_s);
}

void TestSingleInstance::init()
{
    m_firstLog.clear();
    m_first = start({ m_projectA }, &m_firstLog);
    QTRY_VERIFY2_WITH_TIMEOUT(m_firstLog.contains(u"listening on"_s), qPrintable(m_firstLog), timeout);
    QTRY_VERIFY2_WITH_TIMEOUT(
        m_firstLog.contains(u"opened "_s + m_projectA), qPrintable(m_firstLog), timeout);
}

void TestSingleInstance::cleanup()
{
    if (m_first) {
        m_first->kill();
        m_first->waitForFinished(timeout);
        m_first.reset();
    }
}

void TestSingleInstance::secondProjectOpensInTheRunningProcess()
{
    QCOMPARE(runToEnd({ m_projectB }), 0);
    QTRY_VERIFY2_WITH_TIMEOUT(
        m_firstLog.contains(u"opened "_s + m_projectB), qPrintable(m_firstLog), timeout);
    // The running process is the one writer of both projects.
    QCOMPARE(lockOwner(m_projectA), m_first->processId());
    QCOMPARE(lockOwner(m_projectB), m_first->processId());
}

void TestSingleInstance::openProjectIsRaisedNotOpenedTwice()
{
    // A relative path from another working folder names the same project.
    QProcess second;
    second.setProcessEnvironment(m_environment);
    second.setWorkingDirectory(m_dir.path());
    second.start(QStringLiteral(BYLINE_BINARY), { u"a.byline"_s });
    QVERIFY(second.waitForFinished(timeout));
    QCOMPARE(second.exitCode(), 0);
    QTRY_VERIFY2_WITH_TIMEOUT(
        m_firstLog.contains(u"raised the window of "_s + m_projectA), qPrintable(m_firstLog), timeout);
    QCOMPARE(m_firstLog.count(u"opened "_s + m_projectA), 1);
    QCOMPARE(lockOwner(m_projectA), m_first->processId());
}

void TestSingleInstance::withoutFilesTheRunningWindowIsRaised()
{
    QCOMPARE(runToEnd({}), 0);
    QTRY_VERIFY2_WITH_TIMEOUT(m_firstLog.contains(u"raised a window"_s), qPrintable(m_firstLog), timeout);
}

void TestSingleInstance::aCrashedInstanceIsReplaced()
{
    m_first->kill();
    QVERIFY(m_first->waitForFinished(timeout));
    // Its lock and socket are left behind; the next Byline takes over both.
    QString log;
    auto next = start({ m_projectB }, &log);
    QTRY_VERIFY2_WITH_TIMEOUT(log.contains(u"opened "_s + m_projectB), qPrintable(log), timeout);
    QVERIFY2(log.contains(u"listening on"_s), qPrintable(log));
    QCOMPARE(lockOwner(m_projectB), next->processId());
    next->kill();
    next->waitForFinished(timeout);
}

QString TestSingleInstance::makeProject(const QString &name)
{
    const QString text = m_dir.filePath(name + u".txt"_s);
    QFile file(text);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("Headline " + name.toUtf8() + "\n\nThe minister said \"we will\" on Monday.\n");
    file.close();
    const QString project = m_dir.filePath(name + u".byline"_s);
    QProcess import;
    import.setProcessEnvironment(m_environment);
    import.start(QStringLiteral(BYLINE_BINARY), { u"import"_s, project, text });
    import.waitForFinished(timeout);
    return QFileInfo(project).canonicalFilePath();
}

std::unique_ptr<QProcess> TestSingleInstance::start(const QStringList &arguments, QString *log)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(m_environment);
    connect(process.get(), &QProcess::readyReadStandardError, this,
        [process = process.get(), log] { *log += QString::fromUtf8(process->readAllStandardError()); });
    process->start(QStringLiteral(BYLINE_BINARY), arguments);
    return process;
}

int TestSingleInstance::runToEnd(const QStringList &arguments)
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(QStringLiteral(BYLINE_BINARY), arguments);
    if (!process.waitForFinished(timeout) || process.exitStatus() != QProcess::NormalExit)
        return -1;
    return process.exitCode();
}

qint64 TestSingleInstance::lockOwner(const QString &project) const
{
    QLockFile lock(project + u".lock"_s);
    qint64 pid = 0;
    QString host;
    QString application;
    return lock.getLockInfo(&pid, &host, &application) ? pid : 0;
}

QTEST_MAIN(TestSingleInstance)
#include "tst_gui_singleinstance.moc"
