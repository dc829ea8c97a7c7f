import { DateTime } from 'luxon';
import { civilDayNumber, formatNumber, groupThousands, signalId, toIso, type Signal } from '../../model';
import { getSignalType } from '../../taxonomy';
import type { AccountUsage, UsageAccumulator } from './accumulator';
import { normaliseEventName } from './accumulator';
import type { UsageAccount } from './accounts';
import type { UsageCalendar } from './calendar';
import { resolveUsageThresholds, usageStateLayout, usageWindowDays, type UsageThresholds } from './thresholds';

/**
 * The usage detectors: one pass over what the accumulator kept, per account, as of its window's end.
 *
 * Deliberate choices:
 *   - Windows are whole days ending with the last complete day (the day before as-of, see calendar.ts), so a
 *     sweep at 07:00 and one at 19:00 see the same numbers and give the same signals with the same ids.
 *   - "Active users" are people: distinct users over the span when rows name users; from pre-aggregated rows
 *     (which give a day's active users and cannot be added across days) the weekly figure is the average
 *     daily active users and a monthly one the peak day; with neither, weekly events stand in. The evidence
 *     names which one it measured.
 *   - A comparison needs history: an account whose usage starts inside the earlier window is not "down" or
 *     "up" against it. Too little to compare (fewer than the noise floors) gives no signal, never a guess.
 *   - Signal refs: `<account>@<last complete day>` for a state of the window (re-run the same day → same id);
 *     `<account>/<feature>@<first use>` for an adoption and `<account>/<event>@<last fired>` for a silence,
 *     which stay one signal while they last; `<account>@<check day>` for activation by day 60.
 */

export interface UsageDetectionOptions {
	/** Overrides of the detection thresholds (USAGE_THRESHOLD_TABLE keys). */
	thresholds?: Partial<Record<string, unknown>>;
	/** The source system named in each signal (default `input`; the Mixpanel and Pendo sweeps name themselves). */
	system?: string;
	/**
	 * Event names watched for "integration gone silent" (compared without case or punctuation). Empty (default):
	 * every event type is watched, and it counts as silent only while the account stays active otherwise —
	 * when the whole account goes quiet, the WAU and usage detectors speak instead.
	 */
	integrationEvents?: readonly string[];
	/** Modules watched for "module usage decline" (default: every module). */
	keyModules?: readonly string[];
}

export const DEFAULT_USAGE_SYSTEM = 'input';

/** How much stronger evidence raises severity (kept within 1–10; the reason goes into the evidence). */
export const USAGE_SEVERITY_RAISES = Object.freeze({
	/** wau_drop / usage_decline: +1 when usage at least halved. */
	halved: 1,
	/** integration_silent: +1 when silent for at least twice the threshold. */
	silentTwiceThreshold: 1,
});

const TYPES = {
	wauDrop: 'usage.wau_drop',
	usageDecline: 'usage.usage_decline',
	belowBaseline: 'usage.below_baseline',
	plateau: 'usage.adoption_plateau',
	seats: 'usage.seat_utilisation_high',
	featureAdoption: 'usage.feature_adoption',
	depth: 'usage.depth_increase',
	moduleDecline: 'usage.module_decline',
	integrationSilent: 'usage.integration_silent',
	loginDecline: 'usage.login_decline',
	lowActivation: 'usage.low_activation',
} as const;

/** Floating-point slack for threshold comparisons (3 of 10 is 30.000000000000004%). */
const EPSILON = 1e-9;

interface Context {
	calendar: UsageCalendar;
	thresholds: UsageThresholds;
	system: string;
	detectedAt: string;
	/** Window index of the last complete day. */
	last: number;
	integrationNames: ReadonlySet<string>;
	keyModules: ReadonlySet<string>;
}

/** What "active users" means for one account (see Deliberate choices). */
interface PeopleMeasure {
	kind: 'users' | 'dailyUsers' | 'events';
	/** "Weekly active users", "Average daily active users", "Weekly events" */
	weeklyLabel: string;
	/** The weekly value for the week ending each day. */
	weekly: Float64Array;
	/** Noise floor for this measure. */
	floor: number;
}

