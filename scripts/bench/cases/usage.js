'use strict';
/**
 * Usage detection: 1,000,000 Mixpanel export lines (10,000 accounts × 20 people, 40 days, five event names) through
 * what CS Usage Signals runs — each line mapped (mapMixpanelLine), counted (the usage accumulator), then every
 * detector over the 126-day window (detectUsageSignals) — against a hand-written single pass over the same lines.
 * Goal: ratio (baseline throughput ÷ engine throughput) ≤ 3. Figures are printed, never asserted.
 *
 * What the baseline computes, in one pass with Maps and Sets: each line JSON.parse'd, its day, and per account the
 * events per day, the people of the last 7 days and of the 7 before (week over week), and the people of the last
 * 30 days; then per account the weekly active users of this week and last week and their change — the core of the
 * WAU-drop and seat-utilisation detectors. What it does not do: logins, features, event types, the 30-day
 * baselines, plateau, depth, module and login comparisons, the as-of rules, account key mapping, the evidence
 * sentences, the carried state. So the ratio is the price of all eleven detectors and their guarantees over the
 * bare weekly count. The two must agree on this week's and last week's active users of every account.
 *
 * Also printed: the carried state's size (what node static data holds between runs) for this book.
 * Options: --events, --accounts, --users, --days, --rounds, --warmup.
 */
const { join } = require('node:path');
const { interleaved, figures } = require('../measure');

const DIST = join(__dirname, '..', '..', '..', 'dist', 'engine');
const DAY_MS = 86_400_000;
const AS_OF = '2026-03-10T09:00:00Z';
const NAMES = ['Page Viewed', 'Report Built', 'Logged In', 'Export', 'Dashboard Shared'];

/** mulberry32 (same book every run). */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Export lines as Mixpanel sends them, the last `days` days before as-of. */
function exportLines({ events, accounts, users, days }) {
	const random = prng(7);
	const first = Date.parse('2026-03-10T00:00:00Z') - days * DAY_MS;
	const lines = new Array(events);
	for (let i = 0; i < events; i += 1) {
		const account = Math.floor(random() * accounts);
		const time = Math.floor((first + Math.floor(random() * days) * DAY_MS + Math.floor(random() * 82_800_000)) / 1000);
		lines[i] = JSON.stringify({
			event: NAMES[Math.floor(random() * NAMES.length)],
			properties: { time, distinct_id: `acc-${account}-u${Math.floor(random() * users)}`, $insert_id: `i${i}`, account_id: `acc-${account}` },
		});
	}
	return lines;
}

function baseline(lines) {
	const lastDayStart = Date.parse('2026-03-09T00:00:00Z');
	const byAccount = new Map();
	for (const text of lines) {
		const { properties } = JSON.parse(text);
		const day = Math.floor((lastDayStart - Math.floor((properties.time * 1000) / DAY_MS) * DAY_MS) / DAY_MS); // 0 = the last complete day
		if (day < 0 || day >= 126) continue;
		let a = byAccount.get(properties.account_id);
		if (!a) byAccount.set(properties.account_id, (a = { events: new Float64Array(126), thisWeek: new Set(), lastWeek: new Set(), month: new Set() }));
		a.events[day] += 1;
		if (day < 7) a.thisWeek.add(properties.distinct_id);
		else if (day < 14) a.lastWeek.add(properties.distinct_id);
		if (day < 30) a.month.add(properties.distinct_id);
	}
	const out = new Map();
	for (const [id, a] of byAccount) out.set(id, { current: a.thisWeek.size, previous: a.lastWeek.size, month: a.month.size, changePct: a.lastWeek.size ? ((a.thisWeek.size - a.lastWeek.size) / a.lastWeek.size) * 100 : 0 });
	return out;
}

module.exports = {
	name: 'usage',
	baseline,
	async run(options = {}) {
		const usage = require(join(DIST, 'detect', 'usage'));
		const { mapMixpanelLine } = require(join(DIST, 'sources', 'mixpanel'));
		const book = { events: options.events ?? 1_000_000, accounts: options.accounts ?? 10_000, users: options.users ?? 20, days: options.days ?? 40 };
		const rounds = options.rounds ?? 5;
		const lines = exportLines(book);

		let lastAccumulator;
		const runEngine = () => {
			const accumulator = usage.createUsageAccumulator({ asOf: AS_OF });
			for (const text of lines) {
				const mapped = mapMixpanelLine(text);
				if (mapped.kind === 'events') for (const event of mapped.events) accumulator.addEvent(event);
			}
			lastAccumulator = accumulator;
			return usage.detectUsageSignals(accumulator, [], { system: 'mixpanel' });
		};
		const runBaseline = () => baseline(lines);

		for (let w = 0; w < (options.warmup ?? 1); w++) {
			runEngine();
			runBaseline();
		}
		const measured = await interleaved({ engine: runEngine, baseline: runBaseline, rounds });

		// untimed: agreement on weekly active users, and the carried state of this book
		const signals = runEngine();
		const accumulator = lastAccumulator;
		const base = runBaseline();
		let agreeing = 0;
		const last = accumulator.days - 1;
		for (const account of accumulator.accounts()) {
			const b = base.get(account.accountId);
			if (b && account.distinctEnding(7, last) === b.current && account.distinctEnding(7, last - 7) === b.previous && account.distinctEnding(30, last) === b.month) agreeing++;
		}
		const t0 = process.hrtime.bigint();
		const state = usage.usageStateOf(accumulator);
		const snapshotMs = Number(process.hrtime.bigint() - t0) / 1e6;
		const bytes = usage.usageStateBytes(state);
		const t1 = process.hrtime.bigint();
		usage.restoreUsageAccumulator(state, { asOf: '2026-03-11T09:00:00Z' });
		const restoreMs = Number(process.hrtime.bigint() - t1) / 1e6;

		const f = figures(measured, book.events);
		return {
			description: `${book.events.toLocaleString('en-US')} Mixpanel export lines, ${book.accounts.toLocaleString('en-US')} accounts × ${book.users} people, ${book.days} days: map + count + 11 detectors vs a one-pass weekly count (median of ${rounds} interleaved rounds, CPU time)`,
			unit: 'events',
			...f,
			goalRatio: 3,
			stateBytes: bytes,
			notes: [
				`${signals.length.toLocaleString('en-US')} signals; engine and baseline agree on this week's, last week's and 30-day active users for ${agreeing} of ${accumulator.size().accounts} accounts`,
				`carried state (node static data): ${(bytes / 1e6).toFixed(2)} MB for ${state.accounts.toLocaleString('en-US')} accounts and ${state.users.toLocaleString('en-US')} people active in the last 30 days (${Math.round(bytes / state.accounts)} bytes per account); written in ${Math.round(snapshotMs)} ms, restored in ${Math.round(restoreMs)} ms`,
				`CPU ms per run — engine ${f.engineCpuMsAll.join(', ')}; baseline ${f.baselineCpuMsAll.join(', ')}${f.gcForced ? '' : ' (no forced GC: run with --expose-gc)'}`,
			],
		};
	},
};
