// SPDX-License-Identifier: GPL-3.0-or-later
#include "testregistry.h"

#include "mirrorstore.h"

#include "cratesource.h"
#include "indexpath.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace Stowaway::Testing {

namespace {

// Just enough semver for resolving the presets' requirements the way cargo does.
struct Semver
{
    quint64 part[3] = {0, 0, 0};
    int given = 0; // how many of major/minor/patch were written (requirements may omit some)
    QStringList pre;
    bool valid = false;

    static Semver parse(QStringView text)
    {
        Semver v;
        const qsizetype plus = text.indexOf(QLatin1Char('+'));
        if (plus >= 0)
            text = text.left(plus);
        const qsizetype dash = text.indexOf(QLatin1Char('-'));
        if (dash >= 0) {
            v.pre = text.mid(dash + 1).toString().split(QLatin1Char('.'));
            text = text.left(dash);
        }
        const QList<QStringView> parts = text.split(QLatin1Char('.'));
        if (parts.size() > 3)
            return v;
        for (const QStringView p : parts) {
            bool ok = false;
            v.part[v.given++] = p.toULongLong(&ok);
            if (!ok)
                return v;
        }
        v.valid = true;
        return v;
    }
};

int comparePre(const QStringList &a, const QStringList &b)
{
    if (a.isEmpty() || b.isEmpty())
        return a.isEmpty() - b.isEmpty(); // a release sorts after its pre-releases
    for (qsizetype i = 0; i < qMin(a.size(), b.size()); ++i) {
        bool aNum = false, bNum = false;
        const quint64 an = a[i].toULongLong(&aNum), bn = b[i].toULongLong(&bNum);
        if (aNum && bNum && an != bn)
            return an < bn ? -1 : 1;
        if (aNum != bNum)
            return aNum ? -1 : 1;
        if (const int c = a[i].compare(b[i]); !aNum && c != 0)
            return c < 0 ? -1 : 1;
    }
    return int(a.size() > b.size()) - int(a.size() < b.size());
}

int compare(const Semver &a, const Semver &b)
{
    for (int i = 0; i < 3; ++i) {
        if (a.part[i] != b.part[i])
            return a.part[i] < b.part[i] ? -1 : 1;
    }
    return comparePre(a.pre, b.pre);
}

// True when `v` satisfies one comparator such as `^1.2`, `~0.3.1`, `=1.0.0`, `>=2`, `*`.
bool satisfies(const Semver &v, QStringView comparator, bool *namesPreOfV)
{
    comparator = comparator.trimmed();
    if (comparator == u"*")
        return true;
    QStringView op;
    for (const char *candidate : {">=", "<=", "^", "~", "=", ">", "<"}) {
        if (comparator.startsWith(QLatin1StringView(candidate))) {
            op = comparator.left(qsizetype(qstrlen(candidate)));
            break;
        }
    }
    const Semver r = Semver::parse(comparator.mid(op.size()).trimmed());
    if (!r.valid)
        return false;
    if (!r.pre.isEmpty() && r.part[0] == v.part[0] && r.part[1] == v.part[1] &&
        r.part[2] == v.part[2])
        *namesPreOfV = true;
    const int c = compare(v, r);
    Semver upper; // exclusive bound for ^, ~ and partial =
    if (op.isEmpty() || op == u"^") {
        const int level =
            r.part[0] > 0 || r.given == 1 ? 0 : (r.part[1] > 0 || r.given == 2 ? 1 : 2);
        upper.part[level] = r.part[level] + 1;
        for (int i = 0; i < level; ++i)
            upper.part[i] = r.part[i];
    } else if (op == u"~" || op == u"=") {
        const int level = op == u"~" ? (r.given == 1 ? 0 : 1) : r.given - 1;
        if (op == u"=" && r.given == 3)
            return c == 0;
        upper.part[level] = r.part[level] + 1;
        for (int i = 0; i < level; ++i)
            upper.part[i] = r.part[i];
    } else if (op == u">=") {
        return c >= 0;
    } else if (op == u">") {
        return c > 0;
    } else if (op == u"<=") {
        return c <= 0;
    } else {
        return c < 0;
    }
    upper.pre = {QStringLiteral("0")}; // below every pre-release of the bound itself
    return c >= 0 && compare(v, upper) < 0;
}

bool matches(const QString &version, const QString &req)
{
    const Semver v = Semver::parse(version);
    bool namesPre = false;
    for (const QStringView comparator : QStringView(req).split(QLatin1Char(','))) {
        if (!satisfies(v, comparator, &namesPre))
            return false;
    }
    return v.pre.isEmpty() || namesPre;
}

bool hostHasCfg(QStringView predicate)
{
    predicate = predicate.trimmed();
    if (predicate.startsWith(u"not(") && predicate.endsWith(u')'))
        return !hostHasCfg(predicate.mid(4, predicate.size() - 5));
#if defined(Q_OS_WIN)
    return predicate == u"windows";
#elif defined(Q_OS_LINUX)
    return predicate == u"unix" || predicate == u"target_os = \"linux\"";
#else
    return predicate == u"unix";
#endif
}

QByteArray jsonString(const QString &text)
{
    QByteArray out = "\"";
    for (const char c : text.toUtf8()) {
        if (c == '"' || c == '\\')
            out += QByteArray("\\") + c;
        else if (static_cast<unsigned char>(c) < 0x20)
            out += "\\u00" + QByteArray::number(c, 16).rightJustified(2, '0');
        else
            out += c;
    }
    return out + '"';
}

QByteArray jsonFeatureMap(const QMap<QString, QStringList> &features)
{
    QByteArrayList entries;
    for (auto it = features.cbegin(); it != features.cend(); ++it) {
        QByteArrayList values;
        for (const QString &value : it.value())
            values.append(jsonString(value));
        entries.append(jsonString(it.key()) + ":[" + values.join(',') + ']');
    }
    return '{' + entries.join(',') + '}';
}

int kindOrder(const QString &kind)
{
    return kind == QLatin1StringView("normal") ? 0 : kind == QLatin1StringView("build") ? 1 : 2;
}

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
    return false;
}

} // namespace

