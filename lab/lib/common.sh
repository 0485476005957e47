# Shared shell settings for the lab scripts (sourced, never run).
# Everything lives under one folder: $NOVALAB_DIR (default /srv/novalab-run), or the first
# non-option argument of `up`. Nothing in the scripts names another machine path except the
# Debian packages' own binaries and /etc/<service>/*paste.ini templates.

LAB_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)      # the lab/ folder of the checkout
: "${NOVALAB_DIR:=/srv/novalab-run}"
DIR=$NOVALAB_DIR
ETC=$DIR/etc
LOGS=$DIR/logs
STATE=$DIR/state
RUN=$DIR/run
PY=/usr/bin/python3          # python3 on PATH may be a pyenv shim without the OpenStack modules
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export TZ=UTC                # oslo.log writes local time: make it UTC everywhere
export LC_ALL=C.UTF-8

export OS_AUTH_URL=http://127.0.0.1:5000/v3
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=admin OS_PASSWORD=admin OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_REGION_NAME=RegionOne

log() { echo "[$(date -u +%T)] $*"; }
die() { echo "error: $*" >&2; exit 1; }

waitport() { # port [seconds]
  local i
  for i in $(seq 1 "${2:-120}"); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 1; done
  echo "port $1 never opened"; return 1
}

port_busy() { (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null; }

# Load what `up` recorded about this lab (log mode, libvirt on/off).
if [ -f "$DIR/lab.env" ]; then . "$DIR/lab.env"; fi
