// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

namespace Byline {

/// When two annotators marked the same figure, for agreement and curation alike: their numbers
/// overlap. Whether they read it the same: equal values (and upper bounds).
namespace FigureMatch {

/// The number alone, or the whole span where no number was marked.
Span number(const Figure &figure);
bool same(const Figure &a, const Figure &b);
/// Dates are ISO 8601 strings, every other value a number, equal up to rounding; two missing
/// values are the same.
bool sameValue(const QVariant &a, const QVariant &b);

} // namespace FigureMatch

} // namespace Byline
