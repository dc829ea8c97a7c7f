import { DateTime } from 'luxon';
import { formatNumber, parseIsoDate, plural, resolveAsOf, toIso, type Signal, type SlackMessage } from '../../model';
import { analyseUnits, mostExtreme, toneOf, type AnalysedSentence } from '../language/analyse';
import { LEXICON_SIGNAL_TYPES, buildConversationSignal, compareSignals, formatScore } from '../language/conversation';
import { quoteEvidence, shortDate, speakerLabel } from '../language/evidence';
import { compileLexicons, type CompiledLexicons, type LexiconSettings } from '../language/lexicon';
import type { Speaker } from '../language/speakers';
import { addBusinessHours, businessHours, businessHoursBetween, type BusinessHours, type BusinessHoursOptions } from './business-hours';
import { resolveSlackThresholds, type SlackThresholds } from './thresholds';

export interface SlackEntry {
	message: SlackMessage;
	itemIndex: number;
	/** The message's analysis kept from an earlier run (`keepForLater`), for a message whose text is not kept. */
	analysis?: readonly AnalysedSentence[];
}

export interface SlackDetection {
	signal: Signal;
	itemIndexes: number[];
}

export interface SlackDetectionOptions {
	thresholds?: Partial<Record<keyof SlackThresholds, unknown>>;
	/** Default `input`; the Slack mode says `slack`. */
	system?: string;
	asOf?: string | DateTime | null;
	/** The workflow's time zone: as-of without an offset, evidence dates and business hours. */
	timezone?: string;
	lexicons?: LexiconSettings;
	/** Working hours for "unanswered past N business hours" (zone defaults to `timezone`). */
	businessHours?: BusinessHoursOptions;
	/** The customer's name per account, for evidence. */
	accountNames?: Readonly<Record<string, string>>;
	redact?: boolean;
	snippetChars?: number;
}

interface Prepared {
	message: SlackMessage;
	itemIndexes: number[];
	sent: DateTime;
	speaker: Speaker;
	sentences: AnalysedSentence[];
}

interface Context {
	asOf: DateTime;
	zone: string;
	detectedAt: string;
	system: string;
	thresholds: SlackThresholds;
	lexicons: CompiledLexicons;
	hours: BusinessHours;
	options: SlackDetectionOptions;
}

const TYPES = {
	negative: 'slack.negative_sentiment',
	unanswered: 'slack.unanswered_question',
	volumeDrop: 'slack.volume_drop',
	newMembers: 'slack.new_members',
} as const;

