// SPDX-License-Identifier: GPL-3.0-or-later
#include "csvcolumnschooser.h"

#include "formats/csvcolumns.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

constexpr int previewRows = 5;
// Long article texts are cut in the preview table; the import reads them whole.
constexpr qsizetype previewCellLength = 120;

} // namespace

CsvColumnsChooser::CsvColumnsChooser(QWidget *parent)
    : QWidget(parent)
    , m_message(new QLabel(this))
    , m_preview(new QTableWidget(this))
{
    setObjectName(u"csvColumns"_s);
    m_message->setObjectName(u"csvMessage"_s);
    m_message->setWordWrap(true);
    auto *form = new QFormLayout;
    for (const CsvArticleColumn &field : CsvArticleColumns::all()) {
        auto *choice = new QComboBox(this);
        choice->setObjectName(field.option);
        auto *label = new QLabel(tr("%1 column:").arg(field.label), this);
        label->setBuddy(choice);
        form->addRow(label, choice);
        connect(choice, &QComboBox::currentIndexChanged, this, [this] {
            showPreview();
            Q_EMIT changed();
        });
        m_choices << choice;
    }
    m_preview->setObjectName(u"csvPreview"_s);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setSelectionMode(QAbstractItemView::NoSelection);
    m_preview->verticalHeader()->hide();
    m_preview->setWordWrap(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
}

void CsvColumnsChooser::setFile(const QString &path)
{
    if (path == m_file)
        return;
    m_file = path;
    const CsvPreview preview = CsvPreview::read(path, previewRows);
    m_message->setText(preview.isValid()
            ? tr("Columns of %1 (used for every CSV file imported):").arg(QFileInfo(path).fileName())
            : preview.error);
    for (qsizetype field = 0; field < m_choices.size(); ++field) {
        QComboBox *choice = m_choices.at(field);
        const QSignalBlocker blocker(choice);
        choice->clear();
        const CsvArticleColumn &column = CsvArticleColumns::all().at(field);
        // No article without a text, so the text column has no "none"; it asks instead.
        choice->addItem(column.required ? tr("(choose a column)") : tr("(none)"));
        for (const QString &name : preview.header)
            choice->addItem(name, name);
        const qsizetype guess = CsvArticleColumns::find(preview.header, column, std::nullopt);
        choice->setCurrentIndex(guess < 0 ? 0 : int(guess) + 1);
    }

    m_preview->clear();
    m_preview->setColumnCount(int(preview.header.size()));
    m_preview->setRowCount(int(preview.rows.size()));
    m_preview->setHorizontalHeaderLabels(preview.header);
    for (int row = 0; row < preview.rows.size(); ++row) {
        const QStringList &fields = preview.rows.at(row);
        for (int column = 0; column < fields.size(); ++column) {
            QString shown = fields.at(column).simplified();
            if (shown.size() > previewCellLength)
                shown = shown.left(previewCellLength) + u'…';
            auto *item = new QTableWidgetItem(shown);
            item->setToolTip(fields.at(column).left(1000));
            m_preview->setItem(row, column, item);
        }
    }
    showPreview();
    Q_EMIT changed();
}

bool CsvColumnsChooser::isComplete() const
{
    return !m_file.isEmpty() && m_choices.first()->currentIndex() > 0;
}

FormatOptions CsvColumnsChooser::options() const
{
    FormatOptions options;
    for (qsizetype field = 0; field < m_choices.size(); ++field)
        options.insert(
            CsvArticleColumns::all().at(field).option, m_choices.at(field)->currentData().toString());
    return options;
}

// The header of each chosen column names the field it fills, so the table reads as the import will.
void CsvColumnsChooser::showPreview()
{
    for (int column = 0; column < m_preview->columnCount(); ++column) {
        QStringList fills;
        for (qsizetype field = 0; field < m_choices.size(); ++field) {
            if (m_choices.at(field)->currentIndex() == column + 1)
                fills << CsvArticleColumns::all().at(field).label;
        }
        const QString name = m_choices.first()->itemText(column + 1);
        auto *header
            = new QTableWidgetItem(fills.isEmpty() ? name : u"%1 → %2"_s.arg(name, fills.join(u", "_s)));
        QFont font = header->font();
        font.setBold(!fills.isEmpty());
        header->setFont(font);
        m_preview->setHorizontalHeaderItem(column, header);
    }
    m_preview->resizeColumnsToContents();
}

} // namespace Byline
