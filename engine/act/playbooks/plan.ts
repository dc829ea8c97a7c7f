import { ActionSchema, formatAmount, parseItem, requireIsoDate, stableId, toIso, type Action, type Owner, type OwnerSource } from '../../model';
import { DEFAULT_FALLBACK_OWNER, OWNER_FALLBACK_CHAIN } from '../../decide';
import { businessCalendar, dueAfterBusinessDays, type BusinessCalendar, type CalendarOptions } from '../calendar';
import { shippedPlaybooks, type PlaybookCatalogue } from './load';
import { PlaybookOwnersSchema, type PlaybookOwners, type PlaybookRole, type StepChannel } from './schema';

export interface PlanOptions {
	/** Time zone, holidays, weekend and due hour for business-day due dates. */
	calendar?: CalendarOptions | BusinessCalendar;
	/** People for the plan's roles (the account's owners, plus finance, legal, …); the action's own owner wins for its role. */
	owners?: PlaybookOwners;
	/** The configured default owner: the last link of the owner chain (default "CS Ops queue"). */
	fallbackOwner?: Owner | null;
	catalogue?: PlaybookCatalogue;
}

export type { OwnerSource };

/** One task of an action: a playbook step with its own owner (never empty) and due date. */
export interface PlannedStep {
	/** What a person reads: "Acme Corp · Executive escalation step 5/9: … — CS Leader (Ava Lindqvist), call, due …". */
	sentence: string;
	priority: string;
	ownerName: string;
	dueAt: string;
	action: string;
	ownerRole: PlaybookRole;
	owner: Owner;
	ownerSource: OwnerSource;
	supportingRoles: PlaybookRole[];
	channel: StepChannel;
	approver: { role: PlaybookRole; person: Owner } | null;
	sequence: number;
	key: string;
	dayOffset: number;
	seedDay: string | null;
	/** `business_days`: the action's opening day + dayOffset business days at the due hour; `rule_sla`: the action's dueAt. */
	dueBasis: 'business_days' | 'rule_sla';
	exitCriteria: string[];
	accountName: string;
	playbookName: string;
	playbookId: string;
	/** Stable: the same action episode and step always give the same id (safe to upsert as a CRM task). */
	stepId: string;
	actionId: string;
	accountId: string;
}

export interface PlannedPlaybook {
	headline: string;
	priority: string;
	ownerName: string;
	dueAt: string;
	accountName: string;
	/** The action's owner (the person the CRM task belongs to). */
	owner: Action['owner'];
	playbook: {
		id: string;
		name: string;
		trigger: string;
		ownerRole: PlaybookRole;
		owner: Owner;
		ownerSource: OwnerSource;
		timeline: string;
		exitCriteria: string[];
		escalation: string[];
		guardrail: string | null;
	};
	/** Why: every rule that led to the action, most urgent first (sentence, rule, priority). */
	reasons: Array<{ sentence: string; priority: string; rule: { id: string; name: string; pack: string } }>;
	family: string;
	status: string;
	steps: PlannedStep[];
	/** When the last step falls due. */
	lastDueAt: string;
	firedAt: string;
	openedAt: string;
	actionId: string;
	accountId: string;
	context: Action['context'];
}

/** An action names a playbook the catalogue does not hold. */
export class UnknownPlaybookError extends Error {
	constructor(
		readonly actionId: string,
		readonly playbookId: string,
		message: string,
	) {
		super(message);
		this.name = 'UnknownPlaybookError';
	}
}

function editDistance(a: string, b: string): number {
	const row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
			diagonal = above;
		}
	}
	return row[b.length];
}

function unknownPlaybook(action: Action, catalogue: PlaybookCatalogue): UnknownPlaybookError {
	const ids = [...catalogue.keys()];
	const nearest = ids.map((id) => ({ id, distance: editDistance(action.playbook.id, id) })).sort((a, b) => a.distance - b.distance)[0];
	const hint =
		nearest && nearest.distance <= 3
			? `did you mean "${nearest.id}"?`
			: `add it to the playbook catalogue or use one of: ${ids.join(', ')}`;
	return new UnknownPlaybookError(
		action.actionId,
		action.playbook.id,
		`action ${action.actionId} (account ${action.accountId}, rule "${action.reasons[0].rule.id}") names playbook "${action.playbook.id}", which is not in the playbook catalogue; ${hint}`,
	);
}

/**
 * Who owns a step in `role`, by the same chain as the action's owner: the action's own owner for its role; the
 * person in the role (the account's owners or the people given); the account owner (CSM); the team lead (CS
 * manager, then CS leader); the configured default. Never nobody.
 */
function resolvePerson(role: PlaybookRole, action: Action, options: PlanOptions): { person: Owner; source: OwnerSource } {
	if (action.owner.role === role && action.owner.source === 'role') return { person: action.owner.person, source: 'role' };
	const people: PlaybookOwners = options.owners ?? {};
	const inRole = people[role];
	if (inRole) return { person: inRole, source: 'role' };
	for (const link of OWNER_FALLBACK_CHAIN)
		for (const standIn of link.roles) {
			const person = people[standIn];
			if (person) return { person, source: link.source };
		}
	return { person: options.fallbackOwner ?? { ...DEFAULT_FALLBACK_OWNER }, source: 'default' };
}

