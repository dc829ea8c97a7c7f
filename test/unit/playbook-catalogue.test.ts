import { businessDaysInCalendarDays } from '../../engine/act/calendar';
import { loadPlaybookCatalogue, PLAYBOOK_DATA, PLAYBOOK_ROLES, shippedPlaybooks, STEP_CHANNELS } from '../../engine/act/playbooks';
import { PLAYBOOK_IDS } from '../../engine/decide/playbook-ids';

describe('playbook catalogue', () => {
	const catalogue = shippedPlaybooks();

	it('validates: every playbook has trigger, owner role, timeline, exit criteria and steps', () => {
		expect(catalogue.size).toBe(PLAYBOOK_DATA.length);
		for (const playbook of catalogue.values()) {
			expect(playbook.trigger.length).toBeGreaterThan(10);
			expect(PLAYBOOK_ROLES).toContain(playbook.ownerRole);
			expect(playbook.timeline).not.toBe('');
			expect(playbook.exitCriteria.length).toBeGreaterThan(0);
			expect(playbook.steps.length).toBeGreaterThan(0);
		}
	});

	it('gives every step an owner role and a channel', () => {
		const unowned = [...catalogue.values()].flatMap((p) => p.steps.filter((s) => !PLAYBOOK_ROLES.includes(s.ownerRole)).map((s) => `${p.id}.${s.key}`));
		const noChannel = [...catalogue.values()].flatMap((p) => p.steps.filter((s) => !STEP_CHANNELS.includes(s.channel)).map((s) => `${p.id}.${s.key}`));
		expect(unowned).toEqual([]);
		expect(noChannel).toEqual([]);
	});

	it('has a playbook for every id a rule may name (engine/decide/playbook-ids.ts)', () => {
		const missing = PLAYBOOK_IDS.filter((id) => !catalogue.has(id));
		expect(missing).toEqual([]);
	});

	it('reads the seed timing: "Day N" / "Week N" are calendar days, dayOffset the business days they cover', () => {
		for (const playbook of catalogue.values()) {
			for (const step of playbook.steps) {
				if (!step.seedDay) continue;
				const [unit, n] = step.seedDay.split(' ');
				expect([`${playbook.id}.${step.key}`, step.dayOffset]).toEqual([
					`${playbook.id}.${step.key}`,
					businessDaysInCalendarDays(Number(n) * (unit === 'Week' ? 7 : 1)),
				]);
			}
		}
		expect(catalogue.get('at_risk_recovery')!.steps.map((s) => [s.seedDay, s.dayOffset])).toEqual([
			['Day 0', 0], ['Day 1', 1], ['Day 2', 2], ['Day 3', 3], ['Day 5', 5], ['Day 7', 5], ['Day 10', 8], ['Day 14', 10], ['Day 21', 15], ['Day 30', 22],
		]);
	});

	it('quotes the seeds: onboarding high touch exit criteria, champion departure steps', () => {
		expect(catalogue.get('onboarding_high_touch')!.exitCriteria).toEqual([
			'Success plan documented and agreed',
			'Key stakeholders identified',
			'First value milestone achieved',
			'Product adoption >60%',
			'Health score >70',
		]);
		expect(catalogue.get('champion_change')!.steps.map((s) => `${s.seedDay} ${s.action} (${s.ownerRole}${s.supportingRoles.length ? ' + ' + s.supportingRoles.join(' + ') : ''})`)).toEqual([
			'Day 0 Document all knowledge from champion (csm)',
			'Day 0 Identify interim contact (csm)',
			'Day 1 Executive outreach to their leadership (csm + csManager)',
			'Day 3 Introduction to replacement (if known) (csm)',
			'Week 1 Health score reassessment (csm)',
			'Week 1 Accelerate multi-threading (csm)',
			'Week 2 New stakeholder onboarding (csm)',
			'Week 4 Relationship assessment (csm + csManager)',
		]);
	});

	it('puts each save play behind its approver from the seed table', () => {
		const approvers = Object.fromEntries(
			['save_graduated_step_up', 'save_scope_reduction', 'save_higher_tier_trial', 'save_split_billing'].map((id) => [
				id,
				catalogue.get(id)!.steps.filter((s) => s.approver).map((s) => [s.approver, ...s.supportingRoles]),
			]),
		);
		expect(approvers).toEqual({
			save_graduated_step_up: [['salesManager']],
			save_scope_reduction: [['csm']],
			save_higher_tier_trial: [['salesManager', 'csm']],
			save_split_billing: [['finance']],
		});
	});

	it('reports every problem of a broken catalogue at once, with playbook id and field', () => {
		const broken = [
			{ ...PLAYBOOK_DATA[0], exitCriteria: [] },
			{
				...PLAYBOOK_DATA[1],
				ownerRole: 'cms',
				steps: [
					{ key: 'b', dayOffset: 3, action: 'Later', ownerRole: 'csm', channel: 'fax' },
					{ key: 'b', dayOffset: 1, action: 'Earlier', ownerRole: 'csm', channel: 'email' },
				],
			},
			PLAYBOOK_DATA[0],
		];
		let message = '';
		try {
			loadPlaybookCatalogue(broken);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message.split('\n')).toEqual([
			'playbook catalogue is invalid:',
			'- playbook "executive_escalation": exitCriteria [] must name at least one exit criterion',
			'- playbook "ebr": ownerRole "cms" is not one of "csm", "ae", "csLeader", "csManager", "supportManager", "execSponsor", "csOps", "salesManager", "finance", "legal", "dealDesk", "productManager"',
			'- playbook "ebr": steps[0].channel "fax" is not one of "email", "call", "meeting", "slack", "crm_task", "internal", "in_app"',
			'- playbook "executive_escalation": duplicates the id of an earlier playbook',
		]);
		// Ordering and duplicate keys are checked once the fields themselves are valid.
		const unordered = { ...PLAYBOOK_DATA[1], steps: [
			{ key: 'b', dayOffset: 3, action: 'Later', ownerRole: 'csm', channel: 'email' },
			{ key: 'b', dayOffset: 1, action: 'Earlier', ownerRole: 'csm', channel: 'email' },
		] };
		expect(() => loadPlaybookCatalogue([unordered])).toThrow(
			'playbook catalogue is invalid:\n- playbook "ebr": steps[1].key "b" duplicates step key "b"\n- playbook "ebr": steps[1].dayOffset 1 is earlier than the step before it; keep steps in time order',
		);
	});
});
