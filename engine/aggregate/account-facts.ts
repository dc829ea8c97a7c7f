import { factSignalTypes, SENIORITY_LEVELS, type Account, type RenewalStage, type Segment } from '../model';
import { findSignalType } from '../taxonomy';
import type { IntelligenceConfig } from './config';
import { round } from './health';
import { DAY_MS, isoToMillis, laterFirst, type ProfiledSignal } from './signals';

/** The signal types these facts read, from the fact catalogue (the same a decision on them cites). */
const CHAMPION_DEPARTED = factSignalTypes('championDeparted');
const CHAMPION_PROMOTED = factSignalTypes('championPromoted');
const ADOPTION_PLATEAU = factSignalTypes('adoptionPlateauWeeks');
const SEAT_UTILISATION = factSignalTypes('seatUtilisation');

const msOrNull = (iso: string | undefined): number | null => {
	if (!iso) return null;
	const ms = isoToMillis(iso);
	return Number.isNaN(ms) ? null : ms;
};

export interface Stakeholders {
	levelsEngaged: string[];
	engagedContacts: number;
	singleThreaded: boolean;
	championEngaged: boolean;
	execSponsorEngaged: boolean;
	unmappedExecutives: string[];
	departed: string[];
	championDeparted: boolean;
	championPromoted: boolean;
	/** Latest engagement of any contact on or before as-of (ms), for staleness of the relationship input. */
	latestEngagementMs: number | null;
	hasContacts: boolean;
}

function label(name: string, title: unknown): string {
	return typeof title === 'string' && title.trim() !== '' ? `${name} (${title.trim()})` : name;
}

/** Stakeholder depth from contacts (seniority + lastEngagedAt) and the exec.* signals. */
export function stakeholderDepth(
	account: Account,
	active: readonly ProfiledSignal[],
	asOfMs: number,
	config: IntelligenceConfig,
	executiveLevels: ReadonlySet<string> = new Set(config.stakeholders.executiveLevels),
): Stakeholders {
	const w = config.windows;
	const levels = new Set<string>();
	let engaged = 0;
	let championEngaged = false;
	let execSponsorEngaged = false;
	let championDeparted = false;
	let latestEngagementMs: number | null = null;
	const unmapped = new Set<string>();
	const departed = new Set<string>();
	const newExecutives = active.filter((p) => p.signal.type === config.stakeholders.newExecutiveType);
	const namedByNewExecSignal = (contactId: string | undefined, name: string) =>
		newExecutives.some((p) => {
			const a = p.signal.attributes;
			return (contactId !== undefined && a.contactId === contactId) || (typeof a.contactName === 'string' && a.contactName.trim().toLowerCase() === name.trim().toLowerCase());
		});
	const knownNames = new Set<string>();
	for (const contact of account.contacts) {
		knownNames.add(contact.name.trim().toLowerCase());
		if (contact.status === 'departed') {
			departed.add(label(contact.name, contact.title));
			if (contact.isChampion) championDeparted = true;
			continue;
		}
		const engagedMs = msOrNull(contact.lastEngagedAt);
		const ageDays = engagedMs === null || engagedMs > asOfMs ? null : (asOfMs - engagedMs) / DAY_MS;
		if (ageDays !== null && (latestEngagementMs === null || engagedMs! > latestEngagementMs)) latestEngagementMs = engagedMs;
		if (ageDays !== null && ageDays <= w.stakeholderDays) {
			engaged++;
			if (contact.seniority) levels.add(contact.seniority);
			if (contact.isExecSponsor) execSponsorEngaged = true;
		}
		if (contact.isChampion && ageDays !== null && ageDays <= w.championDays) championEngaged = true;
		const isExecutive = (contact.seniority !== undefined && executiveLevels.has(contact.seniority)) || namedByNewExecSignal(contact.contactId, contact.name);
		if (isExecutive && contact.lastEngagedAt === undefined) unmapped.add(label(contact.name, contact.title));
	}
	// A new executive named by a signal but not (yet) among the contacts is unmapped too.
	for (const p of newExecutives) {
		const name = p.signal.attributes.contactName;
		if (typeof name === 'string' && name.trim() !== '' && !knownNames.has(name.trim().toLowerCase())) {
			unmapped.add(label(name.trim(), p.signal.attributes.title));
		}
	}
	if (active.some((p) => CHAMPION_DEPARTED.has(p.signal.type))) championDeparted = true;
	return {
		levelsEngaged: SENIORITY_LEVELS.filter((level) => levels.has(level)),
		engagedContacts: engaged,
		singleThreaded: engaged <= 1,
		championEngaged,
		execSponsorEngaged,
		unmappedExecutives: [...unmapped].sort(),
		departed: [...departed].sort(),
		championDeparted,
		championPromoted: active.some((p) => CHAMPION_PROMOTED.has(p.signal.type)),
		latestEngagementMs,
		hasContacts: account.contacts.length > 0,
	};
}