interface AccountView {
	usage: AccountUsage;
	account?: UsageAccount;
	/** First day of known history; -Infinity when the account has usage before the window. */
	historyStart: number;
	people: PeopleMeasure;
}

// ── formatting ────────────────────────────────────────────────────────────────────────────────────

/** 4730 → "4,730"; 41.26 → "41.3". */
export function formatCount(value: number): string {
	return groupThousands(formatNumber(value, 1));
}

/** 30.43 → "30.4"; 28.0 → "28". */
function formatPct(value: number): string {
	return formatCount(Math.abs(value));
}

function round1(value: number): number {
	return Math.round(value * 10) / 10;
}

function sum(values: ArrayLike<number>, from: number, to: number): number {
	let total = 0;
	for (let d = Math.max(0, from); d <= Math.min(values.length - 1, to); d += 1) total += values[d];
	return total;
}

function peak(values: ArrayLike<number>, from: number, to: number): number {
	let best = 0;
	for (let d = Math.max(0, from); d <= Math.min(values.length - 1, to); d += 1) if (values[d] > best) best = values[d];
	return best;
}

function hasAny(values: Float64Array | null): values is Float64Array {
	if (!values) return false;
	for (let d = 0; d < values.length; d += 1) if (values[d] !== 0) return true;
	return false;
}

// ── building blocks ───────────────────────────────────────────────────────────────────────────────

function peopleMeasure(usage: AccountUsage, t: UsageThresholds): PeopleMeasure {
	const span = t.wauWindowDays;
	if (usage.hasUsers()) {
		return { kind: 'users', weeklyLabel: span === 7 ? 'Weekly active users' : `${span}-day active users`, weekly: usage.distinctSeries(span), floor: t.minBaselineUsers };
	}
	if (hasAny(usage.dailyActive)) {
		const daily = usage.dailyActive;
		const weekly = new Float64Array(usage.days);
		for (let d = 0; d < usage.days; d += 1) weekly[d] = sum(daily, d - span + 1, d) / span;
		return { kind: 'dailyUsers', weeklyLabel: 'Average daily active users', weekly, floor: t.minBaselineUsers };
	}
	const weekly = new Float64Array(usage.days);
	for (let d = 0; d < usage.days; d += 1) weekly[d] = sum(usage.events, d - span + 1, d);
	return { kind: 'events', weeklyLabel: span === 7 ? 'Weekly events' : `Events per ${span} days`, weekly, floor: t.minBaselineEvents };
}

/** Distinct users in the `span` days ending `to`; from pre-aggregated rows the peak day; NaN when the rows name no users. */
function activeUsers(view: AccountView, span: number, to: number): number {
	if (view.people.kind === 'users') return view.usage.distinctEnding(span, to);
	if (view.people.kind === 'dailyUsers') return peak(view.usage.dailyActive!, to - span + 1, to);
	return Number.NaN;
}

/** The first day a weekly value covers a whole week of known history. */
function firstWholeWeek(view: AccountView, t: UsageThresholds): number {
	return (Number.isFinite(view.historyStart) ? view.historyStart : 0) + t.wauWindowDays - 1;
}

function buildSignal(
	type: string,
	parts: { accountId: string; ref: string; observedAt: DateTime; severityRaise?: number; value?: number; baseline?: number; evidence: string; attributes: Record<string, unknown> },
	context: Context,
): Signal {
	const definition = getSignalType(type);
	const signal: Signal = {
		id: signalId(context.system, parts.ref, type),
		accountId: parts.accountId,
		category: definition.category,
		type,
		polarity: definition.polarity,
		severity: Math.min(10, Math.max(1, definition.defaultSeverity + (parts.severityRaise ?? 0))),
		observedAt: toIso(parts.observedAt),
		detectedAt: context.detectedAt,
		evidence: parts.evidence,
		source: { system: context.system, ref: parts.ref },
		attributes: parts.attributes,
	};
	if (parts.value !== undefined) signal.value = parts.value;
	if (parts.baseline !== undefined) signal.baseline = parts.baseline;
	return signal;
}

function windowRef(view: AccountView, context: Context): string {
	return `${view.usage.accountId}@${context.calendar.date(context.last)}`;
}

/** The end of the last complete day: when a window-state signal is observed. */
function windowEnd(context: Context): DateTime {
	return context.calendar.startOf(context.last + 1);
}

