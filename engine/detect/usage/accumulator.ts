import type { DateTime } from 'luxon';
import { resolveDetectionAsOf } from '../support/detectors';
import { AFTER_AS_OF, BEFORE_WINDOW, civilDate, ON_AS_OF_DAY, parseCivilDate, parseTime, UsageCalendar } from './calendar';
import { resolveUsageThresholds, usageWindowDays } from './thresholds';

/**
 * Reduce at the edge: usage rows go in one at a time and only per-account, per-day figures stay. Memory is
 * bounded by accounts × window days (times the caps below), never by the number of events; raw events are
 * never kept.
 *
 * Per account the accumulator keeps:
 *   - events per day, logins per day, and (from pre-aggregated rows) the day's active users;
 *   - one bit per user per day ("was this person active that day?"). Distinct users over ANY span of days —
 *     weekly, monthly, "the 30 days before" — is then an exact count of users with a bit in that span.
 *     Why bits and not one set or sketch per day: a day set is needed per day AND the union across days is
 *     what WAU/MAU ask for; unions of day sets cost a set per day per account (10,000 accounts × 126 days ×
 *     tens of users), and a HyperLogLog per account-day costs ~1 KB each and answers ±3% — too coarse to call
 *     a 30% vs 31% drop, and an order of magnitude more memory than 16 bytes per user for 126 days.
 *     Within a run a user is looked up by id; a snapshot keeps only a 53-bit hash of it (no user id is ever
 *     stored; a collision within one account is ~1 in 10⁹ at 10,000 users). At most `maxUsersPerAccount`
 *     users per account: beyond that an event still counts as an event, its user is not tracked, and the
 *     account's signals carry `usersCapped` (their distinct counts are lower bounds).
 *   - per feature/module: events per day and one bit per account user who used it (a feature first used
 *     inside the adoption window was used by all of them inside it); at most `maxFeaturesPerAccount` features;
 *   - per event type: one bit per day it fired (integration silence), at most `maxEventTypesPerAccount`.
 * Anything a cap turns away is counted (stats), never silently dropped.
 */

export interface UsageEvent {
	accountId: string;
	userId?: string;
	/** Event name (`Report Exported`); logins and integrations are recognised by name. */
	event?: string;
	/** Feature or module the event belongs to. */
	feature?: string;
	/** ISO-8601 (offset-less = workflow zone), epoch seconds/milliseconds, or a Date. */
	occurredAt: string | number | Date;
}

export interface UsageDay {
	accountId: string;
	/** `YYYY-MM-DD` in the workflow's time zone. */
	day: string;
	activeUsers?: number;
	events?: number;
	feature?: string;
}

export interface UsageLimits {
	/** Accounts tracked (protects against a mis-mapped key — a user id mapped as the account key). */
	maxAccounts: number;
	maxUsersPerAccount: number;
	maxFeaturesPerAccount: number;
	maxEventTypesPerAccount: number;
}

export const DEFAULT_USAGE_LIMITS: Readonly<UsageLimits> = Object.freeze({
	maxAccounts: 100_000,
	maxUsersPerAccount: 10_000,
	maxFeaturesPerAccount: 100,
	maxEventTypesPerAccount: 200,
});

/**
 * Event names that count as a login (compared without case, spaces or punctuation: "Logged In",
 * "logged_in" and "$logged-in" are the same). Override with `loginEvents`.
 */
export const DEFAULT_LOGIN_EVENTS: readonly string[] = Object.freeze([
	'login',
	'logged in',
	'user logged in',
	'sign in',
	'signed in',
	'user signed in',
	'session start',
	'session started',
]);

