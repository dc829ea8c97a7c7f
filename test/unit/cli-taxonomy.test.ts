import { main } from '../../bin/cs-signal-os';
import type { CliIo } from '../../bin/commands/cli';

interface Captured {
	io: CliIo;
	out(): string;
	err(): string;
}

function capture(): Captured {
	const stdout: string[] = [];
	const stderr: string[] = [];
	return {
		io: {
			stdout: (text) => stdout.push(text),
			stderr: (text) => stderr.push(text),
			readFile: () => {
				throw new Error('no files in this test');
			},
		},
		out: () => stdout.join('\n'),
		err: () => stderr.join('\n'),
	};
}

describe('cs-signal-os taxonomy', () => {
	it('--json prints the whole taxonomy as a JSON array', async () => {
		const run = capture();
		expect(await main(['taxonomy', '--json'], run.io)).toBe(0);
		expect(run.err()).toBe('');
		const types = JSON.parse(run.out()) as Array<{ id: string; category: string; detection: Record<string, number> }>;
		expect(Array.isArray(types)).toBe(true);
		expect(types.length).toBeGreaterThanOrEqual(42);
		expect(types).toHaveLength(64);
		expect(new Set(types.map((t) => t.category))).toEqual(
			new Set(['meetings', 'email', 'slack', 'crm', 'support', 'usage', 'exec', 'market']),
		);
		expect(types.find((t) => t.id === 'usage.wau_drop')).toEqual({
			id: 'usage.wau_drop',
			label: 'weekly active users drop',
			category: 'usage',
			polarity: 'risk',
			defaultSeverity: 7,
			halfLifeDays: 21,
			dimension: 'usage',
			description: 'Weekly active users fell by more than 30% week over week: reach out within 24 hours.',
			detection: { dropPct: 30, windowDays: 7 },
		});
	});

	it('prints a readable aligned table with a summary line', async () => {
		const run = capture();
		expect(await main(['taxonomy'], run.io)).toBe(0);
		const lines = run.out().split('\n');
		expect(lines[0]).toMatch(/^ID +POLARITY +SEVERITY +HALF-LIFE +DIMENSION +DESCRIPTION$/);
		expect(lines).toContain(
			'support.ticket_burst           risk         7         14d        support       The account opened 3 or more tickets within 7 days.',
		);
		expect(lines[lines.length - 1]).toBe('64 signal types in 8 categories.');
		// aligned: the description column starts at the same position on every row
		const rows = lines.slice(0, 65);
		const descriptionStart = rows[0].indexOf('DESCRIPTION');
		for (const row of rows.slice(1)) expect(row.slice(descriptionStart - 2, descriptionStart)).toBe('  ');
	});

	it('--category filters the table and the JSON', async () => {
		const table = capture();
		expect(await main(['taxonomy', '--category', 'exec'], table.io)).toBe(0);
		const lines = table.out().split('\n');
		expect(lines.slice(1, 7).map((line) => line.split(' ')[0])).toEqual([
			'exec.sponsor_departed',
			'exec.champion_departed',
			'exec.champion_promoted',
			'exec.new_executive',
			'exec.title_change',
			'exec.reorganisation',
		]);
		expect(lines[lines.length - 1]).toBe('6 signal types in 1 category.');

		const json = capture();
		expect(await main(['taxonomy', '--json', '--category=market'], json.io)).toBe(0);
		expect((JSON.parse(json.out()) as Array<{ id: string }>).map((t) => t.id)).toEqual([
			'market.funding',
			'market.layoffs',
			'market.acquisition',
			'market.leadership_change',
			'market.expansion_news',
			'market.earnings_miss',
			'market.security_breach',
			'market.competitor_partnership',
		]);
	});

	it('an unknown category exits 1 and lists the categories', async () => {
		const run = capture();
		expect(await main(['taxonomy', '--category', 'suport'], run.io)).toBe(1);
		expect(run.out()).toBe('');
		expect(run.err()).toBe(
			'Unknown category "suport". Did you mean "support"? Categories: meetings, email, slack, crm, support, usage, exec, market.',
		);

		const far = capture();
		expect(await main(['taxonomy', '--category', 'weather'], far.io)).toBe(1);
		expect(far.err()).toBe('Unknown category "weather". Categories: meetings, email, slack, crm, support, usage, exec, market.');
	});

	it('an unknown option exits 1 with a suggestion', async () => {
		const run = capture();
		expect(await main(['taxonomy', '--jsn'], run.io)).toBe(1);
		expect(run.err().split('\n')[0]).toBe('Unknown option --jsn for "taxonomy". Did you mean "--json"?');
	});
});
