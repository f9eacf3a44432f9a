// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Stowaway {

/**
 * Where everything of one mirror lives on disk. Pure path arithmetic: no I/O.
 *
 *   mirror.toml                         settings a person may edit
 *   state.sqlite                        crates, versions, selection, sync runs, misses
 *   crates/{name}/{name}-{version}.crate  verified crate files
 *   upstream/index/{path}               upstream index files exactly as fetched
 *   index/{path}                        the index we serve: upstream lines of stored versions
 *   logs/                               access log
 *   tmp/                                temp files (same volume, so rename is atomic)
 *   git/index.git                       bare clone of a git index upstream (no checkout)
 */
class MirrorLayout final
{
public:
    explicit MirrorLayout(QString root = {});

    /// The mirror folder: `--mirror` if given, else `$STOWAWAY_MIRROR`, else defaultRoot().
    static QString resolveRoot(const QString &commandLineValue);
    /// Where the mirror lives when neither `--mirror` nor `$STOWAWAY_MIRROR` says: the
    /// folder named in the pointer file (written when the app moved the mirror), else the
    /// platform's application data folder (`~/.local/share/stowaway/mirror` on Linux).
    static QString defaultRoot();
    /// Makes `root` the default for every later run, the CLI's included (crash-safe write
    /// of the pointer file; the built-in folder removes the pointer).
    static bool setDefaultRoot(const QString &root, QString *error);
    /// The pointer file: `~/.local/share/stowaway/mirror-location` on Linux.
    static QString pointerFile();

    const QString &root() const { return m_root; }
    QString configFile() const;
    QString stateDatabase() const;
    QString cratesDir() const;
    QString crateFile(const QString &name, const QString &version) const;
    QString upstreamIndexDir() const;
    QString upstreamIndexFile(const QString &name) const;
    QString servedIndexDir() const;
    QString servedIndexFile(const QString &name) const;
    QString logsDir() const;
    QString tempDir() const;
    /// `git/index.git`: the bare clone of a git index upstream.
    QString gitIndexDir() const;

private:
    QString m_root;
};

} // namespace Stowaway
