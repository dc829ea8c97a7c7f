import { DecisionSchema, parseItem, requireIsoDate, stableId, toIso, type Decision, type Owner } from '../../model';
import { businessCalendar, dueAfterBusinessDays, type BusinessCalendar, type CalendarOptions } from '../calendar';
import { shippedPlaybooks, type PlaybookCatalogue } from './load';
import { PlaybookOwnersSchema, type PlaybookOwners, type PlaybookRole, type StepChannel } from './schema';

export interface PlanOptions {
	/** Time zone, holidays, weekend and due hour for business-day due dates. */
	calendar?: CalendarOptions | BusinessCalendar;
	/** People for the plan's roles (the account's owners, plus finance, legal, …); the decision's own owner wins for its role. */
	owners?: PlaybookOwners;
	/** Who owns a step when nobody holds its role. */
	fallbackOwner?: Owner | null;
	catalogue?: PlaybookCatalogue;
}

/** Where a step's person came from: the decision's resolved owner, the owners passed in, the fallback, or nobody. */
export type OwnerSource = 'decision' | 'owners' | 'fallback' | 'none';

export interface PlannedStep {
	/** Stable: the same decision and step always give the same id (safe to upsert as a CRM task). */
	stepId: string;
	sequence: number;
	key: string;
	decisionId: string;
	accountId: string;
	accountName: string;
	ruleId: string;
	ruleName: string;
	priority: string;
	playbookId: string;
	playbookName: string;
	action: string;
	ownerRole: PlaybookRole;
	owner: Owner | null;
	ownerSource: OwnerSource;
	supportingRoles: PlaybookRole[];
	channel: StepChannel;
	approver: { role: PlaybookRole; person: Owner | null } | null;
	dayOffset: number;
	seedDay: string | null;
	dueAt: string;
	/** `business_days`: start day + dayOffset business days at the due hour; `rule_sla`: the decision's dueAt. */
	dueBasis: 'business_days' | 'rule_sla';
	exitCriteria: string[];
	/** One line for a task list or a Slack message. */
	sentence: string;
}

export interface PlannedPlaybook {
	decisionId: string;
	accountId: string;
	accountName: string;
	rule: { id: string; name: string; pack: string };
	family: string;
	priority: string;
	firedAt: string;
	playbook: {
		id: string;
		name: string;
		trigger: string;
		ownerRole: PlaybookRole;
		owner: Owner | null;
		ownerSource: OwnerSource;
		timeline: string;
		exitCriteria: string[];
		escalation: string[];
		guardrail: string | null;
	};
	steps: PlannedStep[];
	/** When the last step falls due. */
	lastDueAt: string;
}

