/**
 * The two templates that carry decisions to people, in a real n8n 2.41 (CLI), on the demo book as of 2026-11-23,
 * against the fake providers (HubSpot, Zendesk, Slack through the routing proxy; SMTP on loopback — n8n's Send Email
 * node connects to its host directly). Asserts exactly what reached the fakes, and that a second run posts nothing:
 * - Weekly leadership report: one Slack summary and one HTML e-mail (From, To, Subject, the report's HTML with its
 *   inline charts), once per week.
 * - Expansion hand-off to the AE: Brightline Health's expansion above the hand-off threshold becomes one HubSpot deal
 *   in the expansion pipeline, owned by the AE, associated with the company, carrying champion, decision maker,
 *   timeline and need; one Slack note to the AE.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, startE2eEnvironment, type E2eEnvironment } from './n8n';
import { buildDemoBook } from '../../demo/book';
import { buildProviderData, DEMO_SLACK_CHANNEL, type ProviderData } from '../../demo/provider-data';
type WarehouseFeed = { url: string; child: { pid: number } };
const { startWarehouse } = require('../../scripts/demo/warehouse-feed') as { startWarehouse: (workDir: string, signals: unknown) => Promise<WarehouseFeed> };
import { adaptTemplate, allItems, demoCredentials } from '../../demo/sandbox';

const AS_OF_DAY = '2026-11-23';
const book = buildDemoBook(AS_OF_DAY);
const data: ProviderData = buildProviderData(book);
const BRIGHTLINE = data.companyIdByAccount.brightline;
const readTemplate = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows', file), 'utf8'));
const reportTemplate = readTemplate('weekly-leadership-report.json');
const handoffTemplate = readTemplate('expansion-handoff.json');

let env: E2eEnvironment;
let warehouse: WarehouseFeed | undefined;

beforeAll(async () => {
	env = await startE2eEnvironment({ dataset: data.dataset });
	warehouse = await startWarehouse(env.workDir, data.warehouseSignals);
	await env.importCredentials(demoCredentials({ smtpPort: env.smtpPort }));
	for (const template of [reportTemplate, handoffTemplate]) await env.importWorkflow(adaptTemplate(template, { warehouseUrl: warehouse.url, ownerDirectory: data.ownerDirectory, asOf: book.asOf }));
});

afterAll(async () => {
	if (warehouse) process.kill(-warehouse.child.pid, 'SIGKILL');
	await env?.close();
});

describe('weekly leadership report template in n8n', () => {
	it('sends one Slack summary and one HTML e-mail through the Send Email node, with exactly the report the node rendered', async () => {
		await env.fakes.reset();
		const result = await env.execute(reportTemplate.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const [rendered] = allItems(result.run, 'CS Portfolio Report');
		expect(rendered.report.accounts).toBe(30);

		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toHaveLength(1);
		const [summary] = outbox.slackMessages;
		expect(summary.channel).toBe(DEMO_SLACK_CHANNEL.id);
		expect(summary.request.includeLinkToWorkflow).toBe(false);
		expect(summary.text).toBe(rendered.slack.text);
		expect(summary.text).toMatch(/^CS weekly leadership report 2026-11-23: 30 accounts, €[\d,]+ ARR at risk, €[\d,]+ due in 120 days \(forecast €[\d,]+\)\.$/);
		expect(summary.blocks).toEqual(rendered.slack.blocks);
		expect(summary.text).toMatchSnapshot('leadership report slack summary text');

		expect(outbox.emails).toHaveLength(1);
		const [mail] = outbox.emails;
		expect([mail.from, mail.to, mail.subject]).toEqual(['cs-reports@example.com', 'cro@example.com, vp-cs@example.com', 'CS weekly leadership report · week ending 2026-11-23']);
		expect(mail.envelope).toEqual({ from: 'cs-reports@example.com', to: ['cro@example.com', 'vp-cs@example.com'] });
		// the HTML that arrived is the report's HTML (no attribution appended), its charts inline
		expect(mail.html.trim()).toBe(rendered.html.trim());
		for (const chart of ['health', 'renewals', 'expansion']) expect(mail.html).toContain(`data-chart="${chart}"`);
		expect(mail.html).not.toMatch(/<script|src="http/);
		// the e-mail went to the SMTP fake, nothing to the providers about it
		expect((await env.fakes.requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('sends nothing on a second run in the same week (the week is remembered in static data)', async () => {
		await env.fakes.reset();
		const result = await env.execute(reportTemplate.id);
		expect(result.status).toBe('success');
		expect(allItems(result.run, 'CS Portfolio Report')).toEqual([]);
		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toEqual([]);
		expect(outbox.emails).toEqual([]);
	});
});

describe('expansion hand-off template in n8n', () => {
	it('turns the expansion above the hand-off threshold into one HubSpot deal for the AE, with champion, decision maker, timeline and need', async () => {
		await env.fakes.reset();
		const result = await env.execute(handoffTemplate.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		const handoffs = allItems(result.run, 'CS Playbook');
		expect(handoffs.map((h) => h.accountName)).toEqual(['Brightline Health']);

		const outbox = await env.fakes.outbox();
		expect(outbox.hubspotDeals).toHaveLength(1);
		const [deal] = outbox.hubspotDeals;
		expect(deal.associations).toEqual({ companies: [BRIGHTLINE] });
		expect(deal.request.associations).toEqual([{ to: { id: BRIGHTLINE }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 5 }] }]);
		expect(deal.request.properties).toMatchObject({
			dealname: 'Brightline Health — expansion',
			pipeline: 'cs-expansion',
			dealstage: 'expansion_handoff',
			amount: '38400',
			hubspot_owner_id: data.ownerDirectory ? Object.entries(data.ownerDirectory).find(([, o]) => o.name === handoffs[0].ae.name)![0] : undefined,
		});
		const description = String(deal.request.properties.description).split('\n');
		expect(description.slice(1, 4)).toEqual([
			'Champion: Elena Ruiz (VP Clinical Operations)',
			'Decision maker: Omar Haddad (Chief Medical Officer)',
			`Timeline: ${handoffs[0].timeline}`,
		]);
		expect(description[4]).toContain('Elena Ruiz asked for a proposal: analytics add-on for the pharmacy and care teams, 38,400 EUR a year');
		expect(deal.request).toMatchSnapshot('brightline hand-off deal');

		expect(outbox.slackMessages).toHaveLength(1);
		const [note] = outbox.slackMessages;
		expect(note.channel).toBe(DEMO_SLACK_CHANNEL.id);
		expect(note.text.split('\n')[0]).toBe(`:handshake: ${handoffs[0].headline}${handoffs[0].ae.slackUserId ? ` <@${handoffs[0].ae.slackUserId}>` : ''}`);
		expect(note.text).toMatchSnapshot('brightline hand-off slack note');
		expect(outbox.hubspotTasks).toEqual([]);
	});

	it('hands each expansion over once: a second run creates no deal and posts nothing', async () => {
		await env.fakes.reset();
		const result = await env.execute(handoffTemplate.id);
		expect(result.status).toBe('success');
		const outbox = await env.fakes.outbox();
		expect(outbox.hubspotDeals).toEqual([]);
		expect(outbox.slackMessages).toEqual([]);
	});
});

it('no request tried to leave the machine: the routing proxy refused none', async () => {
	expect(await env.fakes.refused()).toEqual([]);
});
