// SPDX-License-Identifier: GPL-3.0-or-later
// stowaway-testupstream: serves a registry folder written by stowaway-testregistry on
// 127.0.0.1 like crates.io (sparse index, .crate files, the downloads API), with faults.
#include "testupstream.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

using namespace Stowaway::Testing;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stowaway-testupstream"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Serves a synthetic registry folder on 127.0.0.1 like crates.io, with "
                       "fault injection. Prints its URL, then serves until killed."));
    parser.addHelpOption();
    const QCommandLineOption registry(QStringLiteral("registry"),
                                      QStringLiteral("Registry folder (stowaway-testregistry)."),
                                      QStringLiteral("dir"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("127.0.0.1:PORT (default 127.0.0.1:0, any)."),
                                    QStringLiteral("address"), QStringLiteral("127.0.0.1:0"));
    const QCommandLineOption fault(
        QStringLiteral("fault"),
        QStringLiteral("PATH:KIND[:ARG][:COUNT], repeatable. PATH is exact, a prefix ending in "
                       "*, or re:REGEX. KIND: status, too-many-requests, service-unavailable, "
                       "connection-reset, truncated-body, stall, wrong-checksum, gzip-encoded, "
                       "malformed-lines, future-schema-lines. COUNT: first N requests or "
                       "'always' (default)."),
        QStringLiteral("spec"));
    const QCommandLineOption noRange(QStringLiteral("no-range"),
                                     QStringLiteral("Ignore Range headers (always 200)."));
    const QCommandLineOption keepConfig(
        QStringLiteral("keep-config"),
        QStringLiteral("Serve index/config.json as written instead of pointing it here."));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve HTTPS with this PEM certificate (needs --tls-key)."),
        QStringLiteral("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QStringLiteral("The PEM private key of --tls-cert."),
                                    QStringLiteral("file"));
    parser.addOptions({registry, listen, fault, noRange, keepConfig, tlsCert, tlsKey});
    parser.process(app);

    if (!parser.isSet(registry) || !QFileInfo(parser.value(registry)).isDir()) {
        std::fprintf(stderr, "stowaway-testupstream: --registry DIR is required and must be a "
                             "folder written by stowaway-testregistry.\n");
        return 2;
    }
    const QString address = parser.value(listen);
    bool portOk = false;
    const uint port = address.section(QLatin1Char(':'), -1).toUInt(&portOk);
    if (!address.startsWith(QLatin1StringView("127.0.0.1:")) || !portOk || port > 65535) {
        std::fprintf(stderr, "stowaway-testupstream: --listen takes 127.0.0.1:PORT (loopback "
                             "only).\n");
        return 2;
    }
    TestUpstream upstream(parser.value(registry));
    upstream.setRangeSupported(!parser.isSet(noRange));
    upstream.setRewriteConfig(!parser.isSet(keepConfig));
    if (parser.isSet(tlsCert) || parser.isSet(tlsKey)) {
        QString tlsError;
        if (!upstream.setTls(parser.value(tlsCert), parser.value(tlsKey), &tlsError)) {
            std::fprintf(stderr, "stowaway-testupstream: %s\n", qPrintable(tlsError));
            return 2;
        }
    }
    for (const QString &spec : parser.values(fault)) {
        const QStringList parts = spec.split(QLatin1Char(':'));
        bool added = false;
        QString error;
        for (int i = 1; i < parts.size() && !added; ++i) {
            const auto parsed = UpstreamFault::parse(parts.mid(i).join(QLatin1Char(':')),
                                                     i == 1 ? &error : nullptr);
            if (parsed) {
                upstream.addFault(parts.mid(0, i).join(QLatin1Char(':')), *parsed);
                added = true;
            }
        }
        if (!added) {
            std::fprintf(stderr, "stowaway-testupstream: --fault %s: %s\n", qPrintable(spec),
                         qPrintable(error));
            return 2;
        }
    }
    QString error;
    if (!upstream.start(quint16(port), &error)) {
        std::fprintf(stderr, "stowaway-testupstream: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("%s\n", qPrintable(upstream.baseUrl()));
    std::fflush(stdout);
    return app.exec();
}
