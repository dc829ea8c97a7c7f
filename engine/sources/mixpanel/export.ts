/**
 * Mixpanel Raw Event Export (`GET https://{data|data-eu|data-in}.mixpanel.com/api/2.0/export`, official spec
 * mixpanel/docs openapi/src/export.openapi.yaml): JSONL, one event per line, read line by line from the
 * stream — the body is never held whole; gzip when Mixpanel sends it (`Accept-Encoding: gzip`).
 * Limits: 60 queries per hour, 3 per second, 100 concurrent, 429 beyond (no documented Retry-After: the
 * shared retry policy backs off exponentially, and honours Retry-After if one comes).
 *
 * The daily cursor: `from_date`/`to_date` are whole days (inclusive) in the project's time zone — UTC for
 * projects created after 1 January 2023, the project's own zone before. The cursor is the last day read
 * completely, returned here and never stored: the caller keeps it only after the whole run succeeded, so a
 * failure leaves it where it was and the next run re-reads the same days. Today is never read: its events
 * are still arriving, and a cursor cannot say "half of today", so reading it would either count part of a
 * day as the whole day (a false usage drop every morning) or read the rest twice. Each run reads up to
 * yesterday; the next run starts the day after the cursor — normally just the one new day.
 */
import { DateTime } from 'luxon';
import { pluralCount } from '../../model';
import {
	contextRedactor,
	decodedBody,
	joinUrl,
	LINE_TOO_LONG,
	readLines,
	RequestFailure,
	requestStreamWithRetry,
	requestTimeoutOf,
	SourceError,
	withIdleTimeout,
	type SourceRequestOptions,
	type StreamSourceContext,
} from '../http';
import { MIXPANEL_MAPPING_DEFAULTS, mapMixpanelLine, resolveMixpanelMapping, type MixpanelUsageEvent } from './mapping';

export type MixpanelRegion = 'us' | 'eu' | 'in';

/** Data residency: the export server of each region (the spec's `server` variable: data, data-eu, data-in). */
export const MIXPANEL_EXPORT_HOSTS: Readonly<Record<MixpanelRegion, string>> = Object.freeze({
	us: 'https://data.mixpanel.com',
	eu: 'https://data-eu.mixpanel.com',
	in: 'https://data-in.mixpanel.com',
});

export const MIXPANEL_EXPORT_PATH = '/api/2.0/export';

/** The export host: the override when set (proxy, test server), else the region's host (default US). */
export function mixpanelExportBaseUrl(settings: { region?: unknown; baseUrl?: unknown }): string {
	const override = typeof settings.baseUrl === 'string' ? settings.baseUrl.trim() : '';
	if (override) return override.replace(/\/+$/, '');
	const region = settings.region === undefined || settings.region === '' ? 'us' : settings.region;
	if (typeof region !== 'string' || !(region in MIXPANEL_EXPORT_HOSTS)) {
		throw new Error(`Mixpanel: data residency region ${JSON.stringify(region)} is not one of ${Object.keys(MIXPANEL_EXPORT_HOSTS).join(', ')}`);
	}
	return MIXPANEL_EXPORT_HOSTS[region as MixpanelRegion];
}

export interface MixpanelExportQuery {
	/** Required with a service account. */
	projectId: string | number;
	/** First and last day, inclusive, `YYYY-MM-DD` in the project's time zone. */
	fromDate: string;
	toDate: string;
	/** Only these event names (sent as a JSON array). */
	events?: readonly string[];
	/** A Mixpanel segmentation expression filtering events. */
	where?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string, name: string): void {
	if (!DATE.test(value) || !DateTime.fromISO(value, { zone: 'utc' }).isValid) throw new Error(`Mixpanel: ${name} ${JSON.stringify(value)} is not a YYYY-MM-DD date`);
}

/** The export request for one window of days. */
export function buildMixpanelExportRequest(baseUrl: string, query: MixpanelExportQuery): SourceRequestOptions {
	const projectId = String(query.projectId).trim();
	if (!/^\d+$/.test(projectId)) throw new Error(`Mixpanel: project id ${JSON.stringify(query.projectId)} is not a number (Project Settings → Overview → Project ID)`);
	checkDate(query.fromDate, 'from_date');
	checkDate(query.toDate, 'to_date');
	if (query.fromDate > query.toDate) throw new Error(`Mixpanel: from_date ${query.fromDate} is after to_date ${query.toDate}`);
	const events = (query.events ?? []).map((name) => name.trim()).filter((name) => name !== '');
	const where = query.where?.trim();
	return {
		method: 'GET',
		url: joinUrl(baseUrl, MIXPANEL_EXPORT_PATH),
		qs: {
			project_id: projectId,
			from_date: query.fromDate,
			to_date: query.toDate,
			...(events.length > 0 ? { event: JSON.stringify(events) } : {}),
			...(where ? { where } : {}),
		},
		headers: { Accept: 'text/plain', 'Accept-Encoding': 'gzip' },
	};
}

export interface MixpanelCursor {
	/** The last day (`YYYY-MM-DD`, project time zone) read completely. */
	lastCompleteDay: string;
}

export interface MixpanelWindowOptions {
	/** The stored cursor (absent on the first run). */
	cursor?: MixpanelCursor;
	/** The run's instant. */
	now: DateTime;
	/** The project's time zone (default UTC: every project created since 2023). */
	projectTimezone?: string;
	/** Days the first run reads, and the most any run reads (the usage window: older days are not needed). */
	maxDays: number;
}

