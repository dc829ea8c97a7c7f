/**
 * The daily signal sweep template in a real n8n 2.41 (CLI), on the demo book, against the fake providers
 * (reached through the routing proxy). Asserts what reached the fakes: one Slack message per account (Acme Corp's
 * exact), one HubSpot task per action (the executive escalation's exact), one digest DM per owner; nothing on a
 * second run (ledger in static data, across n8n processes); Zendesk 429-then-200 equals the clean run; Zendesk
 * failing for good fails the workflow naming Zendesk and leaves the cursor where it was.
 *
 * One user folder is shared (each `n8n execute` costs ~6 s); the fault scenarios import the template
 * under other workflow ids so each starts with empty static data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, startE2eEnvironment, type E2eEnvironment } from './n8n';
import { buildDemoBook } from '../../demo/book';
import { buildProviderData, DEMO_SLACK_CHANNEL, type ProviderData } from '../../demo/provider-data';
type WarehouseFeed = { url: string; child: { pid: number } };
const { startWarehouse } = require('../../scripts/demo/warehouse-feed') as { startWarehouse: (workDir: string, signals: unknown) => Promise<WarehouseFeed> };
import { adaptTemplate, demoCredentials, emittedActions } from '../../demo/sandbox';

const AS_OF_DAY = '2026-11-23';
const book = buildDemoBook(AS_OF_DAY);
const data: ProviderData = buildProviderData(book);
const ACME = data.companyIdByAccount.acme;
const template = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows/daily-signal-sweep.json'), 'utf8'));

let env: E2eEnvironment;
let warehouseUrl: string;
let warehouse: WarehouseFeed | undefined;

/** The template under its own id (own static data), adapted to the demo book, imported. */
async function importSweep(id: string): Promise<string> {
	const adapted = adaptTemplate({ ...template, id, name: `${template.name} (${id})` }, { warehouseUrl, ownerDirectory: data.ownerDirectory, asOf: book.asOf });
	await env.importWorkflow(adapted);
	return id;
}

/** Acme Corp's one message of the sweep (reviewed; the snapshot holds its blocks). */
const ACME_ALERT_TEXT = [
	'P1 Acme Corp: 4 actions.',
	'P1 Support escalation triage — <@U01MAYA> (CSM), due 2026-11-23: A ticket burst signal is active.',
	'P1 Executive escalation — <@U01AVAL> (CS leader), due 2026-11-24: Risk score 9.5 is above 7.0 and renewal is in 87 days (at least 0, within 120).',
	'P2 Relationship mapping protocol — <@U01MAYA> (CSM), due 2026-11-30: A new executive signal is active.',
	'P3 Renewal risk mode — <@U01MAYA> (CSM), due 2026-11-26: Health score 57 is at least 40 and below 60 and renewal is in 87 days (at least 0, within 90).',
].join(' ');
/** One task per action: before actions Acme Corp got five tasks, an EBR among them that the escalation schedules itself. */
const ACME_TASK_SUBJECTS = [
	'[P1] Acme Corp — Executive escalation',
	'[P1] Acme Corp — Support escalation triage',
	'[P2] Acme Corp — Relationship mapping protocol',
	'[P3] Acme Corp — Renewal risk mode',
];

