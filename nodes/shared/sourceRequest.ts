import { sleep, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions } from 'n8n-workflow';
import type { SourceContext, SourceRequest, SourceStreamRequest, StreamSourceContext } from '../../engine/sources/http';

/**
 * The engine's request port over n8n's authenticated HTTP helper: full response, no throw on HTTP
 * error statuses (the engine's retry policy decides), n8n's own `sleep` for waiting.
 */
export function sourceContext(functions: IExecuteFunctions, credentialType: string, maxAttempts: number): SourceContext {
	const request: SourceRequest = async (options) => {
		const response = (await functions.helpers.httpRequestWithAuthentication.call(functions, credentialType, {
			method: options.method,
			url: options.url,
			qs: options.qs as IDataObject | undefined,
			body: options.body as IDataObject | undefined,
			headers: options.headers,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		} as IHttpRequestOptions)) as { statusCode: number; headers: Record<string, string | string[] | undefined>; body: unknown };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
	return { request, sleep, retry: { maxAttempts } };
}

/**
 * The engine's streaming request port over the same helper: `encoding: 'stream'` hands back the body unread
 * (n8n 2.x's request helper maps it to axios `responseType: 'stream'`; with `returnFullResponse` the body is the
 * response stream, decompressed by axios when the server gzips), so an export of a million lines is read line by
 * line and never held whole.
 */
export function streamSourceContext(functions: IExecuteFunctions, credentialType: string, maxAttempts: number): StreamSourceContext {
	const streamRequest: SourceStreamRequest = async (options) => {
		const response = (await functions.helpers.httpRequestWithAuthentication.call(functions, credentialType, {
			method: options.method,
			url: options.url,
			qs: options.qs as IDataObject | undefined,
			body: options.body as IDataObject | undefined,
			headers: options.headers,
			encoding: 'stream',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		} as IHttpRequestOptions)) as { statusCode: number; headers: Record<string, string | string[] | undefined>; body: AsyncIterable<Uint8Array | string> };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
	return { streamRequest, sleep, retry: { maxAttempts } };
}
