/**
 * HubSpot app webhooks. Three signature generations, newest first:
 * - v3: `X-HubSpot-Signature-v3` = base64(HMAC-SHA256(client secret, METHOD + URI + RAW_BODY + TIMESTAMP)), with
 *   `X-HubSpot-Request-Timestamp` in milliseconds, refused when older than 5 minutes (the official SDKs'
 *   MAX_ALLOWED_TIMESTAMP = 300000; we also refuse more than 5 minutes in the future). URI is the full URL HubSpot
 *   called, query string included, with HubSpot's documented escapes decoded first (%3A → ":", %2F → "/", %3F → "?",
 *   %40 → "@", %21 → "!", %24 → "$", %27 → "'", %28 → "(", %29 → ")", %2A → "*", %2C → ",", %3B → ";"; nothing else).
 * - v2: `X-HubSpot-Signature` (with `X-HubSpot-Signature-Version: v2`) = hex(SHA256(secret + METHOD + URI + BODY)).
 * - v1: `X-HubSpot-Signature` (version v1, the default) = hex(SHA256(secret + BODY)) — a plain hash, not an HMAC.
 * v1 and v2 sign no time: a captured request verifies forever. They are refused unless `allowLegacySignatures` is
 * set (a v3 request stripped of its v3 headers would otherwise be replayable), and reported as "legacy, no
 * replay protection" when accepted.
 */
import { singleHeader, type WebhookRequest } from '../request';
import { rejected, type WebhookRejected } from '../result';
import type { SignedAlternative, SignedSchemeSpec } from '../signed';
import { DEFAULT_WINDOW_MS } from '../timestamp';

export const HUBSPOT_V3_SIGNATURE_HEADER = 'X-HubSpot-Signature-v3';
export const HUBSPOT_TIMESTAMP_HEADER = 'X-HubSpot-Request-Timestamp';
export const HUBSPOT_LEGACY_SIGNATURE_HEADER = 'X-HubSpot-Signature';
export const HUBSPOT_VERSION_HEADER = 'X-HubSpot-Signature-Version';

export interface HubSpotVerifierConfig {
	provider: 'hubspot';
	/** The HubSpot app's client secret. */
	secret: string;
	windowMs?: number;
	/** Accept v1/v2 signatures when a request has no v3 one (no replay protection). Default false. */
	allowLegacySignatures?: boolean;
}

const V3_DECODED: Record<string, string> = {
	'%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
	'%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

/** The URI as HubSpot v3 signs it: only HubSpot's listed escapes decoded (case-insensitively), everything else kept. */
export function hubspotV3Uri(url: string): string {
	return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => V3_DECODED[escape.toUpperCase()]);
}

/** Other spellings of a URL that a sender may have signed: http/https, trailing slash, no query string, all decoded. */
function urlSpellings(url: string): string[] {
	const spellings = new Set<string>();
	const [base, query] = url.includes('?') ? [url.slice(0, url.indexOf('?')), url.slice(url.indexOf('?'))] : [url, ''];
	const schemes = base.startsWith('https://') ? [base, `http://${base.slice(8)}`] : base.startsWith('http://') ? [base, `https://${base.slice(7)}`] : [base];
	for (const withScheme of schemes) {
		for (const withSlash of [withScheme, withScheme.endsWith('/') ? withScheme.slice(0, -1) : `${withScheme}/`]) {
			spellings.add(`${withSlash}${query}`);
			if (query) spellings.add(withSlash);
		}
	}
	try {
		spellings.add(decodeURIComponent(url));
	} catch {
		// not decodable: skip that spelling
	}
	spellings.delete(url);
	return [...spellings];
}

function urlAlternatives(url: string, partsFor: (uri: string) => Buffer[]): SignedAlternative[] {
	return urlSpellings(url).map((spelling) => ({
		parts: partsFor(spelling),
		problem: {
			reason: 'url_mismatch',
			message: `the URL differs from the one HubSpot signed: the signature matches ${spelling} — use the webhook URL exactly as HubSpot calls it (scheme, host, path, trailing slash and query string as in the app's webhook settings)`,
		},
	}));
}

