// SPDX-License-Identifier: GPL-3.0-or-later
#include "mirrorconfig.h"

#include "gitindex.h"

#include "listenaddress.h"
#include "syncschedule.h"
#include "versionpolicy.h"

#include "atomicfile.h"
#include "upstreamproxy.h"

#include <QFile>
#include <QHostAddress>
#include <QUrl>

#include <sstream>
#include <toml++/toml.h>

namespace Stowaway {

namespace {

const QString defaultUpstream = QStringLiteral("sparse+https://index.crates.io/");
const QString defaultListen = QStringLiteral("127.0.0.1:27428");
const QString defaultVersions = QStringLiteral("lines:3");
const QString defaultSchedule = QStringLiteral("off");
constexpr int defaultMaxConnections = 256;
constexpr int defaultJobs = 16;
constexpr int maxMaxConnections = 10000;
constexpr int maxJobs = 256;

const char rewriteHeader[] =
    "# Stowaway mirror settings. Stowaway rewrote this file after a setting changed:\n"
    "# your keys are kept, but comments are not. Delete the file to get the commented\n"
    "# defaults back. Keys: upstream, contact, cainfo, proxy, [server] listen,\n"
    "# max-connections, [sync] jobs, versions (\"newest\", \"all\", \"lines:N\"),\n"
    "# platforms, dev-deps, schedule (\"off\", \"daily:HH:MM\", \"every:Nh\").\n\n";

std::string toStd(const QString &text)
{
    return text.toStdString();
}

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

/// Reads the known keys of one parsed document, reporting the first bad value.
class Reader
{
public:
    Reader(const toml::table &root, const QString &fileName) : m_root(root), m_file(fileName) {}

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    const toml::table *table(const char *key)
    {
        const toml::node *node = m_root.get(key);
        if (!node || failed())
            return nullptr;
        if (!node->is_table())
            fail(*node,
                 MirrorConfig::tr("%1 must be a table, written [%1]").arg(QLatin1String(key)));
        return node->as_table();
    }

    void string(const toml::table *table, const char *key, const QString &path, QString &out,
                QString (*check)(const QString &) = nullptr)
    {
        const toml::node *node = table ? table->get(key) : nullptr;
        if (!node || failed())
            return;
        if (!node->is_string())
            return fail(*node, MirrorConfig::tr("%1 must be a string in double quotes").arg(path));
        const QString value = fromStd(node->as_string()->get());
        if (check) {
            const QString problem = check(value);
            if (!problem.isEmpty())
                return fail(*node, problem);
        }
        out = value;
    }

    void integer(const toml::table *table, const char *key, const QString &path, int low, int high,
                 int &out)
    {
        const toml::node *node = table ? table->get(key) : nullptr;
        if (!node || failed())
            return;
        const std::optional<int64_t> value =
            node->is_integer() ? std::optional<int64_t>(node->as_integer()->get()) : std::nullopt;
        if (!value || *value < low || *value > high)
            return fail(*node, MirrorConfig::tr("%1 must be a whole number from %2 to %3")
                                   .arg(path)
                                   .arg(low)
                                   .arg(high));
        out = static_cast<int>(*value);
    }

    void boolean(const toml::table *table, const char *key, const QString &path, bool &out)
    {
        const toml::node *node = table ? table->get(key) : nullptr;
        if (!node || failed())
            return;
        if (!node->is_boolean())
            return fail(*node, MirrorConfig::tr("%1 must be true or false").arg(path));
        out = node->as_boolean()->get();
    }

    void stringList(const toml::table *table, const char *key, const QString &path,
                    QStringList &out)
    {
        const toml::node *node = table ? table->get(key) : nullptr;
        if (!node || failed())
            return;
        const QString message =
            MirrorConfig::tr(
                "%1 must be a list of target names, like [\"x86_64-unknown-linux-gnu\"]")
                .arg(path);
        if (!node->is_array())
            return fail(*node, message);
        QStringList values;
        for (const toml::node &item : *node->as_array()) {
            if (!item.is_string() || item.as_string()->get().empty())
                return fail(item, message);
            values.append(fromStd(item.as_string()->get()));
        }
        out = values;
    }

private:
    void fail(const toml::node &node, const QString &message)
    {
        m_error = MirrorConfig::tr("%1 line %2: %3")
                      .arg(m_file)
                      .arg(node.source().begin.line)
                      .arg(message);
    }

