// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFileInfoList>
#include <QStringView>

class QDir;

namespace Byline {

/// Name order for people, the same in every locale: runs of digits compare by value ("part 2"
/// before "part 10"), the rest without regard to case; full ties fall back to code units so the
/// order is total. QCollator's numeric mode would depend on the locale and on Qt being built
/// with ICU. Negative, zero or positive, as QString::compare.
int compareNames(QStringView a, QStringView b);

/// A folder's files and subfolders in that order, without the hidden ones (names starting with
/// a dot), as an import walks them.
QFileInfoList entriesInNameOrder(const QDir &folder);

} // namespace Byline
