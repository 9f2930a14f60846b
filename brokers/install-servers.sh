#!/usr/bin/env bash
# Installs the broker servers the real-broker tests start (Debian packages), when missing:
# redis-server (Redis 7.0), nats-server (2.9), rabbitmq-server (3.10), mosquitto (2.0).
# Needs root or sudo; otherwise says in one line which packages to install, and fails.
set -euo pipefail
declare -A program_of=([redis-server]=redis-server [nats-server]=nats-server [rabbitmq-server]=rabbitmq-server [mosquitto]=mosquitto)
missing=()
for package in redis-server nats-server rabbitmq-server mosquitto; do
  program=${program_of[$package]}
  if ! command -v "$program" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$program" ] && [ ! -x "/usr/bin/$program" ]; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then run=(); elif command -v sudo >/dev/null 2>&1; then run=(sudo -n); else
  echo "qsem: the real-broker tests need the Debian packages ${missing[*]}: install them (apt-get install ${missing[*]}) as root" >&2
  exit 1
fi
echo "installing ${missing[*]} (Debian packages for the real-broker tests)"
export DEBIAN_FRONTEND=noninteractive
# The postinst scripts must not start system services (the tests start their own servers on free ports):
# a policy-rc.d that denies every start, for the time of the install, unless the machine has one.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${run[@]}" tee "$policy" >/dev/null
  "${run[@]}" chmod +x "$policy"
  trap '"${run[@]}" rm -f "$policy"' EXIT
fi
if ! "${run[@]}" apt-get install -y -q "${missing[@]}" >/tmp/qsem-apt.log 2>&1; then
  "${run[@]}" apt-get update -q >>/tmp/qsem-apt.log 2>&1
  "${run[@]}" apt-get install -y -q "${missing[@]}" >>/tmp/qsem-apt.log 2>&1 || {
    echo "qsem: apt-get could not install ${missing[*]} (see /tmp/qsem-apt.log)" >&2
    exit 1
  }
fi
