// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platform.h"

#include <QHash>
#include <QStringList>

#include <optional>

namespace Stowaway {

/**
 * The cfg values of every tier-1 and tier-2 target that ships a standard library,
 * generated from rustc by scripts/gen-platforms and compiled into the library.
 * Immutable after construction; safe to share between threads.
 */
class PlatformTable final
{
public:
    /// Loads the built-in table.
    PlatformTable();
    /// Loads a table in the same text format (for tests and for a newer rustc's output).
    static PlatformTable fromText(QStringView text);

    std::optional<Platform> find(const QString &triple) const;
    QStringList triples() const;

private:
    struct Empty
    {
    };
    explicit PlatformTable(Empty) {}
    void load(QStringView text);

    QHash<QString, Platform> m_platforms;
};

} // namespace Stowaway
