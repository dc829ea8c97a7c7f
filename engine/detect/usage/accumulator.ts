import type { DateTime } from 'luxon';
import { parseCivilDate, parseUsageTime, resolveAsOfForDays, type UsageDay, type UsageEvent } from '../../model';
import { AFTER_AS_OF, BEFORE_WINDOW, ON_AS_OF_DAY, UsageCalendar } from './calendar';
import { resolveUsageThresholds, usageStateLayout, type UsageStateLayout, type UsageThresholds } from './thresholds';

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
 *     Within a run a user is looked up by id; the carried state keeps only a 24-bit hash of it (no user id is
 *     ever stored; see hashUserId). At most `maxUsersPerAccount`
 *     users per account: beyond that an event still counts as an event, its user is not tracked, and the
 *     account's signals carry `usersCapped` (their distinct counts are lower bounds).
 *   - per feature/module: events per day and one bit per account user who used it (a feature first used
 *     inside the adoption window was used by all of them inside it); at most `maxFeaturesPerAccount` features;
 *   - per event type: one bit per day it fired (integration silence), at most `maxEventTypesPerAccount`.
 * Anything a cap turns away is counted (stats), never silently dropped.
 *
 * Days before `finalThrough` were counted by an earlier run and restored from its carried state (state.ts):
 * for them the accumulator holds finished figures (distinct users per span ending each day) instead of
 * per-user bits, and rows for them are not counted again ('already-counted').
 */

export type { UsageDay, UsageEvent };

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
	/** Threshold overrides: they decide the window length and what a carried state keeps (usageStateLayout). */
	thresholds?: Partial<Record<string, unknown>>;
	limits?: Partial<UsageLimits>;
	loginEvents?: readonly string[];
}

export type AddOutcome = 'counted' | 'before-window' | 'as-of-day' | 'after-as-of' | 'account-limit' | 'already-counted';

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
	/** Rows of days an earlier run counted already (restored from its state; re-sent rows are not counted twice). */
	alreadyCounted: number;
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
	/** Last window day restored from a carried state (-1: none); days up to it are finished figures. */
	finalThrough = -1;
	/** Span → distinct users over the span ending each day, for the restored days (state.ts). */
	readonly finalDistinct = new Map<number, Float64Array>();
	/** Restored: some user was active within the window (the people are then counted as users). */
	restoredUsers = false;
	private readonly seriesCache = new Map<number, Float64Array>();

	constructor(
		readonly accountId: string,
		readonly days: number,
		readonly words: number,
	) {
		this.events = new Float64Array(days);
		this.userBits = new Uint32Array(words * 4);
	}

	/** Whether rows named users within the window (then "active users" are people, not events). */
	hasUsers(): boolean {
		return this.userCount > 0 || this.restoredUsers;
	}

	/** Forget the distinct series computed for detection (a row was added since). */
	changed(): void {
		if (this.seriesCache.size > 0) this.seriesCache.clear();
	}

	/**
	 * Distinct users over the `span` days ending with day `end`. Exact for every end: restored days read the
	 * finished figure; later days count users with a bit in the span — a restored user carries one bit, on the
	 * last day they were active, which is all a span ending after the restored days can ask about them.
	 */
	distinctEnding(span: number, end: number): number {
		if (end <= this.finalThrough) {
			// no finished series: nobody named was active on the restored days
			const finished = this.finalDistinct.get(span);
			return finished && end >= 0 ? finished[end] : 0;
		}
		return this.distinctUsers(end - span + 1, end);
	}

	/** distinctEnding for every day of the window (the weekly series), in one pass over the users; cached until a row is added. */
	distinctSeries(span: number): Float64Array {
		const cached = this.seriesCache.get(span);
		if (cached) return cached;
		const series = new Float64Array(this.days);
		const finished = this.finalDistinct.get(span);
		const from = this.finalThrough + 1;
		if (finished && from > 0) series.set(finished.subarray(0, from));
		for (let u = 0; u < this.userCount; u += 1) {
			let last = -Infinity;
			for (let d = 0; d < this.days; d += 1) {
				if (this.isActive(u, d)) last = d;
				if (d >= from && d - last < span) series[d] += 1;
			}
		}
		this.seriesCache.set(span, series);
		return series;
	}

	/** The last window day user `user` was active, or -1. */
	lastActive(user: number): number {
		const base = user * this.words;
		for (let w = this.words - 1; w >= 0; w -= 1) {
			const word = this.userBits[base + w];
			if (word !== 0) return w * 32 + (31 - Math.clz32(word));
		}
		return -1;
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
}

