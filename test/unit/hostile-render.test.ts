/**
 * Issue 16 finding 5 and the suite's "no unescaped metacharacter in any rendered document", property-based:
 * 1. each escape function (markdown, Slack mrkdwn, Slack plain text, HTML) alone, over any string, every control
 *    character, the Unicode line/paragraph separators and every metacharacter of its medium;
 * 2. every document that reaches a person — the four brief types, the Slack alert, the portfolio report — with
 *    hostile text in EVERY string field of its input (names, titles, evidence, bands, rule names, sources…):
 *    rendered, then parsed (markdown by markdown-it, a CommonMark parser; HTML and Slack by their markup), its
 *    structure must equal the structure the same document has with plain words in those fields.
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { buildBrief, buildSlackAlert, BRIEF_TYPES, type BriefOutput } from '../../engine/act/briefs';
import { buildPortfolioReport } from '../../engine/act/report';
import { escapeHtml, escapeMarkdown, escapeSlack, escapeSlackPlain } from '../../engine/act/render';
import { demoBook } from '../fixtures/briefs/book';
import { demoDecision, demoIntelligence, SIGNALS } from '../fixtures/briefs/demo';
import { anyText, CONTROL_CHARACTERS, hostileText, runs } from '../fixtures/hostile';

/** CommonMark + GFM tables and strikethrough, raw HTML passed through (as the laxest renderers do), GFM-style autolinks. */
const md = new MarkdownIt('commonmark', { html: true, linkify: true }).enable(['table', 'strikethrough', 'linkify']);
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

/** The token skeleton of a markdown document: block and inline token types, nesting and tags, never the text. */
function markdownSkeleton(text: string): string[] {
	const out: string[] = [];
	for (const token of md.parse(text, {})) {
		if (token.type !== 'inline') out.push(`${token.type}:${token.tag}`);
		for (const child of token.children ?? []) if (child.type !== 'text') out.push(`  ${child.type}:${child.tag}${child.type === 'link_open' ? `:${child.attrGet('href')}` : ''}`);
	}
	return out;
}

/** Tags and attribute names of an HTML document in order, never text or attribute values. */
function htmlSkeleton(html: string): string[] {
	return [...html.matchAll(/<(\/?[a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-:]+(?:="[^"]*")?)*)\s*\/?>/g)].map(([, tag, attrs]) => `${tag}${[...attrs.replace(/="[^"]*"/g, '=').matchAll(/([a-zA-Z-:]+)=/g)].map((a) => ` ${a[1]}`).join('')}`);
}

/** Slack markup of one text: links, mentions, unescaped formatting characters, line breaks and quotes. */
function slackMarkup(text: string): string {
	const links = [...text.matchAll(/<([^>]*)>/g)].map((m) => `<${m[1].split('|')[0]}>`);
	const formatting = [...text.matchAll(/(?<!\u2060)[*_~`]/g)].map((m) => m[0]);
	const lines = text.split('\n').map((line) => (line.startsWith('&gt;') || line.startsWith('>') ? 'quote' : 'line'));
	return `${links.join('')}|${formatting.join('')}|${lines.join(',')}`;
}

/** A Slack message's block structure with every text reduced to its markup. */
function slackSkeleton(message: unknown): unknown {
	if (Array.isArray(message)) return message.map(slackSkeleton);
	if (message && typeof message === 'object') {
		// plain_text is shown as it is (no markup is parsed there): only its type counts
		const plainText = (message as { type?: unknown }).type === 'plain_text';
		const out: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(message)) {
			out[key] = key === 'text' && typeof value === 'string' ? (plainText ? 'plain' : slackMarkup(value)) : key === 'url' ? 'url' : slackSkeleton(value);
		}
		return out;
	}
	return message;
}

describe('each escape function alone', () => {
	// eslint-disable-next-line no-control-regex -- the test looks for control characters
	const lineBreaks = /[\n\r\u000b\u000c\u0085\u2028\u2029]/;
	// eslint-disable-next-line no-control-regex -- the test looks for control characters
	const controls = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/;

	it('markdown: one paragraph of plain text wherever it stands — inside a line, at the start of a line, in a table cell', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				const escaped = escapeMarkdown(text);
				expect(escaped).not.toMatch(lineBreaks);
				expect(escaped).not.toMatch(controls);
				expect(markdownSkeleton(`before ${escaped} after`)).toEqual(['paragraph_open:p', 'paragraph_close:p']);
				expect(markdownSkeleton(escaped)).toEqual(escaped.trim() ? ['paragraph_open:p', 'paragraph_close:p'] : []);
				expect(markdownSkeleton(`# Title\n\n- ${escaped}\n`)).toEqual(['heading_open:h1', 'heading_close:h1', 'bullet_list_open:ul', 'list_item_open:li', ...(escaped.trim() ? ['paragraph_open:p', 'paragraph_close:p'] : []), 'list_item_close:li', 'bullet_list_close:ul']);
				const cells = markdownSkeleton(`| A | B |\n|---|---|\n| ${escaped} | x |\n`).filter((t) => t.startsWith('td_open') || t.startsWith('th_open'));
				expect(cells).toHaveLength(4);
			}),
			runs('escape'),
		);
	});

	it('HTML: no markup character, no control character, entities only where escaping put them', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				const escaped = escapeHtml(text);
				expect(escaped).not.toMatch(/[<>"']/);
				expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
				expect(escaped).not.toMatch(controls);
				expect(htmlSkeleton(`<p title="${escaped}">${escaped}</p>`)).toEqual(['p title', '/p']);
			}),
			runs('escape'),
		);
	});

	it('Slack mrkdwn: one line, no link, mention or broadcast, no formatting pair', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				const escaped = escapeSlack(text);
				expect(escaped).not.toMatch(lineBreaks);
				expect(escaped).not.toMatch(controls);
				expect(escaped).not.toMatch(/[<>]/);
				expect(escaped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
				expect(escaped).not.toMatch(/@(channel|here|everyone)\b/i);
				expect(slackMarkup(`*Label*: ${escaped}`)).toBe('|**|line');
			}),
			runs('escape'),
		);
	});

	it('Slack plain text: one line, no mention or broadcast', () => {
		fc.assert(
			fc.property(anyText, (text) => {
				const escaped = escapeSlackPlain(text);
				expect(escaped).not.toMatch(lineBreaks);
				expect(escaped).not.toMatch(controls);
				expect(escaped).not.toMatch(/<[@!#]/);
				expect(escaped).not.toMatch(/@(channel|here|everyone)\b/i);
			}),
			runs('escape'),
		);
	});

	it('every control character and separator, one by one, in every medium (finding 5: a lone \\r made a heading)', () => {
		for (const char of CONTROL_CHARACTERS) {
			const text = `Acme${char}# Heading${char}---${char}<b>x</b>`;
			expect([JSON.stringify(char), markdownSkeleton(`- ${escapeMarkdown(text)}`)]).toEqual([JSON.stringify(char), ['bullet_list_open:ul', 'list_item_open:li', 'paragraph_open:p', 'paragraph_close:p', 'list_item_close:li', 'bullet_list_close:ul']]);
			expect(escapeSlack(text)).not.toMatch(/[\n\r\u2028\u2029\u0085]/);
			expect(htmlSkeleton(escapeHtml(text))).toEqual([]);
		}
	});
});

