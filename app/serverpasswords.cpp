// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverpasswords.h"

#include <QCoreApplication>
#include <QEventLoop>

#ifdef BYLINE_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

using namespace Qt::StringLiterals;

namespace Byline::ServerPasswords {

namespace {

// One entry per user on one database of one server.
QString keyOf(const QUrl &url)
{
    return u"%1@%2:%3%4"_s.arg(url.userName(), url.host()).arg(url.port(5432)).arg(url.path());
}

constexpr auto service = "Byline team projects";

} // namespace

#ifdef BYLINE_HAVE_KEYCHAIN

bool available()
{
    return true;
}

// The jobs answer through signals; the few milliseconds they take are waited for here.
QString read(const QUrl &url)
{
    QKeychain::ReadPasswordJob job(QString::fromLatin1(service));
    job.setAutoDelete(false);
    job.setKey(keyOf(url));
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    return job.error() == QKeychain::NoError ? job.textData() : QString();
}

bool write(const QUrl &url, QString *error)
{
    QKeychain::WritePasswordJob job(QString::fromLatin1(service));
    job.setAutoDelete(false);
    job.setKey(keyOf(url));
    job.setTextData(url.password());
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::NoError)
        return true;
    *error = job.errorString();
    return false;
}

#else

bool available()
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
