// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "indexscanner.h"
#include "popularcrate.h"

#include <QList>
#include <QStringView>

#include <string>
#include <unordered_map>
#include <vector>

namespace Stowaway {

/**
 * Popularity without the network: how many crates depend on each crate, counted over a
 * whole index in one streaming pass (feed every index file to addFile(), in any order).
 *
 * A crate counts as a dependent of X when any of its versions has a normal or build
 * dependency (dev-dependencies do not count, nor dependencies on another registry) on X,
 * renamed dependencies resolving through `package`; each dependent counts once however many
 * of its versions depend on X. Names compare as cargo compares them (case-insensitive,
 * `-` = `_`). Memory grows with the number of crates (one small entry per crate name),
 * never with the bytes scanned: a whole crates.io-sized index takes a few tens of MB.
 *
 * Not thread-safe; use from one thread (it owns an IndexScanner).
 */
class ReverseDependencies final
{
public:
    ReverseDependencies();

    /// Scans one crate's index file. Returns the number of unusable lines skipped.
    int addFile(QByteArrayView file);

    /// Crates seen (files with at least one usable line).
    qsizetype crateCount() const { return m_crates; }
    /// Dependents of @p name (any spelling); 0 when nothing depends on it.
    int dependents(QStringView name) const;
    /// The @p n crates with most dependents, most first (ties by name, as cargo compares
    /// names), only crates whose index file was scanned. `downloads` holds the dependent
    /// count and `rank` starts at 1, so the list can stand in for the downloads ranking.
    QList<PopularCrate> ranking(int n) const;
    /// Index bytes scanned so far.
    qint64 scannedBytes() const { return m_scanner.scannedBytes(); }

private:
    struct Entry
    {
        std::string spelling; ///< the crate's own name from its index file; empty if unseen
        int dependents = 0;
    };
    Entry &entryFor(std::string_view name);

    IndexScanner m_scanner;
    std::unordered_map<std::string, Entry> m_entries; ///< canonical name -> entry
    std::vector<std::string> m_fileDeps;              ///< canonical names of one file's deps
    std::string m_key;
    qsizetype m_crates = 0;
};

} // namespace Stowaway
