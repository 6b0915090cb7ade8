// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "annotations.h"
#include "store.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace Byline {

class ArticleView;
class CurationActions;
class CurationModel;
class Document;

/// Tools > Curate Article: the current article with its annotators' versions side by side, for
/// a curator to settle. Every unit of the article is a row (CurationModel); each disagreement has
/// a colour, its span is marked with it in the text and the versions that differ from the
/// majority's are painted in it. Keys, on the table:
///
/// - 1 … 9: take annotator N's version into the curated layer; A: take every agreed one at once;
///   R: reject the unit (the curated layer leaves it out); M: merge two versions (where from one,
///   what from the other); E: edit the curated version in the main window's panels (taking the
///   majority's version first where nothing is decided yet);
/// - J / Down, K / Up: the next, previous disagreement; D: mark the article's curation done or not;
///   Enter: mark it done once nothing is open, and go to the next article that needs curating.
///
/// Every decision is an undo step of the document's stack (Edit > Undo in the main window, or
/// Ctrl+Z here), written in one store transaction.
class CurationView final : public QWidget {
    Q_OBJECT
public:
    explicit CurationView(Document *document, QWidget *parent = nullptr);
    ~CurationView() override;

    CurationModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    ArticleView *articleView() const { return m_articleView; }
    QLabel *statusLabel() const { return m_status; }
    /// The row of the unit the keys act on, -1 when there is none.
    int currentUnit() const;
    void setCurrentUnit(int row);

Q_SIGNALS:
    /// The curator wants to edit a curated record in the main window.
    void editRequested(Byline::Layer layer, Byline::RecordId recordId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool handleKey(int key, Qt::KeyboardModifiers modifiers);
    void acceptVersion(int annotator);
    void acceptAgreed();
    void rejectUnit();
    void mergeUnit();
    void editUnit();
    void moveToDisagreement(int step);
    void toggleDone();
    void nextArticle();
    void showArticle();
    void showUnits();
    void showCurrentUnit();
    void report(bool ok);

    Document *m_document;
    CurationModel *m_model;
    CurationActions *m_actions;
    QLabel *m_title;
    QLabel *m_status;
    ArticleView *m_articleView;
    QTableView *m_table;
    int m_rememberedRow = -1; ///< the current row across the model's resets
};

} // namespace Byline
