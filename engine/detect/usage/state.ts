import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { civilDate, parseCivilDate } from '../../model';
import { AccountUsage, EventTypeUsage, FeatureUsage, UsageAccumulator, type UsageAccumulatorOptions } from './accumulator';

/**
 * The usage a daily sweep carries to its next run (n8n workflow static data), so that run reads only the new
 * day. It must stay small — static data lives in n8n's database row of the workflow and is loaded on every run:
 * at 10,000 accounts it has to be a few hundred bytes per account, not the 2 KB a day-by-user bit matrix takes.
 *
 * Closed days are finished: instead of who was active on which day, the state keeps what the detectors will
 * still ask about them (usageStateLayout says how many days of each):
 *   - per account and day: events, logins, pre-aggregated active users, and "distinct users over the span
 *     ending that day" for each span the detectors use (the 7-day weekly value over the whole window; the
 *     30-day value only for the days a depth, login or activation comparison still reads);
 *   - the people active within the longest span (30 days by default), each as a 24-bit hash of the user id and
 *     the last day they were active — enough to keep every later span exact: a span ending after the state's
 *     last day counts a user iff they were active inside it, and the part of it before that day holds them iff
 *     their last active day does. Everyone else is gone from the state;
 *   - per feature: when it was first used, its events per day for the module comparison, and — while it is
 *     new (inside the adoption window) — which of those people used it;
 *   - per event type: the day it last fired and on which days of the run-up before it fired (integration
 *     silence). A type that is not (or no longer) "daily" and fired too long ago to become so is dropped.
 * Everything is written as variable-length integers (most counts fit in a byte; a day with nothing is not
 * written at all; a run of days as changes from the day before), column by column, names once in a dictionary,
 * and the bytes deflated and base64'd into one JSON string. What it costs: about 3.5 bytes per person active in
 * the last 30 days (the hash is most of it: it does not compress) and 50–100 bytes per account — 10,000 accounts
 * with 20 such people each: 0.9 MB (steady daily use) to 1.8 MB (a million events spread at random).
 *
 * The result is identical to a recount of every row: restore + the new day finds the same signals with the
 * same ids as counting the whole window again (test/unit/usage-state.test.ts).
 */

export const USAGE_STATE_VERSION = 2;

/** The carried state as it is stored (JSON). */
export interface UsageState {
	version: typeof USAGE_STATE_VERSION;
	/** The zone its days are counted in. */
	zone: string;
	/** The last complete day counted (`YYYY-MM-DD`); the next run counts the days after it. */
	lastDay: string;
	/** What it keeps (usageStateLayout.key): a run with other thresholds recounts. */
	layout: string;
	accounts: number;
	/** Users kept (active within the longest span). */
	users: number;
	/** deflate-raw of the binary state, base64. */
	data: string;
}

/** A stored state this run cannot build on; the sweeps recount (and say why) instead of failing. */
export class UsageStateError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageStateError';
	}
}

// ── bytes ──────────────────────────────────────────────────────────────────────────────────────────────

class ByteWriter {
	private buffer = new Uint8Array(1 << 16);
	length = 0;

	private room(bytes: number): void {
		if (this.length + bytes <= this.buffer.length) return;
		let size = this.buffer.length * 2;
		while (size < this.length + bytes) size *= 2;
		const grown = new Uint8Array(size);
		grown.set(this.buffer.subarray(0, this.length));
		this.buffer = grown;
	}

	/** An unsigned integer up to 2⁵³ in LEB128 (7 bits a byte). */
	uint(value: number): void {
		this.room(8);
		let v = value;
		while (v >= 0x80) {
			this.buffer[this.length++] = (v % 0x80) | 0x80;
			v = Math.floor(v / 0x80);
		}
		this.buffer[this.length++] = v;
	}

	u24(value: number): void {
		this.room(3);
		this.buffer[this.length++] = value & 0xff;
		this.buffer[this.length++] = (value >>> 8) & 0xff;
		this.buffer[this.length++] = (value >>> 16) & 0xff;
	}

	f64(value: number): void {
		this.room(8);
		new DataView(this.buffer.buffer).setFloat64(this.length, value, true);
		this.length += 8;
	}

	str(value: string): void {
		const bytes = Buffer.from(value, 'utf8');
		this.uint(bytes.length);
		this.room(bytes.length);
		this.buffer.set(bytes, this.length);
		this.length += bytes.length;
	}

