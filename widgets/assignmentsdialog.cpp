// SPDX-License-Identifier: GPL-3.0-or-later
#include "assignmentsdialog.h"

#include "document.h"
#include "modelroles.h"
#include "queuearticlemodel.h"
#include "store.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

void makeReadOnlyRows(QTableView *table)
{
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
}

QTableWidget *readOnlyTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    makeReadOnlyRows(table);
    return table;
}

void setRow(QTableWidget *table, int row, const QStringList &cells, const QVariant &data = {})
{
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells[column]);
        if (column == 0)
            item->setData(Qt::UserRole, data);
        else
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(row, column, item);
    }
}

} // namespace

AssignmentsDialog::AssignmentsDialog(Document *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_assignments(document->store())
    , m_queues(readOnlyTable({ tr("Annotator"), tr("Assigned"), tr("Done"), tr("Not done") }, this))
    , m_articleModel(new QueueArticleModel(m_assignments, this))
    , m_articles(new QTableView(this))
    , m_queueSize(new QLabel(this))
    , m_wholeQueue(new QRadioButton(tr("All their articles"), this))
    , m_selectedArticles(new QRadioButton(tr("Only the articles selected above"), this))
    , m_includeDone(new QCheckBox(tr("Unassign done articles too"), this))
    , m_unassign(new QRadioButton(tr("Unassign them"), this))
    , m_move(new QRadioButton(tr("Move them to:"), this))
    , m_targets(new QListWidget(this))
    , m_preview(readOnlyTable({ tr("Annotator"), tr("Assigned now"), tr("Change"), tr("Then") }, this))
    , m_message(new QLabel(this))
    , m_apply(new QPushButton(tr("Apply…"), this))
{
    setWindowTitle(tr("Manage Assignments"));
    m_queues->setObjectName(u"queues"_s);
    m_queues->setSelectionMode(QAbstractItemView::SingleSelection);
    m_articles->setObjectName(u"queueArticles"_s);
    m_articles->setModel(m_articleModel);
    // A server gone away reads as an empty page: said, not shown as the queue's end.
    connect(m_articleModel, &QueueArticleModel::failed, this, [this](const QString &message) {
        m_queueSize->setText(tr("Cannot read the queue: %1").arg(message));
    });
    makeReadOnlyRows(m_articles);
    m_articles->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_queueSize->setObjectName(u"queueSize"_s);
    m_selectedArticles->setObjectName(u"selectedArticles"_s);
    m_includeDone->setObjectName(u"includeDone"_s);
    m_unassign->setObjectName(u"unassign"_s);
    m_move->setObjectName(u"move"_s);
    m_targets->setObjectName(u"moveTargets"_s);
    m_preview->setObjectName(u"reassignPreview"_s);
    m_preview->setSelectionMode(QAbstractItemView::NoSelection);
    m_message->setObjectName(u"reassignMessage"_s);
    m_message->setWordWrap(true);
    m_apply->setObjectName(u"applyButton"_s);
    m_apply->setAutoDefault(false);
    m_wholeQueue->setChecked(true);
    m_unassign->setChecked(true);
    // Two choices of two each: the radio buttons need a group each, not their shared parent.
    auto *scope = new QButtonGroup(this);
    scope->addButton(m_wholeQueue);
    scope->addButton(m_selectedArticles);
    auto *action = new QButtonGroup(this);
    action->addButton(m_unassign);
    action->addButton(m_move);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_queues);
    auto *queue = new QWidget(splitter);
    auto *queueLayout = new QVBoxLayout(queue);
    queueLayout->setContentsMargins({});
    queueLayout->addWidget(m_queueSize);
    queueLayout->addWidget(m_articles);
    splitter->addWidget(queue);
    auto *whichBox = new QGroupBox(tr("Which articles"), this);
    auto *which = new QVBoxLayout(whichBox);
    which->addWidget(m_wholeQueue);
    which->addWidget(m_selectedArticles);
    which->addWidget(m_includeDone);
    auto *whatBox = new QGroupBox(tr("What to do"), this);
    auto *what = new QVBoxLayout(whatBox);
    what->addWidget(m_unassign);
    what->addWidget(m_move);
    what->addWidget(m_targets);
    auto *choices = new QHBoxLayout;
    choices->addWidget(whichBox);
    choices->addWidget(whatBox);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_apply, QDialogButtonBox::ApplyRole);
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 2);
    layout->addLayout(choices);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    if (!m_assignments.canManage()) {
        m_message->setText(document->store().isReadOnly()
                ? tr("The project is open read-only: assignments cannot be changed.")
                : tr("Only the project's admins can change assignments; you are signed in as %1.")
                      .arg(document->annotator()));
        for (QWidget *input :
            std::initializer_list<QWidget *> { m_queues, m_articles, whichBox, whatBox, m_apply })
            input->setEnabled(false);
        return;
    }
    m_candidates = m_assignments.candidates();
    if (!reload())
        return;
    m_queues->selectRow(0);
    connect(m_queues, &QTableWidget::itemSelectionChanged, this, &AssignmentsDialog::showQueue);
    // Choosing articles means acting on them; choosing none again means the whole queue.
    connect(m_articles->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const bool any = m_articles->selectionModel()->hasSelection();
        m_selectedArticles->setEnabled(any);
        (any ? m_selectedArticles : m_wholeQueue)->setChecked(true);
        preview();
    });
    for (QAbstractButton *button : std::initializer_list<QAbstractButton *> {
             m_wholeQueue, m_selectedArticles, m_includeDone, m_unassign, m_move })
        connect(button, &QAbstractButton::toggled, this, &AssignmentsDialog::preview);
    connect(m_targets, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        // Ticking someone to move to means moving.
        if (item->checkState() == Qt::Checked)
            m_move->setChecked(true);
        preview();
    });
    connect(m_apply, &QPushButton::clicked, this, &AssignmentsDialog::apply);
    showQueue();
}

