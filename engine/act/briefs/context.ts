/** What every brief needs from its inputs: the account's signals in the window, indexed, and shared sentences. */
import { DateTime } from 'luxon';
import { formatNumber, ownValue, parseIsoDate, plural, type AccountIntelligence, type Contact, type Decision, type Signal } from '../../model';
import { fact, guidance, note, record, unique, type CitableSignal, type Sentence } from '../render/document';
import { formatDate, formatMoney, formatPercent, labelOf, signalTypeLabel } from '../render/format';
import { BRIEF_DEFAULTS, RISK_LEVELS, type BriefConfig, type BriefOptions, type SignalPlaybook } from './config';

export interface BriefInput {
	intelligence: AccountIntelligence;
	/** Signal history; only this account's signals observed within the window before as-of are used. */
	signals?: readonly Signal[];
	/** The decision behind the brief, when one fired: its playbook becomes the recommended action. */
	decision?: Decision | null;
	options?: BriefOptions;
}

export interface BriefContextData {
	config: BriefConfig;
	intelligence: AccountIntelligence;
	asOf: DateTime;
	/** This account's signals in the window, newest first. */
	signals: Signal[];
	/** Everything citable by id: the window's signals plus drivers known only by id. */
	citable: Map<string, CitableSignal>;
	decision: Decision | null;
	/** Signals given for this account but outside the window (reported in the context, not dropped silently). */
	outsideWindow: number;
}

export function prepare(input: BriefInput): BriefContextData {
	const config: BriefConfig = { ...BRIEF_DEFAULTS, ...(input.options ?? {}) };
	const intelligence = input.intelligence;
	const asOf = parseIsoDate(intelligence.asOf)!;
	const from = asOf.minus({ days: config.historyDays });
	const own = (input.signals ?? []).filter((s) => s.accountId === intelligence.accountId);
	const signals: Signal[] = [];
	let outsideWindow = 0;
	for (const signal of own) {
		const at = parseIsoDate(signal.observedAt);
		if (at && at >= from && at <= asOf) signals.push(signal);
		else outsideWindow++;
	}
	signals.sort((a, b) => parseIsoDate(b.observedAt)!.toMillis() - parseIsoDate(a.observedAt)!.toMillis() || a.id.localeCompare(b.id));
	const citable = new Map<string, CitableSignal>();
	for (const signal of signals) citable.set(signal.id, signal);
	// Drivers may come without their signal (no --signals given): still citable by id and evidence.
	for (const driver of [...intelligence.risk.drivers, ...intelligence.opportunity.drivers]) {
		if (!citable.has(driver.signalId)) {
			const known = own.find((s) => s.id === driver.signalId);
			citable.set(driver.signalId, known ?? { id: driver.signalId, type: driver.type, observedAt: '', evidence: driver.evidence, source: { system: '', ref: '' } });
		}
	}
	const decision = input.decision && input.decision.accountId === intelligence.accountId ? input.decision : null;
	return { config, intelligence, asOf, signals, citable, decision, outsideWindow };
}

/** Keep only ids we can cite (a sentence never points at a source the reader cannot see). */
export function citable(data: BriefContextData, ids: readonly string[]): string[] {
	return unique(ids.filter((id) => data.citable.has(id)));
}

export function riskLevel(score: number): string {
	return RISK_LEVELS.find((level) => score >= level.min)?.label ?? 'low';
}

export function accountName(data: BriefContextData): string {
	return data.intelligence.account.name;
}

export function money(data: BriefContextData, amount: number): string {
	return formatMoney(amount, data.intelligence.account.currency);
}

export function subtitle(data: BriefContextData): string {
	const i = data.intelligence;
	return `${labelOf(i.segment)}-touch account · ${money(data, i.account.arr)} ARR · as of ${formatDate(i.asOf)}`;
}

