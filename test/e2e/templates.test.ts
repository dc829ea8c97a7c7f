/**
 * The daily signal sweep template in a real n8n 2.41 (CLI), on the demo book, against the fake providers
 * (reached through the routing proxy): HubSpot, Zendesk, Mixpanel (CS Usage Signals), Gong (CS Meeting Signals),
 * Gmail (CS Email Signals, n8n's gmailOAuth2) and a shared Slack channel (CS Slack Signals), plus the optional feed
 * with the signals no node reads. Asserts what reached the fakes: the signals each source detected, one Slack
 * message per account (Acme Corp's exact, citing its usage and meeting evidence), one HubSpot task per action (the
 * executive escalation's exact), one digest DM per owner; nothing on a second run (ledger and source cursors in
 * static data, across n8n processes); Zendesk 429-then-200 equals the clean run; Gong or Zendesk failing for good:
 * the sweep goes on with the other sources, "Source errors" posts one Slack message naming the source, and the
 * failed source's cursor stays where it was.
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
import { adaptTemplate, allItems, demoCredentials, emittedActions } from '../../demo/sandbox';

const AS_OF_DAY = '2026-11-23';
const book = buildDemoBook(AS_OF_DAY);
const data: ProviderData = buildProviderData(book);
const ACME = data.companyIdByAccount.acme;
const nameOf = (companyId: string) => data.accountByCompanyId[companyId]?.name ?? companyId;
/** [account name, signal type] of a node's signals, in the node's order. */
const signalsOf = (items: any[]) => items.map((s) => [nameOf(s.accountId), s.type]);
const template = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows/daily-signal-sweep.json'), 'utf8'));

let env: E2eEnvironment;
let warehouseUrl: string;
let warehouse: WarehouseFeed | undefined;

