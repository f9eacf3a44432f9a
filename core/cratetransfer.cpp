// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratetransfer.h"

#include "diskspace.h"

#include "retrypolicy.h"

#include <QDir>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

#include <unistd.h>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcTransfer, "stowaway.download")

namespace {

constexpr qint64 HashChunk = 1024 * 1024;

bool isPermanent(int status)
{
    return status == 401 || status == 403 || status == 404 || status == 410 || status == 451;
}

} // namespace

CrateTransfer::CrateTransfer(QNetworkAccessManager *nam, CrateJob job,
                             const CrateDownloaderOptions &options, QObject *parent)
    : QObject(parent), m_nam(nam), m_job(std::move(job)), m_options(options)
{
    m_stallTimer.setSingleShot(true);
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setTimerType(Qt::PreciseTimer); // Retry-After is a minimum, coarse may be early
    connect(&m_stallTimer, &QTimer::timeout, this, &CrateTransfer::onStall);
    connect(&m_retryTimer, &QTimer::timeout, this, &CrateTransfer::attempt);
}

CrateTransfer::~CrateTransfer()
{
    cancel();
}

QString CrateTransfer::partFileName(const QString &name, const QString &version)
{
    return name + QLatin1Char('-') + version + QStringLiteral(".crate.part");
}

QString CrateTransfer::partPath() const
{
    return QDir(m_options.partialDir).filePath(partFileName(m_job.name, m_job.version));
}

QString CrateTransfer::diskFullMessage(const QString &dir, qint64 bytesFree)
{
    return CrateTransfer::tr("The disk holding %1 has %2 MB free; stowaway stops before it fills. "
                             "Free space and run sync again — finished crates are kept.")
        .arg(QDir::toNativeSeparators(dir))
        .arg(bytesFree / (1024 * 1024));
}

void CrateTransfer::start()
{
    // Always asynchronous, so that done() never fires inside the caller's call.
    QMetaObject::invokeMethod(this, &CrateTransfer::attempt, Qt::QueuedConnection);
}

void CrateTransfer::cancel()
{
    m_finished = true;
    m_stallTimer.stop();
    m_retryTimer.stop();
    if (m_reply) {
        m_abort = Abort::Cancelled;
        m_reply->abort();
    }
    m_file.close();
}

bool CrateTransfer::openPart(QString *error)
{
    m_file.close();
    m_file.setFileName(partPath());
    // Unbuffered: every chunk received goes to the file at once, so a pause, a kill or a
    // crash keeps it for the Range request that resumes the transfer.
    constexpr QIODevice::OpenMode mode = QIODevice::ReadWrite | QIODevice::Unbuffered;
    // The folder normally exists (the downloader makes it once); make it only when missing.
    if (!m_file.open(mode) && (!QDir().mkpath(m_options.partialDir) || !m_file.open(mode))) {
        *error = CrateTransfer::tr("cannot open %1: %2").arg(partPath(), m_file.errorString());
        return false;
    }
    m_hash.reset();
    m_offset = 0;
    const qint64 size = m_file.size();
    if (size > 0 && (m_job.expectedSize < 0 || size <= m_job.expectedSize)) {
        while (m_offset < size) {
            const QByteArray chunk = m_file.read(HashChunk);
            if (chunk.isEmpty())
                break;
            m_hash.addData(chunk);
            m_offset += chunk.size();
        }
    }
    if (m_offset != size)
        resetPart();
    return true;
}

void CrateTransfer::resetPart()
{
    m_file.resize(0);
    m_file.seek(0);
    m_hash.reset();
    m_offset = 0;
}

