// SPDX-License-Identifier: GPL-3.0-or-later
#include "quotefilterproxymodel.h"

#include "document.h"

namespace Byline {

QuoteFilterProxyModel::QuoteFilterProxyModel(Document *document, QObject *parent)
    : AnnotationFilterProxyModel(parent)
    , m_document(document)
{
}

void QuoteFilterProxyModel::setFilter(const QuoteFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateRowsFilter();
}

bool QuoteFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto &quotes = m_document->annotations().quotes;
    return !sourceParent.isValid() && sourceRow < quotes.size() && m_filter.accepts(quotes[sourceRow])
        && (m_filter.status == AnnotationStatus::Rejected || acceptsStatus(sourceRow, sourceParent));
}

} // namespace Byline
