// SPDX-License-Identifier: GPL-3.0-or-later
#include "memorysecretstore.h"

namespace Stowaway {

MemorySecretStore::MemorySecretStore(QObject *parent) : SecretStore(parent) {}

MemorySecretStore::~MemorySecretStore() = default;

bool MemorySecretStore::refuse(QString *message) const
{
    if (m_availability == Availability::Available)
        return false;
    *message = m_message.isEmpty() ? tr("No keychain is running.") : m_message;
    return true;
}

void MemorySecretStore::read(const QString &key)
{
    // The outcome is decided now (request order) and delivered later, like a keychain job.
    QString message;
    Error error = Error::None;
    QString value;
    if (refuse(&message)) {
        error = Error::NoBackend;
    } else if (const auto it = m_secrets.constFind(key); it != m_secrets.cend()) {
        value = *it;
    } else {
        error = Error::NotFound;
        message = tr("No secret is stored under \"%1\".").arg(key);
    }
    QMetaObject::invokeMethod(
        this,
        [this, key, value, error, message] { Q_EMIT readFinished(key, value, error, message); },
        Qt::QueuedConnection);
}

void MemorySecretStore::write(const QString &key, const QString &value)
{
    QString message;
    Error error = Error::None;
    if (refuse(&message))
        error = Error::NoBackend;
    else
        m_secrets.insert(key, value);
    QMetaObject::invokeMethod(
        this, [this, key, error, message] { Q_EMIT writeFinished(key, error, message); },
        Qt::QueuedConnection);
}

void MemorySecretStore::remove(const QString &key)
{
    QString message;
    Error error = Error::None;
    if (refuse(&message))
        error = Error::NoBackend;
    else
        m_secrets.remove(key);
    QMetaObject::invokeMethod(
        this, [this, key, error, message] { Q_EMIT removeFinished(key, error, message); },
        Qt::QueuedConnection);
}

SecretStore::Availability MemorySecretStore::availability(QString *message) const
{
    if (message)
        *message = m_availability == Availability::Available ? QString() : m_message;
    return m_availability;
}

void MemorySecretStore::setAvailability(Availability availability, const QString &message)
{
    m_availability = availability;
    m_message = message;
}

} // namespace Stowaway
