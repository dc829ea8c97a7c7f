import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../bin/cs-signal-os';
import type { CliIo } from '../../bin/commands/cli';

const STORIES = join(__dirname, '..', 'fixtures', 'stories');

function io(files: Record<string, string> = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const cli: CliIo = {
		stdout: (text) => out.push(text),
		stderr: (text) => err.push(text),
		readFile: (path) => (path in files ? files[path] : readFileSync(path, 'utf8')),
	};
	return { cli, out, err };
}

describe('cs-signal-os intelligence', () => {
	it('prints the AccountIntelligence items as a JSON array', async () => {
		const { cli, out, err } = io();
		const code = await main(
			['intelligence', '--accounts', join(STORIES, 'acme.accounts.json'), '--signals', join(STORIES, 'acme.signals.json'), '--as-of', '2026-03-02T09:00:00Z'],
			cli,
		);
		expect(err).toEqual([]);
		expect(code).toBe(0);
		const items = JSON.parse(out.join(''));
		expect(items).toHaveLength(1);
		expect(items[0].accountId).toBe('acme');
		expect(items[0].asOf).toBe('2026-03-02T09:00:00Z');
		expect(items[0].explanation[0]).toBe('Risk 8.2: champion meeting attendance down 60% in 90 days; support volume up 40%; usage down 28% over 8 weeks');
		expect(items[0].facts.renewalStage).toBe('T-90');
	});

	it('reads JSON-lines signals and applies a config file', async () => {
		const signals = JSON.parse(readFileSync(join(STORIES, 'acme.signals.json'), 'utf8')) as unknown[];
		const { cli, out } = io({
			'/in/signals.jsonl': signals.map((s) => JSON.stringify(s)).join('\n'),
			'/in/config.json': JSON.stringify({ health: { bandScheme: 'five' } }),
		});
		const code = await main(
			['intelligence', '--accounts', join(STORIES, 'acme.accounts.json'), '--signals', '/in/signals.jsonl', '--as-of', '2026-03-02T09:00:00Z', '--config', '/in/config.json'],
			cli,
		);
		expect(code).toBe(0);
		expect(JSON.parse(out.join(''))[0].health.band).toBe('fair');
	});

	it('a bad item exits 1 naming the file, item and field', async () => {
		const { cli, out, err } = io({
			'/in/signals.json': JSON.stringify([{ id: 's1', accountId: 'acme', category: 'support', type: 'support.volume_spike', polarity: 'risk', severity: 11, observedAt: '31/02/2026', detectedAt: '2026-03-01T00:00:00Z', evidence: 'x', source: { system: 'zendesk', ref: '1' } }]),
		});
		const code = await main(['intelligence', '--accounts', join(STORIES, 'acme.accounts.json'), '--signals', '/in/signals.json'], cli);
		expect(code).toBe(1);
		expect(out).toEqual([]);
		expect(err.join('\n')).toBe(
			'1 signal item is not usable; nothing was scored:\n/in/signals.json: signal 0: severity 11 must be a number from 1 to 10; observedAt "31/02/2026" is not an ISO-8601 date',
		);
	});

	it('a file that is not JSON exits 1 with its name', async () => {
		const { cli, err } = io({ '/in/accounts.json': '[{"accountId": "a",' });
		const code = await main(['intelligence', '--accounts', '/in/accounts.json', '--signals', join(STORIES, 'acme.signals.json')], cli);
		expect(code).toBe(1);
		expect(err.join('\n')).toMatch(/^accounts file "\/in\/accounts.json" is not JSON: /);
	});

	it('weights that do not sum to 100 exit 1 naming the weights', async () => {
		const { cli, err } = io({ '/in/config.json': JSON.stringify({ expansion: { weights: { usageGrowth: 50 } } }) });
		const code = await main(
			['intelligence', '--accounts', join(STORIES, 'acme.accounts.json'), '--signals', join(STORIES, 'acme.signals.json'), '--config', '/in/config.json'],
			cli,
		);
		expect(code).toBe(1);
		expect(err.join('\n')).toBe(
			'Config file "/in/config.json": Invalid intelligence configuration: expansion.weights: expansion weights must sum to 100 but usageGrowth 50 + stakeholderBreadth 25 + featureDepth 20 + healthTrajectory 15 + contractHeadroom 10 = 120',
		);
	});

	it('missing options and a bad as-of date are explained', async () => {
		const missing = io();
		expect(await main(['intelligence', '--accounts', 'a.json'], missing.cli)).toBe(1);
		expect(missing.err.join('')).toMatch(/^Both --accounts and --signals are required\./);
		const badDate = io();
		expect(
			await main(['intelligence', '--accounts', join(STORIES, 'acme.accounts.json'), '--signals', join(STORIES, 'acme.signals.json'), '--as-of', 'yesterday'], badDate.cli),
		).toBe(1);
		expect(badDate.err.join('')).toBe('intelligence: as-of date "yesterday" is not an ISO-8601 date');
	});
});