const ROLE_LABELS: Record<PlaybookRole, string> = {
	csm: 'CSM',
	ae: 'AE',
	csLeader: 'CS Leader',
	csManager: 'CS Manager',
	supportManager: 'Support Manager',
	execSponsor: 'Executive Sponsor',
	csOps: 'CS Ops',
	salesManager: 'Sales Manager',
	finance: 'Finance',
	legal: 'Legal',
	dealDesk: 'Deal Desk',
	productManager: 'Product Manager',
};

export function roleLabel(role: PlaybookRole): string {
	return ROLE_LABELS[role];
}

/** An Action → its playbook's accountable steps: each with its own owner (never empty), channel, business-day due date, exit criteria. */
export function planPlaybook(action: Action, options: PlanOptions = {}): PlannedPlaybook {
	const catalogue = options.catalogue ?? shippedPlaybooks();
	const playbook = catalogue.get(action.playbook.id);
	if (!playbook) throw unknownPlaybook(action, catalogue);
	const calendar = businessCalendar(options.calendar);
	const openedAt = requireIsoDate(action.openedAt, `action ${action.actionId} openedAt`);
	const slaDue = requireIsoDate(action.dueAt, `action ${action.actionId} dueAt`).setZone(calendar.zone);

	const steps = playbook.steps.map((step, index): PlannedStep => {
		const { person, source } = resolvePerson(step.ownerRole, action, options);
		const due = step.dueWithinSla ? slaDue : dueAfterBusinessDays(openedAt, step.dayOffset, calendar);
		const dueAt = toIso(due);
		const stand = source === 'role' ? '' : source === 'accountOwner' ? ', account owner standing in' : source === 'teamLead' ? ', team lead standing in' : ', default owner';
		const who = `${roleLabel(step.ownerRole)} (${person.name}${stand})`;
		const approver = step.approver ? { role: step.approver, person: resolvePerson(step.approver, action, options).person } : null;
		return {
			sentence: `${action.accountName} · ${playbook.name} step ${index + 1}/${playbook.steps.length}: ${step.action} — ${who}, ${step.channel}, due ${due.toFormat('ccc d LLL yyyy HH:mm')} ${calendar.zone}${approver ? `, needs approval by ${roleLabel(approver.role)}` : ''}.`,
			priority: action.priority,
			ownerName: person.name,
			dueAt,
			action: step.action,
			ownerRole: step.ownerRole,
			owner: person,
			ownerSource: source,
			supportingRoles: step.supportingRoles,
			channel: step.channel,
			approver,
			sequence: index + 1,
			key: step.key,
			dayOffset: step.dayOffset,
			seedDay: step.seedDay ?? null,
			dueBasis: step.dueWithinSla ? 'rule_sla' : 'business_days',
			exitCriteria: playbook.exitCriteria,
			accountName: action.accountName,
			playbookName: playbook.name,
			playbookId: playbook.id,
			stepId: stableId('step', action.actionId, playbook.id, step.key),
			actionId: action.actionId,
			accountId: action.accountId,
		};
	});
	const owner = resolvePerson(playbook.ownerRole, action, options);
	const lastDueAt = steps.map((s) => s.dueAt).reduce((latest, dueAt) => (requireIsoDate(dueAt) > requireIsoDate(latest) ? dueAt : latest));

	return {
		headline: action.headline,
		priority: action.priority,
		ownerName: action.ownerName,
		dueAt: action.dueAt,
		accountName: action.accountName,
		owner: action.owner,
		playbook: {
			id: playbook.id,
			name: playbook.name,
			trigger: playbook.trigger,
			ownerRole: playbook.ownerRole,
			owner: owner.person,
			ownerSource: owner.source,
			timeline: playbook.timeline,
			exitCriteria: playbook.exitCriteria,
			escalation: playbook.escalation,
			guardrail: playbook.guardrail ?? null,
		},
		reasons: action.reasons.map((r) => ({ sentence: r.sentence, priority: r.priority, rule: { id: r.rule.id, name: r.rule.name, pack: r.rule.pack } })),
		family: action.family,
		status: action.status,
		steps,
		lastDueAt,
		firedAt: action.firedAt,
		openedAt: action.openedAt,
		actionId: action.actionId,
		accountId: action.accountId,
		context: action.context,
	};
}

/** The CS-to-Sales hand-off of an expansion action (seed 002: "CS prepares customer context, decision-maker, timeline, needs"). */
export interface SalesHandoff {
	/** "Brightline Health — expansion hand-off to Leo Marsh (AE): 38,400 EUR, 40% of ARR". */
	headline: string;
	dealName: string;
	/** The open expansion amount (expansionOpportunityPctOfArr × ARR), when known. */
	amount: number | null;
	currency: string;
	/** When the deal should close: the renewal date (co-term), else 90 days after the hand-off. */
	closeDate: string;
	ae: Owner;
	aeSource: OwnerSource;
	csm: Owner;
	champion: string;
	decisionMaker: string;
	timeline: string;
	need: string[];
	/** Everything above as the deal's description (plain text, one field per line). */
	description: string;
	priority: string;
	accountName: string;
	actionId: string;
	accountId: string;
	/** The company's id in the CRM (for the deal's association). */
	crmCompanyId: string | null;
}