function lastDate(context: Context): string {
	return context.calendar.date(context.last);
}

function capped(view: AccountView): Record<string, unknown> {
	return view.usage.untrackedUserEvents > 0 ? { usersCapped: true } : {};
}

// ── detectors ─────────────────────────────────────────────────────────────────────────────────────

/** usage.wau_drop — this week's active users vs last week's, down by more than wauDropPct. */
function detectWauDrop(view: AccountView, context: Context): Signal[] {
	const t = context.thresholds;
	const span = t.wauWindowDays;
	const previousEnd = context.last - span;
	if (previousEnd < firstWholeWeek(view, t)) return [];
	const current = view.people.weekly[context.last];
	const previous = view.people.weekly[previousEnd];
	if (previous < view.people.floor) return [];
	const dropPct = ((previous - current) / previous) * 100;
	if (!(dropPct > t.wauDropPct + EPSILON)) return [];
	const halved = dropPct + EPSILON >= 50;
	const evidence =
		`${view.people.weeklyLabel} down ${formatPct(dropPct)}% week over week (${formatCount(current)} vs ${formatCount(previous)}, ${span} days to ${lastDate(context)})` +
		(halved ? ' — at least halved' : '');
	return [
		buildSignal(
			TYPES.wauDrop,
			{
				accountId: view.usage.accountId,
				ref: windowRef(view, context),
				observedAt: windowEnd(context),
				severityRaise: halved ? USAGE_SEVERITY_RAISES.halved : 0,
				value: round1(current),
				baseline: round1(previous),
				evidence,
				attributes: { changePct: round1(-dropPct), windowDays: span, measure: view.people.kind, ...capped(view) },
			},
			context,
		),
	];
}

/** The activity an account's usage is measured in for event comparisons. */
function activity(view: AccountView, t: UsageThresholds): { values: Float64Array; unit: string; floor: number } | undefined {
	if (hasAny(view.usage.events)) return { values: view.usage.events, unit: 'events', floor: t.minBaselineEvents };
	if (hasAny(view.usage.dailyActive)) return { values: view.usage.dailyActive!, unit: 'active user-days', floor: t.minBaselineUsers };
	return undefined;
}

/** usage.usage_decline — the last month's usage vs the month two months earlier (seeds: "drops 30% over two months"). */
function detectUsageDecline(view: AccountView, context: Context): Signal[] {
	const t = context.thresholds;
	const w = t.usageDeclineWindowDays;
	const span = t.usageDeclineSpanDays;
	const earlierEnd = context.last - span;
	const earlierStart = earlierEnd - w + 1;
	if (earlierStart < 0 || view.historyStart > earlierStart) return [];
	const measure = activity(view, t);
	if (!measure) return [];
	const current = sum(measure.values, context.last - w + 1, context.last);
	const earlier = sum(measure.values, earlierStart, earlierEnd);
	if (earlier < measure.floor) return [];
	const dropPct = ((earlier - current) / earlier) * 100;
	if (dropPct + EPSILON < t.usageDeclinePct) return [];
	const halved = dropPct + EPSILON >= 50;
	const evidence =
		`Usage down ${formatPct(dropPct)}% over ${span} days: ${formatCount(current)} ${measure.unit} in the ${w} days to ${lastDate(context)} ` +
		`vs ${formatCount(earlier)} in the ${w} days to ${context.calendar.date(earlierEnd)}` +
		(halved ? ' — at least halved' : '');
	return [
		buildSignal(
			TYPES.usageDecline,
			{
				accountId: view.usage.accountId,
				ref: windowRef(view, context),
				observedAt: windowEnd(context),
				severityRaise: halved ? USAGE_SEVERITY_RAISES.halved : 0,
				value: round1(current),
				baseline: round1(earlier),
				evidence,
				attributes: { changePct: round1(-dropPct), windowDays: w, spanDays: span, unit: measure.unit },
			},
			context,
		),
	];
}

/**
 * usage.below_baseline — the weekly value (trailing week, so weekends are not dips) at least belowBaselinePct
 * under the account's own baseline on every one of the last belowBaselineMinDays days. The baseline is the
 * average weekly value over the belowBaselineDays days before those; the run is counted back as far as it goes.
 */
