// SPDX-License-Identifier: GPL-3.0-or-later
#include "quotepanel.h"

#include "annotationeditor.h"
#include "annotationstatusstyle.h"
#include "choicedelegate.h"
#include "document.h"
#include "modelroles.h"
#include "quotefilterproxymodel.h"
#include "quotemodel.h"
#include "speakerdelegate.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPixmap>
#include <QTreeView>
#include <QUndoStack>

namespace Byline {

namespace {

// The filter combos hold the raw value in their item data; an invalid one means "any".
constexpr AnnotationStatus allStatuses[] = { AnnotationStatus::Auto, AnnotationStatus::Accepted,
    AnnotationStatus::Edited, AnnotationStatus::Manual, AnnotationStatus::Rejected };
constexpr RecordId noSpeaker = 0;

QIcon swatch(const QColor &colour)
{
    QPixmap pixmap(10, 10);
    pixmap.fill(colour);
    return QIcon(pixmap);
}

} // namespace

QuotePanel::QuotePanel(QuoteModel *model, Document *document, QWidget *parent)
    : AnnotationPanel(model, Shape::Table, parent, new QuoteFilterProxyModel(document))
    , m_model(model)
    , m_document(document)
    , m_filterProxy(static_cast<QuoteFilterProxyModel *>(proxy()))
    , m_speakerFilter(new QComboBox(this))
    , m_kindFilter(new QComboBox(this))
    , m_statusFilter(new QComboBox(this))
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(2, 2, 2, 0);
    const auto addFilter = [&](const QString &label, QComboBox *combo) {
        auto *text = new QLabel(label, bar);
        text->setBuddy(combo);
        // Long entity names must not push the other filters off a narrow panel.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(combo == m_speakerFilter ? 12 : 7);
        layout->addWidget(text);
        layout->addWidget(combo, 1);
        connect(combo, &QComboBox::currentIndexChanged, this, &QuotePanel::applyFilter);
    };
    addFilter(tr("&Speaker:"), m_speakerFilter);
    addFilter(tr("&Kind:"), m_kindFilter);
    addFilter(tr("S&tatus:"), m_statusFilter);
    layout->addStretch();
    m_speakerFilter->setObjectName(QStringLiteral("speakerFilter"));
    m_kindFilter->setObjectName(QStringLiteral("kindFilter"));
    m_statusFilter->setObjectName(QStringLiteral("statusFilter"));
    setHeaderWidget(bar);

    m_kindFilter->addItem(tr("All"));
    for (const QuoteKind kind : { QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed })
        m_kindFilter->addItem(toString(kind), int(kind));
    m_statusFilter->addItem(tr("All"));
    for (const AnnotationStatus status : allStatuses)
        m_statusFilter->addItem(swatch(statusColour(status)), toString(status), int(status));
    refillSpeakerFilter();

    // The speakers on offer are the article's entities: follow them as they come and go.
    for (auto changed : { &Document::entityInserted, &Document::entityRemoved, &Document::entityChanged })
        connect(document, changed, this, &QuotePanel::refillSpeakerFilter);
    connect(document, &Document::annotationsReset, this, &QuotePanel::refillSpeakerFilter);

    const auto entityNames = [this] {
        QStringList names;
        for (const Entity &entity : m_document->annotations().entities)
            names << entity.name;
        return names;
    };
    view()->setItemDelegateForColumn(QuoteModel::Speaker, new SpeakerDelegate(entityNames, this));
    view()->setItemDelegateForColumn(
        QuoteModel::Kind, new ChoiceDelegate([this] { return m_document->schema().quoteKinds; }, this));

    view()->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *remove = new QAction(tr("Delete"), this);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(remove, &QAction::triggered, this, &QuotePanel::deleteSelected);
    view()->addAction(remove);
    connect(model, &QuoteModel::editRefused, this, &QuotePanel::showRefusal);
}

void QuotePanel::refillSpeakerFilter()
{
    const QVariant chosen = m_speakerFilter->currentData();
    const QSignalBlocker blocker(m_speakerFilter);
    m_speakerFilter->clear();
    m_speakerFilter->addItem(tr("All"));
    m_speakerFilter->addItem(tr("(none)"), noSpeaker);
    for (const Entity &entity : m_document->annotations().entities)
        m_speakerFilter->addItem(entity.name, entity.id);
    const int index = chosen.isValid() ? m_speakerFilter->findData(chosen) : 0;
    m_speakerFilter->setCurrentIndex(std::max(index, 0));
    if (index < 0)
        applyFilter(); // the chosen speaker went away: show every quote again
}

void QuotePanel::applyFilter()
{
    QuoteFilter filter;
    if (const QVariant speaker = m_speakerFilter->currentData(); speaker.isValid())
        filter.speakerId = speaker.toLongLong();
    if (const QVariant kind = m_kindFilter->currentData(); kind.isValid())
        filter.kind = QuoteKind(kind.toInt());
    if (const QVariant status = m_statusFilter->currentData(); status.isValid())
        filter.status = AnnotationStatus(status.toInt());
    m_filterProxy->setFilter(filter);
}

