// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "schema.h"

#include <QLabel>

namespace Byline {

/// A bar above the text naming every key: entity types with their colour, then the quote,
/// figure and review keys, so that keyboard tagging needs no manual.
class LegendWidget final : public QLabel {
    Q_OBJECT
public:
    explicit LegendWidget(QWidget *parent = nullptr);

    void setEntityTypes(const QList<EntityType> &types);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    QList<EntityType> m_types;
};

} // namespace Byline
