// SPDX-License-Identifier: GPL-3.0-or-later
// UpstreamProxy: which proxy a request goes through (setting, curl's environment variables,
// no_proxy), the messages for proxy URLs that cannot work, and real requests from a
// QNetworkAccessManager reaching a loopback listener in the proxy's place.
#include "upstreamproxy.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

using namespace Stowaway;

namespace {

QProcessEnvironment environmentOf(const QStringList &assignments)
{
    QProcessEnvironment environment;
    for (const QString &assignment : assignments)
        environment.insert(assignment.section(QLatin1Char('='), 0, 0),
                           assignment.section(QLatin1Char('='), 1));
    return environment;
}

/// "direct", or "http://host:port" / "socks5://host:port" for the proxy @p url goes through.
QString shown(const QNetworkProxy &proxy)
{
    switch (proxy.type()) {
    case QNetworkProxy::NoProxy:
        return QStringLiteral("direct");
    case QNetworkProxy::HttpProxy:
        return QStringLiteral("http://%1:%2").arg(proxy.hostName()).arg(proxy.port());
    case QNetworkProxy::Socks5Proxy:
        return QStringLiteral("socks5://%1:%2").arg(proxy.hostName()).arg(proxy.port());
    default:
        return QStringLiteral("other");
    }
}

/// A loopback listener standing in for a proxy or an origin: answers every request with a
/// tiny 200 and keeps the request lines it saw.
class RecordingServer : public QObject
{
public:
    RecordingServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_buffer[socket] += socket->readAll();
                    if (!m_buffer[socket].contains("\r\n\r\n"))
                        return;
                    lines.append(QString::fromLatin1(
                        m_buffer[socket].left(m_buffer[socket].indexOf("\r\n"))));
                    m_buffer.remove(socket);
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: "
                                  "close\r\n\r\nok");
                    socket->disconnectFromHost();
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }

    QStringList lines;

private:
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffer;
};

} // namespace

class TestUpstreamProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void choice_data();
    void choice();
    void credentialsStayOutOfMessages();
    void refused_data();
    void refused();
    void requestsGoThroughTheProxy_data();
    void requestsGoThroughTheProxy();
};

