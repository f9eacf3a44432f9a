// SPDX-License-Identifier: GPL-3.0-or-later
#include "listenaddress.h"

namespace Stowaway {

namespace {
QString hostPort(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                             : address.toString();
    return host + QLatin1Char(':') + QString::number(port);
}
} // namespace

std::optional<ListenAddress> ListenAddress::parse(const QString &text, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<ListenAddress> {
        if (error)
            *error = ListenAddress::tr("'%1' is not an address to listen on: %2. "
                                       "Write ADDRESS:PORT, like 127.0.0.1:27428 or [::1]:27428")
                         .arg(text, why);
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(ListenAddress::tr("it is empty"));
    QString host;
    QString portText;
    if (trimmed.startsWith(QLatin1Char('['))) {
        const qsizetype close = trimmed.indexOf(QLatin1Char(']'));
        if (close < 0)
            return fail(ListenAddress::tr("the IPv6 address has no closing ']'"));
        host = trimmed.mid(1, close - 1);
        const QString rest = trimmed.mid(close + 1);
        if (!rest.startsWith(QLatin1Char(':')))
            return fail(ListenAddress::tr("a port must follow the IPv6 address"));
        portText = rest.mid(1);
    } else if (trimmed.count(QLatin1Char(':')) > 1) {
        return fail(ListenAddress::tr("put an IPv6 address in brackets"));
    } else if (const qsizetype colon = trimmed.lastIndexOf(QLatin1Char(':')); colon >= 0) {
        host = trimmed.left(colon);
        portText = trimmed.mid(colon + 1);
    } else {
        portText = trimmed; // a bare port listens on loopback
        host = QStringLiteral("127.0.0.1");
    }
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (!ok || port > 65535)
        return fail(ListenAddress::tr("the port must be a number from 0 to 65535"));
    ListenAddress result;
    result.port = quint16(port);
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        host = QStringLiteral("127.0.0.1");
    if (!result.address.setAddress(host) || host.contains(QLatin1Char('%')))
        return fail(ListenAddress::tr("'%1' is not an IP address").arg(host));
    return result;
}

QString ListenAddress::toString() const
{
    return hostPort(address, port);
}

QString ListenAddress::localUrl() const
{
    QHostAddress reachable = address;
    if (address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress::Any)
        reachable = QHostAddress(QHostAddress::LocalHost);
    else if (address == QHostAddress(QHostAddress::AnyIPv6))
        reachable = QHostAddress(QHostAddress::LocalHostIPv6);
    return QStringLiteral("http://") + hostPort(reachable, port);
}

} // namespace Stowaway
