// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostheader.h"

namespace Stowaway {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isLetterOrDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isValidPort(QByteArrayView port)
{
    if (port.isEmpty() || port.size() > 5)
        return false;
    int value = 0;
    for (char c : port) {
        if (!isDigit(c))
            return false;
        value = value * 10 + (c - '0');
    }
    return value >= 1 && value <= 65535;
}

bool isValidIpv4(QByteArrayView host)
{
    int parts = 0;
    qsizetype start = 0;
    while (start <= host.size()) {
        qsizetype end = host.indexOf('.', start);
        if (end < 0)
            end = host.size();
        const QByteArrayView part = host.sliced(start, end - start);
        if (part.isEmpty() || part.size() > 3)
            return false;
        int value = 0;
        for (char c : part) {
            if (!isDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }
        if (value > 255)
            return false;
        ++parts;
        start = end + 1;
    }
    return parts == 4;
}

bool isValidRegName(QByteArrayView host)
{
    if (host.endsWith('.'))
        host.chop(1); // a fully qualified name may end in a dot
    if (host.isEmpty() || host.size() > 253)
        return false;
    bool numeric = true;
    qsizetype labelLength = 0;
    for (qsizetype i = 0; i < host.size(); ++i) {
        const char c = host[i];
        if (c == '.') {
            if (labelLength == 0 || host[i - 1] == '-')
                return false;
            labelLength = 0;
            continue;
        }
        if (c == '-') {
            if (labelLength == 0)
                return false;
        } else if (!isLetterOrDigit(c)) {
            return false;
        }
        if (!isDigit(c))
            numeric = false;
        if (++labelLength > 63)
            return false;
    }
    if (host.endsWith('-'))
        return false;
    // Something that looks like an IPv4 address has to be one.
    return !numeric || isValidIpv4(host);
}

bool isValidIpv6(QByteArrayView host)
{
    if (host.isEmpty() || host.size() > 45)
        return false;
    for (char c : host) {
        const bool ok =
            isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
        if (!ok)
            return false;
    }
    QHostAddress address;
    return address.setAddress(QString::fromLatin1(host)) &&
           address.protocol() == QAbstractSocket::IPv6Protocol;
}

} // namespace

QByteArray HostHeader::validated(QByteArrayView value)
{
    if (value.isEmpty() || value.size() > MaxLength)
        return {};
    QByteArrayView host;
    QByteArrayView port;
    bool hasPort = false;
    if (value.startsWith('[')) {
        const qsizetype close = value.indexOf(']');
        if (close < 0)
            return {};
        host = value.sliced(1, close - 1);
        const QByteArrayView rest = value.sliced(close + 1);
        if (!rest.isEmpty()) {
            if (rest[0] != ':')
                return {};
            hasPort = true;
            port = rest.sliced(1);
        }
        if (!isValidIpv6(host))
            return {};
    } else {
        const qsizetype colon = value.indexOf(':');
        host = colon < 0 ? value : value.first(colon);
        if (colon >= 0) {
            hasPort = true;
            port = value.sliced(colon + 1);
        }
        if (!isValidRegName(host))
            return {};
    }
    if (hasPort && !isValidPort(port))
        return {};
    return value.toByteArray().toLower();
}

QByteArray HostHeader::fromRequest(const HttpRequest &request)
{
    if (request.headerCount("host") != 1)
        return {};
    return validated(request.header("host"));
}

QByteArray HostHeader::fromAddress(const QHostAddress &address, quint16 port)
{
    QByteArray host;
    bool isIpv4 = false;
    const quint32 ipv4 = address.toIPv4Address(&isIpv4);
    if (address.isNull()) {
        host = "127.0.0.1";
    } else if (isIpv4) {
        host = QHostAddress(ipv4).toString().toLatin1();
    } else {
        QHostAddress withoutScope = address;
        withoutScope.setScopeId({});
        host = '[' + withoutScope.toString().toLatin1() + ']';
    }
    if (port != 0)
        host += ':' + QByteArray::number(port);
    return host;
}

} // namespace Stowaway
