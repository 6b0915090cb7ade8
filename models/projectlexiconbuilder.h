// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/projectlexicon.h"

namespace Byline {

class Store;

/// What the analysts of a project taught the extractors: the names they tagged or
/// accepted, the cues of the quotes they confirmed, the quotes they rejected, and the names
/// and figures they rejected more often than they confirmed the same words.
ProjectLexicon projectLexicon(const Store &store);

} // namespace Byline
