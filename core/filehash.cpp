// SPDX-License-Identifier: GPL-3.0-or-later
#include "filehash.h"

#include <QCryptographicHash>
#include <QFile>

namespace Stowaway {

QString FileHash::sha256Hex(const QString &path, qint64 *size)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    if (size)
        *size = file.size();
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace Stowaway
