/**
 * Escaping and truncation per output medium. Every piece of text that came from a customer, a CRM or a
 * detector (account names, contact names, evidence sentences) goes through one of these before it is
 * placed in markup; our own markup is added around the escaped text, never inside it.
 *
 * - HTML: `escape-html` (the expressjs project's escaper, used by express and serve-static; zero
 *   dependencies, escapes & < > " ' — enough for element text and quoted attribute values). Hand-rolled
 *   escapers are where XSS bugs live; a library with that audience is the safer choice.
 * - Slack mrkdwn: Slack's own rule (api.slack.com "Formatting text for app surfaces → Escaping text"):
 *   replace &, < and > with &amp; &lt; &gt;. That alone stops `<@U123>`, `<!channel>`, `<!here>` and
 *   `<https://…|label>` from being parsed. Bare `@channel` / `@here` / `@everyone` get a word joiner
 *   after the @ so they cannot notify even where link_names is on, and the formatting characters
 *   * _ ~ ` get a word joiner before them, which stops Slack pairing them into bold / italic / strike / code,
 *   and so does a leading `>` (Slack would quote the line).
 * - Markdown (CommonMark / GFM): a backslash before every ASCII punctuation character that can start
 *   markup (CommonMark §2.4 lets any ASCII punctuation be backslash-escaped), so `[x](javascript:…)`,
 *   `*bold*`, `<script>`, `# heading` and `| table |` render literally; < and > become entities because
 *   some renderers pass raw HTML through.
 *
 * Before any of them, `plainText` makes customer text one line of printable characters: every line break
 * CommonMark, Slack or a browser may honour (\r\n, a lone \r, \n, vertical tab, form feed, U+0085 NEL, U+2028,
 * U+2029) becomes a space, and every other control character (C0, DEL, C1) is removed — a lone \r used to start a
 * real heading or rule in a brief. HTML keeps nothing else of them either.
 */
import escapeHtmlLibrary from 'escape-html';

/** Appended to any text that was cut. */
export const TRUNCATION_MARK = '… (truncated)';

/** Word joiner: zero-width, not whitespace, breaks Slack's pairing and mention parsing. */
const WORD_JOINER = '\u2060';

/** Every line break a renderer may honour: CRLF, lone CR, LF, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed
const LINE_BREAKS = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;
/** Control characters that print nothing a person should see (C0 but tab, DEL, C1). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

/** Customer text as one line of printable characters: line breaks and tabs become spaces, other controls go. */
export function plainText(text: string): string {
	return String(text).replace(LINE_BREAKS, ' ').replace(/\t/g, ' ').replace(CONTROLS, '');
}

/** Escape text for HTML element content or a double-quoted attribute value (control characters removed). */
export function escapeHtml(text: string): string {
	// eslint-disable-next-line no-control-regex -- line breaks other than \n become \n, the controls go
	return escapeHtmlLibrary(String(text).replace(/\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g, '\n').replace(CONTROLS, ''));
}

/** Escape user text for Slack mrkdwn (section/context text, fields): one line, literal, never pinging, never formatted. */
export function escapeSlack(text: string): string {
	return plainText(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/@(channel|here|everyone)/gi, `@${WORD_JOINER}$1`)
		.replace(/[*_~`]/g, (char) => `${WORD_JOINER}${char}`)
		// Slack quotes a line that starts with `>` (sent as &gt;): text placed after a line break must not
		.replace(/^&gt;/, `${WORD_JOINER}&gt;`);
}

/** Escape user text for Slack plain_text objects (header, button): no mrkdwn there, but `<@…>` / `<!…>` and @here are still broken up. */
export function escapeSlackPlain(text: string): string {
	return plainText(text).replace(/@(channel|here|everyone)/gi, `@${WORD_JOINER}$1`).replace(/<(?=[@!#])/g, `<${WORD_JOINER}`);
}

/** Characters that open inline markup anywhere in a line (emphasis, code, links, images, tables, strike). */
const MARKDOWN_SPECIALS = /[\\`*_[\]|~]/g;

/**
 * Escape user text for Markdown: renders literally in CommonMark/GFM renderers, raw HTML included.
 * Line breaks become spaces (user text never starts a block), bare URLs are broken so GFM does not autolink them,
 * and a leading `-`, `+`, `>`, `#`, `1.`, `---` or `===` cannot start a list, quote, heading or rule.
 */
export function escapeMarkdown(text: string): string {
	return plainText(text)
		// leading spaces would make an indented code block where the text starts a line
		.replace(/^ +/, '')
		.replace(MARKDOWN_SPECIALS, (char) => `\\${char}`)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/:\/\//g, ':\\/\\/')
		.replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
		.replace(/^(#|[-+>])(?=\s|$|#)/, (m) => `\\${m}`)
		// `---`, `===` (a rule, a setext underline) where the text starts a line
		.replace(/^([-=])(?=[-= ]*$)/, (m) => `\\${m}`)
		.replace(/^(\d+)([.)])(?=\s|$)/, (_m, digits: string, mark: string) => `${digits}\\${mark}`);
}

/**
 * A link target we are willing to emit: http(s) only (no javascript:, data:, mailto: smuggling), parsed by
 * WHATWG URL so the result is normalised and percent-encoded. Returns null for anything else.
 */
export function safeUrl(url: string | null | undefined, maxLength = 3000): string | null {
	if (!url) return null;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return null;
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
	const href = parsed.href.replace(/[()<>|"' ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
	return href.length <= maxLength ? href : null;
}

/** Code points, so a cut never splits a surrogate pair (emoji). */
function codePoints(text: string): string[] {
	return Array.from(text);
}

/**
 * Cut raw text to at most `max` characters (UTF-16 units, as Slack and most limits count), appending
 * "… (truncated)" when it was cut. Text within the limit is returned unchanged.
 */
export function truncateText(text: string, max: number, mark = TRUNCATION_MARK): string {
	if (text.length <= max) return text;
	if (max <= mark.length) return mark.slice(0, Math.max(0, max));
	const budget = max - mark.length;
	let out = '';
	for (const point of codePoints(text)) {
		if (out.length + point.length > budget) break;
		out += point;
	}
	return out.trimEnd() + mark;
}

/**
 * Cut already-escaped text (HTML / Slack entities, Markdown backslashes) to `max` characters without
 * leaving half an entity (`&am`) or a dangling backslash, appending the truncation mark.
 */
export function truncateEscaped(escaped: string, max: number, mark = TRUNCATION_MARK): string {
	if (escaped.length <= max) return escaped;
	let cut = truncateText(escaped, max, '').slice(0, Math.max(0, max - mark.length));
	cut = cut.replace(/&[#a-zA-Z0-9]{0,10}$/, '');
	const trailingBackslashes = /\\+$/.exec(cut)?.[0].length ?? 0;
	if (trailingBackslashes % 2 === 1) cut = cut.slice(0, -1);
	cut = cut.replace(/\u2060$/, '');
	return cut.trimEnd() + mark;
}

/** Escape then cut, for each medium. The limit applies to the escaped result (what the medium counts). */
export const escapeAndTruncate = {
	html: (text: string, max: number) => truncateEscaped(escapeHtml(text), max),
	slack: (text: string, max: number) => truncateEscaped(escapeSlack(text), max),
	slackPlain: (text: string, max: number) => truncateText(escapeSlackPlain(text), max),
	markdown: (text: string, max: number) => truncateEscaped(escapeMarkdown(text), max),
};