const QUESTION_START = /^(?:any (?:update|news|eta)|can (?:you|we|someone|anyone|i)|could (?:you|someone|anyone|we)|how (?:do|can|should|long)|is there|are there|when (?:will|can|is|does)|what(?:'s| is| are| happened)|why (?:is|does|did)|who (?:can|is)|where (?:is|can))\b/i;

/** Whether a sentence asks something: a question mark, or a question opening without one (common in Slack). */
export function isQuestion(sentence: string): boolean {
	return /\?["')\]]*$/.test(sentence.trim()) || QUESTION_START.test(sentence.trim());
}

function sentTime(message: SlackMessage): DateTime {
	if (message.sentAt) return parseIsoDate(message.sentAt)!;
	return DateTime.fromMillis(Math.round(Number.parseFloat(message.ts) * 1000), { zone: 'utc' });
}

function speakerOf(message: SlackMessage): Speaker {
	return { key: message.user, name: message.userName, side: message.customerSide ? 'customer' : 'vendor', champion: false, execSponsor: false };
}

/**
 * A customer-side message's sentences (Slack markup resolved; questions flagged as quotable); empty for our own
 * messages and messages read without text. What the Slack detectors read, and what a run keeps (`keepForLater`).
 * `names`: the people to mask when redacting (the channel's members; the author always).
 */
export function analyseSlackMessage(
	message: SlackMessage,
	options: SlackDetectionOptions = {},
	lexicons: CompiledLexicons = compileLexicons(options.lexicons),
	names: readonly string[] = message.userName ? [message.userName] : [],
): AnalysedSentence[] {
	if (message.text === undefined || !message.customerSide) return [];
	// Slack markup: <@U123> mentions, <url|label> links, :emoji: codes
	const text = message.text.replace(/<@[A-Z0-9]+>/g, '@someone').replace(/<(?:https?|mailto):[^|>]+\|([^>]+)>/g, '$1').replace(/<(?:https?|mailto):[^>]+>/g, 'a link');
	return analyseUnits([{ speaker: speakerOf(message), text }], {
		lexicons,
		snippetChars: options.snippetChars,
		redact: options.redact,
		redactNames: names,
		quotable: isQuestion,
	});
}

function prepare(entries: readonly SlackEntry[], context: Context): Prepared[] {
	const byId = new Map<string, SlackEntry[]>();
	for (const entry of entries) {
		const key = `${entry.message.channelId}\u001f${entry.message.ts}`;
		byId.set(key, [...(byId.get(key) ?? []), entry]);
	}
	const names = [...new Set(entries.map((e) => e.message.userName).filter((n): n is string => !!n))];
	const prepared: Prepared[] = [];
	for (const group of byId.values()) {
		const latest = group.reduce((a, b) => (b.itemIndex > a.itemIndex ? b : a));
		const { message } = latest;
		const sent = sentTime(message);
		if (sent > context.asOf) continue;
		const sentences =
			latest.analysis !== undefined && message.text === undefined
				? message.customerSide
					? [...latest.analysis]
					: []
				: analyseSlackMessage(message, context.options, context.lexicons, names);
		prepared.push({ message, itemIndexes: group.map((e) => e.itemIndex).sort((a, b) => a - b), sent, speaker: speakerOf(message), sentences });
	}
	return prepared.sort((a, b) => a.sent.toMillis() - b.sent.toMillis() || a.message.ts.localeCompare(b.message.ts));
}

function channelName(message: SlackMessage): string {
	return message.channelName ? `#${message.channelName.replace(/^#/, '')}` : `channel ${message.channelId}`;
}

function who(p: Prepared, context: Context): string {
	return speakerLabel({ name: p.speaker.name ?? p.message.user, organisation: context.options.accountNames?.[p.message.accountId] });
}

function build(type: string, accountId: string, ref: string, context: Context, parts: {
	observedAt: DateTime;
	evidence: string;
	url?: string;
	value?: number;
	baseline?: number;
	attributes: Record<string, unknown>;
	itemIndexes: number[];
}): SlackDetection {
	return { signal: buildConversationSignal(type, { accountId, system: context.system, ref, detectedAt: context.detectedAt, ...parts }), itemIndexes: parts.itemIndexes };
}

function indexes(list: readonly Prepared[]): number[] {
	return [...new Set(list.flatMap((m) => m.itemIndexes))].sort((a, b) => a - b);
}

function aggregateRef(channelId: string, what: string, context: Context): string {
	return `${channelId}:${what}@${context.asOf.toISODate()}`;
}

function detectNegative(accountId: string, channel: readonly Prepared[], context: Context): SlackDetection[] {
	const { sentimentWindowDays: windowDays, negativeMaxScore: maxScore, sentimentMinMessages: minMessages } = context.thresholds;
	const recent = channel
		.filter((m) => m.speaker.side === 'customer' && m.sent > context.asOf.minus({ days: windowDays }))
		.map((m) => ({ m, tone: toneOf(m.sentences) }))
		.filter((x): x is { m: Prepared; tone: number } => x.tone !== undefined);
	if (recent.length < minMessages) return [];
	const average = recent.reduce((sum, x) => sum + x.tone, 0) / recent.length;
	if (average > maxScore + 1e-9) return [];
	const worst = mostExtreme(recent.flatMap((x) => x.m.sentences), -1);
	const worstMessage = worst ? recent.find((x) => x.m.sentences.includes(worst))!.m : undefined;
	const first = channel[0].message;
	const evidence =
		`Customer messages in ${channelName(first)} averaged ${formatScore(average)} over the ${windowDays} days to ${context.asOf.toISODate()} (${plural(recent.length, 'message')})` +
		(worst && worstMessage
			? `; ${quoteEvidence({ name: worstMessage.speaker.name ?? worstMessage.message.user, organisation: context.options.accountNames?.[accountId] }, `on ${shortDate(worstMessage.sent.setZone(context.zone))}`, worst.snippet)}`
			: '');
	return [
		build(TYPES.negative, accountId, aggregateRef(first.channelId, 'tone', context), context, {
			observedAt: context.asOf,
			evidence,
			url: worstMessage?.message.url,
			value: Math.round(average * 100) / 100,
			attributes: { channelId: first.channelId, windowDays, messages: recent.length },
			itemIndexes: indexes(recent.map((x) => x.m)),
		}),
	];
}

function detectLanguage(message: Prepared, context: Context): SlackDetection[] {
	if (message.speaker.side !== 'customer' || message.sent <= context.asOf.minus({ days: context.thresholds.languageWindowDays })) return [];
	const out: SlackDetection[] = [];
	for (const [lexicon, type] of Object.entries(LEXICON_SIGNAL_TYPES.slack)) {
		const hits = message.sentences.filter((s) => s.mentions.some((m) => m.lexicon === lexicon));
		if (hits.length === 0) continue;
		out.push(
			build(type, message.message.accountId, `${message.message.channelId}:${message.message.ts}`, context, {
				observedAt: message.sent,
				evidence: quoteEvidence(
					{ name: message.speaker.name ?? message.message.user, organisation: context.options.accountNames?.[message.message.accountId] },
					`in ${channelName(message.message)} on ${shortDate(message.sent.setZone(context.zone))}`,
					hits[0].snippet,
				),
				url: message.message.url,
				value: hits.length,
				attributes: {
					channelId: message.message.channelId,
					ts: message.message.ts,
					lexicon,
					phrases: [...new Set(hits.flatMap((s) => s.mentions.filter((m) => m.lexicon === lexicon).map((m) => m.phrase)))],
				},
				itemIndexes: message.itemIndexes,
			}),
		);
	}
	return out;
}

function detectUnanswered(accountId: string, channel: readonly Prepared[], context: Context): SlackDetection[] {
	const { unansweredMaxBusinessHours: maxHours, unansweredWindowDays: windowDays } = context.thresholds;
	const out: SlackDetection[] = [];
	for (const question of channel) {
		const sentence = question.sentences.find((s) => s.flagged);
		if (question.speaker.side !== 'customer' || !sentence) continue;
		if (question.sent <= context.asOf.minus({ days: windowDays })) continue;
		const ts = question.message.ts;
		const inThread = question.message.threadTs !== undefined && question.message.threadTs !== ts;
		const parent = inThread ? question.message.threadTs! : ts;
		const threadReplies = channel.filter((m) => m.message.threadTs === parent && m.message.ts !== parent && m.sent > question.sent);
		// replies exist in Slack but were not read (history without conversations.replies): we cannot tell who answered
		if (!inThread && (question.message.replyCount ?? 0) > 0 && threadReplies.length === 0) continue;
		const answers = [
			...threadReplies.filter((m) => m.speaker.side === 'vendor'),
			// an unthreaded question may be answered in the channel itself
			...(inThread ? [] : channel.filter((m) => m.speaker.side === 'vendor' && m.sent > question.sent && (m.message.threadTs === undefined || m.message.threadTs === m.message.ts))),
		].sort((a, b) => a.sent.toMillis() - b.sent.toMillis());
		const deadline = addBusinessHours(question.sent, maxHours, context.hours);
		const answer = answers[0];
		if (answer ? answer.sent <= deadline : context.asOf < deadline) continue;
		const waited = businessHoursBetween(question.sent, answer?.sent ?? context.asOf, context.hours);
		const status = answer ? `answered after ${formatNumber(waited)} business hours` : `unanswered for ${formatNumber(waited)} business hours`;
		out.push(
			build(TYPES.unanswered, accountId, `${question.message.channelId}:${ts}`, context, {
				observedAt: deadline,
				evidence: quoteEvidence(
					{ name: question.speaker.name ?? question.message.user, organisation: context.options.accountNames?.[accountId] },
					`asked in ${channelName(question.message)} on ${shortDate(question.sent.setZone(context.zone))}, ${status} (limit ${formatNumber(maxHours)})`,
					sentence.snippet,
				),
				url: question.message.url,
				value: Math.round(waited * 10) / 10,
				baseline: maxHours,
				attributes: { channelId: question.message.channelId, ts, answered: !!answer, businessHours: Math.round(waited * 10) / 10 },
				itemIndexes: indexes(answer ? [question, answer] : [question]),
			}),
		);
	}
	return out;
}

function detectVolumeDrop(accountId: string, channel: readonly Prepared[], context: Context): SlackDetection[] {
	const { volumeWindowDays: windowDays, volumeBaselineDays: baselineDays, volumeDropPct: dropPct, volumeMinBaselineMessages: minBaseline } = context.thresholds;
	const windowStart = context.asOf.minus({ days: windowDays });
	const customer = channel.filter((m) => m.speaker.side === 'customer');
	const recent = customer.filter((m) => m.sent > windowStart);
	const baseline = customer.filter((m) => m.sent <= windowStart && m.sent > windowStart.minus({ days: baselineDays }));
	if (baseline.length < minBaseline) return [];
	const perWindow = (baseline.length * windowDays) / baselineDays;
	const drop = ((perWindow - recent.length) / perWindow) * 100;
	if (drop + 1e-9 < dropPct) return [];
	const first = channel[0].message;
	return [
		build(TYPES.volumeDrop, accountId, aggregateRef(first.channelId, 'volume', context), context, {
			observedAt: context.asOf,
			evidence:
				`Customer messages in ${channelName(first)} down ${Math.floor(drop + 1e-9)}%: ${recent.length} in the ${windowDays} days to ${context.asOf.toISODate()} ` +
				`vs an average of ${formatNumber(perWindow)} per ${windowDays} days over the ${baselineDays} days before`,
			value: recent.length,
			baseline: Math.round(perWindow * 100) / 100,
			attributes: { channelId: first.channelId, windowDays, baselineDays, baselineMessages: baseline.length },
			itemIndexes: indexes([...recent, ...baseline]),
		}),
	];
}

function detectNewMembers(accountId: string, channel: readonly Prepared[], context: Context): SlackDetection[] {
	const { newMembersWindowDays: windowDays, newMembersMin: minNew } = context.thresholds;
	const windowStart = context.asOf.minus({ days: windowDays });
	const history = channel.filter((m) => m.sent <= windowStart);
	if (history.length === 0) return [];
	const seen = new Set(history.map((m) => m.message.user));
	const newcomers = new Map<string, Prepared>();
	for (const m of channel) if (m.sent > windowStart && m.speaker.side === 'customer' && !seen.has(m.message.user) && !newcomers.has(m.message.user)) newcomers.set(m.message.user, m);
	if (newcomers.size < minNew) return [];
	const first = channel[0].message;
	const people = [...newcomers.values()];
	return [
		build(TYPES.newMembers, accountId, aggregateRef(first.channelId, 'new-members', context), context, {
			observedAt: context.asOf,
			evidence: `${plural(people.length, 'new person', 'new people')} from the customer posted in ${channelName(first)} in the ${windowDays} days to ${context.asOf.toISODate()}: ${people.map((p) => who(p, context)).join(', ')}`,
			value: people.length,
			attributes: { channelId: first.channelId, windowDays, members: people.map((p) => p.speaker.name ?? p.message.user) },
			itemIndexes: indexes(people),
		}),
	];
}

/**
 * Shared-channel signals as of one instant (the support detectors' as-of rule). Pure; ordered by account, type,
 * observedAt. Message text is read for tone, phrases and questions and dropped: signals carry one quoted snippet at most.
 */
export function detectSlackSignals(entries: readonly SlackEntry[], options: SlackDetectionOptions = {}): SlackDetection[] {
	const asOf = resolveAsOf(options.asOf, options.timezone);
	const zone = options.timezone || (asOf.zoneName ?? 'UTC');
	const context: Context = {
		asOf,
		zone,
		detectedAt: toIso(asOf),
		system: options.system?.trim() || 'input',
		thresholds: resolveSlackThresholds(options.thresholds),
		lexicons: compileLexicons(options.lexicons),
		hours: businessHours({ zone, ...options.businessHours }),
		options,
	};
	const byChannel = new Map<string, Prepared[]>();
	for (const m of prepare(entries, context)) {
		const key = `${m.message.accountId}\u001f${m.message.channelId}`;
		byChannel.set(key, [...(byChannel.get(key) ?? []), m]);
	}
	const detections: SlackDetection[] = [];
	for (const channel of byChannel.values()) {
		const accountId = channel[0].message.accountId;
		detections.push(
			...detectNegative(accountId, channel, context),
			...detectUnanswered(accountId, channel, context),
			...detectVolumeDrop(accountId, channel, context),
			...detectNewMembers(accountId, channel, context),
		);
		for (const message of channel) detections.push(...detectLanguage(message, context));
	}
	return detections.sort((a, b) => compareSignals(a.signal, b.signal));
}
