// SPDX-License-Identifier: GPL-3.0-or-later
#include "occurrencesdialog.h"

#include "store.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QStyledItemDelegate>
#include <QTextLayout>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

enum Column { ArticleColumn, ContextColumn };
constexpr int matchStartRole = Qt::UserRole + 1;
constexpr int matchEndRole = Qt::UserRole + 2;
/// Long enough for a few batches, short enough that typing and scrolling stay smooth.
constexpr int searchSliceMs = 25;

/// Draws the context line with the occurrence in bold, so that the eye finds it at once.
class ContextDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem item = option;
        initStyleOption(&item, index);
        const QString text = item.text;
        item.text.clear();
        QStyle *style = item.widget ? item.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &item, painter, item.widget);

        const QRect rect
            = style->subElementRect(QStyle::SE_ItemViewItemText, &item, item.widget).adjusted(3, 0, -3, 0);
        QTextLayout layout(text, item.font);
        QTextCharFormat bold;
        bold.setFontWeight(QFont::Bold);
        const int start = index.data(matchStartRole).toInt();
        const int end = index.data(matchEndRole).toInt();
        layout.setFormats({ { start, end - start, bold } });
        layout.beginLayout();
        QTextLine line = layout.createLine();
        line.setLineWidth(1e6); // one line, clipped at the cell's edge
        layout.endLayout();
        const bool selected = item.state.testFlag(QStyle::State_Selected);
        painter->save();
        painter->setClipRect(rect);
        painter->setPen(item.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
        layout.draw(painter, QPointF(rect.left(), rect.top() + (rect.height() - line.height()) / 2));
        painter->restore();
    }
};

} // namespace