	bytes(): Uint8Array {
		return this.buffer.subarray(0, this.length);
	}
}

class ByteReader {
	offset = 0;
	private readonly view: DataView;

	constructor(private readonly buffer: Uint8Array) {
		this.view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
	}


	private need(bytes: number): void {
		if (this.offset + bytes > this.buffer.length) throw new UsageStateError('The stored usage state is cut short: it is recounted');
	}

	uint(): number {
		let value = 0;
		let scale = 1;
		for (;;) {
			this.need(1);
			const byte = this.buffer[this.offset++];
			value += (byte & 0x7f) * scale;
			if (byte < 0x80) return value;
			scale *= 0x80;
			if (scale > 2 ** 56) throw new UsageStateError('The stored usage state holds an unreadable number: it is recounted');
		}
	}

	u24(): number {
		this.need(3);
		const value = this.buffer[this.offset] | (this.buffer[this.offset + 1] << 8) | (this.buffer[this.offset + 2] << 16);
		this.offset += 3;
		return value;
	}

	f64(): number {
		this.need(8);
		const value = this.view.getFloat64(this.offset, true);
		this.offset += 8;
		return value;
	}

	str(): string {
		const length = this.uint();
		this.need(length);
		const text = Buffer.from(this.buffer.buffer, this.buffer.byteOffset + this.offset, length).toString('utf8');
		this.offset += length;
		return text;
	}

	get done(): boolean {
		return this.offset === this.buffer.length;
	}
}

/** Whole numbers a series can hold as variable-length integers (anything else: a float64). */
const isCount = (value: number) => Number.isInteger(value) && value >= 0 && value < 2 ** 50;
const zigzag = (delta: number) => (delta >= 0 ? delta * 2 : -delta * 2 - 1);
const unzigzag = (code: number) => (code % 2 === 0 ? code / 2 : -(code + 1) / 2);

/**
 * The days `from` … `to` of a series, in whichever form is smaller: sparse — the non-zero days as (gap, value)
 * pairs, whole numbers as 2n and anything else as a marker and a float64 (pre-aggregated rows may carry
 * fractional events) — or dense from the first non-zero day on, every day as the change from the day before (a
 * weekly active-user count moves by 0 or 1 most days, which deflate then squeezes to almost nothing). The header
 * says which: 0 nothing, 1 + 4 × non-zero days sparse, 2 + 4 × leading zero days dense.
 */
function writeSeries(out: ByteWriter, values: ArrayLike<number> | null, from: number, to: number): void {
	const start = Math.max(0, from);
	let nonZero = 0;
	let first = -1;
	let counts = true;
	if (values) {
		for (let d = start; d <= to; d += 1) {
			if (values[d] === 0) continue;
			nonZero += 1;
			if (first < 0) first = d;
			if (!isCount(values[d])) counts = false;
		}
	}
	if (!values || nonZero === 0) {
		out.uint(0);
		return;
	}
	if (counts && to - first + 1 <= 2 * nonZero) {
		out.uint(2 + 4 * (first - start));
		let previous = 0;
		for (let d = first; d <= to; d += 1) {
			out.uint(zigzag(values[d] - previous));
			previous = values[d];
		}
		return;
	}
	out.uint(1 + 4 * nonZero);
	let previous = start - 1;
	for (let d = start; d <= to; d += 1) {
		const value = values[d];
		if (value === 0) continue;
		out.uint(d - previous - 1);
		previous = d;
		if (isCount(value) && value > 0) out.uint(value * 2);
		else {
			out.uint(1);
			out.f64(value);
		}
	}
}

/** Read a series written for `from` … `to` (old window indexes); `place(oldIndex, value)` keeps what is still in the window. */
function readSeries(input: ByteReader, from: number, to: number, place: (oldIndex: number, value: number) => void): void {
	const start = Math.max(0, from);
	const header = input.uint();
	const kind = header % 4;
	const param = Math.floor(header / 4);
	if (kind === 0) return;
	if (kind === 2) {
		let value = 0;
		for (let d = start + param; d <= to; d += 1) {
			value += unzigzag(input.uint());
			if (value !== 0) place(d, value);
		}
		return;
	}
	if (kind !== 1) throw new UsageStateError('The stored usage state holds an unreadable series: it is recounted');
	let index = start - 1;
	for (let i = 0; i < param; i += 1) {
		index += input.uint() + 1;
		const code = input.uint();
		place(index, code === 1 ? input.f64() : code / 2);
	}
}

