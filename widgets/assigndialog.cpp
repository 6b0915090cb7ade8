// SPDX-License-Identifier: GPL-3.0-or-later
#include "assigndialog.h"

#include "assignments.h"
#include "document.h"
#include "store.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

AssignDialog::AssignDialog(Document *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_annotators(new QListWidget(this))
    , m_newAnnotator(new QLineEdit(this))
    , m_perArticle(new QSpinBox(this))
    , m_onlyUnassigned(new QCheckBox(tr("Only articles that nobody has yet"), this))
    , m_preview(new QTableWidget(0, 4, this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Assign Articles"));
    m_annotators->setObjectName(u"annotators"_s);
    m_newAnnotator->setObjectName(u"newAnnotator"_s);
    m_newAnnotator->setPlaceholderText(tr("Add an annotator by name"));
    m_perArticle->setObjectName(u"perArticle"_s);
    m_perArticle->setRange(1, 99);
    m_perArticle->setValue(2);
    m_onlyUnassigned->setObjectName(u"onlyUnassigned"_s);
    m_preview->setObjectName(u"preview"_s);
    m_preview->setHorizontalHeaderLabels({ tr("Annotator"), tr("Assigned now"), tr("New"), tr("Then") });
    m_preview->verticalHeader()->hide();
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_message->setObjectName(u"assignMessage"_s);
    m_message->setWordWrap(true);
    m_progress->hide();
    QPushButton *assignButton = m_buttons->addButton(tr("Assign"), QDialogButtonBox::ApplyRole);
    assignButton->setObjectName(u"assignButton"_s);

    auto *form = new QFormLayout;
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_newAnnotator, 1);
    auto *addButton = new QPushButton(tr("Add"), this);
    addRow->addWidget(addButton);
    form->addRow(tr("Annotators:"), m_annotators);
    form->addRow(QString(), addRow);
    form->addRow(tr("Annotators per article:"), m_perArticle);
    form->addRow(QString(), m_onlyUnassigned);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(assignButton, &QPushButton::clicked, this, &AssignDialog::assign);
    connect(addButton, &QPushButton::clicked, this, &AssignDialog::addTypedAnnotator);
    // Return adds the typed name; it must not assign, nor close the dialog, by the way.
    for (QAbstractButton *button : m_buttons->buttons()) {
        if (auto *push = qobject_cast<QPushButton *>(button))
            push->setAutoDefault(false);
    }
    addButton->setDefault(true);

    Assignments assignments(document->store());
    if (!assignments.canManage()) {
        m_message->setText(document->store().isReadOnly()
                ? tr("The project is open read-only: articles cannot be assigned.")
                : tr("Only the project's admins can assign articles; you are signed in as %1.")
                      .arg(document->annotator()));
        for (QWidget *input : std::initializer_list<QWidget *> {
                 m_annotators, m_newAnnotator, addButton, m_perArticle, m_onlyUnassigned, assignButton })
            input->setEnabled(false);
        return;
    }
    const auto state = assignments.state();
    if (!state) {
        m_message->setText(tr("Cannot read the assignments: %1").arg(assignments.errorString()));
        assignButton->setEnabled(false);
        return;
    }
    m_state = *state;
    // Everyone offered starts chosen; in a project file, whose one user annotates, that is them.
    QStringList candidates = assignments.candidates();
    if (candidates.isEmpty())
        candidates << document->annotator();
    for (const QString &name : std::as_const(candidates))
        addAnnotator(name, true);
    connect(m_annotators, &QListWidget::itemChanged, this, &AssignDialog::preview);
    connect(m_perArticle, &QSpinBox::valueChanged, this, &AssignDialog::preview);
    connect(m_onlyUnassigned, &QCheckBox::toggled, this, &AssignDialog::preview);
    preview();
}

AssignDialog *AssignDialog::showFor(Document *document, QWidget *parent)
{
    auto *dialog = new AssignDialog(document, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QPushButton *AssignDialog::assignButton() const
{
    return findChild<QPushButton *>(u"assignButton"_s);
}

void AssignDialog::addAnnotator(const QString &name, bool checked)
{
    if (name.isEmpty() || !m_annotators->findItems(name, Qt::MatchExactly).isEmpty())
        return;
    auto *item = new QListWidgetItem(name, m_annotators);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void AssignDialog::addTypedAnnotator()
{
    const QString name = m_newAnnotator->text().trimmed();
    // "curator" is the curated layer, not someone with a queue.
    if (name == u"curator"_s) {
        m_message->setText(tr("\"curator\" names the curated layer, not an annotator."));
        return;
    }
    addAnnotator(name, true);
    m_newAnnotator->clear();
    preview();
}

AssignmentRequest AssignDialog::request() const
{
    AssignmentRequest request;
    for (int row = 0; row < m_annotators->count(); ++row) {
        if (m_annotators->item(row)->checkState() == Qt::Checked)
            request.annotators << m_annotators->item(row)->text();
    }
    request.perArticle = m_perArticle->value();
    request.onlyUnassigned = m_onlyUnassigned->isChecked();
    return request;
}

void AssignDialog::preview()
{
    const AssignmentRequest wanted = request();
    m_plan = BalancedAssigner::plan(m_state, wanted);
    const QLocale locale;
    m_preview->setRowCount(int(wanted.annotators.size()));
    for (int row = 0; row < wanted.annotators.size(); ++row) {
        const QString &name = wanted.annotators[row];
        const int before = m_plan.loadBefore.value(name);
        const int after = m_plan.loadAfter.value(name);
        const QStringList cells { name, locale.toString(before), locale.toString(after - before),
            locale.toString(after) };
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_preview->setItem(row, column, item);
        }
    }
    QString message = tr("%n new assignment(s).", nullptr, int(m_plan.added.size()));
    if (wanted.perArticle > wanted.annotators.size())
        message += u' '
            + tr("Each article should have %1 annotators, but only %2 are chosen.")
                  .arg(wanted.perArticle)
                  .arg(wanted.annotators.size());
    else if (m_plan.articlesShort > 0)
        message += u' '
            + tr("%n article(s) cannot get enough distinct annotators from those chosen.", nullptr,
                m_plan.articlesShort);
    m_message->setText(message);
    assignButton()->setEnabled(!m_plan.added.isEmpty());
}

void AssignDialog::assign()
{
    const AssignmentRequest wanted = request();
    const auto answer = QMessageBox::question(this, tr("Assign Articles"),
        tr("Add %n assignment(s) for %1? Existing assignments stay as they are.", nullptr,
            int(m_plan.added.size()))
            .arg(wanted.annotators.join(u", "_s)));
    if (answer != QMessageBox::Yes)
        return;
    setEnabled(false);
    m_progress->setRange(0, int(m_plan.added.size()));
    m_progress->setValue(0);
    m_progress->show();
    Assignments assignments(m_document->store());
    const bool applied = assignments.apply(m_plan, [this](int written, int) {
        m_progress->setValue(written);
        return true;
    });
    m_progress->hide();
    setEnabled(true);
    if (!applied) {
        QMessageBox::warning(this, tr("Assign Articles"), assignments.errorString());
        return;
    }
    Q_EMIT assigned();
    accept();
}

} // namespace Byline
