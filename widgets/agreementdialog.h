// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agreement/agreement.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Byline {

class AgreementJob;
class AgreementTableModel;
class ArticleAgreementModel;

/// Tools > Agreement: the inter-annotator agreement of a project as a heat map of annotator
/// pairs by measures, computed on a worker thread with its progress shown; choosing a pair
/// lists its articles, worst first, and double-clicking one opens it.
class AgreementDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AgreementDialog(const QString &projectPath, QWidget *parent = nullptr);
    ~AgreementDialog() override;
    /// Shows a dialog for the project that closes itself when closed; the caller connects.
    static AgreementDialog *showFor(const QString &projectPath, QWidget *parent);

    QTableView *pairsView() const { return m_pairsView; }
    QTableView *articlesView() const { return m_articlesView; }
    QProgressBar *progressBar() const { return m_progress; }
    AgreementJob *job() const { return m_job; }

    /// Starts again from the project as it is now.
    void recompute();

Q_SIGNALS:
    void articleActivated(Byline::RecordId articleId);
    /// The computation ended; the table shows its result.
    void computed();

private:
    void showProgress(int done, int total);
    void showReport(const AgreementReport &report, bool cancelled);
    void showPairArticles();

    QString m_projectPath;
    AgreementJob *m_job;
    AgreementTableModel *m_pairs;
    ArticleAgreementModel *m_articles;
    QSortFilterProxyModel *m_articlesSorted;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_stop;
    QPushButton *m_recompute;
    QTableView *m_pairsView;
    QLabel *m_articlesTitle;
    QTableView *m_articlesView;
};

} // namespace Byline
