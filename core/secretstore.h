// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

namespace Stowaway {

/**
 * Where Stowaway keeps secrets (the LAN sharing token, tokens for a private upstream):
 * an asynchronous key/value store backed by the system keychain (KeychainSecretStore)
 * or by memory (MemorySecretStore, for tests of other code and a session-only mode).
 *
 * read(), write() and remove() return at once; each request finishes later, in the
 * order requested, with exactly one readFinished / writeFinished / removeFinished
 * carrying the key, the value (reads only; empty otherwise and on error), an Error and a
 * message a person can read (empty on success). Never emits from inside the call.
 * Removing a key that is not there succeeds. Secrets never go to QSettings or a file.
 *
 * Lives on the thread that created it (the GUI thread in the desktop app); call it
 * there only. The caller owns it.
 */
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        None,         ///< done
        NotFound,     ///< read: no secret under that key
        NoBackend,    ///< no keychain is running; the message says what to start
        AccessDenied, ///< the keychain is locked or the user refused
        Other,        ///< anything else; the message says what the keychain reported
    };
    Q_ENUM(Error)

    enum class Availability {
        Available,  ///< a keychain answers (or is started on demand)
        NoKeychain, ///< none: show the "no keychain" state
    };
    Q_ENUM(Availability)

    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    virtual void read(const QString &key) = 0;
    virtual void write(const QString &key, const QString &value) = 0;
    virtual void remove(const QString &key) = 0;

    /// Whether secrets can be kept at all; `message` (when given) is set to a sentence
    /// for the UI when not. May ask the session bus, a quick round trip, never a job.
    virtual Availability availability(QString *message = nullptr) const = 0;

    /// The key of a mirror's LAN sharing token: `lan-token/<mirrorId>`.
    static QString lanTokenKey(const QString &mirrorId);
    /// The key of a private upstream's token: `upstream-token/<host>`.
    static QString upstreamTokenKey(const QString &host);

Q_SIGNALS:
    void readFinished(const QString &key, const QString &value, Stowaway::SecretStore::Error error,
                      const QString &message);
    void writeFinished(const QString &key, Stowaway::SecretStore::Error error,
                       const QString &message);
    void removeFinished(const QString &key, Stowaway::SecretStore::Error error,
                        const QString &message);
};

} // namespace Stowaway
