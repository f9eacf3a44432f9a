// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Stowaway {

/**
 * The text edit behind `stowaway cargo-config`: pure functions from the bytes of a cargo
 * config file to new bytes. No I/O; safe on any thread.
 *
 * `enable` appends, each line tagged with the trailing marker comment ` # added by stowaway`,
 *
 *     # cargo gets crates.io from the local Stowaway mirror; undo: … # added by stowaway
 *     [source.crates-io] # added by stowaway
 *     replace-with = "stowaway" # added by stowaway
 *     [source.stowaway] # added by stowaway
 *     registry = "sparse+http://127.0.0.1:27428/index/" # added by stowaway
 *
 * (the `replace-with` line goes into an existing `[source.crates-io]` table, or next to
 * existing dotted `crates-io.…` keys, instead of a second header). Inline tables for
 * `source` / `source.crates-io` are refused. With `force`, lines of a foreign replacement
 * (`replace-with`, anything under `source.stowaway`) are kept as comments
 * prefixed `#stowaway-disabled# ` followed by the original line byte for byte. `disable`
 * drops tagged lines and un-comments disabled ones, so enable then disable returns the
 * original bytes. Every edit is checked with toml++ before it is returned: the result
 * parses, has the wanted values, and every other setting reads exactly as before.
 */
class CargoConfigFile final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::CargoConfigFile)

public:
    static constexpr const char *Marker = "# added by stowaway";
    static constexpr const char *DisabledPrefix = "#stowaway-disabled# ";
    static constexpr const char *SourceName = "stowaway";

    enum class Outcome {
        Changed,   ///< `text` holds the new file
        Unchanged, ///< nothing to do; `message` says why
        Refused,   ///< the file is left alone; `message` says what to do
        Failed,    ///< an internal check failed; nothing may be written
    };

    struct Edit
    {
        Outcome outcome = Outcome::Unchanged;
        QByteArray text;
        QString message; ///< without file name; `line` (1-based, 0 = none) locates it
        int line = 0;
        bool removeFile = false; ///< disable: the file only ever held Stowaway's lines
    };

    /// What a file says about crates-io.
    struct State
    {
        bool parses = true;
        QString error; ///< parse error description
        int errorLine = 0;
        QString replaceWith; ///< source.crates-io.replace-with, empty if unset
        int replaceWithLine = 0;
        QString stowawayRegistry; ///< source.stowaway.registry, empty if unset
        bool tagged = false;      ///< holds lines added by Stowaway
    };

    /// The registry value for a mirror URL: `sparse+http://host:port/…/index/`.
    /// Accepts http and https URLs with a host, optional port and path (an `/index`
    /// suffix and a `sparse+` prefix are accepted too). Empty + `error` when invalid.
    static QString registryValue(const QString &url, QString *error = nullptr);

    /// Points crates-io at `registry` (a `registryValue`). `createsFile`: the file does
    /// not exist yet (the added block then says so, and `disable` deletes it again).
    static Edit enable(const QByteArray &original, const QString &registry, bool force,
                       bool createsFile = false);
    static Edit disable(const QByteArray &original);
    static State inspect(const QByteArray &text);

    /// The config file cargo reads in `dir` (a CARGO_HOME or a `.cargo` folder):
    /// `config` when it exists (cargo prefers it), else `config.toml`, existing or not.
    static QString locate(const QString &dir);
};

} // namespace Stowaway
