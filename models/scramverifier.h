// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Byline {

/// What a PostgreSQL server stores for a SCRAM-SHA-256 password (RFC 5802, RFC 7677), made
/// on the client, so that the password itself never travels in a statement a server log or
/// pg_stat_statements could keep: "SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey".
///
/// The password is prepared with SASLprep (RFC 4013) as libpq does, falling back to its
/// bytes when it is not a valid SASLprep string, so that the server accepts the same login.
class ScramVerifier final {
public:
    static constexpr int defaultIterations = 4096; ///< PostgreSQL's scram_iterations default

    /// A verifier with a random 16-byte salt.
    static QString make(const QString &password);
    static QString make(const QString &password, const QByteArray &salt, int iterations);

    struct Keys {
        QByteArray storedKey;
        QByteArray serverKey;
    };
    /// The two keys, for tests against published examples.
    static Keys keys(const QString &password, const QByteArray &salt, int iterations);
    /// The password as SCRAM hashes it: SASLprep's result, or the UTF-8 bytes unchanged.
    static QByteArray prepare(const QString &password);
};

} // namespace Byline
