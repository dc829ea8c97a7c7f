import type { DateTime } from 'luxon';
import { domainOf, formatNumber, parseIsoDate, plural, resolveAsOf, toAddress, toIso, type Address, type EmailMessage, type Person, type Signal } from '../../model';
import { analyseUnits, mostExtreme, toneOf, type AnalysedSentence } from '../language/analyse';
import { LEXICON_SIGNAL_TYPES, buildConversationSignal, compareSignals, formatScore } from '../language/conversation';
import { quoteEvidence, shortDate, speakerLabel } from '../language/evidence';
import { compileLexicons, type CompiledLexicons, type LexiconSettings } from '../language/lexicon';
import { stripEmailQuotesAndSignature } from '../language/sentences';
import type { Speaker } from '../language/speakers';
import { words } from '../language/tokens';
import { resolveEmailThresholds, type EmailThresholds } from './thresholds';

export interface EmailEntry {
	message: EmailMessage;
	itemIndex: number;
	/** The message's analysis kept from an earlier run (`keepForLater`), for a message whose text is not kept. */
	analysis?: readonly AnalysedSentence[];
}

export interface EmailDetection {
	signal: Signal;
	itemIndexes: number[];
}

export interface EmailDetectionOptions {
	thresholds?: Partial<Record<keyof EmailThresholds, unknown>>;
	/** Default `input`; the Gmail / Graph modes say `gmail` / `outlook`. */
	system?: string;
	asOf?: string | DateTime | null;
	timezone?: string;
	lexicons?: LexiconSettings;
	/** Account contacts: names and titles for evidence, masked in snippets when redacting. */
	contacts?: readonly Person[];
	/** The customer's name for evidence ("Dana Kim (Acme)"). Per account: a map accountId → name. */
	accountNames?: Readonly<Record<string, string>>;
	/** Your company's e-mail domains; when absent, the senders of outbound e-mails define them. */
	vendorDomains?: readonly string[];
	redact?: boolean;
	snippetChars?: number;
}

interface Prepared {
	message: EmailMessage;
	itemIndexes: number[];
	sent: DateTime;
	from: Address;
	recipients: Address[];
	/** Words of the message's own text (quoted history and signature excluded), or the given word count. */
	wordCount?: number;
	sentences: AnalysedSentence[];
}

interface Context {
	asOf: DateTime;
	zone: string;
	detectedAt: string;
	system: string;
	thresholds: EmailThresholds;
	lexicons: CompiledLexicons;
	options: EmailDetectionOptions;
	contacts: ReadonlyMap<string, Person>;
}

