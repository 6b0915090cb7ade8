// SPDX-License-Identifier: GPL-3.0-or-later
#include "importlogging.h"

namespace Byline {

Q_LOGGING_CATEGORY(lcImport, "byline.import", QtInfoMsg)

} // namespace Byline
