// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Stowaway {

/// One crate of the "top N by downloads" list (PopularCrates). A plain value.
struct PopularCrate
{
    QString name;         ///< as the API spells it
    qint64 downloads = 0; ///< all-time downloads
    int rank = 0;         ///< 1 for the most downloaded

    friend bool operator==(const PopularCrate &, const PopularCrate &) = default;
};

} // namespace Stowaway