function detectBelowBaseline(view: AccountView, context: Context): Signal[] {
	const t = context.thresholds;
	const firstValid = firstWholeWeek(view, t);
	const baselineEnd = context.last - t.belowBaselineMinDays;
	const baselineStart = Math.max(baselineEnd - t.belowBaselineDays + 1, firstValid);
	const baselineDays = baselineEnd - baselineStart + 1;
	if (baselineDays < t.belowBaselineMinHistoryDays) return [];
	const baseline = sum(view.people.weekly, baselineStart, baselineEnd) / baselineDays;
	if (baseline < view.people.floor) return [];
	const runBelow = (level: number): number => {
		const limit = level * (1 - t.belowBaselinePct / 100);
		let days = 0;
		for (let d = context.last; d >= firstValid && view.people.weekly[d] <= limit + EPSILON; d -= 1) days += 1;
		return days;
	};
	const firstRun = runBelow(baseline);
	if (firstRun < t.belowBaselineMinDays) return [];
	// The dip may be longer than belowBaselineMinDays, and then the days just before them are part of it: the
	// baseline a CSM means is the one before the dip began, so it is taken again before the run found.
	let reported = { baseline, daysBelow: firstRun, baselineDays };
	const beforeEnd = context.last - firstRun;
	const beforeStart = Math.max(beforeEnd - t.belowBaselineDays + 1, firstValid);
	if (firstRun > t.belowBaselineMinDays && beforeEnd - beforeStart + 1 >= t.belowBaselineMinHistoryDays) {
		const before = sum(view.people.weekly, beforeStart, beforeEnd) / (beforeEnd - beforeStart + 1);
		const rerun = runBelow(before);
		if (rerun >= firstRun) reported = { baseline: before, daysBelow: rerun, baselineDays: beforeEnd - beforeStart + 1 };
	}
	const daysBelow = reported.daysBelow;
	const current = view.people.weekly[context.last];
	const underPct = ((reported.baseline - current) / reported.baseline) * 100;
	const weeks = Math.floor(daysBelow / 7);
	const duration = weeks >= 2 ? `${weeks} weeks (${daysBelow} days)` : `${daysBelow} days`;
	const evidence = `${view.people.weeklyLabel} ${formatCount(current)} vs ${formatCount(reported.baseline)} baseline (${formatPct(underPct)}% below), under it for ${duration} to ${lastDate(context)}`;
	return [
		buildSignal(
			TYPES.belowBaseline,
			{
				accountId: view.usage.accountId,
				ref: windowRef(view, context),
				observedAt: windowEnd(context),
				value: round1(current),
				baseline: round1(reported.baseline),
				evidence,
				attributes: { changePct: round1(-underPct), daysBelow, baselineDays: reported.baselineDays, belowPct: t.belowBaselinePct, measure: view.people.kind, ...capped(view) },
			},
			context,
		),
	];
}

/** Window index of a date-time's calendar day in the workflow zone (may fall outside the window). */
function dayIndexOf(iso: string | undefined, context: Context): number | undefined {
	if (!iso) return undefined;
	const parsed = DateTime.fromISO(iso, { zone: context.calendar.zone, setZone: true });
	if (!parsed.isValid) return undefined;
	const local = parsed.setZone(context.calendar.zone);
	return civilDayNumber(local.year, local.month, local.day) - context.calendar.firstDayNumber;
}

/** Contract start (or the kickoff when the CRM has no contract start). */
function startIndex(account: UsageAccount | undefined, context: Context): number | undefined {
	return dayIndexOf(account?.contractStart ?? account?.onboarding?.kickoffAt, context);
}

/**
 * usage.adoption_plateau — after onboarding, the weekly value flat (the later half of the span within
 * ±plateauFlatBandPct of the earlier half) for at least plateauMinFlatDays days. Reports the longest flat span.
 */
