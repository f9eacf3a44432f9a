// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>

namespace Stowaway {

/**
 * The settings in a mirror's `mirror.toml`, a file a person may edit by hand:
 *
 *     upstream = "sparse+https://index.crates.io/"   # the index we mirror
 *     contact = ""                                    # e-mail or URL for the User-Agent
 *     cainfo = ""                                     # PEM file of extra CAs for upstream TLS
 *     proxy = ""                                      # "", "none" or http://host:port
 *     [server]
 *     listen = "127.0.0.1:27428"                      # ADDRESS:PORT, [::1]:PORT for IPv6
 *     max-connections = 256                           # 1..10000
 *     [sync]
 *     jobs = 16                                       # parallel downloads, 1..256
 *     versions = "lines:3"                            # "all", "latest" or "lines:N"
 *     platforms = []                                  # target triples; empty = all
 *     dev-deps = false                                # also mirror dev-dependencies
 *     schedule = "off"                                # "off", "daily:HH:MM", "every:Nh"
 *
 * Missing keys take their defaults. Bad values are errors naming the key and its line.
 * Keys and tables this program does not know are kept: save() changes only the known keys
 * of the table it loaded (comments are lost when it rewrites the file, and the file header
 * says so) and writes nothing at all unless a setting changed.
 *
 * A value type without thread affinity; not safe for concurrent use of one instance.
 */
class MirrorConfig final
{
    Q_DECLARE_TR_FUNCTIONS(Stowaway::MirrorConfig)

public:
    MirrorConfig();
    ~MirrorConfig();
    MirrorConfig(const MirrorConfig &other);
    MirrorConfig &operator=(const MirrorConfig &other);

    /// Reads `path`; a missing file is created with the defaults and comments explaining
    /// each key. Returns false with a message naming the file, line and key on bad input.
    bool load(const QString &path, const QString &tempDir, QString *error);

    /// Parses TOML text (`fileName` is only used in messages). No I/O.
    bool parse(const QByteArray &text, const QString &fileName, QString *error);

    /// Writes the settings back to `path` (crash-safe) if one of them changed since the
    /// last load or save; does nothing otherwise.
    bool save(const QString &path, const QString &tempDir, QString *error);

    /// True when a setter changed a value since the last load or save.
    bool isModified() const { return m_modified; }

    /// The text of a new mirror.toml with default values and comments.
    static QByteArray defaultFileText();

    QString upstream() const { return m_upstream; }
    QString contact() const { return m_contact; }
    /// A PEM file of extra certificate authorities for the upstream (see TlsTrust); empty:
    /// the system's CAs only. Not written to the file while empty.
    QString cainfo() const { return m_cainfo; }
    /// The outbound proxy for syncs (see UpstreamProxy): empty for the environment's
    /// (https_proxy and friends), "none", or a proxy URL. Not written to the file while empty.
    QString proxy() const { return m_proxy; }
    QString listen() const { return m_listen; }
    int maxConnections() const { return m_maxConnections; }
    int jobs() const { return m_jobs; }
    QString versions() const { return m_versions; }
    QStringList platforms() const { return m_platforms; }
    bool devDeps() const { return m_devDeps; }
    /// `sync.schedule` as written (see SyncSchedule::parse()).
    QString schedule() const { return m_schedule; }

    void setUpstream(const QString &value);
    void setContact(const QString &value);
    void setCainfo(const QString &value);
    void setProxy(const QString &value);
    void setListen(const QString &value);
    void setMaxConnections(int value);
    void setJobs(int value);
    void setVersions(const QString &value);
    void setPlatforms(const QStringList &value);
    void setDevDeps(bool value);
    void setSchedule(const QString &value);

    /// Validators shared with the parser (and usable by a settings dialog). Each returns
    /// an empty string when `value` is fine, else what is wrong, starting with the key.
    static QString checkUpstream(const QString &value);
    static QString checkListen(const QString &value);
    static QString checkVersions(const QString &value);
    static QString checkSchedule(const QString &value);
    static QString checkProxy(const QString &value);

private:
    struct Document; // the toml::table that was loaded, unknown keys included
    std::unique_ptr<Document> m_document;
    bool m_modified = false;
    QString m_upstream;
    QString m_contact;
    QString m_cainfo;
    QString m_proxy;
    QString m_listen;
    int m_maxConnections;
    int m_jobs;
    QString m_versions;
    QStringList m_platforms;
    bool m_devDeps;
    QString m_schedule;
};

} // namespace Stowaway