const sortedOutbox = async () => {
	const outbox = await env.fakes.outbox();
	return {
		slack: outbox.slackMessages.map((m: any) => ({ channel: m.channel, text: m.text, blocks: m.blocks })).sort((a: any, b: any) => a.channel.localeCompare(b.channel) || a.text.localeCompare(b.text)),
		tasks: outbox.hubspotTasks.map((t: any) => ({ request: t.request, associations: t.associations })).sort((a: any, b: any) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
	};
};

beforeAll(async () => {
	env = await startE2eEnvironment({ dataset: data.dataset });
	warehouse = await startWarehouse(env.workDir, data.warehouseSignals);
	warehouseUrl = warehouse.url;
	await env.importCredentials(demoCredentials());
});

afterAll(async () => {
	if (warehouse) process.kill(-warehouse.child.pid, 'SIGKILL');
	await env?.close();
});

describe('daily signal sweep template in n8n', () => {
	let clean: Awaited<ReturnType<typeof sortedOutbox>>;

	it('posts one Slack message per account (Acme Corp\'s exact), one HubSpot task per action, one digest per owner', async () => {
		const id = await importSweep('csSweepE2eClean');
		const result = await env.execute(id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		const actions = emittedActions(result.run);
		expect(new Set(actions.map((a) => `${a.accountId} ${a.playbook.id}`)).size).toBe(actions.length);
		const accounts = new Set(actions.map((a) => a.accountId));
		// every node after CS Decision Triggers ran once (one edge from "All Actions")
		for (const node of ['Slack message per account', 'CS Playbook', 'HubSpot task', 'Slack alert']) expect([node, result.run.data.resultData.runData[node].length]).toEqual([node, 1]);

		const outbox = await env.fakes.outbox();
		const channel = outbox.slackMessages.filter((m: any) => !m.dmUser);
		const dms = outbox.slackMessages.filter((m: any) => m.dmUser);
		// at most one Slack message per account: exactly one for each account with actions
		expect(channel).toHaveLength(accounts.size);
		expect(new Set(channel.map((m: any) => m.text.split(':')[0])).size).toBe(accounts.size);
		const acmeAlert = channel.find((m: any) => m.text.startsWith('P1 Acme Corp: '));
		expect(acmeAlert).toBeDefined();
		expect(acmeAlert.channel).toBe(DEMO_SLACK_CHANNEL.id);
		expect(acmeAlert.request.includeLinkToWorkflow).toBe(false);
		expect(acmeAlert.text).toBe(ACME_ALERT_TEXT);
		expect({ text: acmeAlert.text, blocks: acmeAlert.blocks }).toMatchSnapshot('acme actions slack message');

		// one HubSpot task per action, associated to its company, each with an owner
		expect(outbox.hubspotTasks).toHaveLength(actions.length);
		for (const task of outbox.hubspotTasks) {
			expect(task.associations.companies).toHaveLength(1);
			expect(task.request.properties.hubspot_owner_id).toMatch(/^\d+$/);
		}
		const acmeTasks = outbox.hubspotTasks.filter((t: any) => t.request.properties.hs_task_subject.includes('] Acme Corp — '));
		expect(acmeTasks.map((t: any) => t.request.properties.hs_task_subject).sort()).toEqual(ACME_TASK_SUBJECTS);
		const escalation = acmeTasks.find((t: any) => t.request.properties.hs_task_subject === '[P1] Acme Corp — Executive escalation');
		expect(escalation.request.properties).toMatchObject({
			hs_timestamp: '2026-11-24T07:00:00Z', // the action's due date: the rule's 24-hour SLA
			hubspot_owner_id: '7005',
			hs_task_priority: 'HIGH',
			hs_task_type: 'TODO',
			hs_task_status: 'NOT_STARTED',
		});
		expect(escalation.request.properties.hs_task_body).toContain('Ava Lindqvist: Executive outreach: CS Lead or Head of CS calls the economic buyer directly');
		expect(escalation.request.associations).toEqual([{ to: { id: ACME }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }]);
		expect(escalation.request).toMatchSnapshot('acme executive escalation hubspot task');
		expect(escalation.associations).toEqual({ companies: [ACME] });

		// each owner's daily digest, as a DM: one per owner with open actions
		const owners = new Set(actions.map((a) => a.ownerName));
		expect(dms).toHaveLength(owners.size);
		const ava = dms.find((m: any) => m.dmUser === 'U01AVAL');
		expect(ava.channel).toBe('D01AVAL');
		expect(ava.text).toMatch(/^Your CS queue for 2026-11-23: \d+ open actions? \(/);
		expect(ava.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Your CS queue · 2026-11-23', emoji: true } });
		clean = await sortedOutbox();
	});

	it('posts nothing new on a second run over unchanged data (ledger kept by n8n between processes)', async () => {
		const before = await env.fakes.outbox();
		const result = await env.execute('csSweepE2eClean');
		expect(result.status).toBe('success');
		expect(emittedActions(result.run)).toEqual([]);
		const after = await env.fakes.outbox();
		expect(after.slackMessages).toHaveLength(before.slackMessages.length);
		expect(after.hubspotTasks).toHaveLength(before.hubspotTasks.length);
	});

	it('Zendesk answering 429 then 200: the same alerts and tasks as the clean run', async () => {
		await env.fakes.reset();
		await env.fakes.addFault({ provider: 'zendesk', path: '/api/v2/incremental/tickets/cursor.json', responses: [{ status: 429, retryAfter: 1 }] });
		const id = await importSweep('csSweepE2e429');
		const result = await env.execute(id);
		expect(result.status).toBe('success');
		const zendesk = await env.fakes.requests('zendesk');
		expect(zendesk.filter((r) => r.status === 429)).toHaveLength(1);
		expect(await sortedOutbox()).toEqual(clean);
	});

	it('Zendesk failing for good: the workflow fails naming Zendesk, nothing is posted, and the next run re-reads from the same cursor', async () => {
		await env.fakes.reset();
		await env.fakes.addFault({ provider: 'zendesk', path: '/api/v2/incremental/tickets/cursor.json', responses: [{ status: 503 }], repeatLast: true });
		const id = await importSweep('csSweepE2eDown');
		const failed = await env.execute(id);
		expect({ rc: failed.rc, error: failed.error }).toEqual({ rc: 1, error: expect.stringMatching(/Zendesk/) });
		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toEqual([]);
		expect(outbox.hubspotTasks).toEqual([]);
		const failedQueries = (await env.fakes.requests('zendesk')).filter((r) => r.path === '/api/v2/incremental/tickets/cursor.json').map((r) => r.query);

		await env.fakes.reset();
		const recovered = await env.execute(id);
		expect({ status: recovered.status, error: recovered.error }).toEqual({ status: 'success', error: undefined });
		const firstRead = (await env.fakes.requests('zendesk')).find((r) => r.path === '/api/v2/incremental/tickets/cursor.json');
		// no cursor was stored by the failed run: the retry starts from the same start_time, not a cursor
		expect(firstRead!.query).toEqual(failedQueries[0]);
		expect(firstRead!.query.cursor).toBeUndefined();
		expect(await sortedOutbox()).toEqual(clean);
	});
});

it('no request tried to leave the machine: the routing proxy refused none', async () => {
	expect(await env.fakes.refused()).toEqual([]);
});
