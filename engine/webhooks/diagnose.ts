/**
 * Why a signature that does not match may still come from the right secret. Run only after a mismatch, these
 * try the body the way it is commonly damaged between the provider and the verifier — parsed and re-serialised
 * as JSON, a line break added by an editor, line endings converted, a byte-order mark — and say which one
 * matched. Only someone holding the secret can make a variant match, so this tells an attacker nothing; it
 * tells an admin the secret is right and the body is not the raw bytes.
 */

/** Bodies above this size are not re-serialised for diagnosis (a few HMACs over a small body cost nothing). */
export const DIAGNOSE_MAX_BODY_BYTES = 1024 * 1024;

export interface BodyVariant {
	body: Buffer;
	message: string;
}

const REPARSED = 'body is not the raw bytes (parsed JSON re-serialised?)';
const ADVICE = 'verify over the raw request body, before any JSON parsing';

interface JsonStyle {
	words: string;
	itemSep: string;
	keySep: string;
	indent?: string;
	sortKeys?: boolean;
	asciiOnly?: boolean;
	escapeSlash?: boolean;
}

const JSON_STYLES: JsonStyle[] = [
	{ words: 'written compact', itemSep: ',', keySep: ':' },
	{ words: 'written compact with non-ASCII characters as \\u escapes', itemSep: ',', keySep: ':', asciiOnly: true },
	{ words: 'written compact with "/" escaped as "\\/"', itemSep: ',', keySep: ':', escapeSlash: true },
	{ words: 'written with ", " and ": " separators and \\u escapes (Python json.dumps)', itemSep: ', ', keySep: ': ', asciiOnly: true },
	{ words: 'written with ", " and ": " separators', itemSep: ', ', keySep: ': ' },
	{ words: 'indented by 2 spaces', itemSep: ',', keySep: ': ', indent: '  ' },
	{ words: 'indented by 4 spaces', itemSep: ',', keySep: ': ', indent: '    ' },
	{ words: 'indented by tabs', itemSep: ',', keySep: ': ', indent: '\t' },
	{ words: 'written compact with its keys sorted', itemSep: ',', keySep: ':', sortKeys: true },
];

function serialise(value: unknown, style: JsonStyle, depth = 0): string {
	if (value === null || typeof value !== 'object') {
		let text = JSON.stringify(value) ?? 'null';
		if (style.asciiOnly) text = text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
		if (style.escapeSlash) text = text.replace(/\//g, '\\/');
		return text;
	}
	const open = style.indent !== undefined ? `\n${style.indent.repeat(depth + 1)}` : '';
	const close = style.indent !== undefined ? `\n${style.indent.repeat(depth)}` : '';
	const sep = style.indent !== undefined ? `${style.itemSep.trimEnd()}${open}` : style.itemSep;
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[${open}${value.map((item) => serialise(item, style, depth + 1)).join(sep)}${close}]`;
	}
	const keys = Object.keys(value as Record<string, unknown>);
	if (style.sortKeys) keys.sort();
	if (keys.length === 0) return '{}';
	const entries = keys.map((key) => `${serialise(key, style)}${style.keySep}${serialise((value as Record<string, unknown>)[key], style, depth + 1)}`);
	return `{${open}${entries.join(sep)}${close}}`;
}

/** The usual damaged forms of `body`, each with the sentence to report when it is the one that verifies. */
export function bodyVariants(body: Buffer): BodyVariant[] {
	if (body.length === 0 || body.length > DIAGNOSE_MAX_BODY_BYTES) return [];
	const variants: BodyVariant[] = [];
	const seen = new Set<string>([body.toString('base64')]);
	const add = (candidate: Buffer, message: string) => {
		const key = candidate.toString('base64');
		if (seen.has(key)) return;
		seen.add(key);
		variants.push({ body: candidate, message });
	};
	const text = body.toString('utf8');
	if (text.startsWith('\uFEFF')) {
		add(Buffer.from(text.slice(1), 'utf8'), 'body is not the raw bytes: it verifies without the byte-order mark at its start (an editor added it when the body was saved)');
	}
	if (/\r?\n$/.test(text)) {
		add(Buffer.from(text.replace(/\r?\n$/, ''), 'utf8'), 'body is not the raw bytes: it verifies without the line break at its end (an editor or a shell added one when the body was saved)');
	} else {
		add(Buffer.from(`${text}\n`, 'utf8'), 'body is not the raw bytes: it verifies with a line break at its end (the capture dropped the one the provider sent)');
	}
	if (text.includes('\r\n')) {
		add(Buffer.from(text.replace(/\r\n/g, '\n'), 'utf8'), 'body is not the raw bytes: it verifies with Unix line endings (LF) — the body was saved with Windows line endings (CRLF)');
	} else if (text.includes('\n')) {
		add(Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8'), 'body is not the raw bytes: it verifies with Windows line endings (CRLF) — the body was saved with Unix line endings (LF)');
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		return variants;
	}
	if (parsed === null || typeof parsed !== 'object') return variants;
	for (const style of JSON_STYLES) {
		add(Buffer.from(serialise(parsed, style), 'utf8'), `${REPARSED}: it verifies as the same JSON ${style.words}, not as given — ${ADVICE}`);
	}
	return variants;
}