QString TestRegistry::key(const QString &name, const QString &version)
{
    return name + QLatin1Char('@') + version;
}

TestCrate &TestRegistry::addVersion(const QString &name, const QString &version)
{
    quint64 hash = 1469598103934665603ULL;
    for (const char c : key(name, version).toUtf8())
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    m_crates.push_back(TestCrate{.name = name, .version = version, .constant = hash % 1000 + 1});
    return m_crates.back();
}

QStringList TestRegistry::crateNames() const
{
    QStringList names;
    for (const TestCrate &crate : m_crates) {
        if (!names.contains(crate.name))
            names.append(crate.name);
    }
    return names;
}

QList<const TestCrate *> TestRegistry::versions(const QString &name) const
{
    QList<const TestCrate *> result;
    for (const TestCrate &crate : m_crates) {
        if (crate.name == name)
            result.append(&crate);
    }
    return result;
}

const TestCrate *TestRegistry::find(const QString &name, const QString &version) const
{
    for (const TestCrate &crate : m_crates) {
        if (crate.name == name && crate.version == version)
            return &crate;
    }
    return nullptr;
}

QByteArray TestRegistry::crateFile(const QString &name, const QString &version) const
{
    const QString k = key(name, version);
    if (auto it = m_crateFiles.constFind(k); it != m_crateFiles.cend())
        return it.value();
    const TestCrate *crate = find(name, version);
    if (!crate)
        return {};
    const QByteArray bytes = CrateSource::crateFile(*crate);
    m_crateFiles.insert(k, bytes);
    return bytes;
}

QString TestRegistry::checksum(const QString &name, const QString &version) const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(crateFile(name, version), QCryptographicHash::Sha256).toHex());
}

QByteArray TestRegistry::indexLine(const TestCrate &crate) const
{
    QList<TestDependency> deps = crate.deps;
    std::stable_sort(deps.begin(), deps.end(), [](const auto &a, const auto &b) {
        return kindOrder(a.kind) != kindOrder(b.kind) ? kindOrder(a.kind) < kindOrder(b.kind)
                                                      : a.alias() < b.alias();
    });
    QByteArrayList depObjects;
    for (const TestDependency &dep : deps) {
        QByteArrayList features;
        for (const QString &feature : dep.features)
            features.append(jsonString(feature));
        QByteArray object =
            "{\"name\":" + jsonString(dep.alias()) + ",\"req\":" + jsonString(dep.req) +
            ",\"features\":[" + features.join(',') +
            "],\"optional\":" + (dep.optional ? "true" : "false") +
            ",\"default_features\":" + (dep.defaultFeatures ? "true" : "false") +
            ",\"target\":" + (dep.target.isEmpty() ? QByteArray("null") : jsonString(dep.target)) +
            ",\"kind\":" + jsonString(dep.kind);
        if (!dep.rename.isEmpty())
            object += ",\"package\":" + jsonString(dep.name);
        depObjects.append(object + '}');
    }
    // crates.io moves features using `dep:` or `?/` into features2 and marks the line v2.
    QMap<QString, QStringList> features, features2;
    for (auto it = crate.features.cbegin(); it != crate.features.cend(); ++it) {
        const bool modern = std::any_of(it.value().cbegin(), it.value().cend(), [](const auto &e) {
            return e.startsWith(QLatin1StringView("dep:")) || e.contains(QLatin1String("?/"));
        });
        (modern ? features2 : features).insert(it.key(), it.value());
    }
    QByteArray line = "{\"name\":" + jsonString(crate.name) +
                      ",\"vers\":" + jsonString(crate.version) + ",\"deps\":[" +
                      depObjects.join(',') +
                      "],\"cksum\":" + jsonString(checksum(crate.name, crate.version)) +
                      ",\"features\":" + jsonFeatureMap(features);
    if (!features2.isEmpty())
        line += ",\"features2\":" + jsonFeatureMap(features2);
    line += QByteArray(",\"yanked\":") + (crate.yanked ? "true" : "false");
    if (!crate.links.isEmpty())
        line += ",\"links\":" + jsonString(crate.links);
    if (!features2.isEmpty())
        line += ",\"v\":2";
    return line + '}';
}

