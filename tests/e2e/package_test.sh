#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# e2e/package: validates the desktop entry and the AppStream metainfo with the real validators,
# builds the .deb with CPack from the build tree, unpacks it with dpkg -x into a temporary root
# (never dpkg -i on this machine), checks its control data and file list, and runs the unpacked
# binary.   Usage: package_test.sh <source dir> <build dir> <project version>
set -euo pipefail

src=$1 build=$2 version=$3
app_id=org.stowaway.Stowaway
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

step "desktop-file-validate"
desktop_out=$(desktop-file-validate "$src/installer/$app_id.desktop" 2>&1) ||
    fail "desktop-file-validate rejected the desktop entry: $desktop_out"
[ -z "$desktop_out" ] || fail "desktop-file-validate has remarks: $desktop_out"

step "appstreamcli validate --no-net"
appstreamcli validate --no-net --no-color "$src/installer/$app_id.metainfo.xml" ||
    fail "appstreamcli rejected the metainfo"

step "cpack -G DEB"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log" >&2; fail "cpack could not build the package"; }
debs=("$work"/out/*.deb)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one .deb in $work/out: ${debs[*]}"
deb=${debs[0]}
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

step "dpkg-deb --info"
info=$(dpkg-deb --info "$deb")
echo "$info"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = stowaway ] || fail "Package is '$(field Package)', expected stowaway"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
[ "$(field Section)" = devel ] || fail "Section is '$(field Section)', expected devel"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
depends=$(field Depends)
# Package names alone, one a line: "libc6 (>= 2.34), libqt6core6 ..." -> libc6, libqt6core6, ...
depends_names=$(tr ',' '\n' <<<"$depends" | sed -e 's/^ *//' -e 's/[ (].*//')
for lib in libqt6core6 libqt6network6 libqt6sql6 libqt6sql6-sqlite libc6 libstdc++6 \
    libqt6gui6 libqt6widgets6 libqt6keychain1 qt6-qpa-plugins; do
    grep -qxF "$lib" <<<"$depends_names" || fail "Depends lacks $lib: $depends"
done

# Every dependency resolves on this Debian: apt plans the installation without touching
# the system (-s); a missing or misspelt package name fails here.
step "apt-get --simulate install"
plan=$(apt-get -s -o Debug::NoLocking=1 install "$deb" 2>&1) || fail "apt cannot install the package: $plan"
grep -q "^Inst stowaway " <<<"$plan" || fail "apt's plan does not install stowaway: $plan"
echo "$plan" | grep "^Inst" | head -5

step "dpkg-deb --contents"
dpkg-deb --contents "$deb"
root=$work/root
dpkg -x "$deb" "$root"
expected=(
    usr/bin/stowaway
    usr/share/applications/$app_id.desktop
    usr/share/metainfo/$app_id.metainfo.xml
    usr/share/icons/hicolor/scalable/apps/stowaway.svg
)
for size in 16 22 32 48 64 128 256; do
    expected+=("usr/share/icons/hicolor/${size}x${size}/apps/stowaway.png")
done
for file in "${expected[@]}"; do
    [ -s "$root/$file" ] || fail "the package lacks $file"
done
[ -x "$root/usr/bin/stowaway" ] || fail "usr/bin/stowaway is not executable"
# The desktop app is a module the executable loads only when the window is wanted.
module=$(find "$root/usr/lib" -name libstowaway-gui.so -path '*/stowaway/*' | head -n1)
[ -s "$module" ] || fail "the package lacks usr/lib/…/stowaway/libstowaway-gui.so"
echo "desktop module: ${module#"$root"/}"
if readelf -d "$root/usr/bin/stowaway" | grep -E 'NEEDED.*(Widgets|Gui|DBus|keychain)'; then
    fail "usr/bin/stowaway loads the desktop app's libraries itself"
fi
for size in 16 256; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/stowaway.png
    python3 - "$png" "$size" <<'PY' || fail "$png is not a $size px PNG"
import struct, sys
head = open(sys.argv[1], "rb").read(24)
size = int(sys.argv[2])
assert head[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", head[16:24]) == (size, size)
PY
done
# The installed files are the ones from the source tree.
cmp "$src/installer/$app_id.desktop" "$root/usr/share/applications/$app_id.desktop"
desktop-file-validate "$root/usr/share/applications/$app_id.desktop"
# The installed tree as AppStream sees it: metainfo, its launchable desktop entry and the icon.
appstreamcli validate-tree --no-net --no-color "$root" || fail "appstreamcli validate-tree failed"

step "run the unpacked binary"
ver_out=$(timeout 20 "$root/usr/bin/stowaway" --version) || fail "stowaway --version failed"
echo "$ver_out"
grep -qF "$version" <<<"$ver_out" || fail "--version does not print $version: $ver_out"
status_out=$(timeout 20 "$root/usr/bin/stowaway" status --json --mirror "$work/mirror") ||
    fail "stowaway status --json failed: $status_out"
echo "$status_out"
python3 -c 'import json, sys; json.loads(sys.stdin.read())' <<<"$status_out" ||
    fail "status --json did not print JSON: $status_out"
# Without a display the desktop app says so, from inside its module: the unpacked binary
# found and loaded it.
gui_out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM timeout 20 \
    "$root/usr/bin/stowaway" --mirror "$work/mirror" 2>&1) && fail "the desktop app ran without a display"
grep -q "no display" <<<"$gui_out" || fail "the desktop app's module did not load: $gui_out"
echo "PASS"
