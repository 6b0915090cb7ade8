// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLoggingCategory>

namespace Byline {

Q_DECLARE_LOGGING_CATEGORY(lcImport)

} // namespace Byline
