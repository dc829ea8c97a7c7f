/** The brief types as documents: executive risk brief, pre-meeting brief, EBR / QBR agenda. */
import { formatNumber, plural, SIGNAL_CATEGORIES, type Signal } from '../../model';
import { collectSources, fact, guidance, note, record, type BriefDocument, type DocumentSection, type Sentence } from '../render/document';
import { formatDate, formatPercent, labelOf, signalTypeLabel, systemName } from '../render/format';
import type { AgendaItemDefinition } from './config';
import {
	accountName,
	actionSentences,
	citable,
	compounding,
	headline,
	healthTrend,

	recommendedAction,
	relationshipMap,
	signalLine,
	subtitle,
	type BriefContextData,
} from './context';

function documentOf(data: BriefContextData, title: string, sections: DocumentSection[]): BriefDocument {
	const crm = data.intelligence.account.crm;
	return {
		title,
		subtitle: subtitle(data),
		sections,
		sources: collectSources(sections, data.citable),
		recordUrl: crm?.url ?? null,
		recordLabel: crm ? `Open ${accountName(data)} in ${systemName(crm.system)}` : null,
	};
}

const section = (id: string, heading: string, style: 'paragraph' | 'list', sentences: Sentence[]): DocumentSection => ({ id, heading, style, sentences });

function timeline(data: BriefContextData): Sentence[] {
	const lines: Sentence[] = [];
	const trend = healthTrend(data);
	if (trend) lines.push(trend);
	const max = data.config.maxTimeline;
	const shown = data.signals.slice(0, max);
	lines.push(...shown.map(signalLine));
	if (data.signals.length > max) {
		const rest = data.signals.slice(max);
		lines.push(fact(`${plural(rest.length, 'earlier signal')} since ${formatDate(rest[rest.length - 1].observedAt)}.`, rest.map((s) => s.id)));
	}
	if (data.signals.length === 0) {
		const drivers = data.intelligence.risk.drivers.filter((d) => data.citable.has(d.signalId));
		if (drivers.length > 0) lines.push(...drivers.map((d) => fact(d.evidence, [d.signalId], signalTypeLabel(d.type))));
		else lines.push(note(`No signals in the last ${data.config.historyDays} days.`));
	}
	return lines;
}

/** Seed 001 "Executive Risk Briefs": commercial context for CRO / CCO / CEO, not an activity log. */
export function executiveBrief(data: BriefContextData): BriefDocument {
	const action = recommendedAction(data);
	const compound = compounding(data);
	return documentOf(data, `Executive risk brief: ${accountName(data)}`, [
		section('headline', 'Headline', 'paragraph', headline(data)),
		section('changes', 'What changed and when', 'list', timeline(data)),
		section('compounding', 'Compounding signals', 'list', compound.length > 0 ? compound : [note('No compounding risk signals.')]),
		section('relationships', 'Relationship map', 'list', relationshipMap(data)),
		section('action', 'Recommended action', 'list', actionSentences(action)),
	]);
}

