// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <QJsonObject>

namespace Byline {

/// An annotation as JSON in the dataset format's terms (code-point offsets with their text),
/// kept in provenance as the state before an analyst's edit.
QJsonObject snapshot(const Mention &mention, QStringView text);
QJsonObject snapshot(const Quote &quote, QStringView text, const QString &speakerName);
QJsonObject snapshot(const Figure &figure, QStringView text);

} // namespace Byline
