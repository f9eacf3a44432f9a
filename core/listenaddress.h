// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QString>

#include <optional>

namespace Stowaway {

/**
 * An address and port to listen on, as a person writes it: `127.0.0.1:27428`,
 * `[::1]:8080`, `0.0.0.0:27428`, `localhost:27428`, or a bare port `27428` (loopback).
 * A plain value.
 */
struct ListenAddress
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::ListenAddress)

public:
    static constexpr quint16 DefaultPort = 27428;

    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = DefaultPort;

    /// Parses; std::nullopt with `error` set to a sentence saying what is wrong.
    static std::optional<ListenAddress> parse(const QString &text, QString *error);

    /// `127.0.0.1:27428` or `[::1]:27428`.
    QString toString() const;
    /// The base URL a local client uses: `http://127.0.0.1:27428` (an unspecified address
    /// such as 0.0.0.0 is replaced by loopback, which always reaches it).
    QString localUrl() const;
    bool isLoopback() const { return address.isLoopback(); }
};

} // namespace Stowaway