/** Seed 001 "Account Strategy Preparation": the CSM walks in prepared, not catching up. */
export function preMeetingBrief(data: BriefContextData): BriefDocument {
	const i = data.intelligence;
	const summary: Sentence[] = [];
	for (const category of SIGNAL_CATEGORIES) {
		const inCategory = data.signals.filter((s) => s.category === category);
		if (inCategory.length === 0) continue;
		const risk = inCategory.filter((s) => s.polarity === 'risk').length;
		const opportunity = inCategory.filter((s) => s.polarity === 'opportunity').length;
		summary.push(fact(`${risk} risk, ${opportunity} opportunity; latest ${formatDate(inCategory[0].observedAt)}: ${inCategory[0].evidence}`, inCategory.map((s) => s.id), labelOf(category)));
	}
	if (summary.length === 0) summary.push(note(`No signals in the last ${data.config.historyDays} days.`));

	const indicators: Sentence[] = [...compounding(data).slice(0, -1)];
	if (i.adoption.ceilingReached)
		indicators.push(fact(`Adoption ceiling: usage flat for ${i.adoption.plateauWeeks} weeks.`, citable(data, data.signals.filter((s) => s.type === 'usage.adoption_plateau').map((s) => s.id))));
	if (i.adoption.seatUtilisation !== null) indicators.push(record(`Seat utilisation ${formatPercent(i.adoption.seatUtilisation > 1 ? i.adoption.seatUtilisation / 100 : i.adoption.seatUtilisation)}.`));
	if (i.health.staleInputs.length > 0) indicators.push(note(`Stale inputs: ${i.health.staleInputs.join(', ')} (health confidence ${i.health.confidence}).`));
	if (indicators.length === 0) indicators.push(note('No active risk indicators.'));

	const history: Sentence[] = [];
	const trend = healthTrend(data);
	if (trend) history.push(trend);
	if (i.account.contractStart) history.push(record(`Customer since ${formatDate(i.account.contractStart)}.`));
	if (i.account.onboarding.firstValueAt) history.push(record(`First value reached on ${formatDate(i.account.onboarding.firstValueAt)}.`));
	history.push(...headline(data).slice(1));
	const velocityIds = citable(data, data.signals.filter((s) => s.polarity === 'opportunity').map((s) => s.id));
	history.push(
		velocityIds.length > 0
			? fact(`Signal velocity: ${plural(i.signalVelocity.last30d, 'value decision')} in the last 30 days against ${formatNumber(i.signalVelocity.previous30d, 0)} before.`, velocityIds)
			: note(`Signal velocity: ${plural(i.signalVelocity.last30d, 'value decision')} in the last 30 days.`),
	);

	return documentOf(data, `Pre-meeting brief: ${accountName(data)}`, [
		section('glance', 'At a glance', 'paragraph', headline(data).slice(0, 1).concat(themes(data))),
		section('summary', 'Signal summary', 'list', summary),
		section('relationships', 'Relationship map', 'list', relationshipMap(data)),
		section('risk', 'Risk indicators', 'list', indicators),
		section('history', 'Historical context', 'list', history),
		section('focus', 'Recommended conversation focus', 'list', conversationFocus(data)),
	]);
}

/** The categories with the most risk weight this window: the meeting's key themes. */
function themes(data: BriefContextData): Sentence[] {
	const risk = data.signals.filter((s) => s.polarity === 'risk');
	if (risk.length === 0) return [];
	const byCategory = new Map<string, Signal[]>();
	for (const s of risk) byCategory.set(s.category, [...(byCategory.get(s.category) ?? []), s]);
	const top = [...byCategory.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).slice(0, 3);
	return [fact(`Key themes: ${top.map(([c]) => labelOf(c).toLowerCase()).join(', ')}.`, top.flatMap(([, s]) => s.map((x) => x.id)))];
}

const FOCUS_BY_CATEGORY: Record<string, string> = {
	support: 'Acknowledge the support friction first and agree a resolution plan with dates',
	usage: 'Understand what changed in how they use the product and which team is affected',
	meetings: 'Test the sentiment directly: ask what would make the next quarter a success',
	email: 'Re-establish a regular cadence with the people who went quiet',
	slack: 'Follow up on the concerns raised in the shared channel',
	crm: 'Cover the commercial items: renewal terms, discounts and budget',
	exec: 'Confirm who now owns the decision and ask for an introduction',
	market: 'Ask how the company news changes their priorities',
};

