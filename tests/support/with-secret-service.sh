#!/bin/sh
# Runs a test inside a private Secret Service: call it under dbus-run-session as
#   dbus-run-session -- sh with-secret-service.sh KEYRING_HOME TEST_BINARY [ARGS...]
# gnome-keyring-daemon is unlocked with its keyring in KEYRING_HOME (under the build tree,
# never the user's), wiped before each run.
home="$1"
shift
rm -rf "$home" && mkdir -p "$home/run" && chmod 700 "$home/run" || exit 1
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/run"
unset GNOME_KEYRING_CONTROL
printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1
exec "$@"
