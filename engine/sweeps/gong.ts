/**
 * One Gong sweep (CS Meeting Signals, Gong mode): read the calls that started since the stored cursor (first run:
 * the last `windowDays`), with parties, CRM context and transcripts; map them to meetings; run the meeting detectors
 * over them and the kept window of earlier calls; return the new state — cursor and window, no transcript text — for
 * the node to store only after the run succeeded.
 */
import type { DateTime } from 'luxon';
import { MeetingSchema, resolveAsOf, toIso, type Meeting, type MeetingInput, type UnusableItem } from '../model';
import { keepForLater, QUOTED_SENTENCES } from '../detect/language';
import { analyseMeeting, detectMeetingSignals, resolveMeetingThresholds, type MeetingDetection, type MeetingDetectionOptions, type MeetingEntry } from '../detect/meetings';
import { mapGongCall, readGongCalls, type GongClientOptions, type GongMappingOptions } from '../sources/gong';
import { keptCursor, keptRecords, type KeptRecord } from './conversation-state';

/**
 * Days of calls the first run reads and every run keeps: the longest detector window — attendance and cadence
 * compare 90 days with the 90 before; a new stakeholder is new against 180 days of calls — plus a month.
 */
export const DEFAULT_GONG_WINDOW_DAYS = 210;

/**
 * Hours before the cursor every run reads again: Gong lists a call by its start time, and a recording can take a
 * few hours to process; a call read twice is one call (the newer read wins) and its signals keep their ids.
 */
export const GONG_REREAD_HOURS = 24;

export interface GongSweepState {
	/** Calls that started before `through` (ISO-8601) have been read. */
	cursor: { through?: string };
	/** Call id → the call without its transcript, and the detectors' analysis of it. */
	records: Record<string, KeptRecord<MeetingInput>>;
}

export interface GongSweepOptions {
	client: GongClientOptions;
	previous?: unknown;
	asOf?: string | DateTime;
	timezone?: string;
	windowDays?: number;
	/** Read transcripts (language, tone and champion-sentiment detectors); attendance and cadence need none. */
	transcripts: boolean;
	mapping: GongMappingOptions;
	/** External calls no account was found for: left out (counted in `skipped`) or reported as unusable. */
	unmappedCalls: 'skip' | 'error';
	detection?: Omit<MeetingDetectionOptions, 'asOf' | 'timezone' | 'system' | 'contacts'>;
	system?: string;
}

export interface GongSweepResult {
	detections: MeetingDetection[];
	unusable: UnusableItem[];
	state: GongSweepState;
	read: { pages: number; calls: number; transcripts: number };
	skipped: { internal: number; unmapped: number };
}

const DAY_MS = 86_400_000;

export async function sweepGong(options: GongSweepOptions): Promise<GongSweepResult> {
	const asOf = resolveAsOf(options.asOf, options.timezone);
	const windowDays = options.windowDays ?? DEFAULT_GONG_WINDOW_DAYS;
	const windowStart = asOf.minus({ days: windowDays });
	const through = keptCursor(options.previous, 'through');
	const from = through ? resolveAsOf(through, undefined).minus({ hours: GONG_REREAD_HOURS }) : windowStart;
	const kept = keptRecords(options.previous, MeetingSchema);
	const read = await readGongCalls({
		client: options.client,
		from: from < asOf ? from : asOf,
		to: asOf,
		transcripts: options.transcripts,
		resumeFrom: through ? `the calls started since ${through}` : `the start of the ${windowDays}-day window`,
	});

	const detection: MeetingDetectionOptions = {
		...options.detection,
		asOf,
		...(options.timezone ? { timezone: options.timezone } : {}),
		system: options.system?.trim() || 'gong',
		contacts: options.mapping.directory.contacts(),
	};
	const unusable: UnusableItem[] = [];
	const skipped = { internal: 0, unmapped: 0 };
	const fresh: Meeting[] = [];
	for (const call of read.calls) {
		const mapped = mapGongCall(call, options.mapping);
		if ('problem' in mapped) unusable.push({ itemIndex: 0, message: mapped.problem });
		else if ('skipped' in mapped) {
			skipped[mapped.skipped] += 1;
			if (mapped.skipped === 'unmapped' && options.unmappedCalls === 'error') unusable.push({ itemIndex: 0, message: mapped.reason });
		} else fresh.push(MeetingSchema.parse(mapped.meeting));
	}

	const freshIds = new Set(fresh.map((m) => m.callId));
	const entries: MeetingEntry[] = [
		...Object.values(kept)
			.filter((k) => !freshIds.has(k.record.callId))
			.map((k) => ({ meeting: k.record, itemIndex: 0, analysis: k.analysis ?? [] })),
		...fresh.map((meeting) => ({ meeting, itemIndex: 0 })),
	];
	const detections = detectMeetingSignals(entries, detection);

	// the next state: every call of the window without its transcript, analyses only as far back as a detector reads them
	const thresholds = resolveMeetingThresholds(options.detection?.thresholds);
	const analysisDays = Math.max(thresholds.sentimentLookbackDays, thresholds.languageWindowDays);
	const records: Record<string, KeptRecord<MeetingInput>> = {};
	const keep = (meeting: Meeting, analysis: KeptRecord<MeetingInput>['analysis']) => {
		const started = Date.parse(meeting.startedAt);
		if (started < windowStart.toMillis()) return;
		const { transcript: _transcript, ...rest } = meeting;
		records[meeting.callId] = {
			record: { ...rest, transcript: [] },
			...(analysis && analysis.length > 0 && started >= asOf.toMillis() - analysisDays * DAY_MS ? { analysis } : {}),
		};
	};
	for (const entry of entries) {
		if (freshIds.has(entry.meeting.callId)) keep(entry.meeting, keepForLater(analyseMeeting(entry.meeting, detection), QUOTED_SENTENCES.meetings));
		else keep(entry.meeting, entry.analysis ? [...entry.analysis] : undefined);
	}
	return {
		detections,
		unusable,
		state: { cursor: { through: toIso(asOf.toUTC()) }, records },
		read: read.read,
		skipped,
	};
}
