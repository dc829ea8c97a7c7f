import type { IDataObject } from 'n8n-workflow';
import { itemsInto, packageNodeTypes, runWorkflow, PACKAGE_NAME } from './harness';
import { DEFAULT_SUPPORT_FIELD_MAP, SUPPORT_FIELD_LABELS, defaultSupportThresholds } from '../../engine/detect/support';
import { SignalSchema } from '../../engine/model';
import tickets from '../fixtures/support/tickets.json';

const AS_OF = '2026-11-20T12:00:00Z';
const parameters = { source: 'inputItems', asOf: AS_OF };

/** What a CSM reads off each signal. */
const EXPECTED = [
	['360001', 'support.sev1_escalation', 10, 'Urgent ticket #5103 "SSO login failing for all users" opened 2026-11-18, still unsolved'],
	['360001', 'support.slow_resolution', 5, 'Ticket #5098 "CSV export times out for large reports" took 100 hours to resolve (threshold 72 hours)'],
	['360001', 'support.slow_resolution', 6, 'Ticket #5101 "Scheduled report emails not arriving" still unsolved after 146.5 hours (threshold 72 hours), at least twice the threshold'],
	['360001', 'support.ticket_burst', 8, '4 tickets in the 7 days to 2026-11-20 (#5101, #5102, #5103, #5104), 1 above the burst threshold of 3'],
	['360001', 'support.volume_spike', 7, 'Tickets up 150% (5 in the 30 days to 2026-11-20 vs an average of 2 per 30 days over the 90 days before) — at least twice the usual volume'],
	['360002', 'support.low_csat', 6, 'Ticket #5200 "Invoice shows wrong seat count" rated bad by the customer'],
	['360002', 'support.slow_resolution', 5, 'Ticket #5201 "Audit log missing entries since upgrade" still unsolved after 123 hours (threshold 72 hours)'],
];
const summary = (signals: IDataObject[]) => signals.map((s) => [s.accountId, s.type, s.severity, s.evidence]);

describe('CS Support Signals node (in n8n-core WorkflowExecute)', () => {
	it('turns Zendesk-shaped ticket items into the exact signals', async () => {
		const result = await runWorkflow(itemsInto('csSupportSignals', parameters, tickets as unknown as IDataObject[]));
		expect(result.status).toBe('success');
		const signals = result.output('Node');
		expect(summary(signals)).toEqual(EXPECTED);
		for (const signal of signals) expect(() => SignalSchema.parse(signal)).not.toThrow();
		expect(signals[0]).toMatchObject({
			category: 'support',
			polarity: 'risk',
			observedAt: '2026-11-18T08:15:00Z',
			detectedAt: AS_OF,
			source: { system: 'zendesk', ref: '5103', url: 'https://acme.zendesk.com/agent/tickets/5103' },
		});
		expect(signals[4]).toMatchObject({ value: 5, baseline: 2, source: { system: 'zendesk', ref: '360001@2026-11-20' } });
	});

	it('pairs each signal with the ticket items it rests on', async () => {
		const result = await runWorkflow(itemsInto('csSupportSignals', parameters, tickets as unknown as IDataObject[]));
		const paired = result.items('Node').map((item) => item.pairedItem);
		expect(paired).toEqual([
			{ item: 9 }, // #5103
			{ item: 6 }, // #5098
			{ item: 7 }, // #5101
			[{ item: 7 }, { item: 8 }, { item: 9 }, { item: 10 }], // the burst: #5101–#5104
			[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((item) => ({ item })), // the spike: window + baseline
			{ item: 14 }, // #5200
			{ item: 15 }, // #5201
		]);
	});

	it('honours field mapping, thresholds and the source system name', async () => {
		const renamed = tickets.map(({ organization_id, ...rest }) => ({ ...rest, company: { domain: `org-${organization_id}.example` } }));
		const result = await runWorkflow(
			itemsInto(
				'csSupportSignals',
				{ ...parameters, fieldMapping: { accountKey: 'company.domain' }, thresholds: { slowResolutionMaxHours: 200, ticketBurstMinTickets: 5 }, sourceSystem: 'zendesk-eu' },
				renamed as unknown as IDataObject[],
			),
		);
		expect(result.status).toBe('success');
		expect(result.output('Node').map((s) => [s.accountId, s.type, (s.source as IDataObject).system])).toEqual([
			['org-360001.example', 'support.sev1_escalation', 'zendesk-eu'],
			['org-360001.example', 'support.volume_spike', 'zendesk-eu'],
			['org-360002.example', 'support.low_csat', 'zendesk-eu'],
		]);
	});

	it('stops on a malformed ticket with an error naming item, field, value and fix', async () => {
		const items = [...tickets.slice(0, 2), { ...tickets[2], created_at: 'yesterday' }, ...tickets.slice(3)];
		const result = await runWorkflow(itemsInto('csSupportSignals', parameters, items as unknown as IDataObject[]));
		expect(result.status).toBe('error');
		expect(result.error('Node')?.message).toBe(
			'ticket 2: created_at "yesterday" is not an ISO-8601 date (map "Created At Field" to a field holding ISO-8601 dates)',
		);
		expect((result.error('Node') as unknown as { context: IDataObject }).context.itemIndex).toBe(2);
	});

	it('with continue-on-fail, the good tickets still give their signals and the bad one an error item', async () => {
		const { organization_id: _dropped, ...noOrg } = tickets[16];
		const items = [...tickets, { ...tickets[0], id: 9001, created_at: 'yesterday' }, noOrg];
		const result = await runWorkflow(
			itemsInto('csSupportSignals', parameters, items as unknown as IDataObject[], { onError: 'continueRegularOutput' }),
		);
		expect(result.status).toBe('success');
		const output = result.items('Node');
		expect(summary(output.slice(0, 7).map((item) => item.json))).toEqual(EXPECTED);
		expect(output.slice(7).map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{ error: 'ticket 18: created_at "yesterday" is not an ISO-8601 date (map "Created At Field" to a field holding ISO-8601 dates)', ticketIndex: 18 },
				{ item: 18 },
			],
			[
				{ error: 'ticket 19: organization_id is missing (map "Account Key Field" to a field holding the account key (e.g. organization_id))', ticketIndex: 19 },
				{ item: 19 },
			],
		]);
	});

	it('rejects an unusable setting as a node error', async () => {
		const result = await runWorkflow(itemsInto('csSupportSignals', { ...parameters, asOf: 'next tuesday' }, tickets.slice(0, 1) as unknown as IDataObject[]));
		expect(result.status).toBe('error');
		expect(result.error('Node')?.message).toBe('As Of "next tuesday" is not an ISO-8601 date');
	});

	it('labels every field mapping as the error messages name it, with the engine\'s defaults', () => {
		const node = packageNodeTypes().getByNameAndVersion(`${PACKAGE_NAME}.csSupportSignals`);
		const options = (name: string) =>
			node.description.properties.find((p) => p.name === name)!.options as Array<{ name: string; displayName: string; default: unknown }>;
		const mapping = options('fieldMapping');
		expect(Object.fromEntries(mapping.map((o) => [o.name, o.displayName]))).toEqual(
			Object.fromEntries(Object.entries(SUPPORT_FIELD_LABELS).map(([key, { label }]) => [key, label])),
		);
		expect(Object.fromEntries(mapping.map((o) => [o.name, o.default]))).toEqual(DEFAULT_SUPPORT_FIELD_MAP);
		expect(Object.fromEntries(options('thresholds').map((o) => [o.name, o.default]))).toEqual(defaultSupportThresholds());
	});
});
