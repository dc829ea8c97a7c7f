/**
 * The daily signal sweep template in a real n8n 2.41 (CLI), on the demo book, against the fake providers
 * (reached through the routing proxy). Asserts what reached the fakes: the exact Slack alert and HubSpot task for
 * Acme Corp's executive escalation; no duplicate on a second run (ledger in static data, across n8n
 * processes); Zendesk 429-then-200 equals the clean run; Zendesk failing for good fails the workflow
 * naming Zendesk and leaves the cursor where it was.
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
import { adaptTemplate, allItems, demoCredentials } from '../../demo/sandbox';

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

const sortedOutbox = async () => {
	const outbox = await env.fakes.outbox();
	return {
		slack: outbox.slackMessages.map((m: any) => ({ channel: m.channel, text: m.text, blocks: m.blocks })).sort((a: any, b: any) => a.text.localeCompare(b.text)),
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

	it('posts the exact Slack alert and HubSpot task for Acme Corp\'s executive escalation', async () => {
		const id = await importSweep('csSweepE2eClean');
		const result = await env.execute(id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		const decisions = allItems(result.run, 'CS Decision Triggers').filter((d) => d.decisionId);
		const escalation = decisions.find((d) => d.accountId === ACME && d.rule.id === 'risk.exec_escalation');
		expect(escalation).toBeDefined();

		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toHaveLength(decisions.length);
		const acmeAlert = outbox.slackMessages.find((m: any) => m.text.startsWith('P1 risk trigger for Acme Corp'));
		expect(acmeAlert).toBeDefined();
		expect(acmeAlert.channel).toBe(DEMO_SLACK_CHANNEL.id);
		expect(acmeAlert.request.includeLinkToWorkflow).toBe(false);
		expect(acmeAlert.text).toBe('P1 risk trigger for Acme Corp: Risk score 9.5 is above 7.0 and renewal is in 87 days (within 120) Owner: <@U01AVAL> (CS leader), due 2026-11-24.');
		expect({ text: acmeAlert.text, blocks: acmeAlert.blocks }).toMatchSnapshot('acme escalation slack alert');

		// one HubSpot task per decision, associated to its company
		expect(outbox.hubspotTasks).toHaveLength(decisions.length);
		for (const task of outbox.hubspotTasks) expect(task.associations.companies).toHaveLength(1);
		const acmeTasks = outbox.hubspotTasks.filter((t: any) => t.request.properties.hs_task_subject.includes('] Acme Corp — '));
		expect(acmeTasks.map((t: any) => t.request.properties.hs_task_subject).sort()).toEqual([
			'[P1] Acme Corp — Executive escalation',
			'[P1] Acme Corp — Support escalation triage',
			'[P2] Acme Corp — Executive Business Review (EBR)',
			'[P2] Acme Corp — Relationship mapping protocol',
			'[P3] Acme Corp — Renewal risk mode',
		]);
		const outreach = acmeTasks.find((t: any) => t.request.properties.hs_task_subject === '[P1] Acme Corp — Executive escalation');
		expect(outreach.request.properties).toMatchObject({
			hs_timestamp: '2026-11-24T07:00:00Z', // the first step is due on the rule's 24-hour SLA
			hubspot_owner_id: '7005',
			hs_task_priority: 'HIGH',
			hs_task_type: 'TODO',
			hs_task_status: 'NOT_STARTED',
		});
		expect(outreach.request.properties.hs_task_body).toContain('Ava Lindqvist: Executive outreach: CS Lead or Head of CS calls the economic buyer directly');
		expect(outreach.request.associations).toEqual([{ to: { id: ACME }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }]);
		expect(outreach.request).toMatchSnapshot('acme executive escalation hubspot task');
		expect(outreach.associations).toEqual({ companies: [ACME] });
		clean = await sortedOutbox();
	});

	it('posts nothing new on a second run over unchanged data (ledger kept by n8n between processes)', async () => {
		const before = await env.fakes.outbox();
		const result = await env.execute('csSweepE2eClean');
		expect(result.status).toBe('success');
		expect(allItems(result.run, 'CS Decision Triggers').filter((d) => d.decisionId && d.status !== 'suppressed')).toEqual([]);
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
