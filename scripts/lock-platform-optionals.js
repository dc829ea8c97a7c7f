#!/usr/bin/env node
/*
 * Keeps `npm ci` working when the registry this project installs from lacks some platform-specific optional
 * packages (here: most of unrs-resolver's native bindings, pulled in by n8n's lint tooling). `npm install`
 * skips an optional package it cannot fetch and leaves it out of package-lock.json; `npm ci` then refuses the
 * lock as "out of sync". This script records every optional dependency that the lock names but does not hold
 * as a platform-restricted optional entry (os / cpu / libc read from the package name), which `npm ci` skips on
 * every other platform without fetching. Run it after changing dependencies: `node scripts/lock-platform-optionals.js`.
 */
const fs = require('node:fs');
const path = require('node:path');

const LOCK = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

const OS = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', openharmony: 'openharmony', win32: 'win32' };
const CPU = { arm: 'arm', arm64: 'arm64', x64: 'x64', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x' };

/** "@unrs/resolver-binding-linux-arm-musleabihf" → { os: linux, cpu: arm, libc: musl }. */
function platformOf(name) {
	const parts = name.split('/').pop().split('-');
	const osIndex = parts.findIndex((p) => OS[p]);
	if (osIndex < 0) return null;
	const cpu = CPU[parts[osIndex + 1]];
	if (!cpu) return null;
	const abi = parts.slice(osIndex + 2).join('-');
	const platform = { os: [OS[parts[osIndex]]], cpu: [cpu] };
	if (OS[parts[osIndex]] === 'linux') platform.libc = [/musl/.test(abi) ? 'musl' : 'glibc'];
	return platform;
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
	for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
		const nested = `${location ? `${location}/` : ''}node_modules/${name}`;
		if (packages[nested] || packages[`node_modules/${name}`]) continue;
		const platform = platformOf(name);
		if (!platform) {
			console.error(`lock-platform-optionals: ${name} (optional, needed by ${location || 'the project'}) is not in the lock and names no platform; install it or remove it`);
			process.exitCode = 1;
			continue;
		}
		packages[`node_modules/${name}`] = { version: range.replace(/^[\^~]/, ''), ...platform, optional: true };
		added++;
	}
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-optionals: ${added} platform-specific optional package(s) recorded`);
