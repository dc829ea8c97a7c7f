/**
 * The renewal ladder and executive brief templates in a real n8n 2.41 (CLI), on the demo book as of
 * 2026-11-23, against the fake providers (through the routing proxy). Asserts what reached the fakes:
 * - Renewal ladder: one Slack post per stage entry (exact text), one HubSpot task per stage task (exact
 *   request for Dunmore Analytics' discount-sunset task at T-120), and nothing new on a second run over
 *   the same data (stage entries kept in workflow static data across n8n processes).
 * - Executive brief: Acme Corp's brief posted to Slack (header, text fallback, every citation resolvable)
 *   and its markdown returned by the last node.
 *
 * One environment for the file; both templates are imported once (each `n8n execute` costs ~4 s).
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
const DUNMORE = data.companyIdByAccount.dunmore;
const readTemplate = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows', file), 'utf8'));
const ladderTemplate = readTemplate('renewal-ladder.json');
const briefTemplate = readTemplate('executive-brief.json');

let env: E2eEnvironment;
let warehouseUrl: string;
let warehouse: WarehouseFeed | undefined;

/** The executive brief adapted as its README says: the demo book's mapping, and Acme Corp's id in "Account to brief". */
function briefForAcme(): object {
	const adapted = adaptTemplate(briefTemplate, { warehouseUrl, ownerDirectory: data.ownerDirectory, asOf: book.asOf });
	const accountToBrief = adapted.nodes.find((node: any) => node.name === 'Account to brief');
	const assignment = accountToBrief.parameters.assignments.assignments.find((a: any) => a.name === 'accountId');
	const edited = String(assignment.value).replace(/\|\| '[^']*'/, `|| '${ACME}'`);
	if (edited === assignment.value && !String(assignment.value).includes(`|| '${ACME}'`)) {
		throw new Error(`"Account to brief" has no default id to edit: ${assignment.value}`);
	}
	assignment.value = edited;
	return adapted;
}

beforeAll(async () => {
	env = await startE2eEnvironment({ dataset: data.dataset });
	warehouse = await startWarehouse(env.workDir, data.warehouseSignals);
	warehouseUrl = warehouse.url;
	await env.importCredentials(demoCredentials());
	await env.importWorkflow(adaptTemplate(ladderTemplate, { warehouseUrl, ownerDirectory: data.ownerDirectory, asOf: book.asOf }));
	await env.importWorkflow(briefForAcme());
});

afterAll(async () => {
	if (warehouse) process.kill(-warehouse.child.pid, 'SIGKILL');
	await env?.close();
});

const DUNMORE_POST = [
	'*Dunmore Analytics* entered renewal stage *T-120* — renews 2027-03-21 (118 days, 54000 EUR)',
	':warning: Discount sunset: the discount expires 2027-03-03, on or before the renewal on 2027-03-21; prepare the value justification before the renewal conversation.',
	'• Renewal flag auto-created in CRM — unassigned, due 2026-11-23',
	'• CSM reviews account health, usage, and expansion signals — Sara Okafor, due 2026-11-26',
	'• Finance pulls contract terms — unassigned, due 2026-11-30',
	'• Product flags blockers — unassigned, due 2026-11-30',
	'• Renewal strategy (standard / at-risk save play / expansion) — Sara Okafor, due 2026-11-30',
	'• Discount expiring before renewal: CSM must prepare value justification BEFORE the renewal conversation, not after the customer complains — Sara Okafor, due 2026-12-07',
].join('\n');

const DUNMORE_SUNSET_SUBJECT = 'Renewal T-120 — Dunmore Analytics: Discount expiring before renewal: CSM must prepare value justification BEFORE the renewal conversation, not after the customer complains';

