// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratedownloader.h"

#include "cratetransfer.h"
#include "mirrorlayout.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>

namespace Stowaway {

Q_LOGGING_CATEGORY(lcDownloader, "stowaway.download")

CrateDownloader::CrateDownloader(QNetworkAccessManager *nam, CrateDownloaderOptions options,
                                 QObject *parent)
    : QObject(parent), m_nam(nam), m_options(std::move(options)), m_space(m_options.partialDir)
{
    m_options.jobs = std::max(1, m_options.jobs);
    m_options.retry.maxAttempts = std::max(1, m_options.retry.maxAttempts);
}

void CrateDownloader::adaptToProtocol(int httpVersion)
{
    if (m_protocolKnown || httpVersion == 0)
        return;
    m_protocolKnown = true;
    if (httpVersion != 1)
        return;
    constexpr int ConnectionsPerManager = 6; // Qt's HTTP/1.1 limit per host
    const int managers = (m_options.jobs + ConnectionsPerManager - 1) / ConnectionsPerManager;
    for (int i = 1; i < managers; ++i) {
        auto extra = std::make_unique<QNetworkAccessManager>();
        m_options.proxy.applyTo(*extra);
        extra->setRedirectPolicy(m_nam->redirectPolicy());
        m_extraNams.push_back(std::move(extra));
    }
}

QNetworkAccessManager *CrateDownloader::nextNetworkManager()
{
    const std::size_t count = m_extraNams.size() + 1;
    const std::size_t index = m_nextNam++ % count;
    return index == 0 ? m_nam : m_extraNams[index - 1].get();
}

CrateDownloader::~CrateDownloader()
{
    stopAll();
}

QString CrateDownloader::partialDir(const MirrorLayout &layout)
{
    return QDir(layout.tempDir()).filePath(QStringLiteral("partial"));
}

int CrateDownloader::pruneParts(const QString &dir, const QSet<QString> &keep)
{
    int removed = 0;
    const QDir partial(dir);
    const QStringList parts =
        partial.entryList({QStringLiteral("*.crate.part")}, QDir::Files | QDir::Hidden);
    for (const QString &part : parts) {
        if (!keep.contains(part) && QFile::remove(partial.filePath(part)))
            ++removed;
    }
    if (removed > 0)
        qCInfo(lcDownloader) << "removed" << removed << "partial downloads no longer needed";
    return removed;
}

void CrateDownloader::enqueue(const CrateJob &job)
{
    if (m_keys.contains(job.key()))
        return;
    m_keys.insert(job.key());
    m_queue.push_back(job);
    pump();
}

void CrateDownloader::enqueue(const QList<CrateJob> &jobs)
{
    for (const CrateJob &job : jobs) {
        if (!m_keys.contains(job.key())) {
            m_keys.insert(job.key());
            m_queue.push_back(job);
        }
    }
    pump();
}

void CrateDownloader::cancel()
{
    const bool wasBusy = !isIdle();
    stopAll();
    if (wasBusy)
        QMetaObject::invokeMethod(this, &CrateDownloader::finished, Qt::QueuedConnection);
}

void CrateDownloader::stopAll()
{
    ++m_epoch;
    m_queue.clear();
    m_keys.clear();
    const QList<CrateTransfer *> active = std::exchange(m_active, {});
    for (CrateTransfer *transfer : active) {
        m_bytesFinished += transfer->bytesReceived();
        transfer->cancel();
        transfer->deleteLater();
    }
}

CrateDownloadStats CrateDownloader::stats() const
{
    CrateDownloadStats stats;
    stats.bytesReceived = m_bytesFinished;
    for (const CrateTransfer *transfer : m_active) {
        stats.bytesReceived += transfer->bytesReceived();
        stats.current.append(transfer->job().name + QLatin1Char(' ') + transfer->job().version);
    }
    stats.queued = int(m_queue.size());
    stats.inFlight = int(m_active.size());
    stats.done = m_done;
    stats.failed = m_failed;
    return stats;
}

bool CrateDownloader::enoughSpace(const CrateJob &job, QString *message)
{
    if (!m_partialDirMade)
        m_partialDirMade = QDir().mkpath(m_options.partialDir);
    const qint64 available = m_space.available();
    if (available < 0)
        return true; // cannot tell; a failing write will say so
    const qint64 expected = std::max<qint64>(job.expectedSize, 0);
    if (available >= expected + m_options.diskMarginBytes) {
        m_space.reserve(expected);
        return true;
    }
    m_space.invalidate(); // the next attempt asks the volume again
    *message = CrateTransfer::diskFullMessage(m_options.partialDir, available);
    return false;
}

void CrateDownloader::pump()
{
    while (!m_queue.empty() && m_active.size() < m_options.jobs) {
        QString message;
        if (!enoughSpace(m_queue.front(), &message)) {
            stopAll();
            // Queued: enqueue() may be on the stack.
            QMetaObject::invokeMethod(
                this,
                [this, message] {
                    Q_EMIT diskFull(message);
                    Q_EMIT finished();
                },
                Qt::QueuedConnection);
            return;
        }
        auto *transfer = new CrateTransfer(nextNetworkManager(), m_queue.front(), m_options, this);
        m_queue.pop_front();
        connect(transfer, &CrateTransfer::done, this,
                [this](CrateTransfer *t, CrateTransfer::Outcome outcome, const QString &detail,
                       qint64 size) { onTransferDone(t, int(outcome), detail, size); });
        m_active.append(transfer);
        transfer->start();
    }
}

void CrateDownloader::onTransferDone(CrateTransfer *transfer, int outcome, const QString &detail,
                                     qint64 size)
{
    if (!m_active.removeOne(transfer))
        return;
    const CrateJob job = transfer->job();
    m_keys.remove(job.key());
    adaptToProtocol(transfer->httpVersion());
    m_bytesFinished += transfer->bytesReceived();
    transfer->deleteLater();
    const quint64 epoch = m_epoch;
    switch (CrateTransfer::Outcome(outcome)) {
    case CrateTransfer::Outcome::Verified:
        ++m_done;
        m_unreachableInRow = 0;
        Q_EMIT downloaded(job, detail, size);
        break;
    case CrateTransfer::Outcome::Failed:
        ++m_failed;
        m_unreachableInRow = 0;
        qCInfo(lcDownloader) << job.key() << "failed:" << detail;
        Q_EMIT failed(job, detail);
        break;
    case CrateTransfer::Outcome::Unreachable:
        ++m_failed;
        qCInfo(lcDownloader) << job.key() << "failed:" << detail;
        Q_EMIT failed(job, detail);
        if (epoch == m_epoch && m_options.unreachableLimit > 0 &&
            ++m_unreachableInRow >= m_options.unreachableLimit)
            giveUpQueue(detail);
        break;
    case CrateTransfer::Outcome::DiskFull:
        stopAll();
        Q_EMIT diskFull(detail);
        Q_EMIT finished();
        return;
    }
    if (epoch != m_epoch)
        return; // a slot cancelled us; cancel() reports finished()
    pump();
    if (isIdle())
        Q_EMIT finished();
}

void CrateDownloader::giveUpQueue(const QString &lastError)
{
    const std::deque<CrateJob> queue = std::exchange(m_queue, {});
    if (queue.empty())
        return;
    qCWarning(lcDownloader) << "upstream unreachable" << m_unreachableInRow << "times in a row;"
                            << queue.size() << "queued files not tried";
    const QString reason =
        CrateDownloader::tr("not tried: the upstream stopped answering (%1 files in a row: %2) — "
                            "run sync again when it is back")
            .arg(m_unreachableInRow)
            .arg(lastError);
    const quint64 epoch = m_epoch;
    for (const CrateJob &job : queue) {
        m_keys.remove(job.key());
        ++m_failed;
        Q_EMIT failed(job, reason);
        if (epoch != m_epoch)
            return; // a slot cancelled us
    }
}

} // namespace Stowaway
