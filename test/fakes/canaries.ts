/**
 * Canary credentials and echoing providers, for the "no secret in any output" tests of every source.
 *
 * A new source adopts it in three steps (see test/nodes/secrets.test.ts and test/unit/redaction.test.ts):
 *   1. plant a canary in every secret field of its credential (`canaryCredentials` knows each credential type
 *      of the package through nodes/shared/credentialSecrets.ts; give it your type's extra fields);
 *   2. let the fake answer with every `ECHO_RESPONSES` entry (programmed faults: `echoFault`), at 401/403/429/500;
 *   3. `expectNoCanary(everything, canary)` over the items, the error items, the thrown error and the log lines.
 *
 * `findCanary` is written independently of the product's redactor (engine/sources/redact.ts): it decodes what
 * it finds (base64 runs at every offset, URL-, JSON- and HTML-encoding, repeatedly) instead of encoding the
 * canary, so a form the redactor does not know still shows up here.
 */
import type { FaultResponse, FaultRule } from './providers';

/** Four kinds of token, chosen for the forms they take: HubSpot's `pat-`, plain, JWT-like, and one full of URL/JSON metacharacters. */
export const CANARY_KINDS = {
	hubspotPat: (n: number) => `pat-na1-c4a7a12e-${String(n).padStart(4, '0')}-4f3b-9d2e-canary0c0ffee`,
	plain: (n: number) => `zdCanary${String(n).padStart(4, '0')}Q7xL2mP9vB4kR8sT1wY6nH3jF5`,
	jwtLike: (n: number) => `eyJhbGciOiJIUzI1NiJ9.eyJjYW5hcnkiOiIke${n}In0.Zx_-canary-${n}-SiGnAtUrE`,
	symbols: (n: number) => `c+n/ry=${n}&k%y"q\\t 'x<y>z;${n}`,
} as const;
export type CanaryKind = keyof typeof CANARY_KINDS;
export const CANARY_KIND_NAMES = Object.keys(CANARY_KINDS) as CanaryKind[];

export function canary(kind: CanaryKind, n = 1): string {
	return CANARY_KINDS[kind](n);
}

/**
 * Credentials of one type with `secret` in every secret field. The modes are the ways the type authenticates
 * (Zendesk: API token as Basic `email/token:…`, or OAuth Bearer).
 */
export const CANARY_CREDENTIALS: Record<string, Record<string, (secret: string, baseUrl: string) => Record<string, string>>> = {
	csHubSpotApi: {
		privateApp: (secret, baseUrl) => ({ accessToken: secret, baseUrl }),
	},
	csZendeskApi: {
		apiToken: (secret, baseUrl) => ({ authType: 'apiToken', email: 'admin@example.com', apiToken: secret, accessToken: secret, baseUrl, subdomain: 'acme' }),
		oauthToken: (secret, baseUrl) => ({ authType: 'oauthToken', email: 'admin@example.com', apiToken: secret, accessToken: secret, baseUrl, subdomain: 'acme' }),
	},
	// SEC EDGAR needs no secret: its User-Agent is a public declaration (organisation and contact), nothing to redact
	csSecEdgarApi: {},
	csMixpanelApi: {
		serviceAccount: (secret, baseUrl) => ({ username: 'svc.cs', secret, projectId: '2195193', region: 'us', projectTimezone: 'UTC', baseUrl }),
	},
	csPendoApi: {
		integrationKey: (secret, baseUrl) => ({ integrationKey: secret, region: 'us', subscriptionTimezone: 'UTC', baseUrl }),
	},
	csGongApi: {
		basic: (secret, baseUrl) => ({ accessKey: 'GONGACCESSKEY01', accessKeySecret: secret, baseUrl }),
	},
	csIntercomApi: {
		bearer: (secret, baseUrl) => ({ accessToken: secret, region: 'us', workspaceId: '', baseUrl }),
	},
	// CS Signal Trigger only verifies what arrives with it and sends it nowhere: no provider can echo it (test/nodes/signal-trigger.test.ts checks no output or log line holds it)
	csWebhookSecretApi: {},
};

