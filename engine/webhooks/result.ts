/**
 * What a verification says. An admin whose provider reports 401s reads these sentences, so each failure says
 * precisely what was wrong in the provider's own header names and times, never the secret or the signature
 * this side computed (at most the first 4 characters of the signature that was received).
 */

export const WEBHOOK_PROVIDERS = ['zendesk', 'hubspot', 'slack', 'intercom', 'segment', 'graph', 'generic'] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

/** The signing scheme that was checked (HubSpot has three generations). */
export type WebhookScheme =
	| 'zendesk'
	| 'hubspot-v3'
	| 'hubspot-v2'
	| 'hubspot-v1'
	| 'slack-v0'
	| 'intercom-sha1'
	| 'segment-sha1'
	| 'graph-client-state'
	| 'generic-hmac';

export type WebhookFailureReason =
	/** No secret configured: every request is refused until one is set (never "verification skipped"). */
	| 'no_secret'
	/** The raw request body was not available (a parsed body cannot be verified). */
	| 'no_raw_body'
	| 'missing_header'
	/** A header came several times with different values. */
	| 'duplicate_header'
	| 'malformed_signature'
	| 'malformed_timestamp'
	| 'stale_timestamp'
	| 'future_timestamp'
	/** Wrong secret or body changed: the two cannot be told apart. */
	| 'signature_mismatch'
	/** The signature matches a re-serialised or re-saved form of the body, not the bytes given. */
	| 'body_not_raw'
	/** HubSpot: the signature matches another spelling of the URL (http/https, trailing slash, query). */
	| 'url_mismatch'
	/** Zendesk: signed over body + timestamp (an older doc page's order) instead of timestamp + body. */
	| 'signing_order'
	/** HubSpot: the request must carry a v3 signature (v1/v2 have no replay protection). */
	| 'legacy_signature_refused'
	/** HubSpot v3/v2 sign the URL: none was given. */
	| 'missing_url'
	/** Graph: no (or a wrong) clientState on every notification of the request. */
	| 'client_state_mismatch'
	/** The body is not what the provider sends (Graph: no `value` list). */
	| 'malformed_body'
	/** The same signed request was already accepted within the replay window. */
	| 'replayed';

export interface WebhookProblem {
	reason: WebhookFailureReason;
	message: string;
}

/** What the caller must send back for a provider's handshake (nothing else is processed). */
export interface WebhookHandshakeResponse {
	status: 200;
	contentType: 'text/plain';
	body: string;
}

export type WebhookHandshake =
	/** Slack Events `url_verification` (signed): answer the challenge. */
	| { kind: 'slack_url_verification'; respond: WebhookHandshakeResponse }
	/** Microsoft Graph subscription validation (`?validationToken=`): echo the token as text/plain within 10 s. */
	| { kind: 'graph_validation'; respond: WebhookHandshakeResponse };

export interface RejectedNotification {
	/** Index in the request's `value` list. */
	index: number;
	reason: 'client_state_mismatch';
	message: string;
}

export interface WebhookVerified {
	ok: true;
	provider: WebhookProvider;
	scheme: WebhookScheme;
	/** How the signature is made, in words: "base64 HMAC-SHA256 of timestamp + body". */
	schemeDescription: string;
	/** When the provider signed it (schemes with a timestamp), ISO-8601 UTC. */
	signedAt?: string;
	/** Milliseconds between signing and `now` (negative: signed in the future, within the window). */
	ageMs?: number;
	/** The replay window applied to the timestamp (schemes with a timestamp). */
	windowMs?: number;
	/** `timestamp window`: a captured request stops verifying after the window; `none`: legacy or unsigned-time scheme. */
	replayProtection: 'timestamp window' | 'none';
	/** Remarks an admin should know: "legacy, no replay protection", notifications dropped, … */
	notes: string[];
	/** A key for ReplayGuard: the provider and a hash of the received signature (the same signed request twice = same key). */
	replayKey?: string;
	/** The provider's delivery id from a header (Zendesk `X-Zendesk-Webhook-Invocation-Id`). */
	deliveryId?: string;
	/** A provider's retry of an earlier delivery (Slack `X-Slack-Retry-Num`). */
	retry?: { attempt: number; reason?: string };
	/** Set for a handshake request: answer it, process nothing else. */
	handshake?: WebhookHandshake;
	/**
	 * The body, parsed once verified: JSON, or form fields for a form-encoded body; undefined when empty or
	 * neither. For Graph only the notifications whose clientState matched are in `value`.
	 */
	payload: unknown;
	/** Graph: notifications refused one by one (wrong or missing clientState). */
	rejectedNotifications?: RejectedNotification[];
}

export interface WebhookRejected {
	ok: false;
	provider: WebhookProvider;
	scheme: WebhookScheme;
	/** What to answer: 401 for anything unsigned, tampered or replayed; 400 for a body that is not the provider's. */
	status: 401 | 400;
	/** The first (deciding) problem. */
	reason: WebhookFailureReason;
	message: string;
	/** Every problem found, deciding one first (a wrong signature on a stale request reports both). */
	problems: WebhookProblem[];
}

export type WebhookVerification = WebhookVerified | WebhookRejected;

export function rejected(provider: WebhookProvider, scheme: WebhookScheme, problems: WebhookProblem[], status: 401 | 400 = 401): WebhookRejected {
	return { ok: false, provider, scheme, status, reason: problems[0].reason, message: problems[0].message, problems };
}

/** "7 minutes", "90 seconds", "3 hours", "2 days" (whole units, rounded down). */
export function describeDuration(ms: number): string {
	const abs = Math.abs(ms);
	const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
	if (abs < 120_000) return plural(Math.floor(abs / 1000), 'second');
	if (abs < 120 * 60_000) return plural(Math.floor(abs / 60_000), 'minute');
	if (abs < 48 * 3_600_000) return plural(Math.floor(abs / 3_600_000), 'hour');
	return plural(Math.floor(abs / 86_400_000), 'day');
}

/** A replay window as people write it: "5 min", "90 s", "2 h". */
export function describeWindow(ms: number): string {
	if (ms % 3_600_000 === 0 && ms >= 3_600_000) return `${ms / 3_600_000} h`;
	if (ms % 60_000 === 0) return `${ms / 60_000} min`;
	return `${Math.round(ms / 1000)} s`;
}

/** At most the first 4 characters of a received signature, for "received tdT7…". */
export function signaturePreview(received: string): string {
	return received.length <= 4 ? `"${received}"` : `"${received.slice(0, 4)}…"`;
}
