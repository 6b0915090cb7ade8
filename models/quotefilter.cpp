// SPDX-License-Identifier: GPL-3.0-or-later
#include "quotefilter.h"

namespace Byline {

bool QuoteFilter::accepts(const Quote &quote) const
{
    return (!speakerId || quote.speakerId == *speakerId) && (!kind || quote.kind == *kind)
        && (!status || quote.provenance.status == *status);
}

} // namespace Byline
