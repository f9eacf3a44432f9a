// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace Stowaway {

/// `stowaway serve [--listen ADDR:PORT] [--token-env NAME]`: serves the mirror to cargo until
/// stopped; with --token-env every request must carry the token from that variable.
class ServeCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("serve"); }
    QString summary() const override
    {
        return QStringLiteral("serve the mirror to cargo over HTTP");
    }
    int run(const QStringList &arguments, CommandContext &context) override;
};

} // namespace Stowaway