OccurrencesDialog::OccurrencesDialog(const Store &store, const Article &article, const QList<Span> &spans,
    const QString &name, const QStringList &names, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_names(names)
    , m_articleId(article.id)
    , m_searchTimer(new QTimer(this))
    , m_article(new QRadioButton(tr("In this &article (%n)", nullptr, int(spans.size())), this))
    , m_corpus(new QRadioButton(tr("In the whole &corpus"), this))
    , m_list(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_tagButton(nullptr)
{
    setObjectName(u"occurrencesDialog"_s);
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Untagged occurrences of “%1”. Uncheck those that name something else.").arg(name), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *scope = new QHBoxLayout;
    scope->addWidget(m_article);
    scope->addWidget(m_corpus);
    scope->addStretch();
    layout->addLayout(scope);

    m_list->setColumnCount(2);
    m_list->setHeaderLabels({ tr("Article"), tr("In context") });
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setItemDelegateForColumn(ContextColumn, new ContextDelegate(m_list));
    m_list->header()->setStretchLastSection(true);
    m_list->setColumnWidth(ArticleColumn, 200);
    layout->addWidget(m_list);

    auto *checks = new QHBoxLayout;
    auto *checkAll = new QPushButton(tr("Check A&ll"), this);
    auto *checkNone = new QPushButton(tr("Check &None"), this);
    checkAll->setAutoDefault(false);
    checkNone->setAutoDefault(false);
    connect(checkAll, &QPushButton::clicked, this, [this] { setAllChecked(true); });
    connect(checkNone, &QPushButton::clicked, this, [this] { setAllChecked(false); });
    checks->addWidget(m_summary, 1);
    checks->addWidget(checkAll);
    checks->addWidget(checkNone);
    layout->addLayout(checks);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_tagButton = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    for (const Span &span : spans) {
        Occurrence occurrence = occurrenceIn(article.text, span);
        occurrence.articleId = article.id;
        occurrence.title = article.title;
        addRow(occurrence);
    }
    m_articleRows = int(m_occurrences.size());

    m_searchTimer->setInterval(0);
    connect(m_searchTimer, &QTimer::timeout, this, &OccurrencesDialog::searchStep);
    connect(m_corpus, &QRadioButton::toggled, this, &OccurrencesDialog::showScope);
    connect(m_list, &QTreeWidget::itemChanged, this, &OccurrencesDialog::updateSummary);
    // Nothing left here: the rest of the corpus is the only question.
    (spans.isEmpty() ? m_corpus : m_article)->setChecked(true);
    showScope();
    resize(760, 440);
}

OccurrencesDialog::~OccurrencesDialog() = default;

bool OccurrencesDialog::isSearching() const
{
    return m_searchTimer->isActive();
}

void OccurrencesDialog::addRow(const Occurrence &occurrence)
{
    auto *item = new QTreeWidgetItem;
    item->setText(ArticleColumn, occurrence.title);
    item->setToolTip(ArticleColumn, occurrence.title);
    item->setText(ContextColumn, occurrence.context);
    item->setToolTip(ContextColumn, occurrence.context);
    item->setData(ContextColumn, matchStartRole, int(occurrence.contextMatch.start));
    item->setData(ContextColumn, matchEndRole, int(occurrence.contextMatch.end));
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(ArticleColumn, Qt::Checked);
    m_occurrences.append(occurrence);
    const QSignalBlocker blocker(m_list);
    m_list->addTopLevelItem(item);
}

void OccurrencesDialog::showScope()
{
    const bool corpus = m_corpus->isChecked();
    for (int row = m_articleRows; row < m_list->topLevelItemCount(); ++row)
        m_list->topLevelItem(row)->setHidden(!corpus);
    if (corpus && !m_search) {
        m_search = std::make_unique<CorpusOccurrenceSearch>(m_store, m_names, m_articleId);
        m_searchTimer->start();
    }
    updateSummary();
}

void OccurrencesDialog::searchStep()
{
    // A slice of the search per turn of the event loop: the list fills while the analyst reads.
    QElapsedTimer slice;
    slice.start();
    m_list->setUpdatesEnabled(false);
    while (!m_search->atEnd() && m_occurrences.size() < m_articleRows + maxOccurrences
        && slice.elapsed() < searchSliceMs) {
        for (const Occurrence &occurrence : m_search->fetch()) {
            if (m_occurrences.size() >= m_articleRows + maxOccurrences)
                break;
            addRow(occurrence);
            m_list->topLevelItem(m_list->topLevelItemCount() - 1)->setHidden(!m_corpus->isChecked());
        }
    }
    m_list->setUpdatesEnabled(true);
    if (m_search->atEnd() || m_occurrences.size() >= m_articleRows + maxOccurrences) {
        m_searchTimer->stop();
        Q_EMIT searchFinished();
    }
    updateSummary();
}

void OccurrencesDialog::setAllChecked(bool checked)
{
    const QSignalBlocker blocker(m_list);
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        if (!m_list->topLevelItem(row)->isHidden())
            m_list->topLevelItem(row)->setCheckState(ArticleColumn, checked ? Qt::Checked : Qt::Unchecked);
    }
    m_list->viewport()->update();
    updateSummary();
}

QList<Occurrence> OccurrencesDialog::checkedOccurrences() const
{
    QList<Occurrence> checked;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = m_list->topLevelItem(row);
        if (!item->isHidden() && item->checkState(ArticleColumn) == Qt::Checked)
            checked << m_occurrences[row];
    }
    return checked;
}

void OccurrencesDialog::updateSummary()
{
    const QList<Occurrence> checked = checkedOccurrences();
    QSet<RecordId> articles;
    for (const Occurrence &occurrence : checked)
        articles.insert(occurrence.articleId);
    m_tagButton->setText(tr("&Tag %n", nullptr, int(checked.size())));
    m_tagButton->setEnabled(!checked.isEmpty());
    if (!m_corpus->isChecked()) {
        m_summary->setText(
            m_articleRows == 0 ? tr("Every occurrence in this article is tagged.") : QString());
        return;
    }
    const int found = int(m_occurrences.size()) - m_articleRows;
    if (m_search && !m_search->errorString().isEmpty()) {
        m_summary->setText(m_search->errorString());
    } else if (isSearching()) {
        m_summary->setText(tr("Searching… %n found in other articles so far", nullptr, found));
    } else if (found >= maxOccurrences) {
        m_summary->setText(tr(
            "The first %n in other articles; tag them and ask again for the rest.", nullptr, maxOccurrences));
    } else {
        m_summary->setText(tr("%n in other articles", nullptr, found));
    }
    if (!checked.isEmpty())
        m_summary->setText(m_summary->text() + u" · "_s
            + tr("%n checked in %1", nullptr, int(checked.size()))
                .arg(tr("%n article(s)", nullptr, int(articles.size()))));
}

} // namespace Byline
