// SPDX-License-Identifier: GPL-3.0-or-later
#include "quotemodel.h"

#include "annotationeditor.h"
#include "annotationstatusstyle.h"
#include "modelroles.h"

#include <QFont>

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
    case Qt::EditRole:
        if (index.column() == Speaker) {
            // Not the source text shown in its place: committing that would look for an entity.
            const Entity *speaker = m_document->entity(quote.speakerId);
            return speaker ? speaker->name : QString();
        }
        if (index.column() == Kind)
            return toString(quote.kind);
        break;
    case Qt::DecorationRole:
        if (index.column() == Status)
            return statusColour(quote.provenance.status);
        break;
    case Qt::FontRole:
        if (quote.provenance.status == AnnotationStatus::Rejected) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        break;
    case Qt::ToolTipRole: {
        const QString previous = describePrevious(quote.provenance.previous);
        return previous.isEmpty() ? contentText(quote) : contentText(quote) + u"\n\n"_s + previous;
    }
    case PreviousRole:
        return describePrevious(quote.provenance.previous);
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

Qt::ItemFlags QuoteModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = RecordTableModel::flags(index);
    if (index.isValid() && (index.column() == Speaker || index.column() == Kind) && !m_document->isReadOnly())
        flags |= Qt::ItemIsEditable;
    return flags;
}

RecordId QuoteModel::entityNamed(const QString &name) const
{
    const QString wanted = name.simplified();
    if (wanted.isEmpty())
        return 0;
    RecordId containing = 0;
    int containingCount = 0;
    for (const Entity &entity : m_document->annotations().entities) {
        if (entity.name.simplified().compare(wanted, Qt::CaseInsensitive) == 0)
            return entity.id;
        if (entity.name.contains(wanted, Qt::CaseInsensitive)) {
            containing = entity.id;
            ++containingCount;
        }
    }
    return containingCount == 1 ? containing : 0;
}

bool QuoteModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Quote &quote = m_document->annotations().quotes[index.row()];
    AnnotationEditor editor(m_document);
    bool done = false;
    if (index.column() == Speaker) {
        const QString text = value.toString().simplified();
        const RecordId speaker
            = value.typeId() == QMetaType::LongLong ? value.toLongLong() : entityNamed(text);
        if (speaker == 0 && !text.isEmpty()) {
            Q_EMIT editRefused(tr("No entity of this article is called %1.").arg(text));
            return false;
        }
        if (speaker == quote.speakerId)
            return true;
        done = editor.setSpeaker(quote.id, speaker);
    } else if (index.column() == Kind) {
        const auto kind = quoteKindFromString(value.toString().trimmed());
        if (!kind) {
            Q_EMIT editRefused(tr("%1 is not a kind of quote.").arg(value.toString()));
            return false;
        }
        if (*kind == quote.kind)
            return true;
        done = editor.setQuoteKind(quote.id, *kind);
    } else {
        return false;
    }
    if (!done)
        Q_EMIT editRefused(editor.errorString());
    return done;
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
