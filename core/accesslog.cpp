// SPDX-License-Identifier: GPL-3.0-or-later
#include "accesslog.h"

#include "httpdate.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMutexLocker>

namespace Stowaway {

namespace {
constexpr qsizetype kFlushThreshold = 64 * 1024;
constexpr int kFlushIntervalMs = 500;
} // namespace

AccessLog::AccessLog(QString filePath, QObject *parent)
    : QObject(parent), m_filePath(std::move(filePath)), m_file(m_filePath)
{
    m_buffer.reserve(kFlushThreshold + 4096);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &AccessLog::flush);
}

AccessLog::~AccessLog()
{
    flush();
}

bool AccessLog::open(QString *error)
{
    QMutexLocker lock(&m_mutex);
    if (m_file.isOpen())
        return true;
    const QString dir = QFileInfo(m_filePath).absolutePath();
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = tr("Cannot create the log folder %1. Check that the mirror folder is "
                        "writable or choose another with --mirror.")
                         .arg(QDir::toNativeSeparators(dir));
        return false;
    }
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        if (error)
            *error = tr("Cannot open the access log %1: %2. Check its permissions.")
                         .arg(QDir::toNativeSeparators(m_filePath), m_file.errorString());
        return false;
    }
    m_flushTimer.start();
    return true;
}

bool AccessLog::isOpen() const
{
    QMutexLocker lock(&m_mutex);
    return m_file.isOpen();
}

void AccessLog::appendEscaped(QByteArray &out, QByteArrayView field)
{
    static constexpr char kHex[] = "0123456789abcdef";
    for (const char c : field) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || c == '"' || c == '\\') {
            const char escaped[4] = {'\\', 'x', kHex[u >> 4], kHex[u & 0xf]};
            out.append(escaped, 4);
        } else {
            out.append(c);
        }
    }
}

void AccessLog::appendLine(QByteArrayView peer, const QByteArray &rest)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QMutexLocker lock(&m_mutex);
    if (!m_file.isOpen())
        return;
    if (now != m_cachedSecond) {
        m_cachedSecond = now;
        m_cachedTime = HttpDate::commonLogTime(now);
    }
    appendEscaped(m_buffer, peer);
    m_buffer.append(" - - [").append(m_cachedTime).append("] ").append(rest).append('\n');
    if (m_buffer.size() >= kFlushThreshold)
        writeBufferLocked();
}

void AccessLog::logRequest(QByteArrayView peer, const HttpRequest &request, int status,
                           qint64 bodyBytes)
{
    const QByteArray referer = request.header("referer");
    const QByteArray userAgent = request.header("user-agent");
    // Format outside the lock; only the append is serialised.
    QByteArray rest;
    rest.reserve(64 + request.target.size() + referer.size() + userAgent.size());
    rest.append('"');
    appendEscaped(rest, request.method);
    rest.append(' ');
    appendEscaped(rest, request.target);
    rest.append(" HTTP/")
        .append(char('0' + request.versionMajor % 10))
        .append('.')
        .append(char('0' + request.versionMinor % 10))
        .append("\" ");
    rest.append(QByteArray::number(status)).append(' ');
    rest.append(QByteArray::number(bodyBytes)).append(" \"");
    appendEscaped(rest, referer.isEmpty() ? QByteArrayView("-") : QByteArrayView(referer));
    rest.append("\" \"");
    appendEscaped(rest, userAgent.isEmpty() ? QByteArrayView("-") : QByteArrayView(userAgent));
    rest.append('"');
    appendLine(peer, rest);
}

void AccessLog::logRefusal(QByteArrayView peer, QByteArrayView requestLine, int status,
                           QByteArrayView reason)
{
    QByteArray rest;
    rest.reserve(96 + requestLine.size() + reason.size());
    rest.append('"');
    appendEscaped(rest, requestLine.isEmpty() ? QByteArrayView("-") : requestLine);
    rest.append("\" ").append(QByteArray::number(status)).append(" 0 \"-\" \"-\" \"refused: ");
    appendEscaped(rest, reason);
    rest.append('"');
    appendLine(peer, rest);
}

void AccessLog::flush()
{
    QMutexLocker lock(&m_mutex);
    writeBufferLocked();
}

void AccessLog::writeBufferLocked()
{
    if (m_buffer.isEmpty() || !m_file.isOpen())
        return;
    m_file.write(m_buffer);
    m_file.flush();
    m_buffer.resize(0); // keeps the capacity
}

} // namespace Stowaway
