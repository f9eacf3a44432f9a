// SPDX-License-Identifier: GPL-3.0-or-later
#include "upstreamurl.h"

#include <QTest>

using namespace Stowaway;

class TestUpstreamUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accepted_data();
    void accepted();
    void rejected_data();
    void rejected();
    void indexFileUrl_data();
    void indexFileUrl();
    void defaultIsCratesIo();
};

void TestUpstreamUrl::accepted_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("config");
    QTest::newRow("crates.io") << "sparse+https://index.crates.io/"
                               << "sparse+https://index.crates.io/"
                               << "https://index.crates.io/config.json";
    QTest::newRow("http with port and path") << "sparse+http://127.0.0.1:8080/index/"
                                             << "sparse+http://127.0.0.1:8080/index/"
                                             << "http://127.0.0.1:8080/index/config.json";
    QTest::newRow("ipv6 loopback") << "sparse+http://[::1]:27428/index/"
                                   << "sparse+http://[::1]:27428/index/"
                                   << "http://[::1]:27428/index/config.json";
    QTest::newRow("white space around is ignored") << "  sparse+https://index.crates.io/\n"
                                                   << "sparse+https://index.crates.io/"
                                                   << "https://index.crates.io/config.json";
}

void TestUpstreamUrl::accepted()
{
    QFETCH(QString, input);
    QFETCH(QString, text);
    QFETCH(QString, config);
    QString error;
    const auto url = UpstreamUrl::parse(input, &error);
    QVERIFY2(url, qPrintable(error));
    QCOMPARE(url->text(), text);
    QCOMPARE(url->configUrl().toString(), config);
    QVERIFY(url->baseUrl().toString().endsWith(QLatin1Char('/')));
    QVERIFY(!text.mid(7).compare(url->baseUrl().toString()));
}

void TestUpstreamUrl::rejected_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("mentions"); // each must appear in the message
    QTest::newRow("missing slash names the fix")
        << "sparse+https://index.crates.io"
        << QStringList{"must end in a slash", "sparse+https://index.crates.io/"};
    QTest::newRow("missing slash after a path")
        << "sparse+http://127.0.0.1:8080/index"
        << QStringList{"must end in a slash", "sparse+http://127.0.0.1:8080/index/"};
    QTest::newRow("no sparse+ prefix gives the fixed URL")
        << "https://index.crates.io/"
        << QStringList{"sparse+ prefix", "sparse+https://index.crates.io/"};
    QTest::newRow("no prefix and no slash gives both fixes")
        << "http://127.0.0.1:1/index" << QStringList{"sparse+http://127.0.0.1:1/index/"};
    QTest::newRow("git index") << "https://github.com/rust-lang/crates.io-index"
                               << QStringList{"git index", "sparse+https://index.crates.io/"};
    QTest::newRow("registry+ git URL")
        << "registry+https://github.com/rust-lang/crates.io-index" << QStringList{"git index"};
    QTest::newRow("empty") << "" << QStringList{"empty", "sparse+https://index.crates.io/"};
    QTest::newRow("ftp") << "sparse+ftp://example.org/" << QStringList{"not a valid"};
    QTest::newRow("file") << "sparse+file:///srv/index/" << QStringList{"not a valid"};
    QTest::newRow("no host") << "sparse+http:///index/" << QStringList{"not a valid"};
    QTest::newRow("query") << "sparse+https://m.example/?x=1" << QStringList{"query"};
    QTest::newRow("fragment") << "sparse+https://m.example/#top" << QStringList{"fragment"};
    QTest::newRow("user name") << "sparse+https://bob@m.example/" << QStringList{"user name"};
    QTest::newRow("garbage") << "index please" << QStringList{"not a sparse index URL"};
}

void TestUpstreamUrl::rejected()
{
    QFETCH(QString, input);
    QFETCH(QStringList, mentions);
    QString error;
    QVERIFY(!UpstreamUrl::parse(input, &error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    for (const QString &mention : mentions)
        QVERIFY2(error.contains(mention), qPrintable(error));
    QVERIFY(!UpstreamUrl::parse(input, nullptr));
}

void TestUpstreamUrl::indexFileUrl_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("url");
    QTest::newRow("one letter") << "a"
                                << "http://127.0.0.1:9/index/1/a";
    QTest::newRow("two letters") << "cc"
                                 << "http://127.0.0.1:9/index/2/cc";
    QTest::newRow("three letters") << "syn"
                                   << "http://127.0.0.1:9/index/3/s/syn";
    QTest::newRow("long") << "serde_json"
                          << "http://127.0.0.1:9/index/se/rd/serde_json";
    QTest::newRow("mixed case is lowered") << "MyCrate"
                                           << "http://127.0.0.1:9/index/my/cr/mycrate";
    QTest::newRow("invalid name") << "../etc"
                                  << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestUpstreamUrl::indexFileUrl()
{
    QFETCH(QString, name);
    QFETCH(QString, url);
    const auto upstream = UpstreamUrl::parse(u"sparse+http://127.0.0.1:9/index/", nullptr);
    QVERIFY(upstream);
    QCOMPARE(upstream->indexFileUrl(name).toString(), url);
}

void TestUpstreamUrl::defaultIsCratesIo()
{
    const auto url = UpstreamUrl::parse(UpstreamUrl::defaultUrl(), nullptr);
    QVERIFY(url);
    QCOMPARE(url->indexFileUrl(u"serde").toString(),
             QString("https://index.crates.io/se/rd/serde"));
    QCOMPARE(*url, *UpstreamUrl::parse(u"sparse+https://index.crates.io/", nullptr));
}

QTEST_GUILESS_MAIN(TestUpstreamUrl)
#include "tst_upstreamurl.moc"
