#!/usr/bin/env bash
# Installs headless Chromium (Debian package) for the HTML report tests, and poppler-utils
# (pdftohtml) with which the print tests measure the PDFs, if they are missing.
# Idempotent: does nothing when chromium and pdftohtml are already on PATH.
set -euo pipefail
packages=()
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  packages+=(chromium)
fi
command -v pdftohtml >/dev/null 2>&1 || packages+=(poppler-utils)
if [ "${#packages[@]}" -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-browser: need root or sudo to install ${packages[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { echo "install-browser: chromium still not found" >&2; exit 1; }
command -v pdftohtml >/dev/null 2>&1 || { echo "install-browser: pdftohtml (poppler-utils) still not found" >&2; exit 1; }
