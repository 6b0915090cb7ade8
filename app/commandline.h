// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Byline {

/// The commands that run without a window (`byline import`, `byline info`, ...), and
/// the help text that lists them together with the window's own options.
class CommandLine final {
public:
    /// True when arguments (without the program name) ask for a command rather than a window.
    static bool isCommand(const QStringList &arguments);
    /// Runs the command; returns the process exit code. Output goes to stdout, errors to stderr.
    static int run(const QStringList &arguments);
    static QString helpText();
};

} // namespace Byline
