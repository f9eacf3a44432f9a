// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "indexline.h"
#include "semverreq.h"
#include "semverversion.h"

#include <QList>
#include <QString>

#include <optional>
#include <tuple>

namespace Stowaway {

/**
 * Which versions of a root crate a sync keeps (`sync --versions`, mirror.toml's
 * `sync.versions`):
 *
 * - `newest` (also spelled `latest`): the newest non-yanked version matching the requirement;
 * - `lines:K`: the newest non-yanked matching version of each of the K newest
 *   semver-compatible lines (cargo's caret lines: `MAJOR` from 1.0.0 on, `0.MINOR` for
 *   0.x with MINOR > 0, `0.0.PATCH` for 0.0.x);
 * - `all`: every non-yanked matching version.
 *
 * Yanked versions are only kept when the requirement names exactly one version
 * (`=x.y.z`), as `cargo update --precise` would; pre-releases only when the requirement
 * names one (SemverReq's rule). A plain value, safe on any thread.
 */
class VersionPolicy final
{
public:
    enum class Kind { Newest, Lines, All };

    /// One parsed version to choose from (see choose()).
    struct Candidate
    {
        SemverVersion version;
        bool yanked = false;
    };

    /// `lines:3`, the default of `sync`.
    VersionPolicy() = default;
    static VersionPolicy newest() { return VersionPolicy(Kind::Newest, 1); }
    static VersionPolicy lines(int count) { return VersionPolicy(Kind::Lines, count); }
    static VersionPolicy all() { return VersionPolicy(Kind::All, 0); }

    /// Parses `newest`, `latest`, `lines:K` (K from 1 to maxLines) or `all`; std::nullopt
    /// with `error` set otherwise.
    static std::optional<VersionPolicy> parse(QStringView text, QString *error = nullptr);

    static constexpr int maxLines = 1000;

    Kind kind() const { return m_kind; }
    /// K of `lines:K`; 1 for newest, 0 for all.
    int lineCount() const { return m_lines; }
    /// The canonical spelling: `newest`, `lines:K` or `all`.
    QString toString() const;
    /// The spelling mirror.toml's `sync.versions` accepts: `latest`, `lines:K` or `all`.

    /// The versions to keep from a crate's index lines (any order), newest first.
    /// Lines whose `vers` is not valid semver are ignored.
    QList<IndexLine> select(const QList<IndexLine> &versions, const SemverReq &req) const;
    /// The same choice over parsed versions: indexes into `candidates`, newest first.
    QList<qsizetype> choose(const QList<Candidate> &candidates, const SemverReq &req) const;

    /// True when `req` is a single `=MAJOR.MINOR.PATCH[-PRE]`: it names one version, so a
    /// yanked one may be kept.
    static bool namesExactVersion(const SemverReq &req);
    /// The compatibility line of `version` as cargo's caret sees it, e.g. (1,-,-), (0,8,-),
    /// (0,0,3), packed into comparable numbers.
    static std::tuple<quint64, quint64, quint64> compatibilityLine(const SemverVersion &version);

    bool operator==(const VersionPolicy &) const = default;

private:
    VersionPolicy(Kind kind, int lineCount) : m_kind(kind), m_lines(lineCount) {}

    Kind m_kind = Kind::Lines;
    int m_lines = 3;
};

} // namespace Stowaway