export interface Adoption {
	seatUtilisation: number | null;
	plateauWeeks: number;
	ceilingReached: boolean;
}

function plateauWeeksOf(p: ProfiledSignal): number {
	const a = p.signal.attributes;
	if (typeof a.plateauWeeks === 'number') return a.plateauWeeks;
	if (typeof a.flatWeeks === 'number') return a.flatWeeks;
	if (typeof a.flatDays === 'number') return a.flatDays / 7;
	// The detector fires only after minFlatDays of flat usage: that is the least the plateau has lasted.
	const minFlatDays = findSignalType(p.signal.type)?.detection.minFlatDays;
	return typeof minFlatDays === 'number' ? minFlatDays / 7 : 0;
}

/** A measured seat utilisation (percent of licensed seats): the signal's value, when it is a percentage. */
function seatPctOf(p: ProfiledSignal): number | null {
	const { value } = p.signal;
	return typeof value === 'number' && value >= 0 ? value : null;
}

/**
 * Seat utilisation and the adoption ceiling (usage flat for N weeks while below licensed potential). Utilisation
 * measured from usage (the latest seat-utilisation or activation signal) wins over the CRM's activeSeats, which is
 * typed in by hand and often months old.
 */
export function adoption(account: Account, active: readonly ProfiledSignal[], config: IntelligenceConfig): Adoption {
	const measured = latestNumber(active, SEAT_UTILISATION, seatPctOf);
	const seatUtilisation =
		measured !== null
			? round(measured, 1)
			: account.licensedSeats !== undefined && account.licensedSeats > 0 && account.activeSeats !== undefined
				? round((account.activeSeats / account.licensedSeats) * 100, 1)
				: null;
	let weeks = 0;
	for (const p of active) if (ADOPTION_PLATEAU.has(p.signal.type)) weeks = Math.max(weeks, plateauWeeksOf(p));
	const plateauWeeks = Math.floor(weeks);
	return {
		seatUtilisation,
		plateauWeeks,
		ceilingReached: plateauWeeks >= config.windows.plateauWeeks && seatUtilisation !== null && seatUtilisation < config.windows.licensedPotentialPct,
	};
}

export interface Velocity {
	last30d: number;
	previous30d: number;
	change: number;
}

/** New value-decision signals (taxonomy valueDecision) in the last window and the window before. */
export function velocity(all: readonly ProfiledSignal[], config: IntelligenceConfig): Velocity {
	const days = config.windows.velocityDays;
	let last = 0;
	let previous = 0;
	for (const p of all) {
		if (!p.valueDecision || p.ageDays < 0) continue;
		if (p.ageDays < days) last++;
		else if (p.ageDays < 2 * days) previous++;
	}
	return { last30d: last, previous30d: previous, change: last - previous };
}

export interface Renewal {
	renewalDate: string | null;
	daysToRenewal: number | null;
	stage: RenewalStage;
	forecastProbability: number;
	expectedArr: number;
}

/** Days to renewal (a part day counts as a day) and the ladder stage: the latest threshold crossed. */
export function renewalStage(daysToRenewal: number | null, config: IntelligenceConfig): RenewalStage {
	if (daysToRenewal === null) return 'none';
	const stages = config.renewal.stages;
	let stage: RenewalStage = 'none';
	for (const s of stages) if (daysToRenewal <= s.daysBefore) stage = s.stage;
	const last = stages[stages.length - 1];
	if (stage === last.stage && daysToRenewal <= last.daysBefore - config.renewal.postRenewalDays) return 'none';
	return stage;
}

export function forecastProbability(healthScore: number, config: IntelligenceConfig): number {
	return forecastFromRows(healthScore, [...config.renewal.forecast].sort((a, b) => b.minHealth - a.minHealth));
}

