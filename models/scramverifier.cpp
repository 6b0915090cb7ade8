// SPDX-License-Identifier: GPL-3.0-or-later
#include "scramverifier.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QPasswordDigestor>
#include <QRandomGenerator>

#include <unicode/usprep.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace Byline {

QByteArray ScramVerifier::prepare(const QString &password)
{
    UErrorCode status = U_ZERO_ERROR;
    const std::unique_ptr<UStringPrepProfile, decltype(&usprep_close)> profile(
        usprep_openByType(USPREP_RFC4013_SASLPREP, &status), &usprep_close);
    if (U_FAILURE(status))
        return password.toUtf8();
    // USPREP_DEFAULT refuses unassigned code points, as libpq's pg_saslprep does: an emoji
    // newer than Unicode 3.2 makes the password count as raw bytes on both sides.
    QString prepared(password.size() * 2 + 16, Qt::Uninitialized);
    const int32_t length = usprep_prepare(profile.get(), reinterpret_cast<const UChar *>(password.utf16()),
        int32_t(password.size()), reinterpret_cast<UChar *>(prepared.data()), int32_t(prepared.size()),
        USPREP_DEFAULT, nullptr, &status);
    if (U_FAILURE(status))
        return password.toUtf8();
    prepared.truncate(length);
    return prepared.toUtf8();
}

ScramVerifier::Keys ScramVerifier::keys(const QString &password, const QByteArray &salt, int iterations)
{
    constexpr auto sha256 = QCryptographicHash::Sha256;
    const QByteArray salted
        = QPasswordDigestor::deriveKeyPbkdf2(sha256, prepare(password), salt, iterations, 32);
    const QByteArray clientKey = QMessageAuthenticationCode::hash("Client Key", salted, sha256);
    return { QCryptographicHash::hash(clientKey, sha256),
        QMessageAuthenticationCode::hash("Server Key", salted, sha256) };
}

QString ScramVerifier::make(const QString &password, const QByteArray &salt, int iterations)
{
    const Keys derived = keys(password, salt, iterations);
    return u"SCRAM-SHA-256$%1:%2$%3:%4"_s.arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(derived.storedKey.toBase64()),
            QString::fromLatin1(derived.serverKey.toBase64()));
}

QString ScramVerifier::make(const QString &password)
{
    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), salt.size() / 4);
    return make(password, salt, defaultIterations);
}

} // namespace Byline
