/**
 * The executive change watch template in a real n8n 2.41 (CLI), against the fake HubSpot (contacts read with
 * `propertiesWithHistory`), Google News and Slack through the routing proxy. Two customers: Juniper Schools, whose
 * champion Dana Whitfield moved to another company four days ago (the company property's history in HubSpot: a
 * company record outside the book), and
 * Kestrel Aviation, in the news for layoffs, whose people stay. Asserts what reached the fakes — one Slack message for
 * Juniper Schools and one HubSpot task for its CSM with the champion-departure play's due date, nothing for Kestrel —
 * and that a second run the same day posts nothing (the ledger kept by n8n between processes). The book is dated from
 * today, so the template runs unmodified.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, startE2eEnvironment, type E2eEnvironment } from './n8n';
import { DEMO_TOKENS } from '../../demo/provider-data';
import { allItems, demoCredentials, emittedActions } from '../../demo/sandbox';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const NOW = Date.now();
const at = (days: number) => new Date(NOW + days * DAY_MS).toISOString();
const CHANNEL = 'C0CSALERTS';
const template = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows', 'executive-change-watch.json'), 'utf8'));

const dataset = {
	now: new Date(NOW).toISOString(),
	tokens: { hubspot: DEMO_TOKENS.hubspot, slack: DEMO_TOKENS.slack },
	hubspot: {
		owners: [{ id: '7001', email: 'maya.chen@example.com', firstName: 'Maya', lastName: 'Chen' }],
		companies: [
			{ id: '4521', properties: { name: 'Juniper Schools', domain: 'juniper-schools.example', annualrevenue: 64000, hubspot_owner_id: '7001' } },
			{ id: '4522', properties: { name: 'Kestrel Aviation', domain: 'kestrel-aviation.example', annualrevenue: 120000, hubspot_owner_id: '7001' } },
		],
		contacts: [
			{
				id: '601',
				createdAt: at(-700),
				properties: { firstname: 'Dana', lastname: 'Whitfield', email: 'dana@juniper-schools.example', jobtitle: 'Director of Operations', associatedcompanyid: '8800', cs_champion: 'true', notes_last_contacted: at(-20) },
				history: {
					associatedcompanyid: [
						{ value: '4521', timestamp: at(-700), sourceType: 'IMPORT' },
						{ value: '8800', timestamp: at(-4), sourceType: 'INTEGRATION' },
					],
				},
				associations: { companies: ['4521'] },
			},
			{
				id: '602',
				createdAt: at(-600),
				properties: { firstname: 'Omar', lastname: 'Haddad', email: 'omar@juniper-schools.example', jobtitle: 'VP Finance', associatedcompanyid: '4521', cs_exec_sponsor: 'true', notes_last_contacted: at(-10) },
				associations: { companies: ['4521'] },
			},
			{
				id: '611',
				createdAt: at(-500),
				properties: { firstname: 'Lena', lastname: 'Brandt', email: 'lena@kestrel-aviation.example', jobtitle: 'Head of Maintenance', associatedcompanyid: '4522', cs_champion: 'true', notes_last_contacted: at(-7) },
				associations: { companies: ['4522'] },
			},
		],
	},
	news: {
		googleNews: [
			{
				query: '"Kestrel Aviation" OR "kestrel-aviation.example"',
				items: [{ id: 'CBMiKestrel1', title: 'Kestrel Aviation to cut 12% of workforce in restructuring', publisher: 'Reuters', publisherUrl: 'https://www.reuters.com', publishedAt: at(-1) }],
			},
		],
	},
	slack: { channels: [{ id: CHANNEL, name: 'cs-alerts' }] },
};

let env: E2eEnvironment;
beforeAll(async () => {
	env = await startE2eEnvironment({ dataset });
	await env.importCredentials(demoCredentials());
	await env.importWorkflow(template);
});
afterAll(async () => {
	await env?.close();
});

describe('executive change watch template in n8n', () => {
	it('a champion who moved company → one champion-departure action: one Slack message and one HubSpot task for the CSM, due in 4 hours; the layoffs news is a signal, not an action', async () => {
		const result = await env.execute(template.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		// every contact read with the history of its title, company and bounce properties
		const contactReads = (await env.fakes.requests('hubspot')).filter((r: any) => r.path === '/crm/v3/objects/contacts' && r.query.propertiesWithHistory);
		expect(contactReads.length).toBeGreaterThan(0);
		expect(String(contactReads[0].query.propertiesWithHistory).split(',')).toEqual(['jobtitle', 'associatedcompanyid', 'hs_email_hard_bounce_reason_enum']);
		expect(allItems(result.run, 'Executive changes').map((s: any) => [s.accountId, s.type, s.evidence])).toEqual([
			['4521', 'exec.champion_departed', `Champion Dana Whitfield (Director of Operations) left Juniper Schools: moved to another company (company record 8800) on ${at(-4).slice(0, 10)}`],
		]);
		// one Google News search per account; Kestrel's layoffs story is a market signal
		const searches = (await env.fakes.requests('googleNews')).map((r: any) => r.query.q).sort();
		expect(searches).toEqual(['"Juniper Schools" OR "juniper-schools.example" when:30d', '"Kestrel Aviation" OR "kestrel-aviation.example" when:30d']);
		expect(allItems(result.run, 'Market news').map((s: any) => [s.accountId, s.type])).toEqual([['4522', 'market.layoffs']]);

		const actions = emittedActions(result.run, 'Exec change triggers');
		expect(actions.map((a: any) => [a.accountName, a.playbook.id, a.reasons.map((r: any) => r.rule.id).sort().join(', '), a.priority, a.status, a.owner.person?.name])).toEqual([
			['Juniper Schools', 'champion_change', 'event.champion_departed, event.champion_departed_exec', 'P1', 'new', 'Maya Chen'],
		]);
		const [action] = actions;
		// due with the stricter of its two rules: the next-level executive involved within 4 hours
		expect(Date.parse(action.dueAt) - Date.parse(action.firedAt)).toBe(4 * HOUR_MS);

		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toHaveLength(1);
		expect(outbox.slackMessages[0].request).toMatchObject({ channel: CHANNEL, includeLinkToWorkflow: false });
		expect(outbox.slackMessages[0].text).toBe(allItems(result.run, 'Slack message per account')[0].slack.text);
		expect(outbox.slackMessages[0].text).toContain('Juniper Schools');
		expect(outbox.slackMessages[0].text).toContain(`<@U01MAYA> (CSM), due ${action.dueAt.slice(0, 10)}`);

		expect(outbox.hubspotTasks).toHaveLength(1);
		const [task] = outbox.hubspotTasks;
		expect(task.associations.companies).toEqual(['4521']);
		expect(task.request.properties).toMatchObject({
			hs_task_subject: '[P1] Juniper Schools — Champion departure',
			hs_timestamp: action.dueAt,
			hs_task_priority: 'HIGH',
			hubspot_owner_id: '7001',
		});
		// both rules as reasons, the champion-departure play's steps (the first due today, owned by the CSM)
		expect(task.request.properties.hs_task_body).toContain('- A champion has departed (Champion departed: involve the next-level executive, P1)\n- A champion has departed (Champion departed: find the new stakeholder, P1)');
		const [planned] = allItems(result.run, 'CS Playbook');
		expect(planned.steps[0]).toMatchObject({ ownerName: 'Maya Chen', action: 'Document all knowledge from champion' });
		expect(task.request.properties.hs_task_body).toContain(`Steps:\n- ${planned.steps[0].dueAt.slice(0, 10)} · Maya Chen: Document all knowledge from champion`);
		expect(await env.fakes.refused()).toEqual([]);
	});

	it('a second run the same day posts nothing: the departure and the news are still active signals, but the action is open in the ledger', async () => {
		await env.fakes.reset();
		const result = await env.execute(template.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(allItems(result.run, 'Executive changes').map((s: any) => [s.accountId, s.type])).toEqual([['4521', 'exec.champion_departed']]);
		expect(allItems(result.run, 'Market news').map((s: any) => [s.accountId, s.type])).toEqual([['4522', 'market.layoffs']]);
		// the open action is not handed on again (Include Open Actions is off)
		expect(emittedActions(result.run, 'Exec change triggers')).toEqual([]);
		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toEqual([]);
		expect(outbox.hubspotTasks).toEqual([]);
		expect(await env.fakes.refused()).toEqual([]);
	});
});
