// SPDX-License-Identifier: GPL-3.0-or-later
// LanSharing over a MemorySecretStore, and, when ctest runs this binary a second time
// inside a private Secret Service (core/lansharing-keyring, STOWAWAY_KEYRING_TEST=1), over
// the real KeychainSecretStore too: the token is made, kept in the keychain, read back the
// way the runtime does on start, and a real server on loopback demands it.
#include "e2etools.h"
#include "httpserver.h"
#include "keychainsecretstore.h"
#include "lansharing.h"
#include "memorysecretstore.h"
#include "mirrorlayout.h"
#include "mirrorrouter.h"

#include <QSignalSpy>
#include <QtConcurrent>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {

bool withKeyring()
{
    return qEnvironmentVariableIsSet("STOWAWAY_KEYRING_TEST");
}

std::unique_ptr<SecretStore> makeStore(const QString &kind)
{
    if (kind == QLatin1String("keychain"))
        return std::make_unique<KeychainSecretStore>(nullptr, QStringLiteral("stowaway-test"));
    return std::make_unique<MemorySecretStore>();
}

} // namespace

class TestLanSharing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pureHelpers();
    void enableLoadDisable_data();
    void enableLoadDisable();
    void servesOnlyWithTheToken_data();
    void servesOnlyWithTheToken();
    void rekeyMovesTheToken();
    void noKeychain();
    void oneRequestAtATime();

private:
    void storeKinds();
};

void TestLanSharing::storeKinds()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("memory") << "memory";
    if (withKeyring())
        QTest::newRow("keychain") << "keychain";
}

void TestLanSharing::pureHelpers()
{
    ListenAddress any = *ListenAddress::parse(QStringLiteral("0.0.0.0:27428"), nullptr);
    QVERIFY(LanSharing::isShared(any));
    QVERIFY(!LanSharing::isShared(*ListenAddress::parse(QStringLiteral("127.0.0.1:1"), nullptr)));
    QCOMPARE(LanSharing::lanUrl(any, QHostAddress(QStringLiteral("192.168.1.20"))),
             QStringLiteral("http://192.168.1.20:27428"));
    const ListenAddress one = *ListenAddress::parse(QStringLiteral("10.0.0.5:8080"), nullptr);
    QCOMPARE(LanSharing::lanUrl(one, QHostAddress(QStringLiteral("192.168.1.20"))),
             QStringLiteral("http://10.0.0.5:8080"));
    const QString id = LanSharing::mirrorIdFor(QStringLiteral("/srv/mirror"));
    QCOMPARE(id.size(), 16);
    QCOMPARE(LanSharing::mirrorIdFor(QStringLiteral("/srv/mirror/")), id);
    QVERIFY(LanSharing::mirrorIdFor(QStringLiteral("/srv/other")) != id);
    for (const QHostAddress &address : LanSharing::lanAddresses()) {
        QCOMPARE(address.protocol(), QAbstractSocket::IPv4Protocol);
        QVERIFY(!address.isLoopback());
    }
}

void TestLanSharing::enableLoadDisable_data()
{
    storeKinds();
}

void TestLanSharing::enableLoadDisable()
{
    QFETCH(QString, kind);
    const auto store = makeStore(kind);
    LanSharing sharing(*store, QStringLiteral("mirror-a"));
    QSignalSpy ready(&sharing, &LanSharing::tokenReady);
    QSignalSpy failed(&sharing, &LanSharing::failed);
    QSignalSpy disabled(&sharing, &LanSharing::disabled);

    sharing.enable();
    QVERIFY(sharing.busy());
    QVERIFY(ready.isEmpty()); // never from inside the call
    QVERIFY(ready.wait(20000));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
    const LanToken made = ready.takeFirst().at(0).value<LanToken>();
    QVERIFY(made.value().startsWith("stw_"));
    if (auto *memory = qobject_cast<MemorySecretStore *>(store.get()))
        QCOMPARE(memory->secrets().value(sharing.key()).toLatin1(), made.value());

    // The app restarts: a new object reads the same token back from the store.
    LanSharing restarted(*store, QStringLiteral("mirror-a"));
    QSignalSpy loaded(&restarted, &LanSharing::tokenReady);
    restarted.load();
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.first().at(0).value<LanToken>().value(), made.value());

    // Regenerating replaces it.
    sharing.enable();
    QVERIFY(ready.wait(20000));
    QVERIFY(ready.first().at(0).value<LanToken>().value() != made.value());

    sharing.disable();
    QVERIFY(disabled.wait(20000));
    restarted.load();
    QSignalSpy loadFailed(&restarted, &LanSharing::failed);
    QVERIFY(loadFailed.wait(20000));
    QCOMPARE(loadFailed.first().at(0).value<SecretStore::Error>(), SecretStore::Error::NotFound);
}