/** Headline: risk with its drivers, health, renewal and ARR at stake. */
export function headline(data: BriefContextData): Sentence[] {
	const i = data.intelligence;
	const drivers = citable(data, i.risk.drivers.map((d) => d.signalId));
	const risk =
		drivers.length > 0
			? fact(`Risk ${formatNumber(i.risk.score)}/10 (${riskLevel(i.risk.score)}) from ${plural(drivers.length, 'compounding signal')}; health ${formatNumber(i.health.score, 0)}/100 (${i.health.band}).`, drivers)
			: note(`Risk ${formatNumber(i.risk.score)}/10 (${riskLevel(i.risk.score)}) with no active risk signal; health ${formatNumber(i.health.score, 0)}/100 (${i.health.band}).`);
	const sentences = [risk];
	if (i.renewal.renewalDate && i.renewal.daysToRenewal !== null) {
		const days = Math.round(i.renewal.daysToRenewal);
		const when = days >= 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} ago`;
		sentences.push(
			record(
				`Renewal on ${formatDate(i.renewal.renewalDate)} (${when}, stage ${i.renewal.stage}): ${money(data, i.account.arr)} ARR at stake, forecast ${formatPercent(i.renewal.forecastProbability)} (${money(data, i.renewal.expectedArr)} expected).`,
			),
		);
	} else sentences.push(record(`No renewal date on record; ${money(data, i.account.arr)} ARR.`));
	return sentences;
}

/** One timeline line per signal, newest first. */
export function signalLine(signal: Signal): Sentence {
	return fact(`${signalTypeLabel(signal.type)}: ${signal.evidence}`, [signal.id], formatDate(signal.observedAt));
}

export function healthTrend(data: BriefContextData): Sentence | null {
	const t = data.intelligence.health.trend;
	const parts: string[] = [];
	if (t.delta7d !== null) parts.push(`${signed(t.delta7d)} points in 7 days${t.previousBand7d && t.previousBand7d !== data.intelligence.health.band ? ` (was ${t.previousBand7d})` : ''}`);
	if (t.delta30d !== null) parts.push(`${signed(t.delta30d)} points in 30 days`);
	if (parts.length === 0) return null;
	const inputs = new Set(data.intelligence.health.dimensions.flatMap((d) => d.inputs.flatMap((input) => input.signalIds)));
	const drivers = data.intelligence.risk.drivers.map((d) => d.signalId).filter((id) => inputs.has(id));
	const ids = citable(data, drivers.length > 0 ? drivers : [...inputs]).slice(0, 4);
	return fact(`Health ${formatNumber(data.intelligence.health.score, 0)}/100: ${parts.join(', ')}.`, ids);
}

function signed(value: number): string {
	const rounded = formatNumber(value);
	return value > 0 ? `+${rounded}` : value < 0 ? rounded.replace('-', '−') : '±0';
}

export function compounding(data: BriefContextData): Sentence[] {
	const i = data.intelligence;
	const out = i.risk.drivers
		.filter((d) => data.citable.has(d.signalId))
		.map((d) => fact(`${d.evidence} (weight ${formatNumber(d.weight)}).`, [d.signalId], signalTypeLabel(d.type)));
	const active = citable(data, i.activeSignalIds);
	if (active.length > 0) {
		out.push(
			fact(
				`${plural(i.signalDensity, 'distinct signal type')} active; ${plural(i.signalVelocity.last30d, 'value decision')} in the last 30 days (${formatNumber(i.signalVelocity.previous30d, 0)} in the 30 before).`,
				active,
			),
		);
	}
	return out;
}

function contactMatches(signal: Signal, name: string, contactId?: string): boolean {
	const attrs = signal.attributes ?? {};
	const named = typeof attrs.contactName === 'string' && attrs.contactName.trim().toLowerCase() === name.trim().toLowerCase();
	const byId = contactId !== undefined && attrs.contactId === contactId;
	return named || byId;
}

function describeContact(contact: Pick<Contact, 'name' | 'title'>): string {
	return contact.title ? `${contact.name} (${contact.title})` : contact.name;
}

/** Engaged / unmapped / left, each person cited to the signal that names them when there is one. */
export function relationshipMap(data: BriefContextData): Sentence[] {
	const i = data.intelligence;
	const contacts = i.account.contacts;
	const engagedFrom = data.asOf.minus({ days: data.config.engagedWithinDays });
	const out: Sentence[] = [];
	const cite = (name: string, contactId: string | undefined, types: string[]) =>
		data.signals.filter((s) => types.some((t) => s.type === t || (t.endsWith('.*') && s.type.startsWith(t.slice(0, -1)))) && contactMatches(s, name, contactId)).map((s) => s.id);

	const engaged = contacts.filter((c) => c.status === 'active' && c.lastEngagedAt && parseIsoDate(c.lastEngagedAt)! >= engagedFrom);
	for (const c of engaged) {
		const roles = [c.isChampion ? 'champion' : '', c.isExecSponsor ? 'executive sponsor' : ''].filter(Boolean).join(', ');
		out.push(fact(`${describeContact(c)}${roles ? `, ${roles}` : ''}: last engaged ${formatDate(c.lastEngagedAt)}.`, cite(c.name, c.contactId, ['meetings.*', 'email.*', 'slack.*', 'exec.*']), 'Engaged'));
	}
	const named = (label: string) => contacts.find((c) => c.name === label || describeContact(c) === label);
	const unmapped = i.stakeholders.unmappedExecutives.map((label) => ({ label, contact: named(label) }));
	const quiet = contacts.filter((c) => c.status === 'active' && !engaged.includes(c) && !unmapped.some((u) => u.contact === c));
	for (const c of quiet) {
		out.push(fact(`${describeContact(c)}: ${c.lastEngagedAt ? `not engaged since ${formatDate(c.lastEngagedAt)}` : 'never engaged'}.`, cite(c.name, c.contactId, ['meetings.*', 'email.*', 'exec.*']), 'Not engaged'));
	}
	for (const { label, contact } of unmapped) {
		const ids = cite(contact?.name ?? label, contact?.contactId, ['exec.new_executive', 'exec.leadership_change', 'market.leadership_change', 'email.new_stakeholder']);
		out.push(fact(`${contact ? describeContact(contact) : label}: new executive, no relationship yet.`, ids, 'Unmapped'));
	}
	const departedNames = unique([...contacts.filter((c) => c.status === 'departed').map((c) => c.name), ...i.stakeholders.departed.filter((label) => !named(label) || named(label)!.status !== 'departed')]);
	for (const name of departedNames) {
		const contact = named(name);
		const ids = cite(name, contact?.contactId, ['exec.champion_departed', 'exec.sponsor_departed', 'exec.title_change']);
		const fallback = ids.length > 0 ? ids : data.signals.filter((s) => s.type === 'exec.champion_departed' || s.type === 'exec.sponsor_departed').map((s) => s.id);
		out.push(fact(`${contact ? describeContact(contact) : name} has left.`, fallback, 'Left'));
	}
	const threadIds = data.signals.filter((s) => s.type === 'crm.single_threaded').map((s) => s.id);
	if (i.stakeholders.singleThreaded) out.push(fact('Single-threaded: the relationship runs through one engaged contact.', threadIds));
	const sponsorIds = data.signals.filter((s) => s.type === 'crm.no_exec_sponsor' || s.type === 'exec.sponsor_departed' || s.type === 'meetings.exec_absence').map((s) => s.id);
	if (!i.stakeholders.execSponsorEngaged) out.push(fact('No executive sponsor engaged.', sponsorIds));
	if (contacts.length === 0) out.unshift(note('No contacts on record.'));
	return out;
}

export interface RecommendedAction {
	source: 'decision' | 'playbook';
	playbook: string;
	action: string;
	ownerRole: string;
	ownerName: string | null;
	ownerSlackUserId: string | null;
	dueAt: string;
	why: Sentence;
}

/** From the Decision when given, else from the top risk driver's playbook (seed 002), else escalation or review. */
export function recommendedAction(data: BriefContextData): RecommendedAction {
	const i = data.intelligence;
	const d = data.decision;
	if (d) {
		return {
			source: 'decision',
			playbook: d.playbook,
			action: `${labelOf(d.playbook)} (${d.rule.name})`,
			ownerRole: d.owner.role,
			ownerName: d.owner.person?.name ?? null,
			ownerSlackUserId: d.owner.person?.slackUserId ?? null,
			dueAt: d.dueAt,
			why: fact(d.explanation.sentence, citable(data, d.signalIds)),
		};
	}
	const esc = data.config.executiveEscalation;
	const days = i.renewal.daysToRenewal;
	const top = i.risk.drivers.find((driver) => ownValue(data.config.signalPlaybooks, driver.type));
	let chosen: SignalPlaybook;
	let whyIds: string[];
	let whyText: string;
	if (i.risk.score > esc.minRisk && days !== null && days >= 0 && days <= esc.maxDaysToRenewal) {
		chosen = esc;
		whyIds = citable(data, i.risk.drivers.map((x) => x.signalId));
		whyText = `Risk ${formatNumber(i.risk.score)}/10 is above ${formatNumber(esc.minRisk)} with renewal in ${Math.round(days)} days.`;
	} else if (top) {
		chosen = ownValue(data.config.signalPlaybooks, top.type)!;
		whyIds = citable(data, [top.signalId]);
		whyText = `Strongest risk driver: ${top.evidence}`;
	} else {
		chosen = data.config.defaultPlaybook;
		whyIds = citable(data, i.activeSignalIds);
		whyText = whyIds.length > 0 ? `${plural(whyIds.length, 'active signal')} with no specific playbook.` : 'No active signals; keep the regular cadence.';
	}
	const owner = i.account.owners[chosen.ownerRole];
	return {
		source: 'playbook',
		playbook: chosen.playbook,
		action: chosen.action,
		ownerRole: chosen.ownerRole,
		ownerName: owner?.name ?? null,
		ownerSlackUserId: owner?.slackUserId ?? null,
		dueAt: data.asOf.plus({ hours: chosen.dueInHours }).toISO({ suppressMilliseconds: true }) ?? '',
		why: whyIds.length > 0 ? fact(whyText, whyIds) : note(whyText),
	};
}

export function actionSentences(action: RecommendedAction): Sentence[] {
	const owner = action.ownerName ? `${action.ownerName} (${labelOf(action.ownerRole)})` : `${labelOf(action.ownerRole)} — no person on record for this role`;
	return [
		guidance(`${action.action}.`.replace(/\.\.$/, '.'), action.why.citations, 'Action'),
		guidance(owner, [], 'Owner'),
		guidance(formatDate(action.dueAt), [], 'Due'),
		{ ...action.why, label: 'Why' },
	];
}
