/**
 * Gong API v2 reader: the calls of a time window (`GET /v2/calls`, `records.cursor` paging), their parties and CRM
 * context (`POST /v2/calls/extensive`, by call id, cursor in the body) and their transcripts
 * (`POST /v2/calls/transcript`, by call id). Gong answers 404 "No calls found" for an empty window: that is an
 * empty list, not an error (as n8n's own Gong node treats it).
 *
 * Rate: Gong allows 3 requests a second per customer and a daily quota (10,000 by default). Requests are spaced
 * out to the per-second rate; a 429 waits its Retry-After, and one asking to wait longer than a sweep waits (the
 * daily quota) fails the run at once with what was read — the stored cursor stays, the next run re-reads.
 */
import type { DateTime } from 'luxon';
import { plural } from '../../model';
import { joinUrl, RequestFailure, requestWithRetry, SourceError, type SourceContext, type SourceRequestOptions } from '../http';
import { PagingGuard } from '../paging';
import { paced } from '../pacing';

export const GONG_DEFAULT_BASE_URL = 'https://api.gong.io';
/** Gong's documented rate: 3 requests per second. */
export const GONG_REQUESTS_PER_SECOND = 3;
/** Call ids per extensive / transcript request (Gong pages the answers itself). */
export const GONG_CALL_IDS_PER_REQUEST = 100;

export interface GongClientOptions extends SourceContext {
	/** The customer's API host (`https://us-12345.api.gong.io`) or an override (proxy, test server). */
	baseUrl: string;
	callIdsPerRequest?: number;
}

/**
 * The API base of a Gong account. Gong gives every customer its own host (shown in Gong under Company settings →
 * API); the credential's base URL is that host, `https://api.gong.io` when empty.
 */
