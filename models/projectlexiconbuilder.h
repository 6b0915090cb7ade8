// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "extraction/projectlexicon.h"

namespace Byline {

class Store;

/// What the analysts of a project taught the extractors: the names they tagged or
/// accepted, the suggestions they rejected, the cues of the quotes they confirmed.
ProjectLexicon projectLexicon(const Store &store);

} // namespace Byline
