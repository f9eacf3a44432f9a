// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "command.h"

#include <QCoreApplication>

namespace Stowaway {

struct VerifyReport;

/**
 * `stowaway verify [--repair] [--json]`: re-hashes every stored .crate and reconciles the
 * state with the files. Exit 0 when the mirror is consistent (or was repaired), 1 when
 * problems remain, 2 for usage errors.
 */
class VerifyCommand final : public Command
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::VerifyCommand)

public:
    QString name() const override { return QStringLiteral("verify"); }
    QString summary() const override { return tr("check every stored file against its checksum"); }
    int run(const QStringList &arguments, CommandContext &context) override;

    static QByteArray toJson(const VerifyReport &report);
    /// Counts, then the first `limit` problems with their paths, then what to do.
    static QString toText(const VerifyReport &report, int limit);
};

} // namespace Stowaway
