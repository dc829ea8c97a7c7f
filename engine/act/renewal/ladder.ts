import { DateTime } from 'luxon';
import type { LedgerPort } from '../../ledger';
import { AccountIntelligenceSchema, AccountSchema, parseItem, plural, requireIsoDate, resolveAsOf, stableId, toIso, type Account, type AccountIntelligence, type Owner } from '../../model';
import { addBusinessDays, businessCalendar, dueAfterBusinessDays, endOfBusinessDay, type BusinessCalendar, type CalendarOptions } from '../calendar';
import { roleLabel } from '../playbooks/plan';
import type { PlaybookRole, StepChannel } from '../playbooks/schema';
import {
	DEFAULT_RENEWAL_THRESHOLDS,
	RENEWAL_TASKS,
	DEFAULT_RENEWAL_TIMELINE,
	RENEWAL_TIMELINES,
	STAGE_OFFSET_DAYS,
	type RenewalStageId,
	type RenewalThresholds,
	type RenewalTimeline,
	type TaskCondition,
} from './stages';

/**
 * The renewal ladder: for each account, the stage it has ENTERED as of a date — once per stage per renewal
 * date, remembered in the ledger.
 *
 * Policy for runs that skip days (a weekly sweep, a paused workflow): the ladder enters only the LATEST stage
 * crossed and lists the stages it stepped over in `skippedStages` — their tasks are stale by then and are not
 * issued, except the discount-sunset flag, which is carried to the first stage entered for that renewal so it
 * is never lost. A stage is never entered after a later stage of the same renewal date (an as-of date moved
 * backwards does not re-open the ladder). A new renewal date (the contract renewed) starts a new ladder.
 *
 * Dates: stage days are calendar days in the calendar's time zone. A date-only renewal date ("2026-09-30")
 * and a UTC-midnight timestamp ("2026-09-30T00:00:00Z", how CRMs export date fields) both mean that day;
 * other timestamps are converted to the zone. Task due dates are business days (engine/act/calendar).
 */
export interface RenewalLadderOptions {
	ledger: LedgerPort;
	/** As-of date; default: the intelligence item's asOf, else now. */
	asOf?: string | DateTime | null;
	timeline?: RenewalTimeline;
	calendar?: CalendarOptions | BusinessCalendar;
	/** Shorthands merged into `calendar`. */
	zone?: string;
	holidays?: readonly string[];
	dueHour?: number;
	/** Who owns a task when the account has nobody in its role. */
	fallbackOwner?: Owner | null;
	thresholds?: Partial<RenewalThresholds>;
}

export type LadderInput = { kind: 'account'; account: Account } | { kind: 'intelligence'; intelligence: AccountIntelligence };

export interface RenewalTask {
	taskId: string;
	key: string;
	action: string;
	ownerRole: PlaybookRole;
	owner: Owner | null;
	ownerSource: 'account' | 'fallback' | 'none';
	supportingRoles: PlaybookRole[];
	channel: StepChannel;
	approver: PlaybookRole | null;
	playbook: string | null;
	dueAt: string;
}

export interface RenewalStageEntry {
	entryId: string;
	accountId: string;
	accountName: string;
	arr: number;
	currency: string;
	renewalDate: string;
	timeline: RenewalTimeline;
	stage: RenewalStageId;
	/** The calendar day the stage begins (renewal date + stage offset). */
	stageDate: string;
	enteredAt: string;
	daysToRenewal: number;
	/** Stages crossed since the last entry that were not entered on their own (their tasks are not issued). */
	skippedStages: RenewalStageId[];
	health: { score: number; band: string | null; source: 'intelligence' | 'account' | 'ledger' } | null;
	tasks: RenewalTask[];
	discountSunset: { discountExpiryDate: string; renewalDate: string; sentence: string } | null;
	atRiskEscalation: {
		level: 'elevated' | 'high' | 'critical';
		healthScore: number;
		ownerRole: PlaybookRole;
		owner: Owner | null;
		action: string;
		playbook: string;
		dueAt: string;
		sentence: string;
	} | null;
	redAccountMode: {
		mode: 'rescue' | 'renewal_risk';
		playbook: 'rescue_mode' | 'renewal_risk';
		healthScore: number;
		daysToRenewal: number;
		ownerRole: PlaybookRole;
		owner: Owner | null;
		actions: string[];
		sentence: string;
	} | null;
	sentence: string;
}

export interface LadderResult {
	accountId: string;
	entry: RenewalStageEntry | null;
	/** Why there is no entry ("already in T-90", "no renewal date", …) or which stage was entered. */
	reason: string;
}

