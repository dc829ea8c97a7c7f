'use strict';
/**
 * Alert volume on the bundled demo book (30 accounts, the demo's warehouse signals and the support signals its
 * Zendesk tickets give): what one daily sweep sends people, per 100 accounts — rule firings (what went out one
 * message each before actions), actions (one per account and playbook: HubSpot tasks), Slack messages (one per
 * account with an action), owner digests — and on the next day's sweep over unchanged data (nothing new).
 * The benchmark book's figures are in the decision case's notes (the same sweep over 10,000 accounts).
 * Throughput: accounts per CPU-second of the whole sweep (intelligence + actions) against the aggregation alone.
 */
const { join } = require('node:path');

const DIST = process.env.BENCH_DIST ?? join(__dirname, '..', '..', '..', 'dist');

module.exports = {
	name: 'alert-volume',
	async run() {
		const { buildDemoBook } = require(join(DIST, 'demo', 'book'));
		const { computeIntelligence } = require(join(DIST, 'engine', 'aggregate'));
		const { prepareRules, shippedPackInputs } = require(join(DIST, 'engine', 'decide'));
		const { runActionSweep } = require(join(DIST, 'engine', 'act', 'actions'));
		const { RecordStoreLedger } = require(join(DIST, 'engine', 'ledger'));
		const { detectSupportSignalsFromItems } = require(join(DIST, 'engine', 'detect', 'support'));
		const { parseAccount, parseSignal } = require(join(DIST, 'engine', 'model'));

		const book = buildDemoBook('2026-11-23');
		const accounts = book.accounts.map((a, i) => parseAccount(a, i));
		// the book numbers Zendesk organizations 360001… in account order (demo/book.ts)
		const tickets = book.tickets.map((t) => ({ ...t, organization_id: accounts[t.organization_id - 360001].accountId }));
		const support = detectSupportSignalsFromItems(tickets, { asOf: book.asOf }).detections.map((d) => d.signal);
		const signals = [...book.signals.map((s, i) => parseSignal(s, i)), ...support];
		const rules = prepareRules(shippedPackInputs());

		const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
		const t0 = cpu();
		const intelligence = computeIntelligence(accounts, signals, { asOf: book.asOf });
		const t1 = cpu();
		const state = {};
		const first = await runActionSweep(rules, intelligence.map((intel, itemIndex) => ({ intel, itemIndex })), new RecordStoreLedger(state), { asOf: book.asOf });
		const t2 = cpu();
		const next = await runActionSweep(rules, intelligence.map((intel, itemIndex) => ({ intel, itemIndex })), new RecordStoreLedger(state), { asOf: book.asOf.replace('T07:', 'T08:') });

		const n = accounts.length;
		const per100 = (x) => Math.round((x / n) * 1000) / 10;
		const messages = new Set(first.actions.filter(({ action }) => !action.digest).map(({ action }) => action.accountId)).size;
		const byPlaybook = new Set(first.all.map(({ action }) => `${action.accountId} ${action.playbook.id}`)).size;
		return {
			description: `alert volume of one daily sweep on the demo book (${n} accounts, ${signals.length} signals), per 100 accounts`,
			unit: 'accounts',
			throughput: Math.round(n / ((t2 - t0) / 1000)),
			baselineThroughput: Math.round(n / ((t1 - t0) / 1000)),
			ratio: Math.round(((t2 - t0) / (t1 - t0)) * 100) / 100,
			// a figure, not a speed goal: the speed cases are aggregation and decision
			goalRatio: null,
			engineMs: Math.round(t2 - t0),
			baselineMs: Math.round(t1 - t0),
			alertVolume: {
				accounts: n,
				ruleFirings: first.firings,
				actions: first.all.length,
				slackMessages: messages,
				ownerDigests: first.digests.length,
				nextDay: { actions: next.actions.length, digests: next.digests.length },
				per100Accounts: { ruleFirings: per100(first.firings), actions: per100(first.all.length), slackMessages: per100(messages), ownerDigests: per100(first.digests.length) },
			},
			notes: [
				`demo book, one sweep: ${first.firings} rule firings → ${first.all.length} actions (${byPlaybook} distinct account/playbook pairs) on ${new Set(first.all.map(({ action }) => action.accountId)).size} accounts → ${messages} Slack messages (one per account) + ${first.digests.length} owner digests`,
				`per 100 accounts per sweep: ${per100(first.firings)} rule firings (one message each before actions), ${per100(first.all.length)} actions (HubSpot tasks), ${per100(messages)} Slack messages, ${per100(first.digests.length)} owner digests`,
				`next day over unchanged data: ${next.actions.length} actions posted, ${next.digests.length} digests (the day's digest went out already)`,
				'ratio here: CPU of the whole sweep (intelligence + actions) ÷ intelligence alone — a figure, not a speed goal',
			],
		};
	},
};
