#!/bin/sh
# Installs the Frontdesk desk from this unpacked tarball, for one user (default ~/.local) or,
# run as root with --prefix /usr/local or /opt/frontdesk, for everyone on the machine.
#
#   ./install.sh [--prefix DIR]                 install (an earlier version there is replaced)
#   ./install.sh --uninstall [--prefix DIR]     remove the program and its menu entry
#
# The desk's own data (its cache, settings and outbox, in ~/.local/share/frontdesk) belongs to
# the user, not to the program: neither an upgrade nor --uninstall touches it.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
prefix="${HOME:?HOME is not set}/.local"
action=install

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a folder" >&2; exit 2; }
                  prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$prefix" in
    /*) ;;
    *) prefix="$(pwd)/$prefix" ;;
esac

program="$prefix/lib/frontdesk"
launcher="$prefix/bin/frontdesk"
desktop="$prefix/share/applications/frontdesk.desktop"
icon="$prefix/share/icons/hicolor/256x256/apps/frontdesk.png"

refresh_menus() {
    # Optional desktop tools: a server without a desktop has none, and needs none.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$prefix/share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" 2>/dev/null || true
    fi
}

if [ "$action" = uninstall ]; then
    rm -rf -- "$program"
    rm -f -- "$launcher" "$desktop" "$icon"
    refresh_menus
    echo "Frontdesk removed from $prefix (your desk data is kept)."
    exit 0
fi

[ -x "$here/frontdesk/frontdesk" ] || { echo "install.sh: run me from the unpacked Frontdesk tarball" >&2; exit 1; }
mkdir -p "$prefix/lib" "$prefix/bin" "$(dirname "$desktop")" "$(dirname "$icon")"
# Copy beside the old program, then swap, so a failed copy leaves the old one working.
rm -rf -- "$program.new"
cp -R "$here/frontdesk" "$program.new"
rm -rf -- "$program"
mv -- "$program.new" "$program"
ln -sf "$program/frontdesk" "$launcher"
cp "$here/frontdesk.png" "$icon"
sed "s|@EXEC@|$launcher|g" "$here/frontdesk.desktop.in" > "$desktop"
refresh_menus
# frontdesk:// links (screen pop from a telephony or web page) open in this desk.
if [ "$(id -u)" != 0 ] && command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default frontdesk.desktop x-scheme-handler/frontdesk 2>/dev/null || true
fi
echo "Frontdesk $("$launcher" --version 2>/dev/null | sed 's/^frontdesk //') installed in $prefix."
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "Start it from the applications menu, or add $prefix/bin to PATH to type 'frontdesk'." ;;
esac
