// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <QCoreApplication>

namespace Stowaway {

struct MirrorSummary;

/// `stowaway status [--json]`: what the mirror holds, counted from its state.
class StatusCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::StatusCommand)

public:
    QString name() const override { return QStringLiteral("status"); }
    QString summary() const override { return tr("show what the mirror holds"); }
    int run(const QStringList &arguments, CommandContext &context) override;

    /// `{"crates":N,"versions":N,"bytes":N,"upstream":"…","last_sync":"…"|null}`, keys in
    /// this order, on one line.
    static QString toJson(const MirrorSummary &summary);
    /// "1,204 crates, 5,310 versions, 3.1 GB\nupstream: …\nlast sync: never\n"
    static QString toText(const MirrorSummary &summary);
};

} // namespace Stowaway