function conversationFocus(data: BriefContextData): Sentence[] {
	const out: Sentence[] = [];
	const risk = data.signals.filter((s) => s.polarity === 'risk');
	const categories = [...new Set(risk.map((s) => s.category))];
	for (const category of categories.slice(0, 3)) {
		out.push(guidance(`${FOCUS_BY_CATEGORY[category]}.`, risk.filter((s) => s.category === category).map((s) => s.id)));
	}
	const opportunity = data.signals.filter((s) => s.polarity === 'opportunity');
	const band = data.intelligence.expansion.band;
	if (opportunity.length > 0 && band !== 'monitor')
		out.push(guidance(`Expansion readiness ${formatNumber(data.intelligence.expansion.score, 0)}/100 (${labelOf(band).toLowerCase()}): explore the new use cases and stakeholders.`, opportunity.map((s) => s.id)));
	const action = recommendedAction(data);
	out.push(guidance(`Close with the next step: ${action.action.charAt(0).toLowerCase()}${action.action.slice(1)}.`, action.why.citations));
	return out;
}

function matches(signal: Signal, patterns: readonly string[]): boolean {
	return patterns.some((p) => (p.endsWith('.*') ? signal.category === p.slice(0, -2) : signal.type === p));
}

/** Seed 004 EBR agenda / seed 002 QBR agenda, pre-populated with signal-sourced talking points. */
export function agendaBrief(data: BriefContextData, kind: 'ebr' | 'qbr'): BriefDocument {
	const agenda: AgendaItemDefinition[] = kind === 'ebr' ? data.config.ebrAgenda : data.config.qbrAgenda;
	const i = data.intelligence;
	const used = new Set<string>();
	const sections = agenda.map((item, index) => {
		const points: Sentence[] = item.prompts.map((p) => guidance(p, [], 'Discuss'));
		const signals = data.signals.filter((s) => !used.has(s.id) && matches(s, item.signalTypes));
		for (const s of signals) used.add(s.id);
		for (const s of signals.slice(0, data.config.maxTalkingPoints)) points.push(fact(`${signalTypeLabel(s.type)}: ${s.evidence}`, [s.id], formatDate(s.observedAt)));
		if (signals.length > data.config.maxTalkingPoints) {
			const rest = signals.slice(data.config.maxTalkingPoints);
			points.push(fact(`${plural(rest.length, 'more signal')} in this area.`, rest.map((s) => s.id)));
		}
		for (const f of item.facts ?? []) {
			if (f === 'tenure' && i.account.contractStart) points.push(record(`Customer since ${formatDate(i.account.contractStart)}${i.account.onboarding.firstValueAt ? `; first value on ${formatDate(i.account.onboarding.firstValueAt)}` : ''}.`));
			if (f === 'adoption' && i.adoption.seatUtilisation !== null) points.push(record(`Seat utilisation ${formatPercent(i.adoption.seatUtilisation > 1 ? i.adoption.seatUtilisation / 100 : i.adoption.seatUtilisation)}${i.adoption.ceilingReached ? `, flat for ${i.adoption.plateauWeeks} weeks` : ''}.`));
			if (f === 'health') {
				const trend = healthTrend(data);
				points.push(trend ?? record(`Health ${formatNumber(i.health.score, 0)}/100 (${i.health.band}).`));
			}
			if (f === 'expansion') {
				const ids = citable(data, i.opportunity.drivers.map((d) => d.signalId));
				const text = `Expansion readiness ${formatNumber(i.expansion.score, 0)}/100 (${labelOf(i.expansion.band).toLowerCase()})${i.expansion.guardrail ? `; ${i.expansion.guardrail}` : ''}.`;
				points.push(ids.length > 0 ? fact(text, ids) : note(text));
			}
			if (f === 'renewal') points.push(...headline(data).slice(1));
			if (f === 'action') points.push(...actionSentences(recommendedAction(data)).slice(0, 3));
		}
		return section(`item-${index + 1}`, `${index + 1}. ${item.title} (${item.minutes} min)`, 'list', points);
	});
	const minutes = agenda.reduce((sum, item) => sum + item.minutes, 0);
	const title = `${kind === 'ebr' ? 'EBR' : 'QBR'} agenda: ${accountName(data)} (${minutes} min)`;
	return documentOf(data, title, sections);
}

