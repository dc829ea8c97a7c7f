import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRIEF_TYPES, buildBrief, buildSlackAlert, type BriefOutput } from '../../engine/act/briefs';
import { ACCOUNTS, SIGNALS, demoAction, demoIntelligence } from '../fixtures/briefs/demo';
import { validateSlackMessage } from '../fixtures/briefs/block-kit';

const GOLDEN = join(__dirname, '..', 'golden');
const intelligence = demoIntelligence();
const byId = (id: string) => intelligence.find((i) => i.accountId === id)!;

/** Exact comparison with test/golden/<name>; `UPDATE_GOLDEN=1 npx jest test/unit/brief.test.ts` rewrites them. */
function expectGolden(name: string, actual: string) {
	const path = join(GOLDEN, name);
	if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
	expect(actual).toBe(readFileSync(path, 'utf8'));
}

function everyCitationResolves(output: BriefOutput, inputSignalIds: Set<string>) {
	for (const section of output.document.sections) {
		for (const sentence of section.sentences) {
			if (sentence.basis === 'signals') expect({ sentence: sentence.text, cites: sentence.citations.length > 0 }).toEqual({ sentence: sentence.text, cites: true });
			for (const id of sentence.citations) expect({ sentence: sentence.text, id, known: inputSignalIds.has(id) }).toEqual({ sentence: sentence.text, id, known: true });
		}
	}
	for (const source of output.document.sources) expect(inputSignalIds.has(source.signalId)).toBe(true);
}

const inputIds = new Set(SIGNALS.map((s) => s.id));

describe('account briefs on the demo book (golden markdown)', () => {
	test.each([
		['executive', 'acc-northwind', 'executive-northwind.md'],
		['pre-meeting', 'acc-northwind', 'pre-meeting-northwind.md'],
		['ebr', 'acc-globex', 'ebr-globex.md'],
		['qbr', 'acc-northwind', 'qbr-northwind.md'],
		['executive', 'acc-initech', 'executive-initech.md'],
	] as const)('%s brief for %s', (type, accountId, golden) => {
		const output = buildBrief(type, { intelligence: byId(accountId), signals: SIGNALS });
		expectGolden(golden, output.markdown);
		everyCitationResolves(output, inputIds);
		expect(validateSlackMessage(output.slack)).toEqual([]);
	});

	test('executive brief headline, relationship map and action read as a CRO expects', () => {
		const { markdown, context } = buildBrief('executive', { intelligence: byId('acc-northwind'), signals: SIGNALS });
		expect(markdown).toContain('€240,000 ARR at stake');
		expect(markdown).toContain('**Left:** Dana Whitfield (VP Operations) has left.');
		expect(markdown).toContain('**Unmapped:** Priya Nair (CFO): new executive, no relationship yet.');
		expect(markdown).toContain('**Owner:** Sam Rivera (CS leader)');
		// The 2025-10-01 CSAT signal is outside the 90-day window.
		expect(markdown).not.toContain('CSAT 2/5');
		expect(context.signalsOutsideWindow).toBe(1);
		expect(context.sources.every((s) => s.n > 0)).toBe(true);
		expect(context.instructions).toContain('[n]');
	});

	test('an open Action becomes the recommended action, with its owner and due date', () => {
		const intel = byId('acc-northwind');
		const action = demoAction(intel, { playbook: { id: 'ebr', name: 'Executive Business Review (EBR)' }, dueAt: '2026-03-06T17:00:00Z' });
		const { markdown } = buildBrief('executive', { intelligence: intel, signals: SIGNALS, action });
		expect(markdown).toContain('**Action:** Executive Business Review (EBR) (Executive escalation before renewal).');
		expect(markdown).toContain('**Due:** 2026-03-06');
	});

	test('every brief type cites only input signals, for every demo account', () => {
		for (const intel of intelligence) for (const type of BRIEF_TYPES) everyCitationResolves(buildBrief(type, { intelligence: intel, signals: SIGNALS }), inputIds);
	});

	test('without a signal history the drivers are still cited, named by what they said', () => {
		const output = buildBrief('executive', { intelligence: byId('acc-northwind') });
		const driverIds = new Set(byId('acc-northwind').risk.drivers.map((d) => d.signalId));
		everyCitationResolves(output, driverIds);
		expect(output.markdown).toContain('1. Dana Whitfield (VP Operations, champion) left Northwind Logistics — Champion departure\n');
		expect(output.markdown).not.toContain('1. signal sig');
	});
});

