// SPDX-License-Identifier: GPL-3.0-or-later
#include "importplan.h"

#include "formatregistry.h"
#include "naturalnameorder.h"
#include "textfilescan.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

// The most of a file's first line read to tell formats apart: an article's line is rarely more
// than a few hundred kilobytes, and past this the name decides alone.
constexpr qint64 sniffedBytes = 16 * 1024 * 1024;

// The first character of a file that is not white space or a byte order mark, or 0.
char firstSignificantByte(QFile &file)
{
    char byte = 0;
    while (file.getChar(&byte)) {
        if (!QChar::isSpace(uchar(byte)) && uchar(byte) != 0xEF && uchar(byte) != 0xBB && uchar(byte) != 0xBF)
            return byte;
    }
    return 0;
}

// doccano writes its spans by offsets ("entities": [{"start_offset": …}] or, in older exports,
// "label": [[start, end, "LABEL"]]); Byline's entities carry mentions instead.
bool isDoccanoLine(const QByteArray &line)
{
    const QJsonObject object = QJsonDocument::fromJson(line).object();
    if (object.value("label"_L1).isArray())
        return true;
    const QJsonValue first = object.value("entities"_L1).toArray().first();
    return first.isObject() && first.toObject().contains("start_offset"_L1);
}

// A folder that holds one dataset of a format that is written to a folder, or empty.
QString datasetOfFolder(const QDir &folder)
{
    if (QFileInfo::exists(folder.filePath(u"articles.csv"_s)))
        return u"csv"_s;
    if (!folder.entryList({ u"*.ann"_s }, QDir::Files).isEmpty())
        return u"brat"_s;
    return {};
}

} // namespace

QString ImportPlan::formatOfFile(const QString &path)
{
    const auto byName = FormatRegistry::forFileName(path, DatasetFormat::CanRead);
    if (!byName)
        return {};
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != u"json"_s && suffix != u"jsonl"_s)
        return byName->shortName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return byName->shortName(); // the format's own reading says why it cannot
    if (suffix == u"json"_s)
        return firstSignificantByte(file) == '[' ? u"labelstudio"_s : byName->shortName();
    const QByteArray line = file.readLine(sniffedBytes);
    return isDoccanoLine(line) ? u"doccano"_s : byName->shortName();
}

ImportPlan ImportPlan::make(const QStringList &paths, const QString &formatName)
{
    ImportPlan plan;
    plan.m_formatName = formatName;
    for (const QString &path : paths)
        plan.addPath(path, true);
    return plan;
}

void ImportPlan::addPath(const QString &path, bool named)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        m_errors << tr("Cannot read %1: it does not exist").arg(path);
        return;
    }
    if (info.isDir()) {
        addFolder(path);
        return;
    }
    if (!m_formatName.isEmpty()) {
        // A folder's files are the format's own; a file named explicitly is whatever was asked.
        const auto format = FormatRegistry::create(m_formatName);
        const bool ownName = format && m_formatName == u"text"_s
            ? TextFileScan::hasTextFileName(path)
            : format && format->extensions().contains(info.suffix().toLower());
        if (named || ownName)
            add(path, m_formatName);
        return;
    }
    const QString format = formatOfFile(path);
    if (!format.isEmpty() || named)
        add(path, format);
    else if (TextFileScan::hasTextFileName(path))
        add(path, u"text"_s);
    else
        m_warnings << tr("%1: no format Byline reads, left out").arg(path);
}

void ImportPlan::addFolder(const QString &path)
{
    if (const QString canonical = QFileInfo(path).canonicalFilePath(); !m_seen.contains(canonical))
        m_seen.insert(canonical);
    else
        return;
    const QFileInfo info(path);
    if (!info.isReadable() || !info.isExecutable()) {
        m_errors << tr("Cannot read the folder %1: permission denied").arg(path);
        return;
    }
    const QDir folder(path);
    const auto asked = m_formatName.isEmpty() ? nullptr : FormatRegistry::create(m_formatName);
    const QString dataset
        = asked ? (asked->writesFolder() ? m_formatName : QString()) : datasetOfFolder(folder);
    if (!dataset.isEmpty())
        add(path, dataset);

    for (const QFileInfo &entry : entriesInNameOrder(folder)) {
        if (entry.isDir())
            addFolder(entry.filePath());
        else if (dataset.isEmpty() && entry.isFile())
            addPath(entry.filePath(), false);
    }
}

void ImportPlan::add(const QString &path, const QString &format)
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    if (QFileInfo(path).isFile() && m_seen.contains(canonical))
        return;
    m_seen.insert(canonical);
    m_units.append({ path, format });
}

} // namespace Byline