void TestUpstreamProxy::choice_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("source"); // in describeFor(); empty when direct

    const QString https = QStringLiteral("https://index.crates.io/config.json");
    const QString http = QStringLiteral("http://mirror.lan:8080/index/config.json");
    const QString corp = QStringLiteral("https_proxy=http://proxy.corp:3128");
    QTest::newRow("nothing set: direct")
        << QString() << QStringList() << https << "direct" << QString();
    QTest::newRow("https_proxy for https")
        << QString() << QStringList{corp} << https << "http://proxy.corp:3128"
        << "https_proxy";
    QTest::newRow("https_proxy is not for http")
        << QString() << QStringList{corp} << http << "direct" << QString();
    QTest::newRow("http_proxy for http")
        << QString() << QStringList{QStringLiteral("http_proxy=http://p:81")} << http
        << "http://p:81"
        << "http_proxy";
    QTest::newRow("HTTP_PROXY is ignored, as curl does")
        << QString() << QStringList{QStringLiteral("HTTP_PROXY=http://p:81")} << http << "direct"
        << QString();
    QTest::newRow("HTTPS_PROXY in capitals")
        << QString() << QStringList{QStringLiteral("HTTPS_PROXY=http://p:82")} << https
        << "http://p:82"
        << "HTTPS_PROXY";
    QTest::newRow("lower case wins") << QString()
                                     << QStringList{QStringLiteral("HTTPS_PROXY=http://upper:1"),
                                                    QStringLiteral("https_proxy=http://lower:2")}
                                     << https << "http://lower:2"
                                     << "https_proxy";
    QTest::newRow("all_proxy for https")
        << QString() << QStringList{QStringLiteral("ALL_PROXY=socks5h://s:1081")} << https
        << "socks5://s:1081"
        << "ALL_PROXY";
    QTest::newRow("all_proxy for http")
        << QString() << QStringList{QStringLiteral("all_proxy=http://a:3")} << http << "http://a:3"
        << "all_proxy";
    QTest::newRow("setting wins over environment")
        << QStringLiteral("http://set:9") << QStringList{corp} << https << "http://set:9"
        << "proxy setting";
    QTest::newRow("setting covers http too")
        << QStringLiteral("http://set:9") << QStringList() << http << "http://set:9"
        << "proxy setting";
    QTest::newRow("none ignores the environment")
        << QStringLiteral("None") << QStringList{corp} << https << "direct" << QString();
    QTest::newRow("no scheme: http, port 1080")
        << QStringLiteral("proxy.corp") << QStringList() << https << "http://proxy.corp:1080"
        << "proxy setting";
    QTest::newRow("socks5") << QStringLiteral("socks5://s:1080") << QStringList() << https
                            << "socks5://s:1080"
                            << "proxy setting";
    QTest::newRow("no_proxy: the host")
        << QString() << QStringList{corp, QStringLiteral("no_proxy=index.crates.io")} << https
        << "direct" << QString();
    QTest::newRow("no_proxy: a parent domain")
        << QString() << QStringList{corp, QStringLiteral("no_proxy=localhost, crates.io")} << https
        << "direct" << QString();
    QTest::newRow("no_proxy: a leading dot")
        << QString() << QStringList{corp, QStringLiteral("no_proxy=.crates.io")} << https
        << "direct" << QString();
    QTest::newRow("no_proxy: not a mere suffix")
        << QString() << QStringList{corp, QStringLiteral("no_proxy=s.io")} << https
        << "http://proxy.corp:3128"
        << "https_proxy";
    QTest::newRow("no_proxy: *") << QString() << QStringList{corp, QStringLiteral("NO_PROXY=*")}
                                 << https << "direct" << QString();
    QTest::newRow("no_proxy: an address")
        << QString() << QStringList{corp, QStringLiteral("no_proxy=10.1.2.3")}
        << QStringLiteral("https://10.1.2.3/index/") << "direct" << QString();
    QTest::newRow("no_proxy: a range")
        << QString() << QStringList{corp, QStringLiteral("no_proxy=10.0.0.0/8")}
        << QStringLiteral("https://10.1.2.3/index/") << "direct" << QString();
    QTest::newRow("no_proxy: outside the range")
        << QString() << QStringList{corp, QStringLiteral("no_proxy=10.0.0.0/8")}
        << QStringLiteral("https://192.168.1.2/index/") << "http://proxy.corp:3128"
        << "https_proxy";
    QTest::newRow("no_proxy: IPv6 with brackets and port")
        << QString() << QStringList{corp, QStringLiteral("no_proxy=[::1]:8080")}
        << QStringLiteral("https://[::1]:8443/index/") << "direct" << QString();
    QTest::newRow("no_proxy: host:port, port ignored")
        << QString() << QStringList{corp, QStringLiteral("no_proxy=mirror.lan:9999")}
        << QStringLiteral("https://mirror.lan/index/") << "direct" << QString();
    QTest::newRow("no_proxy applies to the setting")
        << QStringLiteral("http://set:9") << QStringList{QStringLiteral("no_proxy=mirror.lan")}
        << http << "direct" << QString();
    QTest::newRow("the environment's proxy skips loopback")
        << QString() << QStringList{corp} << QStringLiteral("https://127.0.0.1:8443/index/")
        << "direct" << QString();
    QTest::newRow("... and localhost")
        << QString() << QStringList{QStringLiteral("http_proxy=http://p:81")}
        << QStringLiteral("http://localhost:27428/index/") << "direct" << QString();
    QTest::newRow("... and ::1") << QString() << QStringList{corp}
                                 << QStringLiteral("https://[::1]/index/") << "direct" << QString();
    QTest::newRow("a proxy set on purpose takes loopback too")
        << QStringLiteral("socks5h://127.0.0.1:1080") << QStringList()
        << QStringLiteral("http://localhost:27428/index/") << "socks5://127.0.0.1:1080"
        << "proxy setting";
    QTest::newRow("a file:// git upstream never")
        << QStringLiteral("http://set:9") << QStringList()
        << QStringLiteral("file:///srv/index.git") << "direct" << QString();
}

void TestUpstreamProxy::choice()
{
    QFETCH(QString, setting);
    QFETCH(QStringList, environment);
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QFETCH(QString, source);
    QString error;
    const auto proxy = UpstreamProxy::resolve(setting, environmentOf(environment), &error);
    QVERIFY2(proxy, qPrintable(error));
    QCOMPARE(shown(proxy->proxyFor(QUrl(url))), expected);
    const QString described = proxy->describeFor(QUrl(url));
    QCOMPARE(described.isEmpty(), source.isEmpty());
    QVERIFY2(described.contains(source), qPrintable(described));
    QCOMPARE(proxy->proxyUrlFor(QUrl(url)).isEmpty(), expected == QLatin1String("direct"));
    QCOMPARE(UpstreamProxy::checkSetting(setting, &error), true);
}

