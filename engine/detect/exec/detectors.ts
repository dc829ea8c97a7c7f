/**
 * Contact-change records → exec signals: champion departed, executive sponsor departed, champion promoted,
 * key-contact title change, new executive (never engaged), re-organisation. Pure functions of the records,
 * the accounts and the as-of instant; windows default to the taxonomy's detection parameters.
 *
 * Deliberate choices:
 * - "Departed" means a hard bounce, a known leaving date (enrichment), a move to another company, or removal
 *   from the account's company. A soft bounce is not a departure (full mailbox, out-of-office).
 * - A departed person is not also promoted, re-titled or "new".
 * - A promotion is a title change to a more senior level (from the seniority table); any other title change of
 *   a champion, sponsor or executive is a title change (context), so a CSM still sees it.
 * - A new executive needs a date inside the look-back window (first seen, or the day the title became
 *   executive): a snapshot without dates cannot tell new from long-standing.
 */
import { z } from 'zod';
import { DateTime } from 'luxon';
import {
	compareSeniority,
	isAtLeast,
	parseIsoDate,
	readSeniority,
	SENIORITY_LABELS,
	SenioritySchema,
	signalId,
	toIso,
	type Account,
	type CompiledSeniorityTable,
	type ContactChange,
	type HistoryEntry,
	type Seniority,
	type Signal,
} from '../../model';
import { getSignalType } from '../../taxonomy';

const taxonomy = (id: string) => getSignalType(id).detection;

export const ExecDetectionConfigSchema = z.object({
	departureLookbackDays: z.number().positive().default(taxonomy('exec.champion_departed').lookbackDays),
	sponsorLookbackDays: z.number().positive().default(taxonomy('exec.sponsor_departed').lookbackDays),
	promotionLookbackDays: z.number().positive().default(taxonomy('exec.champion_promoted').lookbackDays),
	titleChangeLookbackDays: z.number().positive().default(taxonomy('exec.title_change').lookbackDays),
	newExecutiveLookbackDays: z.number().positive().default(taxonomy('exec.new_executive').lookbackDays),
	/** The least senior level that counts as a new executive (VP and above by default; "director" for the seeds' new IT director). */
	newExecutiveMinSeniority: SenioritySchema.default('vp'),
	/** Title changes of contacts at or above this level are reported even when they are not champion or sponsor. */
	keyContactMinSeniority: SenioritySchema.default('vp'),
	reorganisationMinContacts: z.number().int().min(2).default(taxonomy('exec.reorganisation').minContacts),
	reorganisationWindowDays: z.number().positive().default(taxonomy('exec.reorganisation').windowDays),
	reorganisationLookbackDays: z.number().positive().default(taxonomy('exec.reorganisation').lookbackDays),
});
export type ExecDetectionConfig = z.infer<typeof ExecDetectionConfigSchema>;
export type ExecDetectionConfigInput = z.input<typeof ExecDetectionConfigSchema>;

interface Context {
	asOf: DateTime;
	detectedAt: string;
	config: ExecDetectionConfig;
	accounts: ReadonlyMap<string, Account>;
	seniority?: CompiledSeniorityTable;
	/** Parsed ISO values of this run (a book's histories repeat the same dates). */
	dates: Map<string, DateTime | null>;
	levels: Map<string, Seniority | undefined>;
	cutoffs: Map<number, number>;
}

function parsed(iso: string | undefined, context: Context): DateTime | null {
	if (!iso) return null;
	let at = context.dates.get(iso);
	if (at === undefined) {
		at = parseIsoDate(iso);
		context.dates.set(iso, at);
	}
	return at;
}

const day = (iso: string) => iso.slice(0, 10);

function within(iso: string | undefined, days: number, context: Context): boolean {
	const at = parsed(iso, context);
	if (!at) return false;
	let since = context.cutoffs.get(days);
	if (since === undefined) {
		since = context.asOf.minus({ days }).toMillis();
		context.cutoffs.set(days, since);
	}
	const ms = at.toMillis();
	return ms <= context.asOf.toMillis() && ms >= since;
}

function accountName(record: ContactChange, context: Context): string {
	return context.accounts.get(record.accountId)?.name ?? record.accountId;
}

