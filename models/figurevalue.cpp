// SPDX-License-Identifier: GPL-3.0-or-later
#include "figurevalue.h"

#include <QDate>
#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Byline {

namespace {

std::optional<double> parseNumber(QString text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    double number = QLocale::c().toDouble(text, &ok);
    if (!ok)
        number = QLocale().toDouble(text, &ok);
    if (!ok) {
        // "2,030" in the C locale: thousands separators are allowed only in groups of three.
        static const QRegularExpression grouped(u"^-?\\d{1,3}(,\\d{3})+(\\.\\d+)?$"_s);
        if (grouped.match(text).hasMatch())
            number = QLocale::c().toDouble(QString(text).remove(u','), &ok);
    }
    return ok ? std::optional(number) : std::nullopt;
}

bool isIsoDate(const QString &text)
{
    static const QRegularExpression pattern(
        u"^(?:(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?|--(\\d{2})-(\\d{2}))$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return false;
    if (match.hasCaptured(4)) // --MM-DD: a day of a year the text does not name; 2000 is a leap year
        return QDate(2000, match.captured(4).toInt(), match.captured(5).toInt()).isValid();
    const int month = match.hasCaptured(2) ? match.captured(2).toInt() : 1;
    const int day = match.hasCaptured(3) ? match.captured(3).toInt() : 1;
    return QDate(match.captured(1).toInt(), month, day).isValid();
}

} // namespace

std::optional<FigureValue> FigureValue::parse(const QString &kind, const QString &text)
{
    const QString trimmed = text.trimmed();
    if (kind == u"date"_s) {
        if (!isIsoDate(trimmed))
            return std::nullopt;
        return FigureValue { trimmed, {} };
    }
    if (const auto number = parseNumber(trimmed))
        return FigureValue { *number, {} };
    // A range: the dash or "to" between two numbers, never the minus sign of the first.
    static const QRegularExpression range(u"^(-?[^–\\s-][^–\\s]*?)\\s*(?:–|—|\\bto\\b|-)\\s*(-?\\S+)$"_s);
    const QRegularExpressionMatch match = range.match(trimmed);
    if (!match.hasMatch())
        return std::nullopt;
    const auto low = parseNumber(match.captured(1));
    const auto high = parseNumber(match.captured(2));
    if (!low || !high || *high < *low)
        return std::nullopt;
    return FigureValue { *low, *high };
}

QString FigureValue::format(const QVariant &value, const QVariant &valueMax)
{
    const auto one = [](const QVariant &v) {
        if (v.typeId() == QMetaType::QString || !v.isValid())
            return v.toString();
        return QLocale().toString(v.toDouble(), 'g', 15);
    };
    return valueMax.isValid() ? one(value) + u"–"_s + one(valueMax) : one(value);
}

} // namespace Byline