void CrateTransfer::attempt()
{
    if (m_finished)
        return;
    ++m_attempts;
    QString error;
    if (!openPart(&error))
        return finish(Outcome::Failed, error);
    // A part left by an interrupted run may already be whole.
    if (m_offset > 0 && (m_job.expectedSize < 0 || m_offset == m_job.expectedSize)) {
        if (QString::fromLatin1(m_hash.result().toHex()) == m_job.cksum.toLower()) {
            m_file.flush();
            if (m_options.syncParts)
                ::fsync(m_file.handle());
            m_file.close();
            return finish(Outcome::Verified, partPath(), m_offset);
        }
        if (m_job.expectedSize >= 0)
            resetPart();
    }

    const QUrl url = m_redirectUrl.isValid() ? m_redirectUrl : QUrl(m_job.url);
    QNetworkRequest request{url};
    request.setRawHeader("User-Agent", m_options.userAgent);
    const bool withToken = !m_options.authorization.isEmpty();
    if (withToken && url.host().compare(m_options.authorizationHost, Qt::CaseInsensitive) == 0)
        request.setRawHeader("Authorization", m_options.authorization);
    // An explicit Accept-Encoding keeps Qt from adding its own and from decompressing: the
    // checksum is over the bytes as served.
    request.setRawHeader("Accept-Encoding", "identity");
    m_options.tls.apply(request);
    // HTTP/2 where TLS negotiates it while connecting (ALPN). On plain http Qt 6.4 sends only
    // the first request of a new connection until that answer is complete, to learn the
    // protocol: one stalled download held every other one queued on its manager for the whole
    // stall timeout. So cleartext HTTP/2 is tried only when asked for.
    const bool tls = url.scheme() == QLatin1String("https");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute,
                         tls || m_options.allowCleartextHttp2);
    request.setAttribute(QNetworkRequest::Http2CleartextAllowedAttribute,
                         m_options.allowCleartextHttp2);
    // With a token, redirects are followed here (onFinished) so that it never travels to
    // another host with the request; Qt would copy every header to the new location.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         withToken ? QNetworkRequest::ManualRedirectPolicy
                                   : QNetworkRequest::NoLessSafeRedirectPolicy);
    if (m_offset > 0)
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_offset) + '-');
    m_status = 0;
    m_accepted = false;
    m_replyBytes = 0;
    m_replyLength = -1;
    m_abort = Abort::None;
    m_reply = m_nam->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &CrateTransfer::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &CrateTransfer::onFinished);
    m_stallTimer.start(m_options.stallTimeoutMs);
}

void CrateTransfer::onReadyRead()
{
    if (!m_reply || m_abort != Abort::None)
        return;
    m_stallTimer.start(m_options.stallTimeoutMs);
    if (m_status == 0) {
        m_status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (m_status == 206) {
            const QByteArray range = m_reply->rawHeader("Content-Range");
            const QByteArray expected = "bytes " + QByteArray::number(m_offset) + '-';
            m_accepted = range.startsWith(expected);
            if (!m_accepted) // not the range we asked for: start over on the next attempt
                resetPart();
        } else if (m_status == 200) {
            if (m_offset > 0)
                resetPart(); // the server ignored our Range: the whole file follows
            m_accepted = true;
        }
        m_bodyStart = m_offset;
        const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
        m_replyLength = length.isValid() ? length.toLongLong() : -1;
    }
    const QByteArray data = m_reply->readAll();
    m_received += data.size();
    if (!m_accepted)
        return;
    if (m_job.expectedSize >= 0 && m_offset + data.size() > m_job.expectedSize) {
        m_abort = Abort::TooLarge;
        m_reply->abort();
        return;
    }
    if (m_file.write(data) != data.size()) {
        m_abort = Abort::WriteFailed;
        m_lastError =
            CrateTransfer::tr("cannot write %1: %2").arg(partPath(), m_file.errorString());
        m_reply->abort();
        return;
    }
    m_hash.addData(data);
    m_offset += data.size();
    m_replyBytes += data.size();
}

void CrateTransfer::onStall()
{
    if (!m_reply)
        return;
    m_abort = Abort::Stalled;
    m_reply->abort();
}