/** The days the next run reads: the day after the cursor (or the window's first day) up to yesterday; undefined when up to date. */
export function nextMixpanelWindow(options: MixpanelWindowOptions): { fromDate: string; toDate: string } | undefined {
	const zone = options.projectTimezone?.trim() || 'UTC';
	const today = options.now.setZone(zone);
	if (!today.isValid) throw new Error(`Mixpanel: project time zone "${zone}" is not an IANA time zone`);
	if (!Number.isInteger(options.maxDays) || options.maxDays < 1) throw new Error(`Mixpanel: the window must be 1 day or more, not ${options.maxDays}`);
	const yesterday = today.startOf('day').minus({ days: 1 });
	const earliest = yesterday.minus({ days: options.maxDays - 1 });
	let from: DateTime = earliest;
	if (options.cursor) {
		checkDate(options.cursor.lastCompleteDay, 'cursor day');
		const afterCursor = DateTime.fromISO(options.cursor.lastCompleteDay, { zone }).plus({ days: 1 });
		if (afterCursor > from) from = afterCursor;
	}
	if (from > yesterday) return undefined;
	return { fromDate: from.toISODate()!, toDate: yesterday.toISODate()! };
}

export interface MixpanelExportOptions {
	client: StreamSourceContext & { baseUrl: string };
	query: MixpanelExportQuery;
	/** Event properties holding account, user and feature (MIXPANEL_MAPPING_DEFAULTS). */
	mapping?: Partial<Record<string, unknown>>;
	/** Bad lines reported one by one (the rest are counted); default 100. */
	maxReportedBadLines?: number;
}

export interface MixpanelBadLine {
	line: number;
	message: string;
}

export interface MixpanelExportResult {
	/** Store it once everything downstream succeeded. */
	cursor: MixpanelCursor;
	read: {
		lines: number;
		/** Events mapped (each line is one event). */
		events: number;
		/** Usage events handed on (an event of several groups counts once per group). */
		usageEvents: number;
		/** Well-formed events that name no account (anonymous traffic): counted here, attributed to no account. */
		withoutAccount: number;
		/** Lines that are not a readable event: counted, the first ones listed in `badLines`. */
		badLines: number;
	};
	badLines: MixpanelBadLine[];
}

/**
 * Read one window of the export, handing each usage event to `onEvent` as its line arrives. Bad lines never
 * stop the read: they are counted and the first `maxReportedBadLines` listed ("line 17: is not valid JSON …").
 * Throws SourceError when the request fails or the stream breaks off; by then `onEvent` has seen part of the
 * window, so the caller discards this run's counts (its stored state and cursor stay as they were).
 */
export async function readMixpanelExport(options: MixpanelExportOptions, onEvent: (event: MixpanelUsageEvent, line: number) => void): Promise<MixpanelExportResult> {
	const { client, query } = options;
	const mapping = options.mapping ? resolveMixpanelMapping(options.mapping) : MIXPANEL_MAPPING_DEFAULTS;
	const request = buildMixpanelExportRequest(client.baseUrl, query);
	const maxReported = options.maxReportedBadLines ?? 100;
	const days = query.fromDate === query.toDate ? query.fromDate : `${query.fromDate} … ${query.toDate}`;
	const read = { lines: 0, events: 0, usageEvents: 0, withoutAccount: 0, badLines: 0 };
	const badLines: MixpanelBadLine[] = [];

	let response;
	try {
		response = await requestStreamWithRetry(client, request);
	} catch (error) {
		if (!(error instanceof RequestFailure)) throw error;
		throw new SourceError(
			`Mixpanel: raw event export (GET ${MIXPANEL_EXPORT_PATH}) for ${days} failed ${error.describe()} — nothing was read; the cursor was not advanced, the next run re-reads from ${query.fromDate}`,
			'Mixpanel',
			MIXPANEL_EXPORT_PATH,
			error.statusCode,
			error.attempts,
		);
	}

	const bad = (line: number, problem: string) => {
		read.badLines += 1;
		if (badLines.length < maxReported) badLines.push({ line, message: `Mixpanel export line ${line}: ${problem} — skipped and counted` });
	};
	try {
		read.lines = await readLines(decodedBody(withIdleTimeout(response.body, requestTimeoutOf(client))), (text, line) => {
			read.lines = line;
			if (text === LINE_TOO_LONG) return bad(line, 'is longer than 1 MiB, not an event');
			if (text.trim() === '') return;
			const mapped = mapMixpanelLine(text, mapping);
			if (mapped.kind === 'bad') return bad(line, mapped.problem);
			read.events += 1;
			if (mapped.kind === 'no-account') {
				read.withoutAccount += 1;
				return;
			}
			for (const event of mapped.events) {
				read.usageEvents += 1;
				onEvent(event, line);
			}
		});
	} catch (error) {
		const code = (error as { code?: unknown })?.code;
		const reason = contextRedactor(client).text(`${typeof code === 'string' ? `${code}: ` : ''}${(error as Error)?.message ?? String(error)}`);
		throw new SourceError(
			`Mixpanel: the raw event export for ${days} broke off after ${pluralCount(read.lines, 'line')} (${reason}) — the cursor was not advanced, the next run re-reads from ${query.fromDate}; discard this run's usage counts`,
			'Mixpanel',
			MIXPANEL_EXPORT_PATH,
			response.statusCode,
			1,
		);
	}
	return { cursor: { lastCompleteDay: query.toDate }, read, badLines };
}
