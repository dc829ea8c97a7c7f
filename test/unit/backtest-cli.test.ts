/**
 * `cs-signal-os backtest` in-process on a small generated history (60 accounts, 6 churners) written as the files
 * a user exports: usage rows as CSV, tickets as JSON, outcomes as CSV.
 */
import { main } from '../../bin/cs-signal-os';
import type { BacktestCliIo } from '../../bin/commands/backtest';
import { SHIPPED_PACKS } from '../../engine/decide';
import { generateBacktestHistory } from '../fixtures/backtest/history';

const HOSTILE = '<img src=x onerror=alert(1)>';
const history = generateBacktestHistory({ accounts: 60, churners: 6, noise: 9, expanders: 3, names: { 'acct-0001': HOSTILE } });

const csv = (header: string[], rows: Array<Record<string, unknown>>) => [header.join(','), ...rows.map((row) => header.map((key) => String(row[key] ?? '')).join(','))].join('\n');

function files(overrides: Record<string, string> = {}): Record<string, string> {
	const tightened = JSON.parse(JSON.stringify(SHIPPED_PACKS['decision-triggers'])) as { thresholds: Record<string, number> };
	tightened.thresholds.riskScoreEscalation = 9;
	return {
		'accounts.json': JSON.stringify(history.accounts),
		'usage.csv': csv(['accountId', 'day', 'activeUsers', 'events', 'feature'], history.usage),
		'tickets.json': JSON.stringify(history.tickets),
		'outcomes.csv': csv(['accountId', 'churnedAt', 'renewedAt', 'expandedAt'], history.outcomes),
		'a.json': JSON.stringify(SHIPPED_PACKS['decision-triggers']),
		'b.json': JSON.stringify(tightened),
		...overrides,
	};
}

function io(given: Record<string, string> = files(), tty = false) {
	const out: string[] = [];
	const err: string[] = [];
	const cli: BacktestCliIo = {
		stdout: (t) => out.push(t),
		stderr: (t) => err.push(t),
		readFile: (path) => {
			if (path in given) return given[path];
			throw new Error(`ENOENT: no such file or directory, open '${path}'`);
		},
		stderrIsTTY: tty,
	};
	return { cli, out, err };
}

const BASE = ['backtest', '--accounts', 'accounts.json', '--history', 'usage.csv', '--tickets', 'tickets.json', '--outcomes', 'outcomes.csv'];