/**
 * The state is written column by column — every account's events together, then every account's weekly users,
 * then the user hashes… — because deflate finds the repeats among like values, not among a mix of them.
 */
const SECTIONS = ['accounts', 'events', 'logins', 'dailyActive', 'distinct', 'hashes', 'lastActive', 'features', 'eventTypes'] as const;
type Section = (typeof SECTIONS)[number];
type Writers = Record<Section, ByteWriter>;
type Readers = Record<Section, ByteReader>;

// ── accounts ───────────────────────────────────────────────────────────────────────────────────────────

const HAS_EARLIEST = 1;
const EARLIEST_BEFORE_WINDOW = 2;
const HAS_LOGINS = 4;
const HAS_DAILY_ACTIVE = 8;
const HAS_USERS = 16;

const FEATURE_EVENTS = 1;
const FEATURE_DAILY_ACTIVE = 2;
const FEATURE_USERS = 4;

class Names {
	readonly list: string[] = [];
	private readonly index = new Map<string, number>();

	of(name: string): number {
		let i = this.index.get(name);
		if (i === undefined) {
			i = this.list.length;
			this.list.push(name);
			this.index.set(name, i);
		}
		return i;
	}
}

function firedDays(type: EventTypeUsage, last: number, days: number): number {
	let fired = 0;
	for (let d = Math.max(0, last - days + 1); d <= last; d += 1) if (type.firedOn(d)) fired += 1;
	return fired;
}

/**
 * Whether an event type's days can still matter. It is silent after a daily run-up (its signal goes on while the
 * silence lasts), or it fired within the last (run-up − minimum firing days + 1) days: a later run-up can then
 * reach the minimum with these days' help. A type silent for longer can only become "daily" again by firing on
 * the minimum number of new days, for which its old days count for nothing — so it is dropped, and the result
 * stays what a recount gives.
 */
function keepEventType(type: EventTypeUsage, last: number, accumulator: UsageAccumulator): boolean {
	const lastFired = type.lastDay();
	if (lastFired < 0) return false;
	const { integrationBaselineDays, integrationMinFiredDays } = accumulator.thresholds;
	const allowedMisses = integrationBaselineDays - integrationMinFiredDays;
	if (lastFired >= last - allowedMisses) return true;
	return firedDays(type, lastFired, integrationBaselineDays) >= integrationMinFiredDays && lastFired - integrationBaselineDays + 1 >= 0;
}

