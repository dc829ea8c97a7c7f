import type { IDataObject } from 'n8n-workflow';
import { itemsInto, runWorkflow } from './harness';
import { makeIntelligence } from '../fixtures/decide/intelligence';

const acme = makeIntelligence({ accountId: 'acme', facts: { riskScore: 8.2, daysToRenewal: 87 } as never }) as unknown as IDataObject;
const sweepAt = (asOf: string, extra: IDataObject = {}) => itemsInto('csDecisionTriggers', { packs: ['decision-triggers'], options: { asOf, ...extra } }, [acme]);

describe('CS Decision Ledger node (same workflow ledger as CS Decision Triggers)', () => {
	it('records when a decision was actioned and reports the detection-to-action time', async () => {
		const sweep = await runWorkflow(sweepAt('2026-03-02T08:00:00Z'));
		const escalation = sweep.output('Node', 0).find((d) => (d.rule as IDataObject).id === 'risk.exec_escalation')!;
		expect(escalation.status).toBe('new');

		// The decision item itself comes back (e.g. from a Slack button or a CRM task-completed webhook).
		const action = await runWorkflow({
			...itemsInto('csDecisionLedger', { operation: 'recordAction', fields: { at: 'completedAt' } }, [{ ...escalation, completedAt: '2026-03-03T14:30:00Z' }]),
			staticData: sweep.staticData,
		});
		expect(action.status).toBe('success');
		expect(action.output('Node')).toEqual([
			{
				ruleId: 'risk.exec_escalation',
				accountId: 'acme',
				firstFiredAt: '2026-03-02T08:00:00Z',
				actionedAt: '2026-03-03T14:30:00Z',
				detectionToActionHours: 30.5,
			},
		]);
		const ledger = (action.staticData.global as IDataObject).csSignalLedger as { firings: Record<string, { actionedAt: string | null }> };
		expect(Object.values(ledger.firings).map((f) => f.actionedAt).filter(Boolean)).toEqual(['2026-03-03T14:30:00Z']);
	});

	it('snoozes a rule for an account: the next sweep holds it back, with the reason', async () => {
		const first = await runWorkflow(sweepAt('2026-03-02T08:00:00Z'));
		const snoozed = await runWorkflow({
			...itemsInto('csDecisionLedger', { operation: 'snooze', fields: { at: 'until' } }, [
				{ ruleId: 'risk.ebr_schedule', accountId: 'acme', until: '2026-04-01', reason: 'EBR already booked for 28 March' },
			]),
			staticData: first.staticData,
		});
		expect(snoozed.output('Node')).toEqual([
			{ ruleId: 'risk.ebr_schedule', accountId: 'acme', firstFiredAt: '2026-03-02T08:00:00Z', snoozedUntil: '2026-04-01T00:00:00Z', reason: 'EBR already booked for 28 March' },
		]);
		// After the EBR rule's cooldown, it would notify again — but it is snoozed.
		const later = await runWorkflow({ ...sweepAt('2026-03-20T08:00:00Z', { includeSuppressed: true }), staticData: snoozed.staticData });
		const ebr = later.output('Node', 0).find((d) => (d.rule as IDataObject).id === 'risk.ebr_schedule')!;
		expect([ebr.status, ebr.statusReason]).toEqual(['suppressed', expect.stringContaining('EBR already booked for 28 March')]);
	});

	it('names the item and the field when an item cannot be applied; with continue-on-fail the others still go through', async () => {
		const first = await runWorkflow(sweepAt('2026-03-02T08:00:00Z'));
		const items = [{ accountId: 'acme' }, { ruleId: 'event.nps_detractor', accountId: 'acme' }, { ruleId: 'risk.exec_escalation', accountId: 'acme' }];
		const failed = await runWorkflow({ ...itemsInto('csDecisionLedger', { operation: 'recordAction' }, items), staticData: first.staticData });
		expect(failed.status).toBe('error');
		expect(failed.error('Node')?.message).toBe(
			'item 0: rule id field "rule.id" is missing (map "Rule ID Field" to the field holding a rule id such as "risk.exec_escalation")',
		);
		const tolerant = await runWorkflow({
			...itemsInto('csDecisionLedger', { operation: 'recordAction' }, items, { onError: 'continueRegularOutput' }),
			staticData: first.staticData,
		});
		const out = tolerant.output('Node');
		expect(out[0]).toEqual({ error: 'item 0: rule id field "rule.id" is missing (map "Rule ID Field" to the field holding a rule id such as "risk.exec_escalation")' });
		expect(out[1]).toEqual({ error: 'item 1: Rule event.nps_detractor never fired for account acme: nothing to mark as actioned' });
		expect(out[2]).toMatchObject({ ruleId: 'risk.exec_escalation', accountId: 'acme' });
	});
});
