/**
 * The hostile-input suite (issue 16), engine and CLI: items, configs and command lines a hostile user or a
 * broken upstream node would send, property-based (fast-check; seeds printed on failure, see
 * test/fixtures/hostile.ts). For every entry point in the intelligence, report, brief and source-detection areas:
 * - no crash: no TypeError, no stack trace, only the documented error types;
 * - every problem names its item (kind and index) and, for a field, the field;
 * - the other items are processed (each input item is scored, reported, or named in a grouped problem);
 * - no message shows a value as "[object Object]" or carries an internal error (TypeError, a stack).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../bin/cs-signal-os';
import { aggregateItems, IntelligenceConfigError, resolveIntelligenceConfig } from '../../engine/aggregate';
import { briefFromItem } from '../../engine/act/briefs';
import { reportFromItems } from '../../engine/act/report';
import { detectSupportSignalsFromItems } from '../../engine/detect/support';
import { ValidationError } from '../../engine/model';
import { sweepCrmItems } from '../../engine/sweeps';
import { demoBook } from '../fixtures/briefs/book';
import { hostileText, runs } from '../fixtures/hostile';

const STORIES = join(__dirname, '..', 'fixtures', 'stories');
const story = (file: string): Array<Record<string, unknown>> => JSON.parse(readFileSync(join(STORIES, file), 'utf8'));
const AS_OF = '2026-03-02T09:00:00Z';
const ACCOUNTS = [...story('acme.accounts.json'), ...story('expansion.accounts.json'), ...story('safe-account.accounts.json')];
const SIGNALS = [...story('acme.signals.json'), ...story('expansion.signals.json')];
const TICKETS = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'support', 'tickets.json'), 'utf8')) as Array<Record<string, unknown>>;
const CRM_ROWS = [
	{ accountId: 'A-1', name: 'Acme Corp', arr: 48000, renewalDate: '2026-05-28', paymentStatus: 'past_due' },
	{ accountId: 'A-2', name: 'Globex', arr: 20000, discountExpiryDate: '2026-04-01' },
];
const BOOK = demoBook();

/** Values nobody should send: wrong types, non-finite numbers, prototype names, impossible dates, hostile text. */
const hostileValue = fc.oneof(
	hostileText,
	fc.constantFrom<unknown>(null, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1e308, -1, 0, 1.5, '', ' ', [], {}, [[]], true, false, '__proto__', 'constructor', 'toString', 'hasOwnProperty', '2026-02-31', '31/02/2026', 'P999999999Y', '1e999', '\u0000', 'lastweek'),
	fc.anything({ maxDepth: 2, maxKeys: 3 }),
);

/** Leaf paths of a JSON value (and each object itself, so a key can be added or replaced there). */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
	out.push(prefix);
	if (Array.isArray(value)) value.forEach((entry, i) => paths(entry, [...prefix, i], out));
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
	return out;
}

function setAt(root: unknown, path: Array<string | number>, value: unknown): unknown {
	if (path.length === 0) return value;
	const copy: Record<string | number, unknown> = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
	const [head, ...rest] = path;
	Object.defineProperty(copy, head, { value: setAt(copy[head], rest, value), enumerable: true, writable: true, configurable: true });
	return copy;
}

/** A fixture item with up to three hostile changes: a field replaced, a key added (prototype names too), the whole item replaced. */
function mutated<T>(bases: readonly T[]) {
	const change = fc.tuple(fc.nat(), hostileValue, fc.constantFrom('replace', 'add', 'whole'), fc.constantFrom('note', '__proto__', 'constructor', 'toString', 'accountId', 'id'));
	return fc.tuple(fc.constantFrom(...bases), fc.array(change, { maxLength: 3 })).map(([base, changes]) => {
		let item: unknown = JSON.parse(JSON.stringify(base));
		for (const [n, value, how, key] of changes) {
			if (how === 'whole') item = n % 4 === 0 ? value : item;
			else {
				const all = paths(item);
				const at = all[n % all.length];
				item = how === 'replace' ? setAt(item, at, value) : item && typeof item === 'object' && !Array.isArray(item) ? setAt(item, [key], value) : item;
			}
		}
		return item;
	});
}

