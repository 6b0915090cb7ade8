// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotationschema.h"

#include <QDialog>

class QListWidget;
class QTableWidget;

namespace Byline {

/// Edits a project's schema: entity types (name, colour, key, description) and the lists of
/// quote and figure kinds, and saves it to or loads it from a JSON file to share with others.
/// The caller stores the result (Document::setSchema) when the dialog is accepted.
class SchemaDialog final : public QDialog {
    Q_OBJECT
public:
    explicit SchemaDialog(const AnnotationSchema &schema, QWidget *parent = nullptr);

    AnnotationSchema schema() const;
    void setSchema(const AnnotationSchema &schema);
    QTableWidget *entityTypeTable() const { return m_types; }
    QListWidget *figureKindList() const { return m_figureKinds; }

    bool saveFile(const QString &path, QString *error) const;
    bool loadFile(const QString &path, QString *error);

    void accept() override;

private:
    enum TypeColumn { Name, Colour, Key, Description, ColumnCount };

    void addTypeRow(const EntityType &type);
    void chooseColour(int row);
    QWidget *kindEditor(QListWidget *list);

    QTableWidget *m_types;
    QListWidget *m_quoteKinds;
    QListWidget *m_figureKinds;
};

} // namespace Byline
