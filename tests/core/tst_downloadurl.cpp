// SPDX-License-Identifier: GPL-3.0-or-later
#include "downloadurl.h"

#include <QTest>
#include <QUrl>

using namespace Stowaway;

class TestDownloadUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void expand_data();
    void expand();
    void prefix_data();
    void prefix();
    void hasMarker_data();
    void hasMarker();
    void plusSurvivesQUrl();
};

namespace {
const QString kSum =
    QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90");
}

void TestDownloadUrl::expand_data()
{
    QTest::addColumn<QString>("dl");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("url");

    QTest::newRow("crates.io without markers gets the default suffix")
        << "https://static.crates.io/crates"
        << "serde"
        << "1.0.200"
        << "https://static.crates.io/crates/serde/1.0.200/download";
    QTest::newRow("old crates.io API template")
        << "https://crates.io/api/v1/crates"
        << "rand"
        << "0.8.5"
        << "https://crates.io/api/v1/crates/rand/0.8.5/download";
    QTest::newRow("trailing slash is kept, as cargo keeps it")
        << "http://mirror.example/dl/"
        << "rand"
        << "0.8.5"
        << "http://mirror.example/dl//rand/0.8.5/download";
    QTest::newRow("crate and version")
        << "https://m.example/crates/{crate}/{crate}-{version}.crate"
        << "serde_json"
        << "1.0.1"
        << "https://m.example/crates/serde_json/serde_json-1.0.1.crate";
    QTest::newRow("prefix keeps the original case")
        << "https://m.example/{prefix}/{crate}/{version}"
        << "MyCrate"
        << "0.1.0"
        << "https://m.example/My/Cr/MyCrate/0.1.0";
    QTest::newRow("lowerprefix lowers it") << "https://m.example/{lowerprefix}/{crate}/{version}"
                                           << "MyCrate"
                                           << "0.1.0"
                                           << "https://m.example/my/cr/MyCrate/0.1.0";
    QTest::newRow("prefix of a one-letter name") << "https://m.example/{prefix}/{crate}"
                                                 << "a"
                                                 << "1.0.0"
                                                 << "https://m.example/1/a";
    QTest::newRow("prefix of a two-letter name") << "https://m.example/{prefix}/{crate}"
                                                 << "Cc"
                                                 << "1.0.0"
                                                 << "https://m.example/2/Cc";
    QTest::newRow("prefix of a three-letter name")
        << "https://m.example/{prefix}/{lowerprefix}/{crate}"
        << "Syn"
        << "2.0.0"
        << "https://m.example/3/S/3/s/Syn";
    QTest::newRow("checksum only (still counts as a marker)")
        << "https://m.example/by-hash/{sha256-checksum}"
        << "serde"
        << "1.0.0"
        << "https://m.example/by-hash/" + kSum;
    QTest::newRow("every marker, twice")
        << "http://h:8080/{crate}/{version}/{prefix}/{lowerprefix}/{sha256-checksum}/"
           "{crate}-{version}"
        << "Inflector"
        << "0.11.4"
        << "http://h:8080/Inflector/0.11.4/In/fl/in/fl/" + kSum + "/Inflector-0.11.4";
    QTest::newRow("build metadata keeps its plus, no percent-encoding")
        << "https://m.example/crates/{crate}/{crate}-{version}.crate"
        << "openssl-src"
        << "110.0.0+1.1.0f"
        << "https://m.example/crates/openssl-src/openssl-src-110.0.0+1.1.0f.crate";
    QTest::newRow("build metadata in the default suffix")
        << "https://static.crates.io/crates"
        << "libgit2-sys"
        << "0.5.2+5.3.0-patched"
        << "https://static.crates.io/crates/libgit2-sys/0.5.2+5.3.0-patched/download";
    QTest::newRow("pre-release") << "https://m.example/{crate}/{version}"
                                 << "tokio"
                                 << "1.0.0-rc.1"
                                 << "https://m.example/tokio/1.0.0-rc.1";
    QTest::newRow("unknown braces are not markers")
        << "https://m.example/{name}"
        << "serde"
        << "1.0.0"
        << "https://m.example/{name}/serde/1.0.0/download";
    QTest::newRow("markers are case-sensitive") << "https://m.example/{CRATE}"
                                                << "serde"
                                                << "1.0.0"
                                                << "https://m.example/{CRATE}/serde/1.0.0/download";
}

void TestDownloadUrl::expand()
{
    QFETCH(QString, dl);
    QFETCH(QString, name);
    QFETCH(QString, version);
    QFETCH(QString, url);
    QCOMPARE(DownloadUrl::expand(dl, name, version, kSum), url);
}

void TestDownloadUrl::prefix_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("one") << "x"
                         << "1";
    QTest::newRow("two") << "XY"
                         << "2";
    QTest::newRow("three keeps case") << "Abc"
                                      << "3/A";
    QTest::newRow("four") << "serde"
                          << "se/rd";
    QTest::newRow("four, mixed case") << "SeRdE"
                                      << "Se/Rd";
    QTest::newRow("exactly four") << "abcd"
                                  << "ab/cd";
    QTest::newRow("dash inside") << "a-bc"
                                 << "a-/bc";
}

void TestDownloadUrl::prefix()
{
    QFETCH(QString, name);
    QFETCH(QString, prefix);
    QCOMPARE(DownloadUrl::prefix(name), prefix);
}

void TestDownloadUrl::hasMarker_data()
{
    QTest::addColumn<QString>("dl");
    QTest::addColumn<bool>("marker");
    QTest::newRow("none") << "https://static.crates.io/crates" << false;
    QTest::newRow("crate") << "https://m/{crate}" << true;
    QTest::newRow("version") << "https://m/{version}" << true;
    QTest::newRow("prefix") << "https://m/{prefix}" << true;
    QTest::newRow("lowerprefix") << "https://m/{lowerprefix}" << true;
    QTest::newRow("sha256-checksum") << "https://m/{sha256-checksum}" << true;
    QTest::newRow("half a marker") << "https://m/{crate" << false;
}

void TestDownloadUrl::hasMarker()
{
    QFETCH(QString, dl);
    QFETCH(bool, marker);
    QCOMPARE(DownloadUrl::hasMarker(dl), marker);
}

void TestDownloadUrl::plusSurvivesQUrl()
{
    // The downloader turns the text into a QUrl: the '+' must reach the wire as '+'.
    const QString text = DownloadUrl::expand(u"http://127.0.0.1:1/crates/{crate}/{version}",
                                             u"libgit2-sys", u"0.5.2+5.3.0", kSum);
    const QUrl url(text, QUrl::TolerantMode);
    QVERIFY(url.isValid());
    QCOMPARE(url.toEncoded(), QByteArray("http://127.0.0.1:1/crates/libgit2-sys/0.5.2+5.3.0"));
    QCOMPARE(url.path(QUrl::FullyEncoded), QString("/crates/libgit2-sys/0.5.2+5.3.0"));
}

QTEST_GUILESS_MAIN(TestDownloadUrl)
#include "tst_downloadurl.moc"
