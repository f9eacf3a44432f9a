// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <QCoreApplication>

namespace Stowaway {

/// `stowaway sync`: fills the mirror with the selected crates and their dependencies.
class SyncCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::SyncCommand)

public:
    QString name() const override { return QStringLiteral("sync"); }
    QString summary() const override
    {
        return tr("fetch the selected crates and everything they depend on");
    }
    int run(const QStringList &arguments, CommandContext &context) override;
};

} // namespace Stowaway
