// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

#include "formats/exportpreview.h"
#include "formats/formatregistry.h"
#include "offsetunitchooser.h"
#include "store.h"
#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// Typing in the search or the annotator redraws the preview once the analyst pauses.
constexpr int previewDelay = 250; // ms

// The highlighting for a file the preview shows: by its name, or by what the format writes
// when KSyntaxHighlighting does not know the extension (JSON Lines, JSON-LD, the QDPX project).
KSyntaxHighlighting::Definition definitionFor(const QString &fileName)
{
    KSyntaxHighlighting::Repository &repository = syntaxRepository();
    const auto byName = repository.definitionForFileName(fileName);
    if (byName.isValid())
        return byName;
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == u"jsonl"_s || suffix == u"jsonld"_s)
        return repository.definitionForName(u"JSON"_s);
    if (suffix == u"qde"_s)
        return repository.definitionForName(u"XML"_s);
    return {};
}

// JSON written compactly, an article a line, is shown indented: the preview is for reading.
// Anything that does not parse as JSON is shown as written.
QString readableJson(const QString &fileName, const QString &text)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix != u"jsonl"_s && suffix != u"json"_s && suffix != u"jsonld"_s)
        return text;
    const QStringList records
        = suffix == u"jsonl"_s ? text.split(u'\n', Qt::SkipEmptyParts) : QStringList { text };
    QString readable;
    for (const QString &record : records) {
        const QJsonDocument json = QJsonDocument::fromJson(record.toUtf8());
        if (json.isNull())
            return text;
        readable += QString::fromUtf8(json.toJson(QJsonDocument::Indented));
    }
    return readable;
}

QString statusLabel(AnnotationStatus status)
{
    switch (status) {
    case AnnotationStatus::Auto:
        return ExportDialog::tr("&Suggested (auto)");
    case AnnotationStatus::Accepted:
        return ExportDialog::tr("&Accepted");
    case AnnotationStatus::Edited:
        return ExportDialog::tr("E&dited");
    case AnnotationStatus::Manual:
        return ExportDialog::tr("&Manual");
    case AnnotationStatus::Rejected:
        return ExportDialog::tr("Re&jected");
    }
    Q_UNREACHABLE_RETURN(QString());
}

} // namespace

