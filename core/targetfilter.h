// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "platform.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Stowaway {

class PlatformTable;

/**
 * Decides whether a dependency's `target` field applies to the platforms a user builds
 * for (`sync --platform TRIPLE`). With no platforms every target applies, as cargo's
 * resolver assumes. A target that cannot be parsed applies too: keeping one crate too
 * many beats a build that fails offline. A plain value.
 */
class TargetFilter final
{
public:
    /// Every target applies.
    TargetFilter() = default;
    explicit TargetFilter(QList<Platform> platforms);

    /// Builds a filter for named triples; unknown triples are listed in `unknown`.
    static TargetFilter forTriples(const QStringList &triples, const PlatformTable &table,
                                   QStringList *unknown);

    /// True when a dependency with this `target` value (null/empty, a triple or
    /// `cfg(...)`) is needed on at least one of the platforms.
    bool applies(const QString &target) const;

    bool allPlatforms() const { return m_all; }

private:
    bool m_all = true;
    QList<Platform> m_platforms;
};

} // namespace Stowaway
