// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <map>
#include <optional>
#include <span>
#include <utility>

namespace Byline {

/// Cohen's kappa of two coders over nominal labels (small integers): the agreement
/// beyond chance, (p_o - p_e) / (1 - p_e), with p_e from each coder's own label
/// frequencies (Cohen 1960). Accumulates a confusion table, so a corpus is added
/// article by article and tables of parts merge.
class CohensKappa final {
public:
    void add(int first, int second, qint64 count = 1);
    void merge(const CohensKappa &other);

    qint64 total() const { return m_total; }
    double observedAgreement() const;
    double expectedAgreement() const;
    /// Undefined with no items, or when chance alone agrees perfectly (both coders
    /// used one and the same label throughout): 0/0.
    std::optional<double> value() const;

private:
    std::map<std::pair<int, int>, qint64> m_cells;
    std::map<int, qint64> m_first;
    std::map<int, qint64> m_second;
    qint64 m_total = 0;
};

/// Krippendorff's alpha for nominal data, any number of coders, missing values allowed:
/// 1 - D_o / D_e computed from the coincidence matrix (Krippendorff 2011, "Computing
/// Krippendorff's Alpha-Reliability"). A unit with fewer than two values is not pairable
/// and leaves the matrix as it was, which is how missing data is handled.
class KrippendorffAlpha final {
public:
    /// One unit: the values its coders gave it; coders who gave none are simply left out.
    void addUnit(std::span<const int> values);
    void merge(const KrippendorffAlpha &other);

    /// n: the number of pairable values.
    double pairableValues() const { return m_pairable; }
    /// Undefined with fewer than two pairable values, or when every value is the same
    /// (no variation: D_e = 0).
    std::optional<double> value() const;

private:
    std::map<std::pair<int, int>, double> m_coincidences;
    double m_pairable = 0;
};

} // namespace Byline