QString CrateTransfer::describe(const QNetworkReply *reply) const
{
    switch (reply->error()) {
    case QNetworkReply::RemoteHostClosedError:
        return CrateTransfer::tr("connection closed or reset by %1").arg(reply->url().host());
    case QNetworkReply::ConnectionRefusedError:
        return CrateTransfer::tr("connection refused by %1").arg(reply->url().host());
    case QNetworkReply::HostNotFoundError:
        return CrateTransfer::tr("host %1 not found").arg(reply->url().host());
    case QNetworkReply::TimeoutError:
        return CrateTransfer::tr("timed out connecting to %1").arg(reply->url().host());
    default:
        return QStringLiteral("%1 (%2)").arg(reply->errorString(), reply->url().toString());
    }
}

void CrateTransfer::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply)
        return;
    m_reply = nullptr;
    reply->deleteLater();
    m_stallTimer.stop();
    if (m_abort == Abort::Cancelled || m_finished)
        return;
    if (m_status == 0)
        m_status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_status > 0)
        m_httpVersion = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool() ? 2 : 1;
    const QString url = reply->url().toString();
    if (m_status >= 301 && m_status <= 308 && m_status != 304 && m_status != 305 &&
        m_abort == Abort::None && !m_options.authorization.isEmpty()) {
        const QUrl target = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
        const QUrl next = reply->url().resolved(target);
        if (target.isValid() && ++m_redirects <= MaxRedirects &&
            (next.scheme() == QLatin1String("https") || reply->url().scheme() == next.scheme())) {
            m_redirectUrl = next;
            --m_attempts; // a redirect is not a failed attempt
            return retryLater(0);
        }
        return finish(Outcome::Failed,
                      CrateTransfer::tr("%1 redirected too often or to a less safe place (%2)")
                          .arg(url, next.toString()));
    }
    const int backoff = int(
        m_options.retry.delay(m_attempts, QRandomGenerator::global()->generateDouble()).count());

    if (m_abort == Abort::WriteFailed) {
        const qint64 available = DiskSpace::query(m_options.partialDir);
        if (available >= 0 && available < m_options.diskMarginBytes)
            return finish(Outcome::DiskFull, diskFullMessage(m_options.partialDir, available));
        return finish(Outcome::Failed, m_lastError);
    }
    if (m_abort == Abort::Stalled) {
        m_lastError = CrateTransfer::tr("stalled: no data for %1 s from %2")
                          .arg(m_options.stallTimeoutMs / 1000.0)
                          .arg(url);
        return retryLater(backoff);
    }
    if (m_abort == Abort::TooLarge) {
        resetPart();
        ++m_mismatches;
        m_lastError = CrateTransfer::tr("%1 sent more than the %2 bytes expected — upstream served "
                                        "different bytes")
                          .arg(url)
                          .arg(m_job.expectedSize);
        return m_mismatches >= 2 ? finish(Outcome::Failed, m_lastError) : retryLater(backoff);
    }
    if (m_status == 416) { // our part is longer than the file: start over
        resetPart();
        m_lastError = CrateTransfer::tr("HTTP 416 from %1").arg(url);
        return retryLater(0);
    }
    if (isPermanent(m_status)) {
        m_file.close();
        QFile::remove(partPath());
        return finish(Outcome::Failed, CrateTransfer::tr("HTTP %1 from %2").arg(m_status).arg(url));
    }
    if (m_status == 429 || m_status == 503) {
        const auto wait = RetryPolicy::parseRetryAfter(reply->rawHeader("Retry-After"),
                                                       QDateTime::currentSecsSinceEpoch());
        m_lastError = CrateTransfer::tr("HTTP %1 from %2").arg(m_status).arg(url);
        const qint64 cap = m_options.retry.maxRetryAfter.count() / 1000;
        if (wait && *wait > m_options.retry.maxRetryAfter) {
            return finish(Outcome::Failed,
                          CrateTransfer::tr("%1 asking to wait %2 s (more than the %3 s stowaway "
                                            "waits); run sync again later")
                              .arg(m_lastError)
                              .arg(wait->count() / 1000)
                              .arg(cap));
        }
        // At least what the server asked for, never less than the backoff.
        return retryLater(int(
            m_options.retry.delay(m_attempts, QRandomGenerator::global()->generateDouble(), wait)
                .count()));
    }
    if (m_status >= 300 || (m_status != 200 && m_status != 206 && m_status != 0)) {
        m_lastError = CrateTransfer::tr("HTTP %1 from %2").arg(m_status).arg(url);
        return retryLater(backoff);
    }
    if (m_accepted && m_replyLength >= 0 && m_replyBytes > m_replyLength) {
        // More body than announced: Qt resent the request after a broken connection and
        // both bodies arrived. Keep only what came before this reply.
        m_file.resize(m_bodyStart);
        m_lastError = CrateTransfer::tr("connection to %1 broke off").arg(reply->url().host());
        return retryLater(backoff);
    }
    if (reply->error() == QNetworkReply::ProtocolUnknownError ||
        reply->error() == QNetworkReply::ProtocolInvalidOperationError) {
        return finish(Outcome::Failed, describe(reply)); // retrying cannot help
    }
    if (reply->error() != QNetworkReply::NoError) {
        m_lastError = describe(reply); // the part stays: the next attempt resumes it
        m_unreachable = reply->error() == QNetworkReply::ConnectionRefusedError ||
                        reply->error() == QNetworkReply::HostNotFoundError;
        return retryLater(backoff);
    }
    if (m_accepted && m_replyLength >= 0 && m_replyBytes < m_replyLength) {
        m_lastError = CrateTransfer::tr("connection to %1 closed after %2 of %3 bytes")
                          .arg(reply->url().host())
                          .arg(m_replyBytes)
                          .arg(m_replyLength);
        return retryLater(backoff);
    }
    if (m_job.expectedSize >= 0 && m_offset < m_job.expectedSize) {
        m_lastError = CrateTransfer::tr("transfer from %1 ended after %2 of %3 bytes")
                          .arg(url)
                          .arg(m_offset)
                          .arg(m_job.expectedSize);
        return retryLater(backoff);
    }
    const QString actual = QString::fromLatin1(m_hash.result().toHex());
    if (actual != m_job.cksum.toLower()) {
        m_file.close();
        QFile::remove(partPath());
        ++m_mismatches;
        m_lastError = CrateTransfer::tr("checksum mismatch for %1: expected %2, got %3 — upstream "
                                        "served different bytes")
                          .arg(url, m_job.cksum.toLower(), actual);
        return m_mismatches >= 2 ? finish(Outcome::Failed, m_lastError) : retryLater(backoff);
    }
    if (!m_file.flush() || (m_options.syncParts && ::fsync(m_file.handle()) != 0)) {
        return finish(
            Outcome::Failed,
            CrateTransfer::tr("cannot flush %1 to disk: %2").arg(partPath(), m_file.errorString()));
    }
    m_file.close();
    finish(Outcome::Verified, partPath(), m_offset);
}

void CrateTransfer::retryLater(int delayMs)
{
    if (m_attempts >= m_options.retry.maxAttempts) {
        return finish(m_unreachable ? Outcome::Unreachable : Outcome::Failed,
                      tr("%1 after %n attempt(s)", nullptr, m_attempts).arg(m_lastError));
    }
    m_unreachable = false; // set again by the next attempt's error when it is the same
    qCDebug(lcTransfer) << m_job.key() << "retrying in" << delayMs << "ms:" << m_lastError;
    m_retryTimer.start(delayMs);
}

void CrateTransfer::finish(Outcome outcome, const QString &detail, qint64 size)
{
    if (m_finished)
        return;
    m_finished = true;
    if (outcome != Outcome::Verified && m_file.isOpen() && m_file.size() == 0)
        m_file.remove(); // nothing worth resuming
    m_file.close();
    Q_EMIT done(this, outcome, detail, size);
}

} // namespace Stowaway