    const toml::table &m_root;
    QString m_file;
    QString m_error;
};

} // namespace

struct MirrorConfig::Document
{
    toml::table table;
};

MirrorConfig::MirrorConfig()
    : m_document(std::make_unique<Document>())
    , m_upstream(defaultUpstream)
    , m_listen(defaultListen)
    , m_maxConnections(defaultMaxConnections)
    , m_jobs(defaultJobs)
    , m_versions(defaultVersions)
    , m_devDeps(false)
    , m_schedule(defaultSchedule)
{}

MirrorConfig::~MirrorConfig() = default;

MirrorConfig::MirrorConfig(const MirrorConfig &other)
    : m_document(std::make_unique<Document>(*other.m_document))
    , m_modified(other.m_modified)
    , m_upstream(other.m_upstream)
    , m_contact(other.m_contact)
    , m_cainfo(other.m_cainfo)
    , m_proxy(other.m_proxy)
    , m_listen(other.m_listen)
    , m_maxConnections(other.m_maxConnections)
    , m_jobs(other.m_jobs)
    , m_versions(other.m_versions)
    , m_platforms(other.m_platforms)
    , m_devDeps(other.m_devDeps)
    , m_schedule(other.m_schedule)
{}

MirrorConfig &MirrorConfig::operator=(const MirrorConfig &other)
{
    if (this != &other) {
        MirrorConfig copy(other);
        std::swap(m_document, copy.m_document);
        m_modified = other.m_modified;
        m_upstream = other.m_upstream;
        m_contact = other.m_contact;
        m_cainfo = other.m_cainfo;
        m_proxy = other.m_proxy;
        m_listen = other.m_listen;
        m_maxConnections = other.m_maxConnections;
        m_jobs = other.m_jobs;
        m_versions = other.m_versions;
        m_platforms = other.m_platforms;
        m_devDeps = other.m_devDeps;
        m_schedule = other.m_schedule;
    }
    return *this;
}

QByteArray MirrorConfig::defaultFileText()
{
    return QByteArrayLiteral(
        "# Stowaway mirror settings. Edit by hand; stowaway reads this file when it starts.\n"
        "# Unknown keys are kept, but comments are lost if stowaway has to rewrite the file.\n"
        "\n"
        "# The index this mirror copies. Only sparse indexes are supported.\n"
        "upstream = \"sparse+https://index.crates.io/\"\n"
        "\n"
        "# An e-mail address or URL sent in the User-Agent, so upstream can reach you.\n"
        "contact = \"\"\n"
        "\n"
        "# A PEM file of extra certificate authorities for an upstream behind a private CA\n"
        "# (the system's CAs stay trusted), like cargo's http.cainfo.\n"
        "# cainfo = \"/etc/ssl/company-ca.pem\"\n"
        "\n"
        "# The proxy syncs go through, like cargo's http.proxy: http://host:port (or\n"
        "# http://user:password@host:port, socks5://host:port), or \"none\" for direct.\n"
        "# Unset: https_proxy, http_proxy, all_proxy and no_proxy from the environment.\n"
        "# proxy = \"http://proxy.example:3128\"\n"
        "\n"
        "[server]\n"
        "# Where `stowaway serve` listens: ADDRESS:PORT, e.g. 0.0.0.0:27428 for the whole\n"
        "# network or [::1]:27428 for IPv6 loopback.\n"
        "listen = \"127.0.0.1:27428\"\n"
        "# Connections served at once (1 to 10000).\n"
        "max-connections = 256\n"
        "\n"
        "[sync]\n"
        "# Downloads running at once (1 to 256).\n"
        "jobs = 16\n"
        "# Which versions of each selected crate to keep: \"newest\", \"all\", or \"lines:N\"\n"
        "# for the newest release of each of the N newest semver-compatible lines.\n"
        "versions = \"lines:3\"\n"
        "# Target triples whose platform-specific dependencies are mirrored; [] = all.\n"
        "platforms = []\n"
        "# Also mirror dev-dependencies of the selected crates.\n"
        "dev-deps = false\n"
        "# When the desktop app syncs on its own: \"off\", \"daily:HH:MM\" (local time)\n"
        "# or \"every:Nh\" (N hours after the last sync, 1 to 168).\n"
        "schedule = \"off\"\n");
}

bool MirrorConfig::parse(const QByteArray &text, const QString &fileName, QString *error)
{
    toml::table root;
    try {
        root = toml::parse(std::string_view(text.constData(), static_cast<size_t>(text.size())),
                           toStd(fileName));
    } catch (const toml::parse_error &problem) {
        if (error)
            *error = MirrorConfig::tr("%1 line %2: %3 — fix the file, or delete it to start from "
                                      "the defaults")
                         .arg(fileName)
                         .arg(problem.source().begin.line)
                         .arg(fromStd(problem.description()));
        return false;
    }

    MirrorConfig parsed;
    Reader reader(root, fileName);
    reader.string(&root, "upstream", QStringLiteral("upstream"), parsed.m_upstream,
                  &MirrorConfig::checkUpstream);
    reader.string(&root, "contact", QStringLiteral("contact"), parsed.m_contact);
    reader.string(&root, "cainfo", QStringLiteral("cainfo"), parsed.m_cainfo);
    reader.string(&root, "proxy", QStringLiteral("proxy"), parsed.m_proxy,
                  &MirrorConfig::checkProxy);
    const toml::table *server = reader.table("server");
    reader.string(server, "listen", QStringLiteral("server.listen"), parsed.m_listen,
                  &MirrorConfig::checkListen);
    reader.integer(server, "max-connections", QStringLiteral("server.max-connections"), 1,
                   maxMaxConnections, parsed.m_maxConnections);
    const toml::table *sync = reader.table("sync");
    reader.integer(sync, "jobs", QStringLiteral("sync.jobs"), 1, maxJobs, parsed.m_jobs);
    reader.string(sync, "versions", QStringLiteral("sync.versions"), parsed.m_versions,
                  &MirrorConfig::checkVersions);
    reader.stringList(sync, "platforms", QStringLiteral("sync.platforms"), parsed.m_platforms);
    reader.boolean(sync, "dev-deps", QStringLiteral("sync.dev-deps"), parsed.m_devDeps);
    reader.string(sync, "schedule", QStringLiteral("sync.schedule"), parsed.m_schedule,
                  &MirrorConfig::checkSchedule);
    if (reader.failed()) {
        if (error)
            *error = reader.error();
        return false;
    }
    parsed.m_document->table = std::move(root);
    *this = parsed;
    m_modified = false;
    return true;
}

bool MirrorConfig::load(const QString &path, const QString &tempDir, QString *error)
{
    QFile file(path);
    if (!file.exists()) {
        if (!AtomicFile::write(path, defaultFileText(), tempDir, error))
            return false;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = MirrorConfig::tr("cannot read %1: %2 — check the file's permissions")
                         .arg(path, file.errorString());
        return false;
    }
    return parse(file.readAll(), path, error);
}

bool MirrorConfig::save(const QString &path, const QString &tempDir, QString *error)
{
    if (!m_modified)
        return true;
    toml::table &root = m_document->table;
    auto subtable = [&root](const char *key) -> toml::table & {
        if (!root.get(key) || !root.get(key)->is_table())
            root.insert_or_assign(key, toml::table{});
        return *root.get(key)->as_table();
    };
    root.insert_or_assign("upstream", toStd(m_upstream));
    root.insert_or_assign("contact", toStd(m_contact));
    if (m_cainfo.isEmpty())
        root.erase("cainfo");
    else
        root.insert_or_assign("cainfo", toStd(m_cainfo));
    if (m_proxy.isEmpty())
        root.erase("proxy");
    else
        root.insert_or_assign("proxy", toStd(m_proxy));
    toml::table &server = subtable("server");
    server.insert_or_assign("listen", toStd(m_listen));
    server.insert_or_assign("max-connections", static_cast<int64_t>(m_maxConnections));
    toml::table &sync = subtable("sync");
    sync.insert_or_assign("jobs", static_cast<int64_t>(m_jobs));
    sync.insert_or_assign("versions", toStd(m_versions));
    toml::array platforms;
    for (const QString &platform : std::as_const(m_platforms))
        platforms.push_back(toStd(platform));
    sync.insert_or_assign("platforms", std::move(platforms));
    sync.insert_or_assign("dev-deps", m_devDeps);
    sync.insert_or_assign("schedule", toStd(m_schedule));

    std::ostringstream text;
    text << rewriteHeader << toml::toml_formatter(root) << '\n';
    const std::string bytes = text.str();
    if (!AtomicFile::write(path, QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())),
                           tempDir, error))
        return false;
    m_modified = false;
    return true;
}