/** A decision names a playbook the catalogue does not hold. */
export class UnknownPlaybookError extends Error {
	constructor(
		readonly decisionId: string,
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

function unknownPlaybook(decision: Decision, catalogue: PlaybookCatalogue): UnknownPlaybookError {
	const ids = [...catalogue.keys()];
	const nearest = ids.map((id) => ({ id, distance: editDistance(decision.playbook, id) })).sort((a, b) => a.distance - b.distance)[0];
	const hint =
		nearest && nearest.distance <= 3
			? `did you mean "${nearest.id}"?`
			: `add it to the playbook catalogue or use one of: ${ids.join(', ')}`;
	return new UnknownPlaybookError(
		decision.decisionId,
		decision.playbook,
		`decision ${decision.decisionId} (rule "${decision.rule.id}", account ${decision.accountId}) names playbook "${decision.playbook}", which is not in the playbook catalogue; ${hint}`,
	);
}

function resolvePerson(role: PlaybookRole, decision: Decision, options: PlanOptions): { person: Owner | null; source: OwnerSource } {
	const decisionOwner = decision.owner.role === role ? decision.owner.person : null;
	if (decisionOwner && !decision.owner.fallback) return { person: decisionOwner, source: 'decision' };
	const given = options.owners?.[role];
	if (given) return { person: given, source: 'owners' };
	if (decisionOwner) return { person: decisionOwner, source: 'fallback' };
	if (options.fallbackOwner) return { person: options.fallbackOwner, source: 'fallback' };
	return { person: null, source: 'none' };
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

/** A Decision → its playbook's accountable steps: owner role and person, business-day due date, channel, exit criteria. */
export function planPlaybook(decision: Decision, options: PlanOptions = {}): PlannedPlaybook {
	const catalogue = options.catalogue ?? shippedPlaybooks();
	const playbook = catalogue.get(decision.playbook);
	if (!playbook) throw unknownPlaybook(decision, catalogue);
	const calendar = businessCalendar(options.calendar);
	const firedAt = requireIsoDate(decision.firedAt, `decision ${decision.decisionId} firedAt`);
	const slaDue = requireIsoDate(decision.dueAt, `decision ${decision.decisionId} dueAt`).setZone(calendar.zone);

	const steps = playbook.steps.map((step, index): PlannedStep => {
		const { person, source } = resolvePerson(step.ownerRole, decision, options);
		const due = step.dueWithinSla ? slaDue : dueAfterBusinessDays(firedAt, step.dayOffset, calendar);
		const dueAt = toIso(due);
		const who = person ? `${roleLabel(step.ownerRole)} (${person.name})` : `${roleLabel(step.ownerRole)} (unassigned)`;
		const approver = step.approver ? { role: step.approver, person: resolvePerson(step.approver, decision, options).person } : null;
		return {
			stepId: stableId('step', decision.decisionId, playbook.id, step.key),
			sequence: index + 1,
			key: step.key,
			decisionId: decision.decisionId,
			accountId: decision.accountId,
			accountName: decision.accountName,
			ruleId: decision.rule.id,
			ruleName: decision.rule.name,
			priority: decision.priority,
			playbookId: playbook.id,
			playbookName: playbook.name,
			action: step.action,
			ownerRole: step.ownerRole,
			owner: person,
			ownerSource: source,
			supportingRoles: step.supportingRoles,
			channel: step.channel,
			approver,
			dayOffset: step.dayOffset,
			seedDay: step.seedDay ?? null,
			dueAt,
			dueBasis: step.dueWithinSla ? 'rule_sla' : 'business_days',
			exitCriteria: playbook.exitCriteria,
			sentence: `${decision.accountName} · ${playbook.name} step ${index + 1}/${playbook.steps.length}: ${step.action} — ${who}, ${step.channel}, due ${due.toFormat('ccc d LLL yyyy HH:mm')} ${calendar.zone}${approver ? `, needs approval by ${roleLabel(approver.role)}` : ''}.`,
		};
	});
	const owner = resolvePerson(playbook.ownerRole, decision, options);
	const lastDueAt = steps.map((s) => s.dueAt).reduce((latest, dueAt) => (requireIsoDate(dueAt) > requireIsoDate(latest) ? dueAt : latest));

	return {
		decisionId: decision.decisionId,
		accountId: decision.accountId,
		accountName: decision.accountName,
		rule: { id: decision.rule.id, name: decision.rule.name, pack: decision.rule.pack },
		family: decision.family,
		priority: decision.priority,
		firedAt: decision.firedAt,
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
		steps,
		lastDueAt,
	};
}

/** A Decision item as it arrives in n8n, optionally carrying `owners` (people for the plan's roles). */
export const PlaybookInputSchema = DecisionSchema.extend({ owners: PlaybookOwnersSchema.optional() });

/** Parse one input item; throws ItemValidationError ("decision 2: playbook is required but missing"). */
export function parsePlaybookInput(json: unknown, index: number): { decision: Decision; owners: PlaybookOwners } {
	const { owners, ...decision } = parseItem(PlaybookInputSchema, 'decision', index, json);
	// The account's owners travel with the decision; people given explicitly on the item win.
	return { decision, owners: { ...(decision.accountOwners ?? {}), ...(owners ?? {}) } };
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
