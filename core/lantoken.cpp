// SPDX-License-Identifier: GPL-3.0-or-later
#include "lantoken.h"

#include <QRandomGenerator>

#include <array>

namespace Stowaway {

LanToken LanToken::generate()
{
    std::array<quint32, RandomBytes / sizeof(quint32)> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray random(reinterpret_cast<const char *>(words.data()), RandomBytes);
    QByteArray value = Prefix.toByteArray();
    value.append(random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    return LanToken(std::move(value));
}

bool LanToken::isAcceptable(QByteArrayView value)
{
    if (value.size() < 16 || value.size() > 256)
        return false;
    for (const char c : value) {
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}

bool LanToken::accepts(QByteArrayView authorization) const
{
    if (m_value.isEmpty())
        return false;
    QByteArrayView presented = authorization.trimmed();
    // cargo sends the token as is; other clients may use the Bearer scheme (RFC 6750).
    constexpr QByteArrayView Bearer = "bearer ";
    if (presented.size() > Bearer.size() &&
        presented.first(Bearer.size()).compare(Bearer, Qt::CaseInsensitive) == 0)
        presented = presented.sliced(Bearer.size()).trimmed();

    // Constant time in the content: every byte of the token is looked at, whatever the
    // presented value holds; only the (public) lengths change the running time.
    const qsizetype length = m_value.size();
    unsigned difference = presented.size() == length ? 0U : 1U;
    for (qsizetype i = 0; i < length; ++i) {
        const char other = i < presented.size() ? presented[i] : '\0';
        difference |= unsigned(static_cast<unsigned char>(m_value[i] ^ other));
    }
    return difference == 0;
}

} // namespace Stowaway
