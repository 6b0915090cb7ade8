// SPDX-License-Identifier: GPL-3.0-or-later
#include "articlehighlighter.h"
#include "articleview.h"

#include "articlefixtures.h"

#include <KSyntaxHighlighting/Theme>

#include <QApplication>
#include <QFile>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QToolTip>

using namespace Byline;
using namespace Qt::StringLiterals;

namespace {

QString selectedArticleText(const ArticleView &view)
{
    // QTextCursor reports paragraph breaks as U+2029; the article has '\n' there.
    return view.textCursor().selectedText().replace(QChar::ParagraphSeparator, u'\n');
}

/// The span of the @p occurrence-th (from 0) @p needle in @p text.
Span find(const QString &text, QStringView needle, int occurrence = 0)
{
    qsizetype from = 0;
    for (int i = 0;; ++i) {
        const qsizetype start = text.indexOf(needle, from);
        if (start < 0 || i == occurrence)
            return start < 0 ? Span() : Span { start, start + needle.size() };
        from = start + 1;
    }
}

} // namespace

class TestArticleView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testSelectSpan_data();
    void testSelectSpan();
    void testPositionsAreUtf16Offsets_data();
    void testPositionsAreUtf16Offsets();
    void testClickEmitsPosition_data();
    void testClickEmitsPosition();
    void testDragDoesNotEmit();
    void testHighlightsAt();
    void testInvalidHighlightsDropped();
    void testToolTipListsEveryHighlight();
    void testKeyboardSelects();
    void testQuoteFormatDiffers();
    void testDarkPaletteGetsDarkTheme();
    void testFollowsApplicationPalette();
    void testLongArticleRenders();
    void testSampleRenders_data();
    void testSampleRenders();
};

void TestArticleView::testSelectSpan_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("wanted");

    QTest::newRow("plain") << u"Putin said on Monday that terrorism targeted Kazakhstan."_s << u"Monday"_s;
    QTest::newRow("after-emoji") << u"Tokayev 😀 spoke of “a coup attempt” by 😀😀 fighters."_s
                                 << u"fighters"_s;
    QTest::newRow("emoji-inside") << u"He posted 🇰🇿 flags and “😀 smiles”."_s << u"“😀 smiles”"_s;
    QTest::newRow("later-paragraph")
        << u"First 😀 paragraph.\n\nSecond one 😀.\nThird line with 2,030 troops."_s << u"2,030 troops"_s;
    QTest::newRow("across-paragraphs") << u"One 😀 end.\nNext start here."_s << u"end.\nNext"_s;
    QTest::newRow("crlf") << u"Windows line\r\nends 😀 here.\r\nLast words."_s << u"Last words"_s;
    QTest::newRow("lone-cr") << u"Old Mac line\rends 😀 here.\rLast words."_s << u"Last words"_s;
}

void TestArticleView::testSelectSpan()
{
    QFETCH(QString, text);
    QFETCH(QString, wanted);
    ArticleView view;
    view.resize(500, 300);
    view.setArticleText(text);

    const qsizetype start = text.indexOf(wanted);
    QVERIFY(start >= 0);
    const Span span { start, start + wanted.size() };
    view.selectSpan(span);

    QCOMPARE(selectedArticleText(view), wanted);
    QCOMPARE(view.textCursor().selectionStart(), span.start);
    QCOMPARE(view.textCursor().selectionEnd(), span.end);
    QCOMPARE(view.currentSpan(), span);
}

void TestArticleView::testPositionsAreUtf16Offsets_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("emoji-and-flags") << u"A 😀 b\nc 🇰🇿 d\n\ne “f” 😀"_s;
    QTest::newRow("crlf") << u"A 😀 b\r\nc 🇰🇿 d\r\n\r\ne “f” 😀\r\n"_s;
    QTest::newRow("lone-cr-and-separators") << u"A\rb\u2028c\u2029d\te"_s;
}

void TestArticleView::testPositionsAreUtf16Offsets()
{
    QFETCH(QString, text);
    ArticleView view;
    view.setArticleText(text);
    QCOMPARE(view.articleText(), text);
    QCOMPARE(view.document()->characterCount() - 1, text.size());
    // Every visible character sits at its offset in the text.
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar shown = view.document()->characterAt(int(i));
        const QChar original = text.at(i);
        if (original == u'\n' || original == u'\r' || original == QChar::ParagraphSeparator)
            continue;
        QCOMPARE(shown, original);
    }
}

