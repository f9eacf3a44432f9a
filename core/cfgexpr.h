// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platform.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace Stowaway {

/**
 * A `cfg(...)` expression from a dependency's `target` field: `cfg(windows)`,
 * `cfg(target_os = "linux")`, `cfg(all(unix, not(target_arch = "wasm32")))`,
 * `cfg(any())`, `cfg(true)`. A plain value.
 */
class CfgExpr final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::CfgExpr)

public:
    enum class Kind { Name, KeyValue, All, Any, Not, True, False };

    /// Parses the whole `cfg(...)` form; std::nullopt with `error` set otherwise.
    static std::optional<CfgExpr> parse(QStringView text, QString *error = nullptr);

    bool evaluate(const Platform &platform) const;

    Kind kind() const { return m_kind; }

private:
    friend class CfgParser;
    Kind m_kind = Kind::Name;
    QString m_key;
    QString m_value;
    QList<CfgExpr> m_children;
};

} // namespace Stowaway
