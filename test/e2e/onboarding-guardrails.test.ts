/**
 * The onboarding guardrails template in a real n8n 2.41 (CLI), against the fake HubSpot, Mixpanel and Slack
 * (through the routing proxy: the Mixpanel export is asked of data.mixpanel.com). Four new customers, each at one
 * of the seeds' checkpoints as of today: Kestrel Labs on day 8 without a kickoff, Harbor Supply on day 35 not live,
 * Orchid Health on day 63 with 8 of 100 seats active, Juniper Retail on day 95 whose usage collapsed. Asserts what
 * reached the fakes — one Slack message per account and one HubSpot task per action, exactly — and that a second run the same
 * day requests no Mixpanel day again and posts nothing (the usage counts and the ledger kept by n8n between
 * processes). The book is dated from today, so the template runs unmodified (no fixed as-of).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, startE2eEnvironment, type E2eEnvironment } from './n8n';
import { DEMO_TOKENS } from '../../demo/provider-data';
import { allItems, demoCredentials } from '../../demo/sandbox';

const DAY_MS = 86_400_000;
const TODAY = Date.parse(new Date().toISOString().slice(0, 10));
const day = (offset: number) => new Date(TODAY + offset * DAY_MS).toISOString().slice(0, 10);
const CHANNEL = 'C0CSONBOARD';
const template = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows', 'onboarding-guardrails.json'), 'utf8'));

const COMPANIES = [
	{ id: '5101', name: 'Kestrel Labs', start: -8, arr: 30000, seats: 50 },
	{ id: '5102', name: 'Harbor Supply', start: -35, arr: 42000, seats: 40, kickoff: -33 },
	{ id: '5103', name: 'Orchid Health', start: -63, arr: 90000, seats: 100, kickoff: -61, goLive: -37, firstValue: -18 },
	{ id: '5104', name: 'Juniper Retail', start: -95, arr: 60000, seats: 60, kickoff: -93, goLive: -64, firstValue: -49 },
];

/** `users` people of a company active (one Page Viewed each, at 10:00 UTC) on every day from `from` to `to` (offsets from today). */
function active(company: string, users: number, from: number, to: number) {
	const out = [];
	for (let d = from; d <= to; d += 1) for (let u = 1; u <= users; u += 1) out.push({ event: 'Page Viewed', properties: { time: `${day(d)}T10:00:00Z`, distinct_id: `${company}-u${u}`, account_id: company } });
	return out;
}

const dataset = {
	now: new Date().toISOString(),
	tokens: { hubspot: DEMO_TOKENS.hubspot, slack: DEMO_TOKENS.slack, mixpanel: 'cs-signal-os.mp-service-account:mp-demo-secret' },
	hubspot: {
		owners: [{ id: '7001', email: 'maya.chen@example.com', firstName: 'Maya', lastName: 'Chen' }],
		companies: COMPANIES.map((c) => ({
			id: c.id,
			properties: {
				name: c.name,
				annualrevenue: c.arr,
				hubspot_owner_id: '7001',
				licensed_seats: c.seats,
				contract_start_date: `${day(c.start)}T00:00:00Z`,
				...(c.kickoff === undefined ? {} : { cs_kickoff_date: `${day(c.kickoff)}T00:00:00Z` }),
				...(c.goLive === undefined ? {} : { cs_go_live_date: `${day(c.goLive)}T00:00:00Z` }),
				...(c.firstValue === undefined ? {} : { cs_first_value_date: `${day(c.firstValue)}T00:00:00Z` }),
			},
		})),
	},
	slack: { channels: [{ id: CHANNEL, name: 'cs-onboarding' }] },
	mixpanel: {
		projectId: 2195193,
		events: [
			...active('5102', 10, -28, -1),
			...active('5103', 8, -59, -1),
			...active('5104', 40, -92, -38),
			...active('5104', 10, -37, -8),
			...active('5104', 2, -7, -1),
		],
	},
};

let env: E2eEnvironment;
beforeAll(async () => {
	env = await startE2eEnvironment({ dataset });
	await env.importCredentials([
		...demoCredentials(),
		{ id: 'csDemoMixpanel1', name: 'Mixpanel (CS Signal OS)', type: 'csMixpanelApi', data: { username: 'cs-signal-os.mp-service-account', secret: 'mp-demo-secret', projectId: '2195193', region: 'us', projectTimezone: 'UTC', baseUrl: '' } },
	]);
	await env.importWorkflow(template);
});
afterAll(async () => {
	await env?.close();
});

