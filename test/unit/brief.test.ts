import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRIEF_TYPES, buildBrief, buildSlackAlert, type BriefOutput } from '../../engine/act/briefs';
import { ACCOUNTS, SIGNALS, demoDecision, demoIntelligence } from '../fixtures/briefs/demo';
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

	test('a Decision becomes the recommended action, with its owner and due date', () => {
		const intel = byId('acc-northwind');
		const decision = demoDecision(intel, { playbook: 'ebr', dueAt: '2026-03-06T17:00:00Z' });
		const { markdown } = buildBrief('executive', { intelligence: intel, signals: SIGNALS, decision });
		expect(markdown).toContain('**Action:** Ebr (Risk above 7.0 with renewal within 120 days).');
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

describe('Slack alert for a Decision', () => {
	const intel = byId('acc-northwind');
	const decision = demoDecision(intel);

	test('priority marker, explanation, owner mention, due date, CRM and source links, text fallback', () => {
		const { slack } = buildSlackAlert({ decision, intelligence: intel, signals: SIGNALS });
		expect(validateSlackMessage(slack)).toEqual([]);
		expect(slack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🔴 P1 risk trigger: Northwind Logistics', emoji: true } });
		const json = JSON.stringify(slack.blocks);
		expect(json).toContain('<@U01SAMRV>');
		expect(json).toContain('2026-03-04 (SLA P2D)');
		expect(json).toContain('https://app.hubspot.com/contacts/1234/company/9001');
		expect(json).toContain('<https://northwind.zendesk.com/agent/tickets/48213|');
		expect(slack.text).toBe(`P1 risk trigger for Northwind Logistics: ${decision.explanation.sentence} Owner: <@U01SAMRV> (CS leader), due 2026-03-04.`);
	});

	test('without the signals attached, cites the evidence the decision carries, linked to its source', () => {
		const withEvidence = demoDecision(intel, {
			signalIds: ['sig_champion'],
			evidence: [
				{
					signalId: 'sig_champion',
					type: 'exec.champion_departed',
					text: 'Dana Whitfield (VP Operations, champion) left Northwind Logistics',
					source: { system: 'hubspot', ref: 'contact-c-dana', url: 'https://app.hubspot.com/contacts/1234/contact/501' },
				},
			],
		});
		const { slack } = buildSlackAlert({ decision: withEvidence });
		expect(validateSlackMessage(slack)).toEqual([]);
		const context = slack.blocks.filter((b) => b.type === 'context');
		expect(JSON.stringify(context)).toContain('<https://app.hubspot.com/contacts/1234/contact/501|[1] Dana Whitfield (VP Operations, champion) left Northwind Logistics>');
		const withoutSource = demoDecision(intel, { signalIds: ['sig_wau'], evidence: [{ signalId: 'sig_wau', type: 'usage.wau_drop', text: 'Weekly active users down 35% week over week (39 vs 60)' }] });
		expect(JSON.stringify(buildSlackAlert({ decision: withoutSource }).slack.blocks)).toContain('[1] Weekly active users down 35% week over week (39 vs 60)');
	});

	test('no owner on record, no intelligence: still valid, says who should own it', () => {
		const bare = demoDecision(intel, { owner: { role: 'csm', person: null, fallback: true } });
		const { slack, markdown } = buildSlackAlert({ decision: bare });
		expect(validateSlackMessage(slack)).toEqual([]);
		expect(markdown).toContain('**Owner:** CSM (no person on record)');
	});

	test('an invalid Slack user id is shown as a name, never as a mention', () => {
		const odd = demoDecision(intel, { owner: { role: 'csm', person: { name: 'Eve', slackUserId: 'U1> <!channel' }, fallback: false } });
		const { slack } = buildSlackAlert({ decision: odd });
		expect(JSON.stringify(slack)).not.toContain('<!channel');
	});
});

test('golden fixtures are produced by the real aggregation from canonical accounts and signals', () => {
	expect(intelligence.map((i) => i.accountId)).toEqual(ACCOUNTS.map((a) => a.accountId));
	expect(byId('acc-northwind').risk.drivers.map((d) => d.type)).toEqual(['exec.champion_departed', 'support.sev1_escalation', 'usage.wau_drop']);
});
