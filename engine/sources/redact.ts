/**
 * Redaction by value: the credential values a source runs with (the node layer knows them) are removed from
 * everything that may reach a person — error messages, bodies quoted in errors, items read from the provider,
 * log lines — in every form a provider may echo them:
 *
 * - the value itself, and inside any larger string (`email/token:VALUE`, `Bearer VALUE`, a URL);
 * - JSON-escaped (a body quoting a string that quotes the value; `\/` as PHP and others write it);
 * - URL-encoded (`api_token%3DVALUE…`: upper- and lower-case hex, `+` for spaces, encoded twice);
 * - HTML-escaped (an HTML error page);
 * - base64 and base64url at any alignment: the Authorization value without its scheme (Zendesk's
 *   base64 `email/token:VALUE`, Basic `user:VALUE`), wherever the value sits inside the encoded text. For each
 *   of the three byte alignments the part of the encoding that depends only on the value is searched for, and
 *   the whole base64 run around it is removed.
 *
 * Pattern-based redaction (`Bearer …`, `pat-…`, `token=…`) stays as a second layer for secrets nobody told
 * us about (a provider echoing some other key).
 */

/** What stands where a secret was. */
export const REDACTED = '[redacted]';

/** Values shorter than this are not searched for: they would match ordinary text (and are no credential anyway). */
export const MIN_SECRET_LENGTH = 4;

/** A base64 core shorter than this is not searched for (too likely inside unrelated base64). */
const MIN_BASE64_CORE = 8;

const BASE64_RUN = '[A-Za-z0-9+/_-]*';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toBase64Url(base64: string): string {
	return base64.replace(/\+/g, '-').replace(/\//g, '_');
}

/**
 * The parts of base64 encodings of any text that contains `secret` which depend only on `secret`: one per byte
 * alignment (0, 1 or 2 bytes before it in its 3-byte group), standard alphabet.
 */
export function base64Cores(secret: string): string[] {
	const bytes = Buffer.from(secret, 'utf8');
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const padded = Buffer.concat([Buffer.alloc(offset, 0), bytes]);
		const encoded = padded.toString('base64').replace(/=+$/, '');
		// the first group mixes filler bytes in; the last, when partial, mixes in whatever follows the secret
		const start = offset === 0 ? 0 : 4;
		const completeGroups = Math.floor(padded.length / 3);
		const end = completeGroups * 4;
		const core = encoded.slice(start, end);
		if (core.length >= MIN_BASE64_CORE) cores.push(core);
	}
	return cores;
}

