// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Stowaway::Testing {

/**
 * Builds a `.crate` file in memory: a ustar tarball compressed as gzip, exactly the
 * container format cargo unpacks.
 *
 * Entries keep the order they were added in. Every header carries the same fixed
 * mtime, uid/gid 0 and empty owner names, and the gzip header carries no time stamp,
 * so the same entries always give the same bytes (and the same sha256). A value type,
 * no threads involved.
 */
class CrateArchive final
{
public:
    /// Fixed modification time of every entry (2023-11-14T22:13:20Z).
    static constexpr qint64 DefaultMtime = 1700000000;

    explicit CrateArchive(qint64 mtime = DefaultMtime);

    /// Adds a directory entry (typeflag '5', mode 0755). `path` without trailing slash.
    void addDirectory(const QString &path);
    /// Adds a regular file entry (typeflag '0', mode 0644).
    void addFile(const QString &path, const QByteArray &contents);

    /// The uncompressed tarball, terminated by two zero blocks.
    QByteArray tarBytes() const;
    /// The gzip-compressed tarball: what a registry serves as `.crate`.
    QByteArray crateBytes() const;

    /// Gzip (RFC 1952) compression with zlib's gzip wrapper. Empty on a zlib error.
    static QByteArray gzip(const QByteArray &data);

private:
    void appendHeader(const QString &path, qint64 size, char typeFlag, int mode);

    qint64 m_mtime;
    QByteArray m_tar;
};

} // namespace Stowaway::Testing
