// SPDX-License-Identifier: GPL-3.0-or-later
#include "occurrencesdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

constexpr qsizetype contextLength = 40;

QString inContext(const QString &text, Span span)
{
    const qsizetype from = std::max<qsizetype>(0, span.start - contextLength);
    const qsizetype to = std::min(text.size(), span.end + contextLength);
    const QString before = text.mid(from, span.start - from).simplified();
    const QString after = text.mid(span.end, to - span.end).simplified();
    return u"%1%2 [%3] %4%5"_s.arg(from > 0 ? u"…"_s : QString(), before, textOf(text, span), after,
        to < text.size() ? u"…"_s : QString());
}

} // namespace

OccurrencesDialog::OccurrencesDialog(const QString &text, const QList<Span> &spans, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_spans(spans)
{
    setObjectName(u"occurrencesDialog"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("Untagged occurrences in this article; uncheck those that name something else:"), this));
    for (const Span &span : spans) {
        auto *item = new QListWidgetItem(inContext(text, span), m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    layout->addWidget(m_list);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Tag Checked"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 360);
}

QList<Span> OccurrencesDialog::checkedSpans() const
{
    QList<Span> checked;
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            checked << m_spans[row];
    }
    return checked;
}

} // namespace Byline
