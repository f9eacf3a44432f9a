// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <QCoreApplication>

namespace Stowaway {

/**
 * `stowaway cargo-config enable|disable|status [--cargo-home DIR] [--url URL] [--force]
 * [--json]`: points cargo's crates-io at the mirror in `$CARGO_HOME/config[.toml]`, undoes
 * it exactly, or tells which file decides. Exit 0 ok (status: in every state), 1 refused
 * or failed, 2 usage.
 */
class CargoConfigCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::CargoConfigCommand)

public:
    QString name() const override { return QStringLiteral("cargo-config"); }
    QString summary() const override
    {
        return tr("point cargo at the mirror (enable|disable|status)");
    }
    int run(const QStringList &arguments, CommandContext &context) override;
};

} // namespace Stowaway
