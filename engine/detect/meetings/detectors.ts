import type { DateTime } from 'luxon';
import { formatNumber, parseIsoDate, plural, resolveAsOf, toIso, type Meeting, type MeetingParticipant, type Person, type Signal } from '../../model';
import { analyseUnits, mostExtreme, toneOf, type AnalysedSentence } from '../language/analyse';
import { LEXICON_SIGNAL_TYPES, buildConversationSignal, compareSignals, formatScore } from '../language/conversation';
import { quoteEvidence, shortDate, speakerLabel } from '../language/evidence';
import { compileLexicons, type CompiledLexicons, type LexiconSettings } from '../language/lexicon';
import { attributeSpeaker, type Speaker } from '../language/speakers';
import { resolveMeetingThresholds, type MeetingThresholds } from './thresholds';

export interface MeetingEntry {
	meeting: Meeting;
	itemIndex: number;
	/**
	 * The call's analysis kept from an earlier run (`keepForLater`), for a call whose transcript is not kept:
	 * read instead of the transcript.
	 */
	analysis?: readonly AnalysedSentence[];
}

export interface MeetingDetection {
	signal: Signal;
	itemIndexes: number[];
}

export interface MeetingDetectionOptions {
	thresholds?: Partial<Record<keyof MeetingThresholds, unknown>>;
	/** The source system named in each signal (default `input`; the Gong mode says `gong`). */
	system?: string;
	asOf?: string | DateTime | null;
	timezone?: string;
	/** Phrase lexicons: replacements, overrides, competitor names. */
	lexicons?: LexiconSettings;
	/** Account contacts (champion / executive sponsor flags), matched to participants by e-mail or name. */
	contacts?: readonly Person[];
	/** Your company's name, shown for vendor-side speakers. */
	vendorName?: string;
	vendorDomains?: readonly string[];
	customerDomains?: readonly string[];
	/** Mask names, e-mail addresses, phone numbers and numbers in quoted snippets. */
	redact?: boolean;
	snippetChars?: number;
	/** Count speakers who match no participant as customer-side (transcripts without participant lists). */
	unknownSpeakersAreCustomer?: boolean;
}

interface Context {
	asOf: DateTime;
	zone: string;
	detectedAt: string;
	system: string;
	thresholds: MeetingThresholds;
	lexicons: CompiledLexicons;
	options: MeetingDetectionOptions;
}

interface PreparedMeeting {
	meeting: Meeting;
	itemIndexes: number[];
	started: DateTime;
	/** Participants with contact flags merged in. */
	people: Speaker[];
	/** Customer-side sentences (only computed for held meetings with a transcript). */
	sentences: AnalysedSentence[];
}

const TYPES = {
	sentimentDecline: 'meetings.sentiment_decline',
	execAbsence: 'meetings.exec_absence',
	cadenceDrop: 'meetings.cadence_drop',
	championPositive: 'meetings.champion_positive',
	newStakeholder: 'meetings.new_stakeholder',
} as const;

function mergeContact(participant: MeetingParticipant, contacts: readonly Person[]): Person {
	const email = participant.email?.toLowerCase();
	const contact =
		(email && contacts.find((c) => c.email?.toLowerCase() === email)) ||
		(participant.name && contacts.find((c) => c.name && c.name.trim().toLowerCase() === participant.name!.trim().toLowerCase())) ||
		undefined;
	if (!contact) return participant;
	return {
		...contact,
		...participant,
		title: participant.title ?? contact.title,
		affiliation: participant.affiliation ?? contact.affiliation ?? 'customer',
		champion: participant.champion ?? contact.champion,
		execSponsor: participant.execSponsor ?? contact.execSponsor,
	};
}

/** The call's participants with the account contacts' flags merged in. */
function participantsOf(meeting: Meeting, contacts: readonly Person[]): Person[] {
	return meeting.participants.map((p) => mergeContact(p, contacts));
}

/**
 * The customer side's sentences of a held call (vendor-side words are not even read), attributed to the
 * participants; empty for a call without a transcript. What the meeting detectors read, and what a run keeps
 * (`keepForLater`) when the transcript itself is not kept.
 */
