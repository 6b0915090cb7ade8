// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

namespace Byline {

/// Item data roles shared by Byline's item models.
enum ModelRole : int {
    IdRole = Qt::UserRole + 1, ///< RecordId of the row's record
    SpanRole, ///< Span (UTF-16) to show in the article text
    StatusRole, ///< AnnotationStatus or ArticleStatus, as int
    SortRole, ///< the raw value to sort by, never the display string
    PreviousRole, ///< text: what an edited suggestion was before the analyst's edit, or empty
};

} // namespace Byline
