#!/usr/bin/env bash
# Run a command where the OS keyring (Secret Service) is usable.
#
# On a desktop session (DBUS_SESSION_BUS_ADDRESS set) the command runs as is: the user's own
# keyring serves it. On a headless Linux machine with dbus-run-session, the command runs inside
# a private D-Bus session with a throw-away gnome-keyring, unlocked with a fixed password, whose
# files live in a temporary directory removed afterwards. Elsewhere the command runs as is.
#
# Usage: tools/with-keyring.sh COMMAND [ARG...]
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi

if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]] && command -v dbus-run-session >/dev/null 2>&1; then
    # dbus-run-session sets DBUS_SESSION_BUS_ADDRESS, so the re-executed script takes the
    # branch below and cannot loop.
    export FRONTDESK_KEYRING_SESSION=1
    # Ctrl+C must reach the command (which cleans up), not kill dbus-run-session under it and
    # hand the prompt back while the command is still stopping: the wrapper layers ignore
    # SIGINT and the command gets the default action back below.
    trap '' INT
    exec dbus-run-session -- "$0" "$@"
fi

if [[ "${FRONTDESK_KEYRING_SESSION:-}" != 1 ]] || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
    if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
        echo "with-keyring: no D-Bus session and no dbus-run-session; running without a keyring" >&2
    fi
    exec "$@"
fi

keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/frontdesk-keyring.XXXXXX")"
# shellcheck disable=SC2329  # run by the EXIT trap below
cleanup() { rm -rf -- "$keyring_home"; }
trap cleanup EXIT

# The daemon keeps its keyring files under XDG_DATA_HOME and its control socket under
# XDG_RUNTIME_DIR: point both at the throw-away directory so the user's real keyring is untouched
# and a stale "login" keyring with another password can never block the unlock.
mkdir -p "$keyring_home/data" "$keyring_home/run"
chmod 700 "$keyring_home/run"
keyring_env="$(printf '%s' "${FRONTDESK_KEYRING_PASSWORD:-frontdesk}" |
    XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" \
        gnome-keyring-daemon --unlock --components=secrets)"
while IFS='=' read -r name value; do
    [[ -n "$name" ]] && export "$name=$value"
done <<<"$keyring_env"

# Not exec: the trap removes the keyring files when the command ends. The daemon itself exits
# with the D-Bus session that dbus-run-session tears down.
restore_sigint=()
if env --default-signal=INT true 2>/dev/null; then
    restore_sigint=(env --default-signal=INT)
fi
status=0
"${restore_sigint[@]}" "$@" || status=$?
exit "$status"
