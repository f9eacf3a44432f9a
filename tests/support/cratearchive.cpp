// SPDX-License-Identifier: GPL-3.0-or-later
#include "cratearchive.h"

#include <zlib.h>

#include <cstring>

namespace Stowaway::Testing {

namespace {

constexpr int BlockSize = 512;

// Writes `value` as zero-padded octal into a field of `width` bytes, the last byte NUL.
void writeOctal(char *field, int width, qint64 value)
{
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), static_cast<size_t>(width - 1));
    field[width - 1] = '\0';
}

void writeString(char *field, int width, const QByteArray &text)
{
    std::memcpy(field, text.constData(), static_cast<size_t>(qMin(width, int(text.size()))));
}

} // namespace

CrateArchive::CrateArchive(qint64 mtime) : m_mtime(mtime) {}

void CrateArchive::addDirectory(const QString &path)
{
    appendHeader(path + QLatin1Char('/'), 0, '5', 0755);
}

void CrateArchive::addFile(const QString &path, const QByteArray &contents)
{
    appendHeader(path, contents.size(), '0', 0644);
    m_tar.append(contents);
    const qint64 padding = (BlockSize - contents.size() % BlockSize) % BlockSize;
    m_tar.append(QByteArray(padding, '\0'));
}

void CrateArchive::appendHeader(const QString &path, qint64 size, char typeFlag, int mode)
{
    // ustar layout: name[100] mode[8] uid[8] gid[8] size[12] mtime[12] chksum[8]
    // typeflag[1] linkname[100] magic[6] version[2] uname[32] gname[32]
    // devmajor[8] devminor[8] prefix[155] pad[12].
    QByteArray header(BlockSize, '\0');
    char *h = header.data();
    QByteArray name = path.toUtf8();
    QByteArray prefix;
    if (name.size() > 100) {
        // Split at a slash so that the prefix has at most 155 bytes and the rest at most 100.
        const qsizetype cut = name.lastIndexOf('/', qMin<qsizetype>(155, name.size() - 2));
        Q_ASSERT(cut > 0 && name.size() - cut - 1 <= 100);
        prefix = name.left(cut);
        name = name.mid(cut + 1);
    }
    writeString(h + 0, 100, name);
    writeOctal(h + 100, 8, mode);
    writeOctal(h + 108, 8, 0);
    writeOctal(h + 116, 8, 0);
    writeOctal(h + 124, 12, size);
    writeOctal(h + 136, 12, m_mtime);
    std::memset(h + 148, ' ', 8);
    h[156] = typeFlag;
    std::memcpy(h + 257, "ustar\0", 6);
    std::memcpy(h + 263, "00", 2);
    writeString(h + 345, 155, prefix);

    unsigned checksum = 0;
    for (int i = 0; i < BlockSize; ++i)
        checksum += static_cast<unsigned char>(h[i]);
    // Six octal digits, NUL, space: the form GNU tar and cargo's tar crate both accept.
    const QByteArray digits = QByteArray::number(checksum, 8).rightJustified(6, '0');
    std::memcpy(h + 148, digits.constData(), 6);
    h[154] = '\0';
    h[155] = ' ';
    m_tar.append(header);
}

QByteArray CrateArchive::tarBytes() const
{
    return m_tar + QByteArray(2 * BlockSize, '\0');
}

QByteArray CrateArchive::crateBytes() const
{
    return gzip(tarBytes());
}

QByteArray CrateArchive::gzip(const QByteArray &data)
{
    z_stream stream{};
    // windowBits 15 + 16 selects the gzip wrapper; its header time stamp stays 0.
    if (deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int result = deflate(&stream, Z_FINISH);
    const auto written = qsizetype(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END)
        return {};
    out.truncate(written);
    return out;
}

} // namespace Stowaway::Testing
