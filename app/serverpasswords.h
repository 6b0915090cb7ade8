// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

namespace Byline {

/// Passwords of team projects in the system keychain (QtKeychain: Secret Service, KWallet...),
/// never in Byline's settings or files. Without a keychain the password is typed each time or
/// comes from ~/.pgpass, which libpq reads itself.
namespace ServerPasswords {

/// Whether this Byline was built with QtKeychain; without it, read() finds nothing and write()
/// says to use ~/.pgpass.
bool keychainBuiltIn();
/// The stored password for the URL's user, server and database, or a null string.
QString read(const QUrl &url);
/// Stores the URL's password; false, with a message, when the keychain refuses.
bool write(const QUrl &url, QString *error);

} // namespace ServerPasswords

} // namespace Byline
