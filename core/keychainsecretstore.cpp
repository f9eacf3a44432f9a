// SPDX-License-Identifier: GPL-3.0-or-later
#include "keychainsecretstore.h"

#include <qt6keychain/keychain.h>

#include <QAbstractEventDispatcher>
#include <QLoggingCategory>

#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
#define STOWAWAY_SECRET_SERVICE 1
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#endif

Q_LOGGING_CATEGORY(lcSecrets, "stowaway.secrets")

namespace Stowaway {

KeychainSecretStore::KeychainSecretStore(QObject *parent, QString service)
    : SecretStore(parent), m_service(std::move(service))
{
#ifdef STOWAWAY_SECRET_SERVICE
    qDBusRegisterMetaType<QMap<QString, QString>>();
    const QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance(thread());
    if (dispatcher && !dispatcher->inherits("QEventDispatcherGlib"))
        qCWarning(lcSecrets) << "The event loop is not GLib's (is QT_NO_GLIB set?): the "
                                "keychain's answers will not arrive.";
#endif
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::noKeychainMessage()
{
    return tr("No keychain is running (Secret Service not found). LAN sharing needs one to "
              "keep its token; start gnome-keyring or KWallet.");
}

SecretStore::Availability KeychainSecretStore::availability(QString *message) const
{
#ifdef STOWAWAY_SECRET_SERVICE
    const QDBusConnection bus = QDBusConnection::sessionBus();
    const QDBusConnectionInterface *busInterface = bus.isConnected() ? bus.interface() : nullptr;
    if (busInterface) {
        const QStringList names{QStringLiteral("org.freedesktop.secrets"),
                                QStringLiteral("org.kde.kwalletd6"),
                                QStringLiteral("org.kde.kwalletd5")};
        for (const QString &name : names) {
            if (busInterface->isServiceRegistered(name).value()) {
                if (message)
                    message->clear();
                return Availability::Available;
            }
        }
        // D-Bus starts gnome-keyring (or KWallet) on the first request when it is installed.
        const QStringList activatable = busInterface->activatableServiceNames().value();
        for (const QString &name : names) {
            if (activatable.contains(name)) {
                if (message)
                    message->clear();
                return Availability::Available;
            }
        }
    }
    if (message)
        *message = noKeychainMessage();
    return Availability::NoKeychain;
#else
    if (message)
        message->clear();
    return Availability::Available;
#endif
}

void KeychainSecretStore::read(const QString &key)
{
    enqueue({Kind::Read, key, {}});
}

void KeychainSecretStore::write(const QString &key, const QString &value)
{
    enqueue({Kind::Write, key, value});
}

void KeychainSecretStore::remove(const QString &key)
{
    enqueue({Kind::Remove, key, {}});
}

void KeychainSecretStore::enqueue(Request request)
{
    m_queue.push_back(std::move(request));
    if (m_running)
        return;
    // Start from the event loop, so that no signal is ever emitted inside read()/write().
    m_running = true;
    QMetaObject::invokeMethod(this, &KeychainSecretStore::startNext, Qt::QueuedConnection);
}

void KeychainSecretStore::startNext()
{
    if (m_queue.empty()) {
        m_running = false;
        return;
    }
    m_running = true;
    const Request &request = m_queue.front();
    QKeychain::Job *job = nullptr;
    switch (request.kind) {
    case Kind::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case Kind::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(request.value);
        job = write;
        break;
    }
    case Kind::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    // Never a QSettings file: with no keychain the job fails and says so.
    job->setInsecureFallback(false);
    job->setAutoDelete(true); // the job outlives us if we go first; libsecret still answers it
    job->setKey(request.key);
    connect(job, &QKeychain::Job::finished, this, &KeychainSecretStore::jobFinished);
    job->start();
}

void KeychainSecretStore::jobFinished(QKeychain::Job *job)
{
    if (m_queue.empty())
        return;
    const Request request = m_queue.front();
    QString value;
    if (request.kind == Kind::Read && job->error() == QKeychain::NoError)
        value = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();

    Error error = Error::Other;
    QString message;
    switch (job->error()) {
    case QKeychain::NoError:
        error = Error::None;
        break;
    case QKeychain::EntryNotFound:
        error = request.kind == Kind::Remove ? Error::None : Error::NotFound;
        if (error == Error::NotFound) {
            message = tr("The keychain holds no secret \"%1\" for %2.").arg(request.key, m_service);
#ifdef STOWAWAY_SECRET_SERVICE
            checkLockedThenFinish(request, message);
            return;
#endif
        }
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        error = Error::AccessDenied;
        message = tr("The keychain refused access (%1). Unlock it and try again.")
                      .arg(job->errorString());
        break;
    case QKeychain::NoBackendAvailable:
        error = Error::NoBackend;
        message = noKeychainMessage();
        break;
    case QKeychain::OtherError:
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NotImplemented:
        // libsecret reports a missing Secret Service as a generic D-Bus error.
        if (availability() == Availability::NoKeychain) {
            error = Error::NoBackend;
            message = noKeychainMessage();
        } else {
            message = tr("The keychain failed: %1").arg(job->errorString());
        }
        break;
    }
    if (error != Error::None)
        qCInfo(lcSecrets) << "Keychain request for" << request.key << "failed:" << error
                          << job->errorString();
    m_queue.pop_front();
    // Start the next job before telling anyone: a slot may queue more or delete us.
    QMetaObject::invokeMethod(this, &KeychainSecretStore::startNext, Qt::QueuedConnection);
    finish(request, value, error, message);
}

void KeychainSecretStore::checkLockedThenFinish(const Request &request,
                                                const QString &notFoundMessage)
{
#ifdef STOWAWAY_SECRET_SERVICE
    // The attributes QtKeychain's libsecret backend stores: user = key, server = service.
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("SearchItems"));
    const QMap<QString, QString> attributes{{QStringLiteral("user"), request.key},
                                            {QStringLiteral("server"), m_service}};
    call << QVariant::fromValue(attributes);
    call.setAutoStartService(false); // never start gnome-keyring just to ask (KWallet users)
    auto *watcher =
        new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call, 5000), this);
    connect(
        watcher, &QDBusPendingCallWatcher::finished, this,
        [this, request, notFoundMessage](QDBusPendingCallWatcher *done) {
            done->deleteLater();
            const QDBusPendingReply<QList<QDBusObjectPath>, QList<QDBusObjectPath>> reply = *done;
            // No answer (KWallet, no Secret Service): the job's "not found" stands.
            const bool locked = !reply.isError() && !reply.argumentAt<1>().isEmpty();
            if (!m_queue.empty())
                m_queue.pop_front();
            QMetaObject::invokeMethod(this, &KeychainSecretStore::startNext, Qt::QueuedConnection);
            if (locked)
                finish(request, {}, Error::AccessDenied,
                       tr("The keychain is locked, so \"%1\" cannot be read. Unlock it "
                          "(your login keyring) and try again.")
                           .arg(request.key));
            else
                finish(request, {}, Error::NotFound, notFoundMessage);
        });
#else
    Q_UNUSED(request)
    Q_UNUSED(notFoundMessage)
#endif
}

void KeychainSecretStore::finish(const Request &request, const QString &value, Error error,
                                 const QString &message)
{
    switch (request.kind) {
    case Kind::Read:
        Q_EMIT readFinished(request.key, value, error, message);
        break;
    case Kind::Write:
        Q_EMIT writeFinished(request.key, error, message);
        break;
    case Kind::Remove:
        Q_EMIT removeFinished(request.key, error, message);
        break;
    }
}

} // namespace Stowaway
