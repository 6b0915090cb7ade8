// SPDX-License-Identifier: GPL-3.0-or-later
// Importing files into a project: bad inputs are reported by name and nothing is half-imported.
#include "articleimporter.h"
#include "store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Byline;
using namespace Qt::StringLiterals;

class TestArticleImporter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void badInputs_data();
    void badInputs();
    void hugeArticle();
    void progressAndCancel();

private:
    QString write(const QString &name, const QByteArray &data);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
};

void TestArticleImporter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    StoreError error;
    m_store = Store::open(m_dir->filePath(u"p.byline"_s), Store::Mode::ReadWrite, &error);
    QVERIFY2(m_store, qPrintable(error.message));
}

QString TestArticleImporter::write(const QString &name, const QByteArray &data)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestArticleImporter::badInputs_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("result");
    QTest::addColumn<QString>("expectedText");
    QTest::addColumn<QString>("message");

    QTest::newRow("binary") << QByteArray("\x7f"
                                          "ELF\x02\x01\x01\0\0\0\0\0",
        12) << int(ImportOutcome::Result::Failed)
                            << QString() << u"not a text file"_s;
    QTest::newRow("empty") << QByteArray() << int(ImportOutcome::Result::Failed) << QString() << u"empty"_s;
    QTest::newRow("invalid-utf8") << QByteArray("Na\xefve \xff text\n")
                                  << int(ImportOutcome::Result::Imported) << u"Naïve ÿ text\n"_s << QString();
    QTest::newRow("utf16-bom") << QByteArray("\xff\xfeH\0i\0\n\0", 8) << int(ImportOutcome::Result::Imported)
                               << u"Hi\n"_s << QString();
    QTest::newRow("emoji") << QByteArray("Rocket \xf0\x9f\x9a\x80 launch\n")
                           << int(ImportOutcome::Result::Imported) << u"Rocket 🚀 launch\n"_s << QString();
}

void TestArticleImporter::badInputs()
{
    QFETCH(QByteArray, data);
    QFETCH(int, result);
    QFETCH(QString, expectedText);
    QFETCH(QString, message);

    const QString path = write(u"input.txt"_s, data);
    ArticleImporter importer(*m_store);
    const QList<ImportOutcome> outcomes = importer.importPaths({ path });
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(int(outcomes.first().result), result);
    if (result == int(ImportOutcome::Result::Failed)) {
        QVERIFY2(outcomes.first().message.contains(message), qPrintable(outcomes.first().message));
        QVERIFY(outcomes.first().message.contains(u"input.txt"_s));
        QCOMPARE(m_store->articleCount(), 0);
    } else {
        QCOMPARE(m_store->articleCount(), 1);
        QCOMPARE(m_store->article(outcomes.first().articleId)->text, expectedText);
    }
}

void TestArticleImporter::hugeArticle()
{
    // About 20 MB of text, with an emoji in each paragraph to keep offsets honest.
    QByteArray data;
    const QByteArray paragraph
        = "The minister said \xe2\x80\x9cwe will \xf0\x9f\x9a\x80 grow\xe2\x80\x9d by 2,030 jobs.\n\n";
    while (data.size() < 20 * 1024 * 1024)
        data += paragraph;
    const QString path = write(u"huge.txt"_s, data);
    const QString expected = QString::fromUtf8(data);

    ArticleImporter importer(*m_store);
    const QList<ImportOutcome> outcomes = importer.importPaths({ path });
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.first().result, ImportOutcome::Result::Imported);
    const auto article = m_store->article(outcomes.first().articleId);
    QVERIFY(article);
    QCOMPARE(article->text.size(), expected.size());
    QVERIFY(article->text == expected);
}

void TestArticleImporter::progressAndCancel()
{
    QVERIFY(QDir(m_dir->path()).mkpath(u"folder"_s));
    for (int i = 0; i < 5; ++i)
        write(u"folder/article-%1.txt"_s.arg(i), "Title\n\nText " + QByteArray::number(i) + "\n");

    QList<std::pair<int, int>> calls;
    ArticleImporter importer(*m_store);
    const auto outcomes
        = importer.importPaths({ m_dir->filePath(u"folder"_s) }, [&calls](int done, int total) {
              calls.append({ done, total });
              return done < 2; // cancel after the second file
          });
    QCOMPARE(outcomes.size(), 2);
    QCOMPARE(m_store->articleCount(), 2);
    QCOMPARE(calls, (QList<std::pair<int, int>> { { 1, 5 }, { 2, 5 } }));
}

QTEST_GUILESS_MAIN(TestArticleImporter)
#include "tst_articleimporter.moc"