/** Parse one item: AccountIntelligence (has `account` and `health`) or Account; errors name item and field. */
export function parseLadderInput(json: unknown, index: number): LadderInput {
	const looksLikeIntelligence = json !== null && typeof json === 'object' && 'account' in json && 'health' in json;
	if (looksLikeIntelligence) return { kind: 'intelligence', intelligence: parseItem(AccountIntelligenceSchema, 'account intelligence', index, json) };
	return { kind: 'account', account: parseItem(AccountSchema, 'account', index, json) };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const UTC_MIDNIGHT = /^(\d{4}-\d{2}-\d{2})T00:00(:00(\.0+)?)?(Z|[+-]00:?00)$/;

/** The calendar day a date field names, in the zone (see the module comment). */
export function calendarDay(value: string, zone: string, what: string): DateTime {
	const trimmed = value.trim();
	const dateOnly = DATE_ONLY.test(trimmed) ? trimmed : UTC_MIDNIGHT.exec(trimmed)?.[1];
	if (dateOnly) {
		const day = DateTime.fromISO(dateOnly, { zone });
		if (day.isValid) return day;
	}
	return requireIsoDate(trimmed, what).setZone(zone).startOf('day');
}

/** The as-of moment in the zone; a date-time written without an offset (as n8n's date picker gives it) is local to the zone. */
function resolveLadderAsOf(asOf: string | DateTime | null | undefined, zone: string): DateTime {
	if (typeof asOf === 'string' && asOf.trim() !== '') {
		const parsed = DateTime.fromISO(asOf.trim(), { zone, setZone: true });
		if (!parsed.isValid) throw new Error(`as-of date ${JSON.stringify(asOf)} is not an ISO-8601 date`);
		return parsed.setZone(zone);
	}
	return resolveAsOf(typeof asOf === 'string' ? null : asOf).setZone(zone);
}

const MODE_ACTIONS: Record<'rescue' | 'renewal_risk', string[]> = {
	rescue: [
		'Executive outreach: CS Lead or Head of CS calls the economic buyer directly',
		'Root cause session: structured call to understand what went wrong',
		'Recovery plan: documented list of 3-5 actions with owners and deadlines',
		'Weekly check-in until back to Yellow',
	],
	renewal_risk: [
		'Activate renewal process (see below) immediately — do not wait for the standard T-90 trigger',
		'Consider commercial options: downgrade path, implementation support extension, POC of new features',
	],
};

function healthOf(input: LadderInput, account: Account, asOf: DateTime, ledger: LedgerPort): RenewalStageEntry['health'] {
	if (input.kind === 'intelligence') return { score: input.intelligence.health.score, band: input.intelligence.health.band, source: 'intelligence' };
	const latest = (entries: Array<{ at: string; score: number }>) =>
		entries
			.map((entry) => ({ at: requireIsoDate(entry.at), score: entry.score }))
			.filter((entry) => entry.at <= asOf)
			.sort((a, b) => a.at.toMillis() - b.at.toMillis())
			.pop();
	const fromAccount = latest(account.healthHistory);
	if (fromAccount) return { score: fromAccount.score, band: null, source: 'account' };
	const fromLedger = latest(ledger.getHealthHistory(account.accountId));
	return fromLedger ? { score: fromLedger.score, band: null, source: 'ledger' } : null;
}

function resolveOwner(account: Account, role: PlaybookRole, fallback: Owner | null | undefined): { person: Owner | null; source: RenewalTask['ownerSource'] } {
	const person = (account.owners as Partial<Record<PlaybookRole, Owner>>)[role];
	if (person) return { person, source: 'account' };
	if (fallback) return { person: fallback, source: 'fallback' };
	return { person: null, source: 'none' };
}

/** Enter the current renewal stage of one account, if it has not been entered yet. */
export function enterRenewalStage(input: LadderInput, options: RenewalLadderOptions): LadderResult {
	const account = input.kind === 'intelligence' ? input.intelligence.account : input.account;
	const accountId = input.kind === 'intelligence' ? input.intelligence.accountId : account.accountId;
	const calendar = businessCalendar(
		options.calendar ?? { zone: options.zone, holidays: options.holidays, dueHour: options.dueHour },
	);
	const thresholds = { ...DEFAULT_RENEWAL_THRESHOLDS, ...options.thresholds };
	const timeline = options.timeline ?? DEFAULT_RENEWAL_TIMELINE;
	const stages = RENEWAL_TIMELINES[timeline];
	if (!stages) throw new Error(`renewal timeline "${String(timeline)}" is not one of "120", "90"`);
	const asOf = resolveLadderAsOf(options.asOf ?? (input.kind === 'intelligence' ? input.intelligence.asOf : null), calendar.zone);
	const today = asOf.startOf('day');

	if (!account.renewalDate) return { accountId, entry: null, reason: 'no renewal date' };
	const renewalDay = calendarDay(account.renewalDate, calendar.zone, `account ${accountId} renewalDate`);
	const renewalKey = renewalDay.toISODate()!;
	const daysToRenewal = Math.round(renewalDay.diff(today, 'days').days);
	const stageDay = (stage: RenewalStageId) => renewalDay.plus({ days: STAGE_OFFSET_DAYS[stage] });

	const crossed = stages.filter((stage) => stageDay(stage) <= today);
	if (crossed.length === 0) {
		return { accountId, entry: null, reason: `before ${stages[0]} (renewal ${renewalKey} in ${daysToRenewal} days)` };
	}
	const stage = crossed[crossed.length - 1];
	const daysPastLast = Math.round(today.diff(stageDay(stages[stages.length - 1]), 'days').days);
	if (daysPastLast > thresholds.staleAfterDays) {
		return {
			accountId,
			entry: null,
			reason: `renewal date ${renewalKey} passed ${-daysToRenewal} days ago; update the renewal date in the CRM to start the next cycle`,
		};
	}
	const stageIndex = stages.indexOf(stage);
	const enteredLater = stages.slice(stageIndex).find((s) => options.ledger.hasEnteredStage(accountId, renewalKey, s));
	if (enteredLater) return { accountId, entry: null, reason: `already in ${enteredLater} (renewal ${renewalKey})` };

	let lastEnteredIndex = -1;
	stages.slice(0, stageIndex).forEach((s, index) => {
		if (options.ledger.hasEnteredStage(accountId, renewalKey, s)) lastEnteredIndex = index;
	});
	const skippedStages = stages.slice(lastEnteredIndex + 1, stageIndex);
	const firstEntryOfRenewal = lastEnteredIndex === -1;

	const health = healthOf(input, account, asOf, options.ledger);
	const isRed = health ? health.score < thresholds.redHealthBelow : null;
	const isAtRisk = health ? health.score < thresholds.elevatedHealthBelow : null;
	const discountDay = account.discountExpiryDate ? calendarDay(account.discountExpiryDate, calendar.zone, `account ${accountId} discountExpiryDate`) : null;
	const discountExpiring = discountDay !== null && discountDay <= renewalDay;
	const applies = (when: TaskCondition | undefined): boolean => {
		if (!when) return true;
		if (when === 'discountExpiring') return discountExpiring;
		const known = when === 'red' ? isRed : isAtRisk;
		return known === null ? true : known;
	};
	// Work of the stages before the renewal is due by the last business day before it, never after the contract ends.
	const beforeRenewal = stage !== 'T-0' && stage !== 'T+7';
	const lastDueBeforeRenewal = endOfBusinessDay(addBusinessDays(renewalDay, -1, calendar), calendar);
	const due = (businessDays: number) => {
		const planned = dueAfterBusinessDays(asOf, businessDays, calendar);
		if (!beforeRenewal || planned <= lastDueBeforeRenewal) return toIso(planned);
		return toIso(lastDueBeforeRenewal < asOf ? dueAfterBusinessDays(asOf, 0, calendar) : lastDueBeforeRenewal);
	};

	const definitions = [...RENEWAL_TASKS[timeline][stage]];
	// The discount flag belongs to the first stage; when that stage was stepped over, it comes with the first entry.
	const flagStage = stages[0];
	const carriesDiscountFlag = stage === flagStage || (firstEntryOfRenewal && skippedStages.includes(flagStage));
	if (carriesDiscountFlag && stage !== flagStage) {
		for (const definition of RENEWAL_TASKS[timeline][flagStage]) {
			if (definition.when === 'discountExpiring' && !definitions.some((d) => d.key === definition.key)) definitions.push(definition);
		}
	}
	const tasks: RenewalTask[] = definitions
		.filter((definition) => applies(definition.when))
		.map((definition) => {
			const owner = resolveOwner(account, definition.ownerRole, options.fallbackOwner);
			return {
				taskId: stableId('rtask', accountId, renewalKey, stage, definition.key),
				key: definition.key,
				action: definition.action,
				ownerRole: definition.ownerRole,
				owner: owner.person,
				ownerSource: owner.source,
				supportingRoles: definition.supportingRoles ?? [],
				channel: definition.channel,
				approver: definition.approver ?? null,
				playbook: definition.playbook ?? null,
				dueAt: due(definition.dueInBusinessDays),
			};
		});

	const discountSunset =
		carriesDiscountFlag && discountExpiring && discountDay
			? {
					discountExpiryDate: discountDay.toISODate()!,
					renewalDate: renewalKey,
					sentence: `Discount sunset: the discount expires ${discountDay.toISODate()}, on or before the renewal on ${renewalKey}; prepare the value justification before the renewal conversation.`,
				}
			: null;

	let atRiskEscalation: RenewalStageEntry['atRiskEscalation'] = null;
	if (health && (stage === 'T-90' || stage === 'T-60')) {
		const score = health.score;
		const level =
			stage === 'T-60'
				? score < thresholds.redHealthBelow
					? 'critical'
					: null
				: score < thresholds.redHealthBelow
					? 'high'
					: score < thresholds.elevatedHealthBelow
						? 'elevated'
						: null;
		if (level) {
			const spec = {
				elevated: { ownerRole: 'csm' as const, action: 'CSM proactive intervention', range: `${thresholds.redHealthBelow}–${thresholds.elevatedHealthBelow - 1}` },
				high: { ownerRole: 'csManager' as const, action: 'Manager involvement', range: `below ${thresholds.redHealthBelow}` },
				critical: { ownerRole: 'execSponsor' as const, action: 'Executive engagement', range: `below ${thresholds.redHealthBelow}` },
			}[level];
			const owner = resolveOwner(account, spec.ownerRole, options.fallbackOwner);
			atRiskEscalation = {
				level,
				healthScore: score,
				ownerRole: spec.ownerRole,
				owner: owner.person,
				action: spec.action,
				playbook: 'renewal_risk',
				dueAt: due(0),
				sentence: `At-risk renewal (${level}): health ${score} is ${spec.range} at ${stage} → ${spec.action} (${roleLabel(spec.ownerRole)}${owner.person ? `: ${owner.person.name}` : ''}).`,
			};
		}
	}

	let redAccountMode: RenewalStageEntry['redAccountMode'] = null;
	if (health && isRed && daysToRenewal > 0) {
		const mode = daysToRenewal > thresholds.rescueWhenDaysToRenewalAbove ? 'rescue' : 'renewal_risk';
		const owner = resolveOwner(account, 'csLeader', options.fallbackOwner);
		redAccountMode = {
			mode,
			playbook: mode === 'rescue' ? 'rescue_mode' : 'renewal_risk',
			healthScore: health.score,
			daysToRenewal,
			ownerRole: 'csLeader',
			owner: owner.person,
			actions: MODE_ACTIONS[mode],
			sentence:
				mode === 'rescue'
					? `Red account (health ${health.score}) ${daysToRenewal} days before renewal → rescue mode.`
					: `Red account (health ${health.score}) ${daysToRenewal} days before renewal → renewal-risk mode.`,
		};
	}

	options.ledger.markStageEntered(accountId, renewalKey, stage, toIso(asOf));
	const entry: RenewalStageEntry = {
		entryId: stableId('renewal', accountId, renewalKey, stage),
		accountId,
		accountName: account.name,
		arr: account.arr,
		currency: account.currency,
		renewalDate: renewalKey,
		timeline,
		stage,
		stageDate: stageDay(stage).toISODate()!,
		enteredAt: toIso(asOf),
		daysToRenewal,
		skippedStages,
		health,
		tasks,
		discountSunset,
		atRiskEscalation,
		redAccountMode,
		sentence: `${account.name} entered ${stage} of the ${timeline}-day renewal ladder (renewal ${renewalKey}, ${
			daysToRenewal >= 0 ? `${daysToRenewal} days out` : `${-daysToRenewal} days ago`
		}${skippedStages.length ? `; stepped over ${skippedStages.join(', ')}` : ''}): ${plural(tasks.length, 'task')}.`,
	};
	return { accountId, entry, reason: `entered ${stage}` };
}

/** The ladder over a book: one result per account, entries only where a stage was newly entered. */
export function renewalLadder(
	inputs: ReadonlyArray<Account | AccountIntelligence | LadderInput>,
	options: RenewalLadderOptions,
): { entries: RenewalStageEntry[]; results: LadderResult[] } {
	const results = inputs.map((input) => {
		const ladderInput: LadderInput =
			'kind' in input && (input.kind === 'account' || input.kind === 'intelligence')
				? (input as LadderInput)
				: 'health' in input
					? { kind: 'intelligence', intelligence: input as AccountIntelligence }
					: { kind: 'account', account: input as Account };
		return enterRenewalStage(ladderInput, options);
	});
	return { entries: results.flatMap((result) => (result.entry ? [result.entry] : [])), results };
}
