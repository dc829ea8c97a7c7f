/**
 * The one door every provider client goes through: an injected request function (nodes adapt
 * `this.helpers.httpRequestWithAuthentication` to it, tests pass a fake or point it at a fake server),
 * a retry policy that honours `Retry-After`, and errors that say which source failed, where, and what
 * had been read — never a secret.
 */
import { formatNumber, plural } from '../model';
import { redactorFor, type SecretRedactor } from './redact';

export { redactSecrets, REDACTED, SecretRedactor, redactorFor, secretForms, base64Cores } from './redact';

import { StringDecoder } from 'node:string_decoder';
import { Readable, pipeline } from 'node:stream';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';

/** A query parameter; a list repeats the parameter (`metadataHeaders=From&metadataHeaders=To`). */
export type QueryValue = string | number | boolean | readonly string[];

export interface SourceRequestOptions {
	method: 'GET' | 'POST';
	url: string;
	qs?: Record<string, QueryValue | undefined>;
	body?: unknown;
	headers?: Record<string, string>;
	/** Give up on this attempt after so many milliseconds without an answer (the context's timeout). */
	timeoutMs?: number;
	/**
	 * A non-2xx answer that is a rate limit although its status is not 429 (Gmail's 403 `rateLimitExceeded`):
	 * retried with exponential backoff like a 5xx instead of failing at once.
	 */
	retryWhen?: (response: SourceResponse) => boolean;
}

export interface SourceResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Performs one HTTP request with the credential applied; must not throw on HTTP error statuses. */
export type SourceRequest = (options: SourceRequestOptions) => Promise<SourceResponse>;

/** Waits (n8n-workflow's `sleep` in nodes; a fake clock in tests). */
export type Sleep = (ms: number) => Promise<void>;

export interface RetryPolicy {
	/** Attempts per request, first one included. */
	maxAttempts: number;
	/** First backoff for 5xx without Retry-After; doubles per attempt. */
	baseDelayMs: number;
	/** Longest backoff between two attempts. */
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for (a daily limit): the sweep fails at once. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 4,
	baseDelayMs: 1_000,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
};

/** How long one attempt may wait for an answer before it counts as failed (and is retried). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface SourceContext {
	request: SourceRequest;
	sleep: Sleep;
	retry?: Partial<RetryPolicy>;
	/** Clock for HTTP-date Retry-After values (default: Date.now). */
	now?: () => number;
	/**
	 * The credential values this source runs with (the node layer knows them): removed, in every form, from error
	 * messages, quoted bodies and everything read (see redact.ts). Whatever the provider echoes, none reaches a person.
	 */
	secrets?: readonly string[];
	/** Per-attempt timeout in milliseconds (default DEFAULT_REQUEST_TIMEOUT_MS). */
	timeoutMs?: number;
	/** Most pages one listing may take before it fails as endless (default DEFAULT_MAX_PAGES). */
	maxPages?: number;
}

/** The redactor of a source context (its secrets, compiled once). */
export function contextRedactor(context: Pick<SourceContext, 'secrets'>): SecretRedactor {
	return redactorFor(context.secrets);
}

/** A source that could not be read to the end. The message says what was read and what happens next. */
export class SourceError extends Error {
	constructor(
		message: string,
		readonly source: string,
		readonly endpoint: string,
		readonly statusCode: number | undefined,
		readonly attempts: number,
		/** What had been read when it stopped, by what it is: `{ companies: 3, deals: 2, contacts: 0 }`. */
		readonly read: Readonly<Record<string, number>> = {},
	) {
		super(message);
		this.name = 'SourceError';
	}
}

/** One request that failed for good (internal: paginators turn it into a SourceError with progress). */
export class RequestFailure extends Error {
	constructor(
		readonly statusCode: number | undefined,
		readonly attempts: number,
		readonly detail: string,
	) {
		super(detail);
		this.name = 'RequestFailure';
	}

	/** "after 4 attempts (HTTP 503: Service Unavailable)" */
	describe(): string {
		const attempts = `after ${plural(this.attempts, 'attempt')}`;
		const status = this.statusCode === undefined ? 'no HTTP response' : `HTTP ${this.statusCode}`;
		return `${attempts} (${status}${this.detail ? `: ${this.detail}` : ''})`;
	}
}

function header(response: Pick<SourceResponse, 'headers'>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(response.headers ?? {})) {
		if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const at = Date.parse(trimmed);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - nowMs);
}

