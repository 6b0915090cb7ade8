// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Byline {

/// A stable fingerprint of an article text, to recognise the same article imported twice.
QString textHash(QStringView text);

} // namespace Byline