AssignmentsDialog *AssignmentsDialog::showFor(Document *document, QWidget *parent)
{
    auto *dialog = new AssignmentsDialog(document, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

// Reads the assignments as they are now and lists the queues, keeping the chosen annotator.
bool AssignmentsDialog::reload()
{
    const auto state = m_assignments.state();
    if (!state) {
        m_message->setText(tr("Cannot read the assignments: %1").arg(m_assignments.errorString()));
        m_apply->setEnabled(false);
        return false;
    }
    m_state = *state;
    const QString chosen = chosenAnnotator();
    const QList<QueueProgress> queues = m_assignments.progress();
    const QLocale locale;
    const QSignalBlocker blocker(m_queues);
    m_queues->setRowCount(int(queues.size()));
    m_queueOwners.clear();
    for (int row = 0; row < queues.size(); ++row) {
        const QueueProgress &queue = queues[row];
        m_queueOwners << queue.annotator;
        setRow(m_queues, row,
            { queue.annotator, locale.toString(queue.assigned), locale.toString(queue.done),
                locale.toString(queue.assigned - queue.done) },
            queue.annotator);
        if (queue.annotator == chosen)
            m_queues->selectRow(row);
    }
    return true;
}

QString AssignmentsDialog::chosenAnnotator() const
{
    const QList<QModelIndex> rows = m_queues->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(Qt::UserRole).toString();
}

// The chosen annotator's articles, and everyone else as somewhere to move them.
void AssignmentsDialog::showQueue()
{
    const QString from = chosenAnnotator();
    {
        // A new queue selects nothing: the choice of articles starts over below.
        const QSignalBlocker blocker(m_articles->selectionModel());
        m_articleModel->setAnnotator(from);
    }
    // A queue that cannot be read has said why (QueueArticleModel::failed()).
    if (m_articleModel->errorString().isEmpty()) {
        const QueueProgress size = m_articleModel->progress();
        m_queueSize->setText(from.isEmpty()
                ? QString()
                : tr("%1's queue: %Ln article(s), %2 done.", nullptr, size.assigned)
                      .arg(from, QLocale().toString(size.done)));
    }
    m_selectedArticles->setEnabled(false);
    m_wholeQueue->setChecked(true);
    {
        const QSignalBlocker blocker(m_targets);
        m_targets->clear();
        QStringList others = m_candidates + m_queueOwners;
        others.removeDuplicates();
        others.sort();
        others.removeAll(from);
        for (const QString &name : std::as_const(others)) {
            auto *item = new QListWidgetItem(name, m_targets);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
    }
    preview();
}

ReassignmentRequest AssignmentsDialog::request() const
{
    ReassignmentRequest request;
    request.from = chosenAnnotator();
    if (m_move->isChecked()) {
        for (int row = 0; row < m_targets->count(); ++row) {
            if (m_targets->item(row)->checkState() == Qt::Checked)
                request.to << m_targets->item(row)->text();
        }
    }
    if (m_selectedArticles->isChecked()) {
        for (const QModelIndex &row : m_articles->selectionModel()->selectedRows())
            request.articles << row.data(IdRole).toLongLong();
    }
    request.includeDone = m_includeDone->isChecked();
    return request;
}

void AssignmentsDialog::preview()
{
    const ReassignmentRequest wanted = request();
    m_includeDone->setEnabled(!m_move->isChecked());
    m_plan = BalancedAssigner::reassign(m_state, wanted);
    const QStringList names = QStringList { wanted.from } + wanted.to;
    const QLocale locale;
    m_preview->setRowCount(wanted.from.isEmpty() ? 0 : int(names.size()));
    for (int row = 0; row < m_preview->rowCount(); ++row) {
        const int before = m_plan.loadBefore.value(names[row]);
        const int after = m_plan.loadAfter.value(names[row]);
        setRow(m_preview, row,
            { names[row], locale.toString(before), locale.toString(after - before), locale.toString(after) });
        if (after > before)
            m_preview->item(row, 2)->setText(u"+"_s + m_preview->item(row, 2)->text());
    }
    QStringList message;
    if (m_move->isChecked() && wanted.to.isEmpty())
        message << tr("Tick who takes the articles over.");
    else if (m_move->isChecked())
        message << tr("%n article(s) move from %1.", nullptr, int(m_plan.added.size())).arg(wanted.from);
    else
        message
            << tr("%n article(s) leave %1's queue.", nullptr, int(m_plan.removed.size())).arg(wanted.from);
    if (m_plan.doneKept > 0)
        message << tr("%n done article(s) stay with %1.", nullptr, m_plan.doneKept).arg(wanted.from);
    if (m_plan.articlesStaying > 0)
        message << tr(
            "%n article(s) stay because everyone chosen has them already.", nullptr, m_plan.articlesStaying);
    m_message->setText(message.join(u' '));
    m_apply->setEnabled(!m_plan.removed.isEmpty());
}

void AssignmentsDialog::apply()
{
    const ReassignmentRequest wanted = request();
    const int doneRemoved = m_plan.removesDone
        ? int(std::count_if(m_plan.removed.cbegin(), m_plan.removed.cend(),
              [this](const Assignment &assignment) {
                  return m_state.done.value(m_plan.from).contains(assignment.articleId);
              }))
        : 0;
    QString question = m_plan.added.isEmpty()
        ? tr("Unassign %n article(s) from %1?", nullptr, int(m_plan.removed.size())).arg(wanted.from)
        : tr("Move %n article(s) from %1 to %2?", nullptr, int(m_plan.added.size()))
              .arg(wanted.from, wanted.to.join(u", "_s));
    if (doneRemoved > 0)
        question += u' '
            + tr("%n of them are done: %1's work on them stays in the project, but they leave the queue.",
                nullptr, doneRemoved)
                  .arg(wanted.from);
    if (QMessageBox::question(this, tr("Manage Assignments"), question) != QMessageBox::Yes)
        return;
    if (!m_assignments.reassign(m_plan)) {
        QMessageBox::warning(this, tr("Manage Assignments"), m_assignments.errorString());
        return;
    }
    Q_EMIT reassigned();
    if (reload())
        showQueue();
}

} // namespace Byline
