/**
 * Slack Block Kit: the block types we emit, Slack's documented limits as data, and the renderer from a
 * BriefDocument to `{ text, blocks }`. Every message keeps within the limits; when content is longer the
 * message degrades (long text cut with "… (truncated)", blocks beyond the budget replaced by one note).
 */
import { plural } from '../../model';
import { type BriefDocument, type Sentence, type SourceEntry, sourceName } from './document';
import { escapeSlack, escapeSlackPlain, safeUrl, truncateEscaped, truncateText } from './escape';

/** Slack's limits (Block Kit reference; `text` is kept short so notifications stay readable). */
export const SLACK_LIMITS = {
	blocksPerMessage: 50,
	sectionText: 3000,
	headerText: 150,
	contextElements: 10,
	contextElementText: 3000,
	fields: 10,
	fieldText: 2000,
	buttonText: 75,
	url: 3000,
	actionsElements: 25,
	fallbackText: 3000,
} as const;

export interface SlackText {
	type: 'mrkdwn' | 'plain_text';
	text: string;
	emoji?: boolean;
}
export interface SlackButton {
	type: 'button';
	text: SlackText & { type: 'plain_text' };
	url?: string;
	action_id: string;
	style?: 'primary' | 'danger';
}
export type SlackBlock =
	| { type: 'header'; text: SlackText & { type: 'plain_text' } }
	| { type: 'section'; text?: SlackText; fields?: SlackText[] }
	| { type: 'context'; elements: SlackText[] }
	| { type: 'divider' }
	| { type: 'actions'; elements: SlackButton[] };

export interface SlackMessage {
	/** Notification / fallback text (required by chat.postMessage for accessibility and notifications). */
	text: string;
	blocks: SlackBlock[];
}

export const mrkdwn = (text: string, max: number = SLACK_LIMITS.sectionText): SlackText => ({
	type: 'mrkdwn',
	text: truncateEscaped(text, max),
});
export const plain = (text: string, max: number): SlackText & { type: 'plain_text' } => ({
	type: 'plain_text',
	text: truncateText(escapeSlackPlain(text), max),
	emoji: true,
});

/** `<https://…|label>` with an escaped label, or the escaped label alone when the URL is not safe. */
export function slackLink(url: string | null | undefined, label: string): string {
	const href = safeUrl(url, SLACK_LIMITS.url);
	const text = escapeSlack(label).replace(/\|/g, '¦');
	return href ? `<${href}|${text}>` : text;
}

export function button(label: string, url: string | null, actionId: string): SlackButton | null {
	const href = safeUrl(url, SLACK_LIMITS.url);
	if (!href) return null;
	return { type: 'button', text: plain(label, SLACK_LIMITS.buttonText), url: href, action_id: actionId };
}

function citationMarks(sentence: Sentence, sources: ReadonlyMap<string, SourceEntry>): string {
	return sentence.citations
		.map((id) => {
			const source = sources.get(id);
			if (!source) return '';
			return source.url ? slackLink(source.url, `[${source.n}]`) : `[${source.n}]`;
		})
		.join('');
}

export function slackSentence(sentence: Sentence, sources: ReadonlyMap<string, SourceEntry>): string {
	const label = sentence.label ? `*${escapeSlack(sentence.label)}:* ` : '';
	const marks = citationMarks(sentence, sources);
	return `${label}${escapeSlack(sentence.text)}${marks ? ` ${marks}` : ''}`;
}

/** Pack lines into section blocks of at most `max` characters each; a single over-long line is cut. */
export function packLines(heading: string | null, lines: string[], max: number = SLACK_LIMITS.sectionText): SlackBlock[] {
	const blocks: SlackBlock[] = [];
	let current = heading ? `*${escapeSlack(heading)}*` : '';
	for (const raw of lines) {
		const line = raw.length > max ? truncateEscaped(raw, max) : raw;
		const candidate = current ? `${current}\n${line}` : line;
		if (candidate.length <= max) {
			current = candidate;
			continue;
		}
		if (current) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
		current = line;
	}
	if (current) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
	return blocks;
}

/** Keep a message within the block budget: cut the tail and say how much was left out. */
export function fitBlocks(blocks: SlackBlock[], moreUrl: string | null, max: number = SLACK_LIMITS.blocksPerMessage): SlackBlock[] {
	if (blocks.length <= max) return blocks;
	const last = blocks[blocks.length - 1];
	const tail = last?.type === 'actions' ? [last] : [];
	const body = tail.length > 0 ? blocks.slice(0, -1) : blocks;
	const kept = body.slice(0, max - 1 - tail.length);
	const omitted = body.length - kept.length;
	const where = moreUrl ? ` ${slackLink(moreUrl, 'Open the account record')}` : '';
	const note: SlackBlock = {
		type: 'context',
		elements: [mrkdwn(`${plural(omitted, 'more block')} not shown (truncated); the markdown and HTML versions carry everything.${where}`)],
	};
	return [...kept, note, ...tail];
}

/** Source links as context blocks of at most ten elements each. */
export function sourceBlocks(sources: readonly SourceEntry[], nameOf: (source: SourceEntry) => string = sourceName): SlackBlock[] {
	if (sources.length === 0) return [];
	const elements = sources.map((source) =>
		mrkdwn(`${source.url ? slackLink(source.url, `[${source.n}] ${nameOf(source)}`) : escapeSlack(`[${source.n}] ${nameOf(source)}`)}`, SLACK_LIMITS.contextElementText),
	);
	const blocks: SlackBlock[] = [];
	for (let i = 0; i < elements.length; i += SLACK_LIMITS.contextElements) {
		blocks.push({ type: 'context', elements: elements.slice(i, i + SLACK_LIMITS.contextElements) });
	}
	return blocks;
}

/** A whole brief as one Slack message. */
export function renderSlack(document: BriefDocument, fallbackLead?: string): SlackMessage {
	const byId = new Map(document.sources.map((s) => [s.signalId, s]));
	const blocks: SlackBlock[] = [{ type: 'header', text: plain(document.title, SLACK_LIMITS.headerText) }];
	if (document.subtitle) blocks.push({ type: 'context', elements: [mrkdwn(escapeSlack(document.subtitle), SLACK_LIMITS.contextElementText)] });
	for (const section of document.sections) {
		if (section.sentences.length === 0) continue;
		blocks.push({ type: 'divider' });
		const lines = section.sentences.map((s) => (section.style === 'list' ? `• ${slackSentence(s, byId)}` : slackSentence(s, byId)));
		const paragraph = section.style === 'paragraph' ? [lines.join(' ')] : lines;
		blocks.push(...packLines(section.heading, paragraph));
	}
	const sources = sourceBlocks(document.sources);
	if (sources.length > 0) blocks.push({ type: 'divider' }, ...sources);
	const record = button(document.recordLabel ?? 'Open in CRM', document.recordUrl, 'open_record');
	if (record) blocks.push({ type: 'actions', elements: [record] });
	const lead = fallbackLead ?? document.sections[0]?.sentences[0]?.text ?? '';
	const text = truncateEscaped(escapeSlack(lead ? `${document.title}: ${lead}` : document.title), SLACK_LIMITS.fallbackText);
	return { text, blocks: fitBlocks(blocks, document.recordUrl) };
}
