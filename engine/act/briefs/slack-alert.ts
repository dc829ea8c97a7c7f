/** A Decision as a Slack alert (Block Kit + fallback text) and as a small document for markdown / HTML. */
import { formatNumber, type AccountIntelligence, type Decision, type Priority, type Signal } from '../../model';
import { collectSources, fact, guidance, note, record, sourceEvidenceName, type BriefDocument, type CitableSignal, type Sentence } from '../render/document';
import { escapeSlack, truncateEscaped } from '../render/escape';
import { formatDate, formatMoney, labelOf, systemName } from '../render/format';
import { SLACK_LIMITS, button, fitBlocks, mrkdwn, packLines, plain, slackSentence, sourceBlocks, type SlackBlock, type SlackMessage } from '../render/slack';

export const PRIORITY_MARKERS: Record<Priority, string> = { P1: '🔴', P2: '🟠', P3: '🟡', P4: '⚪' };

/** Slack user ids look like U0123ABC or W0123ABC; anything else is shown as a name, never as a mention. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

export interface SlackAlertInput {
	decision: Decision;
	/** The account's intelligence, for the CRM link and a one-line snapshot. */
	intelligence?: AccountIntelligence | null;
	signals?: readonly Signal[];
}

function citableFor(input: SlackAlertInput): Map<string, CitableSignal> {
	const map = new Map<string, CitableSignal>();
	for (const s of input.signals ?? []) if (input.decision.signalIds.includes(s.id)) map.set(s.id, s);
	// Without the signals at hand, the decision's own evidence (the drivers' sentences and sources) stands in.
	const evidence = new Map(input.decision.evidence.map((e) => [e.signalId, e]));
	for (const id of input.decision.signalIds) {
		if (map.has(id)) continue;
		const known = evidence.get(id);
		map.set(id, { id, type: known?.type ?? '', observedAt: '', evidence: known?.text ?? '', source: known?.source ?? { system: '', ref: '' } });
	}
	return map;
}

function ownerText(decision: Decision): { slack: string; plain: string } {
	const person = decision.owner.person;
	const role = labelOf(decision.owner.role);
	if (!person) return { slack: escapeSlack(`${role} (no person on record)`), plain: `${role} (no person on record)` };
	const fallback = decision.owner.fallback ? ', fallback owner' : '';
	const mention = person.slackUserId && SLACK_USER_ID.test(person.slackUserId) ? `<@${person.slackUserId}>` : escapeSlack(person.name);
	return { slack: `${mention} ${escapeSlack(`(${role}${fallback})`)}`, plain: `${person.name} (${role}${fallback})` };
}

export function slackAlertDocument(input: SlackAlertInput): BriefDocument {
	const d = input.decision;
	const citable = citableFor(input);
	const ids = d.signalIds.filter((id) => citable.has(id));
	const why: Sentence[] = [ids.length > 0 ? fact(d.explanation.sentence, ids) : note(d.explanation.sentence)];
	for (const c of d.explanation.conditions) why.push(ids.length > 0 ? fact(c.sentence, ids, c.passed ? 'Met' : 'Not met') : note(c.sentence, c.passed ? 'Met' : 'Not met'));
	const owner = ownerText(d).plain;
	const action: Sentence[] = [
		guidance(`${labelOf(d.playbook)} (${d.rule.name}).`, [], 'Playbook'),
		guidance(owner, [], 'Owner'),
		guidance(`${formatDate(d.dueAt)} (SLA ${d.sla})`, [], 'Due'),
	];
	const intel = input.intelligence;
	if (intel) action.push(record(`Risk ${formatNumber(intel.risk.score)}/10, health ${formatNumber(intel.health.score, 0)}/100 (${intel.health.band}), ${formatMoney(intel.account.arr, intel.account.currency)} ARR${intel.renewal.daysToRenewal !== null ? `, renewal in ${Math.round(intel.renewal.daysToRenewal)} days` : ''}.`, 'Account'));
	const sections = [
		{ id: 'why', heading: 'Why it fired', style: 'list' as const, sentences: why },
		{ id: 'action', heading: 'What happens next', style: 'list' as const, sentences: action },
	];
	const crm = intel?.account.crm;
	return {
		title: `${d.priority} ${labelOf(d.family).toLowerCase()} trigger: ${d.accountName}`,
		subtitle: `Fired ${formatDate(d.firedAt)} · rule ${d.rule.id} (${d.rule.pack}) · ${d.status}${d.statusReason ? ` (${d.statusReason})` : ''}`,
		sections,
		sources: collectSources(sections, citable),
		recordUrl: crm?.url ?? null,
		recordLabel: crm ? `Open in ${systemName(crm.system)}` : null,
	};
}

/** Block Kit message: priority marker, explanation, owner mention, due date, CRM and source links; within limits. */
export function slackAlert(input: SlackAlertInput, document: BriefDocument = slackAlertDocument(input)): SlackMessage {
	const d = input.decision;
	const byId = new Map(document.sources.map((s) => [s.signalId, s]));
	const owner = ownerText(d);
	const blocks: SlackBlock[] = [
		{ type: 'header', text: plain(`${PRIORITY_MARKERS[d.priority]} ${document.title}`, SLACK_LIMITS.headerText) },
		{ type: 'section', text: mrkdwn(slackSentence(document.sections[0].sentences[0], byId)) },
		{
			type: 'section',
			fields: [
				mrkdwn(`*Owner*\n${owner.slack}`, SLACK_LIMITS.fieldText),
				mrkdwn(`*Due*\n${escapeSlack(`${formatDate(d.dueAt)} (SLA ${d.sla})`)}`, SLACK_LIMITS.fieldText),
				mrkdwn(`*Playbook*\n${escapeSlack(labelOf(d.playbook))}`, SLACK_LIMITS.fieldText),
				mrkdwn(`*Rule*\n${escapeSlack(`${d.rule.name} (${d.rule.pack})`)}`, SLACK_LIMITS.fieldText),
			],
		},
	];
	const conditions = document.sections[0].sentences.slice(1).map((s) => `${s.label === 'Met' ? '✅' : '▫️'} ${escapeSlack(s.text)}`);
	if (conditions.length > 0) blocks.push(...packLines('Conditions', conditions));
	const account = document.sections[1].sentences.find((s) => s.label === 'Account');
	if (account) blocks.push({ type: 'context', elements: [mrkdwn(escapeSlack(account.text), SLACK_LIMITS.contextElementText)] });
	// In an alert the reader has no brief around the citations: name each source by what it said, linked to it.
	blocks.push(...sourceBlocks(document.sources, sourceEvidenceName));
	const crm = button(document.recordLabel ?? 'Open in CRM', document.recordUrl, 'open_crm');
	if (crm) blocks.push({ type: 'actions', elements: [crm] });
	const text = truncateEscaped(
		`${d.priority} ${escapeSlack(`${labelOf(d.family).toLowerCase()} trigger for ${d.accountName}: ${d.explanation.sentence}`)} Owner: ${owner.slack}, due ${escapeSlack(formatDate(d.dueAt))}.`,
		SLACK_LIMITS.fallbackText,
	);
	return { text, blocks: fitBlocks(blocks, document.recordUrl) };
}
