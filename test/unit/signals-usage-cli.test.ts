/**
 * `cs-signal-os signals usage` over CSV, JSON lines and JSON exports (streamed from disk) — the same signals as CS
 * Usage Signals' "from input items" mode, errors naming file, line, row and field with exit status 1. The table of
 * sources and the common options are the dispatcher's (signals-cli.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReadStream, readFileSync } from 'node:fs';
import { main } from '../../bin/cs-signal-os';
import { SIGNAL_SOURCES } from '../../bin/commands/signals';
import type { UsageCliIo } from '../../bin/commands/signals/usage';
import { activity } from './usage-fixtures';

function io(files: Record<string, string> = {}, streams = false) {
	const out: string[] = [];
	const err: string[] = [];
	const cli: UsageCliIo = {
		stdout: (text) => out.push(text),
		stderr: (text) => err.push(text),
		readFile: (path) => {
			if (path in files) return files[path];
			return readFileSync(path, 'utf8');
		},
		...(streams ? { readStream: (path: string) => createReadStream(path) } : {}),
	};
	return { cli, out, err };
}

const AS_OF = '2026-03-10T09:00:00Z';
const ROWS = [...activity('acme', 6, '2025-12-01', '2026-03-09'), ...activity('acme', 4, '2025-12-01', '2026-03-02', { firstUser: 7 }), ...activity('brightline', 85, '2026-03-02', '2026-03-09')];
const ACCOUNTS = JSON.stringify([{ accountId: 'acme', licensedSeats: 50 }, { accountId: 'brightline', licensedSeats: 100 }]);
const EVIDENCE = [
	['acme', 'usage.wau_drop', 'Weekly active users down 40% week over week (6 vs 10, 7 days to 2026-03-09)'],
	['brightline', 'usage.seat_utilisation_high', 'Seat utilisation 85% (85 of 100 licensed seats active in the 30 days to 2026-03-09)'],
];
const csvOf = (rows: Array<Record<string, unknown>>) => ['accountId,userId,event,occurredAt', ...rows.map((r) => `${r.accountId},${r.userId},${r.event},${r.occurredAt}`)].join('\n');

describe('cs-signal-os signals', () => {
	it('lists usage in its one table of sources', async () => {
		const { cli, out } = io();
		expect(await main(['signals', '--help'], cli)).toBe(0);
		expect(SIGNAL_SOURCES.map((s) => s.name)).toEqual(['usage', 'exec', 'market', 'meetings', 'email', 'slack']);
		expect(out.join('')).toContain('  usage    product usage from usage rows (one per event, or per account and day): CSV, JSON lines or JSON, streamed');
		const help = io();
		expect(await main(['signals', 'usage', '--help'], help.cli)).toBe(0);
		expect(help.out.join('')).toContain('Usage: cs-signal-os signals usage --input <rows.csv|.json|.jsonl> --accounts <accounts.json>');
	});
});

describe('cs-signal-os signals usage', () => {
	it('a CSV export (streamed from disk) → the Signal items as a JSON array', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'cs-usage-'));
		writeFileSync(join(dir, 'rows.csv'), csvOf(ROWS));
		writeFileSync(join(dir, 'accounts.json'), ACCOUNTS);
		const { cli, out, err } = io({}, true);
		const code = await main(['signals', 'usage', '--input', join(dir, 'rows.csv'), '--accounts', join(dir, 'accounts.json'), '--as-of', AS_OF], cli);
		expect(err).toEqual([`usage: ${ROWS.length.toLocaleString('en-US')} rows read, 2025-11-04 … 2026-03-09 (UTC), 2 signals`]);
		expect(code).toBe(0);
		expect(JSON.parse(out.join('')).map((s: Record<string, string>) => [s.accountId, s.type, s.evidence])).toEqual(EVIDENCE);
	});

	it('JSON lines and a JSON array give the same signals; a field map and epoch seconds as text are read', async () => {
		const renamed = ROWS.map((r) => ({ company: r.accountId, person: r.userId, ts: String(Date.parse(String(r.occurredAt)) / 1000) }));
		const files = { '/in/rows.jsonl': renamed.map((r) => JSON.stringify(r)).join('\n'), '/in/rows.json': JSON.stringify(renamed), '/in/a.json': ACCOUNTS };
		for (const input of ['/in/rows.jsonl', '/in/rows.json']) {
			const { cli, out, err } = io(files);
			const code = await main(['signals', 'usage', '--input', input, '--accounts', '/in/a.json', '--as-of', AS_OF, '--field-map', '{"accountKey":"company","userId":"person","occurredAt":"ts"}'], cli);
			expect([input, code, err.length]).toEqual([input, 0, 1]);
			expect(JSON.parse(out.join('')).map((s: Record<string, string>) => [s.accountId, s.type, s.evidence])).toEqual(EVIDENCE);
		}
	});

	it('a bad row: the file, line, row and field are named, exit status 1, nothing printed', async () => {
		const rows = csvOf(ROWS.slice(0, 3)) + '\nacme,u9,Page Viewed,31/02/2026\n,u9,Page Viewed,2026-03-01T10:00:00Z';
		const { cli, out, err } = io({ '/in/rows.csv': rows, '/in/a.json': ACCOUNTS });
		expect(await main(['signals', 'usage', '--input', '/in/rows.csv', '--accounts', '/in/a.json', '--as-of', AS_OF], cli)).toBe(1);
		expect(out).toEqual([]);
		expect(err.at(-1)).toBe(
			'2 unusable items; no signals were printed (--skip-unusable prints the others):\n' +
				'/in/rows.csv: line 5: usage row 3: occurredAt "31/02/2026" is not an ISO-8601 date — map the field that holds the event time\n' +
				'/in/rows.csv: line 6: usage row 4: accountId is missing — map the field that holds the account key',
		);
		const skipping = io({ '/in/rows.csv': rows, '/in/a.json': ACCOUNTS });
		expect(await main(['signals', 'usage', '--input', '/in/rows.csv', '--accounts', '/in/a.json', '--as-of', AS_OF, '--skip-unusable'], skipping.cli)).toBe(0);
		expect(JSON.parse(skipping.out.join(''))).toEqual([]);
	});

	it('usage of an unknown account fails with the key and its first line, unless told to leave it out', async () => {
		const files = { '/in/rows.jsonl': [...ROWS, { accountId: 'trial-9', userId: 'x', occurredAt: '2026-03-05T10:00:00Z' }].map((r) => JSON.stringify(r)).join('\n'), '/in/a.json': JSON.stringify([{ accountId: 'acme', mp: 'acme' }, { accountId: 'brightline', mp: 'brightline', licensedSeats: 100 }]) };
		const strict = io(files);
		expect(await main(['signals', 'usage', '--input', '/in/rows.jsonl', '--accounts', '/in/a.json', '--account-key-field', 'mp', '--as-of', AS_OF], strict.cli)).toBe(1);
		expect(strict.err.at(-1)).toBe(
			`1 unusable item; no signals were printed (--skip-unusable prints the others):\n/in/rows.jsonl: line ${ROWS.length + 1}: usage row ${ROWS.length}: account key "trial-9" is not in the account key map (1 row) — add it to the map, or map the field that holds the CRM account id`,
		);
		const lenient = io(files);
		expect(await main(['signals', 'usage', '--input', '/in/rows.jsonl', '--accounts', '/in/a.json', '--account-key-field', 'mp', '--as-of', AS_OF, '--ignore-unknown-accounts'], lenient.cli)).toBe(0);
		expect(JSON.parse(lenient.out.join('')).map((s: Record<string, string>) => s.accountId)).toEqual(['acme', 'brightline']);
	});

	it('says what is wrong with the options: an unknown one, a bad format, a bad threshold, a bad zone', async () => {
		const accounts = ['--accounts', '/in/a.json'];
		const cases: Array<[string[], string]> = [
			[['--input', '/in/rows.csv', ...accounts, '--asof', AS_OF], 'Unknown option --asof for "signals usage". Did you mean "--as-of"?'],
			[['--input', '/in/rows.xlsx', ...accounts], 'Usage file "/in/rows.xlsx": name it .csv, .jsonl or .json so its format is known.'],
			[['--input', '/in/rows.csv', ...accounts, '--thresholds', '{"wauDropPct":130}'], 'signals usage: Usage detection threshold "wauDropPct" 130 must be a percentage of at most 100 (a drop cannot exceed 100%)'],
			[['--input', '/in/rows.csv', ...accounts, '--timezone', 'Mars/Olympus'], 'signals usage: time zone "Mars/Olympus" is not an IANA time zone such as "Europe/Berlin"'],
			[['--input', '/in/rows.csv', ...accounts, '--field-map', '{"accountKey":'], '--field-map is not JSON'],
		];
		for (const [args, message] of cases) {
			const { cli, err } = io({ '/in/rows.csv': csvOf(ROWS.slice(0, 2)), '/in/rows.xlsx': '', '/in/a.json': ACCOUNTS });
			expect([args.join(' '), await main(['signals', 'usage', ...args], cli)]).toEqual([args.join(' '), 1]);
			expect(err.join('')).toContain(message);
		}
	});
});