function writeAccount(out: Writers, account: AccountUsage, accumulator: UsageAccumulator, names: Names): number {
	const layout = accumulator.layout;
	const last = accumulator.days - 1;
	out.accounts.str(account.accountId);
	const hasUsers = account.hasUsers();
	let flags = 0;
	if (Number.isFinite(account.earliest)) flags |= HAS_EARLIEST;
	if (account.earliest === -1) flags |= EARLIEST_BEFORE_WINDOW;
	if (account.logins) flags |= HAS_LOGINS;
	if (account.dailyActive) flags |= HAS_DAILY_ACTIVE;
	if (hasUsers) flags |= HAS_USERS;
	out.accounts.uint(flags);
	if ((flags & HAS_EARLIEST) !== 0 && account.earliest !== -1) out.accounts.uint(last - account.earliest);
	out.accounts.uint(account.untrackedUserEvents);
	writeSeries(out.events, account.events, 0, last);
	if (account.logins) writeSeries(out.logins, account.logins, last - layout.loginDays + 1, last);
	if (account.dailyActive) writeSeries(out.dailyActive, account.dailyActive, 0, last);

	// users active within userDays, by their position in this state (features refer to it)
	const kept: number[] = [];
	const position = new Map<number, number>();
	if (hasUsers) {
		for (const { span, keep } of layout.spans) {
			const series = account.distinctSeries(span);
			writeSeries(out.distinct, series, last - keep + 1, last);
		}
		for (let u = 0; u < account.userCount; u += 1) {
			const lastActive = account.lastActive(u);
			if (lastActive >= 0 && lastActive > last - layout.userDays) {
				position.set(u, kept.length);
				kept.push(u);
			}
		}
		out.lastActive.uint(kept.length);
		for (const u of kept) {
			out.hashes.u24(account.userHashes[u]);
			out.lastActive.uint(last - account.lastActive(u));
		}
	}

	const adoptionFrom = last - accumulator.thresholds.featureAdoptionWindowDays + 1;
	out.features.uint(account.features.size);
	for (const [name, feature] of account.features) {
		out.features.uint(names.of(name));
		out.features.uint(feature.firstDay === -1 ? 0 : last - feature.firstDay + 1);
		const users: number[] = [];
		// who used a feature matters only while it is new (first used inside the adoption window)
		if (feature.firstDay >= adoptionFrom) {
			for (let w = 0; w < feature.users.length; w += 1) {
				for (let bit = 0; bit < 32; bit += 1) {
					if (((feature.users[w] >>> bit) & 1) === 0) continue;
					const at = position.get(w * 32 + bit);
					if (at !== undefined) users.push(at);
				}
			}
		}
		const featureFlags = (feature.events ? FEATURE_EVENTS : 0) | (feature.dailyActive ? FEATURE_DAILY_ACTIVE : 0) | (users.length > 0 ? FEATURE_USERS : 0);
		out.features.uint(featureFlags);
		if (feature.events) writeSeries(out.features, feature.events, last - layout.featureEventDays + 1, last);
		if (feature.dailyActive) writeSeries(out.features, feature.dailyActive, last - layout.featureActiveDays + 1, last);
		if (users.length > 0) {
			users.sort((a, b) => a - b);
			out.features.uint(users.length);
			let previous = -1;
			for (const at of users) {
				out.features.uint(at - previous - 1);
				previous = at;
			}
		}
	}

	const types = [...account.eventTypes].filter(([, type]) => keepEventType(type, last, accumulator));
	const words = Math.ceil(layout.integrationDays / 32);
	out.eventTypes.uint(types.length);
	for (const [name, type] of types) {
		const lastFired = type.lastDay();
		out.eventTypes.uint(names.of(name));
		out.eventTypes.uint(last - lastFired);
		// bit j of the run-up: fired on lastFired − j
		for (let w = 0; w < words; w += 1) {
			let word = 0;
			for (let bit = 0; bit < 32; bit += 1) {
				const j = w * 32 + bit;
				if (j < layout.integrationDays && lastFired - j >= 0 && type.firedOn(lastFired - j)) word = (word | (1 << bit)) >>> 0;
			}
			out.eventTypes.uint(word);
		}
	}
	return kept.length;
}

/** What the accumulator counted, as the state a later run restores (see the top of this file). */
export function usageStateOf(accumulator: UsageAccumulator): UsageState {
	const sections = Object.fromEntries(SECTIONS.map((section) => [section, new ByteWriter()])) as Writers;
	const names = new Names();
	let accounts = 0;
	let users = 0;
	for (const account of accumulator.accounts()) {
		accounts += 1;
		users += writeAccount(sections, account, accumulator, names);
	}
	// names, the account count and each section's length, then the sections
	const head = new ByteWriter();
	head.uint(names.list.length);
	for (const name of names.list) head.str(name);
	head.uint(accounts);
	for (const section of SECTIONS) head.uint(sections[section].length);
	const parts = [head.bytes(), ...SECTIONS.map((section) => sections[section].bytes())];
	const bytes = Buffer.concat(parts);
	return {
		version: USAGE_STATE_VERSION,
		zone: accumulator.calendar.zone,
		lastDay: accumulator.calendar.date(accumulator.days - 1),
		layout: accumulator.layout.key,
		accounts,
		users,
		data: deflateRawSync(bytes, { level: 9 }).toString('base64'),
	};
}

/** Bytes of a state as stored (its JSON). */
export function usageStateBytes(state: UsageState): number {
	return Buffer.byteLength(JSON.stringify(state), 'utf8');
}

