// SPDX-License-Identifier: GPL-3.0-or-later
// TlsTrust: reading CA files, and real HTTPS requests to the loopback test upstream (TLS with
// a certificate from tests/data/tls) trusted, untrusted and trusted through the wrong CA.
#include "indexclient.h"
#include "testregistry.h"
#include "testupstream.h"
#include "tlstrust.h"
#include "upstreamurl.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Stowaway;
using namespace Stowaway::Testing;

namespace {
QString tlsFile(const char *name)
{
    return QStringLiteral(STOWAWAY_TEST_DATA "/tls/") + QLatin1String(name);
}
} // namespace

class TestTlsTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString registryDir = m_dir.filePath(QStringLiteral("registry"));
        QString error;
        QVERIFY2(
            m_registry.writeRegistry(registryDir, QStringLiteral("http://127.0.0.1:1"), &error),
            qPrintable(error));
        m_upstream = std::make_unique<TestUpstream>(registryDir);
        QVERIFY2(m_upstream->setTls(tlsFile("server.pem"), tlsFile("server.key"), &error),
                 qPrintable(error));
        QVERIFY2(m_upstream->start(0, &error), qPrintable(error));
        QVERIFY(m_upstream->baseUrl().startsWith(QLatin1String("https://")));
    }

    void readsCaFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("certificates"); // -1: an error is expected
        QTest::addColumn<QString>("errorHas");
        QTest::newRow("a CA in PEM") << tlsFile("ca.pem") << 1 << QString();
        QTest::newRow("two CAs in one PEM")
            << m_dir.filePath(QStringLiteral("both.pem")) << 2 << QString();
        QTest::newRow("a CA in DER") << m_dir.filePath(QStringLiteral("ca.der")) << 1 << QString();
        QTest::newRow("missing file")
            << m_dir.filePath(QStringLiteral("nope.pem")) << -1 << QStringLiteral("cannot read");
        QTest::newRow("a private key, no certificate")
            << tlsFile("server.key") << -1 << QStringLiteral("holds no certificate");
        QTest::newRow("empty file") << m_dir.filePath(QStringLiteral("empty.pem")) << -1
                                    << QStringLiteral("holds no certificate");
        QTest::newRow("an expired CA")
            << tlsFile("expired-ca.pem") << -1 << QStringLiteral("expired on 2021-01-01");
    }
    void readsCaFiles()
    {
        QFETCH(QString, path);
        QFETCH(int, certificates);
        QFETCH(QString, errorHas);
        const QByteArray ca = readAll(tlsFile("ca.pem"));
        writeAll(m_dir.filePath(QStringLiteral("both.pem")), ca + readAll(tlsFile("other-ca.pem")));
        writeAll(m_dir.filePath(QStringLiteral("ca.der")),
                 QSslCertificate::fromData(ca, QSsl::Pem).constFirst().toDer());
        writeAll(m_dir.filePath(QStringLiteral("empty.pem")), {});

        QString error;
        const auto trust = TlsTrust::fromFile(path, &error);
        if (certificates < 0) {
            QVERIFY(!trust);
            QVERIFY2(error.contains(errorHas), qPrintable(error));
            QVERIFY2(error.contains(path), qPrintable(error)); // names the file
            return;
        }
        QVERIFY2(trust, qPrintable(error));
        QVERIFY(trust->isActive());
        QCOMPARE(trust->certificates().size(), certificates);
        QCOMPARE(trust->file(), path);
    }

    void defaultTrustChangesNothing()
    {
        QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1/")));
        const QSslConfiguration before = request.sslConfiguration();
        TlsTrust().apply(request);
        QVERIFY(!TlsTrust().isActive());
        QCOMPARE(request.sslConfiguration(), before);
    }

    void fetchesOverTls_data()
    {
        QTest::addColumn<QString>("caFile"); // empty: the system's CAs only
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("hinted");
        QTest::newRow("trusted through the test CA") << tlsFile("ca.pem") << true << false;
        QTest::newRow("system CAs only: untrusted, with the --cainfo hint")
            << QString() << false << true;
        QTest::newRow("the wrong CA: untrusted") << tlsFile("other-ca.pem") << false << false;
    }
    void fetchesOverTls()
    {
        QFETCH(QString, caFile);
        QFETCH(bool, ok);
        QFETCH(bool, hinted);
        QString error;
        const auto upstream = UpstreamUrl::parse(m_upstream->indexUrl(), &error);
        QVERIFY2(upstream, qPrintable(error));
        QNetworkAccessManager nam;
        IndexClient client(nam, *upstream, "stowaway-test");
        if (!caFile.isEmpty()) {
            const auto trust = TlsTrust::fromFile(caFile, &error);
            QVERIFY2(trust, qPrintable(error));
            client.setTlsTrust(*trust);
        }
        QSignalSpy ready(&client, &IndexSource::configReady);
        QSignalSpy failed(&client, &IndexSource::configFailed);
        m_upstream->clearLog();
        client.fetchConfig();
        QTRY_VERIFY_WITH_TIMEOUT(ready.size() + failed.size() == 1, 20000);
        QCOMPARE(ready.size() == 1, ok);
        if (ok) {
            // An index file comes over the same trusted connection.
            QSignalSpy fetched(&client, &IndexSource::indexFetched);
            const QString name = m_registry.rootDependencies().constFirst().name;
            client.fetch(name);
            QTRY_VERIFY_WITH_TIMEOUT(fetched.size() == 1, 20000);
            const auto result = fetched.constFirst().constFirst().value<IndexFetch>();
            QCOMPARE(result.status, IndexFetch::Status::Ok);
            QVERIFY(!result.bytes.isEmpty());
            return;
        }
        const QString message = failed.constFirst().constFirst().toString();
        QVERIFY2(message.contains(QLatin1String("SSL")), qPrintable(message));
        // Not retried: a certificate does not become trusted by asking again.
        QVERIFY2(message.contains(QLatin1String("(1 attempt")), qPrintable(message));
        QCOMPARE(message.contains(QLatin1String("--cainfo")), hinted);
        QCOMPARE(m_upstream->requestCount(QStringLiteral("/index/config.json")), 0);
    }

private:
    static QByteArray readAll(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static void writeAll(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bytes), bytes.size());
    }

    QTemporaryDir m_dir;
    TestRegistry m_registry = TestRegistry::small();
    std::unique_ptr<TestUpstream> m_upstream;
};

QTEST_GUILESS_MAIN(TestTlsTrust)
#include "tst_tlstrust.moc"
