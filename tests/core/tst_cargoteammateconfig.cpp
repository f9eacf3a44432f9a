// SPDX-License-Identifier: GPL-3.0-or-later
// The exact text; tests/e2e/tst_lanauth.cpp proves real cargo accepts it.
#include "cargoteammateconfig.h"

#include <QTest>

using namespace Stowaway;

class TestCargoTeammateConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void texts();
    void escapesForToml();
};

void TestCargoTeammateConfig::texts()
{
    const CargoTeammateConfig config(QStringLiteral("http://192.168.1.20:27428/"),
                                     QStringLiteral("stw_abc-_123"));
    QCOMPARE(config.indexUrl(), QStringLiteral("sparse+http://192.168.1.20:27428/index/"));
    QCOMPARE(config.configToml(),
             QStringLiteral("[registries.stowaway-lan]\n"
                            "index = \"sparse+http://192.168.1.20:27428/index/\"\n"
                            "\n"
                            "[source.crates-io]\n"
                            "replace-with = \"stowaway-lan\"\n"
                            "\n"
                            "[registry]\n"
                            "global-credential-providers = [\"cargo:token\"]\n"));
    QCOMPARE(config.credentialsToml(),
             QStringLiteral("[registries.stowaway-lan]\ntoken = \"stw_abc-_123\"\n"));
    QCOMPARE(CargoTeammateConfig::tokenEnvironmentVariable(),
             QStringLiteral("CARGO_REGISTRIES_STOWAWAY_LAN_TOKEN"));
    const QString all = config.instructions();
    QVERIFY(all.contains(config.configToml()));
    QVERIFY(all.contains(config.credentialsToml()));
    QVERIFY(all.contains(QStringLiteral("CARGO_REGISTRIES_STOWAWAY_LAN_TOKEN")));
}

void TestCargoTeammateConfig::escapesForToml()
{
    const CargoTeammateConfig config(QStringLiteral("http://[::1]:8080"),
                                     QStringLiteral("a\"b\\c\x01"));
    QCOMPARE(config.credentialsToml(),
             QStringLiteral("[registries.stowaway-lan]\ntoken = \"a\\\"b\\\\c\\u0001\"\n"));
    QVERIFY(config.configToml().contains(QStringLiteral("\"sparse+http://[::1]:8080/index/\"")));
}

QTEST_APPLESS_MAIN(TestCargoTeammateConfig)
#include "tst_cargoteammateconfig.moc"
