// SPDX-License-Identifier: GPL-3.0-or-later
// KeychainSecretStore against a real Secret Service: ctest runs this binary inside
// dbus-run-session with gnome-keyring-daemon unlocked (tests/CMakeLists.txt). The "no
// keychain" case runs this same binary again as a child with an unreachable session bus.
#include "keychainsecretstore.h"

#include <QCoreApplication>
#include <QDBusInterface>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstring>

using namespace Stowaway;

namespace {

const QString Service = QStringLiteral("stowaway-test");
const char *ChildFlag = "--no-keychain-child";
const QByteArray ChildSecret = QByteArrayLiteral("stw_child-secret-that-must-not-land-in-a-file");

QString errorName(SecretStore::Error error)
{
    return QString::fromLatin1(QMetaEnum::fromType<SecretStore::Error>().valueToKey(int(error)));
}

/// The child: asks for availability, writes and reads once, prints what happened as JSON.
int runChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    KeychainSecretStore store(nullptr, Service);
    QJsonObject result;
    QString message;
    result[QStringLiteral("availability")] =
        store.availability(&message) == SecretStore::Availability::Available
            ? QStringLiteral("Available")
            : QStringLiteral("NoKeychain");
    result[QStringLiteral("availabilityMessage")] = message;
    QObject::connect(&store, &SecretStore::writeFinished, &app,
                     [&](const QString &, SecretStore::Error error, const QString &text) {
                         result[QStringLiteral("writeError")] = errorName(error);
                         result[QStringLiteral("writeMessage")] = text;
                     });
    QObject::connect(
        &store, &SecretStore::readFinished, &app,
        [&](const QString &, const QString &value, SecretStore::Error error, const QString &text) {
            result[QStringLiteral("readError")] = errorName(error);
            result[QStringLiteral("readMessage")] = text;
            result[QStringLiteral("readValue")] = value;
            app.quit();
        });
    store.write(SecretStore::lanTokenKey(QStringLiteral("child")),
                QString::fromLatin1(ChildSecret));
    store.read(SecretStore::lanTokenKey(QStringLiteral("child")));
    QTimer::singleShot(20000, &app, [&app] { app.exit(3); });
    const int code = app.exec();
    fputs(QJsonDocument(result).toJson(QJsonDocument::Compact).constData(), stdout);
    return code;
}

} // namespace

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void availableWithSecretService();
    void roundTrip();
    void secondInstanceReadsWhatFirstWrote();
    void requestsRunInOrder();
    void removingWhatIsNotThereSucceeds();
    void noKeychainMeansNoBackendAndNoFile();
    void lockedKeyring(); // last: it locks the test keyring
};

void TestKeychainSecretStore::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "Run through ctest: it starts a private D-Bus session with gnome-keyring-daemon "
             "unlocked (dbus-run-session, see tests/CMakeLists.txt).");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("secret-tool")).isEmpty(),
             "secret-tool (libsecret-tools) is needed; scripts/test installs it");
}

void TestKeychainSecretStore::availableWithSecretService()
{
    KeychainSecretStore store(nullptr, Service);
    QCOMPARE(store.service(), Service);
    QString message = QStringLiteral("stale");
    QCOMPARE(store.availability(&message), SecretStore::Availability::Available);
    QVERIFY(message.isEmpty());
}

