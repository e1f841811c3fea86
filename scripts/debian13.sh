#!/usr/bin/env bash
# make test-debian13: the course on a Debian 13 machine, with Debian 13's own Python 3.13,
# PostgreSQL 17 and RabbitMQ 4, in a chroot built by debootstrap. Needs root and Debian's
# package mirror. The root filesystem is cached (DEBIAN13_ROOT) and reused: the first run
# takes a few minutes longer. Each run copies the last commit in afresh.
#   bash scripts/debian13.sh                 the stages below
#   bash scripts/debian13.sh unit contract   only those stages (notebooks: 00-03)
set -euo pipefail
cd "$(dirname "$0")/.."
root=${DEBIAN13_ROOT:-/var/cache/testing-microservices/debian13}
mirror=${DEBIAN13_MIRROR:-http://deb.debian.org/debian}
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(unit provisioning integration contract notebooks)
packages=python3,python3-venv,postgresql,rabbitmq-server,make,git,ca-certificates,procps
browser="chromium chromium-driver"  # the provisioning stage drives a real browser

[ "$(id -u)" = 0 ] || { echo "make test-debian13 needs root (debootstrap and chroot)." >&2; exit 2; }
if ! command -v debootstrap >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
start=$(date +%s)
if [ ! -x "$root/usr/bin/python3" ]; then
  echo "Building the Debian 13 root filesystem in $root (cached for later runs)"
  rm -rf "$root.partial"
  debootstrap --variant=minbase --include=$packages trixie "$root.partial" "$mirror" >/dev/null
  mv "$root.partial" "$root"
fi

# Mounts the services need inside the chroot, undone however the run ends.
mounted=()
cleanup() {
  for (( i=${#mounted[@]}-1; i>=0; i-- )); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM
for fs in proc sys dev dev/pts; do
  mountpoint -q "$root/$fs" || { mount --bind "/$fs" "$root/$fs"; mounted+=("$root/$fs"); }
done
mountpoint -q "$root/dev/shm" || { mount -t tmpfs shm "$root/dev/shm"; mounted+=("$root/dev/shm"); }
cp /etc/resolv.conf "$root/etc/resolv.conf"
if [ ! -x "$root/usr/bin/chromium" ]; then  # added to a root built before it was listed
  chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive /bin/bash -c \
    "apt-get update -qq && apt-get install -y -qq --no-install-recommends $browser >/dev/null"
fi
# Trust what this machine trusts (a company proxy's certificate authority, for one).
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/host-ca-certificates.crt"

# The course as a fresh clone of the last commit would have it (uncommitted changes are not
# tested: commit first); the chroot's .venv stays between runs, like make's.
course=$root/course
find "$course" -mindepth 1 -maxdepth 1 ! -name .venv -exec rm -rf {} + 2>/dev/null || true
mkdir -p "$course"
git archive --format=tar HEAD | tar -xf - -C "$course"

notebook_stage() {
  cat <<'EOF'
.venv/bin/python -m pytest -p no:cacheprovider -q --nbval --nbval-current-env \
  --nbval-sanitize-with .nbval-sanitize.cfg --nbval-cell-timeout 120 \
  solutions/0[0-3]_*.ipynb --junitxml=reports/junit-notebooks-debian13.xml || failed=1
EOF
}
script='set -u; cd /course; export PACT_DO_NOT_TRACK=true SE_OFFLINE=true COURSE_REQUIRE_SERVICES=1
PYTHON=python3 bash scripts/python_env.sh || exit 1
failed=0; mkdir -p reports
echo "python $(.venv/bin/python -V 2>&1 | cut -d" " -f2); postgresql $(ls /usr/lib/postgresql);" \
     "rabbitmq $(dpkg-query -W -f="\${Version}" rabbitmq-server)"
'
runner=()
for stage in "${stages[@]}"; do
  if [ "$stage" = notebooks ]; then script+=$(notebook_stage)$'\n'; else runner+=("$stage"); fi
done
[ ${#runner[@]} -eq 0 ] || script+="bash scripts/run_tests.sh ${runner[*]} || failed=1"$'\n'
script+='.venv/bin/python scripts/summarise_junit.py reports/junit-*.xml; exit $failed'

status=0
ca=/etc/ssl/certs/host-ca-certificates.crt
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
  LANG=C.UTF-8 SSL_CERT_FILE=$ca PIP_CERT=$ca UV_NATIVE_TLS=1 /bin/bash -c "$script" </dev/null \
  || status=$?
echo "Debian 13 run finished in $(( $(date +%s) - start )) s (exit $status)"
exit $status
