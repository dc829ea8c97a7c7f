/**
 * The engine's request ports (engine/sources/http.ts) over real sockets to a running fake, for engine-level
 * tests: every URL goes to the fake's plain-HTTP port with the host it names kept in the Host header, so the
 * fake routes on it (and a test sees which data-residency host was meant) — what n8n's request helper does
 * through the routing proxy in the node and end-to-end tests.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { SourceRequest, SourceRequestOptions, SourceStreamRequest } from '../../engine/sources/http';
import type { RunningFakeProviders } from './providers';

function queryString(options: SourceRequestOptions): string {
	const entries = Object.entries(options.qs ?? {}).filter(([, value]) => value !== undefined) as Array<[string, string | number | boolean]>;
	const qs = new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString();
	return qs ? `?${qs}` : '';
}

function send(fakes: RunningFakeProviders, options: SourceRequestOptions, extraHeaders: Record<string, string>): Promise<IncomingMessage> {
	const target = new URL(options.url);
	const local = new URL(fakes.httpUrl!);
	const body = options.body === undefined ? undefined : JSON.stringify(options.body);
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			{
				host: local.hostname,
				port: local.port,
				method: options.method,
				path: `${target.pathname}${queryString(options)}`,
				headers: { ...(options.headers ?? {}), ...extraHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }), Host: target.host },
			},
			resolve,
		);
		request.on('error', reject);
		request.end(body);
	});
}

/** A streaming request port (what a node builds from httpRequestWithAuthentication with encoding: 'stream'). */
export function streamRequestTo(fakes: RunningFakeProviders, extraHeaders: Record<string, string> = {}): SourceStreamRequest {
	return async (options) => {
		const response = await send(fakes, options, extraHeaders);
		return { statusCode: response.statusCode ?? 0, headers: response.headers, body: response };
	};
}

/** A JSON request port (the body parsed when it is JSON). */
export function jsonRequestTo(fakes: RunningFakeProviders, extraHeaders: Record<string, string> = {}): SourceRequest {
	return async (options) => {
		const response = await send(fakes, options, extraHeaders);
		const chunks: Buffer[] = [];
		for await (const chunk of response) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// text stays text
		}
		return { statusCode: response.statusCode ?? 0, headers: response.headers, body };
	};
}
