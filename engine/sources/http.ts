/**
 * The one door every provider client goes through: an injected request function (nodes adapt
 * `this.helpers.httpRequestWithAuthentication` to it, tests pass a fake or point it at a fake server),
 * a retry policy that honours `Retry-After`, and errors that say which source failed, where, and what
 * had been read — never a secret.
 */
import { formatNumber, plural } from '../model';
import { redactorFor, type SecretRedactor } from './redact';

export { redactSecrets, REDACTED, SecretRedactor, redactorFor, secretForms, base64Cores } from './redact';

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

function header(response: SourceResponse, name: string): string | undefined {
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

/** A short reason from an error body (provider `message`/`error`/`description`), secrets removed. */
function errorDetail(body: unknown, redactor: SecretRedactor): string {
	let text = '';
	if (typeof body === 'string') text = body;
	else if (body && typeof body === 'object') {
		const record = body as Record<string, unknown>;
		const candidate = record.message ?? record.description ?? record.error ?? record.errors;
		if (typeof candidate === 'string') text = candidate;
		else if (candidate && typeof candidate === 'object') {
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

/**
 * One request with the retry policy: 429 and 503 wait `Retry-After` (seconds or HTTP date) when given,
 * other 5xx and network errors back off exponentially; any other non-2xx fails at once.
 * Throws RequestFailure when attempts run out.
 */
export async function requestWithRetry(context: SourceContext, options: SourceRequestOptions): Promise<SourceResponse> {
	const policy = { ...DEFAULT_RETRY_POLICY, ...(context.retry ?? {}) };
	const maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
	const now = context.now ?? Date.now;
	const redactor = contextRedactor(context);
	const timeoutMs = requestTimeoutOf(context);
	let attempt = 0;
	for (;;) {
		attempt += 1;
		let response: SourceResponse | undefined;
		let networkError: string | undefined;
		try {
			const { retryWhen: _retryWhen, ...request } = options;
			response = await withTimeout(context.request({ ...request, timeoutMs }), timeoutMs);
		} catch (error) {
			networkError = redactor.text(networkProblem(error, timeoutMs));
		}
		if (response && response.statusCode >= 200 && response.statusCode < 300) {
			// whatever the provider echoed into a good answer (a cursor, a field) does not carry a secret further
			return redactor.active ? { ...response, body: redactor.deep(response.body) } : response;
		}
		if (response && !isRetryableStatus(response.statusCode) && !options.retryWhen?.(response)) {
			throw new RequestFailure(response.statusCode, attempt, errorDetail(response.body, redactor));
		}
		let delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
		if (response && (response.statusCode === 429 || response.statusCode === 503)) {
			const retryAfter = parseRetryAfter(header(response, 'retry-after'), now());
			if (retryAfter !== undefined) {
				if (retryAfter > policy.maxRetryAfterMs) {
					const detail = errorDetail(response.body, redactor);
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
			throw new RequestFailure(response?.statusCode, attempt, response ? errorDetail(response.body, redactor) : (networkError ?? ''));
		}
		await context.sleep(delayMs);
	}
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

/** Join a base URL and a path without doubling or losing slashes. */
export function joinUrl(baseUrl: string, path: string): string {
	return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