void TestUpstreamProxy::credentialsStayOutOfMessages()
{
    QString error;
    const auto proxy = UpstreamProxy::resolve(
        QString(), environmentOf({QStringLiteral("https_proxy=http://ann:s%40cret@p:3128")}),
        &error);
    QVERIFY2(proxy, qPrintable(error));
    const QUrl url(QStringLiteral("https://index.crates.io/"));
    QCOMPARE(proxy->proxyFor(url).user(), QStringLiteral("ann"));
    QCOMPARE(proxy->proxyFor(url).password(), QStringLiteral("s@cret"));
    QCOMPARE(proxy->describeFor(url), QStringLiteral("http://ann@p:3128 (from https_proxy)"));
    QCOMPARE(proxy->proxyUrlFor(url), QStringLiteral("http://ann:s%40cret@p:3128"));
}

void TestUpstreamProxy::refused_data()
{
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QString>("expected"); // in the message

    QTest::newRow("TLS to the proxy")
        << QStringLiteral("https://proxy:443") << QStringList() << "over TLS";
    QTest::newRow("unknown scheme")
        << QStringLiteral("ftp://proxy:21") << QStringList() << "not a proxy Stowaway knows";
    QTest::newRow("no host") << QStringLiteral("http://") << QStringList() << "not a proxy URL";
    QTest::newRow("a space in the host")
        << QStringLiteral("http://bad host:1") << QStringList() << "not a proxy URL";
    QTest::newRow("the variable is named")
        << QString() << QStringList{QStringLiteral("https_proxy=http://bad host")}
        << "https_proxy is http://bad host";
}

void TestUpstreamProxy::refused()
{
    QFETCH(QString, setting);
    QFETCH(QStringList, environment);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!UpstreamProxy::resolve(setting, environmentOf(environment), &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    if (!setting.isEmpty()) {
        QString checkError;
        QVERIFY(!UpstreamProxy::checkSetting(setting, &checkError));
        QCOMPARE(checkError, error);
    }
}

void TestUpstreamProxy::requestsGoThroughTheProxy_data()
{
    QTest::addColumn<bool>("fromSetting"); // else http_proxy
    QTest::addColumn<QString>("noProxy");
    QTest::addColumn<bool>("viaProxy");

    QTest::newRow("the setting: through the proxy") << true << QString() << true;
    QTest::newRow("the setting, no_proxy: direct") << true << QStringLiteral("127.0.0.1") << false;
    QTest::newRow("http_proxy to loopback: direct") << false << QString() << false;
}

void TestUpstreamProxy::requestsGoThroughTheProxy()
{
    QFETCH(bool, fromSetting);
    QFETCH(QString, noProxy);
    QFETCH(bool, viaProxy);
    RecordingServer proxyServer;
    RecordingServer origin;
    QVERIFY(proxyServer.listen());
    QVERIFY(origin.listen());
    const QString proxyUrl = QStringLiteral("http://127.0.0.1:%1").arg(proxyServer.port());
    QStringList environment;
    if (!fromSetting)
        environment << QStringLiteral("http_proxy=") + proxyUrl;
    if (!noProxy.isEmpty())
        environment << QStringLiteral("no_proxy=") + noProxy;
    QString error;
    const auto proxy = UpstreamProxy::resolve(fromSetting ? proxyUrl : QString(),
                                              environmentOf(environment), &error);
    QVERIFY2(proxy, qPrintable(error));

    QNetworkAccessManager nam;
    proxy->applyTo(nam);
    const QString url = QStringLiteral("http://127.0.0.1:%1/index/config.json").arg(origin.port());
    QNetworkReply *reply = nam.get(QNetworkRequest(QUrl(url)));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("ok"));
    reply->deleteLater();
    if (viaProxy) {
        // Absolute-form request line: the proxy is told the whole URL.
        QCOMPARE(proxyServer.lines, QStringList{QStringLiteral("GET %1 HTTP/1.1").arg(url)});
        QVERIFY(origin.lines.isEmpty());
    } else {
        QVERIFY(proxyServer.lines.isEmpty());
        QCOMPARE(origin.lines, QStringList{QStringLiteral("GET /index/config.json HTTP/1.1")});
    }
}

QTEST_GUILESS_MAIN(TestUpstreamProxy)
#include "tst_upstreamproxy.moc"
