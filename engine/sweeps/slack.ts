/**
 * One Slack sweep (CS Slack Signals, Slack mode): for every mapped shared channel, read the messages since the
 * channel's stored ts (first run: the last `windowDays`), the replies of their threads and of the questions still
 * waiting for our answer; run the Slack detectors over them and the kept window; return the new state — per-channel
 * cursors and the window, no message text — for the node to store only after the run succeeded.
 */
import type { DateTime } from 'luxon';
import { resolveAsOf, SlackMessageSchema, type AccountMappingRow, type SlackMessage, type SlackMessageInput, type UnusableItem } from '../model';
import { keepForLater, QUOTED_SENTENCES } from '../detect/language';
import { analyseSlackMessage, detectSlackSignals, resolveSlackThresholds, type SlackDetection, type SlackDetectionOptions, type SlackEntry } from '../detect/slack';
import { mapSlackMessage, readSlackChannels, type SlackClientOptions } from '../sources/slack';
import { keptRecords, type KeptRecord } from './conversation-state';

/** Days of channel history the first run reads and every run keeps: the volume baseline (56 days) plus its window (14). */
export const DEFAULT_SLACK_WINDOW_DAYS = 70;

export interface SlackSweepState {
	/** Channel id → the newest ts read. */
	cursor: { channels: Record<string, string> };
	/** `channelId:ts` → the message without its text, and the detectors' analysis of it. */
	records: Record<string, KeptRecord<SlackMessageInput>>;
}

export interface SlackSweepOptions {
	client: SlackClientOptions;
	previous?: unknown;
	asOf?: string | DateTime;
	timezone?: string;
	windowDays?: number;
	/** The shared channels to read: channel id → account (the mapping rows). */
	channels: readonly AccountMappingRow[];
	detection?: Omit<SlackDetectionOptions, 'asOf' | 'timezone' | 'system' | 'accountNames'>;
}

export interface SlackSweepResult {
	detections: SlackDetection[];
	unusable: UnusableItem[];
	state: SlackSweepState;
	read: { pages: number; messages: number; threads: number };
}

const DAY_MS = 86_400_000;
const tsOf = (iso: DateTime) => (iso.toMillis() / 1000).toFixed(6);

function previousChannels(previous: unknown): Record<string, string> {
	const channels = (previous as { cursor?: { channels?: unknown } } | undefined)?.cursor?.channels;
	const out: Record<string, string> = {};
	if (channels && typeof channels === 'object') for (const [id, ts] of Object.entries(channels as Record<string, unknown>)) if (typeof ts === 'string') out[id] = ts;
	return out;
}

export async function sweepSlack(options: SlackSweepOptions): Promise<SlackSweepResult> {
	const asOf = resolveAsOf(options.asOf, options.timezone);
	const windowDays = options.windowDays ?? DEFAULT_SLACK_WINDOW_DAYS;
	const windowStart = asOf.minus({ days: windowDays });
	const thresholds = resolveSlackThresholds(options.detection?.thresholds);
	const kept = keptRecords(options.previous, SlackMessageSchema);
	const cursors = previousChannels(options.previous);
	const accounts = new Map(options.channels.map((row) => [row.from, row]));

	// questions of ours still unanswered: their threads are asked for again (old parents are not in the new history)
	const openThreads = new Map<string, Set<string>>();
	const answered = new Set(Object.values(kept).filter((k) => !k.record.customerSide && k.record.threadTs).map((k) => `${k.record.channelId}:${k.record.threadTs}`));
	for (const { record, analysis } of Object.values(kept)) {
		if (!record.customerSide || !analysis?.some((s) => s.flagged)) continue;
		if (Number(record.ts) * 1000 < asOf.toMillis() - thresholds.unansweredWindowDays * DAY_MS) continue;
		const parent = record.threadTs ?? record.ts;
		if (answered.has(`${record.channelId}:${parent}`)) continue;
		(openThreads.get(record.channelId) ?? openThreads.set(record.channelId, new Set()).get(record.channelId)!).add(parent);
	}

	const read = await readSlackChannels({
		client: options.client,
		channels: options.channels.map((row) => ({ channelId: row.from, oldest: cursors[row.from] ?? tsOf(windowStart), threads: [...(openThreads.get(row.from) ?? [])] })),
		resumeFrom: (channelId) => (cursors[channelId] ? `${channelId} from ts ${cursors[channelId]}` : `${channelId} from the start of the ${windowDays}-day window`),
	});

	const fresh: SlackMessage[] = [];
	const channelCursors: Record<string, string> = { ...cursors };
	for (const channel of read.channels) {
		const row = accounts.get(channel.channelId)!;
		for (const raw of channel.messages) {
			const mapped = mapSlackMessage(raw, channel, { accountId: row.accountId, ...(row.accountName ? { accountName: row.accountName } : {}) }, read.teamId);
			if (mapped) fresh.push(SlackMessageSchema.parse(mapped));
		}
		if (channel.latest) channelCursors[channel.channelId] = channel.latest;
	}
	const key = (m: SlackMessage) => `${m.channelId}:${m.ts}`;
	const freshKeys = new Set(fresh.map(key));
	const entries: SlackEntry[] = [
		...Object.entries(kept)
			.filter(([k]) => !freshKeys.has(k))
			.map(([, k]) => ({ message: k.record, itemIndex: 0, analysis: k.analysis ?? [] })),
		...fresh.map((message) => ({ message, itemIndex: 0 })),
	];
	const accountNames: Record<string, string> = {};
	for (const row of options.channels) if (row.accountName) accountNames[row.accountId] = row.accountName;
	const detection: SlackDetectionOptions = { ...options.detection, asOf, ...(options.timezone ? { timezone: options.timezone } : {}), system: 'slack', accountNames };
	const detections = detectSlackSignals(entries, detection);

	const analysisDays = Math.max(thresholds.sentimentWindowDays, thresholds.languageWindowDays, thresholds.unansweredWindowDays);
	const names = [...new Set(entries.map((e) => e.message.userName).filter((n): n is string => !!n))];
	const records: Record<string, KeptRecord<SlackMessageInput>> = {};
	for (const entry of entries) {
		const sent = Number(entry.message.ts) * 1000;
		if (sent < windowStart.toMillis()) continue;
		const analysis = freshKeys.has(key(entry.message)) && entry.analysis === undefined
			? keepForLater(analyseSlackMessage(entry.message, detection, undefined, names), QUOTED_SENTENCES.slack)
			: entry.analysis
				? [...entry.analysis]
				: [];
		const { text: _text, ...rest } = entry.message;
		records[key(entry.message)] = { record: rest, ...(analysis.length > 0 && sent >= asOf.toMillis() - analysisDays * DAY_MS ? { analysis } : {}) };
	}
	return { detections, unusable: [], state: { cursor: { channels: channelCursors }, records }, read: read.read };
}
