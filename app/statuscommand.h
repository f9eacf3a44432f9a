// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

namespace Stowaway {

class MirrorConfig;
struct MirrorSummary;

/// `stowaway status [--json]`: what the mirror holds, counted from its state.
class StatusCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::StatusCommand)

public:
    QString name() const override { return QStringLiteral("status"); }
    QString summary() const override { return tr("show what the mirror holds"); }
    int run(const QStringList &arguments, CommandContext &context) override;

    /// `{"crates":N,"versions":N,"bytes":N,"upstream":"…","last_sync":"…"|null,…,
    /// "proxy":"…"|null}`, keys in this order, on one line. @p proxy: how a sync reaches the
    /// upstream (UpstreamProxy::describeFor()), empty for direct.
    static QString toJson(const MirrorSummary &summary, const QString &proxy = {});
    /// "1,204 crates, 5,310 versions, 3.1 GB\nupstream: …\nlast sync: never\n", plus a
    /// "proxy: …" line when syncs go through one.
    static QString toText(const MirrorSummary &summary, const QString &proxy = {});
    /// The proxy a sync of this mirror would go through now (mirror.toml's proxy, else the
    /// environment's), as UpstreamProxy::describeFor() says; empty for direct, or a problem
    /// with the setting (a sync reports that).
    static QString proxyFor(const MirrorConfig &config, const QProcessEnvironment &environment);
};

} // namespace Stowaway
