// SPDX-License-Identifier: GPL-3.0-or-later
#include "tlstrust.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QNetworkRequest>

namespace Stowaway {

std::optional<TlsTrust> TlsTrust::fromFile(const QString &path, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QCoreApplication::translate("Stowaway::TlsTrust",
                                                "cannot read the CA certificates %1: %2 — give "
                                                "the path of a PEM file")
                        .arg(path, file.errorString()));
    const QByteArray bytes = file.readAll();
    QList<QSslCertificate> certificates = QSslCertificate::fromData(bytes, QSsl::Pem);
    if (certificates.isEmpty())
        certificates = QSslCertificate::fromData(bytes, QSsl::Der);
    certificates.removeIf([](const QSslCertificate &certificate) { return certificate.isNull(); });
    if (certificates.isEmpty())
        return fail(QCoreApplication::translate("Stowaway::TlsTrust",
                                                "%1 holds no certificate — give a PEM file with "
                                                "the upstream's CA certificate (BEGIN "
                                                "CERTIFICATE)")
                        .arg(path));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QSslCertificate &certificate : std::as_const(certificates)) {
        if (certificate.expiryDate() < now)
            return fail(QCoreApplication::translate("Stowaway::TlsTrust",
                                                    "the certificate \"%1\" in %2 expired on %3 "
                                                    "— get a current one from the upstream's "
                                                    "administrator")
                            .arg(certificate.subjectDisplayName(), path,
                                 certificate.expiryDate().toString(Qt::ISODate)));
    }
    TlsTrust trust;
    trust.m_file = path;
    trust.m_extra = certificates;
    trust.m_configuration = QSslConfiguration::defaultConfiguration();
    trust.m_configuration.addCaCertificates(certificates);
    return trust;
}

void TlsTrust::apply(QNetworkRequest &request) const
{
    if (isActive())
        request.setSslConfiguration(m_configuration);
}

QString TlsTrust::untrustedHint()
{
    return QCoreApplication::translate("Stowaway::TlsTrust",
                                       "if the upstream uses a private certificate authority, "
                                       "give its certificate with --cainfo FILE (kept as cainfo in "
                                       "mirror.toml)");
}

} // namespace Stowaway
