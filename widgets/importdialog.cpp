// SPDX-License-Identifier: GPL-3.0-or-later
#include "importdialog.h"

#include "csvcolumnschooser.h"
#include "formats/fileoffsets.h"
#include "formats/formatregistry.h"
#include "formats/importplan.h"
#include "offsetunitchooser.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Byline {

ImportDialog::ImportDialog(const Store &store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_files(new QListWidget(this))
    , m_format(new QComboBox(this))
    , m_limitations(new QLabel(this))
    , m_skipBadRecords(
          new QCheckBox(tr("S&kip bad records: import the rest and list what was skipped"), this))
    , m_offsets(new OffsetUnitChooser(this))
    , m_csvColumns(new CsvColumnsChooser(this))
    , m_message(new QLabel(this))
    , m_report(new QPlainTextEdit(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Import"));
    setObjectName(u"ImportDialog"_s);

    m_files->setObjectName(u"files"_s);
    m_files->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *addFiles = new QPushButton(tr("Add &Files…"), this);
    auto *addFolder = new QPushButton(tr("Add F&older…"), this);
    auto *remove = new QPushButton(tr("&Remove"), this);
    auto *fileButtons = new QVBoxLayout;
    fileButtons->addWidget(addFiles);
    fileButtons->addWidget(addFolder);
    fileButtons->addWidget(remove);
    fileButtons->addStretch();
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_files, 1);
    fileRow->addLayout(fileButtons);

    m_format->setObjectName(u"format"_s);
    m_format->addItem(tr("By file extension"), QString());
    for (const QString &name : FormatRegistry::shortNames(DatasetFormat::CanRead))
        m_format->addItem(FormatRegistry::create(name)->displayName(), name);
    m_limitations->setObjectName(u"limitations"_s);
    m_limitations->setWordWrap(true);
    m_limitations->setForegroundRole(QPalette::PlaceholderText);
    m_skipBadRecords->setObjectName(u"skipBadRecords"_s);
    m_skipBadRecords->setToolTip(tr("Without this, a file with a bad record is not imported at all."));
    m_offsets->setObjectName(u"offsetUnit"_s);

    auto *form = new QFormLayout;
    auto *filesLabel = new QLabel(tr("F&iles:"), this);
    filesLabel->setBuddy(m_files);
    form->addRow(filesLabel, fileRow);
    form->addRow(tr("&Format:"), m_format);
    form->addRow(QString(), m_limitations);
    form->addRow(QString(), m_skipBadRecords);
    form->addRow(QString(), m_offsets);
    form->addRow(QString(), m_csvColumns);
    m_csvColumns->hide();

    m_message->setObjectName(u"message"_s);
    m_message->setWordWrap(true);
    m_report->setObjectName(u"report"_s);
    m_report->setReadOnly(true);
    m_report->hide();
    m_progress->setObjectName(u"progress"_s);
    m_progress->hide();
    m_import = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(u"import"_s);
    m_import->setDefault(true);
    m_buttons->button(QDialogButtonBox::Close)->setObjectName(u"close"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_report, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    m_inputs = { m_files, addFiles, addFolder, remove, m_format, m_skipBadRecords, m_offsets, m_csvColumns,
        m_import };

    connect(addFiles, &QPushButton::clicked, this, [this] {
        QStringList filters = FormatRegistry::fileFilters(DatasetFormat::CanRead);
        filters.prepend(tr("All files (*)"));
        addPaths(QFileDialog::getOpenFileNames(this, tr("Import Files"), QString(), filters.join(u";;"_s)));
    });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Import a Folder"));
        if (!folder.isEmpty())
            addPaths({ folder });
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_files->selectedItems());
        updateFormatOptions();
        updateImportButton();
    });
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::onFormatChanged);
    connect(m_csvColumns, &CsvColumnsChooser::changed, this, &ImportDialog::updateImportButton);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    resize(720, 480);
    onFormatChanged();
    updateImportButton();
}

void ImportDialog::addPaths(const QStringList &paths)
{
    for (const QString &path : paths) {
        if (m_files->findItems(QDir::toNativeSeparators(path), Qt::MatchExactly).isEmpty())
            m_files->addItem(QDir::toNativeSeparators(path));
    }
    updateFormatOptions();
    updateImportButton();
}

QStringList ImportDialog::paths() const
{
    QStringList paths;
    for (int row = 0; row < m_files->count(); ++row)
        paths << QDir::fromNativeSeparators(m_files->item(row)->text());
    return paths;
}

QString ImportDialog::formatName() const
{
    return m_format->currentData().toString();
}

FormatOptions ImportDialog::formatOptions() const
{
    FormatOptions options;
    if (m_skipBadRecords->isChecked())
        options.insert(u"skipBadRecords"_s, true);
    if (!m_offsets->isHidden())
        options.insert(OffsetUnitOption::name(), m_offsets->value());
    if (!m_csvColumns->isHidden())
        options.insert(m_csvColumns->options());
    return options;
}