void TestLanSharing::servesOnlyWithTheToken_data()
{
    storeKinds();
}

void TestLanSharing::servesOnlyWithTheToken()
{
    QFETCH(QString, kind);
    const auto store = makeStore(kind);
    {
        LanSharing settings(*store, QStringLiteral("served"));
        QSignalSpy made(&settings, &LanSharing::tokenReady);
        settings.enable();
        QVERIFY(made.wait(20000));
    }
    // What the runtime does on start: load the token, hand it to the router.
    LanSharing runtime(*store, QStringLiteral("served"));
    QSignalSpy loaded(&runtime, &LanSharing::tokenReady);
    runtime.load();
    QVERIFY(loaded.wait(20000));
    const LanToken token = loaded.first().at(0).value<LanToken>();

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MirrorRouter router(MirrorLayout(dir.path()), [] { return MirrorSummary{}; }, nullptr, {});
    router.setToken(token);
    ServerOptions options;
    options.workerThreads = 1;
    HttpServer server(router, options);
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QByteArray path = "/index/config.json";
    QCOMPARE(httpStatusOffThread(server.serverPort(), path, {}), 401);
    QCOMPARE(httpStatusOffThread(server.serverPort(), path, "stw_not-the-token-at-all-0123456789"),
             401);
    QCOMPARE(httpStatusOffThread(server.serverPort(), path, token.value()), 200);
    QCOMPARE(httpStatusOffThread(server.serverPort(), path, "Bearer " + token.value()), 200);
    runtime.disable();
    QSignalSpy gone(&runtime, &LanSharing::disabled);
    QVERIFY(gone.wait(20000));
}

void TestLanSharing::rekeyMovesTheToken()
{
    MemorySecretStore store;
    LanSharing sharing(store, QStringLiteral("old"));
    QSignalSpy ready(&sharing, &LanSharing::tokenReady);
    sharing.enable();
    QVERIFY(ready.wait(5000));
    const LanToken token = ready.takeFirst().at(0).value<LanToken>();
    sharing.rekey(QStringLiteral("new"), token);
    QVERIFY(ready.wait(5000));
    QCOMPARE(sharing.key(), SecretStore::lanTokenKey(QStringLiteral("new")));
    QTRY_COMPARE(store.secrets().size(), 1);
    QCOMPARE(store.secrets().value(sharing.key()).toLatin1(), token.value());
}

void TestLanSharing::noKeychain()
{
    MemorySecretStore store;
    store.setAvailability(SecretStore::Availability::NoKeychain,
                          QStringLiteral("No keychain is running: install gnome-keyring."));
    LanSharing sharing(store, QStringLiteral("m"));
    QSignalSpy failed(&sharing, &LanSharing::failed);
    QSignalSpy ready(&sharing, &LanSharing::tokenReady);
    sharing.enable();
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().at(0).value<SecretStore::Error>(), SecretStore::Error::NoBackend);
    QVERIFY(failed.first().at(1).toString().contains(QLatin1String("gnome-keyring")));
    QVERIFY(ready.isEmpty());
    QVERIFY(store.secrets().isEmpty());
}

void TestLanSharing::oneRequestAtATime()
{
    MemorySecretStore store;
    LanSharing sharing(store, QStringLiteral("m"));
    QSignalSpy ready(&sharing, &LanSharing::tokenReady);
    QSignalSpy disabled(&sharing, &LanSharing::disabled);
    sharing.enable();
    sharing.disable(); // refused: enable() still runs
    QVERIFY(ready.wait(5000));
    QTest::qWait(50);
    QCOMPARE(ready.size(), 1);
    QVERIFY(disabled.isEmpty());
    QVERIFY(!sharing.busy());
    QCOMPARE(store.secrets().size(), 1);
}

QTEST_MAIN(TestLanSharing)
#include "tst_lansharing.moc"
