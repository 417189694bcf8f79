#!/bin/bash
# Installs, checks and purges a .deb with the real dpkg on a copy-on-write copy of this machine's root file system:
# run under `unshare --mount --net --fork`, so the overlay mount and every sysctl stay in private namespaces and
# the host's files, accounts and kernel settings are untouched. Prints KEY=VALUE lines for the test to check.
# Usage: overlay-install.sh DEB WORKDIR
set -euo pipefail
deb="$1"
work="$2"
merged="$work/merged"
mkdir -p "$work/upper" "$work/work" "$merged"
mount --make-rprivate /
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/upper,workdir=$work/work" "$merged"
for d in proc sys dev; do
    mount --rbind "/$d" "$merged/$d"
done
mkdir -p "$merged/tmp/vigil-deb"
cp "$deb" "$merged/tmp/vigil-deb/"

chroot "$merged" /bin/bash -s "$(basename "$deb")" <<'INSIDE'
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
deb="/tmp/vigil-deb/$1"
ping_socket() { # user
    setpriv --reuid "$1" --regid "$1" --init-groups --inh-caps=-all /usr/bin/python3 -c \
        'import socket; socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP); print("ok")' \
        2>/dev/null || echo refused
}
echo "RANGE_BEFORE=$(tr -s '\t ' '  ' </proc/sys/net/ipv4/ping_group_range)"
dpkg --install "$deb" >/tmp/dpkg-install.log 2>&1 || { cat /tmp/dpkg-install.log; exit 1; }
echo "STATUS=$(dpkg-query -W -f='${Status}' vigil-agent)"
echo "PASSWD=$(getent passwd vigil)"
echo "GROUP_GID=$(getent group vigil | cut -d: -f3)"
echo "CONFIG=$(stat -c '%U:%G %a' /etc/vigil/agent.yaml)"
echo "STATE_DIR=$(stat -c '%U:%G %a' /var/lib/vigil)"
echo "RANGE_AFTER=$(tr -s '\t ' '  ' </proc/sys/net/ipv4/ping_group_range)"
echo "PING_SOCKET_AS_VIGIL=$(ping_socket vigil)"
echo "PING_SOCKET_AS_NOBODY=$(ping_socket nobody)"
echo "WRAPPER=$(runuser -u vigil -- /usr/bin/vigil-agent --version 2>&1 | head -1)"
dpkg --purge vigil-agent >/tmp/dpkg-purge.log 2>&1 || { cat /tmp/dpkg-purge.log; exit 1; }
echo "AFTER_PURGE=$(ls -d /etc/vigil /var/lib/vigil /etc/sysctl.d/60-vigil-ping.conf /usr/bin/vigil-agent 2>/dev/null | tr '\n' ' ')"
INSIDE