void TestKeychainSecretStore::roundTrip()
{
    KeychainSecretStore store(nullptr, Service);
    const QString key = SecretStore::lanTokenKey(QStringLiteral("mirror-1"));
    QCOMPARE(key, QStringLiteral("lan-token/mirror-1"));
    const QString value =
        QStringLiteral("stw_round-trip-") + QString::number(QCoreApplication::applicationPid());
    QSignalSpy wrote(&store, &SecretStore::writeFinished);
    QSignalSpy read(&store, &SecretStore::readFinished);
    QSignalSpy removed(&store, &SecretStore::removeFinished);

    store.write(key, value);
    QCOMPARE(wrote.size(), 0); // never inside the call
    QVERIFY(wrote.wait(20000));
    QCOMPARE(wrote.at(0).at(0).toString(), key);
    QCOMPARE(wrote.at(0).at(1).value<SecretStore::Error>(), SecretStore::Error::None);

    // It is in the Secret Service, where another program finds it (QtKeychain's schema:
    // user = key, server = service).
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"), {QStringLiteral("lookup"), QStringLiteral("user"),
                                               key, QStringLiteral("server"), Service});
    QVERIFY(tool.waitForFinished(10000));
    QCOMPARE(tool.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(tool.readAllStandardOutput()).trimmed(), value);

    store.read(key);
    QVERIFY(read.wait(20000));
    QCOMPARE(read.at(0).at(0).toString(), key);
    QCOMPARE(read.at(0).at(1).toString(), value);
    QCOMPARE(read.at(0).at(2).value<SecretStore::Error>(), SecretStore::Error::None);
    QVERIFY(read.at(0).at(3).toString().isEmpty());

    store.remove(key);
    QVERIFY(removed.wait(20000));
    QCOMPARE(removed.at(0).at(0).toString(), key);
    QCOMPARE(removed.at(0).at(1).value<SecretStore::Error>(), SecretStore::Error::None);

    store.read(key);
    QVERIFY(read.wait(20000));
    QCOMPARE(read.at(1).at(1).toString(), QString());
    QCOMPARE(read.at(1).at(2).value<SecretStore::Error>(), SecretStore::Error::NotFound);
    QVERIFY(!read.at(1).at(3).toString().isEmpty());
}

void TestKeychainSecretStore::secondInstanceReadsWhatFirstWrote()
{
    const QString key = SecretStore::upstreamTokenKey(QStringLiteral("registry.example.org"));
    QCOMPARE(key, QStringLiteral("upstream-token/registry.example.org"));
    const QString value = QStringLiteral("cio_second-instance-token");
    {
        KeychainSecretStore first(nullptr, Service);
        QSignalSpy wrote(&first, &SecretStore::writeFinished);
        first.write(key, value);
        QVERIFY(wrote.wait(20000));
        QCOMPARE(wrote.at(0).at(1).value<SecretStore::Error>(), SecretStore::Error::None);
    }
    KeychainSecretStore second(nullptr, Service);
    QSignalSpy read(&second, &SecretStore::readFinished);
    second.read(key);
    QVERIFY(read.wait(20000));
    QCOMPARE(read.at(0).at(1).toString(), value);
    QCOMPARE(read.at(0).at(2).value<SecretStore::Error>(), SecretStore::Error::None);
    // Another service name is another namespace.
    KeychainSecretStore other(nullptr, Service + QStringLiteral("-other"));
    QSignalSpy otherRead(&other, &SecretStore::readFinished);
    other.read(key);
    QVERIFY(otherRead.wait(20000));
    QCOMPARE(otherRead.at(0).at(2).value<SecretStore::Error>(), SecretStore::Error::NotFound);

    QSignalSpy removed(&second, &SecretStore::removeFinished);
    second.remove(key);
    QVERIFY(removed.wait(20000));
}

void TestKeychainSecretStore::requestsRunInOrder()
{
    // Queued all at once, answered one at a time in request order.
    KeychainSecretStore store(nullptr, Service);
    const QString key = SecretStore::lanTokenKey(QStringLiteral("order"));
    QStringList events;
    connect(&store, &SecretStore::writeFinished, this,
            [&](const QString &k, SecretStore::Error e, const QString &) {
                events << QStringLiteral("write %1 %2").arg(k, errorName(e));
            });
    connect(&store, &SecretStore::readFinished, this,
            [&](const QString &k, const QString &v, SecretStore::Error e, const QString &) {
                events << QStringLiteral("read %1 %2 %3").arg(k, v, errorName(e));
            });
    connect(&store, &SecretStore::removeFinished, this,
            [&](const QString &k, SecretStore::Error e, const QString &) {
                events << QStringLiteral("remove %1 %2").arg(k, errorName(e));
            });
    store.write(key, QStringLiteral("one"));
    store.write(key, QStringLiteral("two"));
    store.read(key);
    store.remove(key);
    store.read(key);
    QVERIFY(events.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 5, 30000);
    QCOMPARE(events, QStringList({QStringLiteral("write %1 None").arg(key),
                                  QStringLiteral("write %1 None").arg(key),
                                  QStringLiteral("read %1 two None").arg(key),
                                  QStringLiteral("remove %1 None").arg(key),
                                  QStringLiteral("read %1  NotFound").arg(key)}));
}

