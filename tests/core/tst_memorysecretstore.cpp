// SPDX-License-Identifier: GPL-3.0-or-later
#include "memorysecretstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Stowaway;

class TestMemorySecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripIsAsynchronous();
    void noKeychainFailsEveryRequest();
};

void TestMemorySecretStore::roundTripIsAsynchronous()
{
    MemorySecretStore store;
    QSignalSpy wrote(&store, &SecretStore::writeFinished);
    QSignalSpy read(&store, &SecretStore::readFinished);
    QSignalSpy removed(&store, &SecretStore::removeFinished);
    const QString key = SecretStore::lanTokenKey(QStringLiteral("m"));
    store.write(key, QStringLiteral("v1"));
    store.read(key);
    store.remove(key);
    store.read(key);
    QCOMPARE(wrote.size() + read.size() + removed.size(), 0); // never inside the call
    QTRY_COMPARE_WITH_TIMEOUT(read.size(), 2, 5000);
    QCOMPARE(wrote.size(), 1);
    QCOMPARE(wrote.at(0).at(1).value<SecretStore::Error>(), SecretStore::Error::None);
    QCOMPARE(read.at(0).at(1).toString(), QStringLiteral("v1"));
    QCOMPARE(read.at(0).at(2).value<SecretStore::Error>(), SecretStore::Error::None);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(read.at(1).at(1).toString(), QString());
    QCOMPARE(read.at(1).at(2).value<SecretStore::Error>(), SecretStore::Error::NotFound);
    QVERIFY(!read.at(1).at(3).toString().isEmpty());
    QVERIFY(store.secrets().isEmpty());
    QCOMPARE(store.availability(), SecretStore::Availability::Available);
}

void TestMemorySecretStore::noKeychainFailsEveryRequest()
{
    MemorySecretStore store;
    QSignalSpy kept(&store, &SecretStore::writeFinished);
    store.write(QStringLiteral("k"), QStringLiteral("kept"));
    QVERIFY(kept.wait(5000));
    store.setAvailability(SecretStore::Availability::NoKeychain, QStringLiteral("no keyring here"));
    QString message;
    QCOMPARE(store.availability(&message), SecretStore::Availability::NoKeychain);
    QCOMPARE(message, QStringLiteral("no keyring here"));
    QSignalSpy read(&store, &SecretStore::readFinished);
    QSignalSpy wrote(&store, &SecretStore::writeFinished);
    store.read(QStringLiteral("k"));
    store.write(QStringLiteral("k2"), QStringLiteral("lost"));
    QTRY_COMPARE_WITH_TIMEOUT(wrote.size(), 1, 5000);
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.at(0).at(2).value<SecretStore::Error>(), SecretStore::Error::NoBackend);
    QCOMPARE(read.at(0).at(3).toString(), QStringLiteral("no keyring here"));
    QCOMPARE(wrote.at(0).at(1).value<SecretStore::Error>(), SecretStore::Error::NoBackend);
    QCOMPARE(store.secrets().value(QStringLiteral("k")), QStringLiteral("kept"));
    QVERIFY(!store.secrets().contains(QStringLiteral("k2")));
}

QTEST_GUILESS_MAIN(TestMemorySecretStore)
#include "tst_memorysecretstore.moc"