/** Every literal form of one secret a provider may echo (the base64 forms are in base64Cores). */
export function secretForms(secret: string): string[] {
	const forms = new Set<string>([secret]);
	const json = JSON.stringify(secret).slice(1, -1);
	forms.add(json);
	forms.add(json.replace(/\//g, '\\/'));
	forms.add(JSON.stringify(json).slice(1, -1));
	const url = encodeURIComponent(secret);
	forms.add(url);
	forms.add(url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
	forms.add(url.replace(/%20/g, '+'));
	forms.add(encodeURIComponent(url));
	// HTML escapers differ in what they escape (& < only, & < > ", all five) and in how (named or numeric)
	const entity: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
	for (const set of [/[&<>"']/g, /[&<>"]/g, /[&<>]/g, /[&<]/g]) forms.add(secret.replace(set, (c) => entity[c]));
	forms.add(secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`));
	forms.add(secret.replace(/[&<>"']/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`));
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

const PATTERN_REPLACEMENTS: Array<[RegExp, string]> = [
	[/\b(Bearer|Basic|Token)\s+(?!\[redacted\])[A-Za-z0-9._~+/=:-]+/gi, `$1 ${REDACTED}`],
	[/\bpat-[A-Za-z0-9-]+/g, REDACTED],
	[/\b(authorization|access[_-]?token|api[_-]?token|token|password|secret)(["']?\s*[:=]\s*["']?)(?!\[redacted\])[^"'\s,})&]+/gi, `$1$2${REDACTED}`],
	// the same keys URL-encoded (`api_token%3D…`, `token%22%3A%22…`)
	[/(?<![A-Za-z])(authorization|access[_-]?token|api[_-]?token|token|password|secret)((?:%22|%27)?(?:%3A|%3D)(?:%22|%27|%20)*)(?!%5Bredacted%5D|\[redacted\])[A-Za-z0-9._~%+-]+/gi, `$1$2${REDACTED}`],
];

/** Remove anything that looks like a credential (by pattern only: no value known). */
export function redactByPattern(text: string): string {
	return PATTERN_REPLACEMENTS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/**
 * Removes known secret values (every form, see the file comment) and credential-looking patterns from text and
 * from JSON-like values. Build it once per run: the forms are compiled into one regular expression.
 */
export class SecretRedactor {
	private readonly pattern: RegExp | null;

	readonly secrets: readonly string[];

	constructor(secrets: Iterable<string | null | undefined> = []) {
		const values = [...new Set([...secrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))];
		this.secrets = values;
		const alternatives: string[] = [];
		for (const secret of values) {
			for (const form of secretForms(secret)) alternatives.push(escapeRegExp(form));
			for (const core of base64Cores(secret)) {
				for (const variant of new Set([core, toBase64Url(core)])) alternatives.push(`${BASE64_RUN}${escapeRegExp(variant)}${BASE64_RUN}=*`);
			}
		}
		// longest first, so a form that contains another is removed whole
		alternatives.sort((a, b) => b.length - a.length);
		this.pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'g') : null;
	}

	/** Whether any secret value is known. */
	get active(): boolean {
		return this.pattern !== null;
	}

	/** Text with every known secret (any form) and every credential-looking pattern replaced by "[redacted]". */
	text(text: string): string {
		const byValue = this.pattern ? text.replace(this.pattern, REDACTED) : text;
		return redactByPattern(byValue);
	}

	/** Whether the text still carries a known secret in any form (for tests and assertions). */
	leaks(text: string): boolean {
		if (!this.pattern) return false;
		this.pattern.lastIndex = 0;
		return this.pattern.test(text);
	}

	/**
	 * A JSON-like value with every string (and key) cleaned of known secret values; the same object when nothing
	 * had to change. Only values are searched (not patterns): data read from a provider keeps its words.
	 */
	deep<T>(value: T): T {
		if (!this.pattern) return value;
		return this.clean(value, 0) as T;
	}

	private clean(value: unknown, depth: number): unknown {
		if (typeof value === 'string') {
			this.pattern!.lastIndex = 0;
			return this.pattern!.test(value) ? value.replace(this.pattern!, REDACTED) : value;
		}
		if (value === null || typeof value !== 'object' || depth > 200) return value;
		if (Array.isArray(value)) {
			let changed = false;
			const out = value.map((entry) => {
				const cleaned = this.clean(entry, depth + 1);
				if (cleaned !== entry) changed = true;
				return cleaned;
			});
			return changed ? out : value;
		}
		let changed = false;
		const out: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			const cleanKey = this.clean(key, depth + 1) as string;
			const cleaned = this.clean(entry, depth + 1);
			if (cleaned !== entry || cleanKey !== key) changed = true;
			Object.defineProperty(out, cleanKey, { value: cleaned, enumerable: true, writable: true, configurable: true });
		}
		return changed ? out : value;
	}
}

const NO_SECRETS = new SecretRedactor();
const cache = new WeakMap<readonly string[], SecretRedactor>();

/** The redactor for a list of secret values, compiled once per list. */
export function redactorFor(secrets: readonly string[] | undefined): SecretRedactor {
	if (!secrets || secrets.length === 0) return NO_SECRETS;
	let redactor = cache.get(secrets);
	if (!redactor) {
		redactor = new SecretRedactor(secrets);
		cache.set(secrets, redactor);
	}
	return redactor;
}

/** Remove the given secret values (every form) and anything that looks like a credential from text. */
export function redactSecrets(text: string, secrets?: readonly string[]): string {
	return redactorFor(secrets).text(text);
}