/** forecastProbability over rows already sorted highest minHealth first (PreparedConfig.forecast). */
function forecastFromRows(healthScore: number, rows: ReadonlyArray<{ minHealth: number; probability: number }>): number {
	for (const row of rows) if (healthScore >= row.minHealth) return row.probability;
	return rows[rows.length - 1].probability;
}

export function renewal(
	account: Account,
	healthScore: number,
	asOfMs: number,
	config: IntelligenceConfig,
	forecastRows?: ReadonlyArray<{ minHealth: number; probability: number }>,
): Renewal {
	const renewalMs = msOrNull(account.renewalDate);
	const daysToRenewal = renewalMs === null ? null : round(Math.ceil((renewalMs - asOfMs) / DAY_MS - 1e-9));
	const probability = forecastRows ? forecastFromRows(healthScore, forecastRows) : forecastProbability(healthScore, config);
	return {
		renewalDate: account.renewalDate ?? null,
		daysToRenewal,
		stage: renewalStage(daysToRenewal, config),
		forecastProbability: probability,
		expectedArr: round(account.arr * probability, 2),
	};
}

/** Segment from ARR with the cut-offs of the account's own currency (no FX conversion), unless the account names one. */
export function segmentOf(account: Account, config: IntelligenceConfig): Segment {
	if (account.segment) return account.segment;
	const cut = config.segments.byCurrency[account.currency] ?? config.segments.default;
	if (account.arr > cut.highAbove) return 'high';
	if (account.arr >= cut.midFrom) return 'mid';
	return 'low';
}

export interface Onboarding {
	daysSinceContractStart: number | null;
	kickoffDone: boolean;
	goLiveDone: boolean;
	firstValueAchieved: boolean;
	onboardingTimelinePct: number | null;
	firstValueMs: number | null;
}

const reached = (iso: string | undefined, asOfMs: number) => {
	const ms = msOrNull(iso);
	return ms !== null && ms <= asOfMs;
};

export function onboarding(account: Account, asOfMs: number): Onboarding {
	const startMs = msOrNull(account.contractStart);
	const daysSinceContractStart = startMs === null ? null : Math.floor((asOfMs - startMs) / DAY_MS);
	const firstValueAchieved = reached(account.onboarding.firstValueAt, asOfMs);
	const agreed = account.onboarding.agreedTimelineDays;
	return {
		daysSinceContractStart,
		kickoffDone: reached(account.onboarding.kickoffAt, asOfMs),
		goLiveDone: reached(account.onboarding.goLiveAt, asOfMs),
		firstValueAchieved,
		onboardingTimelinePct:
			!firstValueAchieved && daysSinceContractStart !== null && daysSinceContractStart >= 0 && agreed ? round((daysSinceContractStart / agreed) * 100, 1) : null,
		firstValueMs: firstValueAchieved ? msOrNull(account.onboarding.firstValueAt) : null,
	};
}

/** Days since the last two-way contact: the account's lastContactAt or any contact's lastEngagedAt, whichever is later. */
export function lastContactMs(account: Account, stakeholders: Stakeholders, asOfMs: number): number | null {
	let latest = msOrNull(account.lastContactAt);
	if (latest !== null && latest > asOfMs) latest = null;
	if (stakeholders.latestEngagementMs !== null && (latest === null || stakeholders.latestEngagementMs > latest)) latest = stakeholders.latestEngagementMs;
	return latest;
}

/** The latest active signal among `types` that yields a number (later observation first, then id). */
export function latestNumber(active: readonly ProfiledSignal[], types: ReadonlySet<string>, read: (p: ProfiledSignal) => number | null): number | null {
	let best: ProfiledSignal | null = null;
	let bestValue: number | null = null;
	for (const p of active) {
		if (!types.has(p.signal.type)) continue;
		if (best !== null && laterFirst(p, best) >= 0) continue;
		const value = read(p);
		if (value === null || !Number.isFinite(value)) continue;
		best = p;
		bestValue = value;
	}
	return bestValue;
}

export interface Discount {
	expiresBeforeRenewal: boolean;
	daysToExpiry: number | null;
}

export function discount(account: Account, asOfMs: number): Discount {
	const expiry = msOrNull(account.discountExpiryDate);
	const renewalMs = msOrNull(account.renewalDate);
	return {
		expiresBeforeRenewal: expiry !== null && renewalMs !== null && expiry <= renewalMs,
		daysToExpiry: expiry === null ? null : round(Math.ceil((expiry - asOfMs) / DAY_MS - 1e-9)),
	};
}