/**
 * A 24-bit hash of a user id (FNV-1a with a murmur3 finaliser): what the carried state keeps instead of the id.
 * Two people of one account share a hash in n²/2²⁵ pairs on average — 0.0003 at 100 people, 0.03 at 1,000, 3 at
 * 10,000 (0.03% of them) — and are then counted as one: an error far below any threshold (a 30% drop), for
 * 3 bytes per person in the state instead of 8. Within a run people are told apart by their ids.
 */
export function hashUserId(id: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 8;
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
		alreadyCounted: 0,
		accountLimit: 0,
		eventsWithoutUser: 0,
		userLimit: 0,
		featureLimit: 0,
		eventTypeLimit: 0,
	};
	readonly thresholds: UsageThresholds;
	/** What a carried state of this accumulator keeps (and what a restored one must have kept). */
	readonly layout: UsageStateLayout;
	/** Last window day restored from a carried state (-1: none): rows up to it were counted by an earlier run. */
	finalThrough = -1;
	private readonly accountsById = new Map<string, AccountUsage>();
	private readonly loginNames: ReadonlySet<string>;
	readonly words: number;

	constructor(options: UsageAccumulatorOptions = {}) {
		const asOf = resolveAsOfForDays(options.asOf, options.timezone);
		this.thresholds = resolveUsageThresholds(options.thresholds);
		this.layout = usageStateLayout(this.thresholds);
		const days = options.windowDays ?? this.layout.days;
		if (days < this.layout.days) throw new Error(`The usage window of ${days} days is shorter than the ${this.layout.days} days these thresholds look back`);
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

	/** The account's usage (created on first sight, under maxAccounts); undefined beyond the cap. */
	accountFor(accountId: string): AccountUsage | undefined {
		let account = this.accountsById.get(accountId);
		if (account) return account;
		if (this.accountsById.size >= this.limits.maxAccounts) return undefined;
		account = new AccountUsage(accountId, this.days, this.words);
		this.accountsById.set(accountId, account);
		return account;
	}

	private place(index: number): AddOutcome | undefined {
		if (index >= 0 && index <= this.finalThrough) {
			this.stats.alreadyCounted += 1;
			return 'already-counted';
		}
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
			const time = parseUsageTime(at, this.calendar.zone);
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
		account.changed();
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
		account.changed();
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

	/**
	 * Count one pre-aggregated row for its feature only — when the account's own rows come separately (Pendo:
	 * one aggregation of all events per account and day, one of feature events per account, day and feature).
	 */
	addFeatureDay(row: UsageDay & { feature: string }): AddOutcome {
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
		account.changed();
		const feature = this.featureFor(account, row.feature, day);
		if (feature) {
			if (!feature.events) feature.events = new Float32Array(this.days);
			feature.events[day] += row.events ?? 0;
			if (row.activeUsers !== undefined) {
				if (!feature.dailyActive) feature.dailyActive = new Float32Array(this.days);
				if (row.activeUsers > feature.dailyActive[day]) feature.dailyActive[day] = row.activeUsers;
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

	/** Whether an event name is a login (DEFAULT_LOGIN_EVENTS / loginEvents). */
	isLogin(event: string): boolean {
		return this.loginNames.size > 0 && this.loginNames.has(normaliseEventName(event));
	}

	/** The index of a user known by hash (restored ones), or a new index under the cap. */
	userForHash(account: AccountUsage, hash: number): number | undefined {
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
