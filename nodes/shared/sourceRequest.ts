import { sleep, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions, type ILoadOptionsFunctions, type IOAuth2Options } from 'n8n-workflow';

/** A node run, or the editor asking a node for a list (loadOptions): both reach providers through n8n's helper. */
type RequestFunctions = IExecuteFunctions | ILoadOptionsFunctions;
import { DEFAULT_REQUEST_TIMEOUT_MS, type SourceContext, type SourceRequest, type SourceRequestOptions, type SourceResponse, type SourceStreamRequest, type StreamSourceContext } from '../../engine/sources/http';

export interface SourceContextSettings {
	/** Attempts per request (the node's "Max Attempts per Request"). */
	maxAttempts: number;
	/** Per-attempt timeout in seconds (the node's "Request Timeout (Seconds)"); default DEFAULT_REQUEST_TIMEOUT_MS. */
	timeoutSeconds?: number;
	/** The credential's secret values (credentialSecrets): redacted from everything the engine reports or reads. */
	secrets: readonly string[];
	/** For OAuth2 credentials that keep the token elsewhere (Slack's user token under `authed_user.access_token`). */
	oauth2?: IOAuth2Options;
}

type FullResponse = { statusCode: number; headers: Record<string, string | string[] | undefined>; body: unknown };

/** One request through n8n's HTTP helper: with the credential applied when one is named, else plain. */
function send(functions: RequestFunctions, credentialType: string | undefined, request: IHttpRequestOptions, oauth2?: IOAuth2Options): Promise<FullResponse> {
	return (credentialType
		? functions.helpers.httpRequestWithAuthentication.call(functions, credentialType, request, oauth2 ? { oauth2 } : undefined)
		: functions.helpers.httpRequest.call(functions, request)) as Promise<FullResponse>;
}

function requestOptions(options: SourceRequestOptions): IHttpRequestOptions {
	return {
		method: options.method,
		url: options.url,
		qs: options.qs as IDataObject | undefined,
		body: options.body as IDataObject | undefined,
		headers: options.headers,
		// a list repeats the parameter (Gmail's metadataHeaders=From&metadataHeaders=To)
		arrayFormat: 'repeat',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
	} as IHttpRequestOptions;
}

const response = (full: FullResponse): SourceResponse => ({ statusCode: full.statusCode, headers: full.headers ?? {}, body: full.body });

/** Waiting, retries, the per-attempt timeout and the secrets: the same for every port. */
function transport(settings: SourceContextSettings): Omit<SourceContext, 'request'> {
	const seconds = settings.timeoutSeconds;
	const timeoutMs = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_REQUEST_TIMEOUT_MS;
	return { sleep, retry: { maxAttempts: settings.maxAttempts }, timeoutMs, secrets: settings.secrets };
}

function context(request: SourceRequest, settings: SourceContextSettings): SourceContext {
	return { request, ...transport(settings) };
}

/**
 * The engine's request port over n8n's authenticated HTTP helper: full response, no throw on HTTP
 * error statuses (the engine's retry policy decides), n8n's own `sleep` for waiting, the per-attempt timeout
 * handed to n8n (the engine enforces it too) and the credential's secrets for redaction by value. JSON bodies.
 */
export function sourceContext(functions: RequestFunctions, credentialType: string, settings: SourceContextSettings): SourceContext {
	return context(async (options) => response(await send(functions, credentialType, { ...requestOptions(options), json: true }, settings.oauth2)), settings);
}

/**
 * The same port for sources that answer text (RSS, Atom, HTML filing pages): the body comes back as the raw bytes
 * (a Buffer), so the engine decodes it with the charset the document declares (SEC EDGAR sends ISO-8859-1). Without
 * a credential type the request goes out plain (a public feed); with one, n8n applies it (SEC EDGAR's User-Agent).
 */
export function textSourceContext(functions: IExecuteFunctions, credentialType: string | undefined, settings: SourceContextSettings): SourceContext {
	return context(async (options) => response(await send(functions, credentialType, { ...requestOptions(options), json: false, encoding: 'arraybuffer' })), settings);
}

/**
 * The engine's streaming request port over the same helper: `encoding: 'stream'` hands back the body unread
 * (n8n 2.x's request helper maps it to axios `responseType: 'stream'`; with `returnFullResponse` the body is the
 * response stream, decompressed by axios when the server gzips), so an export of a million lines is read line by
 * line and never held whole. n8n hands the timeout to the socket: an answer, or a body that stalls this long
 * mid-stream, is given up on.
 */
export function streamSourceContext(functions: IExecuteFunctions, credentialType: string, settings: SourceContextSettings): StreamSourceContext {
	const streamRequest: SourceStreamRequest = async (options) => {
		const full = await send(functions, credentialType, { ...requestOptions(options), json: false, encoding: 'stream' });
		return { statusCode: full.statusCode, headers: full.headers ?? {}, body: full.body as AsyncIterable<Uint8Array | string> };
	};
	return { streamRequest, ...transport(settings) };
}