QByteArray TestRegistry::indexFile(const QString &name) const
{
    QByteArray file;
    for (const TestCrate *crate : versions(name))
        file += indexLine(*crate) + '\n';
    return file;
}

QByteArray TestRegistry::configJson(const QString &baseUrl)
{
    return "{\"dl\":" +
           jsonString(baseUrl + QStringLiteral("/crates/{crate}/{crate}-{version}.crate")) +
           ",\"api\":" + jsonString(baseUrl) + "}";
}

bool TestRegistry::writeRegistry(const QString &dir, const QString &baseUrl, QString *error) const
{
    const QDir root(dir);
    if (!writeFile(root.filePath(QStringLiteral("index/config.json")), configJson(baseUrl), error))
        return false;
    for (const QString &name : crateNames()) {
        const QString path = QStringLiteral("index/") + IndexPath::relativePath(name);
        if (!writeFile(root.filePath(path), indexFile(name), error))
            return false;
        for (const TestCrate *crate : versions(name)) {
            const QString file = QStringLiteral("crates/%1/%1-%2.crate").arg(name, crate->version);
            if (!writeFile(root.filePath(file), crateFile(name, crate->version), error))
                return false;
        }
    }
    return true;
}

const TestCrate *TestRegistry::resolve(const QString &name, const QString &req) const
{
    const TestCrate *best = nullptr;
    for (const TestCrate *crate : versions(name)) {
        if (!crate->yanked && matches(crate->version, req) &&
            (!best || compare(Semver::parse(crate->version), Semver::parse(best->version)) > 0))
            best = crate;
    }
    return best;
}

quint64 TestRegistry::expectedValue(const TestCrate &crate, const QStringList &features,
                                    bool defaultFeatures) const
{
    QHash<QString, quint64> memo;
    return valueOf(crate, features, defaultFeatures, memo);
}

quint64 TestRegistry::valueOf(const TestCrate &crate, const QStringList &features,
                              bool defaultFeatures, QHash<QString, quint64> &memo) const
{
    const QString memoKey = key(crate.name, crate.version) + QLatin1Char('#') +
                            features.join(QLatin1Char(',')) + QChar(u'0' + defaultFeatures);
    if (auto it = memo.constFind(memoKey); it != memo.cend())
        return it.value();
    // Feature closure: plain feature names enable further features; dep: entries are
    // handled by activatingFeature() below.
    QSet<QString> enabled(features.cbegin(), features.cend());
    if (defaultFeatures && crate.features.contains(QStringLiteral("default")))
        enabled.insert(QStringLiteral("default"));
    for (QStringList pending(enabled.cbegin(), enabled.cend()); !pending.isEmpty();) {
        for (const QString &entry : crate.features.value(pending.takeLast())) {
            if (!entry.contains(QLatin1Char(':')) && !entry.contains(QLatin1Char('/')) &&
                !enabled.contains(entry)) {
                enabled.insert(entry);
                pending.append(entry);
            }
        }
    }
    quint64 sum = crate.constant;
    for (const TestDependency &dep : crate.deps) {
        if (dep.kind == QLatin1StringView("dev"))
            continue;
        if (!dep.target.isEmpty() && !hostHasCfg(dep.cfgPredicate()))
            continue;
        if (dep.optional && !enabled.contains(crate.activatingFeature(dep)))
            continue;
        if (const TestCrate *resolved = resolve(dep.name, dep.req))
            sum += valueOf(*resolved, dep.features, dep.defaultFeatures, memo);
    }
    memo.insert(memoKey, sum);
    return sum;
}

quint64 TestRegistry::expectedProjectValue(const QList<TestDependency> &deps) const
{
    QHash<QString, quint64> memo;
    quint64 sum = 0;
    for (const TestDependency &dep : deps) {
        if (dep.kind != QLatin1StringView("normal") || dep.optional ||
            (!dep.target.isEmpty() && !hostHasCfg(dep.cfgPredicate())))
            continue;
        if (const TestCrate *resolved = resolve(dep.name, dep.req))
            sum += valueOf(*resolved, dep.features, dep.defaultFeatures, memo);
    }
    return sum;
}

bool TestRegistry::writeProject(const QString &dir, const QString &package,
                                const QList<TestDependency> &deps, QString *error)
{
    const QDir root(dir);
    return writeFile(root.filePath(QStringLiteral("Cargo.toml")),
                     CrateSource::projectManifest(package, deps), error) &&
           writeFile(root.filePath(QStringLiteral("src/main.rs")), CrateSource::projectMain(deps),
                     error);
}

bool TestRegistry::fillMirror(const QString &mirrorDir, QString *error) const
{
    MirrorStore store{MirrorLayout(mirrorDir)};
    if (!store.open(error))
        return false;
    for (const QString &name : crateNames()) {
        if (!store.putUpstreamIndex(name, indexFile(name), {}, {}, error))
            return false;
        for (const TestCrate *crate : versions(name)) {
            if (!store.putCrate(name, crate->version, crateFile(name, crate->version), error))
                return false;
        }
    }
    return true;
}

} // namespace Stowaway::Testing