function currentTitle(record: ContactChange): string | undefined {
	for (let i = record.titleHistory.length - 1; i >= 0; i -= 1) if (record.titleHistory[i].value) return record.titleHistory[i].value ?? undefined;
	return undefined;
}

function levelOf(title: string | undefined, context: Context): Seniority | undefined {
	if (title === undefined) return undefined;
	if (!context.levels.has(title)) context.levels.set(title, readSeniority(title, context.seniority)?.level);
	return context.levels.get(title);
}

function who(record: ContactChange, title = currentTitle(record)): string {
	return `${record.name}${title ? ` (${title})` : ''}`;
}

function build(type: string, record: ContactChange, context: Context, parts: { qualifier: string; observedAt?: string; evidence: string; value?: number; attributes: Record<string, unknown>; ref?: string }): Signal {
	const definition = getSignalType(type);
	const ref = parts.ref ?? record.source.ref;
	return {
		id: signalId(record.source.system, `${ref}#${parts.qualifier}`, type),
		accountId: record.accountId,
		category: definition.category,
		type,
		polarity: definition.polarity,
		severity: definition.defaultSeverity,
		observedAt: parts.observedAt ?? context.detectedAt,
		detectedAt: context.detectedAt,
		...(parts.value !== undefined ? { value: parts.value } : {}),
		evidence: parts.evidence,
		source: { system: record.source.system, ref, ...(record.source.url && !parts.ref ? { url: record.source.url } : {}) },
		attributes: parts.attributes,
	};
}

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

/** The keys by which a company value names the account itself (id, CRM id, name, domain). */
function isTheAccount(value: string | null, record: ContactChange, context: Context): boolean {
	if (value === null) return false;
	const account = context.accounts.get(record.accountId);
	const keys = [record.accountId, account?.crm?.id, account?.name, account?.domain].filter((key): key is string => Boolean(key));
	return keys.some((key) => same(key, value));
}

interface Departure {
	at?: string;
	causes: string[];
}

function departure(record: ContactChange, lookbackDays: number, context: Context): Departure | undefined {
	const causes: Array<{ at?: string; text: string }> = [];
	if (record.leftCompanyAt && within(record.leftCompanyAt, lookbackDays, context)) causes.push({ at: record.leftCompanyAt, text: `no longer at the company since ${day(record.leftCompanyAt)}` });
	const last = record.companyHistory[record.companyHistory.length - 1];
	const earlier = record.companyHistory.slice(0, -1);
	const moved = last && (last.value === null ? earlier.some((entry) => entry.value !== null) : !isTheAccount(last.value, record, context) && (earlier.length === 0 || earlier.some((entry) => isTheAccount(entry.value, record, context))));
	if (moved && (last.at === undefined || within(last.at, lookbackDays, context))) {
		const when = last.at ? ` on ${day(last.at)}` : '';
		const where = last.value === null ? undefined : (context.accounts.get(last.value)?.name ?? record.newCompany ?? (/^[\dA-Za-z]{15,18}$|^\d+$/.test(last.value) ? undefined : last.value));
		causes.push({ at: last.at, text: last.value === null ? `removed from the company record${when}` : where ? `moved to ${where}${when}` : `moved to another company (company record ${last.value})${when}` });
	}
	const bounce = record.emailBounce;
	if (bounce?.hard && (bounce.at === undefined || within(bounce.at, lookbackDays, context))) {
		causes.push({ at: bounce.at, text: `e-mail hard-bounced${bounce.at ? ` on ${day(bounce.at)}` : ''}${bounce.reason ? ` (${bounce.reason})` : ''}` });
	}
	if (causes.length === 0) return undefined;
	const dates = causes.map((cause) => cause.at).filter((at): at is string => Boolean(at)).sort();
	return { at: dates[0], causes: causes.map((cause) => cause.text) };
}

interface TitleChange {
	from: string;
	to: string;
	at: string;
	fromLevel?: Seniority;
	toLevel?: Seniority;
}

/**
 * The title changes of a history, one per day at most: several edits on one day (a typo fixed, a title re-typed) are
 * the day's one change, from the title before it to the last one written that day — so one change is one signal.
 */