describe('Slack alert per account: its actions in one message', () => {
	const intel = byId('acc-northwind');
	const escalation = demoAction(intel);
	const mapping = demoAction(intel, {
		priority: 'P2',
		dueAt: '2026-03-09T09:00:00Z',
		playbook: { id: 'relationship_mapping', name: 'Relationship mapping protocol' },
		owner: { role: 'csm', person: intel.account.owners.csm!, source: 'role' },
		ownerName: intel.account.owners.csm!.name,
		reasons: [{ ...escalation.reasons[0], sentence: 'Unmapped executives 1 is at least 1', priority: 'P2', rule: { ...escalation.reasons[0].rule, id: 'stakeholder.new_executive', name: 'Relationship mapping for a new executive' }, family: 'stakeholder', ownerRole: 'csm', sla: 'P7D', dueAt: '2026-03-09T09:00:00Z', signalIds: [] }],
	});

	test('one header, the actions ranked (each with owner mention, due date and why), CRM and source links, text fallback', () => {
		const { slack } = buildSlackAlert({ actions: [mapping, escalation], signals: SIGNALS });
		expect(validateSlackMessage(slack)).toEqual([]);
		expect(slack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🔴 P1 Northwind Logistics: 2 actions', emoji: true } });
		const sections = slack.blocks.filter((b) => b.type === 'section').map((b) => (b as { text: { text: string } }).text.text.split('\n').slice(0, 2));
		expect(sections).toEqual([
			['*🔴 P1 Executive escalation*', '*Owner:* <@U01SAMRV> (CS leader) · *Due:* 2026-03-04 (SLA P2D)'],
			['*🟠 P2 Relationship mapping protocol*', `*Owner:* ${intel.account.owners.csm!.slackUserId ? `<@${intel.account.owners.csm!.slackUserId}>` : intel.account.owners.csm!.name} (CSM) · *Due:* 2026-03-09 (SLA P7D)`],
		]);
		const json = JSON.stringify(slack.blocks);
		expect(json).toContain(`*Why:* ${escalation.reasons[0].sentence} (Executive escalation before renewal, P1)`);
		expect(json).toContain('https://app.hubspot.com/contacts/1234/company/9001');
		expect(json).toContain('<https://northwind.zendesk.com/agent/tickets/48213|');
		expect(slack.text).toBe(
			`P1 Northwind Logistics: 2 actions. P1 Executive escalation — <@U01SAMRV> (CS leader), due 2026-03-04: ${escalation.reasons[0].sentence}. P2 Relationship mapping protocol — ${sections[1][1].split(' · ')[0].replace('*Owner:* ', '')}, due 2026-03-09: Unmapped executives 1 is at least 1.`,
		);
	});

	test('without the signals attached, cites the evidence the action carries, linked to its source', () => {
		const withEvidence = demoAction(intel, {
			reasons: [{ ...escalation.reasons[0], signalIds: ['sig_champion'] }],
			evidence: [
				{
					signalId: 'sig_champion',
					type: 'exec.champion_departed',
					text: 'Dana Whitfield (VP Operations, champion) left Northwind Logistics',
					source: { system: 'hubspot', ref: 'contact-c-dana', url: 'https://app.hubspot.com/contacts/1234/contact/501' },
				},
			],
		});
		const { slack } = buildSlackAlert({ actions: [withEvidence] });
		expect(validateSlackMessage(slack)).toEqual([]);
		const context = slack.blocks.filter((b) => b.type === 'context');
		expect(JSON.stringify(context)).toContain('<https://app.hubspot.com/contacts/1234/contact/501|[1] Dana Whitfield (VP Operations, champion) left Northwind Logistics>');
		const withoutSource = demoAction(intel, { reasons: [{ ...escalation.reasons[0], signalIds: ['sig_wau'] }], evidence: [{ signalId: 'sig_wau', type: 'usage.wau_drop', text: 'Weekly active users down 35% week over week (39 vs 60)' }] });
		expect(JSON.stringify(buildSlackAlert({ actions: [withoutSource] }).slack.blocks)).toContain('[1] Weekly active users down 35% week over week (39 vs 60)');
	});

	test('an owner from the fallback chain is named with how they were chosen', () => {
		const standIn = demoAction(intel, { owner: { role: 'csLeader', person: { name: 'CS Ops queue' }, source: 'default' }, ownerName: 'CS Ops queue' });
		const { slack, markdown } = buildSlackAlert({ actions: [standIn] });
		expect(validateSlackMessage(slack)).toEqual([]);
		expect(markdown).toContain('**Owner:** CS Ops queue (default owner, no CS leader on record)');
	});

	test('an invalid Slack user id is shown as a name, never as a mention', () => {
		const odd = demoAction(intel, { owner: { role: 'csm', person: { name: 'Eve', slackUserId: 'U1> <!channel' }, source: 'role' }, ownerName: 'Eve' });
		const { slack } = buildSlackAlert({ actions: [odd] });
		expect(JSON.stringify(slack)).not.toContain('<!channel');
	});
});

test('golden fixtures are produced by the real aggregation from canonical accounts and signals', () => {
	expect(intelligence.map((i) => i.accountId)).toEqual(ACCOUNTS.map((a) => a.accountId));
	expect(byId('acc-northwind').risk.drivers.map((d) => d.type)).toEqual(['exec.champion_departed', 'support.sev1_escalation', 'usage.wau_drop']);
});
