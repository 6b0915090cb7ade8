// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverpasswords.h"

#include <QCoreApplication>
#include <QEventLoop>

#ifdef BYLINE_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

using namespace Qt::StringLiterals;

namespace Byline::ServerPasswords {

#ifdef BYLINE_HAVE_KEYCHAIN

namespace {

constexpr auto service = "Byline team projects";

// One entry per user on one database of one server.
QString keyOf(const QUrl &url)
{
    return u"%1@%2:%3%4"_s.arg(url.userName(), url.host()).arg(url.port(5432)).arg(url.path());
}

// The jobs answer through signals; the few milliseconds they take are waited for here. A job that
// fails at once (no keychain service in the session) may answer before the loop runs.
void runToEnd(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    bool finished = false;
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    job.start();
    if (!finished)
        loop.exec();
}

} // namespace

bool keychainBuiltIn()
{
    return true;
}

QString read(const QUrl &url)
{
    QKeychain::ReadPasswordJob job(QString::fromLatin1(service));
    job.setKey(keyOf(url));
    runToEnd(job);
    return job.error() == QKeychain::NoError ? job.textData() : QString();
}

bool write(const QUrl &url, QString *error)
{
    QKeychain::WritePasswordJob job(QString::fromLatin1(service));
    job.setKey(keyOf(url));
    job.setTextData(url.password());
    runToEnd(job);
    if (job.error() == QKeychain::NoError)
        return true;
    *error = job.errorString();
    return false;
}

#else

bool keychainBuiltIn()
{
    return false;
}

QString read(const QUrl &)
{
    return {};
}

bool write(const QUrl &, QString *error)
{
    *error = QCoreApplication::translate("Byline::ServerPasswords",
        "This Byline was built without a keychain; use ~/.pgpass to keep the password.");
    return false;
}

#endif

} // namespace Byline::ServerPasswords