const HANDOFF_CLOSE_DAYS = 90;

/** An expansion action → the hand-off Sales receives: champion, decision maker, timeline and need, from the action itself. */
export function salesHandoff(action: Action, options: PlanOptions = {}): SalesHandoff {
	const c = action.context;
	const ae = resolvePerson('ae', action, options);
	const csm = resolvePerson('csm', action, options);
	const amount = c.expansionOpportunityPctOfArr === null ? null : Math.round((c.expansionOpportunityPctOfArr * c.arr) / 100);
	const person = (p: { name: string; title: string | null } | null, missing: string) => (p ? `${p.name}${p.title ? ` (${p.title})` : ''}` : missing);
	const champion = person(c.champion, 'no champion on record — ask the CSM');
	const decisionMaker = person(c.decisionMaker, 'no decision maker on record — find the economic buyer first');
	const opened = requireIsoDate(action.openedAt);
	const renewal = c.renewalDate ? requireIsoDate(c.renewalDate) : null;
	const close = renewal && renewal > opened ? renewal : opened.plus({ days: HANDOFF_CLOSE_DAYS });
	const timeline =
		renewal && renewal > opened
			? `Renewal on ${renewal.toISODate()} (${Math.round(c.daysToRenewal ?? 0)} days): co-term the expansion with it`
			: `No renewal ahead on record: aim to close by ${close.toISODate()} (${HANDOFF_CLOSE_DAYS} days)`;
	const evidence = action.evidence.map((e) => e.text);
	const need = [...action.reasons.map((r) => r.sentence), ...evidence.filter((text) => !action.reasons.some((r) => r.sentence === text))];
	const size = amount === null ? 'size not on record' : `${formatAmount(amount, c.currency)}, ${c.expansionOpportunityPctOfArr}% of ARR`;
	return {
		headline: `${action.accountName} — expansion hand-off to ${ae.person.name} (AE): ${size}`,
		dealName: `${action.accountName} — expansion`,
		amount,
		currency: c.currency,
		closeDate: toIso(close),
		ae: ae.person,
		aeSource: ae.source,
		csm: csm.person,
		champion,
		decisionMaker,
		timeline,
		need,
		description: [
			`CS-to-Sales hand-off from ${csm.person.name} (CSM), ${action.openedAt.slice(0, 10)}.`,
			`Champion: ${champion}`,
			`Decision maker: ${decisionMaker}`,
			`Timeline: ${timeline}`,
			`Need: ${need.join(' · ')}`,
			`Account: ${formatAmount(c.arr, c.currency)} ARR, health ${c.healthScore}/100, expansion readiness ${c.expansionReadiness}/100.`,
		].join('\n'),
		priority: action.priority,
		accountName: action.accountName,
		actionId: action.actionId,
		accountId: action.accountId,
		crmCompanyId: c.crm?.id ?? null,
	};
}

/** An Action item as it arrives in n8n, optionally carrying `owners` (people for the plan's roles). */
export const PlaybookInputSchema = ActionSchema.extend({ owners: PlaybookOwnersSchema.optional() });

/** Parse one input item; throws ItemValidationError ("action 2: playbook is required but missing"). */
export function parsePlaybookInput(json: unknown, index: number): { action: Action; owners: PlaybookOwners } {
	const { owners, ...action } = parseItem(PlaybookInputSchema, 'action', index, json);
	// The account's owners travel with the action; people given explicitly on the item win.
	return { action, owners: { ...(action.accountOwners ?? {}), ...(owners ?? {}) } };
}

/**
 * A fallback owner from a name, an optional e-mail and an optional Slack user id (the shared node parameters);
 * null when no name is given.
 */
export function fallbackOwnerFrom(name: string | undefined, email?: string, slackUserId?: string): Owner | null {
	const trimmedName = name?.trim() ?? '';
	const trimmedEmail = email?.trim() ?? '';
	const trimmedSlack = slackUserId?.trim() ?? '';
	if (!trimmedName) {
		if (trimmedEmail) throw new Error(`fallback owner e-mail "${trimmedEmail}" is set without a name; give the fallback owner a name too`);
		if (trimmedSlack) throw new Error(`fallback owner Slack user ID "${trimmedSlack}" is set without a name; give the fallback owner a name too`);
		return null;
	}
	if (trimmedEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmedEmail)) {
		throw new Error(`fallback owner e-mail "${trimmedEmail}" is not an e-mail address`);
	}
	return { name: trimmedName, ...(trimmedEmail ? { email: trimmedEmail } : {}), ...(trimmedSlack ? { slackUserId: trimmedSlack } : {}) };
}