/**
 * `X-RateLimit-Reset` as milliseconds to wait: Intercom's 429 carries no Retry-After, only the unix time (seconds)
 * its window resets. Undefined when absent or unreadable; 0 when the reset is already past.
 */
export function parseRateLimitReset(value: string | undefined, nowMs: number): number | undefined {
	if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
	return Math.max(0, Number(value.trim()) * 1000 - nowMs);
}

/** A short reason from an error body (provider `message`/`error`/`description`), secrets removed. */
function errorDetail(body: unknown, redactor: SecretRedactor): string {
	let text = '';
	if (typeof body === 'string') text = body;
	else if (Array.isArray(body) && body.length > 0 && body.every((entry) => entry && typeof entry === 'object' && typeof (entry as Record<string, unknown>).message === 'string')) {
		// Salesforce answers errors as an array: [{ message, errorCode, fields }]
		text = body
			.map((entry) => {
				const { message, errorCode } = entry as Record<string, unknown>;
				return typeof errorCode === 'string' && errorCode ? `${errorCode}: ${message as string}` : (message as string);
			})
			.join('; ');
	} else if (body && typeof body === 'object') {
		const record = body as Record<string, unknown>;
		const candidate = record.message ?? record.description ?? record.error ?? record.errors;
		if (typeof candidate === 'string') text = candidate;
		else if (Array.isArray(candidate) && candidate.length > 0 && candidate.every((entry) => entry && typeof entry === 'object' && typeof (entry as Record<string, unknown>).message === 'string')) {
			// Intercom's error.list: { errors: [{ code, message }] }
			text = candidate.map((entry) => (entry as Record<string, unknown>).message as string).join('; ');
		} else if (candidate && typeof candidate === 'object') {
			const nested = candidate as Record<string, unknown>;
			text = typeof nested.message === 'string' ? nested.message : typeof nested.title === 'string' ? nested.title : JSON.stringify(candidate);
		}
	}
	// redact before cutting, so a cut never leaves half a secret that no longer matches
	text = redactor.text(text.replace(/\s+/g, ' ').trim());
	return text.length > 160 ? redactor.text(`${text.slice(0, 157)}...`) : text;
}

function isRetryableStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

/** What the retry loop needs from a response of either kind (a parsed body or a stream). */
interface RetryableResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
}

/**
 * The retry policy around any kind of request: 429 and 503 wait `Retry-After` (seconds or HTTP date) when
 * given (a 429 without it waits for its `X-RateLimit-Reset` epoch, as Intercom sends), other 5xx and network errors back off exponentially; any other non-2xx fails at once. `errorBody` gives
 * the body of a failed response (for the reason in the message, secrets removed) and releases it; `good` cleans a
 * good answer of the secrets. Throws RequestFailure when attempts run out.
 */
async function withRetry<R extends RetryableResponse>(
	context: Omit<SourceContext, 'request'>,
	send: (timeoutMs: number) => Promise<R>,
	errorBody: (response: R) => Promise<unknown>,
	good: (response: R, redactor: SecretRedactor) => R,
	retryable?: (response: R) => boolean,
): Promise<R> {
	const policy = { ...DEFAULT_RETRY_POLICY, ...(context.retry ?? {}) };
	const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
	const now = context.now ?? Date.now;
	const redactor = contextRedactor(context);
	const timeoutMs = requestTimeoutOf(context);
	let attempt = 0;
	for (;;) {
		attempt += 1;
		let response: R | undefined;
		let networkError: string | undefined;
		try {
			response = await withTimeout(send(timeoutMs), timeoutMs);
		} catch (error) {
			networkError = redactor.text(networkProblem(error, timeoutMs));
		}
		if (response && response.statusCode >= 200 && response.statusCode < 300) return good(response, redactor);
		const body = response ? await errorBody(response) : undefined;
		if (response && !isRetryableStatus(response.statusCode) && !retryable?.(response)) {
			throw new RequestFailure(response.statusCode, attempt, errorDetail(body, redactor));
		}
		let delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
		if (response && (response.statusCode === 429 || response.statusCode === 503)) {
			const retryAfter = parseRetryAfter(header(response, 'retry-after'), now()) ?? (response.statusCode === 429 ? parseRateLimitReset(header(response, 'x-ratelimit-reset'), now()) : undefined);
			if (retryAfter !== undefined) {
				if (retryAfter > policy.maxRetryAfterMs) {
					const detail = errorDetail(body, redactor);
					throw new RequestFailure(
						response.statusCode,
						attempt,
						`${detail ? `${detail}; ` : ''}the provider asks to wait ${Math.ceil(retryAfter / 1000)} s, longer than the ${Math.ceil(policy.maxRetryAfterMs / 1000)} s this sweep waits`,
					);
				}
				delayMs = retryAfter;
			}
		}
		if (attempt >= maxAttempts) {
			throw new RequestFailure(response?.statusCode, attempt, response ? errorDetail(body, redactor) : (networkError ?? ''));
		}
		await context.sleep(delayMs);
	}
}

