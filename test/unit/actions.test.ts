/**
 * Every action has a named owner (the fallback chain), owners can be written as plain text, and each owner's daily
 * digest ranks their open actions by priority, ARR at stake and due date.
 */
import { ownerDigest, runActionSweep } from '../../engine/act/actions';
import { DEFAULT_FALLBACK_OWNER, prepareRules, resolveOwner, shippedPackInputs } from '../../engine/decide';
import { RecordStoreLedger } from '../../engine/ledger';
import { AccountSchema, type FactValue } from '../../engine/model';
import { makeIntelligence } from '../fixtures/decide/intelligence';

const RULES = prepareRules(shippedPackInputs());

describe('account owners', () => {
	it('accept an object, an e-mail address, "Name <e-mail>" or a plain name; blank text is nobody', () => {
		const account = AccountSchema.parse({
			accountId: 'a',
			name: 'A',
			owners: { csm: 'csm@example.com', ae: 'Leo Park <leo.park@example.com>', csLeader: 'Ava Lindqvist', csManager: '  ', supportManager: { name: 'Nina', slackUserId: 'U07NINA' } },
		});
		expect(account.owners).toEqual({
			csm: { name: 'csm@example.com', email: 'csm@example.com' },
			ae: { name: 'Leo Park', email: 'leo.park@example.com' },
			csLeader: { name: 'Ava Lindqvist' },
			supportManager: { name: 'Nina', slackUserId: 'U07NINA' },
		});
	});

	it('still reject an owner object without a name, naming the field', () => {
		const result = AccountSchema.safeParse({ accountId: 'a', name: 'A', owners: { csm: { email: 'x@example.com' } } });
		expect(result.success).toBe(false);
		expect(result.success ? null : result.error.issues.map((i) => i.path.join('.'))).toEqual(['owners.csm.name']);
	});
});

describe('the owner chain: role → account owner → team lead → configured default', () => {
	const csm = { name: 'Casey CSM' };
	const manager = { name: 'Morgan Manager' };
	const leader = { name: 'Lee Leader' };
	it.each([
		['the role itself', { csLeader: leader, csm, csManager: manager }, { person: leader, source: 'role' }],
		['the account owner (CSM)', { csm, csManager: manager }, { person: csm, source: 'accountOwner' }],
		['the team lead (CS manager)', { csManager: manager }, { person: manager, source: 'teamLead' }],
		['nobody: the configured default', {}, { person: { name: 'Ops desk' }, source: 'default' }],
	])('%s', (_case, owners, expected) => {
		expect(resolveOwner('csLeader', owners, { name: 'Ops desk' })).toEqual({ role: 'csLeader', ...expected });
	});

	it('never yields an empty owner, even with no default configured', async () => {
		expect(resolveOwner('ae', {}, null)).toEqual({ role: 'ae', person: { ...DEFAULT_FALLBACK_OWNER }, source: 'default' });
		const cases: Array<Record<string, FactValue>> = [{ riskScore: 8.5, daysToRenewal: 60 }, { npsScore: 2 }, { championDeparted: true }, { expansionReadiness: 80, expansionOpportunityPctOfArr: 40 }, { cancelSignal: true }];
		const intelligence = cases.map((facts, i) => ({ intel: makeIntelligence({ accountId: `nobody-${i}`, owners: {}, facts }), itemIndex: i }));
		const { all } = await runActionSweep(RULES, intelligence, new RecordStoreLedger(), { asOf: '2026-03-02T08:00:00Z' });
		expect(all.length).toBeGreaterThanOrEqual(cases.length);
		for (const { action } of all) expect([action.ownerName, action.owner.source]).toEqual(['CS Ops queue', 'default']);
	});
});

describe('the owner digest', () => {
	it('ranks the queue by priority, then ARR at stake, then due date', async () => {
		const owners = { csm: { name: 'Casey CSM', email: 'casey@example.com', slackUserId: 'U01CASEY' } };
		const book = [
			makeIntelligence({ accountId: 'small-p2', owners, facts: { npsScore: 3 }, account: { accountId: 'small-p2', name: 'Small', arr: 10000, owners } }),
			makeIntelligence({ accountId: 'big-p2', owners, facts: { npsScore: 3 }, account: { accountId: 'big-p2', name: 'Big', arr: 250000, owners } }),
			makeIntelligence({ accountId: 'p1', owners, facts: { championDeparted: true }, account: { accountId: 'p1', name: 'Urgent', arr: 5000, owners } }),
			makeIntelligence({ accountId: 'p3', owners, facts: { singleThreaded: true }, account: { accountId: 'p3', name: 'Thin', arr: 900000, owners } }),
		].map((intel, itemIndex) => ({ intel, itemIndex }));
		const { digests } = await runActionSweep(RULES, book, new RecordStoreLedger(), { asOf: '2026-03-02T08:00:00Z' });
		expect(digests).toHaveLength(1);
		const [{ digest, itemIndexes }] = digests;
		expect(itemIndexes).toEqual([0, 1, 2, 3]);
		expect(digest.actions.map((a) => [a.rank, a.priority, a.accountName, a.arr])).toEqual([
			[1, 'P1', 'Urgent', 5000],
			[2, 'P2', 'Big', 250000],
			[3, 'P2', 'Small', 10000],
			[4, 'P3', 'Thin', 900000],
		]);
		expect(digest.headline).toBe('Casey CSM: 4 open actions (1 P1, 2 P2, 1 P3), €1,165,000 ARR at stake');
		expect([digest.slackUserId, digest.day]).toEqual(['U01CASEY', '2026-03-02']);
		expect(digest.slack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Your CS queue · 2026-03-02', emoji: true } });
	});

	it('adds up ARR per currency, never converting', () => {
		const base = makeIntelligence({ accountId: 'x' });
		const action = (accountId: string, arr: number, currency: string) =>
			({ headline: accountId, priority: 'P2', ownerName: 'A', dueAt: '2026-03-03T08:00:00Z', accountName: accountId, playbook: { id: 'ebr', name: 'EBR' }, family: 'risk', status: 'new', statusReason: '', owner: { role: 'csm', person: { name: 'A' }, source: 'role' }, reasons: [{ sentence: 's', priority: 'P2', rule: { id: 'r', name: 'r', pack: 'p', versionHash: 'h' }, family: 'risk', ownerRole: 'csm', sla: 'P1D', dueAt: '2026-03-03T08:00:00Z', conditions: [], signalIds: [] }], evidence: [], context: { arr, currency, segment: 'mid', healthScore: 50, healthBand: 'yellow', riskScore: 3, expansionReadiness: 30, expansionOpportunityPctOfArr: null, renewalDate: null, daysToRenewal: null, champion: null, decisionMaker: null, crm: null }, digest: false, firedAt: base.asOf, openedAt: base.asOf, actionId: accountId, accountId }) as const;
		expect(ownerDigest({ name: 'A' }, [action('a', 50000, 'EUR'), action('b', 20000, 'USD'), action('c', 30000, 'EUR')] as never, '2026-03-02').arrAtStake).toEqual([
			{ currency: 'EUR', arr: 80000 },
			{ currency: 'USD', arr: 20000 },
		]);
	});
});
