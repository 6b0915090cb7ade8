// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "corpusoccurrences.h"

#include <QDialog>

#include <memory>

class QLabel;
class QPushButton;
class QRadioButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace Byline {

class Store;

/// The preview of "Tag all occurrences": each untagged place of a name with its article and
/// the words around it, checked, so that the analyst leaves out the ones that name something
/// else. It lists the current article's places at once; choosing the whole corpus searches the
/// other articles a batch at a time while the dialog stays responsive, up to maxOccurrences
/// (tagging them and asking again finds the rest, as tagged places are left out).
class OccurrencesDialog final : public QDialog {
    Q_OBJECT
public:
    static constexpr int maxOccurrences = 1000;

    /// article: the current one, whose places are spans; name: the entity's; names: every name
    /// to look for in the other articles.
    OccurrencesDialog(const Store &store, const Article &article, const QList<Span> &spans,
        const QString &name, const QStringList &names, QWidget *parent = nullptr);
    ~OccurrencesDialog() override;

    QTreeWidget *list() const { return m_list; }
    QRadioButton *corpusButton() const { return m_corpus; }
    /// Whether the corpus search is still running.
    bool isSearching() const;
    /// The checked places of the chosen scope, in list order.
    QList<Occurrence> checkedOccurrences() const;

Q_SIGNALS:
    /// The corpus search came to its end, or to maxOccurrences.
    void searchFinished();

private:
    void addRow(const Occurrence &occurrence);
    void showScope();
    void searchStep();
    void setAllChecked(bool checked);
    void updateSummary();

    const Store &m_store;
    QStringList m_names;
    RecordId m_articleId;
    int m_articleRows = 0;
    QList<Occurrence> m_occurrences; ///< one per row of m_list
    std::unique_ptr<CorpusOccurrenceSearch> m_search;
    QTimer *m_searchTimer;
    QRadioButton *m_article;
    QRadioButton *m_corpus;
    QTreeWidget *m_list;
    QLabel *m_summary;
    QPushButton *m_tagButton;
};

} // namespace Byline