/**
 * One request with the retry policy (see withRetry), its per-attempt timeout and redaction: whatever the provider
 * echoed into a good answer (a cursor, a field) does not carry a secret further.
 */
export async function requestWithRetry(context: SourceContext, options: SourceRequestOptions): Promise<SourceResponse> {
	const { retryWhen, ...request } = options;
	return withRetry(
		context,
		(timeoutMs) => context.request({ ...request, timeoutMs }),
		async (response) => response.body,
		(response, redactor) => (redactor.active ? { ...response, body: redactor.deep(response.body) } : response),
		retryWhen,
	);
}

/** The per-attempt timeout of a context: its own when it is a positive finite number, else the default. */
export function requestTimeoutOf(context: Pick<SourceContext, 'timeoutMs'>): number {
	const value = context.timeoutMs;
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_REQUEST_TIMEOUT_MS;
}

/** The attempt did not answer in time (the engine's own timer; the request function may have one too). */
class RequestTimeout extends Error {
	constructor(readonly timeoutMs: number) {
		super(`no answer within ${timeoutMs < 1000 ? `${Math.round(timeoutMs)} ms` : `${formatNumber(timeoutMs / 1000)} s`}`);
		this.name = 'RequestTimeout';
	}
}

/**
 * The request, or a RequestTimeout after `timeoutMs`: the request function is asked to time out too (n8n's
 * `timeout` option), this timer makes sure of it whatever the transport does.
 */
function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new RequestTimeout(timeoutMs)), timeoutMs);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_REQUEST_TIMEOUT']);

/** What went wrong when no HTTP answer came: the timeout in words, else the network code and message. */
function networkProblem(error: unknown, timeoutMs: number): string {
	if (error instanceof RequestTimeout) return error.message;
	const code = (error as { code?: unknown })?.code;
	const message = (error as Error)?.message ?? String(error);
	if ((typeof code === 'string' && TIMEOUT_CODES.has(code)) || /\btime(d)? ?out\b/i.test(message)) return new RequestTimeout(timeoutMs).message;
	return `${typeof code === 'string' ? `${code} ` : ''}${message}`.trim();
}

// ── streaming ────────────────────────────────────────────────────────────────────────────────────

/** A response whose body is read as it arrives: a Node Readable, or any async iterable of chunks. */
export interface SourceStreamResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: AsyncIterable<Uint8Array | string>;
}

/**
 * Performs one HTTP request and hands back the body unread (nodes: `httpRequestWithAuthentication` with
 * `encoding: 'stream'`, `returnFullResponse: true`, `ignoreHttpStatusErrors: true`); must not throw on HTTP
 * error statuses.
 */
export type SourceStreamRequest = (options: SourceRequestOptions) => Promise<SourceStreamResponse>;

/** A source context whose requests hand back the body unread (its secrets, timeout and retry policy as SourceContext's). */
export interface StreamSourceContext extends Omit<SourceContext, 'request'> {
	streamRequest: SourceStreamRequest;
}

/** The first bytes of a failed response's body, for the reason in the message; the rest is discarded. */
const ERROR_BODY_BYTES = 4096;

/** Stop reading a body and let its connection go. */
export async function discardBody(body: AsyncIterable<Uint8Array | string>): Promise<void> {
	const stream = body as { destroy?: () => void };
	if (typeof stream.destroy === 'function') {
		stream.destroy();
		return;
	}
	await (body[Symbol.asyncIterator]() as AsyncIterator<unknown>).return?.();
}

