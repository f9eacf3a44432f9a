// SPDX-License-Identifier: GPL-3.0-or-later
#include "accesslog.h"
#include "httpserver.h"
#include "httptestclient.h"

#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

#include <thread>
#include <vector>

using namespace Stowaway;
using namespace StowawayTest;

class TestAccessLog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void escapesHostileBytes_data();
    void escapesHostileBytes();
    void writesCombinedFormat();
    void logsRefusalsWithReason();
    void createsFolderAndAppends();
    void reportsUnwritablePath();
    void flushesOnTimer();
    void manyThreadsWriteWholeLines();
    void serverLogsRequestsAndRefusals();

private:
    static QList<QByteArray> readLines(const QString &path);
};

void TestAccessLog::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("stowaway.server.warning=false\n"
                                                    "stowaway.server.info=false"));
}

QList<QByteArray> TestAccessLog::readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

void TestAccessLog::escapesHostileBytes_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("escaped");
    QTest::newRow("plain text is kept")
        << QByteArray("cargo/1.80 (x)") << QByteArray("cargo/1.80 (x)");
    QTest::newRow("newline cannot start a forged line")
        << QByteArray("a\n127.0.0.1 - - [x]") << QByteArray("a\\x0a127.0.0.1 - - [x]");
    QTest::newRow("carriage return") << QByteArray("a\rb") << QByteArray("a\\x0db");
    QTest::newRow("quote cannot close the field")
        << QByteArray("a\" 200 1 \"") << QByteArray("a\\x22 200 1 \\x22");
    QTest::newRow("backslash is escaped too") << QByteArray("a\\x41") << QByteArray("a\\x5cx41");
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray("a\\x00b");
    QTest::newRow("non-ASCII") << QByteArray("caf\xc3\xa9") << QByteArray("caf\\xc3\\xa9");
    QTest::newRow("DEL") << QByteArray("\x7f") << QByteArray("\\x7f");
}

void TestAccessLog::escapesHostileBytes()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, escaped);
    QByteArray out;
    AccessLog::appendEscaped(out, field);
    QCOMPARE(out, escaped);
}

void TestAccessLog::writesCombinedFormat()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("access.log"));
    {
        AccessLog log(path);
        QString error;
        QVERIFY2(log.open(&error), qPrintable(error));
        HttpRequest request;
        request.method = "GET";
        request.target = "/index/se/rd/serde?x=\"1\"";
        request.headers = {{"user-agent", "cargo/1.80\n"}, {"referer", "http://x/"}};
        log.logRequest("127.0.0.1", request, 200, 1234);
        request.method = "HEAD";
        request.headers.clear();
        request.versionMinor = 0;
        log.logRequest("::1", request, 404, 0);
    }
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 2);
    // host - - [dd/Mon/yyyy:hh:mm:ss +0000] "request" status bytes "referer" "user-agent"
    const QByteArray &line = lines[0];
    QVERIFY2(line.startsWith("127.0.0.1 - - ["), line.constData());
    const qsizetype close = line.indexOf(']');
    QCOMPARE(close, qsizetype(15 + 26));
    QVERIFY2(line.mid(15, 26).endsWith(" +0000"), line.constData());
    QCOMPARE(line.mid(close + 1),
             QByteArray(" \"GET /index/se/rd/serde?x=\\x221\\x22 HTTP/1.1\" 200 1234 "
                        "\"http://x/\" \"cargo/1.80\\x0a\""));
    QVERIFY2(lines[1].startsWith("::1 - - ["), lines[1].constData());
    QVERIFY2(
        lines[1].endsWith("] \"HEAD /index/se/rd/serde?x=\\x221\\x22 HTTP/1.0\" 404 0 \"-\" \"-\""),
        lines[1].constData());
}

void TestAccessLog::logsRefusalsWithReason()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("access.log"));
    {
        AccessLog log(path);
        QVERIFY(log.open(nullptr));
        log.logRefusal("10.0.0.1", "GET /../etc/passwd", 400, "path contains a '..' segment");
        log.logRefusal("10.0.0.2", {}, 503, "too many connections");
    }
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].endsWith("\"GET /../etc/passwd\" 400 0 \"-\" \"-\" \"refused: path "
                               "contains a '..' segment\""),
             lines[0].constData());
    QVERIFY2(lines[1].endsWith("\"-\" 503 0 \"-\" \"-\" \"refused: too many connections\""),
             lines[1].constData());
}

