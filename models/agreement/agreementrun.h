// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "agreement/agreement.h"

#include <functional>

namespace Byline {

class Store;

/// Computes a project's agreement by streaming over its articles a page at a time: one
/// article's text and annotations are in memory at once, and only articles that two
/// annotators worked on are read in full.
class AgreementRun final {
public:
    /// Called after each article with how many are done of how many; returning false stops.
    using Progress = std::function<bool(int done, int total)>;

    static AgreementReport run(const Store &store, const Progress &progress = {});
    /// One article only; nullopt when the project has no article with this key.
    static std::optional<AgreementReport> runArticle(const Store &store, const QString &key);
};

} // namespace Byline
