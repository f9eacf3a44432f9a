// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <QCoreApplication>

namespace Stowaway {

/// `stowaway serve [--listen ADDR:PORT] [--token-env NAME]`: serves the mirror to cargo until
/// stopped; with --token-env every request must carry the token from that variable.
class ServeCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::ServeCommand)

public:
    QString name() const override { return QStringLiteral("serve"); }
    QString summary() const override { return tr("serve the mirror to cargo over HTTP"); }
    int run(const QStringList &arguments, CommandContext &context) override;
};

} // namespace Stowaway