/** Keys whose values steer logic (enums, dates, links, numbers as text): kept as they are, every other string is hostile. */
const KEEP = /^(asOf|\w*At|\w*Date|renewalDate|url|currency|segment|bandScheme|category|polarity|priority|family|status|stage|confidence|seniority|role|dimension|sla|versionHash|operator|basis|direction|level)$/;

/** Replace every string leaf that does not steer logic by `pick(original)`; the same original always gets the same text. */
function replaceStrings<T>(value: T, pick: (original: string) => string, path: string[] = []): T {
	const key = path[path.length - 1] ?? '';
	if (typeof value === 'string') return (KEEP.test(key) || (key === 'band' && path[path.length - 2] === 'expansion') ? value : pick(value)) as unknown as T;
	if (Array.isArray(value)) return value.map((entry) => replaceStrings(entry, pick, path)) as unknown as T;
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) out[k] = replaceStrings(v, pick, [...path, k]);
		return out as T;
	}
	return value;
}

/** Two versions of an input: every free-text field hostile, and the same fields as plain words (one word per distinct original). */
function twoVersions<T>(input: T, hostile: string[]): { hostile: T; benign: T } {
	const seen = new Map<string, number>();
	const index = (original: string) => {
		if (!seen.has(original)) seen.set(original, seen.size);
		return seen.get(original)!;
	};
	return {
		hostile: replaceStrings(input, (original) => `${hostile[index(original) % hostile.length]}${index(original)}`),
		benign: replaceStrings(input, (original) => `word${index(original)}`),
	};
}

function expectSameStructure(hostile: BriefOutput | { markdown: string; html: string; slack: unknown }, benign: typeof hostile) {
	expect(markdownSkeleton(hostile.markdown)).toEqual(markdownSkeleton(benign.markdown));
	expect(htmlSkeleton(hostile.html)).toEqual(htmlSkeleton(benign.html));
	expect(slackSkeleton(hostile.slack)).toEqual(slackSkeleton(benign.slack));
}

describe('every document that reaches a person, hostile text in every field', () => {
	const [intelligence] = demoIntelligence();
	const hostileTexts = fc.array(hostileText, { minLength: 3, maxLength: 12 });

	it.each(BRIEF_TYPES)('%s brief (markdown, HTML, Slack)', (type) => {
		fc.assert(
			fc.property(hostileTexts, (texts) => {
				const { hostile, benign } = twoVersions({ intelligence, signals: SIGNALS }, texts);
				expectSameStructure(buildBrief(type, hostile), buildBrief(type, benign));
			}),
			runs('document'),
		);
	});

	it('Slack alert for a decision (and its markdown and HTML)', () => {
		const decision = demoDecision(intelligence);
		fc.assert(
			fc.property(hostileTexts, (texts) => {
				const { hostile, benign } = twoVersions({ decision, intelligence, signals: SIGNALS }, texts);
				expectSameStructure(buildSlackAlert(hostile), buildSlackAlert(benign));
			}),
			runs('document'),
		);
	});

	it('portfolio report, health.band included (finding 5: <img onerror> and [click](javascript:…) in the band)', () => {
		const book = demoBook();
		fc.assert(
			fc.property(hostileTexts, (texts) => {
				const { hostile, benign } = twoVersions({ intelligence: book.intelligence, decisions: book.decisions, actioned: book.actioned }, texts);
				expectSameStructure(buildPortfolioReport(hostile), buildPortfolioReport(benign));
			}),
			runs('document'),
		);
	});

	it('the report from the finding: the band and the name render literally', () => {
		const book = demoBook();
		const band = '<img src=x onerror=alert(1)> [click](javascript:alert(1))\r# heading';
		const intelligenceItems = book.intelligence.map((i, n) => (n === 0 ? { ...i, health: { ...i.health, band }, account: { ...i.account, name: 'Acme\r---\rCorp' } } : i));
		const report = buildPortfolioReport({ intelligence: intelligenceItems });
		const html = md.render(report.markdown);
		expect(html).not.toMatch(/<img|href="javascript|<hr|<h1>heading/);
		expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; [click](javascript:alert(1)) # heading');
	});
});