/** Check a stored value is a state this run can build on; throws UsageStateError saying why not. */
function checkState(state: unknown, accumulator: UsageAccumulator): { state: UsageState; shift: number; oldLast: number } {
	const s = state as Partial<UsageState> | null;
	if (!s || typeof s !== 'object' || s.version !== USAGE_STATE_VERSION || typeof s.data !== 'string' || typeof s.lastDay !== 'string') {
		throw new UsageStateError('The stored usage state is from another version of CS Usage Signals: it is recounted');
	}
	if (s.zone !== accumulator.calendar.zone) {
		throw new UsageStateError(`The stored usage was counted in ${s.zone} days and this run counts ${accumulator.calendar.zone} days: it is recounted`);
	}
	if (s.layout !== accumulator.layout.key) {
		throw new UsageStateError('The stored usage was counted for other detection thresholds (they decide how many days are kept): it is recounted');
	}
	const oldLastNumber = parseCivilDate(s.lastDay);
	if (oldLastNumber === undefined) throw new UsageStateError(`The stored usage state has no valid last day (${JSON.stringify(s.lastDay)}): it is recounted`);
	const newLastNumber = accumulator.calendar.firstDayNumber + accumulator.days - 1;
	if (oldLastNumber > newLastNumber) {
		throw new UsageStateError(
			`The stored usage runs to ${s.lastDay}, after this run's last complete day ${civilDate(newLastNumber)} (as-of moved back): it is recounted for this as-of`,
		);
	}
	const oldFirstNumber = oldLastNumber - accumulator.layout.days + 1;
	return { state: s as UsageState, shift: oldFirstNumber - accumulator.calendar.firstDayNumber, oldLast: accumulator.layout.days - 1 };
}

function readAccount(input: Readers, accumulator: UsageAccumulator, names: string[], shift: number, oldLast: number): void {
	const layout = accumulator.layout;
	const days = accumulator.days;
	const toNew = (oldIndex: number) => oldIndex + shift;
	const inWindow = (index: number) => index >= 0 && index < days;
	const accountId = input.accounts.str();
	const flags = input.accounts.uint();
	const earliestBack = (flags & HAS_EARLIEST) !== 0 && (flags & EARLIEST_BEFORE_WINDOW) === 0 ? input.accounts.uint() : undefined;
	const untracked = input.accounts.uint();
	const account = accumulator.accountFor(accountId);
	// a state read past the account cap still has to be parsed to its end
	const sink = account ?? new AccountUsage(accountId, days, accumulator.words);
	if (!account) accumulator.stats.accountLimit += 1;
	if ((flags & HAS_EARLIEST) !== 0) {
		const earliest = earliestBack === undefined ? -1 : toNew(oldLast - earliestBack);
		sink.earliest = earliest < 0 ? -1 : earliest;
	}
	sink.untrackedUserEvents = untracked;
	sink.finalThrough = toNew(oldLast);
	const into = (target: Float64Array | Float32Array) => (oldIndex: number, value: number) => {
		const index = toNew(oldIndex);
		if (inWindow(index)) target[index] = value;
	};
	readSeries(input.events, 0, oldLast, into(sink.events));
	if ((flags & HAS_LOGINS) !== 0) {
		sink.logins = new Float64Array(days);
		readSeries(input.logins, oldLast - layout.loginDays + 1, oldLast, into(sink.logins));
	}
	if ((flags & HAS_DAILY_ACTIVE) !== 0) {
		sink.dailyActive = new Float64Array(days);
		readSeries(input.dailyActive, 0, oldLast, into(sink.dailyActive));
	}
	const byPosition: Array<number | undefined> = [];
	if ((flags & HAS_USERS) !== 0) {
		for (const { span, keep } of layout.spans) {
			const series = new Float64Array(days);
			let inside = false;
			readSeries(input.distinct, oldLast - keep + 1, oldLast, (oldIndex, value) => {
				const index = toNew(oldIndex);
				if (!inWindow(index)) return;
				series[index] = value;
				inside = true;
			});
			sink.finalDistinct.set(span, series);
			if (inside) sink.restoredUsers = true;
		}
		const count = input.lastActive.uint();
		sink.hashIndex ??= new Map();
		for (let i = 0; i < count; i += 1) {
			const hash = input.hashes.u24();
			const lastActive = toNew(oldLast - input.lastActive.uint());
			// a user whose last day left the window is in no span this run can ask about
			if (!inWindow(lastActive)) {
				byPosition.push(undefined);
				continue;
			}
			const user = accumulator.userForHash(sink, hash);
			byPosition.push(user);
			if (user !== undefined) sink.userBits[user * accumulator.words + (lastActive >>> 5)] |= 1 << (lastActive & 31);
		}
	}
	const featureCount = input.features.uint();
	for (let f = 0; f < featureCount; f += 1) {
		const name = names[input.features.uint()];
		const firstBack = input.features.uint();
		const firstDay = firstBack === 0 ? -1 : Math.max(-1, toNew(oldLast - firstBack + 1));
		const featureFlags = input.features.uint();
		const feature = new FeatureUsage(firstDay < 0 ? -1 : firstDay);
		if ((featureFlags & FEATURE_EVENTS) !== 0) {
			feature.events = new Float32Array(days);
			readSeries(input.features, oldLast - layout.featureEventDays + 1, oldLast, into(feature.events));
		}
		if ((featureFlags & FEATURE_DAILY_ACTIVE) !== 0) {
			feature.dailyActive = new Float32Array(days);
			readSeries(input.features, oldLast - layout.featureActiveDays + 1, oldLast, into(feature.dailyActive));
		}
		if ((featureFlags & FEATURE_USERS) !== 0) {
			const count = input.features.uint();
			let at = -1;
			for (let i = 0; i < count; i += 1) {
				at += input.features.uint() + 1;
				const user = byPosition[at];
				if (user !== undefined) feature.addUser(user);
			}
		}
		if (name !== undefined && sink.features.size < accumulator.limits.maxFeaturesPerAccount) sink.features.set(name, feature);
	}
	const words = Math.ceil(layout.integrationDays / 32);
	const typeCount = input.eventTypes.uint();
	for (let t = 0; t < typeCount; t += 1) {
		const name = names[input.eventTypes.uint()];
		const lastFired = toNew(oldLast - input.eventTypes.uint());
		const type = name === undefined ? undefined : new EventTypeUsage(lastFired, accumulator.words, accumulator.isLogin(name));
		for (let w = 0; w < words; w += 1) {
			const word = input.eventTypes.uint();
			for (let bit = 0; bit < 32; bit += 1) {
				if (((word >>> bit) & 1) === 0) continue;
				const day = lastFired - (w * 32 + bit);
				if (type && inWindow(day)) {
					type.bits[day >>> 5] |= 1 << (day & 31);
					type.count += 1;
					if (day < type.firstDay) type.firstDay = day;
				}
			}
		}
		if (type && type.lastDay() >= 0 && sink.eventTypes.size < accumulator.limits.maxEventTypesPerAccount) sink.eventTypes.set(name!, type);
	}
}

