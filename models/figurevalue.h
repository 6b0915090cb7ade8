// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QVariant>

#include <optional>

namespace Byline {

/// A figure's value as the analyst types it in a panel: a number, a range of two ("10–15",
/// "10 to 15"), or for kind "date" an ISO 8601 date ("2006", "2003-11", "2022-01-05", "--03-23").
struct FigureValue {
    QVariant value; ///< double, or QString for dates
    QVariant valueMax; ///< upper bound of a range, or invalid

    /// Parses text for a figure of the given kind; nullopt when it is not a value of that kind.
    /// Numbers take the C locale's and the user's separators ("2,030", "1.5", "1e9").
    static std::optional<FigureValue> parse(const QString &kind, const QString &text);
    /// The value as parse() reads it back.
    static QString format(const QVariant &value, const QVariant &valueMax);
};

} // namespace Byline