function detectAdoptionPlateau(view: AccountView, context: Context): Signal[] {
	const t = context.thresholds;
	const start = startIndex(view.account, context);
	if (start === undefined) return [];
	const firstAfterOnboarding = start + t.plateauOnboardingDays;
	const daysAfter = context.last - firstAfterOnboarding + 1;
	const maxSpan = Math.min(daysAfter, context.last - firstWholeWeek(view, t) + 1);
	if (maxSpan < t.plateauMinFlatDays) return [];
	const weekly = view.people.weekly;
	for (let span = maxSpan; span >= t.plateauMinFlatDays; span -= 1) {
		const half = Math.floor(span / 2);
		const earlier = sum(weekly, context.last - span + 1, context.last - span + half) / half;
		const later = sum(weekly, context.last - half + 1, context.last) / half;
		if (earlier < view.people.floor) continue;
		const changePct = ((later - earlier) / earlier) * 100;
		if (Math.abs(changePct) > t.plateauFlatBandPct + EPSILON) continue;
		const seats = view.account?.licensedSeats;
		const seatPart =
			seats && seats > 0 && view.people.kind !== 'events' ? `, ${formatCount((later / seats) * 100)}% of ${formatCount(seats)} licensed seats` : '';
		const evidence =
			`${view.people.weeklyLabel} flat for ${span} days after onboarding (${formatCount(earlier)} → ${formatCount(later)}, within ±${formatCount(t.plateauFlatBandPct)}%)` +
			`${seatPart}, to ${lastDate(context)}`;
		return [
			buildSignal(
				TYPES.plateau,
				{
					accountId: view.usage.accountId,
					ref: windowRef(view, context),
					observedAt: windowEnd(context),
					value: round1(later),
					baseline: round1(earlier),
					evidence,
					attributes: { flatDays: span, changePct: round1(changePct), flatBandPct: t.plateauFlatBandPct, onboardingEndedOn: context.calendar.date(firstAfterOnboarding), measure: view.people.kind },
				},
				context,
			),
		];
	}
	return [];
}

/** usage.seat_utilisation_high — users active in the last seatWindowDays days as a share of licensed seats. */
function detectSeatUtilisation(view: AccountView, context: Context): Signal[] {
	const t = context.thresholds;
	const seats = view.account?.licensedSeats;
	if (!seats || seats <= 0) return [];
	const active = activeUsers(view, t.seatWindowDays, context.last);
	if (!Number.isFinite(active)) return [];
	const pct = (active / seats) * 100;
	if (pct + EPSILON < t.seatUtilisationPct) return [];
	const who =
		view.people.kind === 'users'
			? `${formatCount(active)} of ${formatCount(seats)} licensed seats active in the ${t.seatWindowDays} days to ${lastDate(context)}`
			: `peak of ${formatCount(active)} daily active users on ${formatCount(seats)} licensed seats in the ${t.seatWindowDays} days to ${lastDate(context)}`;
	return [
		buildSignal(
			TYPES.seats,
			{
				accountId: view.usage.accountId,
				ref: windowRef(view, context),
				observedAt: windowEnd(context),
				value: round1(pct),
				baseline: t.seatUtilisationPct,
				evidence: `Seat utilisation ${formatPct(pct)}% (${who})`,
				attributes: { activeUsers: active, licensedSeats: seats, windowDays: t.seatWindowDays, measure: view.people.kind, ...capped(view) },
			},
			context,
		),
	];
}

/** usage.low_activation — by day `activationCheckDay` of the contract, fewer than activationMaxPct of seats active. */
function detectLowActivation(view: AccountView | undefined, account: UsageAccount, context: Context): Signal[] {
	const t = context.thresholds;
	const seats = account.licensedSeats;
	const start = startIndex(account, context);
	if (!seats || seats <= 0 || start === undefined) return [];
	// day 60 is the 60th day after the start; its window ends with that day
	const check = start + t.activationCheckDay;
	const onboardingEnd = start + t.plateauOnboardingDays;
	if (check > context.last || check < t.seatWindowDays - 1 || context.last >= onboardingEnd) return [];
	const active = view ? activeUsers(view, t.seatWindowDays, check) : 0;
	if (!Number.isFinite(active)) return [];
	const pct = (active / seats) * 100;
	if (pct + EPSILON >= t.activationMaxPct) return [];
	const checkDate = context.calendar.date(check);
	const evidence = view
		? `${formatPct(pct)}% of licensed seats active by day ${t.activationCheckDay} (${formatCount(active)} of ${formatCount(seats)} in the ${t.seatWindowDays} days to ${checkDate})`
		: `No usage recorded by day ${t.activationCheckDay} (${checkDate}) for ${formatCount(seats)} licensed seats`;
	return [
		buildSignal(
			TYPES.lowActivation,
			{
				accountId: account.accountId,
				ref: `${account.accountId}@${checkDate}`,
				observedAt: context.calendar.startOf(check + 1),
				value: round1(pct),
				baseline: t.activationMaxPct,
				evidence,
				attributes: { activeUsers: active, licensedSeats: seats, checkDay: t.activationCheckDay, ...(view ? {} : { noUsageRecorded: true }) },
			},
			context,
		),
	];
}

