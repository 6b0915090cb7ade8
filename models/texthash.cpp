// SPDX-License-Identifier: GPL-3.0-or-later
#include "texthash.h"

#include <QCryptographicHash>

namespace Byline {

QString textHash(QStringView text)
{
    // An import asks for each article's hash twice in a row (is it in the project yet? then to
    // store it), and hashing a long text costs more than comparing it: the last one is kept.
    thread_local QString lastText;
    thread_local QString lastHash;
    if (lastHash.isEmpty() || text != lastText) {
        lastHash = QString::fromLatin1(
            QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
        lastText = text.toString();
    }
    return lastHash;
}

} // namespace Byline
