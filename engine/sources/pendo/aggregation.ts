/**
 * Pendo Aggregation API (`POST https://app.pendo.io/api/v1/aggregation`, key in the `x-pendo-integration-key`
 * header — the credential adds it): one request whose pipeline makes Pendo itself group the events by
 * account and day, so what comes back is already accounts × days, never raw events.
 *
 * The pipeline (shape from Pendo's own ETL examples, pendo-io/pendo-ETL-API-calls):
 *   source `events` (or `featureEvents`, per feature) over a `timeSeries` of `dayRange` periods starting at
 *   the window's first day → `identified: visitorId` (known visitors only) → `group` by accountId, day
 *   (and featureId) with `activeUsers: {count: visitorId}` (distinct visitors) and `events: {sum: numEvents}`.
 * Each result's `day` is the epoch-millisecond start of the day in the subscription's time zone.
 * Regional hosts are the app host of each Pendo data centre; the credential can override the base URL.
 */
import { DateTime } from 'luxon';
import type { UsageDay } from '../../model';
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type SourceContext, type SourceRequestOptions } from '../http';

export type PendoRegion = 'us' | 'eu' | 'us1' | 'jpn' | 'au';

export const PENDO_HOSTS: Readonly<Record<PendoRegion, string>> = Object.freeze({
	us: 'https://app.pendo.io',
	eu: 'https://app.eu.pendo.io',
	us1: 'https://us1.app.pendo.io',
	jpn: 'https://app.jpn.pendo.io',
	au: 'https://app.au.pendo.io',
});

export const PENDO_AGGREGATION_PATH = '/api/v1/aggregation';

/** The API host: the override when set, else the region's host (default US). */
export function pendoBaseUrl(settings: { region?: unknown; baseUrl?: unknown }): string {
	const override = typeof settings.baseUrl === 'string' ? settings.baseUrl.trim() : '';
	if (override) return override.replace(/\/+$/, '');
	const region = settings.region === undefined || settings.region === '' ? 'us' : settings.region;
	if (typeof region !== 'string' || !(region in PENDO_HOSTS)) throw new Error(`Pendo: region ${JSON.stringify(region)} is not one of ${Object.keys(PENDO_HOSTS).join(', ')}`);
	return PENDO_HOSTS[region as PendoRegion];
}

export interface PendoUsageQuery {
	/** First day of the window, `YYYY-MM-DD` in the subscription's time zone. */
	fromDate: string;
	/** Number of days from fromDate. */
	days: number;
	/** The subscription's time zone (Settings → Subscription settings); default UTC. */
	timezone?: string;
	/** Group by feature too (featureEvents source): rows per account, day and feature. */
	byFeature?: boolean;
	/** Only one app of a multi-app subscription; default all apps. */
	appId?: string | number;
}

function windowStart(query: PendoUsageQuery): DateTime {
	const zone = query.timezone?.trim() || 'UTC';
	if (!/^\d{4}-\d{2}-\d{2}$/.test(query.fromDate)) throw new Error(`Pendo: first day ${JSON.stringify(query.fromDate)} is not a YYYY-MM-DD date`);
	const start = DateTime.fromISO(query.fromDate, { zone });
	if (!start.isValid) throw new Error(`Pendo: first day ${JSON.stringify(query.fromDate)} or time zone "${zone}" is not valid`);
	if (!Number.isInteger(query.days) || query.days < 1) throw new Error(`Pendo: the window must be 1 day or more, not ${query.days}`);
	return start;
}

/** The aggregation request body: Pendo groups events by account and day (and feature) server-side. */
export function buildPendoUsagePipeline(query: PendoUsageQuery): Record<string, unknown> {
	const start = windowStart(query);
	const sourceName = query.byFeature ? 'featureEvents' : 'events';
	const filter = query.appId === undefined || query.appId === '' ? null : { appId: query.appId };
	const group = query.byFeature ? ['accountId', 'day', 'featureId'] : ['accountId', 'day'];
	return {
		response: { mimeType: 'application/json' },
		request: {
			name: 'cs-signal-os-usage',
			requestId: `cs-signal-os-usage-${query.fromDate}-${query.days}${query.byFeature ? '-features' : ''}`,
			pipeline: [
				{ source: { [sourceName]: filter, timeSeries: { period: 'dayRange', first: start.toMillis(), count: query.days } } },
				{ identified: 'visitorId' },
				{ group: { group, fields: { activeUsers: { count: 'visitorId' }, events: { sum: 'numEvents' } } } },
				{ sort: group },
			],
		},
	};
}

export function buildPendoAggregationRequest(baseUrl: string, query: PendoUsageQuery): SourceRequestOptions {
	return {
		method: 'POST',
		url: joinUrl(baseUrl, PENDO_AGGREGATION_PATH),
		body: buildPendoUsagePipeline(query),
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
	};
}

export const PENDO_FEATURE_PATH = '/api/v1/feature';