/** usage.feature_adoption — a feature first used in the last window, by at least featureAdoptionMinUsers people. */
function detectFeatureAdoption(view: AccountView, context: Context): Signal[] {
	const t = context.thresholds;
	const from = context.last - t.featureAdoptionWindowDays + 1;
	if (view.historyStart > from - t.featureAdoptionPriorDays) return [];
	const signals: Signal[] = [];
	for (const [name, feature] of view.usage.features) {
		if (feature.firstDay < from) continue;
		let users: number;
		// first used inside the window: everyone who used it did so inside the window
		if (view.people.kind === 'users') users = feature.userCount();
		else users = feature.dailyActive ? peak(feature.dailyActive, from, context.last) : 0;
		if (users < t.featureAdoptionMinUsers) continue;
		const firstDate = context.calendar.date(feature.firstDay);
		const who = view.people.kind === 'users' ? `${formatCount(users)} users` : `up to ${formatCount(users)} users a day`;
		signals.push(
			buildSignal(
				TYPES.featureAdoption,
				{
					accountId: view.usage.accountId,
					ref: `${view.usage.accountId}/${name}@${firstDate}`,
					observedAt: context.calendar.startOf(feature.firstDay),
					value: users,
					evidence: `Feature ${JSON.stringify(name)} adopted: first used ${firstDate}, ${who} in the ${t.featureAdoptionWindowDays} days to ${lastDate(context)}`,
					attributes: { feature: name, firstUsedOn: firstDate, activeUsers: users, windowDays: t.featureAdoptionWindowDays },
				},
				context,
			),
		);
	}
	return signals;
}

/** usage.depth_increase — events per active user, this window vs the one before, up by depthIncreasePct or more. */
function detectDepthIncrease(view: AccountView, context: Context): Signal[] {
	const t = context.thresholds;
	const w = t.depthWindowDays;
	const previousStart = context.last - 2 * w + 1;
	if (previousStart < 0 || view.historyStart > previousStart || view.people.kind === 'events') return [];
	const events = view.usage.events;
	const usersIn = (to: number) => (view.people.kind === 'users' ? view.usage.distinctEnding(w, to) : sum(view.usage.dailyActive!, to - w + 1, to));
	const currentUsers = usersIn(context.last);
	const previousUsers = usersIn(context.last - w);
	const currentEvents = sum(events, context.last - w + 1, context.last);
	const previousEvents = sum(events, previousStart, context.last - w);
	if (previousUsers < t.minBaselineUsers || previousEvents < t.minBaselineEvents || currentUsers === 0) return [];
	const current = currentEvents / currentUsers;
	const previous = previousEvents / previousUsers;
	const increasePct = ((current - previous) / previous) * 100;
	if (increasePct + EPSILON < t.depthIncreasePct) return [];
	const per = view.people.kind === 'users' ? 'events per active user' : 'events per daily active user';
	const evidence =
		`Usage depth up ${formatPct(increasePct)}%: ${formatCount(current)} ${per} in the ${w} days to ${lastDate(context)} ` +
		`vs ${formatCount(previous)} in the ${w} days before (${formatCount(currentEvents)} vs ${formatCount(previousEvents)} events)`;
	return [
		buildSignal(
			TYPES.depth,
			{
				accountId: view.usage.accountId,
				ref: windowRef(view, context),
				observedAt: windowEnd(context),
				value: round1(current),
				baseline: round1(previous),
				evidence,
				attributes: { changePct: round1(increasePct), windowDays: w, activeUsers: currentUsers, previousActiveUsers: previousUsers, ...capped(view) },
			},
			context,
		),
	];
}

