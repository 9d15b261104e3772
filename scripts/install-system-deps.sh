#!/usr/bin/env bash
# Installs the Debian packages the test suite uses as independent judges, when they are absent.
# rapper (raptor2-utils) validates Turtle; chromium renders the HTML graph view.
set -u
missing=()
command -v rapper >/dev/null 2>&1 || missing+=(raptor2-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: ${missing[*]} not installed and cannot apt-get here; the tests that need them will skip" >&2
  exit 0
fi
echo "installing ${missing[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || echo "warning: apt-get install ${missing[*]} failed; the tests that need them will skip" >&2