const TYPES = {
	responseTime: 'email.response_time_degrading',
	shorter: 'email.shorter_replies',
	silence: 'email.thread_silence',
	newStakeholder: 'email.new_stakeholder',
	sentimentShift: 'email.sentiment_shift',
} as const;

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function mean(values: readonly number[]): number {
	return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function indexes(list: readonly Prepared[]): number[] {
	return [...new Set(list.flatMap((m) => m.itemIndexes))].sort((a, b) => a - b);
}

function contactsByEmail(options: EmailDetectionOptions): Map<string, Person> {
	const contacts = new Map<string, Person>();
	for (const contact of options.contacts ?? []) if (contact.email) contacts.set(contact.email.toLowerCase(), contact);
	return contacts;
}

/** The message's own text: quoted history and signature stripped (undefined when no text was read). */
function ownText(message: EmailMessage): string | undefined {
	return message.text !== undefined ? stripEmailQuotesAndSignature(message.text) : undefined;
}

/**
 * The customer's sentences of an inbound message's own text (quoted history and signature stripped); empty for an
 * outbound message or one read without text. What the e-mail detectors read, and what a run keeps (`keepForLater`).
 */
export function analyseEmailMessage(
	message: EmailMessage,
	options: EmailDetectionOptions = {},
	lexicons: CompiledLexicons = compileLexicons(options.lexicons),
	contacts: ReadonlyMap<string, Person> = contactsByEmail(options),
): AnalysedSentence[] {
	const own = ownText(message);
	if (own === undefined || message.direction !== 'inbound') return [];
	const from = toAddress(message.from);
	const contact = contacts.get(from.email);
	const speaker: Speaker = {
		key: from.email,
		name: from.name ?? contact?.name,
		email: from.email,
		title: contact?.title,
		side: 'customer',
		champion: contact?.champion === true,
		execSponsor: contact?.execSponsor === true,
	};
	return analyseUnits([{ speaker, text: own }], {
		lexicons,
		kind: 'plain',
		snippetChars: options.snippetChars,
		redact: options.redact,
		redactNames: [...contacts.values()].map((c) => c.name ?? '').filter(Boolean),
	});
}

/** Words of the message's own text (the given count when the source sent one), for "shorter replies". */
export function emailWordCount(message: EmailMessage): number | undefined {
	const own = ownText(message);
	return message.wordCount ?? (own !== undefined ? words(own).length : undefined);
}

function prepare(entries: readonly EmailEntry[], context: Context): Prepared[] {
	const byId = new Map<string, EmailEntry[]>();
	for (const entry of entries) {
		const key = `${entry.message.accountId}\u001f${entry.message.messageId}`;
		byId.set(key, [...(byId.get(key) ?? []), entry]);
	}
	const prepared: Prepared[] = [];
	for (const group of byId.values()) {
		const latest = group.reduce((a, b) => (b.itemIndex > a.itemIndex ? b : a));
		const { message } = latest;
		const sent = parseIsoDate(message.sentAt)!;
		if (sent > context.asOf) continue;
		const sentences =
			latest.analysis !== undefined && message.text === undefined
				? message.direction === 'inbound'
					? [...latest.analysis]
					: []
				: analyseEmailMessage(message, context.options, context.lexicons, context.contacts);
		prepared.push({
			message,
			itemIndexes: group.map((e) => e.itemIndex).sort((a, b) => a - b),
			sent,
			from: toAddress(message.from),
			recipients: [...message.to, ...message.cc].map(toAddress),
			wordCount: emailWordCount(message),
			sentences,
		});
	}
	return prepared.sort((a, b) => a.sent.toMillis() - b.sent.toMillis() || a.message.messageId.localeCompare(b.message.messageId));
}

function personLabel(address: Address, accountId: string, context: Context): string {
	const contact = context.contacts.get(address.email);
	const name = address.name ?? contact?.name;
	return speakerLabel({ name: name ?? address.email, organisation: context.options.accountNames?.[accountId], title: contact?.title });
}

function build(type: string, accountId: string, ref: string, context: Context, parts: {
	observedAt: DateTime;
	evidence: string;
	url?: string;
	value?: number;
	baseline?: number;
	attributes: Record<string, unknown>;
	itemIndexes: number[];
}): EmailDetection {
	return {
		signal: buildConversationSignal(type, { accountId, system: context.system, ref, detectedAt: context.detectedAt, ...parts }),
		itemIndexes: parts.itemIndexes,
	};
}

function aggregateRef(accountId: string, what: string, context: Context): string {
	return `${accountId}:${what}@${context.asOf.toISODate()}`;
}

/** Customer reply times: each inbound message answering an outbound one in the same thread. */
function replies(messages: readonly Prepared[]): Array<{ reply: Prepared; hours: number; to: Prepared }> {
	const byThread = new Map<string, Prepared[]>();
	for (const m of messages) byThread.set(m.message.threadId, [...(byThread.get(m.message.threadId) ?? []), m]);
	const out: Array<{ reply: Prepared; hours: number; to: Prepared }> = [];
	for (const thread of byThread.values()) {
		for (let i = 1; i < thread.length; i++) {
			const previous = thread[i - 1];
			if (thread[i].message.direction === 'inbound' && previous.message.direction === 'outbound') {
				out.push({ reply: thread[i], to: previous, hours: thread[i].sent.diff(previous.sent, 'hours').hours });
			}
		}
	}
	return out;
}

function detectResponseTime(accountId: string, messages: readonly Prepared[], context: Context): EmailDetection[] {
	const { responseWindowDays: windowDays, responseIncreasePct: increasePct, responseMinReplies: minReplies } = context.thresholds;
	const half = windowDays / 2;
	const middle = context.asOf.minus({ days: half });
	const start = context.asOf.minus({ days: windowDays });
	const all = replies(messages);
	const recent = all.filter((r) => r.reply.sent > middle);
	const earlier = all.filter((r) => r.reply.sent > start && r.reply.sent <= middle);
	const need = Math.ceil(minReplies / 2);
	if (recent.length < need || earlier.length < need) return [];
	const now = median(recent.map((r) => r.hours));
	const before = median(earlier.map((r) => r.hours));
	if (before <= 0) return [];
	const increase = ((now - before) / before) * 100;
	if (increase + 1e-9 < increasePct) return [];
	const halfDays = formatNumber(half);
	const evidence =
		`Customer reply time up ${Math.floor(increase + 1e-9)}%: median ${formatNumber(now)} hours over the ${halfDays} days to ${context.asOf.toISODate()} ` +
		`(${plural(recent.length, 'reply', 'replies')}) vs ${formatNumber(before)} hours over the ${halfDays} days before (${plural(earlier.length, 'reply', 'replies')})`;
	return [
		build(TYPES.responseTime, accountId, aggregateRef(accountId, 'reply-time', context), context, {
			observedAt: context.asOf,
			evidence,
			value: Math.round(now * 10) / 10,
			baseline: Math.round(before * 10) / 10,
			attributes: { windowDays, increasePct: Math.round(increase), recentReplies: recent.length, earlierReplies: earlier.length },
			itemIndexes: indexes([...recent, ...earlier].flatMap((r) => [r.reply, r.to])),
		}),
	];
}

function detectShorter(accountId: string, messages: readonly Prepared[], context: Context): EmailDetection[] {
	const { shorterWindowDays: windowDays, shorterDropPct: dropPct, shorterMinReplies: minReplies } = context.thresholds;
	const windowStart = context.asOf.minus({ days: windowDays });
	const priorStart = windowStart.minus({ days: windowDays });
	const inbound = messages.filter((m) => m.message.direction === 'inbound');
	const useWords = inbound.some((m) => m.wordCount !== undefined);
	const length = (m: Prepared) => (useWords ? m.wordCount : m.message.textLength);
	const measured = inbound.filter((m) => length(m) !== undefined);
	const recent = measured.filter((m) => m.sent > windowStart);
	const prior = measured.filter((m) => m.sent > priorStart && m.sent <= windowStart);
	if (recent.length < minReplies || prior.length < minReplies) return [];
	const now = mean(recent.map((m) => length(m)!));
	const before = mean(prior.map((m) => length(m)!));
	if (before <= 0) return [];
	const drop = ((before - now) / before) * 100;
	if (drop + 1e-9 < dropPct) return [];
	const unit = useWords ? 'words' : 'characters';
	const nowUnit = formatNumber(now) === '1' ? unit.slice(0, -1) : unit;
	const evidence =
		`Customer e-mails ${Math.floor(drop + 1e-9)}% shorter: ${formatNumber(now)} ${nowUnit} on average over the ${windowDays} days to ${context.asOf.toISODate()} ` +
		`(${plural(recent.length, 'e-mail')}) vs ${formatNumber(before)} ${unit} over the ${windowDays} days before (${plural(prior.length, 'e-mail')})`;
	return [
		build(TYPES.shorter, accountId, aggregateRef(accountId, 'length', context), context, {
			observedAt: context.asOf,
			evidence,
			value: Math.round(now * 10) / 10,
			baseline: Math.round(before * 10) / 10,
			attributes: { windowDays, unit, dropPct: Math.round(drop), recentEmails: recent.length, priorEmails: prior.length },
			itemIndexes: indexes([...recent, ...prior]),
		}),
	];
}

function detectSilence(accountId: string, messages: readonly Prepared[], context: Context): EmailDetection[] {
	const { silentDays, engagedMinMessages, engagedLookbackDays } = context.thresholds;
	const bySender = new Map<string, Prepared[]>();
	for (const m of messages) if (m.message.direction === 'inbound') bySender.set(m.from.email, [...(bySender.get(m.from.email) ?? []), m]);
	const out: EmailDetection[] = [];
	for (const [email, sent] of bySender) {
		const last = sent[sent.length - 1];
		const silentFor = context.asOf.diff(last.sent, 'days').days;
		if (silentFor + 1e-9 < silentDays) continue;
		const engaged = sent.filter((m) => m.sent > last.sent.minus({ days: engagedLookbackDays }));
		if (engaged.length < engagedMinMessages) continue;
		const chasers = messages.filter((m) => m.message.direction === 'outbound' && m.sent > last.sent && m.recipients.some((r) => r.email === email));
		if (chasers.length === 0) continue; // quiet on both sides is not the customer going silent
		const who = personLabel(last.from, accountId, context);
		const evidence =
			`${who} has not written for ${Math.floor(silentFor + 1e-9)} days (last e-mail ${last.sent.setZone(context.zone).toISODate()}; ` +
			`${plural(engaged.length, 'e-mail')} in the ${engagedLookbackDays} days before) although we sent ${plural(chasers.length, 'e-mail')} since`;
		out.push(
			build(TYPES.silence, accountId, `${accountId}:${email}:since:${last.sent.toISODate()}`, context, {
				observedAt: last.sent.plus({ days: silentDays }),
				evidence,
				url: last.message.url,
				value: Math.floor(silentFor + 1e-9),
				attributes: { contact: last.from.name ?? email, silentDays: Math.floor(silentFor + 1e-9), engagedEmails: engaged.length, unansweredEmails: chasers.length },
				itemIndexes: indexes([last, ...chasers]),
			}),
		);
	}
	return out;
}

function detectNewStakeholders(accountId: string, messages: readonly Prepared[], context: Context): EmailDetection[] {
	const { newStakeholderWindowDays: windowDays, newStakeholderMinMessages: minMessages } = context.thresholds;
	const windowStart = context.asOf.minus({ days: windowDays });
	const history = messages.filter((m) => m.sent <= windowStart);
	if (history.length === 0) return [];
	const vendorDomains = new Set(
		(context.options.vendorDomains ?? messages.filter((m) => m.message.direction === 'outbound').map((m) => domainOf(m.from.email)!)).map((d) => d.toLowerCase()),
	);
	const customerDomains = new Set(messages.filter((m) => m.message.direction === 'inbound').map((m) => domainOf(m.from.email)!));
	const isCustomer = (a: Address) => {
		const domain = domainOf(a.email)!;
		return !vendorDomains.has(domain) && customerDomains.has(domain);
	};
	const people = (m: Prepared) => [m.from, ...m.recipients].filter(isCustomer);
	const seen = new Set(history.flatMap((m) => people(m).map((a) => a.email)));
	const recent = messages.filter((m) => m.sent > windowStart);
	const onMessages = new Map<string, { address: Address; messages: Prepared[] }>();
	for (const m of recent) {
		for (const a of people(m)) {
			if (seen.has(a.email)) continue;
			const entry = onMessages.get(a.email) ?? { address: a, messages: [] };
			if (!entry.address.name && a.name) entry.address = a;
			if (!entry.messages.includes(m)) entry.messages.push(m);
			onMessages.set(a.email, entry);
		}
	}
	const out: EmailDetection[] = [];
	for (const [email, { address, messages: on }] of onMessages) {
		if (on.length < minMessages) continue;
		const first = on[0];
		const threads = new Set(on.map((m) => m.message.threadId)).size;
		out.push(
			build(TYPES.newStakeholder, accountId, `${accountId}:${email}`, context, {
				observedAt: first.sent,
				evidence:
					`New stakeholder on e-mail: ${personLabel(address, accountId, context)} first appeared ${first.sent.setZone(context.zone).toISODate()} ` +
					`and is on ${plural(on.length, 'message')} in ${plural(threads, 'thread')} in the ${windowDays} days to ${context.asOf.toISODate()}`,
				url: first.message.url,
				value: on.length,
				attributes: { contact: address.name ?? email, firstSeen: toIso(first.sent), messages: on.length, threads },
				itemIndexes: indexes(on),
			}),
		);
	}
	return out;
}

function detectSentimentShift(accountId: string, messages: readonly Prepared[], context: Context): EmailDetection[] {
	const { sentimentWindowDays: windowDays, sentimentMinDrop: minDrop, sentimentMinMessages: minMessages } = context.thresholds;
	const windowStart = context.asOf.minus({ days: windowDays });
	const priorStart = windowStart.minus({ days: windowDays });
	const toned = messages
		.filter((m) => m.message.direction === 'inbound')
		.map((m) => ({ m, tone: toneOf(m.sentences) }))
		.filter((x): x is { m: Prepared; tone: number } => x.tone !== undefined);
	const recent = toned.filter((x) => x.m.sent > windowStart);
	const prior = toned.filter((x) => x.m.sent > priorStart && x.m.sent <= windowStart);
	if (recent.length < minMessages || prior.length < minMessages) return [];
	const now = mean(recent.map((x) => x.tone));
	const before = mean(prior.map((x) => x.tone));
	if (before - now + 1e-9 < minDrop) return [];
	const worst = mostExtreme(recent.flatMap((x) => x.m.sentences), -1);
	const worstMessage = worst ? recent.find((x) => x.m.sentences.includes(worst))!.m : undefined;
	const evidence =
		`Customer e-mail tone fell from ${formatScore(before)} (${plural(prior.length, 'e-mail')} in the ${windowDays} days before) to ${formatScore(now)} ` +
		`(${plural(recent.length, 'e-mail')} in the ${windowDays} days to ${context.asOf.toISODate()})` +
		(worst && worstMessage
			? `; ${quoteEvidence({ name: worst.speaker.name ?? worst.speaker.email, organisation: context.options.accountNames?.[accountId], title: worst.speaker.title }, `wrote on ${shortDate(worstMessage.sent.setZone(context.zone))}`, worst.snippet)}`
			: '');
	return [
		build(TYPES.sentimentShift, accountId, aggregateRef(accountId, 'tone', context), context, {
			observedAt: context.asOf,
			evidence,
			url: worstMessage?.message.url,
			value: Math.round(now * 100) / 100,
			baseline: Math.round(before * 100) / 100,
			attributes: { windowDays, recentEmails: recent.length, priorEmails: prior.length },
			itemIndexes: indexes([...recent, ...prior].map((x) => x.m)),
		}),
	];
}

function detectLanguage(accountId: string, message: Prepared, context: Context): EmailDetection[] {
	if (message.sent <= context.asOf.minus({ days: context.thresholds.languageWindowDays })) return [];
	const out: EmailDetection[] = [];
	for (const [lexicon, type] of Object.entries(LEXICON_SIGNAL_TYPES.email)) {
		const hits = message.sentences.filter((s) => s.mentions.some((m) => m.lexicon === lexicon));
		if (hits.length === 0) continue;
		const first = hits[0];
		out.push(
			build(type, accountId, message.message.messageId, context, {
				observedAt: message.sent,
				evidence: quoteEvidence(
					{ name: first.speaker.name ?? first.speaker.email, organisation: context.options.accountNames?.[accountId], title: first.speaker.title },
					`wrote on ${shortDate(message.sent.setZone(context.zone))}`,
					first.snippet,
				),
				url: message.message.url,
				value: hits.length,
				attributes: {
					messageId: message.message.messageId,
					threadId: message.message.threadId,
					lexicon,
					phrases: [...new Set(hits.flatMap((s) => s.mentions.filter((m) => m.lexicon === lexicon).map((m) => m.phrase)))],
				},
				itemIndexes: message.itemIndexes,
			}),
		);
	}
	return out;
}

/**
 * E-mail signals as of one instant (the support detectors' as-of rule). Pure; ordered by account, type, observedAt.
 * Message text is read for tone and phrases and dropped: signals carry one quoted snippet at most.
 */
export function detectEmailSignals(entries: readonly EmailEntry[], options: EmailDetectionOptions = {}): EmailDetection[] {
	const asOf = resolveAsOf(options.asOf, options.timezone);
	const contacts = contactsByEmail(options);
	const context: Context = {
		asOf,
		zone: options.timezone || (asOf.zoneName ?? 'UTC'),
		detectedAt: toIso(asOf),
		system: options.system?.trim() || 'input',
		thresholds: resolveEmailThresholds(options.thresholds),
		lexicons: compileLexicons(options.lexicons),
		options,
		contacts,
	};
	const byAccount = new Map<string, Prepared[]>();
	for (const m of prepare(entries, context)) byAccount.set(m.message.accountId, [...(byAccount.get(m.message.accountId) ?? []), m]);
	const detections: EmailDetection[] = [];
	for (const [accountId, messages] of byAccount) {
		detections.push(
			...detectResponseTime(accountId, messages, context),
			...detectShorter(accountId, messages, context),
			...detectSilence(accountId, messages, context),
			...detectNewStakeholders(accountId, messages, context),
			...detectSentimentShift(accountId, messages, context),
		);
		for (const message of messages) if (message.message.direction === 'inbound') detections.push(...detectLanguage(accountId, message, context));
	}
	return detections.sort((a, b) => compareSignals(a.signal, b.signal));
}
