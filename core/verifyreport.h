// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace Stowaway {

/// One thing `verify` found that does not match between the state and the files.
struct VerifyProblem
{
    enum class Kind {
        MissingFile,         ///< state says stored, the .crate is gone
        CorruptFile,         ///< state says stored, the .crate's SHA-256 differs from cksum
        StrayFile,           ///< a file in crates/ that no stored version accounts for
        AdoptableFile,       ///< a stray file that is a known version with the right hash
        ServedOutOfDate,     ///< a served index file differs from what the state says it must be
        UpstreamIndexMissing ///< the upstream index file is gone but the state has its etag
    };
    Kind kind;
    QString crate;   ///< empty for stray files that name no crate
    QString version; ///< empty when not about one version
    QString path;    ///< the file concerned
    QString detail;  ///< e.g. "expected sha256 ab…, found cd…"
    bool repaired = false;

    static QString kindName(Kind kind);
};

/// What MirrorStore::verify found, and with `repair` what it fixed.
struct VerifyReport
{
    qint64 checked = 0; ///< stored versions whose file was hashed
    qint64 ok = 0;      ///< of those, files present with the right hash
    qint64 missing = 0;
    qint64 corrupt = 0;
    qint64 stray = 0;     ///< stray files left alone (not adoptable)
    qint64 adoptable = 0; ///< stray files that match a known version
    qint64 servedOutOfDate = 0;
    qint64 upstreamMissing = 0;  ///< upstream index files gone while their etag is recorded
    qint64 awaitingDownload = 0; ///< versions marked missing/corrupt earlier: sync fetches them
    bool repair = false;         ///< whether this run repaired
    QString error;               ///< set when verify itself could not run or a repair failed
    QList<VerifyProblem> problems;

    /// True when nothing is left to fix: no problems, or every problem repaired.
    bool clean() const
    {
        if (!error.isEmpty())
            return false;
        for (const VerifyProblem &problem : problems) {
            if (!problem.repaired)
                return false;
        }
        return true;
    }
};

inline QString VerifyProblem::kindName(Kind kind)
{
    switch (kind) {
    case Kind::MissingFile:
        return QStringLiteral("missing");
    case Kind::CorruptFile:
        return QStringLiteral("corrupt");
    case Kind::StrayFile:
        return QStringLiteral("stray");
    case Kind::AdoptableFile:
        return QStringLiteral("adoptable");
    case Kind::ServedOutOfDate:
        return QStringLiteral("served-out-of-date");
    case Kind::UpstreamIndexMissing:
        return QStringLiteral("upstream-missing");
    }
    return {};
}

} // namespace Stowaway
