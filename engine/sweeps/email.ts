/**
 * One mailbox sweep (CS Email Signals, Gmail or Microsoft Graph mode): read what arrived since the stored cursor
 * (first run: the last `windowDays`), keep only customer e-mail (an account found by the counterpart's domain),
 * run the e-mail detectors over it and the kept window of earlier messages, and return the new state — cursor and
 * window, no message text — for the node to store only after the run succeeded.
 */
import type { DateTime } from 'luxon';
import { domainOf, EmailMessageSchema, resolveAsOf, toIso, type AccountDirectory, type EmailMessage, type EmailMessageInput, type UnusableItem } from '../model';
import { keepForLater, QUOTED_SENTENCES } from '../detect/language';
import { analyseEmailMessage, detectEmailSignals, emailWordCount, resolveEmailThresholds, type EmailDetection, type EmailDetectionOptions, type EmailEntry } from '../detect/email';
import { mailRecord, type MailParts } from '../sources/email';
import { readGmailMessages, type GmailClientOptions } from '../sources/gmail';
import { readGraphMessages, type GraphClientOptions, type GraphDeltaState } from '../sources/graph';
import { keptCursor, keptRecords, type KeptRecord } from './conversation-state';

/**
 * Days of e-mail the first run reads and every run keeps: the longest detector window — shorter replies compare 60
 * days with the 60 before; reply times look back 60 days; an engaged contact's silence looks back 90 days.
 */
export const DEFAULT_EMAIL_WINDOW_DAYS = 120;
/** Gmail: hours before the cursor every run reads again (a message can be indexed a little after it arrived). */
export const GMAIL_REREAD_HOURS = 1;

export interface EmailSweepState {
	cursor: { after?: string; deltaLinks?: GraphDeltaState['deltaLinks'] };
	/** `accountId:messageId` → the message without its text, and the detectors' analysis of it. */
	records: Record<string, KeptRecord<EmailMessageInput>>;
}

export interface EmailSweepCommon {
	previous?: unknown;
	asOf?: string | DateTime;
	timezone?: string;
	windowDays?: number;
	/** Read message text for the text detectors (tone, budget / cancellation language, length); headers only otherwise. */
	text: boolean;
	directory: AccountDirectory;
	/** Our own e-mail domains, beside the mailbox owner's. */
	vendorDomains?: readonly string[];
	detection?: Omit<EmailDetectionOptions, 'asOf' | 'timezone' | 'system' | 'accountNames' | 'vendorDomains'>;
}

export interface EmailSweepResult {
	detections: EmailDetection[];
	unusable: UnusableItem[];
	state: EmailSweepState;
	read: Record<string, number>;
	/** Messages that were no customer e-mail: among our own people, or with a counterpart no account has. */
	skipped: { internal: number; unmapped: number };
}

interface MailboxRead {
	mailbox: string;
	messages: MailParts[];
	cursor: EmailSweepState['cursor'];
	read: Record<string, number>;
}

const DAY_MS = 86_400_000;

