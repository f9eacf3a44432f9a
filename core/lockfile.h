// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace Stowaway {

/**
 * The registry packages of a Cargo.lock, formats v1 to v4: exact name and version,
 * the source URL and, where the file records it, the checksum. Path and git
 * dependencies are left out and counted. Parsed with toml++. A plain value.
 */
class LockFile final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::LockFile)

public:
    struct Package
    {
        QString name;
        QString version;
        QString source;   ///< e.g. "registry+https://github.com/rust-lang/crates.io-index"
        QString checksum; ///< SHA-256 hex, empty when the lockfile has none
        bool operator==(const Package &) const = default;
    };

    /// Parses lockfile text; std::nullopt with `error` set ("Cargo.lock line 12: …").
    static std::optional<LockFile> parse(const QByteArray &text, const QString &fileName,
                                         QString *error);
    /// Reads and parses a file.
    static std::optional<LockFile> load(const QString &path, QString *error);

    /// Lockfile format: the `version` key (3, 4); without one, 1 when checksums sit in
    /// [metadata], else 2.
    int formatVersion() const { return m_version; }
    /// Packages from a registry (crates.io or another registry), sorted by name, version.
    const QList<Package> &registryPackages() const { return m_packages; }
    /// Packages whose registry is not crates.io (reported, not mirrored).
    QList<Package> foreignRegistryPackages() const;
    /// How many path and git packages were left out.
    int localOrGitPackages() const { return m_skipped; }

    /// True for crates.io's source, git or sparse form.
    static bool isCratesIo(const QString &source);

private:
    int m_version = 1;
    QList<Package> m_packages;
    int m_skipped = 0;
};

} // namespace Stowaway