async function readErrorBody(body: AsyncIterable<Uint8Array | string>): Promise<unknown> {
	const chunks: Buffer[] = [];
	let bytes = 0;
	try {
		for await (const chunk of body) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
			chunks.push(buffer);
			bytes += buffer.length;
			if (bytes >= ERROR_BODY_BYTES) break;
		}
	} catch {
		// a body that breaks off still leaves the status line to report
	}
	await discardBody(body).catch(() => undefined);
	let raw = Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES);
	if (raw[0] === 0x1f && raw[1] === 0x8b) {
		try {
			raw = gunzipSync(raw, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
		} catch {
			return '';
		}
	}
	const text = raw.toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/**
 * One streaming request with the same retry policy, Retry-After handling and redaction as requestWithRetry.
 * A failed attempt's body is read only up to 4 KB (for the reason) and released before the next attempt.
 */
export async function requestStreamWithRetry(context: StreamSourceContext, options: SourceRequestOptions): Promise<SourceStreamResponse> {
	return withRetry(
		context,
		(timeoutMs) => context.streamRequest({ ...options, timeoutMs }),
		(response) => readErrorBody(response.body),
		(response) => response,
	);
}

/**
 * The body as it arrives, gunzipped when it is gzip. Decided by the gzip magic bytes rather than
 * `Content-Encoding`, because an HTTP client may already have decoded it and left the header in place.
 */
export async function* decodedBody(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer | string> {
	const iterator = body[Symbol.asyncIterator]();
	const first = await iterator.next();
	if (first.done) return;
	const head = first.value;
	const rest: AsyncIterable<Uint8Array | string> = {
		[Symbol.asyncIterator]: () => ({ next: () => iterator.next(), return: async () => (await iterator.return?.()) ?? { done: true, value: undefined } }),
	};
	const gzipped = typeof head !== 'string' && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
	if (!gzipped) {
		yield typeof head === 'string' ? head : Buffer.from(head.buffer, head.byteOffset, head.byteLength);
		for await (const chunk of rest) yield typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		return;
	}
	async function* all() {
		yield head;
		yield* rest;
	}
	const gunzip = createGunzip();
	const output = pipeline(Readable.from(all()), gunzip, () => undefined);
	for await (const chunk of output) yield chunk as Buffer;
}

/**
 * The body, failing when nothing arrives for `timeoutMs` (a stream that stalls mid-body): the per-attempt timeout
 * covers waiting for the answer, this covers the rest of it. The body is released when it fails.
 */
export async function* withIdleTimeout<T>(body: AsyncIterable<T>, timeoutMs: number): AsyncGenerator<T> {
	const iterator = body[Symbol.asyncIterator]();
	try {
		for (;;) {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const stalled = new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new RequestTimeout(timeoutMs)), timeoutMs);
			});
			let step: IteratorResult<T>;
			try {
				step = await Promise.race([iterator.next(), stalled]);
			} finally {
				clearTimeout(timer);
			}
			if (step.done) return;
			yield step.value;
		}
	} finally {
		await discardBody(body as AsyncIterable<Uint8Array | string>).catch(() => undefined);
	}
}

/** A line that is longer than `maxLineChars` (its text is not kept). */
export const LINE_TOO_LONG = null;

/**
 * Split a body into lines as it arrives (LF or CRLF), calling `onLine(text, lineNumber)` for each; line numbers
 * start at 1. A line longer than `maxLineChars` is passed as LINE_TOO_LONG instead of being held in memory.
 * Returns the number of lines. Memory holds one chunk and one line, whatever the body's size.
 */
export async function readLines(
	body: AsyncIterable<Buffer | Uint8Array | string>,
	onLine: (text: string | typeof LINE_TOO_LONG, lineNumber: number) => void,
	maxLineChars = 1_048_576,
): Promise<number> {
	const decoder = new StringDecoder('utf8');
	let pending = '';
	let tooLong = false;
	let lineNumber = 0;
	const emit = (text: string) => {
		lineNumber += 1;
		if (tooLong) {
			tooLong = false;
			onLine(LINE_TOO_LONG, lineNumber);
		} else onLine(text.endsWith('\r') ? text.slice(0, -1) : text, lineNumber);
	};
	for await (const chunk of body) {
		const text = pending + (typeof chunk === 'string' ? chunk : decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
		let start = 0;
		for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
			emit(text.slice(start, newline));
			start = newline + 1;
		}
		pending = text.slice(start);
		if (pending.length > maxLineChars) {
			tooLong = true;
			pending = '';
		}
	}
	pending += decoder.end();
	if (pending !== '' || tooLong) emit(pending);
	return lineNumber;
}

/** Join a base URL and a path without doubling or losing slashes. */
export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
