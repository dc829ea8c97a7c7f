/**
 * The threshold picker of CS Decision Triggers: the list the editor shows comes from the selected packs'
 * `thresholds` blocks (label in words with the shipped default, which rules use it), the chosen threshold and a
 * number override change what fires, bad overrides fail naming the threshold, and the custom pack JSON is used
 * only behind its switch.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { DECISION_OUTPUTS } from '../../engine/decide';
import decisionTriggers from '../../rules/decision-triggers.json';
import { makeIntelligence } from '../fixtures/decide/intelligence';
import { itemsInto, loadOptions, runWorkflow } from './harness';

const RISK = DECISION_OUTPUTS.indexOf('risk');
const intel = (accountId: string, facts: Record<string, unknown>) => makeIntelligence({ accountId, facts: facts as never }) as unknown as IDataObject;
const ACCOUNTS = [intel('acme', { riskScore: 8.2, daysToRenewal: 87 }), intel('umbrella', { riskScore: 6.9, daysToRenewal: 87 })];
const AS_OF = { options: { asOf: '2026-03-02T08:00:00Z' } };
const CUSTOM_PACK = JSON.stringify({
	pack: 'seat-watch',
	version: '1.0.0',
	thresholds: { seatUtilisationLowPct: 35 },
	rules: [
		{
			id: 'seat.low',
			name: 'Seats mostly unused',
			conditions: { all: [{ fact: 'riskScore', operator: 'greaterThan', value: { threshold: 'seatUtilisationLowPct' } }] },
			event: { params: { family: 'risk', playbook: 'executive_escalation', ownerRole: 'csm', sla: 'P3D', cooldown: 'P7D', priority: 'P2', description: 'Seats unused' } },
		},
	],
});

describe('CS Decision Triggers: the threshold picker', () => {
	it('lists every numeric threshold of the selected packs, labelled in words with its default and the rules that use it', async () => {
		const list = await loadOptions('csDecisionTriggers', 'numberThresholds', { packs: ['decision-triggers'] });
		expect(list.map((option) => option.value)).toEqual(Object.keys(decisionTriggers.thresholds));
		expect(list[0]).toEqual({
			name: 'Risk score escalation (default 7)',
			value: 'riskScoreEscalation',
			description: 'Used by: Executive escalation before renewal (decision-triggers pack)',
		});
		expect(list.find((option) => option.value === 'supportVolumeSpikePct')?.name).toBe('Support volume spike % (default 40)');
	});

	it('follows the selected packs: renewal stages read "T-90 days", text thresholds (segments) are on their own list', async () => {
		const numbers = await loadOptions('csDecisionTriggers', 'numberThresholds', { packs: ['renewal', 'onboarding'] });
		expect(numbers.find((option) => option.value === 't90Days')?.name).toBe('T-90 days (default 90)');
		expect(numbers.some((option) => option.value === 'riskScoreEscalation')).toBe(false);
		expect(numbers.some((option) => option.value === 'highTouchSegment')).toBe(false);
		const texts = await loadOptions('csDecisionTriggers', 'textThresholds', { packs: ['renewal', 'onboarding'] });
		expect(texts.map((option) => [option.value, option.name])).toEqual([
			['highTouchSegment', 'High touch segment (default high)'],
			['lowTouchSegment', 'Low touch segment (default mid)'],
			['techTouchSegment', 'Tech touch segment (default low)'],
		]);
	});

	it('lists the custom pack\'s thresholds only while "Use Custom Pack JSON" is on, and a broken custom pack lists none of its own', async () => {
		const values = async (parameters: INodeParameters) => (await loadOptions('csDecisionTriggers', 'numberThresholds', parameters)).map((option) => option.value);
		expect(await values({ packs: [], useCustomPack: true, customPack: CUSTOM_PACK })).toEqual(['seatUtilisationLowPct']);
		expect(await values({ packs: [], useCustomPack: false, customPack: CUSTOM_PACK })).toEqual([]);
		expect(await values({ packs: ['event-playbooks'], useCustomPack: true, customPack: '{"pack": ' })).toEqual(['wauDropPct', 'npsDetractorBelow']);
	});

	it('applies a threshold picked from the list with a number value', async () => {
		const result = await runWorkflow(
			itemsInto('csDecisionTriggers', { ...AS_OF, packs: ['decision-triggers'], thresholdOverrides: { override: [{ name: 'riskScoreEscalation', value: 6.5 }] } }, ACCOUNTS),
		);
		expect(result.status).toBe('success');
		expect(result.output('Node', RISK).map((a) => [a.accountId, (a.reasons as IDataObject[]).map((r) => r.sentence)])).toEqual([
			['acme', ['Risk score 8.2 is above 6.5 and renewal is in 87 days (at least 0, within 120)']],
			['umbrella', ['Risk score 6.9 is above 6.5 and renewal is in 87 days (at least 0, within 120)']],
		]);
	});

	it('fails naming the threshold when a text value is given for a number threshold, or the name is not in the selected packs', async () => {
		const wrongKind = await runWorkflow(
			itemsInto('csDecisionTriggers', { ...AS_OF, packs: ['decision-triggers'], thresholdOverrides: { textOverride: [{ name: 'riskScoreEscalation', value: 'high' }] } }, ACCOUNTS),
		);
		expect(wrongKind.status).toBe('error');
		expect(wrongKind.error('Node')!.message).toContain('override "high" for "riskScoreEscalation" must be a number (the pack\'s default is 7)');
		const unknown = await runWorkflow(
			itemsInto('csDecisionTriggers', { ...AS_OF, packs: ['decision-triggers'], thresholdOverrides: { override: [{ name: 'riskScoreEscalaton', value: 6 }] } }, ACCOUNTS),
		);
		expect(unknown.error('Node')!.message).toContain('no selected pack has a threshold "riskScoreEscalaton" — did you mean "riskScoreEscalation"?');
	});

	it('uses the custom pack JSON only with "Use Custom Pack JSON" on', async () => {
		const off = await runWorkflow(itemsInto('csDecisionTriggers', { ...AS_OF, packs: [], useCustomPack: false, customPack: CUSTOM_PACK }, ACCOUNTS));
		expect(off.error('Node')!.message).toBe('No rule packs selected: choose shipped packs, paste a Custom Pack JSON or name the input field that carries a pack');
		const on = await runWorkflow(
			itemsInto('csDecisionTriggers', { ...AS_OF, packs: [], useCustomPack: true, customPack: CUSTOM_PACK, thresholdOverrides: { override: [{ name: 'seatUtilisationLowPct', value: 7 }] } }, ACCOUNTS),
		);
		expect(on.status).toBe('success');
		expect(on.output('Node', RISK).map((a) => a.accountId)).toEqual(['acme']);
	});
});
