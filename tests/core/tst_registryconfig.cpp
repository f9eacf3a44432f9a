// SPDX-License-Identifier: GPL-3.0-or-later
#include "registryconfig.h"

#include <QTest>

using namespace Stowaway;

class TestRegistryConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
};

void TestRegistryConfig::parses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("dl");
    QTest::addColumn<QString>("api");
    QTest::addColumn<bool>("auth");
    QTest::newRow("crates.io today")
        << QByteArray(R"({"dl":"https://static.crates.io/crates","api":"https://crates.io"})")
        << "https://static.crates.io/crates"
        << "https://crates.io" << false;
    QTest::newRow("template, no api")
        << QByteArray(R"({"dl":"http://127.0.0.1:1/crates/{crate}/{crate}-{version}.crate"})")
        << "http://127.0.0.1:1/crates/{crate}/{crate}-{version}.crate"
        << "" << false;
    QTest::newRow("api null") << QByteArray(R"({"dl":"https://d","api":null})") << "https://d"
                              << "" << false;
    QTest::newRow("auth required")
        << QByteArray(R"({"dl":"https://d","api":"https://a","auth-required":true})") << "https://d"
        << "https://a" << true;
    QTest::newRow("auth false") << QByteArray(R"({"dl":"https://d","auth-required":false})")
                                << "https://d"
                                << "" << false;
    QTest::newRow("unknown keys are ignored")
        << QByteArray(R"({"dl":"https://d","future":{"x":[1,2]},"api":"https://a"})") << "https://d"
        << "https://a" << false;
    QTest::newRow("white space and newline")
        << QByteArray("{\n  \"dl\": \"https://d\",\n  \"api\": \"https://a\"\n}\n") << "https://d"
        << "https://a" << false;
}

void TestRegistryConfig::parses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, dl);
    QFETCH(QString, api);
    QFETCH(bool, auth);
    QString error;
    const auto config = RegistryConfig::parse(json, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->dl, dl);
    QCOMPARE(config->api, api);
    QCOMPARE(config->authRequired, auth);
    QCOMPARE(config->hasApi(), !api.isEmpty());
}

void TestRegistryConfig::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mention");
    QTest::newRow("empty body") << QByteArray() << "not valid JSON";
    QTest::newRow("html error page") << QByteArray("<html>502</html>") << "not valid JSON";
    QTest::newRow("array") << QByteArray("[]") << "not a JSON object";
    QTest::newRow("no dl") << QByteArray(R"({"api":"https://a"})") << "no \"dl\"";
    QTest::newRow("dl null") << QByteArray(R"({"dl":null})") << "no \"dl\"";
    QTest::newRow("dl empty") << QByteArray(R"({"dl":"  "})") << "non-empty string";
    QTest::newRow("dl number") << QByteArray(R"({"dl":5})") << "non-empty string";
    QTest::newRow("api number") << QByteArray(R"({"dl":"https://d","api":1})") << "\"api\"";
    QTest::newRow("auth string") << QByteArray(R"({"dl":"https://d","auth-required":"yes"})")
                                 << "auth-required";
}

void TestRegistryConfig::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mention);
    QString error;
    QVERIFY(!RegistryConfig::parse(json, &error));
    QVERIFY2(error.contains(mention), qPrintable(error));
    QVERIFY(!RegistryConfig::parse(json, nullptr));
}

QTEST_GUILESS_MAIN(TestRegistryConfig)
#include "tst_registryconfig.moc"