void TestAccessLog::createsFolderAndAppends()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("logs/deeper/access.log"));
    HttpRequest request;
    request.method = "GET";
    request.target = "/";
    for (int round = 0; round < 2; ++round) {
        AccessLog log(path);
        QString error;
        QVERIFY2(log.open(&error), qPrintable(error));
        QVERIFY(log.isOpen());
        log.logRequest("127.0.0.1", request, 200, round);
    }
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 2); // appended, not truncated
    QVERIFY(lines[0].contains(" 200 0 "));
    QVERIFY(lines[1].contains(" 200 1 "));
}

void TestAccessLog::reportsUnwritablePath()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("logs")));
    QVERIFY(blocker.open(QIODevice::WriteOnly)); // a file where the folder should be
    blocker.close();
    AccessLog log(dir.filePath(QStringLiteral("logs/access.log")));
    QString error;
    QVERIFY(!log.open(&error));
    QVERIFY(!log.isOpen());
    QVERIFY2(error.contains(QLatin1String("log folder")), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("--mirror")), qPrintable(error));
    HttpRequest request;
    log.logRequest("127.0.0.1", request, 200, 0); // ignored, no crash
}

void TestAccessLog::flushesOnTimer()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("access.log"));
    AccessLog log(path);
    QVERIFY(log.open(nullptr));
    log.logRefusal("127.0.0.1", "GET /", 408, "slow");
    QCOMPARE(readLines(path).size(), 0); // buffered
    QTRY_COMPARE_WITH_TIMEOUT(readLines(path).size(), 1, 3000);
}

void TestAccessLog::manyThreadsWriteWholeLines()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("access.log"));
    constexpr int kThreads = 8;
    constexpr int kLines = 5000;
    {
        AccessLog log(path);
        QVERIFY(log.open(nullptr));
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&log, t] {
                HttpRequest request;
                request.method = "GET";
                request.target = "/thread/" + QByteArray::number(t);
                for (int i = 0; i < kLines; ++i)
                    log.logRequest("127.0.0.1", request, 200, i);
            });
        }
        for (auto &thread : threads)
            thread.join();
    }
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), kThreads * kLines);
    for (const QByteArray &line : lines) {
        QVERIFY2(line.startsWith("127.0.0.1 - - ["), line.constData());
        QVERIFY2(line.contains("] \"GET /thread/"), line.constData());
        QVERIFY2(line.endsWith(" \"-\" \"-\""), line.constData());
    }
}

void TestAccessLog::serverLogsRequestsAndRefusals()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("access.log"));
    TestHandler handler;
    AccessLog log(path);
    QVERIFY(log.open(nullptr));
    {
        HttpServer server(handler, ServerOptions{}, &log);
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));
        HttpTestClient good;
        QVERIFY(good.connectTo(server.serverAddress(), server.serverPort()));
        good.get("/small", "User-Agent: cargo/1.80\r\n");
        QVERIFY(good.waitForResponses(1));
        HttpTestClient bad;
        QVERIFY(bad.connectTo(server.serverAddress(), server.serverPort()));
        bad.sendRaw("GET /%2e%2e/secret HTTP/1.1\r\nHost: x\r\nUser-Agent: \"evil\r\n\r\n");
        QVERIFY(bad.waitForResponses(1));
    }
    log.flush();
    const QList<QByteArray> lines = readLines(path);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].endsWith("\"GET /small HTTP/1.1\" 200 5 \"-\" \"cargo/1.80\""),
             lines[0].constData());
    QVERIFY2(lines[1].contains("\"GET /%2e%2e/secret\" 400 0"), lines[1].constData());
    QVERIFY2(lines[1].contains("refused: path contains a '..' segment"), lines[1].constData());
}

QTEST_GUILESS_MAIN(TestAccessLog)
#include "tst_accesslog.moc"
