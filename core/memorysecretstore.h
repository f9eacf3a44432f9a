// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretstore.h"

#include <QHash>

namespace Stowaway {

/**
 * A SecretStore in memory: for tests of code that uses secrets, and for a session-only
 * mode when no keychain runs (the secrets die with the object).
 *
 * Behaves like the keychain one: answers asynchronously (queued, in request order) and,
 * after setAvailability(NoKeychain, message), fails every request with NoBackend and that
 * message. GUI-thread (creating thread) only; the caller owns it.
 */
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT
public:
    explicit MemorySecretStore(QObject *parent = nullptr);
    ~MemorySecretStore() override;

    void read(const QString &key) override;
    void write(const QString &key, const QString &value) override;
    void remove(const QString &key) override;
    Availability availability(QString *message = nullptr) const override;

    /// Pretends a keychain is (not) running; `message` is what requests then report.
    void setAvailability(Availability availability, const QString &message = {});
    /// What is stored now, for tests.
    QHash<QString, QString> secrets() const { return m_secrets; }

private:
    bool refuse(QString *message) const;

    QHash<QString, QString> m_secrets;
    Availability m_availability = Availability::Available;
    QString m_message;
};

} // namespace Stowaway