describe('renewal ladder template in n8n', () => {
	it('posts one Slack message per stage entry and one HubSpot task per stage task (Dunmore Analytics at T-120 with the discount sunset)', async () => {
		const result = await env.execute(ladderTemplate.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		const entries = allItems(result.run, 'CS Renewal Ladder');
		expect(entries.map((e) => `${e.accountName} ${e.stage} (${e.daysToRenewal} days)`)).toEqual([
			'Acme Corp T-90 (87 days)',
			'Dunmore Analytics T-120 (118 days)',
			'Lumen Energy T-60 (55 days)',
			'Redwood Hotels T-30 (28 days)',
			'Tidewater Utilities T-120 (95 days)',
			'Umbra Security T-90 (62 days)',
			'Yellowstone Outdoor T-60 (33 days)',
			'Cascade Water T-30 (12 days)',
		]);

		const outbox = await env.fakes.outbox();
		// Slack: exactly one post per stage entry, in the renewals channel, no n8n footer link
		expect(outbox.slackMessages).toHaveLength(entries.length);
		for (const message of outbox.slackMessages) {
			expect(message.channel).toBe(DEMO_SLACK_CHANNEL.id);
			expect(message.request).toMatchObject({ channel: DEMO_SLACK_CHANNEL.id, includeLinkToWorkflow: false, mrkdwn: true });
		}
		expect(outbox.slackMessages.map((m: any) => m.text.split('\n')[0])).toEqual(
			entries.map((e) => `*${e.accountName}* entered renewal stage *${e.stage}* — renews ${e.renewalDate} (${e.daysToRenewal} days, ${e.arr} ${e.currency})`),
		);
		const dunmorePosts = outbox.slackMessages.filter((m: any) => m.text.startsWith('*Dunmore Analytics*'));
		expect(dunmorePosts.map((m: any) => m.text)).toEqual([DUNMORE_POST]);
		// only Dunmore's discount expires before its renewal
		expect(outbox.slackMessages.filter((m: any) => m.text.includes(':warning: Discount sunset')).map((m: any) => m.text.split('*')[1])).toEqual(['Dunmore Analytics']);
		expect(outbox.slackMessages.map((m: any) => m.text)).toMatchSnapshot('renewal ladder slack posts');

		// HubSpot: one task per stage task, each associated to its own company
		const taskCount = entries.reduce((sum, e) => sum + e.tasks.length, 0);
		expect(taskCount).toBe(33);
		expect(outbox.hubspotTasks).toHaveLength(taskCount);
		const companyByAccountName = new Map(entries.map((e) => [e.accountName, e.accountId]));
		for (const task of outbox.hubspotTasks) {
			const accountName = task.request.properties.hs_task_subject.split(' — ')[1].split(':')[0];
			expect(task.associations).toEqual({ companies: [companyByAccountName.get(accountName)] });
			expect(task.request.associations).toEqual([{ to: { id: companyByAccountName.get(accountName) }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }]);
		}

		const dunmoreTasks = outbox.hubspotTasks.filter((t: any) => t.associations.companies[0] === DUNMORE).map((t: any) => t.request.properties);
		// n8n's HTTP Request node may send items concurrently: compare in due-date order, not arrival order
		const byDue = (a: any[], b: any[]) => String(a[1]).localeCompare(String(b[1])) || String(a[0]).localeCompare(String(b[0]));
		expect(dunmoreTasks.map((p: any) => [p.hs_task_subject, p.hs_timestamp, p.hubspot_owner_id ?? null]).sort(byDue)).toEqual([
			['Renewal T-120 — Dunmore Analytics: Renewal flag auto-created in CRM', '2026-11-23T17:00:00Z', null],
			['Renewal T-120 — Dunmore Analytics: CSM reviews account health, usage, and expansion signals', '2026-11-26T17:00:00Z', '7003'],
			['Renewal T-120 — Dunmore Analytics: Finance pulls contract terms', '2026-11-30T17:00:00Z', null],
			['Renewal T-120 — Dunmore Analytics: Product flags blockers', '2026-11-30T17:00:00Z', null],
			['Renewal T-120 — Dunmore Analytics: Renewal strategy (standard / at-risk save play / expansion)', '2026-11-30T17:00:00Z', '7003'],
			[DUNMORE_SUNSET_SUBJECT, '2026-12-07T17:00:00Z', '7003'],
		]);
		const sunsetTask = outbox.hubspotTasks.find((t: any) => t.request.properties.hs_task_subject === DUNMORE_SUNSET_SUBJECT);
		expect(sunsetTask.request).toEqual({
			properties: {
				hs_task_subject: DUNMORE_SUNSET_SUBJECT,
				hs_task_body: 'Dunmore Analytics renews on 2027-03-21 (118 days). Stage T-120 entered 2026-11-23. Playbook: value_justification.',
				hs_timestamp: '2026-12-07T17:00:00Z', // 10 business days after entering the stage, at the ladder's due hour
				hs_task_status: 'NOT_STARTED',
				hs_task_type: 'TODO',
				hubspot_owner_id: '7003', // Sara Okafor, Dunmore's CSM
			},
			associations: [{ to: { id: DUNMORE }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }],
		});
		// a task whose role nobody holds goes out without an owner rather than with a wrong one
		const flagTask = outbox.hubspotTasks.find((t: any) => t.request.properties.hs_task_subject === 'Renewal T-120 — Dunmore Analytics: Renewal flag auto-created in CRM');
		expect(Object.keys(flagTask.request.properties)).not.toContain('hubspot_owner_id');
		expect(
			outbox.hubspotTasks
				.map((t: any) => `${t.request.properties.hs_task_subject} | ${t.request.properties.hs_task_type} | ${t.request.properties.hs_timestamp} | ${t.request.properties.hubspot_owner_id ?? '-'}`)
				.sort(),
		).toMatchSnapshot('renewal ladder hubspot tasks');
	});

	it('posts nothing new on a second run over the same data (stage entries kept by n8n between processes)', async () => {
		await env.fakes.reset();
		const result = await env.execute(ladderTemplate.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		// the accounts were read again …
		const hubspotReads = (await env.fakes.requests('hubspot')).filter((r) => r.method === 'GET' && r.path.startsWith('/crm/v3/objects/companies'));
		expect(hubspotReads.length).toBeGreaterThan(0);
		expect(result.items('HubSpot accounts', 0).filter((account) => account.accountId === DUNMORE)).toHaveLength(1);
		// … and no stage was entered again
		expect(allItems(result.run, 'CS Renewal Ladder')).toEqual([]);
		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toEqual([]);
		expect(outbox.hubspotTasks).toEqual([]);
	});
});

/** Every text in a Block Kit message (section text, context elements, header). */
function blockTexts(blocks: any[]): string[] {
	return blocks.flatMap((block) => [block.text?.text, ...(block.elements ?? []).map((element: any) => element.text?.text ?? element.text)].filter((t) => typeof t === 'string'));
}

const ACME_HEADLINE = 'Risk 9.5/10 (high) from 3 compounding signals; health 57/100 (yellow).';

describe('executive brief template in n8n', () => {
	it('posts Acme Corp\'s executive brief to Slack with every citation resolvable and returns its markdown', async () => {
		await env.fakes.reset();
		const result = await env.execute(briefTemplate.id);
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items('Only this account', 0).map((item) => item.accountId)).toEqual([ACME]);
		const [brief] = allItems(result.run, 'Executive brief');

		const outbox = await env.fakes.outbox();
		expect(outbox.slackMessages).toHaveLength(1);
		const [message] = outbox.slackMessages;
		expect(message.channel).toBe(DEMO_SLACK_CHANNEL.id);
		expect(message.request.includeLinkToWorkflow).toBe(false);
		expect(message.text).toBe(`Executive risk brief: Acme Corp: ${ACME_HEADLINE}`);
		expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Executive risk brief: Acme Corp', emoji: true } });
		expect(message.blocks.find((b: any) => b.type === 'section').text.text).toBe(
			`*Headline*\n${ACME_HEADLINE} [1][2][3] Renewal on 2027-02-18 (in 87 days, stage T-90): €240,000 ARR at stake, forecast 60% (€144,000 expected).`,
		);
		// what Slack received is what the node rendered
		expect(message.blocks).toEqual(brief.slack.blocks);
		expect(message.blocks).toMatchSnapshot('acme executive brief slack blocks');

		// every [n] cited in the message is listed in its sources, and each source says what the signal said
		const texts = blockTexts(message.blocks);
		const sources = new Map<number, string>();
		for (const text of texts) {
			const source = /^\[(\d+)\] (.+)$/s.exec(text);
			if (source) sources.set(Number(source[1]), source[2]);
		}
		expect([...sources.keys()]).toEqual([1, 2, 3]);
		const cited = new Set(texts.filter((t) => !/^\[\d+\] /.test(t)).flatMap((t) => [...t.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]))));
		expect([...cited].sort()).toEqual([1, 2, 3]);
		expect(sources.get(3)).toBe('Dana Whitfield (COO, champion) attended 2 of 5 account meetings in the last 90 days, down…');
		for (const text of [message.text, ...texts]) {
			expect(text).not.toMatch(/\bsig_[0-9a-z]/);
			expect(text).not.toMatch(/signal sig/i);
		}

		// the workflow's result: the markdown brief for Acme Corp
		const [markdownItem] = allItems(result.run, 'Brief (markdown)');
		expect(markdownItem.accountId).toBe(ACME);
		expect(markdownItem.accountName).toBe('Acme Corp');
		expect(markdownItem.markdown).toBe(brief.markdown);
		const markdown: string = markdownItem.markdown;
		expect(markdown.startsWith('# Executive risk brief: Acme Corp\n\n_High-touch account · €240,000 ARR · as of 2026-11-23_\n\n## Headline\n\n')).toBe(true);
		expect(markdown).toContain(
			`## Headline\n\n${ACME_HEADLINE} \\[1\\]\\[2\\]\\[3\\] Renewal on 2027-02-18 (in 87 days, stage T-90): €240,000 ARR at stake, forecast 60% (€144,000 expected).`,
		);
		const markdownSources = markdown.split('## Sources\n\n')[1].split('\n\n')[0].split('\n');
		expect(markdownSources.map((line) => line.split('. ')[0])).toEqual(['1', '2', '3']);
		const markdownCited = new Set([...markdown.split('## Sources')[0].matchAll(/\\\[(\d+)\\\]/g)].map((m) => m[1]));
		expect([...markdownCited].sort()).toEqual(['1', '2', '3']);
		expect(markdown).not.toMatch(/\bsig_[0-9a-z]/);
	});
});

it('no request tried to leave the machine: the routing proxy refused none', async () => {
	expect(await env.fakes.refused()).toEqual([]);
});