void TestArticleView::testClickEmitsPosition_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("target");

    QTest::newRow("first-line") << u"Putin warned about “color revolutions” in the region."_s
                                << u"revolutions"_s;
    QTest::newRow("after-emoji") << u"Smile 😀😀 then “coup attempt” here."_s << u"attempt"_s;
    QTest::newRow("third-paragraph") << u"One.\n\nTwo 😀.\n\nThree and the 2,030 soldiers."_s
                                     << u"soldiers"_s;
}

void TestArticleView::testClickEmitsPosition()
{
    QFETCH(QString, text);
    QFETCH(QString, target);
    ArticleView view;
    view.resize(600, 300);
    view.setArticleText(text);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QSignalSpy spy(&view, &ArticleView::spanClicked);
    const qsizetype position = text.indexOf(target);
    QTextCursor cursor(view.document());
    cursor.setPosition(int(position));

    // Exactly at the cursor rectangle: the gap before the character.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.cursorRect(cursor).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<qsizetype>(), position);

    // Inside the second character of the target.
    cursor.setPosition(int(position + 1));
    const QRect second = view.cursorRect(cursor);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, second.center() + QPoint(2, 0));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).value<qsizetype>(), position + 1);
    QVERIFY(!view.textCursor().hasSelection());
}

void TestArticleView::testDragDoesNotEmit()
{
    const QString text = u"Kassym-Jomart Tokayev said what happened was a movement of militant groups."_s;
    ArticleView view;
    view.resize(600, 300);
    view.setArticleText(text);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QSignalSpy spy(&view, &ArticleView::spanClicked);
    QTextCursor from(view.document());
    from.setPosition(int(text.indexOf(u"said")));
    QTextCursor to(view.document());
    to.setPosition(int(text.indexOf(u"movement")));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, view.cursorRect(from).center());
    QTest::mouseMove(view.viewport(), view.cursorRect(to).center());
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, view.cursorRect(to).center());
    QCOMPARE(spy.count(), 0);
    QVERIFY(view.textCursor().hasSelection());
}

void TestArticleView::testHighlightsAt()
{
    const QString text = u"😀 Putin said “global terrorism” has targeted Kazakhstan, 2,030 troops."_s;
    ArticleView view;
    view.setArticleText(text);
    const qsizetype quote = text.indexOf(u"“global");
    const qsizetype putin = text.indexOf(u"Putin");
    const qsizetype figure = text.indexOf(u"2,030");
    view.setHighlights({
        { { figure, figure + 12 }, SpanHighlight::FigureFrame, Qt::red, u"Figure: 2030 troops"_s, 2, 4 },
        { { quote, text.indexOf(u"” has") + 1 }, SpanHighlight::QuoteUnderline, Qt::blue, u"Quote"_s, 1, 1 },
        { { putin, putin + 5 }, SpanHighlight::EntityBackground, Qt::green, u"PERSON Putin"_s, 0, 2 },
        { { putin, putin + 10 }, SpanHighlight::SourceUnderline, Qt::blue, u"Source"_s, 1, 3 },
        // A long span starting early must still be found far from its start.
        { { 0, text.size() }, SpanHighlight::CueFrame, Qt::gray, u"Everything"_s, 0, 5 },
    });

    auto ids = [&view](qsizetype position) {
        QList<qint64> result;
        for (const SpanHighlight &h : view.highlightsAt(position))
            result.append(h.id);
        std::sort(result.begin(), result.end());
        return result;
    };
    QCOMPARE(ids(putin), (QList<qint64> { 2, 3, 5 }));
    QCOMPARE(ids(putin + 5), (QList<qint64> { 3, 5 }));
    QCOMPARE(ids(putin + 10), (QList<qint64> { 5 }));
    QCOMPARE(ids(quote + 3), (QList<qint64> { 1, 5 }));
    QCOMPARE(ids(figure + 11), (QList<qint64> { 4, 5 }));
    QCOMPARE(ids(figure + 12), (QList<qint64> { 5 }));
    QCOMPARE(ids(text.size()), QList<qint64> {});
    QCOMPARE(view.highlights().size(), 5);
    QVERIFY(std::is_sorted(view.highlights().cbegin(), view.highlights().cend(),
        [](const SpanHighlight &a, const SpanHighlight &b) { return a.span.start < b.span.start; }));
}