/** An n8n OAuth2 credential holding a valid, non-expired token (n8n refreshes nothing) with `secret` in every secret. */
function oauth2(secret: string, extra: Record<string, unknown> = {}, tokenData: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		clientId: 'client-id',
		clientSecret: secret,
		grantType: 'authorizationCode',
		authentication: 'header',
		accessTokenUrl: 'https://oauth2.example.com/token',
		authUrl: 'https://oauth2.example.com/authorize',
		scope: '',
		...extra,
		oauthTokenData: { access_token: secret, refresh_token: secret, token_type: 'Bearer', expires_in: 3599, ...tokenData },
	};
}

/**
 * n8n's own credential types that package nodes use (CS Email Signals, CS Slack Signals), with `secret` in every
 * field nodes/shared/credentialSecrets.ts lists for them (N8N_CREDENTIAL_SECRET_PATHS).
 */
export const N8N_CANARY_CREDENTIALS: Record<string, Record<string, (secret: string, baseUrl: string) => Record<string, unknown>>> = {
	gmailOAuth2: { gmailOAuth2: (secret) => oauth2(secret) },
	microsoftOutlookOAuth2Api: { outlookOAuth2: (secret, baseUrl) => oauth2(secret, { graphApiBaseUrl: baseUrl }) },
	slackApi: { slackBotToken: (secret) => ({ accessToken: secret, signatureSecret: secret }) },
	slackOAuth2Api: { slackUserOAuth2: (secret) => ({ ...oauth2(secret, { signatureSecret: secret }), oauthTokenData: { access_token: secret, token_type: 'bot', authed_user: { access_token: secret, token_type: 'user' } } }) },
};

/**
 * Nine ways a provider echoes a credential in an error answer. `{{authorization}}`, `{{credential}}` and
 * `{{decoded}}` are filled by the fake from the request it received (the real header, whatever the scheme).
 */
export const ECHO_RESPONSES: Record<string, (secret: string) => Omit<FaultResponse, 'status'>> = {
	'raw token, no keyword': (secret) => ({ body: { error: 'Unauthorized', description: `${secret} is not a valid key for this account` } }),
	'Authorization header echoed': () => ({ echo: true, body: { error: 'Forbidden', description: 'request had Authorization: {{authorization}}' } }),
	'Authorization value without its scheme': () => ({ echo: true, body: { message: 'credential {{credential}} was rejected' } }),
	'decoded Basic value (email/token:…)': () => ({ echo: true, body: { error: { message: 'no agent for {{decoded}}', title: 'Unauthorized' } } }),
	'bare bearer token': (secret) => ({ body: { status: 'error', message: `invalid_token Bearer ${secret}`, category: 'INVALID_AUTHENTICATION' } }),
	'URL-encoded api_token%3D…': (secret) => ({ echo: true, body: { description: `redirect to /login?next=%2Fapi%3Fapi_token%3D${encodeURIComponent(secret)} from {{url}}` } }),
	'JSON inside a JSON string': (secret) => ({ echo: true, body: { errors: JSON.stringify({ token: secret, authorization: '{{authorization}}' }) } }),
	'HTML error page': (secret) => ({ echo: true, text: `<html><body><h1>Error</h1><p>Authorization: {{authorization}}</p><pre>${secret.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>`, headers: { 'content-type': 'text/html' } }),
	'echoed in headers and base64 in the body': (secret) => ({
		echo: true,
		headers: { 'x-echo-authorization': '{{authorization}}', 'www-authenticate': `Bearer error="invalid_token", token="${encodeURIComponent(secret)}"` },
		body: { message: `key ${Buffer.from(secret).toString('base64')} revoked` },
	}),
};
export const ECHO_NAMES = Object.keys(ECHO_RESPONSES);

