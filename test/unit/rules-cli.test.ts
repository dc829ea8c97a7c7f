import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../bin/cs-signal-os';
import type { CliIo } from '../../bin/commands/cli';
import { buildPackJsonSchema } from '../../engine/decide';
import { BROKEN_PACK_PROBLEMS } from '../fixtures/decide/broken-pack';
import { makeIntelligence } from '../fixtures/decide/intelligence';

const ROOT = join(__dirname, '..', '..');
const SHIPPED = ['decision-triggers', 'event-playbooks', 'onboarding', 'health', 'renewal', 'expansion'].map((p) => `rules/${p}.json`);

function io(files: Record<string, string> = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const cli: CliIo = {
		stdout: (t) => out.push(t),
		stderr: (t) => err.push(t),
		readFile: (path) => {
			if (path in files) return files[path];
			return readFileSync(join(ROOT, path), 'utf8');
		},
	};
	return { cli, out, err };
}

describe('cs-signal-os rules check', () => {
	it('passes the shipped packs: "37 rules OK"', async () => {
		const { cli, out, err } = io();
		expect(await main(['rules', 'check', ...SHIPPED], cli)).toBe(0);
		expect(out).toEqual(['37 rules OK']);
		expect(err).toEqual([]);
	});

	it('exits 1 listing all five problems of the broken pack', async () => {
		const { cli, out, err } = io();
		expect(await main(['rules', 'check', 'test/fixtures/decide/broken-pack.json', 'rules/renewal.json'], cli)).toBe(1);
		expect(out).toEqual([]);
		expect(err).toEqual([`5 problems in 2 files:\n${BROKEN_PACK_PROBLEMS.join('\n')}`]);
	});

	it('names a file that is not JSON', async () => {
		const { cli, err } = io({ 'bad.json': '{ "pack": ' });
		expect(await main(['rules', 'check', 'bad.json'], cli)).toBe(1);
		expect(err[0]).toMatch(/^bad\.json is not valid JSON: /);
	});

	it('prints the pack JSON Schema', async () => {
		const { cli, out } = io();
		expect(await main(['rules', 'schema'], cli)).toBe(0);
		expect(JSON.parse(out[0])).toEqual(buildPackJsonSchema());
	});
});

describe('cs-signal-os decide', () => {
	const accounts = JSON.stringify([
		makeIntelligence({ accountId: 'acme', facts: { riskScore: 8.2, daysToRenewal: 87 } }),
		makeIntelligence({ accountId: 'globex', facts: { npsScore: 3 } }),
	]);

	it('prints the decisions of the shipped packs as a JSON array, every one new', async () => {
		const { cli, out, err } = io({ 'intel.json': accounts });
		expect(await main(['decide', '--intelligence', 'intel.json', '--as-of', '2026-03-02T08:00:00Z'], cli)).toBe(0);
		expect(err).toEqual([]);
		const decisions = JSON.parse(out[0]);
		expect(decisions.map((d: { accountId: string; rule: { id: string }; status: string; dueAt: string }) => [d.accountId, d.rule.id, d.status, d.dueAt])).toEqual([
			['acme', 'risk.exec_escalation', 'new', '2026-03-03T08:00:00Z'],
			['acme', 'risk.ebr_schedule', 'new', '2026-03-16T08:00:00Z'],
			['globex', 'event.nps_detractor', 'new', '2026-03-04T08:00:00Z'],
		]);
	});

	it('takes --rules and --thresholds', async () => {
		const { cli, out } = io({ 'intel.json': accounts, 'over.json': '{"npsDetractorBelow": 3}' });
		expect(await main(['decide', '--intelligence', 'intel.json', '--rules', 'rules/event-playbooks.json', '--thresholds', 'over.json'], cli)).toBe(0);
		expect(JSON.parse(out[0])).toEqual([]);
	});

	it('exits 1 with every pack problem', async () => {
		const { cli, err } = io({ 'intel.json': accounts });
		expect(await main(['decide', '--intelligence', 'intel.json', '--rules', 'test/fixtures/decide/broken-pack.json'], cli)).toBe(1);
		expect(err).toEqual([`The rule packs have 5 problems; fix them all and run again:\n${BROKEN_PACK_PROBLEMS.join('\n')}`]);
	});
});
