/**
 * Sentence splitting for conversation text: meeting turns, e-mail bodies, Slack messages.
 *
 * - A period after a known abbreviation ("Dr.", "e.g.", "Inc.", "Nov.") or an initial ("J. Smith") does not end a
 *   sentence; neither does one inside a number ("4.2", "$1.5m"), an address ("acme.com", "dana@acme.com") or an
 *   ellipsis followed by a lower-case word.
 * - E-mail: quoted history ("> …" lines, "On Tue, … wrote:", "-----Original Message-----", an Outlook
 *   "From: … Sent: …" header block) and the signature (a "-- " line, or a closing such as "Best," / "Thanks,"
 *   followed by a few short lines) are dropped before splitting: the customer's words in *this* message count,
 *   the history was counted when it was sent.
 * - Turn text: WebVTT voice tags (`<v Dana Kim>`), inline cue timestamps (`<00:01:02.000>`), styling tags and
 *   stage directions ("[inaudible]", "(laughs)") are removed.
 */

const ABBREVIATIONS = new Set(
	[
		'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'inc', 'ltd', 'corp', 'co', 'llc', 'plc', 'gmbh', 'dept', 'est',
		'vs', 'etc', 'approx', 'appt', 'apt', 'ext', 'tel', 'avg', 'qty', 'incl',
		'jan', 'feb', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri',
		'e.g', 'i.e', 'a.m', 'p.m', 'u.s', 'u.k', 'e.u', 'cf', 'al', 'govt', 'mgmt', 'svp', 'evp',
	],
);

/** Abbreviations that are also ordinary words ("we said no."): only before a number ("No. 5", "Mar. 3", "min. 10"). */
const ABBREVIATIONS_BEFORE_NUMBER = new Set(['no', 'nos', 'vol', 'fig', 'ref', 'min', 'max', 'mar', 'may', 'sat', 'sun', 'est', 'p', 'pp']);

export type TextKind = 'plain' | 'email' | 'turn';

const QUOTE_HEADER = [
	/^On .{4,200}wrote:\s*$/i,
	/^-{2,}\s*Original Message\s*-{2,}\s*$/i,
	/^-{2,}\s*Forwarded message\s*-{2,}\s*$/i,
	/^From:\s.+$/i, // Outlook reply header (From: / Sent: / To: / Subject:)
	/^_{10,}\s*$/,
];
const CLOSINGS = /^(best|best regards|kind regards|regards|warm regards|many thanks|thanks|thank you|cheers|sincerely|br|talk soon|speak soon)[,!.]?\s*$/i;
const SENT_FROM = /^sent from my /i;

/** The e-mail's own text: quoted history and signature removed. */
export function stripEmailQuotesAndSignature(body: string): string {
	const lines = body.replace(/\r\n?/g, '\n').split('\n');
	const kept: string[] = [];
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const trimmed = line.trim();
		if (trimmed === '--' || line === '-- ' || SENT_FROM.test(trimmed)) break; // signature delimiter
		if (QUOTE_HEADER.some((pattern) => pattern.test(trimmed))) {
			// "From:" only counts as a quote header when a "Sent:"/"Date:" line follows (Outlook), not in running text
			if (/^From:/i.test(trimmed) && !/^(Sent|Date):/i.test(lines[i + 1]?.trim() ?? '')) {
				kept.push(line);
				continue;
			}
			break;
		}
		if (trimmed.startsWith('>')) continue;
		if (CLOSINGS.test(trimmed)) {
			// a closing with at most 4 short lines after it is a sign-off; a "Thanks," before more paragraphs is not
			const after = lines.slice(i + 1);
			const quoteAt = after.findIndex((l) => l.trim().startsWith('>') || QUOTE_HEADER.some((pattern) => pattern.test(l.trim())));
			const rest = (quoteAt >= 0 ? after.slice(0, quoteAt) : after).filter((l) => l.trim() !== '');
			if (rest.length <= 4 && rest.every((l) => l.trim().length <= 60)) break;
		}
		kept.push(line);
	}
	return kept.join('\n');
}

/** Turn text without VTT markup and stage directions. */
export function cleanTurnText(text: string): string {
	return text
		.replace(/<v(?:\.[^\s>]+)?\s+[^>]*>/gi, ' ')
		.replace(/<\/v>/gi, ' ')
		.replace(/<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{1,3}>/g, ' ')
		.replace(/<\/?(?:c|i|b|u|lang|ruby|rt)(?:\.[^\s>]*)?(?:\s[^>]*)?>/gi, ' ')
		.replace(/\[(?:inaudible|crosstalk|laughter|laughs|music|silence|pause|noise)[^\]]*\]/gi, ' ')
		.replace(/\((?:inaudible|crosstalk|laughter|laughs|music|silence|pause|noise)[^)]*\)/gi, ' ');
}

function endsWithAbbreviation(before: string, after: string): boolean {
	const match = /(?:^|[\s(])((?:[A-Za-z]\.)*[A-Za-z]+)$/.exec(before);
	if (!match) return false;
	const word = match[1].toLowerCase();
	if (ABBREVIATIONS.has(word)) return true;
	if (ABBREVIATIONS_BEFORE_NUMBER.has(word) && /^\d/.test(after)) return true;
	// a single capital letter: an initial ("J. Smith") or a list letter
	return /^[A-Z]$/.test(match[1]);
}

/**
 * Split text into sentences (trimmed, whitespace collapsed, empty ones dropped).
 * `kind` chooses the clean-up first: e-mail quoting/signatures, VTT turn markup, or none.
 */
export function splitSentences(text: string, kind: TextKind = 'plain'): string[] {
	let body = kind === 'email' ? stripEmailQuotesAndSignature(text) : text;
	if (kind === 'turn') body = cleanTurnText(body);
	const sentences: string[] = [];
	// paragraphs and list items end sentences even without punctuation
	for (const block of body.replace(/\r\n?/g, '\n').split(/\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/)) {
		const flat = block.replace(/\s+/g, ' ').trim();
		if (flat === '') continue;
		let start = 0;
		const boundary = /([.!?…]+)(["')\]]*)(\s+|$)/g;
		let match: RegExpExecArray | null;
		while ((match = boundary.exec(flat)) !== null) {
			const end = match.index + match[1].length + match[2].length;
			const before = flat.slice(start, match.index);
			const after = flat.slice(match.index + match[0].length);
			const punctuation = match[1];
			if (punctuation === '.' && after !== '' && endsWithAbbreviation(before, after)) {
				// "Dr. Patel", "e.g. the export", "Nov. 12" go on; "…with Acme Inc. The next step…" and "etc. Then" end
				const companyOrEtc = /(?:inc|ltd|corp|llc|plc|co|etc)$/i.test(before);
				if (!(companyOrEtc && /^[A-Z]/.test(after))) continue;
			}
			if (/^[a-z]/.test(after) && punctuation !== '?' && punctuation !== '!') continue; // "… and then" / "4. the next"
			const sentence = flat.slice(start, end).trim();
			if (sentence !== '') sentences.push(sentence);
			start = match.index + match[0].length;
		}
		const tail = flat.slice(start).trim();
		if (tail !== '') sentences.push(tail);
	}
	return sentences;
}