export function analyseMeeting(meeting: Meeting, options: MeetingDetectionOptions = {}, lexicons: CompiledLexicons = compileLexicons(options.lexicons)): AnalysedSentence[] {
	if (meeting.status !== 'held' || meeting.transcript.length === 0) return [];
	const contacts = options.contacts ?? [];
	const rules = { vendorDomains: options.vendorDomains, customerDomains: options.customerDomains };
	const participants = participantsOf(meeting, contacts);
	const units = meeting.transcript.map((turn) => {
		const speaker = attributeSpeaker({ name: turn.speaker }, participants, rules);
		return { speaker: speaker.side === 'unknown' && options.unknownSpeakersAreCustomer ? { ...speaker, side: 'customer' as const } : speaker, text: turn.text };
	});
	return analyseUnits(
		units.filter((unit) => unit.speaker.side === 'customer'),
		{
			lexicons,
			kind: 'turn',
			snippetChars: options.snippetChars,
			redact: options.redact,
			redactNames: [...participants.map((p) => p.name ?? ''), ...contacts.map((c) => c.name ?? '')].filter(Boolean),
		},
	);
}

function prepare(entries: readonly MeetingEntry[], context: Context): PreparedMeeting[] {
	const byId = new Map<string, MeetingEntry[]>();
	for (const entry of entries) byId.set(`${entry.meeting.accountId}\u001f${entry.meeting.callId}`, [...(byId.get(`${entry.meeting.accountId}\u001f${entry.meeting.callId}`) ?? []), entry]);
	const prepared: PreparedMeeting[] = [];
	for (const group of byId.values()) {
		// the same call twice (a re-export): the record with the longer transcript wins, then the kept analysis, then the later item
		const winner = [...group].sort(
			(a, b) => b.meeting.transcript.length - a.meeting.transcript.length || Number(b.analysis !== undefined) - Number(a.analysis !== undefined) || b.itemIndex - a.itemIndex,
		)[0];
		const meeting = winner.meeting;
		const started = parseIsoDate(meeting.startedAt)!;
		if (started > context.asOf) continue;
		const contacts = context.options.contacts ?? [];
		const rules = { vendorDomains: context.options.vendorDomains, customerDomains: context.options.customerDomains };
		const participants = participantsOf(meeting, contacts);
		const people = participants.map((p) => attributeSpeaker(p, participants, rules));
		const sentences =
			winner.analysis !== undefined && meeting.transcript.length === 0
				? meeting.status === 'held'
					? [...winner.analysis]
					: []
				: analyseMeeting(meeting, context.options, context.lexicons);
		prepared.push({ meeting, itemIndexes: group.map((e) => e.itemIndex).sort((a, b) => a - b), started, people, sentences });
	}
	return prepared.sort((a, b) => a.started.toMillis() - b.started.toMillis() || a.meeting.callId.localeCompare(b.meeting.callId));
}

function label(speaker: Speaker, meeting: Meeting, context: Context): string {
	const organisation = speaker.side === 'customer' ? meeting.accountName : speaker.side === 'vendor' ? context.options.vendorName : undefined;
	return speakerLabel({ name: speaker.name, organisation, title: speaker.title });
}

function callName(meeting: PreparedMeeting, context: Context): string {
	return `the ${shortDate(meeting.started.setZone(context.zone))} call`;
}

function signal(type: string, meeting: PreparedMeeting | undefined, accountId: string, ref: string, context: Context, parts: {
	observedAt: DateTime;
	evidence: string;
	value?: number;
	baseline?: number;
	severityRaise?: number;
	attributes: Record<string, unknown>;
	itemIndexes: number[];
}): MeetingDetection {
	return {
		signal: buildConversationSignal(type, {
			accountId,
			system: context.system,
			ref,
			observedAt: parts.observedAt,
			detectedAt: context.detectedAt,
			evidence: parts.evidence,
			url: meeting?.meeting.url,
			value: parts.value,
			baseline: parts.baseline,
			severityRaise: parts.severityRaise,
			attributes: parts.attributes,
		}),
		itemIndexes: parts.itemIndexes,
	};
}