describe('cs-signal-os backtest', () => {
	it('prints the per-rule table; no progress when stderr is not a terminal', async () => {
		const { cli, out, err } = io();
		expect(await main(BASE, cli)).toBe(0);
		expect(err).toEqual([]);
		const lines = out.join('\n').split('\n');
		expect(lines.slice(0, 4)).toEqual(TABLE_HEAD);
		expect(lines.filter((line) => /^(Rule |risk\.exec_escalation|event\.support_escalation|Overall)/.test(line))).toEqual(TABLE_LINES);
	});

	it('--json gives the same figures as the table; --progress reports dates, accounts per second and time left', async () => {
		const { cli, out, err } = io();
		expect(await main([...BASE, '--json', '--progress', '--rules', 'a.json'], cli)).toBe(0);
		const report = JSON.parse(out.join(''));
		expect(report.rules.map((rule: { ruleId: string }) => rule.ruleId)).toEqual(['risk.exec_escalation', 'risk.technical_review', 'expansion.depth_and_sentiment', 'stakeholder.new_executive']);
		expect(report.rules[0]).toEqual(JSON_EXEC_ESCALATION);
		expect(err).toHaveLength(report.window.dates.length);
		expect(err[0]).toMatch(/^backtest: 1\/19 dates, [\d,]+ accounts\/s, about \d+ s left$/);
		expect(err[18]).toMatch(/^backtest: 19\/19 dates, [\d,]+ accounts\/s, about 0 s left$/);
	});

	it('shows progress by itself on a terminal', async () => {
		const { cli, err } = io(files(), true);
		expect(await main([...BASE, '--rules', 'a.json', '--from', '2026-06-01'], cli)).toBe(0);
		expect(err.map((line) => line.replace(/[\d,]+ accounts\/s, about \d+ s left/, '…'))).toEqual(['backtest: 1/6 dates, …', 'backtest: 2/6 dates, …', 'backtest: 3/6 dates, …', 'backtest: 4/6 dates, …', 'backtest: 5/6 dates, …', 'backtest: 6/6 dates, …']);
	});

	it('--compare prints both packs side by side with the deltas', async () => {
		const { cli, out } = io();
		expect(await main([...BASE, '--compare', 'a.json', 'b.json'], cli)).toBe(0);
		const lines = out.join('\n').split('\n');
		expect(lines[0]).toBe('COMPARE — A: a.json   B: b.json   (Δ = B − A)');
		expect(lines.filter((line) => /^(Rule |risk\.exec_escalation|Overall)/.test(line))).toEqual(COMPARE_LINES);
	});

	it('--format html: a self-contained page with SVG charts and every customer text escaped', async () => {
		const { cli, out } = io();
		expect(await main([...BASE, '--format', 'html'], cli)).toBe(0);
		const page = out.join('\n');
		expect(page.startsWith('<!doctype html>')).toBe(true);
		expect(page).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
		expect(page).toContain('data-chart="precision-recall"');
		expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(page).not.toContain('<img');
		expect(page).not.toMatch(/<script|src="http/);
	});

	it('a bad row: file, line and field named, exit 1, nothing printed', async () => {
		const bad = files({ 'outcomes.csv': 'accountId,churnedAt\nacct-0001,2026-04-27T00:00:00Z\nacct-0002,soon\n' });
		const { cli, out, err } = io(bad);
		expect(await main(BASE, cli)).toBe(1);
		expect(out).toEqual([]);
		expect(err).toEqual(['1 row is not usable; nothing was replayed:\noutcomes.csv line 3: outcome 1: churnedAt "soon" is not an ISO-8601 date']);
	});

	it('refuses what it cannot do, saying how to fix it', async () => {
		const run = async (args: string[]) => {
			const { cli, err } = io();
			return [await main(args, cli), err.join('\n').split('\n')[0]];
		};
		expect(await run([...BASE, '--compare', 'a.json'])).toEqual([1, '--compare needs two pack files: --compare packA.json packB.json (got 1).']);
		expect(await run([...BASE, '--every', 'weekly'])).toEqual([1, 'backtest: every "weekly" is not a number of whole days: write e.g. 7d, 4w or P28D']);
		expect(await run([...BASE, '--format', 'pdf'])).toEqual([1, '--format "pdf" is not one of table, html.']);
		expect(await run(['backtest', '--accounts', 'accounts.json', '--outcomes', 'outcomes.csv'])).toEqual([1, 'backtest needs --accounts, --outcomes and a history (--history, --signals or --tickets).']);
	});
});

const TABLE_HEAD = [
	'BACKTEST — decision-triggers, event-playbooks, onboarding, health, renewal, expansion',
	'19 evaluation dates every 7 days, 2026-03-02 … 2026-07-06 (UTC); horizon 28 days',
	'60 accounts: 6 churned, 3 expanded, 29 renewed; 1094 account evaluations',
	'Base rate: 2.2% of evaluations are followed by churn within 28 days, 1.1% by expansion',
];
const TABLE_LINES = [
	'Rule                          Outcome    Fires  Accounts  Alerts/100/wk  Precision  Recall  Lead time (median, IQR)   Lift',
	'risk.exec_escalation          churn         40         9           0.82        60%    100%           24 d (23.3–27)  27.4×',
	'event.support_escalation      churn         37        14           1.28      64.9%    100%           24 d (23.3–27)  29.6×',
	'Overall (35 churn rules)      churn       1094        60          38.39       2.2%    100%           24 d (23.3–27)     1×',
];
const JSON_EXEC_ESCALATION = {
	ruleId: 'risk.exec_escalation',
	name: 'Executive escalation before renewal',
	pack: 'decision-triggers',
	family: 'risk',
	outcome: 'churned',
	fires: 40,
	accountsFlagged: 9,
	alerts: 10,
	precision: 0.6,
	recall: 1,
	outcomesWarnable: 6,
	outcomesWarned: 6,
	leadTimeDays: { median: 24, q1: 23.3, q3: 27 },
	alertsPer100AccountsPerWeek: 0.91,
	lift: 27.35,
};
const COMPARE_LINES = [
	'Rule                  Fires A   B   Δ  Alerts/100/wk A     B      Δ  Precision A    B       Δ  Recall A     B  Δ  Lead A     B  Δ',
	'risk.exec_escalation       40  32  −8             0.91  0.82  −0.09          60%  75%  +15 pt      100%  100%  0    24 d  24 d  0',
	'Overall                    40  32  −8             0.91  0.82  −0.09          60%  75%  +15 pt      100%  100%  0    24 d  24 d  0',
];
