// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cratejob.h"

#include <QCryptographicHash>
#include <QFile>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Stowaway {

/**
 * One `.crate` download with its retries, for CrateDownloader: streams the body into
 * `{partialDir}/{name}-{version}.crate.part` while hashing it, resumes an existing part with
 * a Range request, verifies the SHA-256, fsyncs (options.syncParts) and reports once through
 * done().
 *
 * Lives on the thread of the QNetworkAccessManager; owned by the CrateDownloader.
 */
class CrateTransfer final : public QObject
{
    Q_OBJECT
public:
    enum class Outcome {
        Verified, ///< detail: the verified file's path
        Failed,   ///< detail: why, for a person
        DiskFull, ///< detail: why
        /// Failed, and the last attempt could not reach the upstream at all (connection
        /// refused, no such host): the downloader takes several in a row as "it is gone".
        Unreachable,
    };

    CrateTransfer(QNetworkAccessManager *nam, CrateJob job, const CrateDownloaderOptions &options,
                  QObject *parent);
    ~CrateTransfer() override;

    const CrateJob &job() const { return m_job; }
    /// The name of the file a transfer of name@version streams into (in the partial folder).
    static QString partFileName(const QString &name, const QString &version);
    /// Bytes received over the network so far, every attempt counted.
    qint64 bytesReceived() const { return m_received; }
    QString partPath() const;
    /// How the last answer came: 0 before any (or none came), else 1 for HTTP/1.x, 2 for
    /// HTTP/2.
    int httpVersion() const { return m_httpVersion; }

    /// What the user reads when the disk holding `dir` has `bytesFree` left.
    static QString diskFullMessage(const QString &dir, qint64 bytesFree);

    void start();
    /// Stops without signalling; the part file stays for a later resume.
    void cancel();

Q_SIGNALS:
    void done(Stowaway::CrateTransfer *transfer, Stowaway::CrateTransfer::Outcome outcome,
              const QString &detail, qint64 size);

private:
    enum class Abort { None, Cancelled, Stalled, WriteFailed, TooLarge };

    void attempt();
    bool openPart(QString *error);
    void resetPart();
    void onReadyRead();
    void onFinished();
    void onStall();
    void retryLater(int delayMs);
    void finish(Outcome outcome, const QString &detail, qint64 size = 0);
    QString describe(const QNetworkReply *reply) const;

    QNetworkAccessManager *m_nam;
    int m_httpVersion = 0;
    CrateJob m_job;
    const CrateDownloaderOptions m_options;
    QPointer<QNetworkReply> m_reply;
    QFile m_file;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    QTimer m_stallTimer;
    QTimer m_retryTimer;
    qint64 m_offset = 0;       // bytes in the part file
    qint64 m_received = 0;     // over the network, all attempts
    qint64 m_bodyStart = 0;    // where the current reply's body starts in the part
    qint64 m_replyBytes = 0;   // body bytes of the current reply
    qint64 m_replyLength = -1; // its Content-Length, -1 when not given
    int m_attempts = 0;
    int m_mismatches = 0;
    QUrl m_redirectUrl; // where a manual redirect pointed (with a token only)
    int m_redirects = 0;
    static constexpr int MaxRedirects = 5;
    bool m_unreachable = false; // the last attempt could not reach the upstream at all
    int m_status = 0;           // HTTP status of the current reply, once seen
    bool m_accepted = false;    // the current reply's body goes into the file
    Abort m_abort = Abort::None;
    QString m_lastError;
    bool m_finished = false;
};

} // namespace Stowaway
