/**
 * `cs-signal-os signals exec|market`: the exec and market detectors over exported files, exactly what the nodes'
 * "From Input Items" modes give; bad items listed by file and index; usage errors with the help.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../bin/cs-signal-os';
import type { CliIo } from '../../bin/commands/cli';
import { parseFeedItems } from '../../engine/sources/feeds';
import { accounts as execAccounts, salesforceContactHistory } from '../fixtures/exec/book';

function io(files: Record<string, string>) {
	const out: string[] = [];
	const err: string[] = [];
	const cli: CliIo = {
		stdout: (text) => out.push(text),
		stderr: (text) => err.push(text),
		readFile: (path) => {
			if (!(path in files)) throw new Error(`ENOENT: no such file, open '${path}'`);
			return files[path];
		},
	};
	return { cli, out, err };
}

const AS_OF = '2026-11-14T12:00:00Z';
const FEEDS = join(__dirname, '..', 'fixtures', 'feeds');

describe('cs-signal-os signals exec', () => {
	it('Salesforce ContactHistory rows → the title changes, the new VP and the re-organisation, as a JSON array', async () => {
		const { cli, out, err } = io({ '/in/history.json': JSON.stringify(salesforceContactHistory), '/in/accounts.json': JSON.stringify(execAccounts) });
		const code = await main(['signals', 'exec', '--input', '/in/history.json', '--accounts', '/in/accounts.json', '--format', 'salesforce', '--system', 'salesforce', '--as-of', AS_OF], cli);
		expect([code, err]).toEqual([0, []]);
		expect((JSON.parse(out.join('')) as Array<{ type: string; evidence: string }>).map((signal) => [signal.type, signal.evidence])).toEqual([
			['exec.title_change', 'Executive Ana Ruiz changed title on 2026-10-01: Platform Lead → Head of Platform (Manager → VP)'],
			['exec.new_executive', 'New VP at Globex: Ana Ruiz, Head of Platform, since 2026-10-01; nobody on the account team has engaged them yet'],
			[
				'exec.reorganisation',
				'Re-organisation at Globex: 3 contacts changed title between 2026-10-01 and 2026-10-20 (Ana Ruiz: Platform Lead → Head of Platform; Ben Osei: Analytics Engineer → Data Engineer; Chloé Martin: Product Owner → Product Manager)',
			],
		]);
	});

	it('a Clay export with its own column names, mapped with --map; a bad row fails the run naming file, row and field unless --skip-unusable', async () => {
		const rows = [
			{ 'Person ID': 'c-1', 'Full Name': 'Jo Lee', 'Company ID': 'acc-acme', 'Old Title': 'Director of Operations', 'New Title': 'VP Operations', 'Changed On': '2026-10-05' },
			{ 'Person ID': 'c-2', 'Full Name': 'Sam', 'Company ID': 'acc-acme', 'Old Title': 'Manager', 'New Title': 'Director', 'Changed On': 'last week' },
		];
		const maps = ['--map', 'contactId=Person ID', '--map', 'name=Full Name', '--map', 'accountId=Company ID', '--map', 'titleBefore=Old Title', '--map', 'titleAfter=New Title', '--map', 'titleChangedAt=Changed On'];
		const files = { '/in/clay.json': JSON.stringify(rows), '/in/accounts.json': JSON.stringify(execAccounts) };
		const strict = io(files);
		expect(await main(['signals', 'exec', '--input', '/in/clay.json', '--accounts', '/in/accounts.json', ...maps, '--as-of', AS_OF], strict.cli)).toBe(1);
		expect(strict.out).toEqual([]);
		expect(strict.err).toEqual([
			'1 unusable item; no signals were printed (--skip-unusable prints the others):\n/in/clay.json: row 1 (contact c-2): Changed On "last week" is not a date (write ISO-8601 such as "2026-11-03" or "2026-11-03T09:00:00Z")',
		]);
		const lenient = io(files);
		expect(await main(['signals', 'exec', '--input', '/in/clay.json', '--accounts', '/in/accounts.json', ...maps, '--as-of', AS_OF, '--skip-unusable'], lenient.cli)).toBe(0);
		expect((JSON.parse(lenient.out.join('')) as Array<{ evidence: string }>).map((signal) => signal.evidence)).toEqual([
			// matched by name to the account's known contact Jo Lee, the champion
			'Champion Jo Lee promoted on 2026-10-05: Director of Operations → VP Operations (Director → VP)',
		]);
		expect(lenient.err).toEqual(['1 item skipped:\n/in/clay.json: row 1 (contact c-2): Changed On "last week" is not a date (write ISO-8601 such as "2026-11-03" or "2026-11-03T09:00:00Z")']);
	});

	it('usage errors say what is wrong and show the help', async () => {
		const missing = io({});
		expect(await main(['signals', 'exec', '--input', '/in/x.json'], missing.cli)).toBe(1);
		expect(missing.err[0]).toMatch(/^Both --input and --accounts are required\.\n\nUsage: cs-signal-os signals exec --input/);
		const unknown = io({});
		expect(await main(['signals', 'exce'], unknown.cli)).toBe(1);
		expect(unknown.err[0]).toMatch(/^Unknown source "exce" for "signals" \(known: usage, exec, market, meetings, email, slack\)\./);
		const option = io({});
		expect(await main(['signals', 'exec', '--fromat', 'usergems'], option.cli)).toBe(1);
		expect(option.err[0]).toMatch(/^Unknown option --fromat for "signals exec"\. Did you mean "--format"\?/);
		const help = io({});
		expect(await main(['signals', 'market', '--help'], help.cli)).toBe(0);
		expect(help.out[0]).toMatch(/--competitors <a,b>\s+competitor names/);
	});
});

describe('cs-signal-os signals market', () => {
	it('news items read from two feeds: one layoff story, the hedged sale at a lower severity, nothing for the denial; the accounts’ aliases come from their fields', async () => {
		const google = parseFeedItems(readFileSync(join(FEEDS, 'google-news-acme.xml'), 'utf8'), { kind: 'google_news', url: 'https://news.google.com/rss/search?q=%22Acme%20Corp%22' }).items;
		const reuters = parseFeedItems(readFileSync(join(FEEDS, 'reuters-business.xml'), 'utf8'), { kind: 'feed', url: 'https://feeds.example-publisher.test/reuters/business.xml' }).items;
		const accounts = [{ accountId: 'acc-acme', name: 'Acme Corp', domain: 'acme.com', aliases: ['Roadrunner Freight'] }];
		// named only by its alias, which the Account item carries in its "aliases" field
		const byAlias = { id: 'local-1', title: 'Roadrunner Freight to cut 120 jobs at its Porto depot', publishedAt: '2026-11-12T10:00:00Z', feed: { kind: 'feed', url: 'https://local-news.example/feed.xml' } };
		const { cli, out, err } = io({ '/in/news.jsonl': [...google, ...reuters, byAlias].map((item) => JSON.stringify(item)).join('\n'), '/in/accounts.json': JSON.stringify(accounts) });
		expect(await main(['signals', 'market', '--input', '/in/news.jsonl', '--accounts', '/in/accounts.json', '--as-of', AS_OF], cli)).toBe(0);
		expect(err).toEqual([]);
		const signals = JSON.parse(out.join('')) as Array<{ type: string; severity: number; evidence: string }>;
		expect(signals.map((signal) => [signal.type, signal.severity, signal.evidence])).toEqual([
			['market.acquisition', 4, 'Bloomberg via Google News, 10 Nov: "Acme Corp reportedly weighs sale of its logistics unit"'],
			['market.layoffs', 7, 'local-news.example, 12 Nov: "Roadrunner Freight to cut 120 jobs at its Porto depot"'],
			['market.layoffs', 7, 'Reuters via Google News, 14 Nov: "Acme Corp to cut 8% of workforce"'],
		]);
	});
});
