#!/usr/bin/env bash
# Make sure Debian's headless-capable Chromium is at /usr/bin/chromium (used by the "browser" jest project,
# which opens the portfolio report's HTML through playwright-core). Idempotent: does nothing when present.
# Playwright's own browser download is not used (CI machines reach only the npm registry and Debian's packages).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
	echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") already installed"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Debian's 'chromium' package by hand." >&2
	exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
		echo "ensure-chromium: $CHROMIUM is missing and this user is not root (no sudo); run 'apt-get install chromium' as root." >&2
		exit 1
	fi
fi

echo "ensure-chromium: installing Debian package 'chromium' with apt-get"
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -qq; then
	echo "ensure-chromium: 'apt-get update' failed; check the machine reaches Debian's package mirror." >&2
	exit 1
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; then
	echo "ensure-chromium: 'apt-get install chromium' failed (see apt's message above)." >&2
	exit 1
fi
if [ ! -x "$CHROMIUM" ]; then
	echo "ensure-chromium: the 'chromium' package installed but $CHROMIUM does not exist." >&2
	exit 1
fi
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
