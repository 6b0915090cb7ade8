// SPDX-License-Identifier: GPL-3.0-or-later
#include "offsetunitchooser.h"

#include "formats/fileoffsets.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace Byline {

OffsetUnitChooser::OffsetUnitChooser(QWidget *parent)
    : QWidget(parent)
    , m_units(new QComboBox(this))
{
    m_units->setObjectName(u"offsets"_s);
    m_units->addItem(tr("Code points"), OffsetUnitOption::valueName(OffsetUnit::CodePoints));
    m_units->addItem(
        tr("UTF-16 code units (as JavaScript counts)"), OffsetUnitOption::valueName(OffsetUnit::Utf16));
    m_units->setToolTip(tr("What the offsets of spans count. Code points are Byline's unit and Python's; "
                           "UTF-16 code units suit tools written in JavaScript. They differ after an emoji "
                           "or another character beyond U+FFFF."));
    auto *label = new QLabel(tr("Offset &unit:"), this);
    label->setBuddy(m_units);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_units, 1);
    connect(m_units, &QComboBox::currentIndexChanged, this, &OffsetUnitChooser::changed);
}

QVariant OffsetUnitChooser::value() const
{
    return m_units->currentData();
}

} // namespace Byline
