// SPDX-License-Identifier: GPL-3.0-or-later
#include "secretstore.h"

namespace Stowaway {

SecretStore::SecretStore(QObject *parent) : QObject(parent) {}

SecretStore::~SecretStore() = default;

QString SecretStore::lanTokenKey(const QString &mirrorId)
{
    return QStringLiteral("lan-token/") + mirrorId;
}

QString SecretStore::upstreamTokenKey(const QString &host)
{
    return QStringLiteral("upstream-token/") + host;
}

} // namespace Stowaway