const MISSING_URL = (version: string) =>
	`HubSpot ${version} signs the full URL it called, and no URL was given: pass the webhook URL exactly as set in the HubSpot app's webhook settings`;

export function hubspotScheme(config: HubSpotVerifierConfig, request: WebhookRequest): SignedSchemeSpec | WebhookRejected {
	const method = (request.method ?? 'POST').toUpperCase();
	const url = request.url;
	const hasV3 = singleHeader(request.headers, HUBSPOT_V3_SIGNATURE_HEADER).state !== 'missing';
	const hasLegacy = singleHeader(request.headers, HUBSPOT_LEGACY_SIGNATURE_HEADER).state !== 'missing';
	const base = { provider: 'hubspot' as const, secretName: 'client secret', secret: config.secret, algorithm: 'sha256' as const };

	if (hasV3 || !hasLegacy) {
		if (hasV3 && config.secret && !url) return rejected('hubspot', 'hubspot-v3', [{ reason: 'missing_url', message: MISSING_URL('v3') }]);
		const partsFor = (uri: string, body: Buffer, timestamp = '') => [Buffer.from(`${method}${hubspotV3Uri(uri)}`, 'utf8'), body, Buffer.from(timestamp, 'utf8')];
		return {
			...base,
			scheme: 'hubspot-v3',
			description: 'base64 HMAC-SHA256 of method + URI + body + timestamp',
			signatureHeader: HUBSPOT_V3_SIGNATURE_HEADER,
			encoding: 'base64',
			timestamp: { header: HUBSPOT_TIMESTAMP_HEADER, format: 'unix-ms', windowMs: config.windowMs ?? DEFAULT_WINDOW_MS },
			signedParts: ({ body, timestamp }) => partsFor(url ?? '', body, timestamp),
			alternatives: ({ body, timestamp }) => urlAlternatives(url ?? '', (uri) => partsFor(uri, body, timestamp)),
		};
	}

	const versionHeader = singleHeader(request.headers, HUBSPOT_VERSION_HEADER);
	const version = versionHeader.state === 'one' && versionHeader.value.toLowerCase() === 'v2' ? 'v2' : 'v1';
	const scheme = version === 'v2' ? 'hubspot-v2' : 'hubspot-v1';
	if (!config.allowLegacySignatures) {
		return rejected('hubspot', scheme, [
			{
				reason: 'legacy_signature_refused',
				message: `only a legacy ${HUBSPOT_LEGACY_SIGNATURE_HEADER} (${version}) is present, which has no replay protection, and no ${HUBSPOT_V3_SIGNATURE_HEADER}: HubSpot sends v3 with app webhooks — allow legacy signatures only if yours sends none`,
			},
		]);
	}
	if (version === 'v2' && config.secret && !url) return rejected('hubspot', scheme, [{ reason: 'missing_url', message: MISSING_URL('v2') }]);
	const secret = Buffer.from(config.secret ?? '', 'utf8');
	const v2Parts = (uri: string, body: Buffer) => [secret, Buffer.from(`${method}${uri}`, 'utf8'), body];
	return {
		...base,
		scheme,
		keyed: false,
		description: version === 'v2' ? 'hex SHA-256 of client secret + method + URI + body' : 'hex SHA-256 of client secret + body',
		signatureHeader: HUBSPOT_LEGACY_SIGNATURE_HEADER,
		encoding: 'hex',
		signedParts: ({ body }) => (version === 'v2' ? v2Parts(url ?? '', body) : [secret, body]),
		alternatives: ({ body }) => (version === 'v2' ? urlAlternatives(url ?? '', (uri) => v2Parts(uri, body)) : []),
		notes: ['legacy, no replay protection'],
	};
}
