import { sleep, type IDataObject, type IExecuteFunctions, type IHttpRequestOptions, type IOAuth2Options } from 'n8n-workflow';
import type { SourceContext, SourceRequest } from '../../engine/sources/http';

/**
 * The engine's request port over n8n's authenticated HTTP helper: full response, no throw on HTTP
 * error statuses (the engine's retry policy decides), n8n's own `sleep` for waiting. `oauth2` is passed on to n8n
 * for OAuth2 credentials that keep the token elsewhere (Slack's user token under `authed_user.access_token`).
 */
export function sourceContext(functions: IExecuteFunctions, credentialType: string, maxAttempts: number, oauth2?: IOAuth2Options): SourceContext {
	const request: SourceRequest = async (options) => {
		const response = (await functions.helpers.httpRequestWithAuthentication.call(functions, credentialType, {
			method: options.method,
			url: options.url,
			qs: options.qs as IDataObject | undefined,
			body: options.body as IDataObject | undefined,
			headers: options.headers,
			json: true,
			arrayFormat: 'repeat',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		} as IHttpRequestOptions, oauth2 ? { oauth2 } : undefined)) as { statusCode: number; headers: Record<string, string | string[] | undefined>; body: unknown };
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
	};
	return { request, sleep, retry: { maxAttempts } };
}