/** The statuses providers echo credentials with. */
export const ECHO_STATUSES = [401, 403, 429, 500] as const;

/** A programmed fault that answers every matching request with one echoing response (repeated: retries see it too). */
export function echoFault(provider: FaultRule['provider'], echo: string, status: number, secret: string, path?: string): FaultRule {
	const response = { ...ECHO_RESPONSES[echo](secret), status, ...(status === 429 ? { retryAfter: 0 } : {}) } as FaultResponse;
	return { provider, ...(path ? { path } : {}), responses: [response], repeatLast: true };
}

function decodeUrl(text: string): string {
	return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
		try {
			return decodeURIComponent(run);
		} catch {
			return run;
		}
	}).replace(/\+/g, ' ');
}

function decodeJson(text: string): string {
	return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\(["\\/])/g, '$1');
}

function decodeHtml(text: string): string {
	return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[name] ?? '');
}

/** Every base64 run decoded at every starting offset, standard and URL-safe alphabets. */
function decodeBase64Runs(text: string): string[] {
	const out: string[] = [];
	for (const run of text.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []) {
		for (let shift = 0; shift < 4; shift++) {
			const part = run.slice(shift).replace(/-/g, '+').replace(/_/g, '/');
			out.push(Buffer.from(part, 'base64').toString('latin1'));
		}
	}
	return out;
}

/** Pieces of the secret that count as a leak: the whole, and every run of 12 characters of it. */
function pieces(secret: string): string[] {
	const size = Math.min(12, secret.length);
	const list = new Set<string>([secret]);
	for (let i = 0; i + size <= secret.length; i++) list.add(secret.slice(i, i + size));
	return [...list];
}

/**
 * Where the secret (or 12 characters of it) shows in the text in any form: raw, URL-/JSON-/HTML-encoded (also
 * nested), or inside base64 at any alignment. Returns a description of the first form found, or null.
 */
export function findCanary(text: string, secret: string): string | null {
	const parts = pieces(secret);
	const latin1Parts = parts.map((p) => Buffer.from(p, 'utf8').toString('latin1'));
	let layer = [text];
	const names = ['raw', 'decoded once', 'decoded twice', 'decoded three times'];
	for (let depth = 0; depth < names.length; depth++) {
		for (const candidate of layer) {
			const hit = parts.find((p) => candidate.includes(p));
			if (hit) return `${names[depth]}: …${hit}…`;
			for (const decoded of decodeBase64Runs(candidate)) {
				const b64 = latin1Parts.find((p) => decoded.includes(p));
				if (b64) return `base64 (${names[depth]}): …${b64}…`;
			}
		}
		layer = layer.flatMap((candidate) => [decodeUrl(candidate), decodeJson(candidate), decodeHtml(candidate)]).filter((next, i, all) => all.indexOf(next) === i && !layer.includes(next));
		if (layer.length === 0) break;
	}
	return null;
}

/** Every string in a value: object keys and values, Errors' message, description, stack, context and cause. */
export function allStrings(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
	if (typeof value === 'string') {
		out.push(value);
		return out;
	}
	if (value === null || typeof value !== 'object' || seen.has(value)) return out;
	seen.add(value);
	if (value instanceof Error) {
		for (const key of ['message', 'description', 'stack', 'name']) allStrings((value as unknown as Record<string, unknown>)[key], out, seen);
		allStrings((value as { cause?: unknown }).cause, out, seen);
	}
	for (const key of Object.getOwnPropertyNames(value)) {
		out.push(key);
		allStrings((value as Record<string, unknown>)[key], out, seen);
	}
	return out;
}

/** Fails naming where and in which form the secret was found. */
export function expectNoCanary(value: unknown, secret: string, where = 'output'): void {
	for (const text of allStrings(value)) {
		const form = findCanary(text, secret);
		if (form) throw new Error(`the secret leaked into the ${where} (${form}) in: ${text.length > 400 ? `${text.slice(0, 400)}…` : text}`);
	}
}