RecordId QuotePanel::currentQuote() const
{
    const QModelIndex current = view()->currentIndex();
    return current.isValid() ? current.siblingAtColumn(0).data(IdRole).toLongLong() : 0;
}

bool QuotePanel::speakerFromSource(const QString &type)
{
    AnnotationEditor editor(m_document);
    if (editor.speakerFromSource(currentQuote(), type) != 0)
        return true;
    showRefusal(editor.errorString());
    return false;
}

bool QuotePanel::splitCurrentPartAtCursor()
{
    const RecordId id = currentQuote();
    const qsizetype row = m_document->quoteRow(id);
    if (row < 0 || !m_cursorPosition)
        return false;
    const qsizetype position = m_cursorPosition();
    const Quote &quote = m_document->annotations().quotes[row];
    int part = 0;
    while (part < quote.content.size() && !quote.content[part].contains(position))
        ++part;
    AnnotationEditor editor(m_document);
    if (part < quote.content.size() && editor.splitQuotePart(id, part, position))
        return true;
    showRefusal(part < quote.content.size()
            ? editor.errorString()
            : tr("Put the text cursor inside a content part to split it there."));
    return false;
}

bool QuotePanel::joinCurrentParts(int part)
{
    AnnotationEditor editor(m_document);
    if (editor.joinQuoteParts(currentQuote(), part))
        return true;
    showRefusal(editor.errorString());
    return false;
}

bool QuotePanel::deleteSelected()
{
    const QModelIndexList rows = selectedSourceRows();
    if (rows.isEmpty())
        return false;
    AnnotationEditor editor(m_document);
    bool ok = true;
    // Deleting several rows is one step, as in the Entities panel.
    QUndoStack *stack = m_document->undoStack();
    if (rows.size() > 1)
        stack->beginMacro(tr("Delete %n annotation(s)", nullptr, int(rows.size())));
    // Ids first: each removal moves the rows after it.
    QList<RecordId> ids;
    for (const QModelIndex &index : rows)
        ids << index.data(IdRole).toLongLong();
    for (const RecordId id : ids)
        ok = editor.removeQuote(id) && ok;
    if (rows.size() > 1)
        stack->endMacro();
    if (!ok)
        showRefusal(editor.errorString());
    return ok;
}

void QuotePanel::fillContextMenu(QMenu *menu)
{
    const qsizetype row = m_document->quoteRow(currentQuote());
    if (row < 0)
        return;
    const Quote &quote = m_document->annotations().quotes[row];
    const bool readOnly = m_document->isReadOnly();

    menu->addAction(tr("Edit Speaker"), this,
            [this] { view()->edit(view()->currentIndex().siblingAtColumn(QuoteModel::Speaker)); })
        ->setEnabled(!readOnly);
    QMenu *fromSource = menu->addMenu(tr("Speaker from Source as"));
    for (const EntityType &type : m_document->entityTypes())
        fromSource->addAction(type.name, this, [this, name = type.name] { speakerFromSource(name); });
    fromSource->setEnabled(!readOnly && !quote.source.isNull());
    menu->addAction(tr("No Speaker"), this,
            [this] {
                AnnotationEditor editor(m_document);
                if (!editor.setSpeaker(currentQuote(), 0))
                    showRefusal(editor.errorString());
            })
        ->setEnabled(!readOnly && quote.speakerId != 0);

    QMenu *kinds = menu->addMenu(tr("Kind"));
    for (const QString &name : m_document->schema().quoteKinds) {
        const auto kind = quoteKindFromString(name);
        if (!kind)
            continue;
        QAction *action = kinds->addAction(name, this, [this, kind = *kind] {
            AnnotationEditor editor(m_document);
            if (!editor.setQuoteKind(currentQuote(), kind))
                showRefusal(editor.errorString());
        });
        action->setCheckable(true);
        action->setChecked(*kind == quote.kind);
    }
    kinds->setEnabled(!readOnly);

    menu->addSeparator();
    menu->addAction(tr("Split Part at Text Cursor"), this, &QuotePanel::splitCurrentPartAtCursor)
        ->setEnabled(!readOnly && m_cursorPosition);
    for (int part = 0; part + 1 < quote.content.size(); ++part) {
        menu->addAction(tr("Join Parts %1 and %2").arg(part + 1).arg(part + 2), this,
                [this, part] { joinCurrentParts(part); })
            ->setEnabled(!readOnly);
    }
    menu->addSeparator();
    menu->addAction(tr("Delete"), QKeySequence::Delete, this, &QuotePanel::deleteSelected)
        ->setEnabled(!readOnly);
}

} // namespace Byline
