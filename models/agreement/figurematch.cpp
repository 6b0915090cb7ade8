// SPDX-License-Identifier: GPL-3.0-or-later
#include "agreement/figurematch.h"

#include <algorithm>
#include <cmath>

namespace Byline::FigureMatch {

namespace {

bool isMissing(const QVariant &value)
{
    return !value.isValid() || value.isNull();
}

} // namespace

Span number(const Figure &figure)
{
    return figure.number.isNull() ? figure.span : figure.number;
}

bool same(const Figure &a, const Figure &b)
{
    return number(a).overlaps(number(b));
}

bool sameValue(const QVariant &a, const QVariant &b)
{
    if (isMissing(a) || isMissing(b))
        return isMissing(a) && isMissing(b);
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
        return a.toString().trimmed() == b.toString().trimmed();
    const double x = a.toDouble();
    const double y = b.toDouble();
    return std::abs(x - y) <= 1e-9 * std::max(1.0, std::abs(y));
}

} // namespace Byline::FigureMatch
