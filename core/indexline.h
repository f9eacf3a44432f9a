// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Stowaway {

/// One entry of an index line's `deps` array (cargo's RegistryDependency), defaults applied.
struct IndexDependency
{
    QString name;                ///< the name used in the depending crate (the alias if renamed)
    QString req;                 ///< semver requirement, e.g. "^1.0"
    QStringList features;        ///< features enabled on the dependency
    bool optional = false;       ///< only pulled in by a feature
    bool defaultFeatures = true; ///< `default_features`
    QString target;              ///< e.g. "cfg(windows)"; empty = every platform
    QString kind = QStringLiteral("normal"); ///< "normal", "build" or "dev"
    QString registry; ///< index URL of another registry; empty = the same one
    QString package;  ///< the real crate name when renamed; empty otherwise

    /// The crate this dependency resolves to: `package` if set, else `name`.
    QString crateName() const { return package.isEmpty() ? name : package; }
};

/**
 * One line of a sparse index file, parsed (with simdjson) into a value, plus the exact bytes
 * of the line so it can be served byte-for-byte. A plain value type, safe to copy between
 * threads; the parse functions are reentrant.
 *
 * `name`, `vers`, `cksum` (64 hex digits) and `deps` are required, as cargo requires them;
 * `vers` must also be safe in a file name (IndexPath::isValidVersion).
 */
class IndexLine final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::IndexLine)

public:
    QString name;  ///< original case, as in the index
    QString vers;  ///< the version
    QString cksum; ///< SHA-256 of the .crate, lower-case hex
    bool yanked = false;
    int schemaVersion = 1; ///< `v`; lines with v > maxSchemaVersion are skipped
    QString links;         ///< empty when absent or null
    QList<IndexDependency> deps;
    QByteArray raw;       ///< the line's bytes without the terminating '\n'
    qsizetype offset = 0; ///< where the line starts in its file

    static constexpr int maxSchemaVersion = 2;

    /// Parses one line (no newline needed; a trailing '\r' or '\n' is tolerated). Returns
    /// nothing and sets `error` when the line is not a usable index entry.
    static std::optional<IndexLine> parse(QByteArrayView line, QString *error = nullptr);

    /// The result of walking a whole index file.
    struct FileLines
    {
        QList<IndexLine> lines; ///< usable lines, in file order, with `raw` and `offset` set
        int skipped = 0;        ///< lines that did not parse or have v > 2 (blank lines excluded)
        QStringList problems;   ///< one message per skipped line ("line 3: …")
    };

    /// Splits `file` at '\n' and parses each non-empty line; a last line without '\n' counts.
    /// Bad lines are skipped and counted, never fatal.
    static FileLines parseFile(const QByteArray &file);
};

} // namespace Stowaway
