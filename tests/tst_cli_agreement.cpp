// SPDX-License-Identifier: GPL-3.0-or-later
// byline agreement, run as a user runs it, on a project three annotators worked on.
#include "agreement/agreementrun.h"
#include "agreementfixtures.h"
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run byline(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(BYLINE_BINARY), arguments);
    if (!process.waitForFinished(60000))
        return {};
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

/// The cells of the table row that starts with name, split at runs of spaces.
QStringList rowOf(const QString &table, const QString &name)
{
    for (const QString &line : table.split(u'\n')) {
        if (line.startsWith(name + u' '))
            return line.mid(name.size()).split(u' ', Qt::SkipEmptyParts);
    }
    return {};
}

} // namespace

class TestCliAgreement : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tableHasAPairPerRow();
    void jsonMatchesTheLibrary();
    void oneArticle();
    void projectWithoutSecondAnnotator();
    void errors_data();
    void errors();

private:
    QTemporaryDir m_dir;
    QString m_project;
};

void TestCliAgreement::initTestCase()
{
    m_project = m_dir.filePath(u"team.byline"_s);
    StoreError error;
    auto store = Store::open(m_project, Store::Mode::ReadWrite, &error);
    QVERIFY2(store, qPrintable(error.message));
    QVERIFY(Fixtures::writeTeamProject(*store));
}

void TestCliAgreement::tableHasAPairPerRow()
{
    const Run run = byline({ u"agreement"_s, m_project });
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(
        run.out.contains(u"2 of 3 articles annotated by two or more of 3 annotators"_s), qPrintable(run.out));
    const QStringList header = rowOf(run.out, u"pair"_s);
    QCOMPARE(header,
        (QStringList { u"articles"_s, u"exact_f1"_s, u"overlap_f1"_s, u"kappa"_s, u"alpha"_s, u"f1"_s,
            u"char_f1"_s, u"speaker"_s, u"kind"_s, u"f1"_s, u"value"_s }));
    // ana and cleo agree on everything in the one article they share
    QCOMPARE(rowOf(run.out, u"ana / cleo"_s), QStringList(u"1"_s) + QStringList(10, u"1.000"_s));
    // ana and ben: see agreementfixtures.h
    const QStringList anaBen = rowOf(run.out, u"ana / ben"_s);
    QCOMPARE(anaBen.size(), 11);
    QCOMPARE(anaBen[1], u"0.000"_s); // exact
    QCOMPARE(anaBen[2], u"0.500"_s); // overlap
    QCOMPARE(anaBen[5], u"1.000"_s); // quotes matched
    QCOMPARE(anaBen[8], u"0.000"_s); // kind
    QCOMPARE(anaBen[10], u"0.000"_s); // figure value
    QVERIFY(rowOf(run.out, u"ben / cleo"_s).isEmpty());
    // all annotators: alpha only
    const QStringList all = rowOf(run.out, u"all annotators"_s);
    QCOMPARE(all.size(), 11);
    QCOMPARE(all.count(u"-"_s), 9);
}

void TestCliAgreement::jsonMatchesTheLibrary()
{
    const Run run = byline({ u"agreement"_s, u"--json"_s, m_project });
    QCOMPARE(run.exitCode, 0);
    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);

    StoreError storeError;
    const auto store = Store::open(m_project, Store::Mode::ReadOnly, &storeError);
    QVERIFY(store);
    const AgreementReport report = AgreementRun::run(*store);
    QCOMPARE(json, report.toJson());

    QCOMPARE(json["articles_compared"_L1].toInt(), 2);
    const QJsonArray pairs = json["pairs"_L1].toArray();
    QCOMPARE(pairs.size(), 2);
    const QJsonObject anaBen = pairs[0].toObject();
    QCOMPARE(anaBen["annotators"_L1].toArray(), (QJsonArray { u"ana"_s, u"ben"_s }));
    QCOMPARE(anaBen["entities"_L1]["overlap_f1"_L1].toDouble(), 0.5);
    QCOMPARE(anaBen["quotes"_L1]["speaker"_L1].toDouble(), 0.0);
    QCOMPARE(anaBen["figures"_L1]["f1"_L1].toDouble(), 1.0);
    QVERIFY(json["all"_L1]["alpha"_L1].isDouble());
}

void TestCliAgreement::oneArticle()
{
    const Run run = byline({ u"agreement"_s, u"--json"_s, u"--article"_s, u"a2"_s, m_project });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json["articles_read"_L1].toInt(), 1);
    const QJsonArray pairs = json["pairs"_L1].toArray();
    QCOMPARE(pairs.size(), 1);
    QCOMPARE(pairs[0]["annotators"_L1].toArray(), (QJsonArray { u"ana"_s, u"cleo"_s }));
    QCOMPARE(json["all"_L1]["alpha"_L1].toDouble(), 1.0);

    // a3: ana alone (the extractor's suggestion is nobody's judgement)
    const Run alone = byline({ u"agreement"_s, u"--article"_s, u"a3"_s, m_project });
    QCOMPARE(alone.exitCode, 0);
    QVERIFY2(
        alone.out.contains(u"no article of 1 read was annotated by two annotators"_s), qPrintable(alone.out));
}

void TestCliAgreement::projectWithoutSecondAnnotator()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"solo.byline"_s);
    {
        StoreError error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY(store);
        Article article;
        article.text = u"Only 😀 one reader."_s;
        QVERIFY(store->addArticle(article));
    }
    const Run run = byline({ u"agreement"_s, u"--json"_s, path });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QVERIFY(json["pairs"_L1].toArray().isEmpty());
    QVERIFY(json["all"_L1]["alpha"_L1].isNull());
}

void TestCliAgreement::errors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("no project") << QStringList {} << 1 << u"exactly one project"_s;
    QTest::newRow("two projects") << QStringList { u"PROJECT"_s, u"PROJECT"_s } << 1
                                  << u"exactly one project"_s;
    QTest::newRow("unknown article") << QStringList { u"--article"_s, u"zz"_s, u"PROJECT"_s } << 1
                                     << u"no article zz"_s;
    QTest::newRow("no such file") << QStringList { u"missing.byline"_s } << 1 << u"missing.byline"_s;
    QTest::newRow("unknown option") << QStringList { u"--bogus"_s, u"PROJECT"_s } << 2 << u"bogus"_s;
}

void TestCliAgreement::errors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    arguments.replaceInStrings(u"PROJECT"_s, m_project);
    arguments.replaceInStrings(u"missing.byline"_s, m_dir.filePath(u"missing.byline"_s));
    const Run run = byline(QStringList(u"agreement"_s) + arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestCliAgreement)
#include "tst_cli_agreement.moc"
