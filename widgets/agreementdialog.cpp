// SPDX-License-Identifier: GPL-3.0-or-later
#include "agreementdialog.h"

#include "agreement/agreementjob.h"
#include "agreement/agreementtablemodel.h"
#include "modelroles.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

/// Keeps a selected cell's heat colour: the style would paint the selection over it and hide
/// the very number the curator chose. The selection shows as lines along the row instead.
class HeatDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (!(option.state & QStyle::State_Selected) || !index.data(Qt::BackgroundRole).isValid()) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionViewItem unselected(option);
        unselected.state &= ~QStyle::State_Selected;
        QStyledItemDelegate::paint(painter, unselected, index);
        painter->save();
        painter->setPen(QPen(option.palette.brush(QPalette::Highlight), 3));
        painter->drawLine(option.rect.topLeft() + QPoint(0, 1), option.rect.topRight() + QPoint(0, 1));
        painter->drawLine(option.rect.bottomLeft() - QPoint(0, 1), option.rect.bottomRight() - QPoint(0, 1));
        painter->restore();
    }
};

QTableView *heatTable(QAbstractItemModel *model, const QString &objectName, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->setItemDelegate(new HeatDelegate(view));
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}

QSortFilterProxyModel *sorted(QAbstractItemModel *model, QObject *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(SortRole);
    return proxy;
}

} // namespace

AgreementDialog::AgreementDialog(const QString &projectPath, QWidget *parent)
    : QDialog(parent)
    , m_projectPath(projectPath)
    , m_job(new AgreementJob(this))
    , m_pairs(new AgreementTableModel(this))
    , m_articles(new ArticleAgreementModel(this))
    , m_articlesSorted(sorted(m_articles, this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_stop(new QPushButton(tr("&Stop"), this))
    , m_recompute(new QPushButton(tr("&Recompute"), this))
    , m_pairsView(heatTable(m_pairs, u"agreementPairs"_s, this))
    , m_articlesTitle(new QLabel(this))
    , m_articlesView(heatTable(m_articlesSorted, u"agreementArticles"_s, this))
{
    setObjectName(u"agreementDialog"_s);
    setWindowTitle(tr("Inter-annotator Agreement"));
    m_status->setObjectName(u"agreementStatus"_s);
    m_progress->setObjectName(u"agreementProgress"_s);

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_status, 1);
    progressRow->addWidget(m_progress);
    progressRow->addWidget(m_stop);
    progressRow->addWidget(m_recompute);

    auto *articlesPane = new QWidget(this);
    auto *articlesLayout = new QVBoxLayout(articlesPane);
    articlesLayout->setContentsMargins(0, 0, 0, 0);
    articlesLayout->addWidget(m_articlesTitle);
    articlesLayout->addWidget(m_articlesView);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_pairsView);
    splitter->addWidget(articlesPane);
    splitter->setStretchFactor(1, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(progressRow);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(m_job, &AgreementJob::progressed, this, &AgreementDialog::showProgress);
    connect(m_job, &AgreementJob::finished, this, &AgreementDialog::showReport);
    connect(m_job, &AgreementJob::failed, this, [this](const QString &message) {
        m_status->setText(message);
        m_progress->hide();
        m_stop->hide();
        m_recompute->show();
        Q_EMIT computed();
    });
    connect(m_stop, &QPushButton::clicked, m_job, &AgreementJob::cancel);
    connect(m_recompute, &QPushButton::clicked, this, &AgreementDialog::recompute);
    // a few pairs, kept in name order with the all-annotators row last; articles are many,
    // sorted by whatever column the curator clicks
    m_articlesView->setSortingEnabled(true);
    connect(m_pairsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &AgreementDialog::showPairArticles);
    connect(m_articlesView, &QTableView::activated, this,
        [this](const QModelIndex &index) { Q_EMIT articleActivated(index.data(IdRole).value<RecordId>()); });

    resize(1100, 600);
    recompute();
}

AgreementDialog::~AgreementDialog() = default;

AgreementDialog *AgreementDialog::showFor(const QString &projectPath, QWidget *parent)
{
    auto *dialog = new AgreementDialog(projectPath, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void AgreementDialog::recompute()
{
    if (m_job->isRunning())
        return;
    m_status->setText(tr("Computing agreement…"));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_stop->show();
    m_recompute->hide();
    m_job->start(m_projectPath);
}

void AgreementDialog::showProgress(int done, int total)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    const QLocale locale;
    m_status->setText(
        tr("Computing agreement… %1 of %2 articles").arg(locale.toString(done), locale.toString(total)));
}

void AgreementDialog::showReport(const AgreementReport &report, bool cancelled)
{
    m_progress->hide();
    m_stop->hide();
    m_recompute->show();
    m_pairs->setReport(report);
    m_articles->setReport(report);
    m_articles->setPair({});
    m_articlesTitle->setText(tr("Choose a pair of annotators to see their articles."));
    const QLocale locale;
    QString status = report.pairs.isEmpty()
        ? tr("No article was annotated by two annotators (%1 articles read).")
              .arg(locale.toString(report.articlesRead))
        : tr("%1 of %2 articles annotated by two or more of %3 annotators.")
              .arg(locale.toString(report.articlesCompared), locale.toString(report.articlesRead))
              .arg(report.annotators.size());
    if (cancelled)
        status += u' ' + tr("Stopped: the numbers cover the articles read so far.");
    m_status->setText(status);
    Q_EMIT computed();
}

void AgreementDialog::showPairArticles()
{
    const QStringList pair = m_pairsView->currentIndex().data(AgreementTableModel::PairRole).toStringList();
    if (pair.size() != 2) {
        m_articles->setPair({});
        m_articlesTitle->setText(tr("Choose a pair of annotators to see their articles."));
        return;
    }
    m_articles->setPair({ pair[0], pair[1] });
    m_articlesTitle->setText(
        tr("Articles of %1 and %2, least agreement on entities first; double-click one to open "
           "it:")
            .arg(pair[0], pair[1]));
    m_articlesView->sortByColumn(ArticleAgreementModel::FirstMeasureColumn, Qt::AscendingOrder);
}

} // namespace Byline