ExportDialog::ExportDialog(const Store &store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_format(new QComboBox(this))
    , m_limitations(new QLabel(this))
    , m_path(new QLineEdit(this))
    , m_annotator(new QLineEdit(this))
    , m_annotatorLayer(new QLabel(this))
    , m_doneOnly(new QCheckBox(tr("&Done articles only"), this))
    , m_search(new QLineEdit(this))
    , m_excel(new QCheckBox(tr("For E&xcel (UTF-8 with a byte order mark)"), this))
    , m_tokens(new QCheckBox(tr("&Tokens as JSON Lines (tag ids) instead of CoNLL columns"), this))
    , m_offsets(new OffsetUnitChooser(this))
    , m_message(new QLabel(this))
    , m_previewFile(new QComboBox(this))
    , m_preview(new QPlainTextEdit(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_previewTimer(new QTimer(this))
{
    setWindowTitle(tr("Export"));
    setObjectName(u"ExportDialog"_s);

    for (const QString &name : FormatRegistry::shortNames(DatasetFormat::CanWrite))
        m_format->addItem(FormatRegistry::create(name)->displayName(), name);
    m_format->setObjectName(u"format"_s);
    m_limitations->setObjectName(u"limitations"_s);
    m_limitations->setWordWrap(true);
    m_limitations->setForegroundRole(QPalette::PlaceholderText);
    m_path->setObjectName(u"path"_s);
    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    auto *annotations = new QGroupBox(tr("Annotations"), this);
    auto *layerRow = new QHBoxLayout;
    for (const auto &[layer, label] : { std::pair { Layer::Entities, tr("&Entities") },
             std::pair { Layer::Quotes, tr("&Quotes") }, std::pair { Layer::Figures, tr("&Figures") } }) {
        auto *box = new QCheckBox(label, annotations);
        box->setObjectName(u"layer-"_s + ExportSelection::layerName(layer));
        box->setChecked(true);
        layerRow->addWidget(box);
        m_layers.append(std::pair { layer, box });
    }
    layerRow->addStretch();
    auto *statusGrid = new QGridLayout;
    const QList<AnnotationStatus> statuses { AnnotationStatus::Auto, AnnotationStatus::Accepted,
        AnnotationStatus::Edited, AnnotationStatus::Manual, AnnotationStatus::Rejected };
    for (qsizetype i = 0; i < statuses.size(); ++i) {
        auto *box = new QCheckBox(statusLabel(statuses[i]), annotations);
        box->setObjectName(u"status-"_s + toString(statuses[i]));
        box->setChecked(true);
        statusGrid->addWidget(box, int(i / 3), int(i % 3));
        m_statuses.append(std::pair { statuses[i], box });
    }
    m_statuses.last().second->setToolTip(
        tr("Rejected suggestions are the extractor's counter-examples. Formats without statuses leave "
           "them out whatever is chosen here."));
    m_annotator->setObjectName(u"annotator"_s);
    m_annotator->setPlaceholderText(tr("everyone"));
    m_annotator->setClearButtonEnabled(true);
    // A project with a curated layer exports it by default: say so, since it leaves the
    // annotators' own versions out.
    m_annotator->setText(ExportSelection::defaultFor(store).annotator);
    m_annotatorLayer->setObjectName(u"annotatorLayer"_s);
    m_annotatorLayer->setWordWrap(true);
    m_annotatorLayer->setForegroundRole(QPalette::PlaceholderText);
    showAnnotatorLayer();
    auto *annotationForm = new QFormLayout(annotations);
    annotationForm->addRow(tr("Layers:"), layerRow);
    annotationForm->addRow(tr("Statuses:"), statusGrid);
    annotationForm->addRow(tr("A&nnotator:"), m_annotator);
    annotationForm->addRow(QString(), m_annotatorLayer);

    auto *articles = new QGroupBox(tr("Articles"), this);
    m_doneOnly->setObjectName(u"doneOnly"_s);
    m_search->setObjectName(u"search"_s);
    m_search->setPlaceholderText(tr("all; or a search: speaker:Tokayev coup"));
    m_search->setClearButtonEnabled(true);
    auto *articleForm = new QFormLayout(articles);
    articleForm->addRow(m_doneOnly);
    articleForm->addRow(tr("Sea&rch:"), m_search);

    auto *options = new QGroupBox(tr("Format options"), this);
    options->setObjectName(u"formatOptions"_s);
    m_excel->setObjectName(u"excel"_s);
    m_tokens->setObjectName(u"tokens"_s);
    auto *optionLayout = new QVBoxLayout(options);
    optionLayout->addWidget(m_excel);
    optionLayout->addWidget(m_tokens);
    optionLayout->addWidget(m_offsets);

    // A grid rather than a form: it gives the wrapped limitations the height they need.
    auto *form = new QGridLayout;
    auto *formatLabel = new QLabel(tr("F&ormat:"), this);
    formatLabel->setBuddy(m_format);
    auto *pathLabel = new QLabel(tr("&Save to:"), this);
    pathLabel->setBuddy(m_path);
    form->addWidget(formatLabel, 0, 0);
    form->addWidget(m_format, 0, 1);
    form->addWidget(m_limitations, 1, 1);
    form->addWidget(pathLabel, 2, 0);
    form->addLayout(pathRow, 2, 1);
    form->setColumnStretch(1, 1);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(form);
    leftLayout->addWidget(annotations);
    leftLayout->addWidget(articles);
    leftLayout->addWidget(options);
    leftLayout->addStretch();

    m_previewFile->setObjectName(u"previewFile"_s);
    m_previewFile->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_preview->setObjectName(u"preview"_s);
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_previewTitle = new QLabel(tr("Preview of the first article:"), right);
    auto *previewRow = new QHBoxLayout;
    previewRow->addWidget(m_previewTitle, 1);
    previewRow->addWidget(m_previewFile);
    rightLayout->addLayout(previewRow);
    rightLayout->addWidget(m_preview, 1);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    m_message->setObjectName(u"message"_s);
    m_message->setWordWrap(true);
    m_progress->setObjectName(u"progress"_s);
    m_progress->hide();
    QPushButton *exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(u"export"_s);
    exportButton->setDefault(true);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancel"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    m_inputs = { left, m_previewFile, exportButton };

    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(previewDelay);
    connect(m_previewTimer, &QTimer::timeout, this, &ExportDialog::updatePreview);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::onFormatChanged);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_previewFile, &QComboBox::currentIndexChanged, this, &ExportDialog::showPreviewFile);
    for (const auto &[layer, box] : std::as_const(m_layers))
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updatePreview);
    for (const auto &[status, box] : std::as_const(m_statuses))
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updatePreview);
    for (QCheckBox *box : { m_doneOnly, m_excel, m_tokens })
        connect(box, &QCheckBox::toggled, this, &ExportDialog::updatePreview);
    connect(m_offsets, &OffsetUnitChooser::changed, this, &ExportDialog::updatePreview);
    for (QLineEdit *edit : { m_search, m_annotator })
        connect(edit, &QLineEdit::textEdited, this, &ExportDialog::schedulePreview);
    connect(m_annotator, &QLineEdit::textChanged, this, &ExportDialog::showAnnotatorLayer);
    connect(m_path, &QLineEdit::textChanged, this,
        [exportButton](const QString &text) { exportButton->setEnabled(!text.trimmed().isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    resize(1100, 680);
    splitter->setSizes({ 430, 670 });
    onFormatChanged();
}

ExportDialog::~ExportDialog() = default;

QString ExportDialog::formatName() const
{
    return m_format->currentData().toString();
}

QString ExportDialog::path() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

ExportSelection ExportDialog::selection() const
{
    ExportSelection selection;
    selection.layers.clear();
    for (const auto &[layer, box] : m_layers) {
        if (box->isChecked())
            selection.layers.insert(layer);
    }
    selection.statuses.clear();
    for (const auto &[status, box] : m_statuses) {
        if (box->isChecked())
            selection.statuses.insert(status);
    }
    selection.annotator = m_annotator->text().trimmed();
    selection.doneOnly = m_doneOnly->isChecked();
    selection.search = m_search->text().trimmed();
    return selection;
}

void ExportDialog::showAnnotatorLayer()
{
    const QString annotator = m_annotator->text().trimmed();
    m_annotatorLayer->setText(annotator.isEmpty() ? tr("Everyone's annotations.")
            : annotator == curatedLayerAnnotator
            ? tr("The curated layer: what curation settled from the annotators' versions. Clear it for "
                 "everyone's annotations.")
            : tr("Only %1's annotations.").arg(annotator));
}

FormatOptions ExportDialog::formatOptions() const
{
    FormatOptions options;
    if (!m_excel->isHidden() && m_excel->isChecked())
        options.insert(u"excel"_s, true);
    if (!m_tokens->isHidden() && m_tokens->isChecked())
        options.insert(u"tokens"_s, true);
    if (!m_offsets->isHidden())
        options.insert(OffsetUnitOption::name(), m_offsets->value());
    return options;
}

std::unique_ptr<DatasetFormat> ExportDialog::currentFormat() const
{
    auto format = FormatRegistry::create(formatName());
    if (format)
        format->setOptions(formatOptions());
    return format;
}

void ExportDialog::onFormatChanged()
{
    const auto format = FormatRegistry::create(formatName());
    if (!format)
        return;
    m_limitations->setText(
        format->limitations().isEmpty() ? tr("Carries everything Byline records.") : format->limitations());
    // The options this dialog knows, shown for the format that reads them.
    m_excel->setVisible(format->shortName() == u"csv"_s);
    m_tokens->setVisible(format->shortName() == u"conll"_s);
    m_offsets->setVisible(format->capabilities().testFlag(DatasetFormat::ChoosesOffsetUnit));
    findChild<QGroupBox *>(u"formatOptions"_s)
        ->setVisible(!m_excel->isHidden() || !m_tokens->isHidden() || !m_offsets->isHidden());

    // Keep the analyst's folder and name; give them the format's extension, or none for a folder.
    QString current = path();
    if (current.isEmpty()) {
        const QFileInfo project(m_store.path());
        current = project.absolutePath() + u'/' + project.completeBaseName();
    } else {
        const QFileInfo file(current);
        const bool ownExtension = FormatRegistry::forFileName(current, DatasetFormat::CanWrite) != nullptr;
        if (ownExtension)
            current = file.absolutePath() + u'/' + file.completeBaseName();
        if (current.endsWith(u"-export"_s))
            current.chop(7);
    }
    const QString suffix = format->writesFolder() ? u"-export"_s : u'.' + format->extensions().value(0);
    m_path->setText(QDir::toNativeSeparators(current + suffix));
    updatePreview();
}

void ExportDialog::browse()
{
    const auto format = currentFormat();
    const QString chosen = format->writesFolder()
        ? QFileDialog::getExistingDirectory(this, tr("Export to a New or Empty Folder"), path())
        : QFileDialog::getSaveFileName(this, tr("Export"), path(), format->fileFilter());
    if (!chosen.isEmpty())
        m_path->setText(QDir::toNativeSeparators(chosen));
}

void ExportDialog::schedulePreview()
{
    m_previewTimer->start();
}

void ExportDialog::updatePreview()
{
    m_previewTimer->stop();
    const auto format = currentFormat();
    if (!format)
        return;
    const ExportSelection chosen = selection();
    // On the window's connection: one article is quick to write, and the preview must follow
    // each click without a thread's round trip. Only a search reads more than a page.
    QString error;
    const QList<PreviewFile> files = ExportPreview::render(m_store, *format, chosen, &error);
    m_previewFiles.clear();
    for (const PreviewFile &file : files)
        m_previewFiles.append(std::pair { file.name, file.text });
    {
        const QSignalBlocker blocker(m_previewFile);
        m_previewFile->clear();
        for (const auto &[name, text] : std::as_const(m_previewFiles))
            m_previewFile->addItem(name);
        m_previewFile->setVisible(m_previewFiles.size() > 1);
    }
    if (files.isEmpty()) {
        showText({}, QString());
        m_preview->setPlaceholderText(error);
        showMessage(error, !chosen.problem().isEmpty());
    } else {
        const qint64 count = SelectedArticles(m_store, chosen).count();
        showMessage(tr("%n article(s) will be exported.", nullptr, int(count)), false);
        showPreviewFile(0);
    }
    Q_EMIT previewUpdated();
}

void ExportDialog::showPreviewFile(int index)
{
    if (index < 0 || index >= m_previewFiles.size())
        return;
    const auto &[name, text] = m_previewFiles.at(index);
    const QString shown = readableJson(name, text);
    m_previewTitle->setText(shown == text ? tr("Preview of the first article:")
                                          : tr("Preview of the first article, its JSON indented:"));
    showText(definitionFor(name), shown);
}

void ExportDialog::showText(const KSyntaxHighlighting::Definition &definition, const QString &text)
{
    // A highlighter of its own for each text: a highlighter queues the highlighting of the lines
    // that follow a changed one, and such a line of a text replaced meanwhile is a dangling block.
    // Deleting the old highlighter drops what it queued.
    delete m_highlighter;
    m_preview->setPlainText(text);
    m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(m_preview->document());
    m_highlighter->setTheme(syntaxRepository().themeForPalette(palette()));
    m_highlighter->setDefinition(definition);
}

void ExportDialog::startExport()
{
    if (m_job || path().isEmpty())
        return;
    const QString target = path();
    m_job = FormatJob::exportTo(m_store, formatName(), formatOptions(), selection(), target, this);
    connect(m_job, &FormatJob::progressed, this, [this](qint64 done, qint64 total) {
        m_progress->setMaximum(int(std::min<qint64>(total, std::numeric_limits<int>::max())));
        m_progress->setValue(int(std::min(done, total)));
    });
    connect(m_job, &FormatJob::finished, this, &ExportDialog::finishExport);
    setInputsEnabled(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    showMessage(tr("Exporting to %1…").arg(QDir::toNativeSeparators(target)), false);
    m_job->start();
}

void ExportDialog::finishExport(const FormatJobResult &result)
{
    m_job->deleteLater();
    m_job = nullptr;
    m_progress->hide();
    setInputsEnabled(true);
    m_result = result;
    if (result.succeeded) {
        accept();
        return;
    }
    showMessage(
        result.cancelled ? tr("Export cancelled; nothing was written.") : result.error, !result.cancelled);
}

void ExportDialog::reject()
{
    // Cancel stops a running export first; the dialog stays to say that nothing was written.
    if (m_job) {
        m_job->cancel();
        return;
    }
    QDialog::reject();
}

void ExportDialog::setInputsEnabled(bool enabled)
{
    for (QWidget *input : std::as_const(m_inputs))
        input->setEnabled(enabled);
}

void ExportDialog::showMessage(const QString &message, bool error)
{
    m_message->setText(message);
    QPalette palette = m_message->palette();
    palette.setColor(
        QPalette::WindowText, error ? QColor(0xb0, 0x20, 0x20) : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
}

} // namespace Byline
