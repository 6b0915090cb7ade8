// SPDX-License-Identifier: GPL-3.0-or-later
#include "legendwidget.h"

#include <QEvent>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

QString key(const QString &keys, const QString &what)
{
    return u"<b>%1</b>&nbsp;%2"_s.arg(keys.toHtmlEscaped(), what.toHtmlEscaped());
}

} // namespace

LegendWidget::LegendWidget(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(u"legend"_s);
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setContentsMargins(6, 4, 6, 4);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    rebuild();
}

void LegendWidget::setEntityTypes(const QList<EntityType> &types)
{
    m_types = types;
    rebuild();
}

void LegendWidget::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        rebuild();
}

void LegendWidget::rebuild()
{
    QStringList entities;
    for (const EntityType &type : std::as_const(m_types)) {
        // The chip is the colour the text view paints behind a mention of the type.
        QColor chip = type.colour;
        chip.setAlpha(255);
        const QString foreground = chip.lightnessF() > 0.6 ? u"#000000"_s : u"#ffffff"_s;
        entities
            << u"<span style=\"background-color:%1; color:%2\">&nbsp;<b>%3</b>&nbsp;%4&nbsp;</span>"_s.arg(
                   chip.name(), foreground, type.shortcut.toHtmlEscaped(), type.name.toHtmlEscaped());
    }
    if (!entities.isEmpty())
        entities << tr("(Alt+key: exactly as selected)").toHtmlEscaped();
    const QStringList quotes {
        key(u"Q"_s, tr("quote")),
        key(u"⇧Q"_s, tr("part")),
        key(u"S"_s, tr("source")),
        key(u"C"_s, tr("cue")),
        key(u"K"_s, tr("speaker")),
        key(u"T"_s, tr("kind")),
        key(u"Alt+⇧←/→"_s, tr("end")),
        key(u"Alt+Ctrl+←/→"_s, tr("start")),
        key(u"F"_s, tr("figure")),
    };
    const QStringList review {
        key(u"N/P"_s, tr("next/previous suggestion")),
        key(u"A"_s, tr("accept")),
        key(u"R"_s, tr("reject")),
        key(u"E"_s, tr("edit")),
        key(u"Ctrl+↵"_s, tr("article done, next")),
    };
    setText(u"<qt>%1<br>%2<br>%3</qt>"_s.arg(
        entities.join(u"&nbsp; "_s), quotes.join(u" &nbsp;"_s), review.join(u" &nbsp;"_s)));
}

} // namespace Byline
