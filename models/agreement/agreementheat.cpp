// SPDX-License-Identifier: GPL-3.0-or-later
#include "agreement/agreementheat.h"

#include <algorithm>

namespace Byline {

QColor agreementHeat(std::optional<double> value)
{
    if (!value)
        return {};
    const double clamped = std::clamp(*value, 0.0, 1.0);
    return QColor::fromHsvF(float(clamped / 3.0), 0.45f, 0.97f); // hue 0 (red) to 1/3 (green)
}

} // namespace Byline
