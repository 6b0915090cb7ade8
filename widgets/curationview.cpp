// SPDX-License-Identifier: GPL-3.0-or-later
#include "curationview.h"

#include "articleview.h"
#include "curation/curationactions.h"
#include "curation/curationmodel.h"
#include "curation/curationstore.h"
#include "document.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Byline {

CurationView::CurationView(Document *document, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_document(document)
    , m_model(new CurationModel(document, this))
    , m_actions(new CurationActions(document))
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_articleView(new ArticleView(this))
    , m_table(new QTableView(this))
{
    setObjectName(u"CurationView"_s);
    setWindowTitle(tr("Curation — Byline"));
    m_title->setObjectName(u"curationTitle"_s);
    m_status->setObjectName(u"curationStatus"_s);
    m_status->setWordWrap(true);
    m_articleView->setObjectName(u"curationArticle"_s);
    m_table->setObjectName(u"curationUnits"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->installEventFilter(this);
    m_articleView->installEventFilter(this);

    auto *keys = new QLabel(tr("1–9 accept a version · A accept all agreed · R reject · M merge · E edit · "
                               "J/K next/previous difference · D done · Enter next article"),
        this);
    keys->setForegroundRole(QPalette::PlaceholderText);
    keys->setWordWrap(true);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_articleView);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addWidget(keys);

    connect(
        m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_rememberedRow = currentUnit(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &CurationView::showUnits);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &CurationView::showCurrentUnit);
    connect(document, &Document::currentArticleChanged, this, &CurationView::showArticle);
    // The done mark changes beside the annotations.
    connect(document, &Document::articleChanged, this, [this](RecordId articleId) {
        if (articleId == m_document->currentArticle().id)
            showUnits();
    });
    resize(1300, 760);
    splitter->setSizes({ 480, 820 });
    showArticle();
}

CurationView::~CurationView()
{
    delete m_actions;
}

int CurationView::currentUnit() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void CurationView::setCurrentUnit(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_table->setCurrentIndex(m_model->index(row, 0));
    m_table->scrollTo(m_model->index(row, 0));
}

void CurationView::showArticle()
{
    m_rememberedRow = -1;
    m_articleView->setArticleText(m_document->currentArticle().text);
    const Article &article = m_document->currentArticle();
    m_title->setText(article.title.isEmpty() ? article.key : tr("%1 — %2").arg(article.title, article.key));
    showUnits();
    // Start at the first difference: agreed units need no reading, only "A".
    setCurrentUnit(std::max(0, m_model->nextDisagreement(-1, 1)));
}

// Marks every unit in the text: a disagreement in its colour, an agreement lightly in grey.
void CurationView::showUnits()
{
    QList<SpanHighlight> highlights;
    const QList<CurationUnit> &units = m_model->units().units();
    for (int row = 0; row < units.size(); ++row) {
        const QColor colour = m_model->unitColour(row);
        SpanHighlight highlight;
        highlight.span = units[row].span;
        highlight.style = units[row].layer == Layer::Quotes ? SpanHighlight::QuoteUnderline
            : units[row].layer == Layer::Figures            ? SpanHighlight::FigureFrame
                                                            : SpanHighlight::EntityBackground;
        highlight.colour = colour.isValid() ? colour.darker(units[row].layer == Layer::Entities ? 100 : 160)
                                            : QColor(0xdd, 0xdd, 0xdd);
        highlight.tooltip = m_model->index(row, 0).data().toString();
        highlight.layer = int(units[row].layer);
        highlight.id = row;
        highlights.append(highlight);
    }
    m_articleView->setHighlights(highlights);
    if (m_rememberedRow >= 0)
        setCurrentUnit(std::min(m_rememberedRow, m_model->rowCount() - 1));
    m_rememberedRow = -1;
    for (int column = 0; column + 1 < m_model->columnCount(); ++column) {
        m_table->resizeColumnToContents(column);
        m_table->setColumnWidth(column, std::min(m_table->columnWidth(column), 280));
    }

    const CurationUnits &all = m_model->units();
    const bool done = m_document->hasArticle()
        && CurationStore(m_document->store()).isDone(m_document->currentArticle().id);
    const auto disagreements = std::count_if(
        all.units().cbegin(), all.units().cend(), [](const CurationUnit &unit) { return !unit.agreed; });
    if (all.annotators().size() < 2) {
        m_status->setText(
            tr("This article has %n annotator(s): there is nothing to compare. Enter goes to the "
               "next article that needs curating.",
                nullptr, int(all.annotators().size())));
        return;
    }
    m_status->setText(tr("%1 annotators · %2 units, %3 with differences · %4 open%5")
            .arg(all.annotators().size())
            .arg(all.units().size())
            .arg(disagreements)
            .arg(all.openCount())
            .arg(done ? tr(" · curation done") : QString()));
}

void CurationView::showCurrentUnit()
{
    const int row = currentUnit();
    if (row < 0)
        return;
    m_articleView->selectSpan(m_model->units().units()[row].span);
    m_table->setFocus();
}

bool CurationView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (handleKey(key->key(), key->modifiers()))
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool CurationView::handleKey(int key, Qt::KeyboardModifiers modifiers)
{
    if (modifiers.testAnyFlags(Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
        if (key == Qt::Key_Z && modifiers.testFlag(Qt::ControlModifier)) {
            if (modifiers.testFlag(Qt::ShiftModifier))
                m_document->undoStack()->redo();
            else
                m_document->undoStack()->undo();
            return true;
        }
        return false;
    }
    if (key >= Qt::Key_1 && key <= Qt::Key_9) {
        acceptVersion(key - Qt::Key_1);
        return true;
    }
    switch (key) {
    case Qt::Key_A:
        acceptAgreed();
        return true;
    case Qt::Key_R:
        rejectUnit();
        return true;
    case Qt::Key_M:
        mergeUnit();
        return true;
    case Qt::Key_E:
        editUnit();
        return true;
    case Qt::Key_J:
    case Qt::Key_Down:
        moveToDisagreement(1);
        return true;
    case Qt::Key_K:
    case Qt::Key_Up:
        moveToDisagreement(-1);
        return true;
    case Qt::Key_D:
        toggleDone();
        return true;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        nextArticle();
        return true;
    }
    return false;
}

void CurationView::report(bool ok)
{
    if (!ok)
        m_status->setText(m_actions->errorString());
}

void CurationView::acceptVersion(int annotator)
{
    const int row = currentUnit();
    const bool accepted = m_actions->accept(m_model->units(), row, annotator);
    report(accepted);
    // The decision is made: on to the next difference, where there is one.
    if (const int next = m_model->nextDisagreement(row, 1); accepted && next >= 0)
        setCurrentUnit(next);
}

void CurationView::acceptAgreed()
{
    report(m_actions->acceptAllAgreed(m_model->units()));
}

void CurationView::rejectUnit()
{
    const int row = currentUnit();
    const bool rejected = m_actions->reject(m_model->units(), row);
    report(rejected);
    if (const int next = m_model->nextDisagreement(row, 1); rejected && next >= 0)
        setCurrentUnit(next);
}

void CurationView::mergeUnit()
{
    const int row = currentUnit();
    const QStringList &annotators = m_model->units().annotators();
    if (row < 0 || annotators.size() < 2)
        return;
    QDialog dialog(this);
    dialog.setObjectName(u"mergeDialog"_s);
    dialog.setWindowTitle(tr("Merge Versions"));
    auto *where = new QComboBox(&dialog);
    where->setObjectName(u"spanFrom"_s);
    auto *what = new QComboBox(&dialog);
    what->setObjectName(u"labelFrom"_s);
    where->addItems(annotators);
    what->addItems(annotators);
    what->setCurrentIndex(1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout(&dialog);
    form->addRow(tr("&Where (span, quote content and cue) from:"), where);
    form->addRow(tr("&What (entity, speaker and kind, figure value) from:"), what);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted)
        report(m_actions->merge(m_model->units(), row, where->currentIndex(), what->currentIndex()));
}

void CurationView::editUnit()
{
    const int row = currentUnit();
    if (row < 0)
        return;
    const CurationUnit &unit = m_model->units().units()[row];
    if (!unit.curated) {
        // Something to edit: the version most gave, else the first one.
        int annotator = unit.majorityAnnotator;
        for (int i = 0; i < unit.versions.size() && annotator < 0; ++i) {
            if (unit.versions[i])
                annotator = i;
        }
        if (!m_actions->accept(m_model->units(), row, annotator))
            return report(false);
    }
    const CurationUnit &decided = m_model->units().units()[std::min(row, m_model->rowCount() - 1)];
    if (decided.curated)
        Q_EMIT editRequested(decided.layer, decided.curated->recordId());
}

void CurationView::moveToDisagreement(int step)
{
    const int next = m_model->nextDisagreement(currentUnit(), step);
    if (next >= 0)
        setCurrentUnit(next);
}

void CurationView::toggleDone()
{
    if (!m_document->hasArticle())
        return;
    const bool done = CurationStore(m_document->store()).isDone(m_document->currentArticle().id);
    report(m_actions->setDone(!done));
}

void CurationView::nextArticle()
{
    if (!m_document->hasArticle())
        return;
    const CurationUnits &units = m_model->units();
    if (units.annotators().size() >= 2 && units.openCount() == 0 && !m_actions->setDone(true))
        return report(false);
    const auto next = CurationStore(m_document->store()).nextToCurate(m_document->currentArticle().id);
    if (!next) {
        m_status->setText(tr("No article after this one needs curating."));
        return;
    }
    m_document->showArticle(*next);
}

} // namespace Byline