function titleChanges(history: HistoryEntry[], context: Context): TitleChange[] {
	const changes: Array<{ from: string; to: string; at: string }> = [];
	for (let i = 1; i < history.length; i += 1) {
		const before = history[i - 1];
		const after = history[i];
		if (!before.value || !after.value || !after.at || same(before.value, after.value)) continue;
		const last = changes[changes.length - 1];
		if (last && day(last.at) === day(after.at)) {
			last.to = after.value;
			last.at = after.at;
		} else changes.push({ from: before.value, to: after.value, at: after.at });
	}
	return changes
		.filter((change) => !same(change.from, change.to))
		.map((change) => ({ ...change, fromLevel: levelOf(change.from, context), toLevel: levelOf(change.to, context) }));
}

function detectContact(record: ContactChange, context: Context): Signal[] {
	const signals: Signal[] = [];
	const account = accountName(record, context);
	const config = context.config;
	const title = currentTitle(record);
	const contactAttributes = { contactId: record.contactId, contactName: record.name, ...(title ? { title } : {}) };

	const left = departure(record, Math.max(config.departureLookbackDays, config.sponsorLookbackDays), context);
	if (left) {
		const observedAt = left.at ?? context.detectedAt;
		const roles: Array<[boolean, string, string, number]> = [
			[record.isChampion, 'exec.champion_departed', 'Champion', config.departureLookbackDays],
			[record.isExecSponsor, 'exec.sponsor_departed', 'Executive sponsor', config.sponsorLookbackDays],
		];
		for (const [holds, type, role, lookback] of roles) {
			if (!holds || (left.at && !within(left.at, lookback, context))) continue;
			signals.push(
				build(type, record, context, {
					qualifier: `departed@${left.at ? day(left.at) : ''}`,
					observedAt,
					evidence: `${role} ${who(record)} left ${account}: ${left.causes.join('; ')}`,
					attributes: { ...contactAttributes, causes: left.causes, ...(record.newCompany ? { newCompany: record.newCompany } : {}) },
				}),
			);
		}
		return signals;
	}

	const changes = titleChanges(record.titleHistory, context);
	const level = record.seniority ?? levelOf(title, context);
	for (const change of changes) {
		const promoted = change.fromLevel !== undefined && change.toLevel !== undefined && compareSeniority(change.toLevel, change.fromLevel) < 0;
		const levels = change.fromLevel && change.toLevel && change.fromLevel !== change.toLevel ? ` (${SENIORITY_LABELS[change.fromLevel]} → ${SENIORITY_LABELS[change.toLevel]})` : '';
		if (record.isChampion && promoted && within(change.at, config.promotionLookbackDays, context)) {
			signals.push(
				build('exec.champion_promoted', record, context, {
					qualifier: `promoted@${day(change.at)}`,
					observedAt: change.at,
					evidence: `Champion ${record.name} promoted on ${day(change.at)}: ${change.from} → ${change.to}${levels}`,
					attributes: { ...contactAttributes, fromTitle: change.from, toTitle: change.to, fromSeniority: change.fromLevel, toSeniority: change.toLevel },
				}),
			);
			continue;
		}
		const key = record.isChampion || record.isExecSponsor || isAtLeast(change.fromLevel, config.keyContactMinSeniority) || isAtLeast(change.toLevel, config.keyContactMinSeniority);
		if (key && within(change.at, config.titleChangeLookbackDays, context)) {
			const role = record.isChampion ? 'Champion' : record.isExecSponsor ? 'Executive sponsor' : 'Executive';
			signals.push(
				build('exec.title_change', record, context, {
					qualifier: `title@${day(change.at)}`,
					observedAt: change.at,
					evidence: `${role} ${record.name} changed title on ${day(change.at)}: ${change.from} → ${change.to}${levels}`,
					attributes: { ...contactAttributes, fromTitle: change.from, toTitle: change.to, fromSeniority: change.fromLevel, toSeniority: change.toLevel },
				}),
			);
		}
	}

	if (!record.isChampion && !record.isExecSponsor && !record.lastEngagedAt && isAtLeast(level, config.newExecutiveMinSeniority)) {
		// Since when is this person an executive here: first seen, or the day their title became executive.
		const becameExecutive = [...changes].reverse().find((change) => isAtLeast(change.toLevel, config.newExecutiveMinSeniority) && !isAtLeast(change.fromLevel, config.newExecutiveMinSeniority));
		const since = [record.firstSeenAt, becameExecutive?.at].filter((at): at is string => Boolean(at) && within(at, config.newExecutiveLookbackDays, context)).sort().pop();
		if (since) {
			signals.push(
				build('exec.new_executive', record, context, {
					qualifier: `new_executive@${day(since)}`,
					observedAt: since,
					evidence: `New ${SENIORITY_LABELS[level!]} at ${account}: ${record.name}${title ? `, ${title},` : ''} since ${day(since)}; nobody on the account team has engaged them yet`,
					attributes: { ...contactAttributes, seniority: level },
				}),
			);
		}
	}
	return signals;
}

