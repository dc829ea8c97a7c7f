/**
 * A received webhook request as the verifiers see it: the RAW body bytes (never a parsed and re-serialised
 * copy: one changed space breaks every signature), the headers as a server or a provider's delivery log gives
 * them, and — where a provider signs it — the method and the full URL it called.
 *
 * Header names are matched case-insensitively (HTTP says they are; Node lower-cases them, a delivery log keeps
 * the provider's spelling). A header may come as an array (Node's `IncomingMessage.headersDistinct`, a capture
 * tool) and a proxy that merges a repeated header joins the values with ", "; both count as several values.
 */
import { z } from 'zod';

export type HeaderValue = string | number | ReadonlyArray<string | number> | undefined;
export type WebhookHeaders = Readonly<Record<string, HeaderValue>>;

export interface WebhookRequest {
	/** HTTP method (HubSpot signs it); default POST. */
	method?: string;
	/** The full URL the provider called, query string included (HubSpot signs it; Graph's `validationToken` is in it). */
	url?: string;
	/** The query string already parsed (n8n's `req.query`); used when `url` has none. */
	query?: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>;
	headers: WebhookHeaders;
	/** The exact bytes received (n8n: `req.rawBody`). A string is taken as its UTF-8 bytes. */
	rawBody: Uint8Array | string | undefined;
}

/** The body's bytes, or undefined when the raw body was not kept. */
export function bodyBytes(rawBody: WebhookRequest['rawBody']): Buffer | undefined {
	if (rawBody === undefined || rawBody === null) return undefined;
	if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
	if (rawBody instanceof Uint8Array) return Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength);
	return undefined;
}

/** Every value a header carries, whatever the spelling of its name, arrays flattened, blanks dropped. */
export function headerValues(headers: WebhookHeaders, name: string, splitCommas = false): string[] {
	const wanted = name.toLowerCase();
	const values: string[] = [];
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted || value === undefined || value === null) continue;
		const list = Array.isArray(value) ? value : [value];
		for (const item of list as Array<string | number>) {
			const text = String(item);
			for (const part of splitCommas ? text.split(',') : [text]) {
				const trimmed = part.trim();
				if (trimmed !== '') values.push(trimmed);
			}
		}
	}
	return values;
}

export type HeaderLookup = { state: 'missing' } | { state: 'one'; value: string } | { state: 'conflicting'; count: number };

/**
 * One header's single value. The same value repeated (a proxy that copied it) counts as one; different values
 * are a conflict the verifier refuses rather than guess which one the provider meant.
 */
export function singleHeader(headers: WebhookHeaders, name: string, splitCommas = true): HeaderLookup {
	const values = headerValues(headers, name, splitCommas);
	if (values.length === 0) return { state: 'missing' };
	const distinct = [...new Set(values)];
	if (distinct.length > 1) return { state: 'conflicting', count: distinct.length };
	return { state: 'one', value: distinct[0] };
}

/** A query parameter from the URL, else from the parsed query. */
export function queryParameter(request: WebhookRequest, name: string): string | undefined {
	if (request.url) {
		try {
			const value = new URL(request.url, 'http://localhost').searchParams.get(name);
			if (value !== null) return value;
		} catch {
			// not a URL: fall through to the parsed query
		}
	}
	const value = request.query?.[name];
	if (Array.isArray(value)) return value[0];
	return typeof value === 'string' ? value : undefined;
}

const headerScalar = z.union([z.string(), z.number()]);
const headerObject = z.record(z.string(), z.union([headerScalar, z.array(headerScalar), z.null()]));
const headerPairs = z.array(z.object({ name: z.string(), value: headerScalar }));

/**
 * Headers from a capture (a provider's delivery log, a request-bin, `curl -v` turned into JSON): an object
 * of name → value (or array of values), or a list of `{ name, value }` pairs (HAR). An object with a
 * `headers` field (a whole captured request) is read through it. Throws a sentence saying what is wrong.
 */
export function parseCapturedHeaders(input: unknown, label = 'headers'): WebhookHeaders {
	const unwrapped =
		input && typeof input === 'object' && !Array.isArray(input) && 'headers' in input && typeof (input as { headers: unknown }).headers === 'object'
			? (input as { headers: unknown }).headers
			: input;
	const pairs = headerPairs.safeParse(unwrapped);
	if (pairs.success) {
		const headers: Record<string, Array<string | number>> = {};
		for (const { name, value } of pairs.data) (headers[name] ??= []).push(value);
		return headers;
	}
	const object = headerObject.safeParse(unwrapped);
	if (object.success) {
		const headers: Record<string, HeaderValue> = {};
		for (const [name, value] of Object.entries(object.data)) if (value !== null) headers[name] = value;
		return headers;
	}
	const bad = object.error.issues[0];
	const where = bad?.path.length ? ` (at "${bad.path.join('.')}")` : '';
	throw new Error(`${label} must be a JSON object of header name → value (a string, a number or a list of them), or a list of {"name", "value"} pairs${where}`);
}