/** The template under its own id (own static data), adapted to the demo book, imported. */
async function importSweep(id: string): Promise<string> {
	const adapted = adaptTemplate(
		{ ...template, id, name: `${template.name} (${id})` },
		{ warehouseUrl, ownerDirectory: data.ownerDirectory, asOf: book.asOf, slackChannels: data.slackChannelMapping },
	);
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
	// the feed holds only what no source node of the sweep reads (CRM notes, exec and market changes, surveys)
	warehouse = await startWarehouse(env.workDir, data.feedSignals);
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
		// each source read its provider through our node and detected the seeds' stories
		expect(result.items('Product usage').map((s: any) => [nameOf(s.accountId), s.type])).toEqual([
			['Acme Corp', 'usage.below_baseline'],
			['Brightline Health', 'usage.depth_increase'],
			['Brightline Health', 'usage.feature_adoption'],
			['Brightline Health', 'usage.seat_utilisation_high'],
			['Ionix Labs', 'usage.wau_drop'],
			['Kestrel Aviation', 'usage.below_baseline'],
			['Kestrel Aviation', 'usage.usage_decline'],
			['Lumen Energy', 'usage.below_baseline'],
			['Lumen Energy', 'usage.usage_decline'],
			['Nimbus Media', 'usage.wau_drop'],
			['Quarry Construction', 'usage.adoption_plateau'],
		]);
		expect(signalsOf(result.items('Gong calls'))).toEqual([
			['Acme Corp', 'meetings.exec_absence'],
			['Brightline Health', 'meetings.champion_positive'],
			['Kestrel Aviation', 'meetings.competitor_mention'],
			['Kestrel Aviation', 'meetings.sentiment_decline'],
			['Lumen Energy', 'meetings.budget_language'],
			['Redwood Hotels', 'meetings.champion_positive'],
			['Summit Telecom', 'meetings.sentiment_decline'],
		]);
		expect(result.items('Gmail (CSM mailbox)').map((s: any) => [nameOf(s.accountId), s.type, s.evidence])).toEqual([
			['Acme Corp', 'email.response_time_degrading', 'Customer reply time up 416%: median 31 hours over the 30 days to 2026-11-23 (3 replies) vs 6 hours over the 30 days before (3 replies)'],
		]);
		expect(result.items('Shared Slack channels').map((s: any) => [nameOf(s.accountId), s.type, s.evidence])).toEqual([
			['Nimbus Media', 'slack.escalation_language', 'Zoe Carter (Nimbus Media) in #nimbus-shared on 21 Nov: "This is unacceptable, please escalate to your manager."'],
		]);
		// the feed brought only what no source node reads
		expect(new Set(result.items('Warehouse signals').map((s: any) => s.category))).toEqual(new Set(['crm', 'exec', 'market']));
		// on the providers' own hosts, each once; no source failed
		expect((await env.fakes.requests('mixpanel')).map((r) => [r.host, r.path, r.query.from_date, r.query.to_date])).toEqual([['data.mixpanel.com', '/api/2.0/export', '2026-07-20', '2026-11-22']]);
		expect((await env.fakes.requests('gong')).map((r) => `${r.method} ${r.host}${r.path}`)).toEqual([
			'GET us-12345.api.gong.io/v2/calls',
			'POST us-12345.api.gong.io/v2/calls/extensive',
			'POST us-12345.api.gong.io/v2/calls/transcript',
		]);
		expect((await env.fakes.requests('gmail'))[0].headers.authorization).toBe('Bearer ***oken');
		expect((await env.fakes.requests('slack')).filter((r) => r.path === '/api/conversations.history').map((r) => r.query.channel)).toEqual(['C0NIMBUS01']);
		expect(result.run.data.resultData.runData['Source errors']).toBeUndefined();

		// … and reached intelligence: Acme's usage, meeting and e-mail signals are on its signals input, the Gong one drives its risk
		const acmeSignals = allItems(result.run, 'All signals').filter((s: any) => s.accountId === ACME).map((s: any) => s.type);
		expect(acmeSignals).toEqual(expect.arrayContaining(['usage.below_baseline', 'meetings.exec_absence', 'email.response_time_degrading', 'exec.new_executive', 'support.ticket_burst']));
		const acmeIntel = allItems(result.run, 'CS Account Intelligence').find((i: any) => i.accountId === ACME);
		expect(acmeIntel?.risk.drivers.map((d: any) => d.type)).toContain('meetings.exec_absence');

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
		// the messages cite the detected evidence: Acme's the Gong attendance drop, Lumen's the Mixpanel decline; the CFO's budget sentence is a reason
		const footnotes = (message: any) => message.blocks.filter((b: any) => b.type === 'context').flatMap((b: any) => b.elements.map((e: any) => e.text));
		expect(footnotes(acmeAlert)).toContain('[3] Executive sponsor Dana Whitfield (Acme Corp, Chief Operating Officer) joined 2 meetings i…');
		const lumen = channel.find((m: any) => m.text.startsWith('P1 Lumen Energy: '));
		expect(lumen.text).toContain('P2 Save play: scope reduction — <@U01TOMR> (CSM), due 2026-11-26: A usage below baseline signal is active, the customer signalled intent to cancel');
		expect(lumen.text).toContain('A budget or cost-justification language signal is active');
		const lumenNotes = footnotes(lumen).join('\n');
		expect(lumenNotes).toContain('[2] Usage down 50% over 60 days: 210 events in the 30 days to 2026-11-22 vs 420 in the 30 day…');
		expect(lumenNotes).toContain('[3] Weekly active users 49 vs 97.9 baseline (50% below), under it for 4 weeks (34 days) to 20…');
		// the Slack escalation sentence and the usage drop make Nimbus Media's message
		expect(channel.find((m: any) => m.text.startsWith('P1 Nimbus Media: ')).text).toContain('P2 CSM outreach (usage drop) — <@U01TOMR> (CSM), due 2026-11-24: A weekly active users drop signal is active and weekly active users change -34.5% is below -30%.');

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
		await env.fakes.reset();
		const result = await env.execute('csSweepE2eClean');
		expect(result.status).toBe('success');
		expect(emittedActions(result.run)).toEqual([]);
		// the sources kept their cursors: Mixpanel has no new day to export, Gong is asked only from the cursor less a day
		expect(await env.fakes.requests('mixpanel')).toEqual([]);
		expect((await env.fakes.requests('gong'))[0].query.fromDateTime).toBe('2026-11-22T07:00:00Z');
		// the same signals as before, from the kept counts and analyses
		expect(signalsOf(result.items('Gong calls'))).toHaveLength(7);
		expect(signalsOf(result.items('Product usage'))).toHaveLength(11);
		const after = await env.fakes.outbox();
		expect(after.slackMessages).toEqual([]);
		expect(after.hubspotTasks).toEqual([]);
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

	it('Gong failing for good (500): the sweep goes on with the other sources, "Source errors" names Gong in one Slack message, and Gong is re-read next time', async () => {
		await env.fakes.reset();
		await env.fakes.addFault({ provider: 'gong', path: '/v2/calls', responses: [{ status: 500 }], repeatLast: true });
		const id = await importSweep('csSweepE2eGongDown');
		const result = await env.execute(id);
		expect({ status: result.status, error: result.error }).toEqual({ status: 'success', error: undefined });
		expect(result.items('Gong calls')).toEqual([]);
		const [failure] = result.items('Gong calls', 1);
		expect(failure.error).toMatch(/Gong/);

		const outbox = await env.fakes.outbox();
		const notices = outbox.slackMessages.filter((m: any) => m.text.startsWith('Daily signal sweep: '));
		expect(notices.map((m: any) => m.channel)).toEqual([DEMO_SLACK_CHANNEL.id]);
		expect(notices[0].text.startsWith('Daily signal sweep: Gong calls could not be read (1 error): ')).toBe(true);
		expect(notices[0].text).toContain(failure.error);
		expect(notices[0].text).toMatch(/today's sweep went on without it; the next run re-reads what it missed\.$/);
		// the other sources' actions went through: usage, Slack, Zendesk, CRM, the feed
		const messages = outbox.slackMessages.filter((m: any) => !m.dmUser && !m.text.startsWith('Daily signal sweep: ')).map((m: any) => m.text);
		expect(messages.find((t: string) => t.startsWith('P2 Ionix Labs: '))).toContain('CSM outreach (usage drop)');
		expect(messages.find((t: string) => t.startsWith('P1 Nimbus Media: '))).toContain('CSM outreach (usage drop)');
		expect(messages.find((t: string) => t.startsWith('P1 Acme Corp: '))).toContain('P1 Support escalation triage');
		// no meeting signal reached intelligence
		expect(allItems(result.run, 'All signals').filter((s: any) => s.category === 'meetings')).toEqual([]);
		expect(outbox.hubspotTasks.length).toBeGreaterThan(0);

		// Gong back: the next run asks for the whole window again (no cursor was stored) and finds the meeting signals
		await env.fakes.reset();
		const recovered = await env.execute(id);
		expect(recovered.status).toBe('success');
		expect((await env.fakes.requests('gong'))[0].query.fromDateTime).toBe('2026-04-27T07:00:00Z');
		expect(signalsOf(recovered.items('Gong calls'))).toHaveLength(7);
		expect(recovered.run.data.resultData.runData['Source errors']).toBeUndefined();
	});

	it('Zendesk failing for good: the sweep goes on without support signals, "Source errors" names Zendesk, and the next run re-reads from the same cursor', async () => {
		await env.fakes.reset();
		await env.fakes.addFault({ provider: 'zendesk', path: '/api/v2/incremental/tickets/cursor.json', responses: [{ status: 503 }], repeatLast: true });
		const id = await importSweep('csSweepE2eDown');
		const failed = await env.execute(id);
		expect({ status: failed.status, error: failed.error }).toEqual({ status: 'success', error: undefined });
		const outbox = await env.fakes.outbox();
		const notices = outbox.slackMessages.filter((m: any) => m.text.startsWith('Daily signal sweep: '));
		expect(notices).toHaveLength(1);
		expect(notices[0].text.startsWith('Daily signal sweep: Zendesk tickets could not be read (1 error): ')).toBe(true);
		expect(notices[0].text).toMatch(/Zendesk/);
		// without tickets no support escalation — Acme Corp's message is the meeting- and CRM-driven rest
		const acme = outbox.slackMessages.find((m: any) => m.text.startsWith('P1 Acme Corp: '));
		expect(acme.text).toContain('P1 Executive escalation');
		expect(acme.text).not.toContain('Support escalation triage');
		const failedQueries = (await env.fakes.requests('zendesk')).filter((r) => r.path === '/api/v2/incremental/tickets/cursor.json').map((r) => r.query);

		await env.fakes.reset();
		const recovered = await env.execute(id);
		expect({ status: recovered.status, error: recovered.error }).toEqual({ status: 'success', error: undefined });
		const firstRead = (await env.fakes.requests('zendesk')).find((r) => r.path === '/api/v2/incremental/tickets/cursor.json');
		// no cursor was stored by the failed run: the retry starts from the same start_time, not a cursor
		expect(firstRead!.query).toEqual(failedQueries[0]);
		expect(firstRead!.query.cursor).toBeUndefined();
		// the support actions open now — and only they are posted (the rest were posted by the failed run's sweep)
		const tasks = (await env.fakes.outbox()).hubspotTasks.map((t: any) => t.request.properties.hs_task_subject);
		expect(tasks).toContain('[P1] Acme Corp — Support escalation triage');
		expect(tasks).not.toContain('[P1] Acme Corp — Executive escalation');
	});
});

it('no request tried to leave the machine: the routing proxy refused none', async () => {
	expect(await env.fakes.refused()).toEqual([]);
});
