// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Stowaway {

/**
 * The token a mirror shared on the LAN requires of cargo: "stw_" and 32 random bytes
 * from the system's CSPRNG in unpadded base64url (47 characters in all).
 *
 * accepts() checks an `Authorization` header value the way cargo sends it (the raw
 * token) or with a "Bearer " scheme, in time that depends on the lengths only, never on
 * where the values differ. An empty token accepts nothing.
 *
 * A plain value, safe on any thread. Keep it in a SecretStore, never in QSettings or a
 * log.
 */
class LanToken final
{
public:
    static constexpr QByteArrayView Prefix = "stw_";
    static constexpr int RandomBytes = 32;

    LanToken() = default;
    explicit LanToken(QByteArray value) : m_value(std::move(value)) {}

    /// A new token from QRandomGenerator::system().
    static LanToken generate();

    /// Whether `value` can be a token at all: 16–256 visible ASCII characters (what
    /// cargo will put into a header), whether or not Stowaway made it.
    static bool isAcceptable(QByteArrayView value);

    /// Whether an Authorization header value (raw or "Bearer <token>") is this token.
    bool accepts(QByteArrayView authorization) const;

    const QByteArray &value() const { return m_value; }
    bool isEmpty() const { return m_value.isEmpty(); }

private:
    QByteArray m_value;
};

} // namespace Stowaway
