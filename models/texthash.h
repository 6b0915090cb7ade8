// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Byline {

/// A stable fingerprint of an article text, to recognise the same article imported twice.
///
/// The texts hashed last are remembered, on every thread: an import hashes each article on the
/// thread that parses it, so that the thread that stores it finds the hash made (its check for
/// the same text, then its insert, each ask for it).
QString textHash(const QString &text);

} // namespace Byline
