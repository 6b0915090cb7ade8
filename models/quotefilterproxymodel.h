// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotationfilterproxymodel.h"
#include "quotefilter.h"

namespace Byline {

class Document;

/// Sorts a QuoteModel and shows the quotes a QuoteFilter accepts; the predicate is the filter's.
/// Rejected quotes are hidden as in every panel, unless the filter asks for them by status.
class QuoteFilterProxyModel final : public AnnotationFilterProxyModel {
    Q_OBJECT
public:
    explicit QuoteFilterProxyModel(Document *document, QObject *parent = nullptr);

    QuoteFilter filter() const { return m_filter; }
    void setFilter(const QuoteFilter &filter);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Document *m_document;
    QuoteFilter m_filter;
};

} // namespace Byline
