// SPDX-License-Identifier: GPL-3.0-or-later
#include "lockfile.h"

#include <QFile>

#include <toml++/toml.h>

#include <algorithm>

namespace Stowaway {

namespace {

QString str(const toml::node_view<const toml::node> &node)
{
    if (auto value = node.value<std::string>())
        return QString::fromStdString(*value);
    return {};
}

QString where(const QString &fileName, const toml::source_region &region)
{
    return LockFile::tr("%1 line %2").arg(fileName).arg(region.begin.line);
}

} // namespace

std::optional<LockFile> LockFile::parse(const QByteArray &text, const QString &fileName,
                                        QString *error)
{
    // Debian builds toml++ with exceptions: a syntax error arrives as toml::parse_error.
    toml::table root;
    try {
        root = toml::parse(std::string_view(text.constData(), size_t(text.size())),
                           fileName.toStdString());
    } catch (const toml::parse_error &e) {
        if (error)
            *error = LockFile::tr("%1: %2 — this does not look like a Cargo.lock")
                         .arg(where(fileName, e.source()),
                              QString::fromUtf8(e.description().data(),
                                                qsizetype(e.description().size())));
        return std::nullopt;
    }
    LockFile lock;
    if (const auto version = root["version"].value<int64_t>())
        lock.m_version = int(*version);
    if (lock.m_version < 1 || lock.m_version > 4) {
        if (error)
            *error = LockFile::tr("%1: lockfile format version %2 is not supported (1 to 4 are); "
                                  "a newer cargo wrote it")
                         .arg(fileName)
                         .arg(lock.m_version);
        return std::nullopt;
    }
    const toml::array *packages = root["package"].as_array();
    if (!packages) {
        if (error)
            *error = LockFile::tr("%1: no [[package]] entries — this does not look like a "
                                  "Cargo.lock")
                         .arg(fileName);
        return std::nullopt;
    }
    // Format 1 keeps checksums in [metadata] as "checksum NAME VERSION (SOURCE)" = "HEX";
    // format 2 has neither that table nor a version key.
    const toml::table *metadata = root["metadata"].as_table();
    if (!root.contains("version") && !metadata)
        lock.m_version = 2;
    for (const toml::node &node : *packages) {
        const toml::table *pkg = node.as_table();
        if (!pkg) {
            if (error)
                *error = LockFile::tr("%1: a [[package]] entry is not a table")
                             .arg(where(fileName, node.source()));
            return std::nullopt;
        }
        const toml::node_view<const toml::node> view(pkg);
        Package p{str(view["name"]), str(view["version"]), str(view["source"]),
                  str(view["checksum"])};
        if (p.name.isEmpty() || p.version.isEmpty()) {
            if (error)
                *error = LockFile::tr("%1: a package has no name or version")
                             .arg(where(fileName, pkg->source()));
            return std::nullopt;
        }
        if (!p.source.startsWith(QLatin1String("registry+")) &&
            !p.source.startsWith(QLatin1String("sparse+"))) {
            ++lock.m_skipped;
            continue;
        }
        if (p.checksum.isEmpty() && metadata) {
            const QString key =
                QStringLiteral("checksum %1 %2 (%3)").arg(p.name, p.version, p.source);
            if (auto sum = (*metadata)[key.toStdString()].value<std::string>())
                p.checksum = QString::fromStdString(*sum);
        }
        lock.m_packages.append(p);
    }
    std::sort(lock.m_packages.begin(), lock.m_packages.end(),
              [](const Package &a, const Package &b) {
                  return a.name != b.name ? a.name < b.name : a.version < b.version;
              });
    return lock;
}

std::optional<LockFile> LockFile::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = LockFile::tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return parse(file.readAll(), path, error);
}

QList<LockFile::Package> LockFile::foreignRegistryPackages() const
{
    QList<Package> foreign;
    for (const Package &p : m_packages) {
        if (!isCratesIo(p.source))
            foreign.append(p);
    }
    return foreign;
}

bool LockFile::isCratesIo(const QString &source)
{
    return source == QLatin1String("registry+https://github.com/rust-lang/crates.io-index") ||
           source == QLatin1String("sparse+https://index.crates.io/");
}

} // namespace Stowaway