void TestArticleView::testInvalidHighlightsDropped()
{
    ArticleView view;
    view.setArticleText(u"short"_s);
    view.setHighlights({ { { 2, 99 }, SpanHighlight::FigureFrame, Qt::red, {}, 0, 1 },
        { { 3, 1 }, SpanHighlight::FigureFrame, Qt::red, {}, 0, 2 },
        { { 0, 5 }, SpanHighlight::FigureFrame, Qt::red, {}, 0, 3 } });
    QCOMPARE(view.highlights().size(), 1);
    QCOMPARE(view.highlights().first().id, 3);
    view.setArticleText(u"other"_s);
    QVERIFY(view.highlights().isEmpty());
}

void TestArticleView::testToolTipListsEveryHighlight()
{
    const QString text = u"The president of Kazakhstan said “AT&T <b>never</b>” again."_s;
    ArticleView view;
    view.resize(700, 200);
    view.setArticleText(text);
    const Span country = find(text, u"Kazakhstan");
    const Span quote = find(text, u"“AT&T <b>never</b>”");
    view.setHighlights({
        { country, SpanHighlight::EntityBackground, Qt::green, u"GPE Kazakhstan"_s, 0, 1 },
        { { find(text, u"The").start, country.end }, SpanHighlight::SourceUnderline, Qt::blue,
            u"Source of quote 1"_s, 1, 2 },
        { quote, SpanHighlight::QuoteUnderline, Qt::blue, u"Quote: AT&T <b>never</b>"_s, 1, 3 },
    });
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const auto hover = [&view](qsizetype position) {
        QTextCursor cursor(view.document());
        cursor.setPosition(int(position));
        const QPoint point = view.cursorRect(cursor).center() + QPoint(2, 0);
        QCOMPARE(view.positionAt(point), position);
        QHelpEvent event(QEvent::ToolTip, point, view.viewport()->mapToGlobal(point));
        QCoreApplication::sendEvent(view.viewport(), &event);
    };
    hover(country.start + 2);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(u"GPE Kazakhstan"_s), qPrintable(QToolTip::text()));
    QVERIFY2(QToolTip::text().contains(u"Source of quote 1"_s), qPrintable(QToolTip::text()));
    QVERIFY(!QToolTip::text().contains(u"Quote:"_s));

    // Markup in a tooltip is shown as written, not interpreted.
    hover(quote.start + 3);
    QTRY_VERIFY(QToolTip::text().contains(u"AT&amp;T &lt;b&gt;never&lt;/b&gt;"_s));
    QVERIFY(Qt::mightBeRichText(QToolTip::text()));

    hover(find(text, u"again").start);
    QTRY_VERIFY(!QToolTip::isVisible());
}

void TestArticleView::testKeyboardSelects()
{
    const QString text = u"Putin 😀 warned Russia would not allow revolutions."_s;
    ArticleView view;
    view.setArticleText(text);
    view.show();
    view.activateWindow();
    view.setFocus();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    QVERIFY(view.isReadOnly());

    QTest::keyClick(&view, Qt::Key_Home, Qt::ControlModifier);
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(&view, Qt::Key_Right, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(view.textCursor().hasSelection());
    QVERIFY2(
        selectedArticleText(view).startsWith(u"Putin 😀 warned"_s), qPrintable(selectedArticleText(view)));

    // Typing changes nothing.
    QTest::keyClicks(&view, u"xyz"_s);
    QCOMPARE(view.document()->toPlainText(), text);
}

void TestArticleView::testQuoteFormatDiffers()
{
    const QString text = u"Putin said “global terrorism” has targeted Kazakhstan."_s;
    ArticleView view;
    view.setArticleText(text);
    QVERIFY(view.highlighter()->definition().isValid());
    QCOMPARE(view.highlighter()->definition().name(), u"Byline Article"_s);

    const QTextBlock block = view.document()->firstBlock();
    const auto formatAt = [&block](qsizetype position) {
        for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
            if (position >= range.start && position < range.start + range.length)
                return range.format;
        }
        return QTextCharFormat();
    };
    const qsizetype quote = text.indexOf(u"global");
    const qsizetype plain = text.indexOf(u"targeted");
    QVERIFY(formatAt(quote).foreground() != formatAt(plain).foreground());
    QCOMPARE(formatAt(quote).foreground(), formatAt(text.indexOf(u"“")).foreground());
}

