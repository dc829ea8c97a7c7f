/**
 * One run of CS Usage Signals: read → map → accumulate → detect → the state to keep. Three sources:
 *   - Mixpanel's raw event export, streamed line by line, for the days after the carried state's last day;
 *   - Pendo's aggregation (accounts × days, grouped server-side), for the same days;
 *   - usage rows from any upstream node (per-event or pre-aggregated), with or without carried state.
 *
 * The carried state (engine/detect/usage/state.ts) is the cursor too: its last day is the last day read
 * completely, so the next run asks for the days after it — normally just the one new day. It is returned, never
 * stored here: the node keeps it only after the whole run succeeded, so a failure leaves it where it was and the
 * next run reads the same days again. A state this run cannot build on (another time zone, other thresholds, an
 * as-of before its last day) is not an error: the run recounts the whole window and says why (`carried.notice`).
 *
 * Replaying history (a backtest): call a sweep with `asOf` at each evaluation date — nothing on or after that
 * date's day is counted (the as-of day is partial, later rows have not happened yet) — and either no state (the
 * rows or the export hold the whole window) or the previous date's state plus the rows of the days since (rows of
 * days the state counted already are skipped as `alreadyCounted`). Both give the same signals.
 */
import { pluralCount, type UnusableItem } from '../model';
import {
	DEFAULT_USAGE_SYSTEM,
	restoreUsageAccumulator,
	UsageAccumulator,
	UsageRowIngest,
	UsageRun,
	UsageStateError,
	accumulatorOptions,
	usageStateBytes,
	usageStateOf,
	type UsageRowsOptions,
	type UsageRowsSummary,
	type UsageRunOptions,
	type UsageRunResult,
	type UsageRunSummary,
	type UsageState,
} from '../detect/usage';
import { contextRedactor, type SourceContext, type StreamSourceContext } from '../sources/http';
import { nextMixpanelWindow, readMixpanelExport, type MixpanelExportResult } from '../sources/mixpanel';
import { readPendoFeatureNames, readPendoUsage, type PendoUsageResult } from '../sources/pendo';

/** Days per Pendo aggregation request: a first run reads its window in slices this long. */
export const DEFAULT_PENDO_DAYS_PER_REQUEST = 7;

/** The source system each mode names in its signals (part of every signal id). */
export const USAGE_SOURCE_SYSTEMS = Object.freeze({ mixpanel: 'mixpanel', pendo: 'pendo', inputItems: DEFAULT_USAGE_SYSTEM });

export interface UsageSweepOptions extends UsageRunOptions {
	/** Account items (CRM): licensed seats, contract start; and, with `accountKeyField`, the product's key. */
	accounts?: readonly unknown[];
	/** The state the last successful run returned (workflow static data), if any. */
	previous?: unknown;
}

export interface UsageSweepSummary extends UsageRunSummary {
	/** What became of the state carried in. */
	carried: { restored: boolean; lastDay: string | null; notice?: string };
	/** The state to carry out: its size as stored (bytes of JSON), accounts and users it keeps. */
	state: { bytes: number; accounts: number; users: number; lastDay: string };
}

export interface UsageSweepResult extends UsageRunResult {
	/** Store it (only) once the run succeeded; the next run builds on it. */
	state: UsageState;
	summary: UsageSweepSummary;
}

/** A fresh accumulator, or the carried state restored onto this run's window (a state it cannot use is recounted). */
function startRun(options: UsageSweepOptions): { run: UsageRun; carried: UsageSweepSummary['carried'] } {
	const accounts = options.accounts ?? [];
	if (options.previous === undefined || options.previous === null) {
		return { run: new UsageRun(accounts, options), carried: { restored: false, lastDay: null } };
	}
	try {
		const accumulator = restoreUsageAccumulator(options.previous, accumulatorOptions(options));
		return { run: new UsageRun(accounts, options, accumulator), carried: { restored: true, lastDay: (options.previous as UsageState).lastDay } };
	} catch (error) {
		if (!(error instanceof UsageStateError)) throw error;
		return { run: new UsageRun(accounts, options, new UsageAccumulator(accumulatorOptions(options))), carried: { restored: false, lastDay: null, notice: error.message } };
	}
}

