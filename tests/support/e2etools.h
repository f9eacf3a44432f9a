// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace Stowaway::Testing {

/// A finished program: exit code (-1 when it crashed or timed out) and stdout+stderr.
struct RunResult
{
    int exitCode = -1;
    QByteArray output = {};
};

/// Runs a program to completion within `timeoutMs`; kills it when it takes longer.
RunResult
runProcess(const QString &program, const QStringList &arguments, const QString &workingDir = {},
           const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
           int timeoutMs = 60000);

QByteArray readFile(const QString &path);
/// Writes a file, creating its folder; false on any failure.
bool writeFile(const QString &path, const QByteArray &bytes);
/// Every file under `root` (relative path -> bytes) except those whose relative path starts
/// with one of `skip` (e.g. "state.sqlite", whose WAL changes on every read, or "tmp/"):
/// taken before and after, it proves nothing changed.
QMap<QString, QByteArray> fileSnapshot(const QString &root, const QStringList &skip = {});

/// rustup's cargo first (a distribution's cargo may predate sparse registries), then PATH;
/// empty when there is no cargo 1.68 or newer.
QString findCargo();
/// The environment real cargo runs in for a test: its own CARGO_HOME and target folder,
/// no retries, short timeouts, and never `--offline`.
QProcessEnvironment cargoEnvironment(const QString &cargo, const QString &cargoHome,
                                     const QString &targetDir);

/// A port on 127.0.0.1 that was free a moment ago.
quint16 freePort();

/// The status code of one HTTP/1.1 GET of `path` on 127.0.0.1:`port` (with `Authorization`
/// when given), sent from a pool thread while this thread's event loop keeps running (so a
/// server on this thread can answer); 0 when no answer came within 20 s.
int httpStatusOffThread(quint16 port, const QByteArray &path, const QByteArray &authorization = {});
/// The `stowaway` binary ($STOWAWAY_BIN) and a tool built next to it (e.g. stowaway-populate).
QString stowawayBinary();
QString toolBinary(const QString &name);

/// A long-running helper program (stowaway serve, stowaway-testupstream) owned by a test:
/// started on a free port, waited for until it answers, stopped on destruction.
class BackgroundServer
{
public:
    BackgroundServer() = default;
    ~BackgroundServer();
    BackgroundServer(const BackgroundServer &) = delete;
    BackgroundServer &operator=(const BackgroundServer &) = delete;

    /// `stowaway serve --mirror DIR --listen 127.0.0.1:PORT`; false with `error` set.
    bool startServe(const QString &mirror, QString *error);
    /// `stowaway-testupstream --registry DIR [extra]`; false with `error` set.
    bool startTestUpstream(const QString &registry, const QStringList &extra, QString *error);
    /// A real forward proxy, `tinyproxy -d`, on a free loopback port, logging each request to
    /// `DIR/tinyproxy.log` (proxyLog()); with @p basicAuth ("user password") it asks clients
    /// for those credentials. False with `error` set (e.g. tinyproxy is not installed).
    bool startTinyproxy(const QString &dir, const QString &basicAuth, QString *error);
    /// The request lines tinyproxy logged so far ("CONNECT host:port HTTP/1.1",
    /// "GET http://… HTTP/1.1").
    QStringList proxyLog() const;
    void stop();

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    quint16 port() const { return m_port; }
    /// `http://127.0.0.1:PORT`
    QString url() const;
    QByteArray output();

private:
    bool waitUntilAnswering(QString *error);
    QProcess m_process;
    QString m_proxyLog;
    quint16 m_port = 0;
    QByteArray m_output;
};

} // namespace Stowaway::Testing
