/**
 * The pre-meeting brief template in a real n8n 2.41 (CLI), on the demo book, against the fakes reached through the
 * routing proxy: n8n's own Google Calendar node reads tomorrow's meetings from www.googleapis.com (credential
 * googleCalendarOAuth2Api with a token that has not expired: nothing is refreshed), CS Meeting Signals reads Gong on
 * the customer's own host (us-12345.api.gong.io), and n8n's Slack node DMs the meeting owner.
 * Asserts what reached the fakes: one DM, to Acme Corp's CSM (the organizer), with the pre-meeting brief's blocks and
 * the meeting in the notification text; the Gong budget sentence quoted in the brief; no DM for an internal meeting
 * or a meeting with no customer account; no request refused by the proxy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, startE2eEnvironment, type E2eEnvironment } from './n8n';
import { buildDemoBook } from '../../demo/book';
import { buildProviderData } from '../../demo/provider-data';
import { adaptTemplate, allItems, demoCredentials } from '../../demo/sandbox';
import { gongCall } from '../fixtures/conversations/gong';

const AS_OF_DAY = '2026-11-23';
const book = buildDemoBook(AS_OF_DAY);
const data = buildProviderData(book);
const ACME = data.companyIdByAccount.acme;
const template = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows/pre-meeting-brief.json'), 'utf8'));

// "tomorrow" is the real tomorrow: the template asks the calendar for it with $now
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const at = (hour: string) => `${tomorrow}T${hour}:00Z`;
const DANA = { name: 'Dana Whitfield', email: 'dana.whitfield@acme.example', title: 'Chief Operating Officer', affiliation: 'External' as const };
const MAYA = { name: 'Maya Chen', email: 'maya.chen@example.com', title: 'CSM', affiliation: 'Internal' as const };

const dataset = {
	...data.dataset,
	gong: {
		calls: [
			{
				...gongCall('88001', '2026-11-18T15:00:00Z', [DANA, MAYA], [['Dana Whitfield', 'Before we renew we need to justify the cost to our CFO.'], ['Maya Chen', 'Understood.']]),
				context: [{ system: 'HubSpot', objects: [{ objectType: 'Account', objectId: ACME, fields: [{ name: 'Name', value: 'Acme Corp' }] }] }],
			},
		],
	},
	googleCalendar: {
		calendars: {
			primary: [
				{ id: 'ev-acme', summary: 'Acme Corp QBR', start: at('15:00'), end: at('16:00'), organizer: 'maya.chen@example.com', attendees: ['maya.chen@example.com', 'dana.whitfield@acme.example'] },
				{ id: 'ev-internal', summary: 'Team standup', start: at('09:00'), end: at('09:15'), organizer: 'maya.chen@example.com', attendees: ['maya.chen@example.com', 'leo.park@example.com'] },
				{ id: 'ev-prospect', summary: 'Intro call', start: at('11:00'), end: at('11:30'), organizer: 'maya.chen@example.com', attendees: ['maya.chen@example.com', 'ceo@prospect.example'] },
				{ id: 'ev-next-week', summary: 'Acme Corp roadmap', start: '2030-01-07T15:00:00Z', end: '2030-01-07T16:00:00Z', organizer: 'maya.chen@example.com', attendees: ['dana.whitfield@acme.example'] },
			],
		},
	},
};

let env: E2eEnvironment;

beforeAll(async () => {
	env = await startE2eEnvironment({ dataset });
	await env.importCredentials(demoCredentials());
	await env.importWorkflow(adaptTemplate(template, { warehouseUrl: '', ownerDirectory: data.ownerDirectory, asOf: book.asOf }));
});

afterAll(async () => {
	await env?.close();
});

describe('pre-meeting brief template in n8n', () => {
	it('DMs the meeting owner the pre-meeting brief of tomorrow’s customer meeting, citing the Gong call', async () => {
		const result = await env.execute(template.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		// the calendar was asked for tomorrow only, with n8n's Google credential
		const calendar = (await env.fakes.requests('googleCalendar')).filter((r) => r.path === '/calendar/v3/calendars/primary/events');
		expect(calendar).toHaveLength(1);
		expect(calendar[0].host).toBe('www.googleapis.com');
		expect(calendar[0].headers.authorization).toBe('Bearer ***oken');
		expect([calendar[0].query.timeMin.slice(0, 10), calendar[0].query.timeMax.slice(0, 10)]).toEqual([tomorrow, tomorrow]);
		// Gong on the customer's own host
		const gong = await env.fakes.requests('gong');
		expect([...new Set(gong.map((r) => r.host))]).toEqual(['us-12345.api.gong.io']);
		expect(gong.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v2/calls', 'POST /v2/calls/extensive', 'POST /v2/calls/transcript']);

		// only the Acme meeting has an account
		expect(allItems(result.run, 'Meetings with their account').map((m) => [m.meetingTitle, m.accountId])).toEqual([['Acme Corp QBR', ACME]]);
		const [brief] = allItems(result.run, 'Pre-meeting brief');
		expect(brief.accountName).toBe('Acme Corp');
		expect(brief.markdown.startsWith('# Pre-meeting brief: Acme Corp\n')).toBe(true);
		expect(brief.markdown).toContain('Dana Whitfield (Acme Corp, Chief Operating Officer) on the 18 Nov call: "Before we renew we need to justify the cost to our CFO."');

		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toHaveLength(1);
		const [dm] = outbox.slackMessages;
		expect([dm.request.channel, dm.channel, dm.dmUser]).toEqual(['U01MAYA', 'D01MAYA', 'U01MAYA']); // Maya Chen: Acme's CSM organised the meeting; Slack opens the bot's DM with her
		expect(dm.request.includeLinkToWorkflow).toBe(false);
		expect(dm.text).toBe(`Tomorrow 15:00: Acme Corp QBR — ${brief.slack.text}`);
		expect(dm.blocks).toEqual(brief.slack.blocks);
		expect(dm.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Pre-meeting brief: Acme Corp', emoji: true } });
	});

	it('no request tried to leave the machine: the routing proxy refused none', async () => {
		expect(await env.fakes.refused()).toEqual([]);
	});
});
