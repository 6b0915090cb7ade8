// SPDX-License-Identifier: GPL-3.0-or-later
#include "agreement/reliability.h"

#include <algorithm>

namespace Byline {

void CohensKappa::add(int first, int second, qint64 count)
{
    m_cells[{ first, second }] += count;
    m_first[first] += count;
    m_second[second] += count;
    m_total += count;
}

void CohensKappa::merge(const CohensKappa &other)
{
    for (const auto &[labels, count] : other.m_cells)
        add(labels.first, labels.second, count);
}

double CohensKappa::observedAgreement() const
{
    if (m_total == 0)
        return 0.0;
    qint64 agreed = 0;
    for (const auto &[labels, count] : m_cells) {
        if (labels.first == labels.second)
            agreed += count;
    }
    return double(agreed) / double(m_total);
}

double CohensKappa::expectedAgreement() const
{
    if (m_total == 0)
        return 0.0;
    double expected = 0.0;
    for (const auto &[label, count] : m_first) {
        const auto second = m_second.find(label);
        if (second != m_second.end())
            expected += double(count) / double(m_total) * (double(second->second) / double(m_total));
    }
    return expected;
}

std::optional<double> CohensKappa::value() const
{
    const double expected = expectedAgreement();
    if (m_total == 0 || expected >= 1.0)
        return std::nullopt;
    return (observedAgreement() - expected) / (1.0 - expected);
}

void KrippendorffAlpha::addUnit(std::span<const int> values)
{
    const qsizetype m = qsizetype(values.size());
    if (m < 2)
        return;
    // Count each value once, so that a unit of m equal values (most tokens of an article)
    // costs one cell update, not m(m-1) pairs.
    std::map<int, qsizetype> counts;
    for (int value : values)
        ++counts[value];
    const double weight = 1.0 / double(m - 1);
    for (const auto &[c, nc] : counts) {
        for (const auto &[k, nk] : counts) {
            const double pairs = c == k ? double(nc) * double(nc - 1) : double(nc) * double(nk);
            if (pairs > 0)
                m_coincidences[{ c, k }] += pairs * weight;
        }
    }
    m_pairable += double(m);
}

void KrippendorffAlpha::merge(const KrippendorffAlpha &other)
{
    for (const auto &[cell, value] : other.m_coincidences)
        m_coincidences[cell] += value;
    m_pairable += other.m_pairable;
}

std::optional<double> KrippendorffAlpha::value() const
{
    const double n = m_pairable;
    if (n < 2)
        return std::nullopt;
    std::map<int, double> marginals;
    double disagreement = 0.0;
    for (const auto &[cell, value] : m_coincidences) {
        marginals[cell.first] += value;
        if (cell.first != cell.second)
            disagreement += value;
    }
    double expected = 0.0;
    for (const auto &[c, nc] : marginals) {
        for (const auto &[k, nk] : marginals) {
            if (c != k)
                expected += nc * nk;
        }
    }
    if (expected <= 0.0)
        return std::nullopt;
    return 1.0 - (n - 1.0) * disagreement / expected;
}

} // namespace Byline