/** Budget, competitor, cancellation and expansion language: one signal per call and lexicon, quoting the first sentence. */
function detectLanguage(meeting: PreparedMeeting, context: Context): MeetingDetection[] {
	if (meeting.started <= context.asOf.minus({ days: context.thresholds.languageWindowDays })) return [];
	const out: MeetingDetection[] = [];
	for (const [lexicon, type] of Object.entries(LEXICON_SIGNAL_TYPES.meetings)) {
		const hits = meeting.sentences.filter((s) => s.mentions.some((m) => m.lexicon === lexicon));
		if (hits.length < context.thresholds.minMentions) continue;
		const first = hits[0];
		const phrases = [...new Set(hits.flatMap((s) => s.mentions.filter((m) => m.lexicon === lexicon).map((m) => m.phrase)))];
		const more = hits.length > 1 ? ` (${plural(hits.length, 'sentence')} like it on the call)` : '';
		out.push(
			signal(type, meeting, meeting.meeting.accountId, meeting.meeting.callId, context, {
				observedAt: meeting.started,
				evidence: `${quoteEvidence({ name: first.speaker.name, organisation: meeting.meeting.accountName, title: first.speaker.title }, `on ${callName(meeting, context)}`, first.snippet)}${more}`,
				value: hits.length,
				attributes: {
					callId: meeting.meeting.callId,
					lexicon,
					phrases,
					mentions: hits.length,
					speakers: [...new Set(hits.map((s) => s.speaker.name ?? s.speaker.key))],
					...(lexicon === 'competitor_mention' ? { competitors: phrases.filter((p) => context.lexicons.competitors.some((c) => c.toLowerCase() === p.toLowerCase())) } : {}),
				},
				itemIndexes: meeting.itemIndexes,
			}),
		);
	}
	return out;
}

function detectSentimentDecline(accountId: string, meetings: readonly PreparedMeeting[], context: Context): MeetingDetection[] {
	const { sentimentDeclineCalls: calls, sentimentDeclineMinDrop: minDrop, sentimentLookbackDays } = context.thresholds;
	const scored = meetings.map((m) => ({ m, score: toneOf(m.sentences) })).filter((x): x is { m: PreparedMeeting; score: number } => x.score !== undefined);
	if (scored.length < calls) return [];
	const last = scored.slice(-calls);
	const latest = last[last.length - 1];
	if (latest.m.started <= context.asOf.minus({ days: sentimentLookbackDays })) return [];
	for (let i = 1; i < last.length; i++) if (!(last[i].score < last[i - 1].score)) return [];
	const drop = last[0].score - latest.score;
	if (drop + 1e-9 < minDrop) return [];
	const worst = mostExtreme(latest.m.sentences, -1);
	const trail = last.map((x) => `${formatScore(x.score)} (${shortDate(x.m.started.setZone(context.zone))})`).join(' → ');
	const evidence =
		`Customer sentiment fell across the last ${calls} calls: ${trail}` +
		(worst ? `; ${quoteEvidence({ name: worst.speaker.name, organisation: latest.m.meeting.accountName, title: worst.speaker.title }, `on ${callName(latest.m, context)}`, worst.snippet)}` : '');
	return [
		signal(TYPES.sentimentDecline, latest.m, accountId, `${accountId}:${latest.m.meeting.callId}`, context, {
			observedAt: latest.m.started,
			evidence,
			value: Math.round(latest.score * 100) / 100,
			baseline: Math.round(last[0].score * 100) / 100,
			attributes: { callIds: last.map((x) => x.m.meeting.callId), scores: last.map((x) => Math.round(x.score * 100) / 100), drop: Math.round(drop * 100) / 100 },
			itemIndexes: [...new Set(last.flatMap((x) => x.m.itemIndexes))].sort((a, b) => a - b),
		}),
	];
}

function detectChampionPositive(meeting: PreparedMeeting, context: Context): MeetingDetection[] {
	if (meeting.started <= context.asOf.minus({ days: context.thresholds.languageWindowDays })) return [];
	const out: MeetingDetection[] = [];
	const champions = new Map(meeting.sentences.filter((s) => s.speaker.champion).map((s) => [s.speaker.key, s.speaker]));
	for (const [key, champion] of champions) {
		const own = meeting.sentences.filter((s) => s.speaker.key === key);
		const score = toneOf(own);
		if (score === undefined || score + 1e-9 < context.thresholds.championMinSentiment) continue;
		const best = mostExtreme(own, 1);
		out.push(
			signal(TYPES.championPositive, meeting, meeting.meeting.accountId, `${meeting.meeting.callId}:${key}`, context, {
				observedAt: meeting.started,
				evidence: `Champion ${quoteEvidence({ name: champion.name, organisation: meeting.meeting.accountName, title: champion.title }, `was positive on ${callName(meeting, context)} (sentiment ${formatScore(score)})`, best?.snippet)}`,
				value: Math.round(score * 100) / 100,
				attributes: { callId: meeting.meeting.callId, champion: champion.name ?? key },
				itemIndexes: meeting.itemIndexes,
			}),
		);
	}
	return out;
}

function aggregateRef(accountId: string, suffix: string, context: Context): string {
	return `${accountId}:${suffix}@${context.asOf.toISODate()}`;
}