function finishRun<S extends UsageRunSummary>(run: UsageRun, result: UsageRunResult & { summary: S }, carried: UsageSweepSummary['carried']): UsageRunResult & { state: UsageState; summary: S & UsageSweepSummary } {
	const state = usageStateOf(run.accumulator);
	return {
		...result,
		state,
		summary: { ...result.summary, carried, state: { bytes: usageStateBytes(state), accounts: state.accounts, users: state.users, lastDay: state.lastDay } },
	};
}

/**
 * A provider run's result as it leaves the sweep: what it could not use is paired with the run's trigger item
 * (records of an export are no input items), and the credential's secret values are removed from every signal
 * and message — whatever the provider's data echoed into an event name or an account key.
 */
function cleaned(result: UsageRunResult, client: Pick<SourceContext, 'secrets'>): UsageRunResult {
	const redactor = contextRedactor(client);
	const unusable = result.unusable.map((item) => ({ ...(item.input === 'usage' ? { ...item, itemIndex: 0 } : item), message: redactor.text(item.message) }));
	return { ...result, unusable, signals: redactor.deep(result.signals) };
}

/** The first day this run still has to count: the day after the carried state, or the window's first day. */
function firstDayToRead(accumulator: UsageAccumulator): number {
	return accumulator.finalThrough + 1;
}

// ── Mixpanel ───────────────────────────────────────────────────────────────────────────────────────────

export interface MixpanelUsageSweepOptions extends UsageSweepOptions {
	client: StreamSourceContext & { baseUrl: string };
	/** The project's id (Project Settings → Overview). */
	projectId: string | number;
	/** Event properties holding account, user and feature (MIXPANEL_MAPPING_DEFAULTS). */
	mapping?: Partial<Record<string, unknown>>;
	/** Only these event names. */
	events?: readonly string[];
	/** A Mixpanel segmentation expression filtering events. */
	where?: string;
	/** Unreadable lines listed one by one; default 100 (all are counted). */
	maxReportedBadLines?: number;
}

export interface MixpanelUsageSweepResult extends UsageSweepResult {
	summary: UsageSweepSummary & {
		/** The days asked for (null: the state was up to date, nothing was requested). */
		requested: { fromDate: string; toDate: string } | null;
		read: MixpanelExportResult['read'];
	};
}

/**
 * Mixpanel mode. `timezone` is the project's time zone (UTC for projects created since 2023): Mixpanel's
 * from_date/to_date are days of that zone, so usage days are counted in it too and every day read is whole.
 */
export async function sweepMixpanelUsage(options: MixpanelUsageSweepOptions): Promise<MixpanelUsageSweepResult> {
	const { run, carried } = startRun({ ...options, system: options.system?.trim() || USAGE_SOURCE_SYSTEMS.mixpanel, rowLabel: 'Mixpanel export line' });
	const accumulator = run.accumulator;
	const calendar = accumulator.calendar;
	const window = nextMixpanelWindow({
		cursor: accumulator.finalThrough >= 0 ? { lastCompleteDay: calendar.date(accumulator.finalThrough) } : undefined,
		now: calendar.asOf,
		projectTimezone: calendar.zone,
		maxDays: accumulator.days,
	});
	let read: MixpanelExportResult['read'] = { lines: 0, events: 0, usageEvents: 0, withoutAccount: 0, badLines: 0 };
	const unusable: UnusableItem[] = [];
	if (window) {
		const result = await readMixpanelExport(
			{ client: options.client, query: { projectId: options.projectId, ...window, events: options.events, where: options.where }, mapping: options.mapping, maxReportedBadLines: options.maxReportedBadLines },
			(event, line) => run.addEvent(event, line),
		);
		read = result.read;
		// export lines are no input items: each problem is paired with the run's trigger item
		for (const bad of result.badLines) unusable.push({ itemIndex: 0, input: 'usage', message: bad.message });
		const unlisted = result.read.badLines - result.badLines.length;
		if (unlisted > 0) unusable.push({ itemIndex: 0, input: 'usage', message: `Mixpanel export: ${pluralCount(unlisted, 'more unreadable line')} — skipped and counted` });
	}
	const finished = finishRun(run, cleaned(run.finish(unusable), options.client), carried);
	return { ...finished, summary: { ...finished.summary, requested: window ?? null, read } };
}