/** "Logged In" → "loggedin": how event names are compared with the login and integration lists. */
export function normaliseEventName(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

export interface UsageAccumulatorOptions {
	/** The instant usage is counted for; the window ends with the day before it (see calendar.ts). Default now. */
	asOf?: string | DateTime | null;
	/** The zone days are counted in and offset-less times are read in (n8n's workflow time zone); default UTC. */
	timezone?: string;
	/** Days kept; default: what the thresholds need (`usageWindowDays`, 126 with the defaults). */
	windowDays?: number;
	/** Threshold overrides (only used for the default window length). */
	thresholds?: Partial<Record<string, unknown>>;
	limits?: Partial<UsageLimits>;
	loginEvents?: readonly string[];
}

export type AddOutcome = 'counted' | 'before-window' | 'as-of-day' | 'after-as-of' | 'account-limit';

export interface UsageAccumulatorStats {
	/** Per-event rows counted into a window day. */
	eventsCounted: number;
	/** Pre-aggregated rows counted into a window day. */
	dayRowsCounted: number;
	/** Rows older than the window (not needed by any detector). */
	beforeWindow: number;
	/** Rows on the as-of day, which is not complete yet (the next run counts that day whole). */
	onAsOfDay: number;
	/** Rows after as-of (they have not happened yet at as-of). */
	afterAsOf: number;
	/** Rows of accounts beyond `maxAccounts`. */
	accountLimit: number;
	/** Events without a user id (counted as events, not as active users). */
	eventsWithoutUser: number;
	/** Events whose user was beyond `maxUsersPerAccount` (counted as events, user not tracked). */
	userLimit: number;
	/** Events whose feature was beyond `maxFeaturesPerAccount` (counted for the account, not the feature). */
	featureLimit: number;
	/** Events whose type was beyond `maxEventTypesPerAccount` (not watched for silence). */
	eventTypeLimit: number;
}

/** What the accumulator holds — the numbers that must not grow with the number of events. */
export interface UsageAccumulatorSize {
	accounts: number;
	windowDays: number;
	/** Per-day counters allocated (account events/logins/active users, feature events). */
	dayBuckets: number;
	trackedUsers: number;
	/** 32-bit words of user-day bits. */
	userDayWords: number;
	features: number;
	/** 32-bit words of feature-user bits. */
	featureUserWords: number;
	eventTypes: number;
	eventTypeDayWords: number;
}

const NO_WORDS = new Uint32Array(0);

function popcount(word: number): number {
	let v = word - ((word >>> 1) & 0x55555555);
	v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
	return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export class FeatureUsage {
	/** First window day the feature was used; -1 = used before the window. */
	firstDay: number;
	/** Events per day (float32: exact to 16.7 million a day, half the memory of the account's own counters). */
	events: Float32Array | null = null;
	/** Peak active users per day from pre-aggregated rows. */
	dailyActive: Float32Array | null = null;
	/** One bit per account user (by user index) who used the feature. */
	users: Uint32Array = NO_WORDS;

	constructor(firstDay: number) {
		this.firstDay = firstDay;
	}

	addUser(user: number): void {
		const word = user >>> 5;
		if (word >= this.users.length) {
			const grown = new Uint32Array(Math.max(word + 1, this.users.length * 2));
			grown.set(this.users);
			this.users = grown;
		}
		this.users[word] |= 1 << (user & 31);
	}

	/** How many users used it. */
	userCount(): number {
		let count = 0;
		for (let w = 0; w < this.users.length; w += 1) if (this.users[w] !== 0) count += popcount(this.users[w]);
		return count;
	}
}

export class EventTypeUsage {
	firstDay: number;
	count = 0;
	readonly bits: Uint32Array;

	constructor(
		firstDay: number,
		words: number,
		/** The event is a login (DEFAULT_LOGIN_EVENTS / loginEvents). */
		readonly isLogin = false,
	) {
		this.firstDay = firstDay;
		this.bits = new Uint32Array(words);
	}

	firedOn(day: number): boolean {
		return ((this.bits[day >>> 5] >>> (day & 31)) & 1) === 1;
	}

	/** Last window day it fired, or -1. */
	lastDay(): number {
		for (let w = this.bits.length - 1; w >= 0; w -= 1) {
			const word = this.bits[w];
			if (word !== 0) return w * 32 + (31 - Math.clz32(word));
		}
		return -1;
	}
}

export class AccountUsage {
	/** First window day with activity; -1 = the account has activity before the window; Infinity = none yet. */
	earliest = Infinity;
	readonly events: Float64Array;
	logins: Float64Array | null = null;
	/** Peak active users per day from pre-aggregated rows. */
	dailyActive: Float64Array | null = null;
	/** User id → user index (ids seen in this run); bits[index × words + day/32] holds the user's active days. */
	readonly userIds = new Map<string, number>();
	/** Each user's id hash, by index: what a snapshot keeps instead of the id. */
	readonly userHashes: number[] = [];
	/** Hash → user index for users restored from a snapshot (known by hash only). */
	hashIndex: Map<number, number> | null = null;
	userBits: Uint32Array;
	userCount = 0;
	/** Events whose user was not tracked because of the user cap (distinct counts are then lower bounds). */
	untrackedUserEvents = 0;
	readonly features = new Map<string, FeatureUsage>();
	readonly eventTypes = new Map<string, EventTypeUsage>();

	constructor(
		readonly accountId: string,
		readonly days: number,
		readonly words: number,
	) {
		this.events = new Float64Array(days);
		this.userBits = new Uint32Array(words * 4);
	}

	isActive(user: number, day: number): boolean {
		return ((this.userBits[user * this.words + (day >>> 5)] >>> (day & 31)) & 1) === 1;
	}

	/** Users with a bit in [from, to] (clamped to the window). */
	distinctUsers(from: number, to: number): number {
		const a = Math.max(0, from);
		const b = Math.min(this.days - 1, to);
		if (a > b || this.userCount === 0) return 0;
		const firstWord = a >>> 5;
		const lastWord = b >>> 5;
		const masks = new Uint32Array(lastWord - firstWord + 1);
		for (let w = firstWord; w <= lastWord; w += 1) {
			const low = w === firstWord ? a & 31 : 0;
			const high = w === lastWord ? b & 31 : 31;
			masks[w - firstWord] = high === 31 ? (0xffffffff << low) >>> 0 : ((((1 << (high + 1)) >>> 0) - 1) & (0xffffffff << low)) >>> 0;
		}
		let count = 0;
		for (let u = 0; u < this.userCount; u += 1) {
			const base = u * this.words;
			for (let w = firstWord; w <= lastWord; w += 1) {
				if ((this.userBits[base + w] & masks[w - firstWord]) !== 0) {
					count += 1;
					break;
				}
			}
		}
		return count;
	}

	/** Distinct users per day and over each trailing `span`-day window ending that day, in one pass. */
	rollingDistinct(span: number): { daily: Float64Array; rolling: Float64Array } {
		const daily = new Float64Array(this.days);
		const rolling = new Float64Array(this.days);
		for (let u = 0; u < this.userCount; u += 1) {
			let last = -Infinity;
			for (let d = 0; d < this.days; d += 1) {
				if (this.isActive(u, d)) {
					last = d;
					daily[d] += 1;
				}
				if (d - last < span) rolling[d] += 1;
			}
		}
		return { daily, rolling };
	}
}

export interface UsageAccumulatorSnapshot {
	version: 1;
	zone: string;
	/** The as-of the snapshot was counted for; its window ends the day before. */
	asOf: string;
	firstDay: string;
	days: number;
	accounts: AccountSnapshot[];
}

interface AccountSnapshot {
	accountId: string;
	earliest: number | null;
	/** Per-day counts, sparse: "day:count,day:count" (see encodeCounts). */
	events: string;
	logins?: string;
	dailyActive?: string;
	/** Users' id hashes (base64 float64), by user index. */
	userHashes: string;
	/** Users' day bits (base64 uint32), `ceil(days / 32)` words per user. */
	userBits: string;
	untrackedUserEvents: number;
	features: Array<{ name: string; firstDay: number; events?: string; dailyActive?: string; users: string }>;
	eventTypes: Array<{ name: string; firstDay: number; count: number; bits: string }>;
}

function encode(array: Float64Array | Uint32Array): string {
	return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function decodeFloat64(text: string): Float64Array {
	const bytes = Buffer.from(text, 'base64');
	return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Most days of most counters are 0: keep "day:count" pairs only (compact for sparse and dense alike). */
function encodeCounts(values: ArrayLike<number>): string {
	const parts: string[] = [];
	for (let d = 0; d < values.length; d += 1) if (values[d] !== 0) parts.push(`${d}:${values[d]}`);
	return parts.join(',');
}

function decodeCounts(text: string, days: number): Float64Array {
	const values = new Float64Array(days);
	if (text === '') return values;
	for (const part of text.split(',')) {
		const [day, count] = part.split(':').map(Number);
		if (!(day >= 0 && day < days) || !Number.isFinite(count)) throw new Error(`The stored usage state has an unreadable day count ${JSON.stringify(part)}`);
		values[day] = count;
	}
	return values;
}

function decodeUint32(text: string): Uint32Array {
	const bytes = Buffer.from(text, 'base64');
	return new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** A 53-bit hash of a user id (two 32-bit FNV-1a variants): users are counted without keeping their ids. */
export function hashUserId(id: string): number {
	let h1 = 0x811c9dc5;
	let h2 = 0x9747b28c;
	for (let i = 0; i < id.length; i += 1) {
		const c = id.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193);
		h2 = Math.imul(h2 ^ c, 0x5bd1e995);
		h2 ^= h2 >>> 15;
	}
	h1 ^= h1 >>> 13;
	h1 = Math.imul(h1, 0xc2b2ae35);
	return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

export class UsageAccumulator {
	readonly calendar: UsageCalendar;
	readonly limits: UsageLimits;
	readonly stats: UsageAccumulatorStats = {
		eventsCounted: 0,
		dayRowsCounted: 0,
		beforeWindow: 0,
		onAsOfDay: 0,
		afterAsOf: 0,
		accountLimit: 0,
		eventsWithoutUser: 0,
		userLimit: 0,
		featureLimit: 0,
		eventTypeLimit: 0,
	};
	private readonly accountsById = new Map<string, AccountUsage>();
	private readonly loginNames: ReadonlySet<string>;
	private readonly words: number;

	constructor(options: UsageAccumulatorOptions = {}) {
		const asOf = resolveDetectionAsOf(options);
		const days = options.windowDays ?? usageWindowDays(resolveUsageThresholds(options.thresholds));
		this.calendar = new UsageCalendar(asOf, days);
		this.words = Math.ceil(days / 32);
		this.limits = { ...DEFAULT_USAGE_LIMITS, ...(options.limits ?? {}) };
		for (const [key, value] of Object.entries(this.limits)) {
			if (!Number.isInteger(value) || value < 1) throw new Error(`Usage limit "${key}" must be a whole number of 1 or more, not ${JSON.stringify(value)}`);
		}
		this.loginNames = new Set((options.loginEvents ?? DEFAULT_LOGIN_EVENTS).map(normaliseEventName).filter((name) => name !== ''));
	}

	get days(): number {
		return this.calendar.days;
	}

	/** The accounts seen, in first-seen order. */
	accounts(): IterableIterator<AccountUsage> {
		return this.accountsById.values();
	}

	account(accountId: string): AccountUsage | undefined {
		return this.accountsById.get(accountId);
	}

	private accountFor(accountId: string): AccountUsage | undefined {
		let account = this.accountsById.get(accountId);
		if (account) return account;
		if (this.accountsById.size >= this.limits.maxAccounts) return undefined;
		account = new AccountUsage(accountId, this.days, this.words);
		this.accountsById.set(accountId, account);
		return account;
	}

	private place(index: number): AddOutcome | undefined {
		if (index === ON_AS_OF_DAY) {
			this.stats.onAsOfDay += 1;
			return 'as-of-day';
		}
		if (index === AFTER_AS_OF) {
			this.stats.afterAsOf += 1;
			return 'after-as-of';
		}
		return undefined;
	}

	/** Mark what exists before the window (an account's history, a feature or event type already in use). */
	private seenBefore(account: AccountUsage, feature: string | undefined, event: string | undefined): void {
		account.earliest = -1;
		if (feature !== undefined && feature !== '') {
			const existing = account.features.get(feature);
			if (existing) existing.firstDay = -1;
			else if (account.features.size < this.limits.maxFeaturesPerAccount) account.features.set(feature, new FeatureUsage(-1));
		}
		if (event !== undefined && event !== '') {
			const existing = account.eventTypes.get(event);
			if (existing) existing.firstDay = -1;
			else if (account.eventTypes.size < this.limits.maxEventTypesPerAccount) account.eventTypes.set(event, new EventTypeUsage(-1, this.words, this.isLogin(event)));
		}
	}

	private featureFor(account: AccountUsage, name: string, day: number): FeatureUsage | undefined {
		let feature = account.features.get(name);
		if (!feature) {
			if (account.features.size >= this.limits.maxFeaturesPerAccount) {
				this.stats.featureLimit += 1;
				return undefined;
			}
			feature = new FeatureUsage(day);
			account.features.set(name, feature);
		} else if (feature.firstDay !== -1 && day < feature.firstDay) feature.firstDay = day;
		return feature;
	}

	private userFor(account: AccountUsage, userId: string): number | undefined {
		const seen = account.userIds.get(userId);
		if (seen !== undefined) return seen;
		const hash = hashUserId(userId);
		const index = this.userForHash(account, hash);
		if (index !== undefined) account.userIds.set(userId, index);
		return index;
	}

	/** Count one per-event row. Throws when occurredAt is not a date (rows are validated before they get here). */
	addEvent(row: UsageEvent): AddOutcome {
		const at = row.occurredAt;
		let day: number;
		// epoch numbers (the Mixpanel export) skip parsing altogether
		if (typeof at === 'number' && Number.isFinite(at) && at >= 0) day = this.calendar.indexOfInstant(at < 1e11 ? at * 1000 : at);
		else {
			const time = parseTime(at, this.calendar.zone);
			if (!time) throw new Error(`usage event occurredAt ${JSON.stringify(at)} is not an ISO-8601 date or epoch time`);
			day = this.calendar.indexOf(time);
		}
		const outside = this.place(day);
		if (outside) return outside;
		const account = this.accountFor(row.accountId);
		if (!account) {
			this.stats.accountLimit += 1;
			return 'account-limit';
		}
		if (day === BEFORE_WINDOW) {
			this.stats.beforeWindow += 1;
			this.seenBefore(account, row.feature, row.event);
			return 'before-window';
		}
		this.stats.eventsCounted += 1;
		if (account.earliest > day) account.earliest = day;
		account.events[day] += 1;

		let user: number | undefined;
		if (row.userId === undefined || row.userId === '') this.stats.eventsWithoutUser += 1;
		else {
			user = this.userFor(account, row.userId);
			if (user === undefined) {
				this.stats.userLimit += 1;
				account.untrackedUserEvents += 1;
			} else account.userBits[user * this.words + (day >>> 5)] |= 1 << (day & 31);
		}

		if (row.feature !== undefined && row.feature !== '') {
			const feature = this.featureFor(account, row.feature, day);
			if (feature) {
				if (!feature.events) feature.events = new Float32Array(this.days);
				feature.events[day] += 1;
				if (user !== undefined) feature.addUser(user);
			}
		}

		if (row.event !== undefined && row.event !== '') {
			let type = account.eventTypes.get(row.event);
			if (!type) {
				if (account.eventTypes.size < this.limits.maxEventTypesPerAccount) {
					type = new EventTypeUsage(day, this.words, this.isLogin(row.event));
					account.eventTypes.set(row.event, type);
				} else this.stats.eventTypeLimit += 1;
			} else if (type.firstDay !== -1 && day < type.firstDay) type.firstDay = day;
			if (type) {
				type.count += 1;
				type.bits[day >>> 5] |= 1 << (day & 31);
			}
			if (type ? type.isLogin : this.isLogin(row.event)) {
				if (!account.logins) account.logins = new Float64Array(this.days);
				account.logins[day] += 1;
			}
		}
		return 'counted';
	}

	/**
	 * Count one pre-aggregated row (account, day, active users and/or events, feature). Events add up across
	 * rows; active users cannot (the same person is in two rows), so a day's active users is the largest any row
	 * gives — a lower bound when one account's rows are split by feature.
	 */
	addDay(row: UsageDay): AddOutcome {
		const dayNumber = parseCivilDate(row.day);
		if (dayNumber === undefined) throw new Error(`usage day ${JSON.stringify(row.day)} is not a YYYY-MM-DD date`);
		const day = this.calendar.indexOfDayNumber(dayNumber);
		const outside = this.place(day);
		if (outside) return outside;
		const account = this.accountFor(row.accountId);
		if (!account) {
			this.stats.accountLimit += 1;
			return 'account-limit';
		}
		if (day === BEFORE_WINDOW) {
			this.stats.beforeWindow += 1;
			this.seenBefore(account, row.feature, undefined);
			return 'before-window';
		}
		this.stats.dayRowsCounted += 1;
		if (account.earliest > day) account.earliest = day;
		const events = row.events ?? 0;
		account.events[day] += events;
		if (row.activeUsers !== undefined) {
			if (!account.dailyActive) account.dailyActive = new Float64Array(this.days);
			if (row.activeUsers > account.dailyActive[day]) account.dailyActive[day] = row.activeUsers;
		}
		if (row.feature !== undefined && row.feature !== '') {
			const feature = this.featureFor(account, row.feature, day);
			if (feature) {
				if (!feature.events) feature.events = new Float32Array(this.days);
				feature.events[day] += events;
				if (row.activeUsers !== undefined) {
					if (!feature.dailyActive) feature.dailyActive = new Float32Array(this.days);
					if (row.activeUsers > feature.dailyActive[day]) feature.dailyActive[day] = row.activeUsers;
				}
			}
		}
		return 'counted';
	}

	size(): UsageAccumulatorSize {
		const size: UsageAccumulatorSize = {
			accounts: this.accountsById.size,
			windowDays: this.days,
			dayBuckets: 0,
			trackedUsers: 0,
			userDayWords: 0,
			features: 0,
			featureUserWords: 0,
			eventTypes: 0,
			eventTypeDayWords: 0,
		};
		for (const account of this.accountsById.values()) {
			size.dayBuckets += account.events.length + (account.logins?.length ?? 0) + (account.dailyActive?.length ?? 0);
			size.trackedUsers += account.userCount;
			size.userDayWords += account.userCount * this.words;
			size.features += account.features.size;
			for (const feature of account.features.values()) {
				size.dayBuckets += (feature.events?.length ?? 0) + (feature.dailyActive?.length ?? 0);
				size.featureUserWords += feature.users.length;
			}
			size.eventTypes += account.eventTypes.size;
			size.eventTypeDayWords += account.eventTypes.size * this.words;
		}
		return size;
	}

	/**
	 * Everything counted, as JSON (typed arrays in base64; users only as hashes). A daily sweep stores it and
	 * restores it on the next run, which then reads only the new day (restoreUsageAccumulator).
	 */
	snapshot(): UsageAccumulatorSnapshot {
		const accounts: AccountSnapshot[] = [];
		for (const account of this.accountsById.values()) {
			const hashes = Float64Array.from(account.userHashes);
			accounts.push({
				accountId: account.accountId,
				earliest: Number.isFinite(account.earliest) ? account.earliest : null,
				events: encodeCounts(account.events),
				...(account.logins ? { logins: encodeCounts(account.logins) } : {}),
				...(account.dailyActive ? { dailyActive: encodeCounts(account.dailyActive) } : {}),
				userHashes: encode(hashes),
				userBits: encode(account.userBits.subarray(0, account.userCount * this.words)),
				untrackedUserEvents: account.untrackedUserEvents,
				features: [...account.features].map(([name, feature]) => ({
					name,
					firstDay: feature.firstDay,
					...(feature.events ? { events: encodeCounts(feature.events) } : {}),
					...(feature.dailyActive ? { dailyActive: encodeCounts(feature.dailyActive) } : {}),
					users: encode(feature.users),
				})),
				eventTypes: [...account.eventTypes].map(([name, type]) => ({ name, firstDay: type.firstDay, count: type.count, bits: encode(type.bits) })),
			});
		}
		return {
			version: 1,
			zone: this.calendar.zone,
			asOf: this.calendar.asOf.toISO() ?? '',
			firstDay: this.calendar.date(0),
			days: this.days,
			accounts,
		};
	}

	/** Load a snapshot into this (empty) accumulator, moving its days onto this window. */
	restore(snapshot: UsageAccumulatorSnapshot): void {
		if (this.accountsById.size > 0) throw new Error('restore() needs an empty usage accumulator');
		if (snapshot?.version !== 1 || !Array.isArray(snapshot.accounts)) throw new Error('The stored usage state is not a usage snapshot this version can read: clear it to recount');
		if (snapshot.zone !== this.calendar.zone) {
			throw new Error(`The stored usage was counted in ${snapshot.zone} days and this run counts ${this.calendar.zone} days: clear the stored state to recount (or keep the workflow's time zone)`);
		}
		const oldFirst = parseCivilDate(snapshot.firstDay);
		if (oldFirst === undefined || !Number.isInteger(snapshot.days)) throw new Error(`The stored usage state has no valid window (firstDay ${JSON.stringify(snapshot.firstDay)})`);
		const oldLast = oldFirst + snapshot.days - 1;
		const newLast = this.calendar.firstDayNumber + this.days - 1;
		if (oldLast > newLast) {
			throw new Error(
				`The stored usage state runs to ${civilDate(oldLast)}, after this run's last complete day ${civilDate(newLast)}: as-of cannot move back in time over stored usage — clear the stored state to recount`,
			);
		}
		// old index i → new index i + shift
		const shift = oldFirst - this.calendar.firstDayNumber;
		const moved = (index: number): number => (index === -1 ? -1 : index + shift < 0 ? -1 : index + shift);
		const moveArray = (text: string | undefined): Float64Array | null => {
			if (text === undefined) return null;
			const old = decodeCounts(text, snapshot.days);
			const fresh = new Float64Array(this.days);
			for (let i = 0; i < old.length; i += 1) {
				const j = i + shift;
				if (j >= 0 && j < this.days) fresh[j] = old[i];
			}
			return fresh;
		};
		const oldWords = Math.ceil(snapshot.days / 32);
		for (const saved of snapshot.accounts) {
			const account = this.accountFor(saved.accountId);
			if (!account) {
				this.stats.accountLimit += 1;
				continue;
			}
			account.earliest = saved.earliest === null ? Infinity : moved(saved.earliest);
			account.events.set(moveArray(saved.events)!);
			account.logins = moveArray(saved.logins);
			account.dailyActive = moveArray(saved.dailyActive);
			account.untrackedUserEvents = saved.untrackedUserEvents ?? 0;
			const hashes = decodeFloat64(saved.userHashes);
			account.hashIndex = new Map();
			const bits = decodeUint32(saved.userBits);
			const remap = new Map<number, number>();
			for (let u = 0; u < hashes.length; u += 1) {
				let index: number | undefined;
				for (let i = 0; i < snapshot.days; i += 1) {
					const j = i + shift;
					if (j < 0 || j >= this.days) continue;
					if (((bits[u * oldWords + (i >>> 5)] >>> (i & 31)) & 1) === 0) continue;
					if (index === undefined) {
						index = this.userForHash(account, hashes[u]);
						if (index === undefined) break;
						remap.set(u, index);
					}
					account.userBits[index * this.words + (j >>> 5)] |= 1 << (j & 31);
				}
			}
			for (const f of saved.features) {
				const feature = new FeatureUsage(moved(f.firstDay));
				const events = moveArray(f.events);
				const dailyActive = moveArray(f.dailyActive);
				feature.events = events && Float32Array.from(events);
				feature.dailyActive = dailyActive && Float32Array.from(dailyActive);
				const users = decodeUint32(f.users);
				for (let w = 0; w < users.length; w += 1) {
					for (let bit = 0; bit < 32; bit += 1) {
						if (((users[w] >>> bit) & 1) === 0) continue;
						const index = remap.get(w * 32 + bit);
						if (index !== undefined) feature.addUser(index);
					}
				}
				account.features.set(f.name, feature);
			}
			for (const t of saved.eventTypes) {
				const type = new EventTypeUsage(moved(t.firstDay), this.words, this.isLogin(t.name));
				type.count = t.count;
				const old = decodeUint32(t.bits);
				for (let i = 0; i < snapshot.days; i += 1) {
					const j = i + shift;
					if (j >= 0 && j < this.days && ((old[i >>> 5] >>> (i & 31)) & 1) === 1) type.bits[j >>> 5] |= 1 << (j & 31);
				}
				account.eventTypes.set(t.name, type);
			}
		}
	}

	private isLogin(event: string): boolean {
		return this.loginNames.size > 0 && this.loginNames.has(normaliseEventName(event));
	}

	/** The index of a user known by hash (restored ones), or a new index under the cap. */
	private userForHash(account: AccountUsage, hash: number): number | undefined {
		const known = account.hashIndex?.get(hash);
		if (known !== undefined) return known;
		if (account.userCount >= this.limits.maxUsersPerAccount) return undefined;
		const index = account.userCount;
		if ((index + 1) * this.words > account.userBits.length) {
			const grown = new Uint32Array(Math.max(account.userBits.length * 2, (index + 1) * this.words));
			grown.set(account.userBits);
			account.userBits = grown;
		}
		account.userHashes.push(hash);
		account.hashIndex?.set(hash, index);
		account.userCount += 1;
		return index;
	}
}

export function createUsageAccumulator(options: UsageAccumulatorOptions = {}): UsageAccumulator {
	return new UsageAccumulator(options);
}

/** A new accumulator for this run's as-of with a stored snapshot's days moved onto its window. */
export function restoreUsageAccumulator(snapshot: UsageAccumulatorSnapshot, options: UsageAccumulatorOptions = {}): UsageAccumulator {
	const accumulator = new UsageAccumulator(options);
	accumulator.restore(snapshot);
	return accumulator;
}
