// SPDX-License-Identifier: GPL-3.0-or-later
#include "e2etools.h"
#include <algorithm>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHostAddress>
#include <QSignalSpy>
#include <QtConcurrent>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace Stowaway::Testing {

RunResult runProcess(const QString &program, const QStringList &arguments,
                     const QString &workingDir, const QProcessEnvironment &environment,
                     int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setProcessEnvironment(environment);
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.start(program, arguments);
    RunResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        result.output = process.readAll() +
                        "\n(timed out or failed to start: " + process.errorString().toUtf8() + ")";
        return result;
    }
    result.output = process.readAll();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QMap<QString, QByteArray> fileSnapshot(const QString &root, const QStringList &skip)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(root).relativeFilePath(path);
        const bool skipped = std::any_of(skip.cbegin(), skip.cend(), [&](const QString &prefix) {
            return relative.startsWith(prefix);
        });
        if (!skipped)
            files.insert(relative, readFile(path));
    }
    return files;
}

QString findCargo()
{
    const QStringList candidates{
        QStandardPaths::findExecutable(QStringLiteral("cargo"),
                                       {QDir::homePath() + QStringLiteral("/.cargo/bin")}),
        QStandardPaths::findExecutable(QStringLiteral("cargo"))};
    for (const QString &candidate : candidates) {
        if (candidate.isEmpty())
            continue;
        const RunResult version = runProcess(candidate, {QStringLiteral("--version")});
        // "cargo 1.95.0 (f2d3ce0bd 2026-03-21)"
        const QList<QByteArray> parts = version.output.split(' ').value(1).split('.');
        if (version.exitCode == 0 && parts.size() >= 2 && parts[0].toInt() == 1 &&
            parts[1].toInt() >= 68)
            return candidate;
    }
    return {};
}

QProcessEnvironment cargoEnvironment(const QString &cargo, const QString &cargoHome,
                                     const QString &targetDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CARGO_HOME"), cargoHome);
    env.insert(QStringLiteral("CARGO_TARGET_DIR"), targetDir);
    env.insert(QStringLiteral("CARGO_NET_RETRY"), QStringLiteral("0"));
    env.insert(QStringLiteral("CARGO_HTTP_TIMEOUT"), QStringLiteral("20"));
    env.insert(QStringLiteral("CARGO_TERM_COLOR"), QStringLiteral("never"));
    env.insert(QStringLiteral("CARGO_INCREMENTAL"), QStringLiteral("0"));
    env.remove(QStringLiteral("CARGO_NET_OFFLINE"));
    env.remove(QStringLiteral("RUSTFLAGS"));
    // A fresh CARGO_HOME has no rustup proxies; keep cargo's own folder on PATH.
    env.insert(QStringLiteral("PATH"), QFileInfo(cargo).absolutePath() + QLatin1Char(':') +
                                           env.value(QStringLiteral("PATH")));
    return env;
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString stowawayBinary()
{
    return qEnvironmentVariable("STOWAWAY_BIN");
}

QString toolBinary(const QString &name)
{
    return QFileInfo(stowawayBinary()).absolutePath() + QLatin1Char('/') + name;
}

BackgroundServer::~BackgroundServer()
{
    stop();
}

bool BackgroundServer::startServe(const QString &mirror, QString *error)
{
    m_port = freePort();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(stowawayBinary(),
                    {QStringLiteral("serve"), QStringLiteral("--mirror"), mirror,
                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(m_port)});
    return waitUntilAnswering(error);
}

bool BackgroundServer::startTestUpstream(const QString &registry, const QStringList &extra,
                                         QString *error)
{
    m_port = freePort();
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(toolBinary(QStringLiteral("stowaway-testupstream")),
                    QStringList{QStringLiteral("--registry"), registry, QStringLiteral("--listen"),
                                QStringLiteral("127.0.0.1:%1").arg(m_port)} +
                        extra);
    if (!extra.contains(QStringLiteral("--tls-cert")))
        return waitUntilAnswering(error);
    // Over TLS the plain-HTTP probe cannot answer: the tool prints its URL once it listens.
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning &&
           !output().contains("https://127.0.0.1:"))
        m_process.waitForReadyRead(100);
    if (output().contains("https://127.0.0.1:"))
        return true;
    if (error)
        *error = QStringLiteral("the TLS test upstream did not start (%1, exit %2): ")
                     .arg(m_process.errorString())
                     .arg(m_process.exitCode()) +
                 QString::fromUtf8(output());
    return false;
}