function detectExecAbsence(accountId: string, meetings: readonly PreparedMeeting[], context: Context): MeetingDetection[] {
	const { execWindowDays: windowDays, execParticipationDropPct: dropPct, execMissedMeetings: missed, minPriorMeetings } = context.thresholds;
	const windowStart = context.asOf.minus({ days: windowDays });
	const priorStart = windowStart.minus({ days: windowDays });
	const held = meetings.filter((m) => m.meeting.status === 'held');
	const keyPeople = new Map<string, Speaker>();
	for (const m of held) for (const p of m.people) if (p.side === 'customer' && (p.champion || p.execSponsor)) keyPeople.set(p.key, p);
	for (const contact of context.options.contacts ?? []) {
		if (!contact.champion && !contact.execSponsor) continue;
		const key = contact.email?.toLowerCase() ?? contact.name?.trim().toLowerCase();
		if (key && !keyPeople.has(key)) keyPeople.set(key, { key, name: contact.name, email: contact.email, title: contact.title, side: 'customer', champion: !!contact.champion, execSponsor: !!contact.execSponsor });
	}
	const out: MeetingDetection[] = [];
	for (const [key, person] of keyPeople) {
		const role = person.execSponsor ? 'Executive sponsor' : 'Champion';
		const who = speakerLabel({ name: person.name, organisation: meetings[0]?.meeting.accountName, title: person.title });
		const attended = (m: PreparedMeeting) => m.meeting.participants.length > 0 && m.people.some((p, i) => p.key === key && m.meeting.participants[i].attended);
		const recent = held.filter((m) => m.started > windowStart && attended(m));
		const prior = held.filter((m) => m.started > priorStart && m.started <= windowStart && attended(m));
		const reasons: string[] = [];
		let value: number | undefined;
		let baseline: number | undefined;
		if (prior.length >= minPriorMeetings) {
			const drop = ((prior.length - recent.length) / prior.length) * 100;
			if (drop + 1e-9 >= dropPct) {
				reasons.push(`joined ${plural(recent.length, 'meeting')} in the ${windowDays} days to ${context.asOf.toISODate()}, down ${Math.floor(drop + 1e-9)}% from ${prior.length} in the ${windowDays} days before`);
				value = recent.length;
				baseline = prior.length;
			}
		}
		const invited = held.filter((m) => m.started > windowStart && m.people.some((p) => p.key === key));
		const lastInvited = invited.slice(-missed);
		if (lastInvited.length === missed && lastInvited.every((m) => !attended(m))) {
			reasons.push(`was invited to but missed the last ${plural(missed, 'meeting')} (${lastInvited.map((m) => shortDate(m.started.setZone(context.zone))).join(', ')})`);
		}
		if (reasons.length === 0) continue;
		out.push(
			signal(TYPES.execAbsence, undefined, accountId, aggregateRef(accountId, key, context), context, {
				observedAt: context.asOf,
				evidence: `${role} ${who} ${reasons.join(' and ')}`,
				value,
				baseline,
				severityRaise: person.execSponsor ? 1 : 0,
				attributes: { person: person.name ?? key, role: person.execSponsor ? 'execSponsor' : 'champion', windowDays, recentMeetings: recent.length, priorMeetings: prior.length },
				itemIndexes: [...new Set([...recent, ...prior, ...lastInvited].flatMap((m) => m.itemIndexes))].sort((a, b) => a - b),
			}),
		);
	}
	return out;
}

function detectCadenceDrop(accountId: string, meetings: readonly PreparedMeeting[], context: Context): MeetingDetection[] {
	const { cadenceWindowDays: windowDays, cadenceDropPct: dropPct, minPriorMeetings, minCancelledMeetings, cancelledSharePct } = context.thresholds;
	const windowStart = context.asOf.minus({ days: windowDays });
	const priorStart = windowStart.minus({ days: windowDays });
	const inRecent = meetings.filter((m) => m.started > windowStart);
	const heldRecent = inRecent.filter((m) => m.meeting.status === 'held');
	const cancelledRecent = inRecent.filter((m) => m.meeting.status === 'cancelled');
	const heldPrior = meetings.filter((m) => m.meeting.status === 'held' && m.started > priorStart && m.started <= windowStart);
	const reasons: string[] = [];
	if (heldPrior.length >= minPriorMeetings) {
		const drop = ((heldPrior.length - heldRecent.length) / heldPrior.length) * 100;
		if (drop + 1e-9 >= dropPct) {
			reasons.push(`${plural(heldRecent.length, 'meeting')} held in the ${windowDays} days to ${context.asOf.toISODate()}, down ${Math.floor(drop + 1e-9)}% from ${heldPrior.length} in the ${windowDays} days before`);
		}
	}
	const scheduled = heldRecent.length + cancelledRecent.length;
	const share = scheduled === 0 ? 0 : (cancelledRecent.length / scheduled) * 100;
	if (cancelledRecent.length >= minCancelledMeetings && share + 1e-9 >= cancelledSharePct) {
		reasons.push(`${cancelledRecent.length} of ${scheduled} meetings in the ${windowDays} days to ${context.asOf.toISODate()} were cancelled (${formatNumber(share, 0)}%)`);
	}
	if (reasons.length === 0) return [];
	return [
		signal(TYPES.cadenceDrop, undefined, accountId, aggregateRef(accountId, 'cadence', context), context, {
			observedAt: context.asOf,
			evidence: reasons.join('; '),
			value: heldRecent.length,
			baseline: heldPrior.length,
			attributes: { windowDays, heldRecent: heldRecent.length, heldPrior: heldPrior.length, cancelledRecent: cancelledRecent.length },
			itemIndexes: [...new Set([...inRecent, ...heldPrior].flatMap((m) => m.itemIndexes))].sort((a, b) => a - b),
		}),
	];
}