/** featureId → name, from the subscription's feature list (`GET /api/v1/feature`), for per-feature usage. */
export async function readPendoFeatureNames(client: SourceContext & { baseUrl: string }): Promise<Record<string, string>> {
	let body: unknown;
	try {
		body = (await requestWithRetry(client, { method: 'GET', url: joinUrl(client.baseUrl, PENDO_FEATURE_PATH), headers: { Accept: 'application/json' } })).body;
	} catch (error) {
		if (!(error instanceof RequestFailure)) throw error;
		throw new SourceError(`Pendo: the feature list (GET ${PENDO_FEATURE_PATH}) failed ${error.describe()} — nothing was read; the next run asks for the same days again`, 'Pendo', PENDO_FEATURE_PATH, error.statusCode, error.attempts);
	}
	if (!Array.isArray(body)) throw new SourceError(`Pendo: the feature list (GET ${PENDO_FEATURE_PATH}) is not a list — is the region or base URL right?`, 'Pendo', PENDO_FEATURE_PATH, 200, 1);
	const names: Record<string, string> = {};
	for (const feature of body as Array<{ id?: unknown; name?: unknown }>) {
		if (typeof feature?.id === 'string' && typeof feature.name === 'string' && feature.name.trim() !== '') names[feature.id] = feature.name.trim();
	}
	return names;
}

/** A canonical pre-aggregated usage row (engine/model) with both counts, as Pendo gives them. */
export type PendoUsageDay = UsageDay & { activeUsers: number; events: number };

export interface PendoUsageOptions {
	client: SourceContext & { baseUrl: string };
	query: PendoUsageQuery;
	/** featureId → the feature's name (from `GET /api/v1/feature`); unmapped ids are used as they are. */
	featureNames?: Readonly<Record<string, string>>;
	/** Bad results listed one by one (the rest are counted); default 100. */
	maxReportedBadResults?: number;
}

export interface PendoUsageResult {
	rows: PendoUsageDay[];
	read: { results: number; withoutAccount: number; badResults: number };
	badResults: Array<{ index: number; message: string }>;
}

function count(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** One aggregation request for the window; results mapped to pre-aggregated rows (account, day, active users, events). */
export async function readPendoUsage(options: PendoUsageOptions): Promise<PendoUsageResult> {
	const { client, query } = options;
	const request = buildPendoAggregationRequest(client.baseUrl, query);
	const zone = query.timezone?.trim() || 'UTC';
	const maxReported = options.maxReportedBadResults ?? 100;
	const days = `${query.fromDate} + ${query.days} day${query.days === 1 ? '' : 's'}`;
	let body: unknown;
	try {
		body = (await requestWithRetry(client, request)).body;
	} catch (error) {
		if (!(error instanceof RequestFailure)) throw error;
		throw new SourceError(
			`Pendo: aggregation (POST ${PENDO_AGGREGATION_PATH}) for ${days} failed ${error.describe()} — nothing was read; the next run asks for the same days again`,
			'Pendo',
			PENDO_AGGREGATION_PATH,
			error.statusCode,
			error.attempts,
		);
	}
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as unknown;
		} catch {
			body = undefined;
		}
	}
	const results = (body as { results?: unknown } | undefined)?.results;
	if (!Array.isArray(results)) {
		throw new SourceError(`Pendo: aggregation (POST ${PENDO_AGGREGATION_PATH}) answered without a "results" array — is the region or base URL right?`, 'Pendo', PENDO_AGGREGATION_PATH, 200, 1);
	}
	const rows: PendoUsageDay[] = [];
	const read = { results: results.length, withoutAccount: 0, badResults: 0 };
	const badResults: Array<{ index: number; message: string }> = [];
	results.forEach((result: unknown, index) => {
		const bad = (problem: string) => {
			read.badResults += 1;
			if (badResults.length < maxReported) badResults.push({ index, message: `Pendo result ${index}: ${problem} — skipped and counted` });
		};
		if (result === null || typeof result !== 'object') return bad('is not an object');
		const r = result as Record<string, unknown>;
		const accountId = typeof r.accountId === 'string' ? r.accountId.trim() : typeof r.accountId === 'number' ? String(r.accountId) : '';
		if (accountId === '') {
			read.withoutAccount += 1;
			return;
		}
		const dayMs = count(r.day);
		if (dayMs === undefined) return bad(`day ${JSON.stringify(r.day)} is not an epoch-millisecond day`);
		const activeUsers = count(r.activeUsers);
		const events = count(r.events);
		if (activeUsers === undefined || events === undefined) return bad(`activeUsers ${JSON.stringify(r.activeUsers)} / events ${JSON.stringify(r.events)} are not counts`);
		const row: PendoUsageDay = { accountId, day: DateTime.fromMillis(dayMs, { zone }).toISODate()!, activeUsers, events };
		if (query.byFeature) {
			const featureId = typeof r.featureId === 'string' ? r.featureId : undefined;
			if (!featureId) return bad('has no featureId');
			row.feature = options.featureNames?.[featureId] ?? featureId;
		}
		rows.push(row);
	});
	return { rows, read, badResults };
}
