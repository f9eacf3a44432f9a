// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "secretstore.h"

#include <deque>

namespace QKeychain {
class Job;
}

namespace Stowaway {

/**
 * A SecretStore in the system keychain through QtKeychain: the Secret Service
 * (gnome-keyring, KeePassXC, …) or KWallet on Linux, the Keychain on macOS, the
 * Credential Manager on Windows. Never falls back to a plain-text file
 * (`setInsecureFallback(false)` on every job).
 *
 * Items are stored under the service name (default "stowaway") with the key as the
 * account, e.g. "lan-token/<mirror-id>". Requests run one at a time, in order, from a
 * queue. When the keychain fails because none is running the error is NoBackend with
 * noKeychainMessage(). A read of a secret held in a locked keyring is AccessDenied, not
 * NotFound (QtKeychain's libsecret path cannot tell the two apart; the store asks the
 * Secret Service), so callers never mistake a locked token for a missing one.
 *
 * GUI-thread (creating thread) only; on Linux the thread must run Qt's GLib event loop
 * (the default) for libsecret's answers to arrive. The caller owns it; requests still
 * queued when it is destroyed are dropped without a signal.
 */
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr,
                                 QString service = QStringLiteral("stowaway"));
    ~KeychainSecretStore() override;

    void read(const QString &key) override;
    void write(const QString &key, const QString &value) override;
    void remove(const QString &key) override;
    /// Linux: whether the session bus has (or can start) org.freedesktop.secrets or a
    /// KWallet daemon. Elsewhere the OS keychain is always there.
    Availability availability(QString *message = nullptr) const override;

    const QString &service() const { return m_service; }
    /// "No keychain is running (Secret Service not found). …" for the UI.
    static QString noKeychainMessage();

private:
    enum class Kind { Read, Write, Remove };
    struct Request
    {
        Kind kind;
        QString key;
        QString value;
    };

    void enqueue(Request request);
    void startNext();
    void jobFinished(QKeychain::Job *job);
    /// libsecret reports an item in a locked keyring as "not found": ask the Secret
    /// Service whether it holds a locked item under the key before saying NotFound.
    void checkLockedThenFinish(const Request &request, const QString &notFoundMessage);
    void finish(const Request &request, const QString &value, Error error, const QString &message);

    const QString m_service;
    std::deque<Request> m_queue;
    bool m_running = false; ///< a job runs or startNext is scheduled
};

} // namespace Stowaway