/** A sentence a person can act on: names the item, never prints a missing value as "undefined". */
function expectNamedProblem(message: string, kinds: RegExp, index: number) {
	expect(message).toMatch(new RegExp(`^(${kinds.source}) ${index}\\b`));
	expect(message).not.toMatch(/\[object Object\]|TypeError|Cannot read|is not a function|is not iterable|\n\s+at /);
}

describe('CS Account Intelligence (aggregateItems): hostile accounts and signals', () => {
	it('every account is scored or named; every signal is counted, named, or named in its group; nothing crashes', () => {
		fc.assert(
			fc.property(fc.array(mutated(ACCOUNTS), { maxLength: 5 }), fc.array(mutated(SIGNALS), { maxLength: 8 }), fc.boolean(), (accounts, signals, ignoreUnmatched) => {
				const result = aggregateItems(accounts, signals, { asOf: AS_OF, unmatchedSignals: ignoreUnmatched ? 'ignore' : 'error' });
				const badAccounts = result.unusable.filter((u) => u.input === 'accounts');
				expect(result.items.length + badAccounts.length).toBe(accounts.length);
				for (const problem of result.unusable) expectNamedProblem(problem.message, problem.input === 'accounts' ? /account/ : /signal/, problem.itemIndex);
				const counted = new Set(result.items.flatMap((item) => item.signalIndexes));
				const named = new Set(result.unusable.filter((u) => u.input === 'signals').flatMap((u) => [u.itemIndex, ...[...u.message.matchAll(/signals? ([\d, and]+)/g)].flatMap((m) => m[1].split(/, | and /).map(Number))]));
				signals.forEach((_signal, index) => {
					if (!counted.has(index) && !named.has(index)) {
						// only an unmatched signal may go unnamed, and only when told to ignore them
						expect(ignoreUnmatched).toBe(true);
					}
				});
				for (const item of result.items) for (const n of [item.intelligence.health.score, item.intelligence.risk.score]) expect(Number.isFinite(n)).toBe(true);
			}),
			runs('engine'),
		);
	});

	it('config overrides: a valid config or an IntelligenceConfigError naming the setting, never a crash', () => {
		const keys = fc.constantFrom('health', 'weights', 'usage', 'risk', 'topDrivers', 'bands', 'three', 'windows', 'segments', 'byCurrency', 'EUR', '__proto__', 'constructor', 'toString', 'x');
		const overrides = fc.dictionary(keys, fc.oneof(hostileValue, fc.dictionary(keys, hostileValue, { maxKeys: 3 })), { maxKeys: 3 });
		fc.assert(
			fc.property(overrides, (raw) => {
				const json = JSON.parse(JSON.stringify(raw) ?? '{}');
				try {
					const config = resolveIntelligenceConfig(json);
					expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
				} catch (error) {
					expect(error).toBeInstanceOf(IntelligenceConfigError);
					for (const problem of (error as IntelligenceConfigError).problems) expect(problem).not.toMatch(/TypeError|Cannot read|undefined/);
				}
			}),
			runs('engine'),
		);
	});
});

describe('CS Portfolio Report (reportFromItems): hostile intelligence, decisions and actioned records', () => {
	it('every item is used or named; the numbers stay finite; duplicates never double the ARR', () => {
		const bases = [...BOOK.intelligence, ...BOOK.decisions, ...BOOK.actioned];
		fc.assert(
			fc.property(fc.array(mutated(bases), { maxLength: 8 }), (items) => {
				const result = reportFromItems(items, { asOf: AS_OF });
				expect(result.used.length + result.unusable.length).toBe(items.length);
				for (const problem of result.unusable) expectNamedProblem(problem.message, /intelligence|decision|actioned record|item/, problem.itemIndex);
				const { report } = result.output;
				expect(Number.isFinite(report.totalArr)).toBe(true);
				const accounts = new Set(items.filter((_, i) => result.used.includes(i)).map((item) => (item as { accountId?: unknown; health?: unknown }).health && (item as { accountId: string }).accountId).filter(Boolean));
				expect(report.accounts).toBe(accounts.size);
			}),
			runs('engine'),
		);
	});
});

