// SPDX-License-Identifier: GPL-3.0-or-later
// Run: QT_QPA_PLATFORM=offscreen build/bin/bench_articleview [-median 5]
#include "articleview.h"

#include "articlefixtures.h"

#include <QScrollBar>
#include <QTest>

using namespace Byline;

class BenchArticleView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void benchmarkPaint_data();
    void benchmarkPaint();
    void benchmarkScrollThrough();
    void benchmarkSelectSpan();
    void benchmarkSetHighlights();
    void benchmarkHighlightsAt();

private:
    QString m_text;
    QList<SpanHighlight> m_highlights;
};

void BenchArticleView::initTestCase()
{
    m_text = Fixtures::longArticle(10'000);
    m_highlights = Fixtures::manyHighlights(m_text, 2'000);
}

void BenchArticleView::benchmarkPaint_data()
{
    // The first row is the cost of the text alone, so the overlay's share shows.
    QTest::addColumn<bool>("highlighted");
    QTest::newRow("text-only") << false;
    QTest::newRow("2000-highlights") << true;
}

void BenchArticleView::benchmarkPaint()
{
    QFETCH(bool, highlighted);
    ArticleView view;
    view.resize(900, 700);
    view.setArticleText(m_text);
    if (highlighted)
        view.setHighlights(m_highlights);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() / 2);
    QBENCHMARK
    {
        const QPixmap pixmap = view.grab();
        QVERIFY(!pixmap.isNull());
    }
}

// One page at a time from top to bottom, each page painted at once.
void BenchArticleView::benchmarkScrollThrough()
{
    ArticleView view;
    view.resize(900, 700);
    view.setArticleText(m_text);
    view.setHighlights(m_highlights);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QScrollBar *bar = view.verticalScrollBar();
    int pages = 0;
    QBENCHMARK
    {
        pages = 0;
        for (int value = 0; value <= bar->maximum(); value += bar->pageStep()) {
            bar->setValue(value);
            view.viewport()->repaint();
            ++pages;
        }
    }
    qInfo("%d pages per pass", pages);
}

void BenchArticleView::benchmarkSelectSpan()
{
    ArticleView view;
    view.resize(900, 700);
    view.setArticleText(m_text);
    view.setHighlights(m_highlights);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    qsizetype i = 0;
    QBENCHMARK
    {
        view.selectSpan(m_highlights.at(i).span);
        view.viewport()->repaint();
        i = (i + 397) % m_highlights.size();
    }
}

void BenchArticleView::benchmarkSetHighlights()
{
    ArticleView view;
    view.setArticleText(m_text);
    QList<SpanHighlight> reversed(m_highlights.crbegin(), m_highlights.crend());
    QBENCHMARK
    {
        view.setHighlights(reversed);
    }
}

void BenchArticleView::benchmarkHighlightsAt()
{
    ArticleView view;
    view.setArticleText(m_text);
    view.setHighlights(m_highlights);
    qsizetype found = 0;
    QBENCHMARK
    {
        for (qsizetype position = 0; position < m_text.size(); position += 97)
            found += view.highlightsAt(position).size();
    }
    QVERIFY(found > 0);
}

QTEST_MAIN(BenchArticleView)
#include "bench_articleview.moc"
