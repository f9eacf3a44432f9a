// SPDX-License-Identifier: GPL-3.0-or-later
#include "useragent.h"

namespace Stowaway {

QByteArray UserAgent::string(QStringView contact)
{
    QByteArray clean;
    clean.reserve(contact.size());
    for (QChar c : contact.trimmed()) {
        const char16_t u = c.unicode();
        // Printable ASCII only, and nothing that would end or nest the comment.
        if (u < 0x20 || u > 0x7e || u == u'(' || u == u')' || u == u'\\')
            continue;
        clean.append(char(u));
    }
    clean = clean.trimmed();
    QByteArray agent = QByteArrayLiteral("stowaway/" STOWAWAY_VERSION " (");
    if (clean.isEmpty())
        agent += QByteArrayLiteral("contact not set; set contact in mirror.toml");
    else
        agent.append('+').append(clean);
    agent += ')';
    return agent;
}

} // namespace Stowaway
