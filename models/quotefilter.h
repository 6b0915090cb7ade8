// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"

#include <optional>

namespace Byline {

/// Which quotes the Quotes panel shows: by speaker, kind and status. An unset part lets
/// every quote through; a speaker of 0 means "quotes without a speaker".
struct QuoteFilter {
    std::optional<RecordId> speakerId;
    std::optional<QuoteKind> kind;
    std::optional<AnnotationStatus> status;

    bool accepts(const Quote &quote) const;
    bool isEmpty() const { return !speakerId && !kind && !status; }
    friend bool operator==(const QuoteFilter &, const QuoteFilter &) = default;
};

} // namespace Byline