/**
 * A new accumulator for this run's as-of with a stored state's days moved onto its window: the days it
 * counted are finished (rows for them are 'already-counted'), the days after it are this run's to count.
 * Throws UsageStateError (the caller recounts) for a state of another zone, layout or version, or one that
 * runs past this run's last complete day.
 */
export function restoreUsageAccumulator(state: unknown, options: UsageAccumulatorOptions = {}): UsageAccumulator {
	const accumulator = new UsageAccumulator(options);
	const { state: checked, shift, oldLast } = checkState(state, accumulator);
	let bytes: Uint8Array;
	try {
		bytes = inflateRawSync(Buffer.from(checked.data, 'base64'));
	} catch {
		throw new UsageStateError('The stored usage state cannot be read (it is not what CS Usage Signals wrote): it is recounted');
	}
	const head = new ByteReader(bytes);
	const names: string[] = [];
	for (let n = head.uint(); n > 0; n -= 1) names.push(head.str());
	const accounts = head.uint();
	const lengths = SECTIONS.map(() => head.uint());
	let offset = head.offset;
	const input = {} as Readers;
	SECTIONS.forEach((section, i) => {
		if (offset + lengths[i] > bytes.length) throw new UsageStateError('The stored usage state is cut short: it is recounted');
		input[section] = new ByteReader(bytes.subarray(offset, offset + lengths[i]));
		offset += lengths[i];
	});
	if (offset !== bytes.length) throw new UsageStateError('The stored usage state has bytes after its last section: it is recounted');
	for (let a = 0; a < accounts; a += 1) readAccount(input, accumulator, names, shift, oldLast);
	if (SECTIONS.some((section) => !input[section].done)) throw new UsageStateError('The stored usage state has bytes after its last account: it is recounted');
	accumulator.finalThrough = oldLast + shift;
	return accumulator;
}
