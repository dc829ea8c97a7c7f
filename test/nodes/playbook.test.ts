import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { itemsInto, runWorkflow } from './harness';

const action = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'act', 'action-executive-escalation.json'), 'utf8')) as IDataObject;
const withOwners = { ...action, owners: { csm: { name: 'Chris Park' } } };
const BERLIN_XMAS = { timeZone: 'Europe/Berlin', holidays: '2026-12-24, 2026-12-25, 2026-12-26, 2027-01-01', dueHour: 17 };

describe('CS Playbook node', () => {
	it('turns an Action into one task per playbook step, each with its own owner and a business-day due date, paired to the action', async () => {
		const result = await runWorkflow(itemsInto('csPlaybook', { ...BERLIN_XMAS, fallbackOwnerName: 'CS Ops queue' }, [withOwners]));
		expect(result.status).toBe('success');
		expect(result.output('Node').map((s) => [s.key, s.ownerRole, s.ownerName, s.channel, s.dueAt])).toEqual([
			['alert_team', 'csm', 'Chris Park', 'slack', '2026-12-24T15:30:00+01:00'],
			['executive_brief', 'csm', 'Chris Park', 'internal', '2026-12-23T17:00:00+01:00'],
			['review_health_breakdown', 'csLeader', 'Dana Lee', 'internal', '2026-12-28T17:00:00+01:00'],
			['choose_mode', 'csLeader', 'Dana Lee', 'internal', '2026-12-28T17:00:00+01:00'],
			['exec_outreach', 'csLeader', 'Dana Lee', 'call', '2026-12-29T17:00:00+01:00'],
			['schedule_ebr', 'csm', 'Chris Park', 'meeting', '2026-12-30T17:00:00+01:00'],
			['root_cause_session', 'csm', 'Chris Park', 'meeting', '2027-01-04T17:00:00+01:00'],
			['recovery_plan', 'csm', 'Chris Park', 'crm_task', '2027-01-06T17:00:00+01:00'],
			['weekly_check_in', 'csm', 'Chris Park', 'call', '2027-01-11T17:00:00+01:00'],
		]);
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual(Array(9).fill({ item: 0 }));
		expect(result.output('Node')[0]).toMatchObject({ actionId: 'act_acme_exec_escalation', playbookId: 'executive_escalation', priority: 'P1' });
	});

	it('outputs one item per action with a steps array when asked', async () => {
		const result = await runWorkflow(itemsInto('csPlaybook', { ...BERLIN_XMAS, output: 'action' }, [withOwners, { ...action, actionId: 'act_2', playbook: { id: 'detractor_call', name: 'NPS detractor call' } }]));
		const out = result.output('Node');
		expect(out.map((d) => [d.actionId, (d.playbook as IDataObject).id, (d.steps as IDataObject[]).length, d.lastDueAt])).toEqual([
			['act_acme_exec_escalation', 'executive_escalation', 9, '2027-01-11T17:00:00+01:00'],
			['act_2', 'detractor_call', 3, '2027-01-04T17:00:00+01:00'],
		]);
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('outputs the CS-to-Sales hand-off of an action when asked', async () => {
		const result = await runWorkflow(itemsInto('csPlaybook', { ...BERLIN_XMAS, output: 'handoff' }, [{ ...action, playbook: { id: 'cs_sales_handoff', name: 'CS → Sales handoff' }, owners: { ae: { name: 'Alex Moreau', crmOwnerId: '7003' } } }]));
		const [handoff] = result.output('Node');
		expect(handoff).toMatchObject({ dealName: 'Acme Corp — expansion', ae: { name: 'Alex Moreau', crmOwnerId: '7003' }, champion: 'Dana Whitfield (COO)', decisionMaker: 'Rita Okoye (CFO)', crmCompanyId: '4410' });
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
	});

	it('stops on a bad Action item with an error naming the item and the field', async () => {
		const { playbook: _playbook, ...noPlaybook } = action;
		const result = await runWorkflow(itemsInto('csPlaybook', BERLIN_XMAS, [action, noPlaybook]));
		expect(result.status).toBe('error');
		expect(result.error('Node')?.message).toBe('action 1: playbook is required but missing');
	});

	it('with continue-on-fail reports bad items (unknown playbook, missing field) and plans the others', async () => {
		const { openedAt: _openedAt, ...noOpenedAt } = action;
		const result = await runWorkflow(
			itemsInto('csPlaybook', { ...BERLIN_XMAS, output: 'action' }, [{ ...action, playbook: { id: 'executive_escalaton', name: 'x' } }, noOpenedAt, action], { onError: 'continueRegularOutput' }),
		);
		expect(result.status).toBe('success');
		expect(result.output('Node').map((d) => d.error ?? (d.playbook as IDataObject).id)).toEqual([
			'action act_acme_exec_escalation (account acme, rule "risk.exec_escalation") names playbook "executive_escalaton", which is not in the playbook catalogue; did you mean "executive_escalation"?',
			'action 1: openedAt is required but missing',
			'executive_escalation',
		]);
		expect(result.items('Node').map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('rejects a holiday list it cannot read, naming the entry', async () => {
		const result = await runWorkflow(itemsInto('csPlaybook', { ...BERLIN_XMAS, holidays: '2026-12-25, 26.12.2026' }, [action]));
		expect(result.error('Node')?.message).toBe(
			'holiday "26.12.2026" is not an ISO date; write holidays as YYYY-MM-DD, comma-separated (e.g. 2026-12-25, 2026-12-26)',
		);
	});
});