export function gongBaseUrl(settings: { baseUrl?: unknown }): string {
	const value = typeof settings.baseUrl === 'string' ? settings.baseUrl.trim() : '';
	if (!value) return GONG_DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new Error(`Gong: the credential's base URL ${JSON.stringify(value)} is not a URL; use the API host Gong shows under Company settings → API, e.g. https://us-12345.api.gong.io`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Gong: the credential's base URL ${JSON.stringify(value)} must start with https://`);
	return value.replace(/\/+$/, '').replace(/\/v2$/, '');
}

/** Gong's `CallBasicData`. */
export interface GongCallMetaData {
	id: string;
	url?: string;
	title?: string;
	scheduled?: string;
	started?: string;
	duration?: number;
	scope?: string;
	system?: string;
	[key: string]: unknown;
}

/** Gong's `Party`. */
export interface GongParty {
	id?: string;
	name?: string;
	emailAddress?: string;
	title?: string;
	speakerId?: string;
	affiliation?: string;
	methods?: string[];
	[key: string]: unknown;
}

export interface GongContextObject {
	objectType?: string;
	objectId?: string;
	fields?: Array<{ name?: string; value?: unknown }>;
}

/** Gong's `CallData` (extensive) with its transcript merged on when read. */
export interface GongCall {
	metaData: GongCallMetaData;
	context?: Array<{ system?: string; objects?: GongContextObject[] }>;
	parties?: GongParty[];
	/** Gong's `CallTranscript.transcript`: monologues of sentences (ms from the start of the call). */
	transcript?: Array<{ speakerId?: string; topic?: string; sentences?: Array<{ start?: number; end?: number; text?: string }> }>;
}

export interface GongReadOptions {
	client: GongClientOptions;
	/** Calls that started in [from, to). */
	from: DateTime;
	to: DateTime;
	/** Read transcripts too (the language detectors need them; attendance and cadence do not). */
	transcripts: boolean;
	/** Where the run resumes next time when this one fails (for the error message). */
	resumeFrom: string;
}

export interface GongCalls {
	calls: GongCall[];
	read: { pages: number; calls: number; transcripts: number };
}

interface Progress {
	pages: number;
	calls: number;
	transcripts: number;
}

const LIST_PATH = '/v2/calls';
const EXTENSIVE_PATH = '/v2/calls/extensive';
const TRANSCRIPT_PATH = '/v2/calls/transcript';

function describeRead(progress: Progress): string {
	return `${plural(progress.pages, 'page')} / ${plural(progress.calls, 'call')} / ${plural(progress.transcripts, 'transcript')} were read`;
}

function cursorOf(body: unknown): string | undefined {
	const cursor = (body as { records?: { cursor?: unknown } } | undefined)?.records?.cursor;
	return typeof cursor === 'string' && cursor !== '' ? cursor : undefined;
}

/** One page; 404 (Gong's "No calls found") is an empty page. */
async function page(options: GongReadOptions, progress: Progress, what: string, request: SourceRequestOptions, path: string): Promise<unknown | null> {
	try {
		const response = await requestWithRetry(options.client, request);
		progress.pages += 1;
		return response.body ?? {};
	} catch (error) {
		if (!(error instanceof RequestFailure)) throw error;
		if (error.statusCode === 404) return null;
		throw new SourceError(
			`Gong: ${what} (${request.method} ${path}) failed ${error.describe()} — ${describeRead(progress)}; the cursor was not advanced, the next run re-reads from ${options.resumeFrom}`,
			'Gong',
			path,
			error.statusCode,
			error.attempts,
			{ pages: progress.pages, calls: progress.calls, transcripts: progress.transcripts },
		);
	}
}

function pagingError(path: string, problem: string, progress: Progress): SourceError {
	return new SourceError(`Gong: ${path} ${problem} — ${plural(progress.pages, 'page')} were read; the cursor was not advanced`, 'Gong', path, 200, 1, { ...progress });
}

function shapeError(path: string, field: string, progress: Progress): SourceError {
	return new SourceError(`Gong: ${path} answered without a "${field}" array on page ${progress.pages} — is the base URL your Gong API host?`, 'Gong', path, 200, 1, { ...progress });
}

async function listCallIds(options: GongReadOptions, progress: Progress): Promise<string[]> {
	const { client } = options;
	const ids: string[] = [];
	const guard = new PagingGuard(client.maxPages);
	let cursor: string | undefined;
	for (;;) {
		const body = await page(
			options,
			progress,
			'call list',
			{
				method: 'GET',
				url: joinUrl(client.baseUrl, LIST_PATH),
				qs: { fromDateTime: options.from.toUTC().toISO({ suppressMilliseconds: true })!, toDateTime: options.to.toUTC().toISO({ suppressMilliseconds: true })!, ...(cursor ? { cursor } : {}) },
				headers: { Accept: 'application/json' },
			},
			LIST_PATH,
		);
		if (body === null) break;
		const calls = (body as { calls?: unknown }).calls;
		if (!Array.isArray(calls)) throw shapeError(LIST_PATH, 'calls', progress);
		for (const call of calls) if (call && typeof (call as { id?: unknown }).id === 'string') ids.push((call as { id: string }).id);
		const next = cursorOf(body);
		if (!next) break;
		const problem = guard.follow(next);
		if (problem) throw pagingError(LIST_PATH, problem, progress);
		cursor = next;
	}
	return [...new Set(ids)];
}

/** A POST endpoint filtered by call ids, every page of it. */
async function postByCallIds(options: GongReadOptions, progress: Progress, what: string, path: string, callIds: string[], body: Record<string, unknown>, field: string): Promise<unknown[]> {
	const out: unknown[] = [];
	const guard = new PagingGuard(options.client.maxPages);
	let cursor: string | undefined;
	for (;;) {
		const answer = await page(
			options,
			progress,
			what,
			{
				method: 'POST',
				url: joinUrl(options.client.baseUrl, path),
				body: { ...body, filter: { callIds }, ...(cursor ? { cursor } : {}) },
				headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			},
			path,
		);
		if (answer === null) break;
		const records = (answer as Record<string, unknown>)[field];
		if (!Array.isArray(records)) throw shapeError(path, field, progress);
		out.push(...records);
		const next = cursorOf(answer);
		if (!next) break;
		const problem = guard.follow(next);
		if (problem) throw pagingError(path, problem, progress);
		cursor = next;
	}
	return out;
}

function batches<T>(list: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

/** Every call that started in the window, with parties, CRM context and (when asked) its transcript. */
export async function readGongCalls(options: GongReadOptions): Promise<GongCalls> {
	const client = paced(options.client, Math.ceil(1000 / GONG_REQUESTS_PER_SECOND));
	const run: GongReadOptions = { ...options, client };
	const progress: Progress = { pages: 0, calls: 0, transcripts: 0 };
	const ids = await listCallIds(run, progress);
	const calls: GongCall[] = [];
	const size = Math.max(1, options.client.callIdsPerRequest ?? GONG_CALL_IDS_PER_REQUEST);
	for (const group of batches(ids, size)) {
		const extensive = (await postByCallIds(
			run,
			progress,
			'extensive call data',
			EXTENSIVE_PATH,
			group,
			{ contentSelector: { context: 'Extended', contextTiming: ['TimeOfCall'], exposedFields: { parties: true } } },
			'calls',
		)) as GongCall[];
		const byId = new Map<string, GongCall>();
		for (const call of extensive) if (call?.metaData && typeof call.metaData.id === 'string') byId.set(call.metaData.id, call);
		progress.calls += byId.size;
		if (options.transcripts && byId.size > 0) {
			const transcripts = (await postByCallIds(run, progress, 'transcripts', TRANSCRIPT_PATH, [...byId.keys()], {}, 'callTranscripts')) as Array<{ callId?: string; transcript?: GongCall['transcript'] }>;
			for (const entry of transcripts) {
				const call = typeof entry?.callId === 'string' ? byId.get(entry.callId) : undefined;
				if (call && Array.isArray(entry.transcript)) {
					call.transcript = entry.transcript;
					progress.transcripts += 1;
				}
			}
		}
		calls.push(...byId.values());
	}
	return { calls, read: { ...progress } };
}
