/**
 * The engine's request port over fetch, for unit tests that run a source against a running fake (the nodes use
 * n8n's httpRequestWithAuthentication instead). `headers` carry the credential (Basic / Bearer); `sleeps`
 * records every wait the retry policy and the pacing asked for, without waiting.
 */
import type { SourceContext, SourceRequestOptions, SourceResponse } from '../../engine/sources/http';

export function fetchContext(headers: Record<string, string>, extra: Partial<SourceContext> = {}): SourceContext & { sleeps: number[]; calls: SourceRequestOptions[] } {
	const sleeps: number[] = [];
	const calls: SourceRequestOptions[] = [];
	const request = async (options: SourceRequestOptions): Promise<SourceResponse> => {
		calls.push(options);
		const url = new URL(options.url);
		for (const [key, value] of Object.entries(options.qs ?? {})) for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) url.searchParams.append(key, String(one));
		const body = options.body === undefined ? undefined : JSON.stringify(options.body);
		const response = await fetch(url, {
			method: options.method,
			headers: { ...(options.headers ?? {}), ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
			body,
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// a non-JSON body stays text
		}
		const responseHeaders: Record<string, string> = {};
		response.headers.forEach((value, key) => {
			responseHeaders[key] = value;
		});
		return { statusCode: response.status, headers: responseHeaders, body: parsed };
	};
	return { request, sleep: async (ms: number) => void sleeps.push(ms), now: () => 0, sleeps, calls, ...extra };
}

export const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