// ── Pendo ──────────────────────────────────────────────────────────────────────────────────────────────

export interface PendoUsageSweepOptions extends UsageSweepOptions {
	client: SourceContext & { baseUrl: string };
	/** Also read usage per feature (a second aggregation over featureEvents). */
	byFeature?: boolean;
	/** Only one app of a multi-app subscription. */
	appId?: string | number;
	/** featureId → the feature's name; absent, the names are read from the subscription's feature list. */
	featureNames?: Readonly<Record<string, string>>;
	/** Days per aggregation request (a first run reads the whole window in slices); default DEFAULT_PENDO_DAYS_PER_REQUEST. */
	daysPerRequest?: number;
}

export interface PendoUsageSweepResult extends UsageSweepResult {
	summary: UsageSweepSummary & {
		requested: { fromDate: string; toDate: string; requests: number } | null;
		read: { results: number; withoutAccount: number; badResults: number };
	};
}

/** Pendo mode. `timezone` is the subscription's time zone: Pendo's day periods start at its midnight. */
export async function sweepPendoUsage(options: PendoUsageSweepOptions): Promise<PendoUsageSweepResult> {
	const { run, carried } = startRun({ ...options, system: options.system?.trim() || USAGE_SOURCE_SYSTEMS.pendo, rowLabel: 'Pendo result' });
	const accumulator = run.accumulator;
	const calendar = accumulator.calendar;
	const first = firstDayToRead(accumulator);
	const last = accumulator.days - 1;
	const slice = options.daysPerRequest ?? DEFAULT_PENDO_DAYS_PER_REQUEST;
	if (!Number.isInteger(slice) || slice < 1) throw new Error(`Pendo: days per request must be a whole number of 1 or more, not ${JSON.stringify(options.daysPerRequest)}`);
	const read = { results: 0, withoutAccount: 0, badResults: 0 };
	const unusable: UnusableItem[] = [];
	let requests = 0;
	let resultIndex = 0;
	const take = (result: PendoUsageResult, featureOnly: boolean) => {
		read.results += result.read.results;
		read.withoutAccount += result.read.withoutAccount;
		read.badResults += result.read.badResults;
		for (const bad of result.badResults) unusable.push({ itemIndex: 0, input: 'usage', message: bad.message });
		for (const row of result.rows) run.addDay(row, resultIndex++, featureOnly);
	};
	const featureNames = options.byFeature && first <= last ? (options.featureNames ?? (await readPendoFeatureNames(options.client))) : undefined;
	for (let from = first; from <= last; from += slice) {
		const days = Math.min(slice, last - from + 1);
		const query = { fromDate: calendar.date(from), days, timezone: calendar.zone, appId: options.appId };
		take(await readPendoUsage({ client: options.client, query }), false);
		requests += 1;
		if (options.byFeature) {
			take(await readPendoUsage({ client: options.client, query: { ...query, byFeature: true }, featureNames }), true);
			requests += 1;
		}
	}
	const finished = finishRun(run, cleaned(run.finish(unusable), options.client), carried);
	return {
		...finished,
		summary: { ...finished.summary, requested: first <= last ? { fromDate: calendar.date(first), toDate: calendar.date(last), requests } : null, read },
	};
}

// ── rows from input items ──────────────────────────────────────────────────────────────────────────────

export interface UsageRowsSweepOptions extends UsageSweepOptions, UsageRowsOptions {
	/**
	 * Keep counts between runs: the rows of each run are only the days since the last one (re-sent days are
	 * skipped). Off (default): every run's rows hold the whole window and `previous` is not read.
	 */
	carryState?: boolean;
}

export interface UsageRowsSweepResult extends UsageSweepResult {
	summary: UsageSweepSummary & UsageRowsSummary;
}

/** From input items (or a file, the CLI): rows mapped by the field map, streamed or in memory. */
export async function sweepUsageRows(rows: AsyncIterable<unknown> | Iterable<unknown>, options: UsageRowsSweepOptions): Promise<UsageRowsSweepResult> {
	const { run, carried } = startRun(options.carryState ? options : { ...options, previous: undefined });
	const ingest = new UsageRowIngest(run, options);
	let index = 0;
	for await (const row of rows) ingest.push(row, index++);
	return finishRun(run, ingest.finish(), carried);
}