describe('CS Account Brief (briefFromItem): hostile intelligence and decision items', () => {
	it('a brief, or an error naming the item — never a crash', () => {
		const bases = [...BOOK.intelligence, ...BOOK.decisions.map((d) => ({ ...d, intelligence: BOOK.intelligence[0] }))];
		fc.assert(
			fc.property(mutated(bases), fc.constantFrom('executive', 'pre-meeting', 'ebr', 'qbr', 'slack-alert' as const), fc.nat(20), (item, type, index) => {
				try {
					const out = briefFromItem(item as Record<string, unknown>, index, { type, formats: ['markdown', 'slack'], signalsField: 'signals', intelligenceField: 'intelligence' });
					expect(typeof out.markdown).toBe('string');
				} catch (error) {
					expect(error).toBeInstanceOf(Error);
					expect(error).not.toBeInstanceOf(TypeError);
					expectNamedProblem((error as Error).message, /intelligence|decision|item/, index);
				}
			}),
			runs('engine'),
		);
	});
});

describe('CS Support Signals and CS CRM Signals from input items', () => {
	it('support tickets: each ticket is used or named, nothing crashes', () => {
		fc.assert(
			fc.property(fc.array(mutated(TICKETS.slice(0, 6)), { maxLength: 8 }), (items) => {
				const result = detectSupportSignalsFromItems(items, { asOf: '2026-08-20T00:00:00Z' });
				for (const problem of result.unusable) expectNamedProblem(problem.message, /ticket( item)?|item/, problem.itemIndex);
				for (const { itemIndexes } of result.detections) for (const i of itemIndexes) expect(result.unusable.some((u) => u.itemIndex === i)).toBe(false);
			}),
			runs('engine'),
		);
	});

	it('CRM rows: each row is an account or named; the saved deal stages keep their own keys', () => {
		fc.assert(
			fc.property(fc.array(mutated(CRM_ROWS), { maxLength: 6 }), (items) => {
				let result;
				try {
					result = sweepCrmItems({ items, asOf: AS_OF });
				} catch (error) {
					// only a duplicate account across rows is refused for the whole run, by name
					expect(error).toBeInstanceOf(ValidationError);
					return;
				}
				expect(result.accounts.length + result.unusable.length).toBeGreaterThanOrEqual(Math.min(1, items.length));
				for (const problem of result.unusable) expectNamedProblem(problem.message, /account|item|row/, problem.itemIndex);
				expect(Object.getPrototypeOf(result.state.dealStages)).toBe(Object.prototype);
			}),
			runs('engine'),
		);
	});
});

describe('the command line: intelligence, report and brief with hostile files and arguments', () => {
	const jsonFile = fc.oneof(
		fc.array(mutated([...ACCOUNTS, ...SIGNALS, ...BOOK.intelligence, ...BOOK.decisions]), { maxLength: 5 }).map((items) => JSON.stringify(items)),
		hostileText,
		fc.constantFrom('', '[', '{}', 'null', '[1e999]', '{"__proto__": {"x": 1}}', '\u0000', '[{"accountId": "constructor"}]'),
	);
	const value = fc.oneof(hostileText, fc.constantFrom('a.json', 'b.json', 'missing.json', AS_OF, 'lastweek', 'acme', 'acc-northwind', 'markdown', 'html', 'slack', 'json', 'context', 'executive', 'qbr', '--x', ''));
	const option = fc.constantFrom('--accounts', '--signals', '--intelligence', '--decisions', '--account', '--type', '--format', '--as-of', '--title', '--config', '--ignore-unmatched', '--help', '--unknown');
	const argv = fc.tuple(fc.constantFrom('intelligence', 'report', 'brief'), fc.array(fc.tuple(option, value), { maxLength: 5 })).map(([command, pairs]) => [command, ...pairs.flat()]);

	it('exit 0, 1 or 2 with a sentence, never a stack trace or an internal error', async () => {
		await fc.assert(
			fc.asyncProperty(argv, jsonFile, jsonFile, async (args, a, b) => {
				const files: Record<string, string> = { 'a.json': a, 'b.json': b };
				const out: string[] = [];
				const err: string[] = [];
				const code = await main(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readFile: (p) => { if (!(p in files)) throw new Error(`ENOENT: no such file, open '${p}'`); return files[p]; } });
				expect([0, 1, 2]).toContain(code);
				const stderr = err.join('\n');
				expect(stderr).not.toMatch(/TypeError|Cannot read propert|is not a function|is not iterable|Maximum call stack|\n\s+at \S+ \(|\[object Object\]/);
				expect(stderr).not.toMatch(/^cs-signal-os \w+: /);
				if (code !== 0) expect(stderr.length).toBeGreaterThan(0);
			}),
			runs('cli'),
		);
	});
});
