// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

namespace Stowaway {

/// `stowaway sync`: fills the mirror with the selected crates and their dependencies.
class SyncCommand final : public Command
{
public:
    QString name() const override { return QStringLiteral("sync"); }
    QString summary() const override
    {
        return QStringLiteral("fetch the selected crates and everything they depend on");
    }
    int run(const QStringList &arguments, CommandContext &context) override;
};

} // namespace Stowaway
