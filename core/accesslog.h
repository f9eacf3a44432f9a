// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httprequest.h"

#include <QByteArray>
#include <QFile>
#include <QMutex>
#include <QObject>
#include <QTimer>

namespace Stowaway {

/**
 * The server's access log in Combined Log Format, one line per answered request:
 *
 *   127.0.0.1 - - [21/Nov/2026:05:24:00 +0000] "GET /config.json HTTP/1.1" 200 123 "-" "cargo/1.80"
 *
 * Refused requests and connections get the same line with one extra quoted field
 * saying why ("refused: …"). Every logged field is escaped (control bytes, quotes,
 * backslashes and non-ASCII become \xHH) so a hostile request cannot forge lines.
 *
 * Thread-safe: log calls come from the server's worker threads. Lines are buffered
 * in memory and written when 64 KiB are pending, every 500 ms (a timer on the thread
 * that owns this object), on flush() and on destruction.
 */
class AccessLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessLog)
public:
    /// @p filePath is usually MirrorLayout::logsDir() + "/access.log".
    explicit AccessLog(QString filePath, QObject *parent = nullptr);
    ~AccessLog() override;

    /// Creates the folder if needed and opens the file for appending. On failure, says
    /// why and what to do in @p error. Call it on the thread that owns this object.
    bool open(QString *error);
    bool isOpen() const;
    QString filePath() const { return m_filePath; }

    /// Logs one answered request. @p peer is the client address as text.
    void logRequest(QByteArrayView peer, const HttpRequest &request, int status, qint64 bodyBytes);
    /// Logs a refused request or connection. @p requestLine may be empty ("-" is logged).
    void logRefusal(QByteArrayView peer, QByteArrayView requestLine, int status,
                    QByteArrayView reason);
    /// Writes everything buffered to the file now.
    void flush();

    /// Appends @p field to @p out with control bytes, '"', '\\' and bytes >= 0x80 as \xHH.
    static void appendEscaped(QByteArray &out, QByteArrayView field);

private:
    /// Appends "peer - - [time] " + @p rest + newline under the lock.
    void appendLine(QByteArrayView peer, const QByteArray &rest);
    void writeBufferLocked();

    const QString m_filePath;
    mutable QMutex m_mutex;
    QFile m_file;
    QByteArray m_buffer;
    qint64 m_cachedSecond = -1;
    QByteArray m_cachedTime;
    QTimer m_flushTimer;
};

} // namespace Stowaway
