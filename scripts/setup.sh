# shellcheck shell=bash
# Shared set-up for scripts/run and scripts/test: packages, configure, build.
# Idempotent: installs only what is missing, reconfigures only when needed.
set -euo pipefail

STOWAWAY_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STOWAWAY_BUILD=${STOWAWAY_BUILD:-$STOWAWAY_SRC/build}

# Debian 12 / Ubuntu 24.04 package names.
STOWAWAY_BUILD_PACKAGES=(
    build-essential cmake ninja-build pkg-config ccache
    qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite
    libgit2-dev qtkeychain-qt6-dev libsimdjson-dev libtomlplusplus-dev
    libhttp-parser-dev libnghttp2-dev zlib1g-dev
)
# Icons rendered to PNG at build time; the .deb's dependencies computed by dpkg-shlibdeps.
STOWAWAY_BUILD_PACKAGES+=(librsvg2-bin dpkg-dev)
# Read-only state connections on the server's threads (git-backed mirrors).
STOWAWAY_BUILD_PACKAGES+=(libsqlite3-dev)
STOWAWAY_TEST_PACKAGES=(curl python3 nghttp2-client)
# A real forward proxy for the sync-through-a-proxy tests.
STOWAWAY_TEST_PACKAGES+=(tinyproxy)
# Validators of the .desktop, AppStream and autostart files.
STOWAWAY_TEST_PACKAGES+=(desktop-file-utils appstream)
STOWAWAY_TEST_PACKAGES+=(dbus-daemon gnome-keyring libsecret-1-0 libsecret-tools)
# Qt's own German catalogue, which tests/core/tst_translations checks is loaded.
STOWAWAY_TEST_PACKAGES+=(qt6-translations-l10n)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "Missing packages: ${missing[*]} (and no apt-get to install them)." >&2
        exit 1
    fi
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    log "Installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

configure_and_build() {
    # Arguments are -DNAME=VALUE cache settings; configure again only when one differs.
    local launcher=()
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    local reconfigure=0 setting
    [ -f "$STOWAWAY_BUILD/build.ninja" ] || reconfigure=1
    for setting in "$@"; do
        local name=${setting#-D} value
        value=${name#*=}
        name=${name%%=*}
        grep -q "^$name:[A-Z]*=$value\$" "$STOWAWAY_BUILD/CMakeCache.txt" 2>/dev/null || reconfigure=1
    done
    if [ $reconfigure -eq 1 ]; then
        log "Configuring in $STOWAWAY_BUILD"
        cmake -S "$STOWAWAY_SRC" -B "$STOWAWAY_BUILD" -G Ninja \
            -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" "$@" >/dev/null
    fi
    log "Building"
    cmake --build "$STOWAWAY_BUILD" --parallel "$(nproc)"
}
# scripts/screenshots: a virtual X server, a font and the icon theme the pages ask for.
STOWAWAY_SCREENSHOT_PACKAGES=(xvfb xauth fonts-dejavu-core adwaita-icon-theme)