/** Several contacts of one account changing title within a short window. */
function detectReorganisations(records: readonly ContactChange[], context: Context): Signal[] {
	const { reorganisationMinContacts: minContacts, reorganisationWindowDays: windowDays, reorganisationLookbackDays: lookbackDays } = context.config;
	const byAccount = new Map<string, Array<{ record: ContactChange; change: TitleChange; atMs: number }>>();
	for (const record of records) {
		if (departure(record, lookbackDays, context)) continue;
		for (const change of titleChanges(record.titleHistory, context)) {
			if (!within(change.at, lookbackDays, context)) continue;
			const list = byAccount.get(record.accountId) ?? [];
			list.push({ record, change, atMs: parsed(change.at, context)!.toMillis() });
			byAccount.set(record.accountId, list);
		}
	}
	const signals: Signal[] = [];
	for (const [accountId, changes] of byAccount) {
		changes.sort((a, b) => a.atMs - b.atMs);
		// The earliest window of `windowDays` holding changes of at least `minContacts` different contacts.
		for (let start = 0; start < changes.length; start += 1) {
			const end = changes[start].atMs + windowDays * 86_400_000;
			const inWindow = changes.filter((entry, index) => index >= start && entry.atMs <= end);
			const people = new Map<string, (typeof inWindow)[number]>();
			for (const entry of inWindow) people.set(entry.record.contactId, entry);
			if (people.size < minContacts) continue;
			const list = [...people.values()];
			const first = list[0].change.at;
			const last = inWindow[inWindow.length - 1].change.at;
			const shown = list.slice(0, 5).map((entry) => `${entry.record.name}: ${entry.change.from} → ${entry.change.to}`);
			const more = list.length > 5 ? `; and ${list.length - 5} more` : '';
			const anchor = list[0].record;
			const name = context.accounts.get(accountId)?.name ?? accountId;
			signals.push(
				build('exec.reorganisation', anchor, context, {
					ref: `account/${accountId}`,
					qualifier: `reorganisation@${day(first)}`,
					observedAt: last,
					value: list.length,
					evidence: `Re-organisation at ${name}: ${list.length} contacts changed title between ${day(first)} and ${day(last)} (${shown.join('; ')}${more})`,
					attributes: { contactIds: list.map((entry) => entry.record.contactId), windowDays },
				}),
			);
			break;
		}
	}
	return signals;
}

export interface ExecDetectionOptions {
	asOf: DateTime;
	config?: ExecDetectionConfigInput;
	seniorityTable?: CompiledSeniorityTable;
}

/** Every exec signal for the records, as of one instant. */
export function detectExecSignals(records: readonly ContactChange[], accounts: readonly Account[], options: ExecDetectionOptions): Signal[] {
	const context: Context = {
		asOf: options.asOf,
		detectedAt: toIso(options.asOf),
		config: ExecDetectionConfigSchema.parse(options.config ?? {}),
		accounts: new Map(accounts.map((account) => [account.accountId, account])),
		seniority: options.seniorityTable,
		dates: new Map(),
		levels: new Map(),
		cutoffs: new Map(),
	};
	return [...records.flatMap((record) => detectContact(record, context)), ...detectReorganisations(records, context)];
}
