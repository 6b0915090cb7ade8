// SPDX-License-Identifier: GPL-3.0-or-later
#include "texthash.h"

#include <QCryptographicHash>

namespace Byline {

QString textHash(QStringView text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace Byline
