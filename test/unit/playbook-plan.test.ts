import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fallbackOwnerFrom, parsePlaybookInput, planPlaybook, UnknownPlaybookError, type PlanOptions } from '../../engine/act/playbooks';
import { DecisionSchema, type Decision } from '../../engine/model';

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'act', 'decision-executive-escalation.json'), 'utf8')) as unknown;
const decision = (overrides: Partial<Decision> = {}): Decision => ({ ...DecisionSchema.parse(fixture), ...overrides });

const options: PlanOptions = {
	calendar: { zone: 'Europe/Berlin', holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01'], dueHour: 17 },
	owners: { csm: { name: 'Chris Park', email: 'chris@vendor.example' }, ae: { name: 'Alex Moreau' } },
	fallbackOwner: { name: 'CS Ops queue' },
};

describe('planPlaybook', () => {
	it('plans the executive escalation: exact steps, owners and business-day due dates over Christmas in Berlin', () => {
		const plan = planPlaybook(decision(), options);
		expect(plan.steps.map((s) => [s.sequence, s.key, s.ownerRole, s.owner?.name ?? null, s.ownerSource, s.channel, s.dueAt, s.dueBasis])).toEqual([
			[1, 'alert_team', 'csm', 'Chris Park', 'owners', 'slack', '2026-12-24T15:30:00+01:00', 'rule_sla'],
			[2, 'executive_brief', 'csm', 'Chris Park', 'owners', 'internal', '2026-12-23T17:00:00+01:00', 'business_days'],
			// Day 1: 24 and 25 Dec are holidays, 26–27 a weekend → Monday 28 Dec.
			[3, 'review_health_breakdown', 'csLeader', 'Dana Lee', 'decision', 'internal', '2026-12-28T17:00:00+01:00', 'business_days'],
			[4, 'choose_mode', 'csLeader', 'Dana Lee', 'decision', 'internal', '2026-12-28T17:00:00+01:00', 'business_days'],
			[5, 'exec_outreach', 'csLeader', 'Dana Lee', 'decision', 'call', '2026-12-29T17:00:00+01:00', 'business_days'],
			[6, 'schedule_ebr', 'csm', 'Chris Park', 'owners', 'meeting', '2026-12-30T17:00:00+01:00', 'business_days'],
			// Day 5: 1 Jan is a holiday → Monday 4 Jan.
			[7, 'root_cause_session', 'csm', 'Chris Park', 'owners', 'meeting', '2027-01-04T17:00:00+01:00', 'business_days'],
			[8, 'recovery_plan', 'csm', 'Chris Park', 'owners', 'crm_task', '2027-01-06T17:00:00+01:00', 'business_days'],
			[9, 'weekly_check_in', 'csm', 'Chris Park', 'owners', 'call', '2027-01-11T17:00:00+01:00', 'business_days'],
		]);
		expect(plan.steps[4]).toMatchObject({
			action: 'Executive outreach: CS Lead or Head of CS calls the economic buyer directly',
			decisionId: 'dec_acme_exec_escalation',
			ruleId: 'risk.executive_escalation',
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
		expect(plan.playbook).toMatchObject({ id: 'executive_escalation', ownerRole: 'csLeader', owner: { name: 'Dana Lee' }, ownerSource: 'decision' });
		expect(plan.lastDueAt).toBe('2027-01-11T17:00:00+01:00');
	});

	it('gives stable step ids: the same decision twice → the same ids; another decision → other ids', () => {
		const first = planPlaybook(decision(), options).steps.map((s) => s.stepId);
		const again = planPlaybook(decision(), options).steps.map((s) => s.stepId);
		const other = planPlaybook(decision({ decisionId: 'dec_other' }), options).steps.map((s) => s.stepId);
		expect(again).toEqual(first);
		expect(new Set(first).size).toBe(9);
		expect(other.filter((id) => first.includes(id))).toEqual([]);
		expect(first[0]).toMatch(/^step_[0-9a-f]{20}$/);
	});

	it('starts the plan on the next business day when fired after the due hour on a Friday', () => {
		const plan = planPlaybook(decision({ firedAt: '2026-01-09T18:10:00+01:00', dueAt: '2026-01-10T18:10:00+01:00' }), options);
		expect(plan.steps.slice(1, 4).map((s) => [s.key, s.dueAt])).toEqual([
			['executive_brief', '2026-01-12T17:00:00+01:00'],
			['review_health_breakdown', '2026-01-13T17:00:00+01:00'],
			['choose_mode', '2026-01-13T17:00:00+01:00'],
		]);
	});

	it('expresses due dates in the calendar zone even when firedAt is UTC', () => {
		const plan = planPlaybook(decision({ firedAt: '2026-03-04T09:00:00Z', dueAt: '2026-03-05T09:00:00Z' }), {
			...options,
			calendar: { zone: 'America/New_York', dueHour: 18 },
		});
		expect(plan.steps.slice(0, 3).map((s) => s.dueAt)).toEqual(['2026-03-05T04:00:00-05:00', '2026-03-04T18:00:00-05:00', '2026-03-05T18:00:00-05:00']);
	});

	it('falls back to the fallback owner when nobody holds a role, and says so', () => {
		const plan = planPlaybook(decision({ playbook: 'relationship_mapping' }), options);
		expect(plan.steps.find((s) => s.key === 'sponsor_outreach')).toMatchObject({
			ownerRole: 'execSponsor',
			owner: { name: 'CS Ops queue' },
			ownerSource: 'fallback',
		});
		const noFallback = planPlaybook(decision({ playbook: 'relationship_mapping' }), { ...options, fallbackOwner: null });
		expect(noFallback.steps.find((s) => s.key === 'sponsor_outreach')).toMatchObject({ owner: null, ownerSource: 'none' });
		expect(noFallback.steps.find((s) => s.key === 'sponsor_outreach')!.sentence).toContain('— Executive Sponsor (unassigned), email, due');
	});

	it('prefers a real account owner over the decision layer\'s fallback person for the same role', () => {
		const fallbackDecision = decision({ owner: { role: 'csm', person: { name: 'Default queue' }, fallback: true }, playbook: 'csm_outreach' });
		expect(planPlaybook(fallbackDecision, options).steps[0]).toMatchObject({ owner: { name: 'Chris Park' }, ownerSource: 'owners' });
		expect(planPlaybook(fallbackDecision, { ...options, owners: {} }).steps[0]).toMatchObject({ owner: { name: 'Default queue' }, ownerSource: 'fallback' });
	});

	it('names the approver of a save play with the person for that role', () => {
		const plan = planPlaybook(decision({ playbook: 'save_split_billing' }), { ...options, owners: { ...options.owners, finance: { name: 'Fatima Noor' } } });
		expect(plan.steps.map((s) => [s.key, s.ownerRole, s.approver])).toEqual([
			['confirm_budget_cut', 'csm', null],
			['approval', 'finance', { role: 'finance', person: { name: 'Fatima Noor' } }],
			['offer', 'csm', null],
			['tag_save', 'csm', null],
		]);
		expect(plan.steps[1].sentence).toContain(', needs approval by Finance.');
	});

	it('rejects an unknown playbook, naming the decision and the playbook id (with a suggestion for a typo)', () => {
		expect(() => planPlaybook(decision({ playbook: 'executive_escalaton' }), options)).toThrow(
			'decision dec_acme_exec_escalation (rule "risk.executive_escalation", account acme) names playbook "executive_escalaton", which is not in the playbook catalogue; did you mean "executive_escalation"?',
		);
		expect(() => planPlaybook(decision({ playbook: 'pizza_party' }), options)).toThrow(UnknownPlaybookError);
		expect(() => planPlaybook(decision({ playbook: 'pizza_party' }), options)).toThrow(
			/names playbook "pizza_party", which is not in the playbook catalogue; add it to the playbook catalogue or use one of: executive_escalation, ebr, /,
		);
	});

	it('assigns every step whose role the account fills, from the owners the decision carries', () => {
		const nina = { name: 'Nina Weber', email: 'nina.weber@example.com', crmOwnerId: '7007' };
		const { decision: carried, owners } = parsePlaybookInput(
			{ ...(fixture as object), playbook: 'support_triage', accountOwners: { supportManager: nina } },
			0,
		);
		const plan = planPlaybook(carried, { ...options, owners });
		expect(plan.playbook.owner).toEqual(nina);
		expect(plan.steps.some((step) => step.ownerRole === 'supportManager')).toBe(true);
		expect(plan.steps.filter((step) => step.ownerRole === 'supportManager').map((step) => [step.owner?.name, step.ownerSource])).toEqual(
			plan.steps.filter((step) => step.ownerRole === 'supportManager').map(() => ['Nina Weber', 'owners']),
		);
	});

	it('parses a Decision item with optional owners, and names item and field when it is not one', () => {
		const parsed = parsePlaybookInput({ ...(fixture as object), owners: { finance: { name: 'Fatima Noor' } } }, 0);
		expect(parsed.owners).toEqual({ finance: { name: 'Fatima Noor' } });
		expect(parsed.decision.decisionId).toBe('dec_acme_exec_escalation');
		const { playbook: _playbook, ...withoutPlaybook } = fixture as Record<string, unknown>;
		expect(() => parsePlaybookInput({ ...withoutPlaybook, firedAt: '23/12/2026' }, 3)).toThrow(
			'decision 3: playbook is required but missing; firedAt "23/12/2026" is not an ISO-8601 date',
		);
		expect(() => parsePlaybookInput({ ...(fixture as object), owners: { cms: { name: 'X' } } }, 1)).toThrow('decision 1: owners has unknown field(s) "cms"');
	});

	it('reads the fallback owner from a name and an optional e-mail', () => {
		expect(fallbackOwnerFrom('CS Ops queue', ' ops@vendor.example ')).toEqual({ name: 'CS Ops queue', email: 'ops@vendor.example' });
		expect(fallbackOwnerFrom('  ', '')).toBeNull();
		expect(() => fallbackOwnerFrom('CS Ops', 'ops-at-vendor')).toThrow('fallback owner e-mail "ops-at-vendor" is not an e-mail address');
		expect(() => fallbackOwnerFrom('', 'ops@vendor.example')).toThrow('fallback owner e-mail "ops@vendor.example" is set without a name; give the fallback owner a name too');
	});
});