/** usage.module_decline — one module's events, this window vs the one before, down moduleDeclinePct or more. */
function detectModuleDecline(view: AccountView, context: Context): Signal[] {
	const t = context.thresholds;
	const w = t.moduleDeclineWindowDays;
	const previousStart = context.last - 2 * w + 1;
	if (previousStart < 0 || view.historyStart > previousStart) return [];
	const signals: Signal[] = [];
	for (const [name, feature] of view.usage.features) {
		if (!feature.events || feature.firstDay > previousStart) continue;
		if (context.keyModules.size > 0 && !context.keyModules.has(normaliseEventName(name))) continue;
		const current = sum(feature.events, context.last - w + 1, context.last);
		const previous = sum(feature.events, previousStart, context.last - w);
		if (previous < t.minModuleEvents) continue;
		const dropPct = ((previous - current) / previous) * 100;
		if (dropPct + EPSILON < t.moduleDeclinePct) continue;
		signals.push(
			buildSignal(
				TYPES.moduleDecline,
				{
					accountId: view.usage.accountId,
					ref: `${view.usage.accountId}/${name}@${lastDate(context)}`,
					observedAt: windowEnd(context),
					value: current,
					baseline: previous,
					evidence: `Module ${JSON.stringify(name)} usage down ${formatPct(dropPct)}% in ${w} days: ${formatCount(current)} events in the ${w} days to ${lastDate(context)} vs ${formatCount(previous)} in the ${w} days before`,
					attributes: { module: name, changePct: round1(-dropPct), windowDays: w },
				},
				context,
			),
		);
	}
	return signals;
}

/** usage.integration_silent — an event that fired (nearly) daily has not fired for integrationSilentDays days. */
function detectIntegrationSilent(view: AccountView, context: Context): Signal[] {
	const t = context.thresholds;
	const signals: Signal[] = [];
	for (const [name, type] of view.usage.eventTypes) {
		if (context.integrationNames.size > 0 && !context.integrationNames.has(normaliseEventName(name))) continue;
		const lastFired = type.lastDay();
		if (lastFired < 0) continue;
		const silentDays = context.last - lastFired;
		if (silentDays < t.integrationSilentDays) continue;
		const runStart = lastFired - t.integrationBaselineDays + 1;
		if (runStart < 0) continue;
		let firedDays = 0;
		for (let d = runStart; d <= lastFired; d += 1) if (type.firedOn(d)) firedDays += 1;
		if (firedDays < t.integrationMinFiredDays) continue;
		// without a list of integrations, a silence counts only while the account is otherwise active
		if (context.integrationNames.size === 0 && sum(view.usage.events, lastFired + 1, context.last) === 0) continue;
		const lastDateFired = context.calendar.date(lastFired);
		const twice = silentDays >= 2 * t.integrationSilentDays;
		signals.push(
			buildSignal(
				TYPES.integrationSilent,
				{
					accountId: view.usage.accountId,
					ref: `${view.usage.accountId}/${name}@${lastDateFired}`,
					observedAt: context.calendar.startOf(lastFired + 1 + t.integrationSilentDays),
					severityRaise: twice ? USAGE_SEVERITY_RAISES.silentTwiceThreshold : 0,
					value: silentDays,
					evidence:
						`${JSON.stringify(name)} has not fired for ${silentDays} days (last ${lastDateFired}) after firing on ${firedDays} of the ${t.integrationBaselineDays} days up to then` +
						(twice ? ` — silent for at least twice the ${t.integrationSilentDays}-day threshold` : ''),
					attributes: { event: name, lastFiredOn: lastDateFired, silentDays, firedDays, baselineDays: t.integrationBaselineDays },
				},
				context,
			),
		);
	}
	return signals;
}

