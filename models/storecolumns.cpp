// SPDX-License-Identifier: GPL-3.0-or-later
#include "storecolumns.h"

#include <QJsonDocument>
#include <QStringList>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Byline::StoreColumns {

QDateTime now()
{
    const QDateTime time = QDateTime::currentDateTimeUtc();
    return QDateTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch(), QTimeZone::UTC);
}

QString timestamp(const QDateTime &time)
{
    // Records written together share their times: the last one formatted is kept.
    thread_local QDateTime lastTime;
    thread_local QString lastText;
    if (lastText.isEmpty() || time != lastTime) {
        lastText = time.toUTC().toString(Qt::ISODateWithMs);
        lastTime = time;
    }
    return lastText;
}

void stamp(Provenance &provenance)
{
    if (!provenance.created.isValid())
        provenance.created = now();
    if (!provenance.modified.isValid())
        provenance.modified = provenance.created;
}

QString previousText(const Provenance &provenance)
{
    if (provenance.previous.isEmpty())
        return {};
    return QString::fromUtf8(QJsonDocument(provenance.previous).toJson(QJsonDocument::Compact));
}

QString insertStatement(const Insert &insert, QLatin1StringView verb, QLatin1StringView suffix, int rows)
{
    const int count = columnCount(insert);
    QStringList marks;
    for (int i = 0; i < count; ++i)
        marks << u"?"_s;
    const QString row = u"("_s + marks.join(u", "_s) + u")"_s;
    QStringList values;
    for (int i = 0; i < rows; ++i)
        values << row;
    QString columns = insert.columns;
    if (insert.provenance)
        columns += u", "_s + provenanceColumns;
    return u"%1 INTO %2 (%3) VALUES %4%5"_s.arg(verb, insert.table, columns, values.join(u", "_s), suffix);
}

QString suggestionDetailsUpdate(QLatin1StringView table, bool withExtra)
{
    return u"UPDATE %1 SET confidence = ?, rule = ?%2, version = version + 1 WHERE id = ?"_s.arg(
        table, withExtra ? u", extra = ?"_s : QString());
}

} // namespace Byline::StoreColumns
