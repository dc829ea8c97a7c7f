/**
 * One account's actions as ONE Slack message (Block Kit + fallback text) and as a small document for markdown /
 * HTML: the actions ranked (most urgent first), each with its owner, due date and why — every rule that led to it.
 * A sweep sends one message per account, however many rules fired.
 */
import { formatNumber, plural, type Action, type Owner, type Priority, type Signal } from '../../model';
import { collectSources, fact, guidance, note, record, sourceEvidenceName, type BriefDocument, type CitableSignal, type Sentence } from '../render/document';
import { escapeSlack, truncateEscaped } from '../render/escape';
import { formatDate, formatMoney, labelOf, systemName } from '../render/format';
import { SLACK_LIMITS, button, fitBlocks, mrkdwn, plain, slackSentence, sourceBlocks, type SlackBlock, type SlackMessage } from '../render/slack';

export const PRIORITY_MARKERS: Record<Priority, string> = { P1: '🔴', P2: '🟠', P3: '🟡', P4: '⚪' };

/** Slack user ids look like U0123ABC or W0123ABC; anything else is shown as a name, never as a mention. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

export interface SlackAlertInput {
	/** One account's actions (any order: the message ranks them). */
	actions: readonly Action[];
	signals?: readonly Signal[];
}

const RANK: Record<Priority, number> = { P1: 4, P2: 3, P3: 2, P4: 1 };

/** Most urgent first: priority, then the earlier due date, then playbook name. */
export function rankActions(actions: readonly Action[]): Action[] {
	return [...actions].sort((a, b) => RANK[b.priority] - RANK[a.priority] || Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.playbook.name.localeCompare(b.playbook.name));
}

function citableFor(actions: readonly Action[], signals: readonly Signal[] | undefined): Map<string, CitableSignal> {
	const wanted = new Set(actions.flatMap((a) => a.reasons.flatMap((r) => r.signalIds)));
	const map = new Map<string, CitableSignal>();
	for (const s of signals ?? []) if (wanted.has(s.id)) map.set(s.id, s);
	// Without the signals at hand, the actions' own evidence (the drivers' sentences and sources) stands in.
	for (const action of actions)
		for (const e of action.evidence)
			if (!map.has(e.signalId)) map.set(e.signalId, { id: e.signalId, type: e.type, observedAt: '', evidence: e.text, source: e.source ?? { system: '', ref: '' } });
	return map;
}

/** The owner as Slack shows them (a mention when the Slack id is known) and in plain text, with how they were chosen. */
export function ownerText(action: Action): { slack: string; plain: string } {
	const person: Owner = action.owner.person;
	const role = labelOf(action.owner.role);
	const how =
		action.owner.source === 'role'
			? role
			: `${action.owner.source === 'accountOwner' ? 'account owner' : action.owner.source === 'teamLead' ? 'team lead' : 'default owner'}, no ${role} on record`;
	const mention = person.slackUserId && SLACK_USER_ID.test(person.slackUserId) ? `<@${person.slackUserId}>` : escapeSlack(person.name);
	return { slack: `${mention} ${escapeSlack(`(${how})`)}`, plain: `${person.name} (${how})` };
}

function snapshot(action: Action): string {
	const c = action.context;
	const renewal = c.daysToRenewal !== null ? `, renewal in ${Math.round(c.daysToRenewal)} days` : '';
	return `${formatMoney(c.arr, c.currency)} ARR, health ${formatNumber(c.healthScore, 0)}/100 (${c.healthBand}), risk ${formatNumber(c.riskScore)}/10${renewal}.`;
}

function statusNote(action: Action): string {
	return action.status === 'escalated' ? ' (escalated)' : action.status === 'new' ? '' : ` (${action.status})`;
}

export function slackAlertDocument(input: SlackAlertInput): BriefDocument {
	const actions = rankActions(input.actions);
	if (actions.length === 0) throw new Error('a Slack alert needs at least one action');
	const first = actions[0];
	const citable = citableFor(actions, input.signals);
	const sections = actions.map((action, index) => {
		const cite = (ids: readonly string[]) => ids.filter((id) => citable.has(id));
		const sentences: Sentence[] = [
			guidance(ownerText(action).plain, [], 'Owner'),
			guidance(`${formatDate(action.dueAt)} (SLA ${action.reasons.find((r) => r.dueAt === action.dueAt)?.sla ?? action.reasons[0].sla})`, [], 'Due'),
		];
		action.reasons.forEach((reason, i) => {
			const ids = cite(reason.signalIds);
			const text = `${reason.sentence} (${reason.rule.name}, ${reason.priority})`;
			sentences.push(ids.length > 0 ? fact(text, ids, i === 0 ? 'Why' : 'Also') : note(text, i === 0 ? 'Why' : 'Also'));
		});
		return { id: `action-${index + 1}`, heading: `${action.priority} ${action.playbook.name}${statusNote(action)}`, style: 'list' as const, sentences };
	});
	sections.push({ id: 'account', heading: 'Account', style: 'list', sentences: [record(snapshot(first), 'Account')] });
	const crm = first.context.crm;
	return {
		title: `${first.priority} ${first.accountName}: ${plural(actions.length, 'action')}`,
		subtitle: `Sweep of ${formatDate(first.firedAt)} · ${actions.map((a) => `${a.playbook.name} (${a.status})`).join(' · ')}`,
		sections,
		sources: collectSources(sections, citable),
		recordUrl: crm?.url ?? null,
		recordLabel: crm ? `Open in ${systemName(crm.system)}` : null,
	};
}

/** Block Kit: header, one section per action (owner mention, due date, why — every reason), snapshot, sources, CRM link. */
export function slackAlert(input: SlackAlertInput, document: BriefDocument = slackAlertDocument(input)): SlackMessage {
	const actions = rankActions(input.actions);
	const byId = new Map(document.sources.map((s) => [s.signalId, s]));
	const blocks: SlackBlock[] = [{ type: 'header', text: plain(`${PRIORITY_MARKERS[actions[0].priority]} ${document.title}`, SLACK_LIMITS.headerText) }];
	actions.forEach((action, index) => {
		const section = document.sections[index];
		const owner = ownerText(action);
		const lines = [
			`*${escapeSlack(`${PRIORITY_MARKERS[action.priority]} ${section.heading}`)}*`,
			`*Owner:* ${owner.slack} · *Due:* ${escapeSlack(section.sentences[1].text)}`,
			...section.sentences.slice(2).map((s) => slackSentence(s, byId)),
		];
		blocks.push({ type: 'section', text: mrkdwn(lines.join('\n')) });
	});
	blocks.push({ type: 'context', elements: [mrkdwn(escapeSlack(snapshot(actions[0])), SLACK_LIMITS.contextElementText)] });
	// In an alert the reader has no brief around the citations: name each source by what it said, linked to it.
	blocks.push(...sourceBlocks(document.sources, sourceEvidenceName));
	const crm = button(document.recordLabel ?? 'Open in CRM', document.recordUrl, 'open_crm');
	if (crm) blocks.push({ type: 'actions', elements: [crm] });
	const summary = actions
		.map((a) => `${a.priority} ${escapeSlack(a.playbook.name)} — ${ownerText(a).slack}, due ${escapeSlack(formatDate(a.dueAt))}: ${escapeSlack(a.reasons[0].sentence)}.`)
		.join(' ');
	const text = truncateEscaped(`${escapeSlack(`${document.title}.`)} ${summary}`, SLACK_LIMITS.fallbackText);
	return { text, blocks: fitBlocks(blocks, document.recordUrl) };
}
