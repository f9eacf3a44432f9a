// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorhomepage.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Stowaway;

namespace {

// The text between the first `<tag>` and `</tag>` of the page.
QByteArray element(const QByteArray &page, const QByteArray &tag)
{
    const QByteArray open = '<' + tag + '>';
    const qsizetype start = page.indexOf(open);
    const qsizetype end = page.indexOf(QByteArray("</" + tag + '>'), start);
    if (start < 0 || end < 0)
        return {};
    return page.mid(start + open.size(), end - start - open.size());
}

QByteArray cspHash(const QByteArray &source)
{
    return "'sha256-" + QCryptographicHash::hash(source, QCryptographicHash::Sha256).toBase64() +
           "'";
}

} // namespace

class TestMirrorHomePage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escape_data();
    void escape();
    void policyAllowsExactlyThePageCode();
    void rendersSummary_data();
    void rendersSummary();
};

void TestMirrorHomePage::escape_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("plain") << "https://index.crates.io/"
                           << "https://index.crates.io/";
    QTest::newRow("markup") << "<b>x</b>"
                            << "&lt;b&gt;x&lt;/b&gt;";
    QTest::newRow("quotes") << "\"'"
                            << "&quot;&#39;";
    QTest::newRow("ampersand first") << "&lt;"
                                     << "&amp;lt;";
    QTest::newRow("unicode kept") << QString::fromUtf8("caf\xc3\xa9 \xe2\x9c\x93")
                                  << QString::fromUtf8("caf\xc3\xa9 \xe2\x9c\x93");
}

void TestMirrorHomePage::escape()
{
    QFETCH(QString, text);
    QFETCH(QString, escaped);
    QCOMPARE(MirrorHomePage::escape(text), escaped);
}

void TestMirrorHomePage::policyAllowsExactlyThePageCode()
{
    const QByteArray page = MirrorHomePage::render({}, "localhost:1");
    const QByteArray policy = MirrorHomePage::contentSecurityPolicy();
    const QByteArray script = element(page, "script");
    const QByteArray style = element(page, "style");
    QVERIFY(!script.isEmpty());
    QVERIFY(!style.isEmpty());
    QVERIFY(policy.startsWith("default-src 'none';"));
    QVERIFY(policy.contains(QByteArray("script-src " + cspHash(script) + ';')));
    QVERIFY(policy.contains(QByteArray("style-src " + cspHash(style) + ';')));
    QVERIFY(!policy.contains("unsafe"));
    // The script works with the elements the page has.
    QVERIFY(page.contains("<pre id=\"config\">"));
    QVERIFY(page.contains("<button id=\"copy\""));
    QVERIFY(page.contains("id=\"copied\""));
}

void TestMirrorHomePage::rendersSummary_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("size");
    QTest::newRow("empty") << qint64(0) << "0 bytes";
    QTest::newRow("kilobytes") << qint64(1536) << "1.5 kB";
    QTest::newRow("gigabytes, SI like the window") << qint64(3) * 1024 * 1024 * 1024 << "3.2 GB";
}

void TestMirrorHomePage::rendersSummary()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, size);
    MirrorSummary summary;
    summary.crates = 1000;
    summary.versions = 1234567;
    summary.bytes = bytes;
    summary.upstream = QString::fromUtf8("https://m\xc3\xbcnchen.example/index/");
    const QString page = QString::fromUtf8(MirrorHomePage::render(summary, "[::1]:8080"));
    QVERIFY(page.contains(QStringLiteral("<td>1,000</td>")));
    QVERIFY(page.contains(QStringLiteral("<td>1,234,567</td>")));
    QVERIFY2(page.contains(QStringLiteral("<td>") + size + QStringLiteral("</td>")),
             qPrintable(size));
    QVERIFY(page.contains(QString::fromUtf8("https://m\xc3\xbcnchen.example/index/")));
    QVERIFY(page.contains(QStringLiteral("<td>never</td>")));
    QVERIFY(page.contains(QStringLiteral("sparse+http://[::1]:8080/index/")));
    QCOMPARE(MirrorHomePage::cargoConfigSnippet("[::1]:8080"),
             QStringLiteral("[source.crates-io]\nreplace-with = \"stowaway\"\n\n[source.stowaway]\n"
                            "registry = \"sparse+http://[::1]:8080/index/\"\n"));
}

QTEST_GUILESS_MAIN(TestMirrorHomePage)
#include "tst_mirrorhomepage.moc"
