// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Stowaway {

/// The outcome of `CargoConfigSwitch::enable` / `disable`.
struct CargoConfigResult
{
    bool ok = false;      ///< false: refused or failed, nothing was written
    bool changed = false; ///< the file was written (or removed)
    QString file;         ///< the config file cargo reads
    QString backupFile;   ///< the copy taken before the change, if any
    QString message;      ///< one line for a person: what happened, what to do
};

/// What cargo will do with crates.io, as far as config files say.
struct CargoConfigStatus
{
    enum State { NotEnabled, Enabled, OtherMirror, OtherSource, Unreadable };
    struct Override
    {
        QString file;        ///< a `.cargo/config[.toml]` above the working folder
        QString dir;         ///< the folder inside which it wins
        QString replaceWith; ///< the source it replaces crates-io with
    };
    State state = NotEnabled;
    QString file; ///< the CARGO_HOME config file (may not exist)
    bool fileExists = false;
    int line = 0;        ///< line of replace-with (or of the parse error)
    QString registry;    ///< source.stowaway.registry, if any
    QString replaceWith; ///< source.crates-io.replace-with, if any
    bool addedByStowaway = false;
    QList<Override> overrides;
    QString message;   ///< one line for a person
    QStringList notes; ///< one line per override
};

/// What enable or disable would change, without writing anything.
struct CargoConfigPreview
{
    bool ok = false;      ///< false: the change would be refused; `message` says why
    bool changes = false; ///< false: nothing to do
    QString file;         ///< the config file cargo reads
    QStringList removed;  ///< lines that would go, in file order
    QStringList added;    ///< lines that would come, in file order
    QString diff;         ///< "- line" / "+ line" rows with a few lines of context
    QString message;      ///< one line for a person
};

/**
 * Turns cargo's use of the Stowaway mirror on and off in `$CARGO_HOME/config[.toml]`.
 *
 * Reads the file, lets CargoConfigFile compute and check the edit, keeps a backup
 * (`<file>.stowaway-bak-YYYYMMDDTHHMMSSZ` next to the config file, newest KeptBackups
 * kept) and writes crash-safely (temp file in the same folder, fsync, rename; a
 * symlinked config file is written through to its target). Blocking file I/O on the
 * calling thread; no state besides the CARGO_HOME path.
 */
class CargoConfigSwitch final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::CargoConfigSwitch)

public:
    static constexpr int KeptBackups = 5;
    static constexpr const char *DefaultUrl = "http://127.0.0.1:27428";

    explicit CargoConfigSwitch(QString cargoHome);

    /// `$CARGO_HOME` if set, else `~/.cargo`.
    static QString defaultCargoHome();

    const QString &cargoHome() const { return m_cargoHome; }
    /// The file cargo reads there: `config` if it exists, else `config.toml`.
    QString configFile() const;

    CargoConfigResult enable(const QString &url, bool force) const;
    CargoConfigResult disable() const;
    /// What enable(`url`, `force`) (`enable` true) or disable() would change; reads only.
    CargoConfigPreview preview(bool enable, const QString &url, bool force = false) const;
    /// `url`: the mirror to compare against; `workingDir`: where cargo would run, for
    /// the `.cargo/config.toml` files above it that override CARGO_HOME.
    CargoConfigStatus status(const QString &url, const QString &workingDir) const;

    /// A path for messages, `~/…` when under the home folder.

private:
    QString m_cargoHome;
};

} // namespace Stowaway
