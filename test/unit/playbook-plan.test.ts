import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fallbackOwnerFrom, parsePlaybookInput, planPlaybook, salesHandoff, UnknownPlaybookError, type PlanOptions } from '../../engine/act/playbooks';
import { ActionSchema, type Action } from '../../engine/model';

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'act', 'action-executive-escalation.json'), 'utf8')) as unknown;
const action = (overrides: Partial<Action> = {}): Action => ({ ...ActionSchema.parse(fixture), ...overrides });
const playbook = (id: string, name = id) => ({ playbook: { id, name } });

const options: PlanOptions = {
	calendar: { zone: 'Europe/Berlin', holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01'], dueHour: 17 },
	owners: { csm: { name: 'Chris Park', email: 'chris@vendor.example' }, ae: { name: 'Alex Moreau' } },
	fallbackOwner: { name: 'CS Ops queue' },
};

describe('planPlaybook', () => {
	it('plans the executive escalation: one task per step, each with its own owner and business-day due date over Christmas in Berlin', () => {
		const plan = planPlaybook(action(), options);
		expect(plan.steps.map((s) => [s.sequence, s.key, s.ownerRole, s.ownerName, s.ownerSource, s.channel, s.dueAt, s.dueBasis])).toEqual([
			[1, 'alert_team', 'csm', 'Chris Park', 'role', 'slack', '2026-12-24T15:30:00+01:00', 'rule_sla'],
			[2, 'executive_brief', 'csm', 'Chris Park', 'role', 'internal', '2026-12-23T17:00:00+01:00', 'business_days'],
			// Day 1: 24 and 25 Dec are holidays, 26–27 a weekend → Monday 28 Dec.
			[3, 'review_health_breakdown', 'csLeader', 'Dana Lee', 'role', 'internal', '2026-12-28T17:00:00+01:00', 'business_days'],
			[4, 'choose_mode', 'csLeader', 'Dana Lee', 'role', 'internal', '2026-12-28T17:00:00+01:00', 'business_days'],
			[5, 'exec_outreach', 'csLeader', 'Dana Lee', 'role', 'call', '2026-12-29T17:00:00+01:00', 'business_days'],
			[6, 'schedule_ebr', 'csm', 'Chris Park', 'role', 'meeting', '2026-12-30T17:00:00+01:00', 'business_days'],
			// Day 5: 1 Jan is a holiday → Monday 4 Jan.
			[7, 'root_cause_session', 'csm', 'Chris Park', 'role', 'meeting', '2027-01-04T17:00:00+01:00', 'business_days'],
			[8, 'recovery_plan', 'csm', 'Chris Park', 'role', 'crm_task', '2027-01-06T17:00:00+01:00', 'business_days'],
			[9, 'weekly_check_in', 'csm', 'Chris Park', 'role', 'call', '2027-01-11T17:00:00+01:00', 'business_days'],
		]);
		// what a person reads first, then the ids
		expect(Object.keys(plan.steps[4]).slice(0, 5)).toEqual(['sentence', 'priority', 'ownerName', 'dueAt', 'action']);
		expect(plan.steps[4]).toMatchObject({
			action: 'Executive outreach: CS Lead or Head of CS calls the economic buyer directly',
			actionId: 'act_acme_exec_escalation',
			playbookId: 'executive_escalation',
			supportingRoles: ['execSponsor'],
			approver: null,
			exitCriteria: [
				'Economic buyer reached by the CS Lead or Head of CS',
				'Recovery plan documented: 3-5 actions with owners and deadlines',
				'EBR scheduled. CRM updated.',
				'Health score back to Yellow (40+)',
			],
			sentence:
				'Acme Corp · Executive escalation step 5/9: Executive outreach: CS Lead or Head of CS calls the economic buyer directly — CS Leader (Dana Lee), call, due Tue 29 Dec 2026 17:00 Europe/Berlin.',
		});
		expect(plan.playbook).toMatchObject({ id: 'executive_escalation', ownerRole: 'csLeader', owner: { name: 'Dana Lee' }, ownerSource: 'role' });
		expect(plan.reasons).toEqual([
			{ sentence: 'Risk score 8.2 is above 7.0 and renewal is in 87 days (at least 0, within 120)', priority: 'P1', rule: { id: 'risk.exec_escalation', name: 'Executive escalation before renewal', pack: 'decision-triggers' } },
		]);
		expect(Object.keys(plan).slice(0, 4)).toEqual(['headline', 'priority', 'ownerName', 'dueAt']);
		expect(plan.lastDueAt).toBe('2027-01-11T17:00:00+01:00');
	});

	it('gives stable step ids: the same action twice → the same ids; another action → other ids', () => {
		const first = planPlaybook(action(), options).steps.map((s) => s.stepId);
		const again = planPlaybook(action(), options).steps.map((s) => s.stepId);
		const other = planPlaybook(action({ actionId: 'act_other' }), options).steps.map((s) => s.stepId);
		expect(again).toEqual(first);
		expect(new Set(first).size).toBe(9);
		expect(other.filter((id) => first.includes(id))).toEqual([]);
		expect(first[0]).toMatch(/^step_[0-9a-f]{20}$/);
	});

	it('starts the plan on the next business day when the action opened after the due hour on a Friday', () => {
		const plan = planPlaybook(action({ openedAt: '2026-01-09T18:10:00+01:00', firedAt: '2026-01-09T18:10:00+01:00', dueAt: '2026-01-10T18:10:00+01:00' }), options);
		expect(plan.steps.slice(1, 4).map((s) => [s.key, s.dueAt])).toEqual([
			['executive_brief', '2026-01-12T17:00:00+01:00'],
			['review_health_breakdown', '2026-01-13T17:00:00+01:00'],
			['choose_mode', '2026-01-13T17:00:00+01:00'],
		]);
	});

	it('expresses due dates in the calendar zone even when the action opened in UTC', () => {
		const plan = planPlaybook(action({ openedAt: '2026-03-04T09:00:00Z', firedAt: '2026-03-04T09:00:00Z', dueAt: '2026-03-05T09:00:00Z' }), {
			...options,
			calendar: { zone: 'America/New_York', dueHour: 18 },
		});
		expect(plan.steps.slice(0, 3).map((s) => s.dueAt)).toEqual(['2026-03-05T04:00:00-05:00', '2026-03-04T18:00:00-05:00', '2026-03-05T18:00:00-05:00']);
	});

	it('never leaves a step unowned: role → account owner → team lead → configured default, and says who stands in', () => {
		const plan = planPlaybook(action(playbook('relationship_mapping', 'Relationship mapping protocol')), options);
		// nobody holds execSponsor: the account owner (CSM) stands in
		expect(plan.steps.find((s) => s.key === 'sponsor_outreach')).toMatchObject({ ownerRole: 'execSponsor', owner: { name: 'Chris Park' }, ownerSource: 'accountOwner' });
		expect(plan.steps.find((s) => s.key === 'sponsor_outreach')!.sentence).toContain('— Executive Sponsor (Chris Park, account owner standing in), email, due');
		const noCsm = planPlaybook(action(playbook('relationship_mapping')), { ...options, owners: { csManager: { name: 'Morgan Diaz' } } });
		expect(noCsm.steps.find((s) => s.key === 'sponsor_outreach')).toMatchObject({ owner: { name: 'Morgan Diaz' }, ownerSource: 'teamLead' });
		const nobody = planPlaybook(action(playbook('relationship_mapping')), { ...options, owners: {} });
		expect(nobody.steps.find((s) => s.key === 'sponsor_outreach')).toMatchObject({ owner: { name: 'CS Ops queue' }, ownerSource: 'default' });
		const noDefault = planPlaybook(action(playbook('relationship_mapping')), { ...options, owners: {}, fallbackOwner: null });
		expect(noDefault.steps.every((s) => s.ownerName === 'CS Ops queue')).toBe(true);
	});

	it('names the approver of a save play with the person for that role', () => {
		const plan = planPlaybook(action(playbook('save_split_billing')), { ...options, owners: { ...options.owners, finance: { name: 'Fatima Noor' } } });
		expect(plan.steps.map((s) => [s.key, s.ownerRole, s.approver])).toEqual([
			['confirm_budget_cut', 'csm', null],
			['approval', 'finance', { role: 'finance', person: { name: 'Fatima Noor' } }],
			['offer', 'csm', null],
			['tag_save', 'csm', null],
		]);
		expect(plan.steps[1].sentence).toContain(', needs approval by Finance.');
	});

	it('rejects an unknown playbook, naming the action and the playbook id (with a suggestion for a typo)', () => {
		expect(() => planPlaybook(action(playbook('executive_escalaton')), options)).toThrow(
			'action act_acme_exec_escalation (account acme, rule "risk.exec_escalation") names playbook "executive_escalaton", which is not in the playbook catalogue; did you mean "executive_escalation"?',
		);
		expect(() => planPlaybook(action(playbook('pizza_party')), options)).toThrow(UnknownPlaybookError);
		expect(() => planPlaybook(action(playbook('pizza_party')), options)).toThrow(
			/names playbook "pizza_party", which is not in the playbook catalogue; add it to the playbook catalogue or use one of: executive_escalation, ebr, /,
		);
	});

	it('assigns every step whose role the account fills, from the owners the action carries', () => {
		const nina = { name: 'Nina Weber', email: 'nina.weber@example.com', crmOwnerId: '7007' };
		const { action: carried, owners } = parsePlaybookInput({ ...(fixture as object), ...playbook('support_triage'), accountOwners: { supportManager: nina } }, 0);
		const plan = planPlaybook(carried, { ...options, owners });
		expect(plan.playbook.owner).toEqual(nina);
		const support = plan.steps.filter((step) => step.ownerRole === 'supportManager');
		expect(support.length).toBeGreaterThan(0);
		expect(support.map((step) => [step.ownerName, step.ownerSource])).toEqual(support.map(() => ['Nina Weber', 'role']));
	});

	it('parses an Action item with optional owners, and names item and field when it is not one', () => {
		const parsed = parsePlaybookInput({ ...(fixture as object), owners: { finance: { name: 'Fatima Noor' } } }, 0);
		expect(parsed.owners).toEqual({ finance: { name: 'Fatima Noor' } });
		expect(parsed.action.actionId).toBe('act_acme_exec_escalation');
		const { playbook: _playbook, ...withoutPlaybook } = fixture as Record<string, unknown>;
		expect(() => parsePlaybookInput({ ...withoutPlaybook, openedAt: '23/12/2026' }, 3)).toThrow(
			'action 3: playbook is required but missing; openedAt "23/12/2026" is not an ISO-8601 date',
		);
		expect(() => parsePlaybookInput({ ...(fixture as object), owners: { cms: { name: 'X' } } }, 1)).toThrow('action 1: owners has unknown field(s) "cms"');
	});

	it('reads the fallback owner from a name and an optional e-mail', () => {
		expect(fallbackOwnerFrom('CS Ops queue', ' ops@vendor.example ')).toEqual({ name: 'CS Ops queue', email: 'ops@vendor.example' });
		expect(fallbackOwnerFrom('  ', '')).toBeNull();
		expect(() => fallbackOwnerFrom('CS Ops', 'ops-at-vendor')).toThrow('fallback owner e-mail "ops-at-vendor" is not an e-mail address');
		expect(() => fallbackOwnerFrom('', 'ops@vendor.example')).toThrow('fallback owner e-mail "ops@vendor.example" is set without a name; give the fallback owner a name too');
	});
});

describe('salesHandoff', () => {
	const expansion = action({
		...playbook('cs_sales_handoff', 'CS → Sales handoff'),
		priority: 'P2',
		openedAt: '2026-11-23T07:00:00Z',
		context: {
			...ActionSchema.parse(fixture).context,
			arr: 96000,
			expansionReadiness: 88,
			expansionOpportunityPctOfArr: 40,
			renewalDate: '2027-06-21T00:00:00Z',
			daysToRenewal: 210,
			champion: { name: 'Elena Ruiz', title: 'VP Clinical Operations' },
			decisionMaker: { name: 'Omar Haddad', title: 'Chief Medical Officer' },
		},
		evidence: [{ signalId: 'sig_opp', type: 'crm.expansion_opportunity', text: 'Elena Ruiz asked for a proposal: analytics add-on, 38,400 EUR a year' }],
	});

	it('carries the seed\'s CS-to-Sales hand-off fields: "CS prepares customer context, decision-maker, timeline, needs"', () => {
		const handoff = salesHandoff(expansion, options);
		expect(handoff).toMatchObject({
			headline: 'Acme Corp — expansion hand-off to Alex Moreau (AE): 38,400 EUR, 40% of ARR',
			dealName: 'Acme Corp — expansion',
			amount: 38400,
			currency: 'EUR',
			closeDate: '2027-06-21T00:00:00Z',
			ae: { name: 'Alex Moreau' },
			aeSource: 'role',
			champion: 'Elena Ruiz (VP Clinical Operations)',
			decisionMaker: 'Omar Haddad (Chief Medical Officer)',
			timeline: 'Renewal on 2027-06-21 (210 days): co-term the expansion with it',
			need: ['Risk score 8.2 is above 7.0 and renewal is in 87 days (at least 0, within 120)', 'Elena Ruiz asked for a proposal: analytics add-on, 38,400 EUR a year'],
			crmCompanyId: '4410',
		});
		expect(handoff.description.split('\n')).toEqual([
			'CS-to-Sales hand-off from Chris Park (CSM), 2026-11-23.',
			'Champion: Elena Ruiz (VP Clinical Operations)',
			'Decision maker: Omar Haddad (Chief Medical Officer)',
			'Timeline: Renewal on 2027-06-21 (210 days): co-term the expansion with it',
			'Need: Risk score 8.2 is above 7.0 and renewal is in 87 days (at least 0, within 120) · Elena Ruiz asked for a proposal: analytics add-on, 38,400 EUR a year',
			'Account: 96,000 EUR ARR, health 58/100, expansion readiness 88/100.',
		]);
	});

	it('says what is missing instead of leaving a field empty', () => {
		const bare = salesHandoff({ ...expansion, context: { ...expansion.context, champion: null, decisionMaker: null, renewalDate: null, daysToRenewal: null, expansionOpportunityPctOfArr: null } }, { ...options, owners: {} });
		expect([bare.champion, bare.decisionMaker, bare.timeline, bare.amount, bare.ae.name, bare.aeSource]).toEqual([
			'no champion on record — ask the CSM',
			'no decision maker on record — find the economic buyer first',
			'No renewal ahead on record: aim to close by 2027-02-21 (90 days)',
			null,
			'CS Ops queue',
			'default',
		]);
	});
});
