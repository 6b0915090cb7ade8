// SPDX-License-Identifier: GPL-3.0-or-later
#include "schemadialog.h"

#include <QColorDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

const auto jsonFilter = QT_TRANSLATE_NOOP("Byline::SchemaDialog", "Byline schema (*.json)");

} // namespace

SchemaDialog::SchemaDialog(const AnnotationSchema &schema, QWidget *parent)
    : QDialog(parent)
    , m_types(new QTableWidget(0, ColumnCount, this))
    , m_quoteKinds(new QListWidget(this))
    , m_figureKinds(new QListWidget(this))
{
    setWindowTitle(tr("Annotation Schema"));
    m_types->setHorizontalHeaderLabels({ tr("Name"), tr("Colour"), tr("Key"), tr("Description") });
    m_types->horizontalHeader()->setStretchLastSection(true);
    m_types->verticalHeader()->hide();
    m_types->setSelectionBehavior(QAbstractItemView::SelectRows);
    // The colour is picked, not typed.
    connect(m_types, &QTableWidget::cellDoubleClicked, this, [this](int row, int column) {
        if (column == Colour)
            chooseColour(row);
    });

    auto *typeButtons = new QHBoxLayout;
    auto *addType = new QPushButton(tr("Add Type"), this);
    auto *removeType = new QPushButton(tr("Remove Type"), this);
    typeButtons->addWidget(addType);
    typeButtons->addWidget(removeType);
    typeButtons->addStretch();
    connect(addType, &QPushButton::clicked, this, [this] {
        addTypeRow({ tr("NEW"), QColor(Qt::gray), QString(), QString() });
        m_types->editItem(m_types->item(m_types->rowCount() - 1, Name));
    });
    connect(removeType, &QPushButton::clicked, this, [this] { m_types->removeRow(m_types->currentRow()); });

    auto *typesBox = new QGroupBox(tr("Entity types"), this);
    auto *typesLayout = new QVBoxLayout(typesBox);
    typesLayout->addWidget(m_types);
    typesLayout->addLayout(typeButtons);
    typesLayout->addWidget(new QLabel(tr("The key tags a selection with the type. Renaming a type here "
                                         "leaves the entities that have it as they are."),
        this));

    auto *kindsLayout = new QHBoxLayout;
    for (const auto &[title, list] :
        { std::pair { tr("Quote kinds"), m_quoteKinds }, std::pair { tr("Figure kinds"), m_figureKinds } }) {
        auto *box = new QGroupBox(title, this);
        auto *layout = new QVBoxLayout(box);
        layout->addWidget(list);
        layout->addWidget(kindEditor(list));
        kindsLayout->addWidget(box);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *load = buttons->addButton(tr("Load…"), QDialogButtonBox::ActionRole);
    QPushButton *save = buttons->addButton(tr("Save As…"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &SchemaDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SchemaDialog::reject);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load Schema"), QString(), tr(jsonFilter));
        QString error;
        if (!path.isEmpty() && !loadFile(path, &error))
            QMessageBox::warning(this, tr("Load Schema"), error);
    });
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Schema"), QString(), tr(jsonFilter));
        QString error;
        if (!path.isEmpty() && !saveFile(path, &error))
            QMessageBox::warning(this, tr("Save Schema"), error);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(typesBox, 2);
    layout->addLayout(kindsLayout, 1);
    layout->addWidget(buttons);
    resize(640, 560);
    setSchema(schema);
}

QWidget *SchemaDialog::kindEditor(QListWidget *list)
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *add = new QPushButton(tr("Add"), row);
    auto *remove = new QPushButton(tr("Remove"), row);
    layout->addWidget(add);
    layout->addWidget(remove);
    layout->addStretch();
    connect(add, &QPushButton::clicked, list, [list] {
        auto *item = new QListWidgetItem(QString(), list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        list->setCurrentItem(item);
        list->editItem(item);
    });
    connect(remove, &QPushButton::clicked, list, [list] { delete list->currentItem(); });
    return row;
}

void SchemaDialog::addTypeRow(const EntityType &type)
{
    const int row = m_types->rowCount();
    m_types->insertRow(row);
    m_types->setItem(row, Name, new QTableWidgetItem(type.name));
    auto *colour = new QTableWidgetItem(type.colour.name());
    colour->setData(Qt::DecorationRole, type.colour);
    colour->setFlags(colour->flags() & ~Qt::ItemIsEditable);
    colour->setToolTip(tr("Double-click to choose a colour"));
    m_types->setItem(row, Colour, colour);
    m_types->setItem(row, Key, new QTableWidgetItem(type.shortcut));
    m_types->setItem(row, Description, new QTableWidgetItem(type.description));
}

void SchemaDialog::chooseColour(int row)
{
    QTableWidgetItem *item = m_types->item(row, Colour);
    const QColor colour
        = QColorDialog::getColor(QColor::fromString(item->text()), this, tr("Entity Type Colour"));
    if (!colour.isValid())
        return;
    item->setText(colour.name());
    item->setData(Qt::DecorationRole, colour);
}

void SchemaDialog::setSchema(const AnnotationSchema &schema)
{
    m_types->setRowCount(0);
    for (const EntityType &type : schema.entityTypes)
        addTypeRow(type);
    m_types->resizeColumnsToContents();
    for (const auto &[list, kinds] : { std::pair { m_quoteKinds, &schema.quoteKinds },
             std::pair { m_figureKinds, &schema.figureKinds } }) {
        list->clear();
        for (const QString &kind : *kinds) {
            auto *item = new QListWidgetItem(kind, list);
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
    }
}

AnnotationSchema SchemaDialog::schema() const
{
    AnnotationSchema schema;
    for (int row = 0; row < m_types->rowCount(); ++row) {
        const auto text = [&](int column) { return m_types->item(row, column)->text().trimmed(); };
        schema.entityTypes.append(
            { text(Name), QColor::fromString(text(Colour)), text(Key), text(Description) });
    }
    for (const auto &[list, kinds] : { std::pair { m_quoteKinds, &schema.quoteKinds },
             std::pair { m_figureKinds, &schema.figureKinds } }) {
        for (int row = 0; row < list->count(); ++row) {
            if (const QString kind = list->item(row)->text().trimmed(); !kind.isEmpty())
                *kinds << kind;
        }
    }
    return schema;
}

bool SchemaDialog::saveFile(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(schema().toJson()).toJson()) < 0
        || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool SchemaDialog::loadFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!json.isObject()) {
        *error = tr("%1 is not a schema: %2").arg(path, parseError.errorString());
        return false;
    }
    const auto schema = AnnotationSchema::fromJson(json.object(), error);
    if (!schema)
        return false;
    setSchema(*schema);
    return true;
}

void SchemaDialog::accept()
{
    if (const QString problem = schema().problem(); !problem.isEmpty()) {
        QMessageBox::warning(this, windowTitle(), problem);
        return;
    }
    QDialog::accept();
}

} // namespace Byline
