// SPDX-License-Identifier: GPL-3.0-or-later
// Web pages and plain text as registry formats: the main text of a page (golden file), what
// the tolerant scanner drops and keeps, encodings, and hostile pages.
#include "formatroundtrip.h"
#include "formats/formatregistry.h"
#include "formats/htmlformat.h"
#include "formats/htmltext.h"
#include "formats/textformat.h"

#include <QTest>

using namespace Byline;
using namespace Byline::FormatRoundTrip;
using namespace Qt::StringLiterals;

class TestFormatsHtml final : public QObject {
    Q_OBJECT

private:
    static QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
    {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(file.fileName()));
        file.write(bytes);
        return file.fileName();
    }

private Q_SLOTS:
    void testRegistry_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("file");
        QTest::newRow("html") << u"html"_s << u"page.htm"_s;
        QTest::newRow("text") << u"text"_s << u"article.txt"_s;
    }

    void testRegistry()
    {
        QFETCH(QString, name);
        QFETCH(QString, file);
        const auto format = FormatRegistry::create(name);
        QVERIFY(format);
        QCOMPARE(format->shortName(), name);
        QCOMPARE(format->capabilities(), DatasetFormat::Capabilities(DatasetFormat::CanRead));
        QVERIFY(FormatRegistry::shortNames(DatasetFormat::CanRead).contains(name));
        QVERIFY(!FormatRegistry::shortNames(DatasetFormat::CanWrite).contains(name));
        QCOMPARE(FormatRegistry::forFileName(file, DatasetFormat::CanRead)->shortName(), name);
        QVERIFY(!FormatRegistry::forFileName(file, DatasetFormat::CanWrite));
    }

    void testAllShortNames()
    {
        const QStringList names = FormatRegistry::shortNames();
        for (const QString &name : { u"jsonl"_s, u"csv"_s, u"conll"_s, u"brat"_s, u"text"_s, u"html"_s })
            QVERIFY2(names.contains(name), qPrintable(names.join(u", "_s)));
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    }

    void testGolden()
    {
        QTemporaryDir dir;
        const HtmlText page(QString::fromUtf8(contents(data(u"formats/page.html"_s))));
        QCOMPARE(page.title(), u"Petrol duties frozen, Brown says"_s);
        QCOMPARE(page.published(), u"2005-03-16T10:30:00Z"_s);
        QCOMPARE(page.url(), u"https://news.example.org/business/petrol-duties"_s);
        const QString out = dir.filePath(u"page.txt"_s);
        QFile file(out);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(page.text().toUtf8());
        file.close();
        const QString difference = compareWithGolden(out, u"page.txt"_s);
        QVERIFY2(difference.isEmpty(), qPrintable(difference));
    }

    void testMainText_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("text");
        QTest::newRow("paragraphs") << u"<p>One\n two.</p><p>Three.</p>"_s << u"One two.\n\nThree."_s;
        QTest::newRow("unclosed-p") << u"<p>One.<p>Two."_s << u"One.\n\nTwo."_s;
        QTest::newRow("script-with-tags")
            << u"<p>A.</p><script>x = '</p><p>B';</script><p>C.</p>"_s << u"A.\n\nC."_s;
        QTest::newRow("nav-header-footer-aside")
            << u"<nav>Home</nav><header>Site</header><p>Story.</p><aside>More</aside><footer>(c)</footer>"_s
            << u"Story."_s;
        QTest::newRow("article-header-kept") << u"<header>Site</header><article><header><h1>Title</h1></"
                                                u"header><p>Story.</p><footer>Tags</footer>"
                                                "</article><footer>(c)</footer>"_s
                                             << u"Title\n\nStory.\n\nTags"_s;
        QTest::newRow("header-class-is-not-furniture")
            << u"<div class=\"article-header\"><p>Lead.</p></div>"_s << u"Lead."_s;
        QTest::newRow("form") << u"<p>Story.</p><form><p>Search</p></form>"_s << u"Story."_s;
        QTest::newRow("read-more-and-share") << u"<p>Story.</p><p>Read more: other things</p><p>SHARE</p>"
                                                "<p>Share on Twitter</p><p>Shares fell 5%.</p>"_s
                                             << u"Story.\n\nShares fell 5%."_s;
        QTest::newRow("furniture-by-class") << u"<div class=\"social-share\">Facebook</div><p>Story.</p>"
                                               "<div id=\"comments\"><p>First!</p></div>"_s
                                            << u"Story."_s;
        QTest::newRow("article-only")
            << u"<p>Teaser elsewhere.</p><article><p>Story.</p></article>"_s << u"Story."_s;
        QTest::newRow("entities")
            << u"<p>&ldquo;Yes&rdquo; &amp; &#233;t&eacute; &#x1F600; &bogus; a &lt; b</p>"_s
            << u"“Yes” & été 😀 &bogus; a < b"_s;
        QTest::newRow("less-than-in-text") << u"<p>1 < 2 and 3 > 2</p>"_s << u"1 < 2 and 3 > 2"_s;
        QTest::newRow("comment") << u"<p>A<!-- <p>hidden</p> -->B</p>"_s << u"AB"_s;
        QTest::newRow("attribute-with-gt") << u"<p title=\"a > b\">Text</p>"_s << u"Text"_s;
        QTest::newRow("stray-close-tags") << u"</div></p><p>Text</span></p>"_s << u"Text"_s;
        QTest::newRow("truncated") << u"<p>Text and <a href=\"x"_s << u"Text and"_s;
    }

    void testMainText()
    {
        QFETCH(QString, html);
        QFETCH(QString, text);
        QCOMPARE(HtmlText(html).text(), text);
    }

    void testTitle_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("title");
        QTest::newRow("h1") << u"<title>Site | Story</title><h1>The story</h1><p>x</p>"_s << u"The story"_s;
        QTest::newRow("title") << u"<title>Only &amp; title</title><p>x</p>"_s << u"Only & title"_s;
        QTest::newRow("h1-in-article-header")
            << u"<title>Site | Story</title><article><header><h1>The story</h1></header><p>x</p></article>"_s
            << u"The story"_s;
        QTest::newRow("h1-of-article")
            << u"<h1>Site name</h1><article><h1>The story</h1><p>x</p></article>"_s << u"The story"_s;
    }

    void testTitle()
    {
        QFETCH(QString, html);
        QFETCH(QString, title);
        QCOMPARE(HtmlText(html).title(), title);
    }

    void testReadsIntoTheProject()
    {
        QTemporaryDir dir;
        const auto store = newProject(dir, u"p"_s);
        HtmlFormat html;
        FormatReadReport report;
        QVERIFY2(
            html.read(*store, data(u"formats/page.html"_s), &report, {}), qPrintable(html.errorString()));
        QCOMPARE(report.articles, 1);
        const Article article = documents(*store).first().article;
        QCOMPARE(article.key, u"page"_s);
        QCOMPARE(article.title, u"Petrol duties frozen, Brown says"_s);
        QCOMPARE(article.published, u"2005-03-16"_s);
        QCOMPARE(article.source, u"https://news.example.org/business/petrol-duties"_s);
        // the same page again is skipped, not doubled
        QVERIFY(html.read(*store, data(u"formats/page.html"_s), &report, {}));
        QCOMPARE(report.skipped, 1);
        QCOMPARE(store->articleCount(), 1);
    }

    void testEncodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("warns");
        QTest::newRow("utf8") << QByteArray("<p>caf\xc3\xa9</p>") << u"café"_s << false;
        QTest::newRow("declared-latin1")
            << QByteArray("<meta charset=\"iso-8859-1\"><p>caf\xe9</p>") << u"café"_s << false;
        QTest::newRow("undeclared-windows-1252") << QByteArray("<p>\x93"
                                                               "caf\xe9\x94</p>")
                                                 << u"“café”"_s << true;
        QTest::newRow("utf16-bom") << QByteArray("\xff\xfe<\0p\0>\0\xe9\0<\0/\0p\0>\0", 18) << u"é"_s
                                   << false;
    }

    void testEncodings()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        QFETCH(bool, warns);
        QTemporaryDir dir;
        const auto store = newProject(dir, u"p"_s);
        HtmlFormat html;
        FormatReadReport report;
        QVERIFY2(html.read(*store, writeFile(dir, u"page.html"_s, bytes), &report, {}),
            qPrintable(html.errorString()));
        QCOMPARE(documents(*store).first().article.text, text);
        QCOMPARE(!report.warnings.isEmpty(), warns);
    }

    void testHostile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("only-furniture")
            << QByteArray("<nav>Home</nav><footer>(c)</footer>") << u"no article text"_s;
        QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0", 11) << u"bad.html"_s;
        QTest::newRow("empty") << QByteArray() << u"bad.html"_s;
    }

    void testHostile()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const auto store = newProject(dir, u"p"_s);
        HtmlFormat html;
        QVERIFY(!html.read(*store, writeFile(dir, u"bad.html"_s, bytes), nullptr, {}));
        QVERIFY2(html.errorString().contains(message), qPrintable(html.errorString()));
        QCOMPARE(store->articleCount(), 0);
    }

    void testPlainTextThroughTheRegistry()
    {
        QTemporaryDir dir;
        const auto store = newProject(dir, u"p"_s);
        const QString file = writeFile(dir, u"putin.txt"_s, "Putin speaks\n\n😀 Putin said it.\n");
        const auto text = FormatRegistry::forFileName(file, DatasetFormat::CanRead);
        QVERIFY(text);
        FormatReadReport report;
        QVERIFY2(text->read(*store, file, &report, {}), qPrintable(text->errorString()));
        QCOMPARE(report.articles, 1);
        QCOMPARE(documents(*store).first().article.title, u"Putin speaks"_s);
        QVERIFY(text->read(*store, file, &report, {}));
        QCOMPARE(report.skipped, 1);
        QVERIFY(!text->read(*store, dir.filePath(u"missing.txt"_s), &report, {}));
        QVERIFY2(text->errorString().contains(u"missing.txt"_s), qPrintable(text->errorString()));
    }
};

QTEST_GUILESS_MAIN(TestFormatsHtml)
#include "tst_formats_html.moc"
