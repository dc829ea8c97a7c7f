import type { IDataObject } from 'n8n-workflow';
import { itemsInto, runWorkflow } from './harness';
import { makeIntelligence } from '../fixtures/decide/intelligence';

const acme = makeIntelligence({ accountId: 'acme', facts: { riskScore: 8.2, daysToRenewal: 87 } as never }) as unknown as IDataObject;
const sweepAt = (asOf: string, extra: IDataObject = {}) => itemsInto('csDecisionTriggers', { packs: ['decision-triggers'], options: { asOf, ...extra } }, [acme]);

describe('CS Decision Ledger node (same workflow ledger as CS Decision Triggers)', () => {
	it('marks an action done: it closes, and the detection-to-action time comes out', async () => {
		const sweep = await runWorkflow(sweepAt('2026-03-02T08:00:00Z'));
		const [escalation] = sweep.output('Node', 0);
		expect([(escalation.playbook as IDataObject).id, escalation.status]).toEqual(['executive_escalation', 'new']);

		// The action item itself comes back (e.g. from a Slack button or a CRM task-completed webhook).
		const done = await runWorkflow({
			...itemsInto('csDecisionLedger', { operation: 'markDone', fields: { at: 'completedAt' } }, [{ ...escalation, completedAt: '2026-03-03T14:30:00Z' }]),
			staticData: sweep.staticData,
		});
		expect(done.status).toBe('success');
		expect(done.output('Node')).toEqual([
			{
				actionId: escalation.actionId,
				playbook: 'executive_escalation',
				accountId: 'acme',
				openedAt: '2026-03-02T08:00:00Z',
				doneAt: '2026-03-03T14:30:00Z',
				detectionToActionHours: 30.5,
				alreadyClosed: false,
			},
		]);
		const ledger = (done.staticData.global as IDataObject).csSignalLedger as { actions: Record<string, { closedBy: string | null; closedAt: string | null }> };
		expect(Object.values(ledger.actions)).toEqual([expect.objectContaining({ closedBy: 'done', closedAt: '2026-03-03T14:30:00Z' })]);

		// a hand-built item (a webhook) names the action by account and playbook; a done date without an offset is in the workflow's zone
		const byName = await runWorkflow({
			...itemsInto('csDecisionLedger', { operation: 'markDone', fields: { at: 'when' } }, [{ accountId: 'acme', playbook: 'executive_escalation', when: '2026-03-05T09:00:00' }]),
			staticData: sweep.staticData,
		});
		expect(byName.output('Node')[0]).toMatchObject({ doneAt: '2026-03-05T09:00:00-05:00', detectionToActionHours: 78 });
	});

	it('snoozes an action: the next sweep holds it back, with the reason', async () => {
		const first = await runWorkflow(sweepAt('2026-03-02T08:00:00Z'));
		const snoozed = await runWorkflow({
			...itemsInto('csDecisionLedger', { operation: 'snooze', fields: { at: 'until' } }, [
				{ playbook: 'executive_escalation', accountId: 'acme', until: '2026-04-01T00:00:00Z', reason: 'EBR already booked for 28 March' },
			]),
			staticData: first.staticData,
		});
		expect(snoozed.output('Node')).toEqual([
			{
				actionId: first.output('Node', 0)[0].actionId,
				playbook: 'executive_escalation',
				accountId: 'acme',
				openedAt: '2026-03-02T08:00:00Z',
				snoozedUntil: '2026-04-01T00:00:00Z',
				reason: 'EBR already booked for 28 March',
			},
		]);
		const later = await runWorkflow({ ...sweepAt('2026-03-20T08:00:00Z', { includeOpen: true }), staticData: snoozed.staticData });
		const [held] = later.output('Node', 0);
		expect([held.status, held.statusReason]).toEqual(['snoozed', 'snoozed until 2026-04-01T00:00:00Z: EBR already booked for 28 March']);
	});

	it('names the item and the field when an item cannot be applied; with continue-on-fail the others still go through', async () => {
		const first = await runWorkflow(sweepAt('2026-03-02T08:00:00Z'));
		const items = [{ accountId: 'acme' }, { playbook: 'detractor_call', accountId: 'acme' }, { playbook: 'executive_escalation', accountId: 'acme' }, { actionId: 'act_nope' }];
		const failed = await runWorkflow({ ...itemsInto('csDecisionLedger', { operation: 'markDone' }, items), staticData: first.staticData });
		expect(failed.status).toBe('error');
		expect(failed.error('Node')?.message).toBe(
			'item 0: playbook field "playbook.id" is missing (map "Playbook Field" to the field holding a playbook id such as "executive_escalation", or give the action id)',
		);
		const tolerant = await runWorkflow({
			...itemsInto('csDecisionLedger', { operation: 'markDone' }, items, { onError: 'continueRegularOutput' }),
			staticData: first.staticData,
		});
		const out = tolerant.output('Node');
		expect(out[0]).toEqual({
			error: 'item 0: playbook field "playbook.id" is missing (map "Playbook Field" to the field holding a playbook id such as "executive_escalation", or give the action id)',
		});
		expect(out[1]).toEqual({ error: 'item 1: No action "detractor_call" was ever opened for account acme: nothing to mark done' });
		expect(out[2]).toMatchObject({ playbook: 'executive_escalation', accountId: 'acme', alreadyClosed: false });
		expect(out[3]).toEqual({ error: 'item 3: no action with id "act_nope" in this workflow\'s ledger (was it opened by CS Decision Triggers in the same workflow?)' });
	});
});
