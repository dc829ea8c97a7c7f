/**
 * One as-of rule for every node (engine/model/time.ts resolveAsOf, n8n's own convention for `$now`): an as-of
 * written without an offset — as n8n's date picker gives it — is a wall-clock time in the WORKFLOW's time zone.
 * One sweep, workflow zone America/Los_Angeles, the same offset-less as-of on every node: the windows they read,
 * the signals' detection time, the intelligence, the actions' firedAt and dueAt, the playbook tasks, the report
 * and the renewal ladder all stand on the same instant.
 */
import { DateTime, Duration } from 'luxon';
import { toIso } from '../../engine/model';
import { NodeConnectionTypes, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { buildDemoBook } from '../../demo/book';
import { buildProviderData, DEMO_TOKENS, DEMO_ZENDESK_SUBDOMAIN } from '../../demo/provider-data';
import { DECISION_OUTPUTS } from '../../engine/decide';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { PACKAGE_NAME, runWorkflow } from './harness';

const ZONE = 'America/Los_Angeles';
const LOCAL_AS_OF = '2026-11-23T07:00:00';
const INSTANT = '2026-11-23T07:00:00-08:00';
const book = buildDemoBook('2026-11-23');
const data = buildProviderData(book);

let fakes: RunningFakeProviders;
beforeAll(async () => {
	fakes = await startFakeProviders({ dataset: data.dataset });
});
afterAll(async () => {
	await fakes.close();
});

const node = (name: string, type: string, parameters: INodeParameters, extra: IDataObject = {}) => ({ name, type: `${PACKAGE_NAME}.${type}`, parameters, ...extra });
const to = (target: string, index = 0) => ({ node: target, type: NodeConnectionTypes.Main, index });

function sweep(asOf: string, timezone = ZONE) {
	return runWorkflow(
		{
			timezone,
			nodes: [
				{ name: 'Start', type: 'test.items', parameters: { items: '[{}]' } },
				node('HubSpot accounts', 'csCrmSignals', { source: 'hubspot', asOf, hubspotMapping: { portalId: '4410001', defaultCurrency: 'EUR', ownerDirectory: JSON.stringify(data.ownerDirectory) } }, { credentials: { csHubSpotApi: { id: 'h', name: 'HubSpot' } } }),
				node('Zendesk tickets', 'csSupportSignals', { source: 'zendesk', asOf, zendeskWindowDays: 120 }, { credentials: { csZendeskApi: { id: 'z', name: 'Zendesk' } } }),
				node('Intelligence', 'csAccountIntelligence', { asOf }),
				node('Decisions', 'csDecisionTriggers', { options: { asOf } }),
				node('Playbook', 'csPlaybook', { output: 'action' }),
				node('Report', 'csPortfolioReport', { asOf }),
				node('Ladder', 'csRenewalLadder', { asOf }),
			],
			connections: {
				Start: { main: [[to('HubSpot accounts'), to('Zendesk tickets')]] },
				'HubSpot accounts': { main: [[to('Intelligence', 0)], [to('Intelligence', 1)]] },
				Intelligence: { main: [[to('Decisions'), to('Report'), to('Ladder')]] },
				Decisions: { main: [[to('Playbook')]] },
			},
		},
		{
			credentials: {
				csHubSpotApi: { accessToken: DEMO_TOKENS.hubspot, baseUrl: fakes.httpUrl! },
				csZendeskApi: { subdomain: DEMO_ZENDESK_SUBDOMAIN, authType: 'apiToken', email: 'cs-ops@example.com', apiToken: DEMO_TOKENS.zendesk, baseUrl: fakes.httpUrl! },
			},
		},
	);
}

describe('one clock for every node', () => {
	it(`an offset-less as-of is read in the workflow's time zone (${ZONE}) by every node, and they agree`, async () => {
		fakes.reset();
		const result = await sweep(LOCAL_AS_OF);
		expect(result.status).toBe('success');

		// sources: the detection instant, and the Zendesk window (120 days before that instant)
		const crmSignals = result.output('HubSpot accounts', 1);
		const supportSignals = result.output('Zendesk tickets');
		expect(crmSignals.length).toBeGreaterThan(0);
		expect(supportSignals.length).toBeGreaterThan(0);
		expect(new Set([...crmSignals, ...supportSignals].map((s) => s.detectedAt))).toEqual(new Set([INSTANT]));
		const exportRead = fakes.requests().find((r) => r.path === '/api/v2/incremental/tickets/cursor.json')!;
		expect(Number(exportRead.query.start_time)).toBe(DateTime.fromISO(INSTANT).minus({ days: 120 }).toSeconds());

		// aggregation
		const intelligence = result.output('Intelligence');
		expect(new Set(intelligence.map((i) => i.asOf))).toEqual(new Set([INSTANT]));

		// decisions: fired at the instant, due by each rule's SLA from it, in the same offset
		const actions = result.output('Decisions', DECISION_OUTPUTS.indexOf('allActions'));
		expect(actions.length).toBeGreaterThan(0);
		expect(new Set(actions.map((a) => a.firedAt))).toEqual(new Set([INSTANT]));
		for (const action of actions) {
			const reason = (action.reasons as IDataObject[]).find((r) => r.dueAt === action.dueAt)!;
			expect(action.dueAt).toBe(toIso(DateTime.fromISO(INSTANT, { setZone: true }).plus(Duration.fromISO(reason.sla as string))));
		}
		const digests = result.output('Decisions', DECISION_OUTPUTS.indexOf('ownerDigests'));
		expect(new Set(digests.map((d) => d.day))).toEqual(new Set(['2026-11-23']));

		// the playbook's tasks: the SLA step at the action's due date, the others at 17:00 on business days in the workflow's zone
		const plans = result.output('Playbook');
		expect(plans).toHaveLength(actions.length);
		for (const plan of plans) {
			const action = actions.find((a) => a.actionId === plan.actionId)!;
			for (const step of plan.steps as IDataObject[]) {
				if (step.dueBasis === 'rule_sla') expect(step.dueAt).toBe(action.dueAt);
				else expect(step.dueAt).toMatch(/^2026-1[12]-\d\dT17:00:00-08:00$|^2027-\d\d-\d\dT17:00:00-08:00$/);
			}
		}
		const dayZero = plans.flatMap((plan) => plan.steps as IDataObject[]).filter((step) => step.dueBasis === 'business_days' && step.dayOffset === 0);
		expect(dayZero.length).toBeGreaterThan(0);
		expect(new Set(dayZero.map((step) => step.dueAt))).toEqual(new Set(['2026-11-23T17:00:00-08:00']));

		// the report's week and the ladder's entry
		const [report] = result.output('Report');
		expect((report.report as IDataObject).asOf).toBe(INSTANT);
		const entries = result.output('Ladder');
		expect(entries.length).toBeGreaterThan(0);
		expect(new Set(entries.map((e) => e.enteredAt))).toEqual(new Set([INSTANT]));
	});

	it('an as-of with an explicit offset keeps it, whatever the workflow\'s zone', async () => {
		fakes.reset();
		const result = await sweep('2026-11-23T15:00:00Z');
		expect(result.status).toBe('success');
		expect(new Set(result.output('HubSpot accounts', 1).map((s) => s.detectedAt))).toEqual(new Set(['2026-11-23T15:00:00Z']));
		expect(new Set(result.output('Intelligence').map((i) => i.asOf))).toEqual(new Set(['2026-11-23T15:00:00Z']));
		expect(new Set(result.output('Decisions').map((a) => a.firedAt))).toEqual(new Set(['2026-11-23T15:00:00Z']));
		expect(((result.output('Report')[0].report) as IDataObject).asOf).toBe('2026-11-23T15:00:00Z');
	});
});