/** usage.login_decline — logins per active user, this window vs the one before, down loginDeclinePct or more. */
function detectLoginDecline(view: AccountView, context: Context): Signal[] {
	const t = context.thresholds;
	const logins = view.usage.logins;
	const w = t.loginDeclineWindowDays;
	const previousStart = context.last - 2 * w + 1;
	if (!logins || view.people.kind !== 'users' || previousStart < 0 || view.historyStart > previousStart) return [];
	const currentLogins = sum(logins, context.last - w + 1, context.last);
	const previousLogins = sum(logins, previousStart, context.last - w);
	if (previousLogins < t.minBaselineLogins) return [];
	const currentUsers = view.usage.distinctEnding(w, context.last);
	const previousUsers = view.usage.distinctEnding(w, context.last - w);
	if (previousUsers === 0) return [];
	const current = currentUsers === 0 ? 0 : currentLogins / currentUsers;
	const previous = previousLogins / previousUsers;
	const dropPct = ((previous - current) / previous) * 100;
	if (dropPct + EPSILON < t.loginDeclinePct) return [];
	const evidence =
		`Logins per active user down ${formatPct(dropPct)}%: ${formatCount(current)} in the ${w} days to ${lastDate(context)} vs ${formatCount(previous)} in the ${w} days before ` +
		`(${formatCount(currentLogins)} vs ${formatCount(previousLogins)} logins)`;
	return [
		buildSignal(
			TYPES.loginDecline,
			{
				accountId: view.usage.accountId,
				ref: windowRef(view, context),
				observedAt: windowEnd(context),
				value: round1(current),
				baseline: round1(previous),
				evidence,
				attributes: { changePct: round1(-dropPct), windowDays: w, logins: currentLogins, previousLogins, activeUsers: currentUsers, previousActiveUsers: previousUsers },
			},
			context,
		),
	];
}

const ACCOUNT_DETECTORS = [
	detectWauDrop,
	detectUsageDecline,
	detectBelowBaseline,
	detectAdoptionPlateau,
	detectSeatUtilisation,
	detectFeatureAdoption,
	detectDepthIncrease,
	detectModuleDecline,
	detectIntegrationSilent,
	detectLoginDecline,
];

function compareSignals(a: Signal, b: Signal): number {
	if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
	if (a.type !== b.type) return a.type < b.type ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Every usage signal the accumulator's window supports, as of its as-of. A pure function of (what was
 * counted, accounts, options): ordered by account, type, id. `accounts` adds licensed seats and contract dates;
 * usage of accounts not in it still yields the signals that need neither.
 */
export function detectUsageSignals(accumulator: UsageAccumulator, accounts: readonly UsageAccount[] = [], options: UsageDetectionOptions = {}): Signal[] {
	const thresholds = options.thresholds === undefined ? accumulator.thresholds : resolveUsageThresholds(options.thresholds);
	const needed = usageWindowDays(thresholds);
	if (accumulator.days < needed) {
		throw new Error(`The usage counted covers ${accumulator.days} days but these thresholds look back ${needed} days: count usage with the same thresholds (or windowDays ${needed})`);
	}
	if (accumulator.finalThrough >= 0 && usageStateLayout(thresholds).key !== accumulator.layout.key) {
		throw new Error('The carried usage state was counted for other detection thresholds: detect with the thresholds it was counted with, or recount');
	}
	const calendar = accumulator.calendar;
	const context: Context = {
		calendar,
		thresholds,
		system: options.system?.trim() || DEFAULT_USAGE_SYSTEM,
		detectedAt: toIso(calendar.asOf),
		last: calendar.days - 1,
		integrationNames: new Set((options.integrationEvents ?? []).map(normaliseEventName).filter((n) => n !== '')),
		keyModules: new Set((options.keyModules ?? []).map(normaliseEventName).filter((n) => n !== '')),
	};
	const byId = new Map(accounts.map((account) => [account.accountId, account]));
	const signals: Signal[] = [];
	const seen = new Set<string>();
	for (const usage of accumulator.accounts()) {
		if (!Number.isFinite(usage.earliest)) continue;
		seen.add(usage.accountId);
		const view: AccountView = {
			usage,
			account: byId.get(usage.accountId),
			historyStart: usage.earliest === -1 ? -Infinity : usage.earliest,
			people: peopleMeasure(usage, thresholds),
		};
		for (const detector of ACCOUNT_DETECTORS) signals.push(...detector(view, context));
		if (view.account) signals.push(...detectLowActivation(view, view.account, context));
	}
	for (const account of accounts) if (!seen.has(account.accountId)) signals.push(...detectLowActivation(undefined, account, context));
	return signals.sort(compareSignals);
}
