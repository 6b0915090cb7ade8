// SPDX-License-Identifier: GPL-3.0-or-later
// byline export on a project with a curated layer: the curated layer by default, everyone's with
// --annotator all, one annotator's with --annotator NAME.
#include "agreementfixtures.h"
#include "store.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

/// The annotators named in a JSONL export, each once, sorted.
QStringList annotatorsIn(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return { u"(no file)"_s };
    static const QRegularExpression annotator(u"\"annotator\":\"([^\"]*)\""_s);
    QStringList names;
    for (auto match = annotator.globalMatch(QString::fromUtf8(file.readAll())); match.hasNext();)
        names << match.next().captured(1);
    names.removeDuplicates();
    names.sort();
    return names;
}

} // namespace

class TestCliCuration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exportLayer_data();
    void exportLayer();

private:
    QTemporaryDir m_dir;
    QString m_project;
    QString m_uncurated;
};

void TestCliCuration::initTestCase()
{
    m_project = m_dir.filePath(u"curated.byline"_s);
    m_uncurated = m_dir.filePath(u"uncurated.byline"_s);
    for (const QString &path : { m_project, m_uncurated }) {
        StoreError error;
        auto store = Store::open(path, Store::Mode::ReadWrite, &error);
        QVERIFY2(store, qPrintable(error.message));
        QVERIFY(Fixtures::writeTeamProject(*store));
        if (path == m_uncurated)
            continue;
        // the curated layer, as the curation view writes it: a copy of ben's "Smith"
        const RecordId a1 = *store->articleIdForKey(u"a1"_s);
        const Article article = *store->article(a1);
        Fixtures::VersionBuilder curated(article.text, curatedLayerAnnotator);
        curated.entity(u"PERSON"_s, { u"Smith"_s });
        QVERIFY(curated.store(*store, a1));
    }
}

void TestCliCuration::exportLayer_data()
{
    QTest::addColumn<bool>("curatedProject");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QStringList>("annotators");

    const QStringList everyone { u"ana"_s, u"ben"_s, u"cleo"_s };
    QTest::newRow("default: the curated layer") << true << QStringList() << QStringList { u"curator"_s };
    QTest::newRow("all") << true << QStringList { u"--annotator"_s, u"all"_s }
                         << QStringList { u"ana"_s, u"ben"_s, u"cleo"_s, u"curator"_s };
    QTest::newRow("one annotator") << true << QStringList { u"--annotator"_s, u"ben"_s }
                                   << QStringList { u"ben"_s };
    QTest::newRow("no curated layer: everyone's") << false << QStringList() << everyone;
}

void TestCliCuration::exportLayer()
{
    QFETCH(bool, curatedProject);
    QFETCH(QStringList, arguments);
    QFETCH(QStringList, annotators);
    const QString output = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".jsonl"_s);
    QProcess process;
    process.start(QStringLiteral(BYLINE_BINARY),
        QStringList { u"export"_s, curatedProject ? m_project : m_uncurated, u"-o"_s, output } + arguments);
    QVERIFY(process.waitForFinished(60000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QCOMPARE(annotatorsIn(output), annotators);
}

QTEST_GUILESS_MAIN(TestCliCuration)
#include "tst_cli_curation.moc"