void ImportDialog::onFormatChanged()
{
    const auto format = FormatRegistry::create(formatName());
    m_limitations->setText(!format            ? tr("Each file is read in the format its extension names.")
            : format->limitations().isEmpty() ? tr("Reads everything Byline records.")
                                              : format->limitations());
    updateFormatOptions();
    updateImportButton();
}

// A CSV file of articles, not a folder of tables Byline wrote: those name their own columns.
QString ImportDialog::firstCsvFile() const
{
    const QString chosen = formatName();
    for (const QString &path : paths()) {
        const QFileInfo info(path);
        if (!info.isFile())
            continue;
        const auto format = chosen.isEmpty() ? FormatRegistry::forFileName(path, DatasetFormat::CanRead)
                                             : FormatRegistry::create(chosen);
        if (format && format->shortName() == u"csv"_s)
            return path;
    }
    return {};
}

// The formats that take no choice of offsets (DatasetFormat::ChoosesOffsetUnit) count as their
// tools do and ignore it, so the choice shows as soon as one file may take it. A folder may hold
// files of any format; it is not walked for this.
bool ImportDialog::mayChooseOffsets() const
{
    const auto takesTheChoice = [](const QString &formatName) {
        const auto format = FormatRegistry::create(formatName);
        return format && format->capabilities().testFlag(DatasetFormat::ChoosesOffsetUnit);
    };
    if (!formatName().isEmpty())
        return takesTheChoice(formatName());
    const QStringList files = paths();
    return std::any_of(files.cbegin(), files.cend(), [&takesTheChoice](const QString &path) {
        return QFileInfo(path).isDir() || takesTheChoice(ImportPlan::formatOfFile(path));
    });
}

void ImportDialog::updateFormatOptions()
{
    const QString file = firstCsvFile();
    if (!file.isEmpty())
        m_csvColumns->setFile(file);
    m_csvColumns->setVisible(!file.isEmpty());
    m_offsets->setVisible(mayChooseOffsets());
}

void ImportDialog::updateImportButton()
{
    m_import->setEnabled(
        !m_job && m_files->count() > 0 && (m_csvColumns->isHidden() || m_csvColumns->isComplete()));
}

void ImportDialog::startImport()
{
    if (m_job || m_files->count() == 0)
        return;
    m_job = FormatJob::importFrom(m_store, formatName(), formatOptions(), paths(), this);
    connect(m_job, &FormatJob::progressed, this, [this](qint64 done, qint64 total) {
        // Many formats cannot know their length before the end: then the bar only shows life.
        m_progress->setRange(0, int(std::min<qint64>(total, std::numeric_limits<int>::max())));
        m_progress->setValue(int(std::min(done, total)));
    });
    connect(m_job, &FormatJob::finished, this, &ImportDialog::finishImport);
    setInputsEnabled(false);
    m_report->hide();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("Cancel"));
    m_message->setText(tr("Importing…"));
    m_job->start();
}

void ImportDialog::finishImport(const FormatJobResult &result)
{
    m_job->deleteLater();
    m_job = nullptr;
    m_progress->hide();
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("Close"));
    setInputsEnabled(true);
    updateImportButton();
    m_result = result;
    if (result.cancelled) {
        m_message->setText(tr("Import cancelled; nothing was imported."));
    } else if (!result.succeeded) {
        m_message->setText(tr("Nothing was imported: %1").arg(result.error));
    } else if (result.articles == 0 && !result.warnings.isEmpty()) {
        m_message->setText(tr("Nothing was imported. Details:"));
    } else {
        m_message->setText(tr("Imported %n article(s).", nullptr, int(result.articles))
            + (result.skipped > 0 ? u' ' + tr("Skipped %n.", nullptr, result.skipped) : QString())
            + (result.warnings.isEmpty() ? QString() : u' ' + tr("Details:")));
        // Imported files are not imported twice by a second click; those refused stay for another.
        for (int row = m_files->count() - 1; row >= 0; --row) {
            if (!result.failedFiles.contains(QDir::fromNativeSeparators(m_files->item(row)->text())))
                delete m_files->takeItem(row);
        }
        updateFormatOptions();
        updateImportButton();
    }
    m_report->setPlainText(result.warnings.join(u'\n'));
    m_report->setVisible(!result.warnings.isEmpty());
}

void ImportDialog::reject()
{
    // Close during an import cancels it; the dialog stays to say that nothing was imported.
    if (m_job) {
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

void ImportDialog::setInputsEnabled(bool enabled)
{
    for (QWidget *input : std::as_const(m_inputs))
        input->setEnabled(enabled);
}

} // namespace Byline
