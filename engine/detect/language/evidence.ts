import type { DateTime } from 'luxon';

/**
 * Quoted evidence: the only conversation text that ever leaves a detector.
 *
 * A snippet is one sentence, cut to `maxChars` at a word boundary with an ellipsis, centred on the phrase that
 * triggered the signal when the sentence is longer. Redaction masks, inside the snippet, the names of the people
 * in the conversation, e-mail addresses, phone numbers and every other number.
 */

export const DEFAULT_SNIPPET_CHARS = 120;
const ELLIPSIS = '…';

export interface SnippetOptions {
	maxChars?: number;
	/** Character range of the triggering phrase within the sentence (kept inside the snippet). */
	focus?: { start: number; end: number };
	redact?: RedactionOptions | false;
}

export interface RedactionOptions {
	/** Names to mask: participants, authors, account contacts (first and last names are masked separately too). */
	names?: readonly string[];
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){2,4}/g;
const NUMBER = /\d+(?:[.,:]\d+)*(?:st|nd|rd|th|%|k|m|bn)?/gi;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Mask names, e-mail addresses, phone numbers and other numbers: "[name]", "[email]", "[phone]", "[number]". */
export function redactText(text: string, options: RedactionOptions = {}): string {
	let out = text.replace(EMAIL, '[email]').replace(PHONE, (match) => (match.replace(/\D/g, '').length >= 7 ? '[phone]' : match));
	// full names case-insensitively; single first or last names only capitalised ("Will" the person, not "will")
	const full = new Set<string>();
	const parts = new Set<string>();
	for (const name of options.names ?? []) {
		const trimmed = name.trim();
		if (trimmed.length < 2) continue;
		full.add(trimmed);
		for (const part of trimmed.split(/\s+/)) if (part.length >= 2 && /^\p{Lu}/u.test(part)) parts.add(part);
	}
	const mask = (names: Set<string>, flags: string) => {
		// longest first so "Dana Kim" is one [name], not "[name] [name]"
		for (const name of [...names].sort((a, b) => b.length - a.length)) {
			out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}\\]])${escapeRegExp(name)}(?:'s)?(?![\\p{L}\\p{N}])`, flags), '[name]');
		}
	};
	mask(full, 'giu');
	mask(parts, 'gu');
	out = out.replace(/@[\w-]+(?:\.[\w-]+)*/g, '[name]');
	return out.replace(NUMBER, '[number]');
}

/** One sentence cut to a readable quote (never more than `maxChars` characters of the original). */
export function snippetOf(sentence: string, options: SnippetOptions = {}): string {
	const maxChars = Math.max(20, options.maxChars ?? DEFAULT_SNIPPET_CHARS);
	const text = sentence.replace(/\s+/g, ' ').trim();
	let cut = text;
	if (text.length > maxChars) {
		const focusStart = options.focus?.start ?? 0;
		const focusEnd = options.focus?.end ?? 0;
		let start = 0;
		if (focusEnd > maxChars - 10) {
			// centre the window on the phrase
			start = Math.max(0, Math.min(text.length - maxChars, Math.floor((focusStart + focusEnd) / 2 - maxChars / 2)));
		}
		let end = start + maxChars;
		// snap to word boundaries
		if (start > 0) {
			const space = text.indexOf(' ', start);
			start = space >= 0 && space < focusStart ? space + 1 : start;
		}
		if (end < text.length) {
			const space = text.lastIndexOf(' ', end);
			end = space > start && space >= focusEnd ? space : end;
		}
		const body = text.slice(start, end);
		cut = `${start > 0 ? ELLIPSIS : ''}${end < text.length ? `${body.replace(/[\s,;:.-]+$/, '')}${ELLIPSIS}` : body}`;
	}
	return options.redact ? redactText(cut, options.redact) : cut;
}

export interface SpeakerLabel {
	name?: string;
	/** The speaker's organisation (the account name for customer-side people). */
	organisation?: string;
	title?: string;
}

/** "Dana Kim (Acme, VP Ops)", "Dana Kim", "an unidentified speaker". */
export function speakerLabel(speaker: SpeakerLabel): string {
	const name = speaker.name?.trim() || 'an unidentified speaker';
	const details = [speaker.organisation?.trim(), speaker.title?.trim()].filter(Boolean);
	return details.length > 0 ? `${name} (${details.join(', ')})` : name;
}

/** "12 Nov" in the given zone (the evidence reads in the workflow's time zone). */
export function shortDate(moment: DateTime): string {
	return moment.toFormat('d LLL');
}

/** `Dana Kim (Acme, VP Ops) on the 12 Nov call: "We need to justify the cost before renewal…"` (no quote without a snippet). */
export function quoteEvidence(speaker: SpeakerLabel, where: string, snippet: string | undefined): string {
	return snippet === undefined ? `${speakerLabel(speaker)} ${where}` : `${speakerLabel(speaker)} ${where}: "${snippet}"`;
}
