// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

#include <optional>

class QNetworkRequest;

namespace Stowaway {

/**
 * Extra certificate authorities for an upstream whose TLS certificate is not signed by a CA
 * the system trusts: a company registry behind an internal CA, or a test upstream with a
 * self-signed certificate. The counterpart of cargo's `http.cainfo`, except that the system's
 * CAs stay trusted too, so downloads redirected to a public host keep working.
 *
 * A plain value: build it once per sync (fromFile), then apply() it to every request of that
 * sync. A default-constructed TlsTrust changes nothing.
 */
class TlsTrust final
{
public:
    TlsTrust() = default;

    /**
     * Reads every certificate of @p path (PEM, one or several; or a single DER certificate).
     * Returns nothing, with @p error saying what is wrong and what to do, when the file cannot
     * be read, holds no certificate, or a certificate has expired.
     */
    static std::optional<TlsTrust> fromFile(const QString &path, QString *error);

    /// True when extra CAs were loaded.
    bool isActive() const { return !m_extra.isEmpty(); }
    QList<QSslCertificate> certificates() const { return m_extra; }
    QString file() const { return m_file; }

    /// Sets @p request's TLS configuration to the system's plus the extra CAs (if any).
    void apply(QNetworkRequest &request) const;

    /**
     * A hint to append to a TLS failure's message when no extra CAs were given: names the
     * --cainfo option (CLI) or setting (window) that fixes an untrusted certificate.
     */
    static QString untrustedHint();

private:
    QString m_file;
    QList<QSslCertificate> m_extra;
    QSslConfiguration m_configuration;
};

} // namespace Stowaway
