// SPDX-License-Identifier: GPL-3.0-or-later
#include "annotations.h"

#include <array>
#include <utility>

namespace Byline {

namespace {

template<typename Enum, std::size_t N>
std::optional<Enum> fromString(
    QStringView text, const std::array<std::pair<Enum, QLatin1StringView>, N> &names)
{
    for (const auto &[value, name] : names) {
        if (text.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

template<typename Enum, std::size_t N>
QString toString(Enum value, const std::array<std::pair<Enum, QLatin1StringView>, N> &names)
{
    for (const auto &[candidate, name] : names) {
        if (candidate == value)
            return name;
    }
    Q_UNREACHABLE_RETURN(QString());
}

using namespace Qt::StringLiterals;

constexpr std::array annotationStatusNames {
    std::pair { AnnotationStatus::Auto, "auto"_L1 },
    std::pair { AnnotationStatus::Accepted, "accepted"_L1 },
    std::pair { AnnotationStatus::Edited, "edited"_L1 },
    std::pair { AnnotationStatus::Manual, "manual"_L1 },
    std::pair { AnnotationStatus::Rejected, "rejected"_L1 },
};

constexpr std::array quoteKindNames {
    std::pair { QuoteKind::Direct, "direct"_L1 },
    std::pair { QuoteKind::Indirect, "indirect"_L1 },
    std::pair { QuoteKind::Mixed, "mixed"_L1 },
};

constexpr std::array articleStatusNames {
    std::pair { ArticleStatus::Todo, "todo"_L1 },
    std::pair { ArticleStatus::InProgress, "in progress"_L1 },
    std::pair { ArticleStatus::Done, "done"_L1 },
};

} // namespace

QString toString(AnnotationStatus status)
{
    return toString(status, annotationStatusNames);
}
QString toString(QuoteKind kind)
{
    return toString(kind, quoteKindNames);
}
QString toString(ArticleStatus status)
{
    return toString(status, articleStatusNames);
}

std::optional<AnnotationStatus> annotationStatusFromString(QStringView text)
{
    return fromString(text, annotationStatusNames);
}

std::optional<QuoteKind> quoteKindFromString(QStringView text)
{
    return fromString(text, quoteKindNames);
}

std::optional<ArticleStatus> articleStatusFromString(QStringView text)
{
    return fromString(text, articleStatusNames);
}

} // namespace Byline
