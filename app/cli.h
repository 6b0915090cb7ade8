// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "formats/datasetformat.h"
#include "store.h"

#include <QStringList>

#include <memory>

class QCommandLineOption;
class QCommandLineParser;
class QTextStream;

/// Shared pieces of the command-line commands: output, errors, argument parsing.
namespace Byline::Cli {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1);
QTextStream &out();
QTextStream &err();
/// Prints "byline: message" to stderr and returns the exit code 1.
int fail(const QString &message);

struct Command {
    QLatin1StringView name;
    const char *synopsis; ///< untranslated, marked with QT_TRANSLATE_NOOP
    const char *summary;
    int (*run)(const QStringList &arguments);
};

/// Every command, in the order help lists them.
const QList<Command> &commands();
const Command *findCommand(QStringView name);

/// Parses a command's arguments (arguments[0] is the command's name). Returns the exit code
/// to stop with (usage error 2, --help 0), or -1 to go on.
int parse(QCommandLineParser &parser, const QStringList &arguments);
std::unique_ptr<Store> openStore(const QString &path, Store::Mode mode);
/// "--option NAME=VALUE", repeatable: settings of a format (see each format's documentation).
QCommandLineOption formatOptionsOption();
/// The values of formatOptionsOption() as FormatOptions; false, with an error printed, when
/// one has no "=".
bool formatOptions(const QCommandLineParser &parser, FormatOptions *options);

/// Indexes the rows imports committed without indexing them for search (SearchBacklog); false,
/// with the error printed, when that failed. What was indexed stays.
bool completeSearchIndex(Store &store);

int importCommand(const QStringList &arguments);
int infoCommand(const QStringList &arguments);
int exportCommand(const QStringList &arguments);
int extractCommand(const QStringList &arguments);
int evalCommand(const QStringList &arguments);
int agreementCommand(const QStringList &arguments);
int pushCommand(const QStringList &arguments);
int pullCommand(const QStringList &arguments);
int benchCommand(const QStringList &arguments);
int usersCommand(const QStringList &arguments);
int assignCommand(const QStringList &arguments);

} // namespace Byline::Cli