async function sweepMailbox(options: EmailSweepCommon & { system: string; read: (since: DateTime) => Promise<MailboxRead> }, asOf: DateTime): Promise<EmailSweepResult> {
	const windowDays = options.windowDays ?? DEFAULT_EMAIL_WINDOW_DAYS;
	const windowStart = asOf.minus({ days: windowDays });
	const kept = keptRecords(options.previous, EmailMessageSchema);
	const read = await options.read(windowStart);
	const vendorDomains = [...new Set([...(options.vendorDomains ?? []), ...(domainOf(read.mailbox) ? [domainOf(read.mailbox)!] : [])])];
	const mapping = { directory: options.directory, vendorDomains };
	const accountNames: Record<string, string> = {};
	for (const id of options.directory.accounts.keys()) {
		const name = options.directory.nameOf(id);
		if (name) accountNames[id] = name;
	}
	const detection: EmailDetectionOptions = {
		...options.detection,
		asOf,
		...(options.timezone ? { timezone: options.timezone } : {}),
		system: options.system,
		accountNames,
		vendorDomains,
	};
	const skipped = { internal: 0, unmapped: 0 };
	const fresh: EmailMessage[] = [];
	for (const parts of read.messages) {
		const mapped = mailRecord(parts, mapping);
		if ('skipped' in mapped) skipped[mapped.skipped] += 1;
		else fresh.push(EmailMessageSchema.parse(mapped.message));
	}
	const key = (m: EmailMessage) => `${m.accountId}:${m.messageId}`;
	const freshKeys = new Set(fresh.map(key));
	const entries: EmailEntry[] = [
		...Object.entries(kept)
			.filter(([k]) => !freshKeys.has(k))
			.map(([, k]) => ({ message: k.record, itemIndex: 0, analysis: k.analysis ?? [] })),
		...fresh.map((message) => ({ message, itemIndex: 0 })),
	];
	const detections = detectEmailSignals(entries, detection);

	const thresholds = resolveEmailThresholds(options.detection?.thresholds);
	const analysisDays = 2 * Math.max(thresholds.sentimentWindowDays, thresholds.languageWindowDays);
	const records: Record<string, KeptRecord<EmailMessageInput>> = {};
	for (const entry of entries) {
		const sent = Date.parse(entry.message.sentAt);
		if (sent < windowStart.toMillis()) continue;
		const isFresh = freshKeys.has(key(entry.message)) && entry.analysis === undefined;
		const analysis = isFresh ? keepForLater(analyseEmailMessage(entry.message, detection), QUOTED_SENTENCES.email) : entry.analysis ? [...entry.analysis] : [];
		const { text: _text, ...rest } = entry.message;
		const wordCount = emailWordCount(entry.message);
		records[key(entry.message)] = {
			record: { ...rest, ...(wordCount !== undefined ? { wordCount } : {}) },
			...(analysis.length > 0 && sent >= asOf.toMillis() - analysisDays * DAY_MS ? { analysis } : {}),
		};
	}
	return { detections, unusable: [], state: { cursor: read.cursor, records }, read: read.read, skipped };
}

export interface GmailSweepOptions extends EmailSweepCommon {
	client: GmailClientOptions;
	/** More Gmail search terms, ANDed with the time window ("-category:promotions"). */
	query?: string;
}

export async function sweepGmail(options: GmailSweepOptions): Promise<EmailSweepResult> {
	const asOf = resolveAsOf(options.asOf, options.timezone);
	const after = keptCursor(options.previous, 'after');
	return sweepMailbox(
		{
			...options,
			system: 'gmail',
			read: async (windowStart) => {
				const from = after ? resolveAsOf(after, undefined).minus({ hours: GMAIL_REREAD_HOURS }) : windowStart;
				const result = await readGmailMessages({
					client: options.client,
					after: from,
					query: options.query,
					text: options.text,
					resumeFrom: after ? `the messages after ${after}` : `the start of the ${options.windowDays ?? DEFAULT_EMAIL_WINDOW_DAYS}-day window`,
				});
				return { mailbox: result.mailbox, messages: result.messages, cursor: { after: toIso(asOf.toUTC()) }, read: result.read };
			},
		},
		asOf,
	);
}

export interface GraphSweepOptions extends EmailSweepCommon {
	client: GraphClientOptions;
	/** "me" or a user id / principal name. */
	mailbox: string;
}

export async function sweepGraph(options: GraphSweepOptions): Promise<EmailSweepResult> {
	const asOf = resolveAsOf(options.asOf, options.timezone);
	const previous = (options.previous as { cursor?: { deltaLinks?: unknown } } | undefined)?.cursor?.deltaLinks;
	const deltaLinks = previous && typeof previous === 'object' ? (previous as GraphDeltaState['deltaLinks']) : undefined;
	return sweepMailbox(
		{
			...options,
			system: 'outlook',
			read: async (windowStart) => {
				const result = await readGraphMessages({
					client: options.client,
					mailbox: options.mailbox,
					state: { deltaLinks },
					since: windowStart,
					text: options.text,
					resumeFrom: deltaLinks ? 'the stored delta links' : `the start of the ${options.windowDays ?? DEFAULT_EMAIL_WINDOW_DAYS}-day window`,
				});
				return { mailbox: result.mailbox, messages: result.messages, cursor: { deltaLinks: result.state.deltaLinks }, read: result.read };
			},
		},
		asOf,
	);
}
