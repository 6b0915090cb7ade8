// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QColor>

namespace Byline {

/// How panels show an annotation's place in the review flow, the same in every panel: a
/// colour swatch beside the status (grey auto, green accepted, amber edited, blue manual,
/// red rejected), chosen to stay apart for the common forms of colour blindness by lightness.
QColor statusColour(AnnotationStatus status);

/// One line saying what an edited suggestion was before the edit (from Provenance::previous),
/// empty when there was no edit.
QString describePrevious(const QJsonObject &previous);

} // namespace Byline
