/**
 * Issue 16, one test per finding in the report / intelligence / brief areas (each failed before its fix):
 * finding 4 (double counting), 9 (prototype-named ids, `__proto__` in overrides), 10 and 11 (inputs the report,
 * intelligence and brief did not check, `1e999`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../bin/cs-signal-os';
import { aggregateItems, computeIntelligence, recordHealthScores, resolveIntelligenceConfig } from '../../engine/aggregate';
import { reportFromItems } from '../../engine/act/report';
import { RecordStoreLedger } from '../../engine/ledger';
import { AccountSchema, SignalSchema } from '../../engine/model';
import { demoBook } from '../fixtures/briefs/book';

const STORIES = join(__dirname, '..', 'fixtures', 'stories');
const story = (file: string): Array<Record<string, unknown>> => JSON.parse(readFileSync(join(STORIES, file), 'utf8'));
const AS_OF = '2026-03-02T09:00:00Z';

function cli(argv: string[], files: Record<string, string>) {
	const out: string[] = [];
	const err: string[] = [];
	const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), readFile: (p: string) => { if (!(p in files)) throw new Error('ENOENT'); return files[p]; } };
	return main(argv, io).then((code) => ({ code, stdout: out.join('\n'), stderr: err.join('\n') }));
}

describe('finding 4: the same signal id counts once, the same account once', () => {
	it('Acme\'s risk does not rise when its signals come in twice', () => {
		const accounts = story('acme.accounts.json');
		const signals = story('acme.signals.json');
		const once = aggregateItems(accounts, signals, { asOf: AS_OF });
		const twice = aggregateItems(accounts, [...signals, ...signals], { asOf: AS_OF });
		expect(twice.items[0].intelligence.risk.score).toBe(once.items[0].intelligence.risk.score);
		expect(twice.items[0].intelligence).toEqual(once.items[0].intelligence);
		// both copies were read: the output is paired with every one of them
		expect(twice.items[0].signalIndexes).toHaveLength(signals.length * 2);
	});

	it('of two copies of a signal id, the one detected last counts', () => {
		const accounts = story('acme.accounts.json').map((a) => AccountSchema.parse(a));
		const [first] = story('acme.signals.json').map((s) => SignalSchema.parse(s));
		const newer = { ...first, severity: 2, detectedAt: '2026-03-01T00:00:00Z' };
		const [a] = computeIntelligence(accounts, [newer, first], { asOf: AS_OF });
		const [b] = computeIntelligence(accounts, [first, newer], { asOf: AS_OF });
		expect(a).toEqual(b);
		expect(computeIntelligence(accounts, [newer], { asOf: AS_OF })[0]).toEqual(a);
	});

	it('duplicate intelligence items do not double the report\'s ARR: counted once, with a warning', () => {
		const { intelligence } = demoBook();
		const once = reportFromItems(intelligence);
		const twice = reportFromItems([...intelligence, intelligence[1]]);
		expect(twice.output.report.totalArr).toBe(once.output.report.totalArr);
		expect(twice.output.report.accounts).toBe(3);
		expect(twice.warnings).toEqual([`intelligence 3: account "${intelligence[1].accountId}" is also intelligence 1; counted once (the one as of ${intelligence[1].asOf}, intelligence 3)`]);
		expect(twice.used).toEqual([0, 1, 2, 3]);
	});

	it('a decision given twice counts once in the triggers', () => {
		const { intelligence, decisions } = demoBook();
		const once = reportFromItems([...intelligence, ...decisions]);
		const twice = reportFromItems([...intelligence, ...decisions, decisions[0]]);
		expect(twice.output.report.triggers).toEqual(once.output.report.triggers);
		expect(twice.warnings).toEqual([`decision 9: decisionId "${decisions[0].decisionId}" is also decision 3; counted once`]);
	});
});

describe('finding 9: ids and names that are Object.prototype\'s', () => {
	const PROTO_IDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];

	it('accounts with those ids are scored with the ledger\'s trend on, and their scores recorded', () => {
		const [acme] = story('acme.accounts.json');
		const accounts = PROTO_IDS.map((accountId) => ({ ...acme, accountId, name: accountId }));
		const ledger = new RecordStoreLedger();
		ledger.appendHealthScore('toString', '2026-02-23T09:00:00Z', 60);
		const result = aggregateItems(accounts, [], { asOf: AS_OF, healthHistory: (id) => ledger.getHealthHistory(id) });
		expect(result.unusable).toEqual([]);
		expect(result.items.map((item) => item.intelligence.accountId)).toEqual(PROTO_IDS);
		expect(result.items[2].intelligence.health.trend.delta7d).not.toBeNull();
		recordHealthScores(ledger, result.items.map((item) => item.intelligence));
		for (const id of PROTO_IDS) expect([id, ledger.getHealthHistory(id).length]).toEqual([id, id === 'toString' ? 2 : 1]);
		expect(Object.getPrototypeOf(ledger.state.health)).toBe(Object.prototype);
		// and the state survives n8n saving it as JSON
		const reloaded = new RecordStoreLedger(JSON.parse(JSON.stringify({ csSignalLedger: ledger.state })));
		expect(reloaded.getHealthHistory('__proto__')).toHaveLength(1);
	});

	it('"__proto__" in config overrides is refused like any unknown key', () => {
		expect(() => resolveIntelligenceConfig(JSON.parse('{"__proto__": {"health": {"noDataScore": 5}}}'))).toThrow('Invalid intelligence configuration: unknown setting(s) "__proto__"');
		expect(() => resolveIntelligenceConfig(JSON.parse('{"health": {"__proto__": {"noDataScore": 5}}}'))).toThrow('Invalid intelligence configuration: health: unknown setting(s) "__proto__"');
		expect(() => resolveIntelligenceConfig({ constructor: 1 })).toThrow('unknown setting(s) "constructor"');
	});
});

describe('finding 10: inputs the report did not check', () => {
	const { intelligence, decisions } = demoBook();
	const files = { 'intel.json': JSON.stringify(intelligence), 'decisions.json': JSON.stringify(decisions) };

	it('report --as-of lastweek is a clear error, with and without --decisions (it was printed verbatim / a TypeError)', async () => {
		const expected = { code: 1, stdout: '', stderr: 'report: as-of "lastweek" is not an ISO-8601 date: give the week\'s end as a date such as 2026-03-02 or a date-time such as 2026-03-02T18:00:00+01:00' };
		expect(await cli(['report', '--intelligence', 'intel.json', '--as-of', 'lastweek'], files)).toEqual(expected);
		expect(await cli(['report', '--intelligence', 'intel.json', '--decisions', 'decisions.json', '--as-of', 'lastweek'], files)).toEqual(expected);
		const controls = await cli(['report', '--intelligence', 'intel.json', '--as-of', 'x\u001b[31m\r# y'], files);
		expect(controls.stderr).toContain('as-of "x\\u001b[31m\\r# y" is not an ISO-8601 date');
	});

	it('decisions for accounts outside the book are counted with a warning', async () => {
		const stranger = { ...decisions[0], decisionId: 'dec-stranger', accountId: 'acc-unknown', accountName: 'Unknown Ltd' };
		const result = reportFromItems([...intelligence, ...decisions, stranger]);
		expect(result.warnings).toEqual(['1 decision (decision 9) is for 1 account outside the book ("acc-unknown"): counted in the triggers, not in any account\'s numbers']);
		const r = await cli(['report', '--intelligence', 'intel.json', '--decisions', 'more.json', '--format', 'json'], { ...files, 'more.json': JSON.stringify([...decisions, stranger]) });
		expect(r.code).toBe(0);
		expect(r.stderr).toBe('warning: 1 decision (decision 6) is for 1 account outside the book ("acc-unknown"): counted in the triggers, not in any account\'s numbers');
	});

	it('a bad decision is named by its kind and its index in its own file', async () => {
		const r = await cli(['report', '--intelligence', 'intel.json', '--decisions', 'decisions.json', '--decisions', 'bad.json'], { ...files, 'bad.json': JSON.stringify([decisions[1], { ...decisions[0], firedAt: 'yesterday' }]) });
		expect(r).toEqual({ code: 1, stdout: '', stderr: '1 bad item; no report was written:\nbad.json: decision 1: firedAt "yesterday" is not an ISO-8601 date' });
	});
});

describe('finding 11: brief and intelligence say the right thing', () => {
	it('brief never lists "Accounts: undefined, undefined"', async () => {
		const accounts = story('acme.accounts.json');
		const r = await cli(['brief', '--intelligence', 'accounts.json', '--account', 'acmee'], { 'accounts.json': JSON.stringify([{ name: 'A' }, { name: 'B' }, accounts[0]]) });
		expect(r.stderr).toBe('No account "acmee" in accounts.json. Did you mean "acme"? Accounts: acme. 2 items have no accountId: is accounts.json AccountIntelligence (the output of "cs-signal-os intelligence")?');
		expect(r.stderr).not.toContain('undefined');
	});

	it('intelligence counts the bad items right and reports the signals of a bad account once, as one cause', async () => {
		const [acme] = story('acme.accounts.json');
		const signals = story('acme.signals.json');
		const files = {
			'accounts.json': JSON.stringify([{ ...acme, arr: 'lots', renewalDate: 'soon' }, { name: 'no id' }]),
			'signals.json': JSON.stringify([...signals, { ...signals[0], id: 'x1', accountId: 'nobody' }, { ...signals[0], id: 'x2', accountId: 'nobody' }]),
		};
		const r = await cli(['intelligence', '--accounts', 'accounts.json', '--signals', 'signals.json', '--as-of', AS_OF], files);
		expect(r.code).toBe(1);
		expect(r.stderr.split('\n')).toEqual([
			`2 account items and ${signals.length + 2} signal items are not usable; nothing was scored:`,
			'accounts.json: account 0: arr "lots" must be a number (annual recurring revenue); renewalDate "soon" is not an ISO-8601 date',
			'accounts.json: account 1: accountId is required but missing',
			`signals.json: signal 0: its account "acme" is account item 0, which is not usable (see its own error); ${signals.length} signals (signals ${[...Array(signals.length).keys()].join(', ').replace(/, (\d+)$/, ' and $1')}) were not scored`,
			`signals.json: signal ${signals.length}: accountId "nobody" matches no account item (signals ${signals.length} and ${signals.length + 1}); add the account or ignore unmatched signals`,
		]);
	});

	it('1e999 is not a number anyone meant: refused where items are read', () => {
		const [acme] = story('acme.accounts.json');
		const result = aggregateItems([JSON.parse(JSON.stringify(acme).replace(/"arr":\s*\d+/, '"arr": 1e999'))], [], { asOf: AS_OF });
		expect(result.unusable.map((u) => u.message)).toEqual(['account 0: arr Infinity must be a finite number']);
		const [signal] = story('acme.signals.json');
		const signals = aggregateItems([acme], [{ ...signal, value: Number.POSITIVE_INFINITY }], { asOf: AS_OF });
		expect(signals.unusable.map((u) => u.message)).toEqual(['signal 0: value Infinity must be a finite number']);
	});
});