void TestKeychainSecretStore::removingWhatIsNotThereSucceeds()
{
    KeychainSecretStore store(nullptr, Service);
    QSignalSpy removed(&store, &SecretStore::removeFinished);
    store.remove(SecretStore::lanTokenKey(QStringLiteral("never-written")));
    QVERIFY(removed.wait(20000));
    QCOMPARE(removed.at(0).at(1).value<SecretStore::Error>(), SecretStore::Error::None);
}

void TestKeychainSecretStore::noKeychainMeansNoBackendAndNoFile()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
               QStringLiteral("unix:path=/nonexistent"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral(".cache")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
    env.remove(QStringLiteral("GNOME_KEYRING_CONTROL"));
    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(ChildFlag)});
    QVERIFY(child.waitForFinished(30000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    const QByteArray out = child.readAllStandardOutput();
    QVERIFY2(child.exitCode() == 0, QByteArray(out + child.readAllStandardError()).constData());
    const QJsonObject result = QJsonDocument::fromJson(out).object();
    const QString expected = KeychainSecretStore::noKeychainMessage();
    QVERIFY(expected.contains(QLatin1String("Secret Service")));
    QCOMPARE(result.value(QStringLiteral("availability")).toString(), QStringLiteral("NoKeychain"));
    QCOMPARE(result.value(QStringLiteral("availabilityMessage")).toString(), expected);
    QCOMPARE(result.value(QStringLiteral("writeError")).toString(), QStringLiteral("NoBackend"));
    QCOMPARE(result.value(QStringLiteral("writeMessage")).toString(), expected);
    QCOMPARE(result.value(QStringLiteral("readError")).toString(), QStringLiteral("NoBackend"));
    QCOMPARE(result.value(QStringLiteral("readMessage")).toString(), expected);
    QCOMPARE(result.value(QStringLiteral("readValue")).toString(), QString());

    // No insecure fallback: nothing under the home folder holds the secret, and there is
    // no settings file QtKeychain's plain-text store would have written.
    QDirIterator it(home.path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QVERIFY2(!path.endsWith(QLatin1String(".conf")) && !path.endsWith(QLatin1String(".ini")),
                 qPrintable(path));
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            QVERIFY2(!file.readAll().contains(ChildSecret), qPrintable(path));
    }
}

void TestKeychainSecretStore::lockedKeyring()
{
    // A locked keyring whose unlock prompt cannot be shown (no display here): the secret
    // is not handed out, and the store says the keychain refused rather than "not found".
    KeychainSecretStore store(nullptr, Service);
    const QString key = SecretStore::lanTokenKey(QStringLiteral("locked"));
    QSignalSpy wrote(&store, &SecretStore::writeFinished);
    QSignalSpy read(&store, &SecretStore::readFinished);
    store.write(key, QStringLiteral("stw_locked-away"));
    QVERIFY(wrote.wait(20000));
    QCOMPARE(wrote.at(0).at(1).value<SecretStore::Error>(), SecretStore::Error::None);
    QDBusInterface service(QStringLiteral("org.freedesktop.secrets"),
                           QStringLiteral("/org/freedesktop/secrets"),
                           QStringLiteral("org.freedesktop.Secret.Service"));
    const QDBusMessage locked = service.call(
        QStringLiteral("Lock"), QVariant::fromValue(QList<QDBusObjectPath>{QDBusObjectPath(
                                    QStringLiteral("/org/freedesktop/secrets/collection/login"))}));
    QVERIFY2(locked.type() == QDBusMessage::ReplyMessage, qPrintable(locked.errorMessage()));
    store.read(key);
    QVERIFY(read.wait(20000));
    QCOMPARE(read.at(0).at(1).toString(), QString());
    QCOMPARE(read.at(0).at(2).value<SecretStore::Error>(), SecretStore::Error::AccessDenied);
    QVERIFY2(read.at(0).at(3).toString().contains(QLatin1String("locked")),
             qPrintable(read.at(0).at(3).toString()));
    // A key that is not there at all is still NotFound, locked keyring or not.
    store.read(SecretStore::lanTokenKey(QStringLiteral("never-written")));
    QVERIFY(read.wait(20000));
    QCOMPARE(read.at(1).at(2).value<SecretStore::Error>(), SecretStore::Error::NotFound);
    store.write(key, QStringLiteral("stw_other"));
    QVERIFY(wrote.wait(20000));
    QCOMPARE(wrote.at(1).at(1).value<SecretStore::Error>(), SecretStore::Error::AccessDenied);
}

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], ChildFlag) == 0)
        return runChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestKeychainSecretStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainsecretstore.moc"
