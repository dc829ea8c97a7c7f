import { sleep, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions } from 'n8n-workflow';
import { DEFAULT_REQUEST_TIMEOUT_MS, type SourceContext, type SourceRequest, type SourceStreamRequest, type StreamSourceContext } from '../../engine/sources/http';

export interface SourceContextSettings {
	/** Attempts per request (the node's "Max Attempts per Request"). */
	maxAttempts: number;
	/** Per-attempt timeout in seconds (the node's "Request Timeout (Seconds)"); default DEFAULT_REQUEST_TIMEOUT_MS. */
	timeoutSeconds?: number;
	/** The credential's secret values (credentialSecrets): redacted from everything the engine reports or reads. */
	secrets: readonly string[];
}

/**
 * The engine's request port over n8n's authenticated HTTP helper: full response, no throw on HTTP
 * error statuses (the engine's retry policy decides), n8n's own `sleep` for waiting, the per-attempt timeout
 * handed to n8n (the engine enforces it too) and the credential's secrets for redaction by value.
 */
export function sourceContext(functions: IExecuteFunctions, credentialType: string, settings: SourceContextSettings): SourceContext {
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
			...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
		} as IHttpRequestOptions)) as { statusCode: number; headers: Record<string, string | string[] | undefined>; body: unknown };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
	return { request, ...transport(settings) };
}

/** Waiting, retries, the per-attempt timeout and the secrets: the same for both ports. */
function transport(settings: SourceContextSettings): Omit<SourceContext, 'request'> {
	const seconds = settings.timeoutSeconds;
	const timeoutMs = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_REQUEST_TIMEOUT_MS;
	return { sleep, retry: { maxAttempts: settings.maxAttempts }, timeoutMs, secrets: settings.secrets };
}

/**
 * The engine's streaming request port over the same helper: `encoding: 'stream'` hands back the body unread
 * (n8n 2.x's request helper maps it to axios `responseType: 'stream'`; with `returnFullResponse` the body is the
 * response stream, decompressed by axios when the server gzips), so an export of a million lines is read line by
 * line and never held whole.
 */
export function streamSourceContext(functions: IExecuteFunctions, credentialType: string, settings: SourceContextSettings): StreamSourceContext {
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
			// n8n hands it to the socket: an answer, or a body that stalls this long mid-stream, is given up on
			...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
		} as IHttpRequestOptions)) as { statusCode: number; headers: Record<string, string | string[] | undefined>; body: AsyncIterable<Uint8Array | string> };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
	return { streamRequest, ...transport(settings) };
}