QString MirrorConfig::checkUpstream(const QString &value)
{
    const QString message = MirrorConfig::tr(
        "upstream must be a sparse index URL ending in /, like sparse+https://index.crates.io/, "
        "or a git index: https://github.com/rust-lang/crates.io-index, a .git URL or a path");
    if (GitIndex::isGitUpstream(value))
        return {};
    if (!value.startsWith(QLatin1String("sparse+")) || !value.endsWith(QLatin1Char('/')))
        return message;
    const QUrl url(value.mid(7), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return message;
    return {};
}

QString MirrorConfig::checkListen(const QString &value)
{
    // One parser for listen addresses, shared with `serve --listen`.
    const auto parsed = ListenAddress::parse(value, nullptr);
    if (!parsed || parsed->port == 0)
        return MirrorConfig::tr("server.listen must be ADDRESS:PORT, like 127.0.0.1:27428");
    return {};
}

QString MirrorConfig::checkVersions(const QString &value)
{
    // One parser for the policy, shared with `sync --versions`.
    if (VersionPolicy::parse(value))
        return {};
    return MirrorConfig::tr(
        "sync.versions must be \"newest\", \"all\" or \"lines:N\" with N from 1 "
        "to 1000, like \"lines:3\"");
}

QString MirrorConfig::checkSchedule(const QString &value)
{
    // One parser for the schedule, shared with the runtime that acts on it.
    if (SyncSchedule::parse(value))
        return {};
    return MirrorConfig::tr("sync.schedule must be \"off\", \"daily:HH:MM\" (like \"daily:03:30\") "
                            "or \"every:Nh\" with N from 1 to %1 (like \"every:6h\")")
        .arg(SyncSchedule::MaxHours);
}

QString MirrorConfig::checkProxy(const QString &value)
{
    QString problem;
    if (UpstreamProxy::checkSetting(value, &problem))
        return {};
    return MirrorConfig::tr("proxy: %1").arg(problem);
}

void MirrorConfig::setUpstream(const QString &value)
{
    m_modified |= value != m_upstream;
    m_upstream = value;
}

void MirrorConfig::setContact(const QString &value)
{
    m_modified |= value != m_contact;
    m_contact = value;
}

void MirrorConfig::setCainfo(const QString &value)
{
    m_modified |= value != m_cainfo;
    m_cainfo = value;
}

void MirrorConfig::setProxy(const QString &value)
{
    m_modified |= value != m_proxy;
    m_proxy = value;
}

void MirrorConfig::setListen(const QString &value)
{
    m_modified |= value != m_listen;
    m_listen = value;
}

void MirrorConfig::setMaxConnections(int value)
{
    m_modified |= value != m_maxConnections;
    m_maxConnections = value;
}

void MirrorConfig::setJobs(int value)
{
    m_modified |= value != m_jobs;
    m_jobs = value;
}

void MirrorConfig::setVersions(const QString &value)
{
    m_modified |= value != m_versions;
    m_versions = value;
}

void MirrorConfig::setPlatforms(const QStringList &value)
{
    m_modified |= value != m_platforms;
    m_platforms = value;
}

void MirrorConfig::setDevDeps(bool value)
{
    m_modified |= value != m_devDeps;
    m_devDeps = value;
}

void MirrorConfig::setSchedule(const QString &value)
{
    m_modified |= value != m_schedule;
    m_schedule = value;
}

} // namespace Stowaway
