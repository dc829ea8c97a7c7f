'use strict';
/**
 * Ledger size: what CS Decision Triggers leaves in the workflow's static data (saved with the workflow on
 * every run) after one sweep over the decision case's 10,000-account book, and after two more daily sweeps
 * over the same, unchanged book — the size must stay flat (goal: under 2 MB; issue 16 found 7.9 MB).
 * Figures, not assertions: the unit test (test/unit/hostile-decide.test.ts, finding 12) bounds a 1,000-account book.
 * Throughput: accounts per CPU-second of a sweep writing to the ledger (steady state, the third sweep) against
 * the first sweep (every action new).
 */
const { join } = require('node:path');
const { buildIntelligence } = require('./decision');

const DIST = process.env.BENCH_DIST ? join(process.env.BENCH_DIST, 'engine') : join(__dirname, '..', '..', '..', 'dist', 'engine');
const GOAL_BYTES = 2 * 1024 * 1024;

module.exports = {
	name: 'ledger',
	async run(options = {}) {
		const { prepareRules, shippedPackInputs } = require(join(DIST, 'decide'));
		const { runActionSweep } = require(join(DIST, 'act', 'actions'));
		const { RecordStoreLedger } = require(join(DIST, 'ledger'));
		const accountsN = options.accounts ?? 10_000;
		const { intelligence, asOf } = buildIntelligence({ accountsN, seed: options.seed ?? 42 });
		const items = intelligence.map((intel, itemIndex) => ({ intel, itemIndex }));
		const rules = prepareRules(shippedPackInputs());
		const cpu = () => {
			const u = process.cpuUsage();
			return (u.user + u.system) / 1000;
		};
		const day = (n) => new Date(Date.parse(asOf) + n * 86_400_000).toISOString();
		const staticData = {};
		const sweeps = [];
		for (let n = 0; n < 3; n++) {
			const t0 = cpu();
			// n8n hands the node the static data it saved after the last run: a JSON round trip, as here
			const container = n === 0 ? staticData : JSON.parse(JSON.stringify(staticData));
			const result = await runActionSweep(rules, items, new RecordStoreLedger(container), { asOf: day(n) });
			const ms = cpu() - t0;
			Object.assign(staticData, container);
			const state = container.csSignalLedger;
			sweeps.push({
				bytes: Buffer.byteLength(JSON.stringify(container)),
				ms,
				actions: Object.keys(state.actions).length,
				posted: result.actions.length,
				records: Object.keys(state.actions).length + Object.keys(state.snoozes).length + Object.keys(state.budgets).length + Object.keys(state.deliveries).length + Object.keys(state.stages).length,
			});
		}
		const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
		const [first, , third] = sweeps;
		return {
			description: `the ledger in static data after sweeps over ${accountsN.toLocaleString('en-US')} accounts on an unchanged book (goal < 2 MB, flat)`,
			unit: 'accounts',
			throughput: Math.round(accountsN / (third.ms / 1000)),
			baselineThroughput: Math.round(accountsN / (first.ms / 1000)),
			ratio: Math.round((third.ms / first.ms) * 100) / 100,
			// a size figure, not a speed goal
			goalRatio: null,
			engineMs: Math.round(third.ms),
			baselineMs: Math.round(first.ms),
			ledger: { accounts: accountsN, bytesAfterSweep: sweeps.map((s) => s.bytes), records: sweeps.map((s) => s.records), goalBytes: GOAL_BYTES },
			notes: [
				`ledger after sweep 1, 2, 3: ${sweeps.map((s) => kb(s.bytes)).join(', ')} (goal < ${kb(GOAL_BYTES)}: ${sweeps.every((s) => s.bytes < GOAL_BYTES) ? 'met' : 'NOT MET'})`,
				`growth per sweep on the unchanged book: ${sweeps.slice(1).map((s, i) => `${s.bytes - sweeps[i].bytes >= 0 ? '+' : ''}${s.bytes - sweeps[i].bytes} B`).join(', ')}`,
				`records (actions, snoozes, budgets, deliveries, stages): ${sweeps.map((s) => s.records).join(', ')}; ${first.actions} actions, ${Math.round(first.bytes / Math.max(first.records, 1))} B per record; posted ${sweeps.map((s) => s.posted).join(', ')}`,
				'ratio here: CPU of the third sweep (every action open) ÷ the first (every action new) — a figure, not a speed goal',
			],
		};
	},
};