void TestArticleView::testDarkPaletteGetsDarkTheme()
{
    ArticleView view;
    view.setArticleText(u"Plain text and “a quote”."_s);
    const auto lightBackground = QColor::fromRgb(
        view.highlighter()->theme().editorColor(KSyntaxHighlighting::Theme::BackgroundColor));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x22, 0x25));
    dark.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    view.setPalette(dark);

    const auto theme = view.highlighter()->theme();
    const auto background = QColor::fromRgb(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor));
    QVERIFY2(background.lightness() < 128, qPrintable(theme.name()));
    QVERIFY(lightBackground.lightness() >= 128);

    // The quote is drawn in the dark theme's colours after the switch.
    const QTextBlock block = view.document()->firstBlock();
    const qsizetype quote = block.text().indexOf(u"a quote");
    bool found = false;
    for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
        if (quote >= range.start && quote < range.start + range.length) {
            QVERIFY(range.format.foreground().color().lightness() >= 128);
            found = true;
        }
    }
    QVERIFY(found);

    // The selection stays visible when a panel has the focus.
    QCOMPARE(view.palette().color(QPalette::Inactive, QPalette::Highlight), QColor(0x3d, 0xae, 0xe9));
}

void TestArticleView::testFollowsApplicationPalette()
{
    ArticleView view;
    view.setArticleText(u"Plain text and “a quote”."_s);
    const auto isDarkTheme = [&view] {
        const auto theme = view.highlighter()->theme();
        return QColor::fromRgb(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor)).lightness()
            < 128;
    };
    QVERIFY(!isDarkTheme());

    const QPalette original = QApplication::palette();
    QPalette dark = original;
    dark.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
    dark.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    QApplication::setPalette(dark);
    QTRY_VERIFY(isDarkTheme());
    QCOMPARE(view.palette().color(QPalette::Base), QColor(0x1b, 0x1e, 0x20));
    QCOMPARE(view.palette().color(QPalette::Inactive, QPalette::Highlight), QColor(0x3d, 0xae, 0xe9));

    QApplication::setPalette(original);
    QTRY_VERIFY(!isDarkTheme());
}