bool BackgroundServer::startTinyproxy(const QString &dir, const QString &basicAuth, QString *error)
{
    const QString program = QStandardPaths::findExecutable(QStringLiteral("tinyproxy"));
    if (program.isEmpty()) {
        if (error)
            *error = QStringLiteral("tinyproxy is not installed; scripts/setup.sh installs it "
                                    "(apt-get install tinyproxy)");
        return false;
    }
    m_port = freePort();
    m_proxyLog = dir + QStringLiteral("/tinyproxy.log");
    QByteArray config = "Port " + QByteArray::number(m_port) +
                        "\nListen 127.0.0.1\nTimeout 30\nMaxClients 100\nAllow 127.0.0.1\n"
                        "LogLevel Info\nLogFile \"" +
                        m_proxyLog.toUtf8() + "\"\n";
    if (!basicAuth.isEmpty())
        config += "BasicAuth " + basicAuth.toUtf8() + "\n";
    const QString configFile = dir + QStringLiteral("/tinyproxy.conf");
    if (!writeFile(configFile, config)) {
        if (error)
            *error = QStringLiteral("cannot write ") + configFile;
        return false;
    }
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(program, {QStringLiteral("-d"), QStringLiteral("-c"), configFile});
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (socket.waitForConnected(200))
            return true;
        QThread::msleep(50);
    }
    if (error)
        *error = QStringLiteral("tinyproxy did not start: ") + QString::fromUtf8(output());
    return false;
}

QStringList BackgroundServer::proxyLog() const
{
    QStringList requests;
    const QList<QByteArray> lines = readFile(m_proxyLog).split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype at = line.indexOf("]: Request (file descriptor ");
        if (at >= 0)
            requests.append(QString::fromUtf8(line.mid(line.indexOf("): ", at) + 3)).trimmed());
    }
    return requests;
}

bool BackgroundServer::waitUntilAnswering(QString *error)
{
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning) {
            if (error)
                *error = QStringLiteral("the server exited: ") + QString::fromUtf8(output());
            return false;
        }
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (socket.waitForConnected(200)) {
            socket.write("GET /index/config.json HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Connection: close\r\n\r\n");
            QByteArray response;
            for (int i = 0; i < 20 && socket.state() == QAbstractSocket::ConnectedState; ++i) {
                socket.waitForReadyRead(100);
                response += socket.readAll();
            }
            response += socket.readAll();
            if (response.startsWith("HTTP/1.1 200"))
                return true;
        }
        QThread::msleep(50);
    }
    if (error)
        *error =
            QStringLiteral("the server did not answer within 15 s: ") + QString::fromUtf8(output());
    return false;
}

void BackgroundServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString BackgroundServer::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QByteArray BackgroundServer::output()
{
    m_output += m_process.readAll();
    return m_output;
}

/// One HTTP/1.1 GET on loopback, blocking (run it off the server's thread); the status
/// code, or 0 when no answer came in 10 s.
static int blockingStatus(quint16 port, const QByteArray &path, const QByteArray &authorization)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!socket.waitForConnected(10000))
        return 0;
    QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!authorization.isEmpty())
        request += "Authorization: " + authorization + "\r\n";
    socket.write(request + "\r\n");
    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    while (!response.contains("\r\n") && timer.elapsed() < 10000) {
        if (socket.waitForReadyRead(1000))
            response += socket.readAll();
    }
    const QList<QByteArray> statusLine = response.left(response.indexOf("\r\n")).split(' ');
    return statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0;
}

int httpStatusOffThread(quint16 port, const QByteArray &path, const QByteArray &authorization)
{
    QFutureWatcher<int> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(QtConcurrent::run(blockingStatus, port, path, authorization));
    if (!watcher.isFinished() && !finished.wait(20000))
        return 0;
    return watcher.result();
}

} // namespace Stowaway::Testing
