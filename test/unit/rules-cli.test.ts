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
	it('passes the shipped packs: "41 rules OK"', async () => {
		const { cli, out, err } = io();
		expect(await main(['rules', 'check', ...SHIPPED], cli)).toBe(0);
		expect(out).toEqual(['41 rules OK']);
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
		makeIntelligence({ accountId: 'acme', facts: { riskScore: 8.2, daysToRenewal: 87, healthScore: 35, championEngaged: false } }),
		makeIntelligence({ accountId: 'globex', facts: { npsScore: 3 } }),
		makeIntelligence({ accountId: 'juniper', facts: { championDeparted: true } }),
	]);
	type Printed = { headline: string; accountId: string; playbook: { id: string }; status: string; dueAt: string; reasons: Array<{ rule: { id: string } }> };

	it('prints the actions of the shipped packs as a JSON array — one per account and playbook, every one new', async () => {
		const { cli, out, err } = io({ 'intel.json': accounts });
		expect(await main(['decide', '--intelligence', 'intel.json', '--as-of', '2026-03-02T08:00:00Z'], cli)).toBe(0);
		expect(err).toEqual([]);
		const actions: Printed[] = JSON.parse(out[0]);
		expect(actions.map((a) => [a.accountId, a.playbook.id, a.status, a.dueAt, a.reasons.map((r) => r.rule.id)])).toEqual([
			// two rules of one champion departure: one action, due at the earlier (4-hour) rule
			['juniper', 'champion_change', 'new', '2026-03-02T12:00:00Z', ['event.champion_departed_exec', 'event.champion_departed']],
			// risk above 7 before the renewal (P1) and health below 40 without the champion (P2): one executive escalation, both reasons
			['acme', 'executive_escalation', 'new', '2026-03-03T08:00:00Z', ['risk.exec_escalation', 'health.churn_risk']],
			['acme', 'renewal_risk', 'new', '2026-03-04T08:00:00Z', ['renewal.high_t90']],
			['globex', 'detractor_call', 'new', '2026-03-04T08:00:00Z', ['event.nps_detractor']],
		]);
		expect(actions[0].headline).toBe('Account juniper — Champion departure: A champion has departed (and 1 more reason)');
		// never two items for one (account, playbook)
		expect(new Set(actions.map((a) => `${a.accountId} ${a.playbook.id}`)).size).toBe(actions.length);
	});

	it('reads an --as-of without an offset in --timezone, as a workflow reads it in its time zone', async () => {
		const { cli, out } = io({ 'intel.json': accounts });
		expect(await main(['decide', '--intelligence', 'intel.json', '--as-of', '2026-03-02T08:00:00', '--timezone', 'America/Los_Angeles'], cli)).toBe(0);
		const actions: Array<{ firedAt: string; dueAt: string; playbook: { id: string } }> = JSON.parse(out[0]);
		expect(actions.find((a) => a.playbook.id === 'detractor_call')).toMatchObject({ firedAt: '2026-03-02T08:00:00-08:00', dueAt: '2026-03-04T08:00:00-08:00' });
	});

	it('takes --rules and --thresholds', async () => {
		const { cli, out } = io({ 'intel.json': accounts, 'over.json': '{"npsDetractorBelow": 3}' });
		expect(await main(['decide', '--intelligence', 'intel.json', '--rules', 'rules/event-playbooks.json', '--thresholds', 'over.json'], cli)).toBe(0);
		// NPS 3 is not below the overridden 3: only the champion departure of that pack remains
		expect(JSON.parse(out[0]).map((a: Printed) => [a.accountId, a.playbook.id])).toEqual([['juniper', 'champion_change']]);
	});

	it('exits 1 with every pack problem', async () => {
		const { cli, err } = io({ 'intel.json': accounts });
		expect(await main(['decide', '--intelligence', 'intel.json', '--rules', 'test/fixtures/decide/broken-pack.json'], cli)).toBe(1);
		expect(err).toEqual([`The rule packs have 5 problems; fix them all and run again:\n${BROKEN_PACK_PROBLEMS.join('\n')}`]);
	});
});
