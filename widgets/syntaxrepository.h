// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace KSyntaxHighlighting {
class Repository;
}

namespace Byline {

/// The application's one syntax repository: loading every definition and theme costs
/// tens of milliseconds, so all highlighters share it. It includes Byline's own
/// definitions, shipped as resources under :/org.kde.syntax-highlighting/syntax-addons/.
KSyntaxHighlighting::Repository &syntaxRepository();

} // namespace Byline