function detectNewStakeholders(accountId: string, meetings: readonly PreparedMeeting[], context: Context): MeetingDetection[] {
	const { newStakeholderWindowDays: windowDays, newStakeholderLookbackDays: lookbackDays } = context.thresholds;
	const windowStart = context.asOf.minus({ days: windowDays });
	const held = meetings.filter((m) => m.meeting.status === 'held');
	const history = held.filter((m) => m.started <= windowStart && m.started > windowStart.minus({ days: lookbackDays }));
	if (history.length === 0) return []; // no history: everyone would look new
	const seen = new Set(history.flatMap((m) => m.people.filter((_, i) => m.meeting.participants[i].attended).map((p) => p.key)));
	const firstSeen = new Map<string, { person: Speaker; meeting: PreparedMeeting }>();
	for (const m of held.filter((x) => x.started > windowStart)) {
		m.people.forEach((p, i) => {
			if (p.side !== 'customer' || !m.meeting.participants[i].attended || seen.has(p.key) || firstSeen.has(p.key)) return;
			firstSeen.set(p.key, { person: p, meeting: m });
		});
	}
	return [...firstSeen.entries()].map(([key, { person, meeting }]) =>
		signal(TYPES.newStakeholder, meeting, accountId, `${accountId}:${key}`, context, {
			observedAt: meeting.started,
			evidence: `New stakeholder on ${callName(meeting, context)}: ${label(person, meeting.meeting, context)}, not in the account's meetings of the ${lookbackDays} days before`,
			attributes: { person: person.name ?? key, callId: meeting.meeting.callId, ...(person.title ? { title: person.title } : {}) },
			itemIndexes: meeting.itemIndexes,
		}),
	);
}

/**
 * Meeting signals for a set of canonical meetings, as of one instant (the support detectors' as-of rule:
 * an offset-less as-of is read in `timezone`). Pure: input order does not matter; output is ordered by
 * account, type, observedAt. Signals carry one quoted snippet at most — never transcript text beyond it.
 */
export function detectMeetingSignals(entries: readonly MeetingEntry[], options: MeetingDetectionOptions = {}): MeetingDetection[] {
	const asOf = resolveAsOf(options.asOf, options.timezone);
	const context: Context = {
		asOf,
		zone: options.timezone || (asOf.zoneName ?? 'UTC'),
		detectedAt: toIso(asOf),
		system: options.system?.trim() || 'input',
		thresholds: resolveMeetingThresholds(options.thresholds),
		lexicons: compileLexicons(options.lexicons),
		options,
	};
	const byAccount = new Map<string, PreparedMeeting[]>();
	for (const m of prepare(entries, context)) byAccount.set(m.meeting.accountId, [...(byAccount.get(m.meeting.accountId) ?? []), m]);
	const detections: MeetingDetection[] = [];
	for (const [accountId, meetings] of byAccount) {
		const held = meetings.filter((m) => m.meeting.status === 'held');
		for (const meeting of held) detections.push(...detectLanguage(meeting, context), ...detectChampionPositive(meeting, context));
		detections.push(
			...detectSentimentDecline(accountId, held, context),
			...detectExecAbsence(accountId, meetings, context),
			...detectCadenceDrop(accountId, meetings, context),
			...detectNewStakeholders(accountId, meetings, context),
		);
	}
	return detections.sort((a, b) => compareSignals(a.signal, b.signal));
}