void TestArticleView::testLongArticleRenders()
{
    const QString text = Fixtures::longArticle(10'000);
    ArticleView view;
    view.resize(900, 700);
    view.setArticleText(text);
    view.setHighlights(Fixtures::manyHighlights(text, 2'000));
    QCOMPARE(view.highlights().size(), 2'000);

    const QImage top = view.grab().toImage();
    QVERIFY(!top.isNull());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const Span span = view.highlights().at(1'500).span;
    view.selectSpan(span);
    QVERIFY(view.verticalScrollBar()->value() > 0);
    QCOMPARE(view.textCursor().selectionStart(), span.start);
    QCOMPARE(view.textCursor().selectionEnd(), span.end);
    // Centred: the start of the span is within two lines of the middle.
    const int centre = view.viewport()->height() / 2;
    QVERIFY2(std::abs(view.cursorRect().center().y() - centre) <= 2 * view.fontMetrics().height(),
        qPrintable(u"%1 vs %2"_s.arg(view.cursorRect().center().y()).arg(centre)));
    const QImage middle = view.grab().toImage();
    QVERIFY(!middle.isNull());
    QVERIFY(top != middle);
}

void TestArticleView::testSampleRenders_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

// Renders the sample article with every style; set BYLINE_SCREENSHOT_DIR to keep the
// images and look at them.
void TestArticleView::testSampleRenders()
{
    QFETCH(bool, dark);
    QFile file(u":/byline/samples/kazakhstan-coup-putin.txt"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());

    ArticleView view;
    if (dark) {
        QPalette palette;
        palette.setColor(QPalette::Window, QColor(0x23, 0x26, 0x29));
        palette.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
        palette.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
        palette.setColor(QPalette::WindowText, QColor(0xfc, 0xfc, 0xfc));
        palette.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
        palette.setColor(QPalette::HighlightedText, QColor(0xfc, 0xfc, 0xfc));
        view.setPalette(palette);
    }
    view.resize(820, 1150);
    view.setArticleText(text);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    const QColor person(0xe0, 0x8a, 0x1e);
    const QColor place(0x2e, 0x9e, 0x5b);
    const QColor org(0x8e, 0x5c, 0xd9);
    const QColor quote(0x1d, 0x6f, 0xd8);
    const QColor figure(0xd0, 0x3a, 0x3a);
    const QList<SpanHighlight> highlights = {
        { find(text, u"Vladimir Putin", 1), SpanHighlight::EntityBackground, person,
            u"PERSON Vladimir Putin"_s, 0, 1 },
        { find(text, u"Kazakhstan", 2), SpanHighlight::EntityBackground, place, u"GPE Kazakhstan"_s, 0, 2 },
        { find(text, u"Kassym-Jomart Tokayev"), SpanHighlight::EntityBackground, person, u"PERSON Tokayev"_s,
            0, 3 },
        { find(text, u"Russian President Vladimir Putin"), SpanHighlight::SourceUnderline, quote,
            u"Source of quote 1"_s, 1, 4 },
        { find(text, u"said", 0), SpanHighlight::CueFrame, quote, u"Cue of quote 1"_s, 1, 5 },
        { find(text, u"“global terrorism”"), SpanHighlight::QuoteUnderline, quote, u"Quote 1 (mixed)"_s, 1,
            6 },
        { find(text, u"“a movement of militant groups waiting for the right moment for them”"),
            SpanHighlight::QuoteUnderline, quote, u"Quote 2 (direct)"_s, 1, 7 },
        { find(text, u"Kassym-Jomart Tokayev"), SpanHighlight::SourceUnderline, quote, u"Source of quote 2"_s,
            1, 8 },
        { find(text, u"said", 1), SpanHighlight::CueFrame, quote, u"Cue of quote 2"_s, 1, 9 },
        { find(text, u"16 members of the security forces"), SpanHighlight::FigureFrame, figure,
            u"Figure: 16 members"_s, 2, 10 },
        { find(text, u"2,030 soldiers"), SpanHighlight::FigureFrame, figure, u"Figure: 2030 soldiers"_s, 2,
            11 },
        { find(text, u"250 pieces of military equipment"), SpanHighlight::FigureFrame, figure,
            u"Figure: 250 pieces"_s, 2, 12 },
        { find(text, u"CSTO", 1), SpanHighlight::EntityBackground, org, u"ORG CSTO"_s, 0, 13 },
        { find(text, u"“Very soon,”"), SpanHighlight::QuoteUnderline, quote, u"Quote 3, part 1"_s, 1, 14 },
        { find(text,
              u"“the large-scale counter-terrorism operation will end with the effective and successful "
              u"mission”"),
            SpanHighlight::QuoteUnderline, quote, u"Quote 3, part 2"_s, 1, 15 },
        { { find(text, u"he explained").start, find(text, u"he explained").start + 2 },
            SpanHighlight::SourceUnderline, quote, u"Source of quote 3"_s, 1, 16 },
        { find(text, u"explained"), SpanHighlight::CueFrame, quote, u"Cue of quote 3"_s, 1, 17 },
        { find(text, u"Tokayev", 3), SpanHighlight::EntityBackground, person, u"PERSON Tokayev"_s, 0, 18 },
    };
    for (const SpanHighlight &h : highlights)
        QVERIFY2(!h.span.isNull(), qPrintable(h.tooltip));
    view.setHighlights(highlights);
    QCOMPARE(view.highlights().size(), highlights.size());
    view.selectSpan(find(text, u"2,030 soldiers"));

    const QImage image = view.grab().toImage();
    QVERIFY(!image.isNull());
    if (const QString dir = qEnvironmentVariable("BYLINE_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(
            image.save(dir + u"/articleview-"_s + QLatin1StringView(QTest::currentDataTag()) + u".png"_s));
}

QTEST_MAIN(TestArticleView)
#include "tst_gui_articleview.moc"
