// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "lantoken.h"
#include "listenaddress.h"
#include "secretstore.h"

#include <QHostAddress>
#include <QList>
#include <QObject>

namespace Stowaway {

/**
 * The LAN sharing token of one mirror, kept only in a SecretStore under
 * SecretStore::lanTokenKey(mirrorId): the settings page turns sharing on (enable()
 * generates a token and stores it) and off (disable() removes it); the runtime reads it
 * back on start (load()) and hands it to MirrorRouter::setToken().
 *
 * A mirror shares on the LAN exactly when its listen address is not loopback
 * (isShared()); without a token it must not serve there.
 *
 * One request at a time: a call while another runs is refused with busy(). Each call
 * ends in exactly one tokenReady (enable, load), disabled (disable) or failed signal,
 * never from inside the call. GUI thread (the SecretStore's thread); the caller owns
 * both and keeps the store alive longer.
 */
class LanSharing final : public QObject
{
    Q_OBJECT
public:
    LanSharing(SecretStore &store, QString mirrorId, QObject *parent = nullptr);

    /// A stable id for the mirror in `root`, for the secret's key (the first 16 hex digits
    /// of the SHA-256 of its absolute path).
    static QString mirrorIdFor(const QString &root);
    /// True when `listen` is reachable from other machines (not loopback).
    static bool isShared(const ListenAddress &listen) { return !listen.isLoopback(); }
    /// The up, running, non-loopback IPv4 addresses of this machine, for the teammates' URL.
    static QList<QHostAddress> lanAddresses();
    /// `http://HOST:PORT`: how a teammate reaches `listen` through `lanAddress`.
    static QString lanUrl(const ListenAddress &listen, const QHostAddress &lanAddress);

    const QString &key() const { return m_key; }
    bool busy() const { return m_pending != Pending::None; }

    /// Generates a new token and stores it (also "Regenerate token"); tokenReady on success.
    void enable();
    /// Reads the stored token; tokenReady, or failed with NotFound when there is none.
    void load();
    /// Removes the stored token; disabled on success.
    void disable();
    /// Stores the token under another mirror id (after the mirror moved) and removes the
    /// old entry; tokenReady on success.
    void rekey(const QString &newMirrorId, const LanToken &token);

Q_SIGNALS:
    void tokenReady(const Stowaway::LanToken &token);
    void disabled();
    /// `message` says what happened and what to do; NoBackend / AccessDenied mean "no
    /// keychain" (nothing running, or locked).
    void failed(Stowaway::SecretStore::Error error, const QString &message);

private:
    enum class Pending { None, Write, Read, Remove, Rekey };
    void onWrite(const QString &key, SecretStore::Error error, const QString &message);
    void onRead(const QString &key, const QString &value, SecretStore::Error error,
                const QString &message);
    void onRemove(const QString &key, SecretStore::Error error, const QString &message);
    bool start(Pending pending);

    SecretStore &m_store;
    QString m_key;
    QString m_oldKey; ///< rekey: the entry removed after the write succeeded
    LanToken m_token; ///< enable / rekey: the token being written
    Pending m_pending = Pending::None;
};

} // namespace Stowaway