describe('onboarding guardrails template in n8n', () => {
	it('day 8 / 35 / 63 / 95: one onboarding action each (no kickoff, not live, usage under 20% of seats, health under 50) → one Slack message per account and one HubSpot task each', async () => {
		const result = await env.execute(template.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		// usage: the whole window from Mixpanel's US host, once; the day-60 check found 8 of 100 seats
		const exports = (await env.fakes.requests('mixpanel')).map((r) => [r.host, r.path, r.query.from_date, r.query.to_date]);
		expect(exports).toEqual([['data.mixpanel.com', '/api/2.0/export', day(-126), day(-1)]]);
		expect(result.items('Product usage').map((s: any) => [s.accountId, s.type])).toEqual([
			['5103', 'usage.low_activation'],
			['5104', 'usage.below_baseline'],
			['5104', 'usage.usage_decline'],
			['5104', 'usage.wau_drop'],
		]);
		expect(result.items('Product usage').find((s: any) => s.type === 'usage.low_activation').evidence).toBe(
			`8% of licensed seats active by day 60 (8 of 100 in the 30 days to ${day(-3)})`,
		);

		// the Onboarding output (each action is also on All Actions, which this template leaves unconnected)
		const actions = result.items('Onboarding triggers', 4).filter((item: any) => item.actionId);
		expect(actions.map((a: any) => [a.accountName, a.reasons.map((r: any) => r.rule.id).join(', '), a.status]).sort()).toEqual([
			['Harbor Supply', 'onboarding.not_live', 'new'],
			['Juniper Retail', 'onboarding.low_health', 'new'],
			['Kestrel Labs', 'onboarding.no_kickoff', 'new'],
			['Orchid Health', 'onboarding.low_usage', 'new'],
		]);

		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toHaveLength(4);
		for (const message of outbox.slackMessages) expect(message.request).toMatchObject({ channel: CHANNEL, includeLinkToWorkflow: false });
		// what Slack received is what CS Account Brief rendered, one per account
		const rendered = allItems(result.run, 'Slack alert text').map((brief: any) => brief.slack.text).sort();
		expect(outbox.slackMessages.map((m: any) => m.text).sort()).toEqual(rendered);
		// each action's own due date (fired now + its rule's SLA)
		const due = (accountId: string) => String(actions.find((a: any) => a.accountId === accountId)?.dueAt).slice(0, 10);
		expect(outbox.slackMessages.map((m: any) => m.text).sort()).toEqual([
			`P2 Harbor Supply: 1 action. P2 Onboarding go-live alert — <@U01MAYA> (account owner, no CS manager on record), due ${due('5102')}: The customer is not live yet and the contract started 35 days ago (at least 30, within 120).`,
			`P2 Juniper Retail: 1 action. P2 Health review — <@U01MAYA> (CSM), due ${due('5104')}: Health score 42 is below 50 and the contract started 95 days ago (at least 90, within 120).`,
			`P2 Orchid Health: 1 action. P2 Onboarding adoption intervention — <@U01MAYA> (CSM), due ${due('5103')}: Seat utilisation 8% is below 20% and the contract started 63 days ago (at least 60, within 120).`,
			`P3 Kestrel Labs: 1 action. P3 Onboarding kickoff reminder — <@U01MAYA> (CSM), due ${due('5101')}: The kickoff has not happened and the contract started 8 days ago (at least 3, within 120).`,
		]);

		expect(outbox.hubspotTasks).toHaveLength(4);
		const byCompany = Object.fromEntries(outbox.hubspotTasks.map((t: any) => [t.associations.companies[0], t.request.properties]));
		expect(Object.keys(byCompany).sort()).toEqual(['5101', '5102', '5103', '5104']);
		for (const task of outbox.hubspotTasks) {
			expect(task.request.associations).toEqual([{ to: { id: task.associations.companies[0] }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }]);
		}
		// the playbook of each trigger, its owner (the CS manager role has nobody on record: the account owner, said so in the message)
		expect(Object.entries(byCompany).map(([id, p]: [string, any]) => [id, p.hs_task_subject, p.hubspot_owner_id ?? null]).sort()).toEqual([
			['5101', '[P3] Kestrel Labs — Onboarding kickoff reminder', '7001'],
			['5102', '[P2] Harbor Supply — Onboarding go-live alert', '7001'],
			['5103', '[P2] Orchid Health — Onboarding adoption intervention', '7001'],
			['5104', '[P2] Juniper Retail — Health review', '7001'],
		]);
		expect(await env.fakes.refused()).toEqual([]);
	});

	it('a second run the same day requests no Mixpanel day again and posts nothing', async () => {
		await env.fakes.reset();
		const result = await env.execute(template.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		// the counts were kept by n8n: nothing left to export …
		expect(await env.fakes.requests('mixpanel')).toEqual([]);
		// … the same usage signals were found from them, and the same actions, but open (already posted)
		expect(result.items('Product usage').map((s: any) => s.type)).toEqual(['usage.low_activation', 'usage.below_baseline', 'usage.usage_decline', 'usage.wau_drop']);
		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toEqual([]);
		expect(outbox.hubspotTasks).toEqual([]);
	});
});
