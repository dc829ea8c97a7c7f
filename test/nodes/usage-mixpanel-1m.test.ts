/**
 * Reduce at the edge, measured: a fake Mixpanel export of 1,000,000 events (10,000 accounts × 20 people, 40
 * days) streamed through CS Usage Signals in n8n-core's WorkflowExecute, via n8n's own request helper. The export
 * is read line by line (never held whole), no event becomes an n8n item, and the carried counts stay small.
 * Peak RSS is printed, not asserted (speed and memory goals belong to `npm run bench`); what is asserted are the
 * engine's own counters: every event counted, memory bounded by accounts × window, a few items out.
 */
import { NodeConnectionTypes, type IDataObject } from 'n8n-workflow';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { PACKAGE_NAME, runWorkflow } from './harness';

const EVENTS = 1_000_000;
const ACCOUNTS = 10_000;
const DAYS = 40;

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({
		dataset: {
			now: '2026-03-10T09:00:00Z',
			mixpanel: { projectId: 2195193, generated: { from: '2026-01-29', to: '2026-03-09', eventsPerDay: EVENTS / DAYS, accounts: ACCOUNTS, usersPerAccount: 20 } },
		},
	});
});
afterAll(async () => fakes.close());

test('1,000,000 Mixpanel events stream through the node: every one counted, a few items out, the carried counts small', async () => {
	const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
	global.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 25);
	let result;
	try {
		result = await runWorkflow(
			{
				nodes: [
					{ name: 'Start', type: 'test.items', parameters: { items: '[{}]' } },
					{ name: 'Node', type: `${PACKAGE_NAME}.csUsageSignals`, parameters: { source: 'mixpanel', asOf: '2026-03-10T09:00:00Z', unmappedAccounts: 'ignore' }, credentials: { csMixpanelApi: { id: 'c', name: 'Mixpanel (fake)' } } },
				],
				connections: { Start: { main: [[{ node: 'Node', type: NodeConnectionTypes.Main, index: 0 }]] } },
			},
			{ credentials: { csMixpanelApi: { username: 'svc', secret: 'secret', projectId: '2195193', region: 'us', projectTimezone: 'UTC', baseUrl: fakes.httpUrl! } } },
		);
	} finally {
		clearInterval(sampler);
	}
	peak = Math.max(peak, process.memoryUsage().rss);
	expect(result.status).toBe('success');
	const summary = result.output('Node', 1)[0] as IDataObject & { read: IDataObject; counted: IDataObject; size: IDataObject; state: IDataObject };
	process.stdout.write(
		`CS Usage Signals, Mixpanel mode: ${EVENTS.toLocaleString('en-US')} events of ${ACCOUNTS.toLocaleString('en-US')} accounts streamed; ` +
			`RSS ${mb(before)} MB before, peak ${mb(peak)} MB (+${mb(peak - before)} MB); carried state ${mb(summary.state.bytes as number)} MB; ` +
			`${result.output('Node').length} signal items\n`,
	);
	expect(summary.read).toEqual({ lines: EVENTS, events: EVENTS, usageEvents: EVENTS, withoutAccount: 0, badLines: 0 });
	expect(summary.counted).toMatchObject({ eventsCounted: EVENTS, beforeWindow: 0, accountLimit: 0, userLimit: 0 });
	// memory follows accounts × window (× the people of each), not the million events
	expect(summary.size).toMatchObject({ accounts: ACCOUNTS, windowDays: 126 });
	expect(summary.size.trackedUsers as number).toBeLessThanOrEqual(ACCOUNTS * 20);
	expect(summary.state.bytes as number).toBeLessThan(2_000_000);
	// a million events become far fewer items than accounts
	expect(result.output('Node').length).toBeLessThan(ACCOUNTS);
}, 300_000);
