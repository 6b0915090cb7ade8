// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

#include <optional>

namespace Byline {

/// The heat map of agreement tables: red at 0 (or below: kappa and alpha can be
/// negative), through yellow, to green at 1; pale enough for dark text on top. An
/// undefined value has no colour, so that it does not read as poor agreement.
QColor agreementHeat(std::optional<double> value);

} // namespace Byline
