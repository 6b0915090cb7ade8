// SPDX-License-Identifier: GPL-3.0-or-later
#include "quotemodel.h"

#include "modelroles.h"

using namespace Qt::StringLiterals;

namespace Byline {

QuoteModel::QuoteModel(Document *document, QObject *parent)
    : RecordTableModel(document, ColumnCount, parent)
{
    followRows(&Document::quoteAboutToBeInserted, &Document::quoteInserted, &Document::quoteAboutToBeRemoved,
        &Document::quoteRemoved, &Document::quoteChanged);
    // A renamed speaker changes the Speaker column of its quotes.
    connect(document, &Document::entityChanged, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, Speaker), index(rowCount() - 1, Speaker));
    });
}

int QuoteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_document->annotations().quotes.size());
}

QString QuoteModel::speakerName(const Quote &quote) const
{
    if (const Entity *speaker = m_document->entity(quote.speakerId))
        return speaker->name;
    return textOf(m_document->currentArticle().text, quote.source);
}

QString QuoteModel::contentText(const Quote &quote) const
{
    QStringList parts;
    for (const Span &part : quote.content)
        parts << textOf(m_document->currentArticle().text, part);
    return parts.join(u" … "_s);
}

QVariant QuoteModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Quote &quote = m_document->annotations().quotes[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (Column(index.column())) {
        case Speaker:
            return speakerName(quote);
        case Cue:
            return textOf(m_document->currentArticle().text, quote.cue);
        case Kind:
            return role == SortRole ? QVariant(int(quote.kind)) : QVariant(toString(quote.kind));
        case Status:
            return role == SortRole ? QVariant(int(quote.provenance.status))
                                    : QVariant(toString(quote.provenance.status));
        case Content:
            return role == SortRole ? QVariant(qlonglong(quote.content.value(0).start))
                                    : QVariant(contentText(quote));
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        return contentText(quote);
    case IdRole:
        return quote.id;
    case SpanRole:
        if (quote.content.isEmpty())
            return {};
        return QVariant::fromValue(Span { quote.content.first().start, quote.content.last().end });
    case StatusRole:
        return int(quote.provenance.status);
    }
    return {};
}

QVariant QuoteModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Speaker:
        return tr("Speaker");
    case Cue:
        return tr("Cue");
    case Kind:
        return tr("Kind");
    case Status:
        return tr("Status");
    case Content:
        return tr("Content");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace Byline
