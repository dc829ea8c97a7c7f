/**
 * Generic transcript formats → speaker turns: WebVTT as Zoom, Teams and most recorders
 * export it (`<v Speaker>` voice tags or a "Speaker: text" prefix), and speaker-turn JSON (Fireflies
 * `sentences[]`, the `segments[]` normalisation shape, or any array of {speaker, text, start}).
 * Mapping only: no detection, no text kept — the caller hands the turns to the meeting detectors.
 */

export interface ParsedTurn {
	speaker: string;
	/** Seconds from the start of the recording. */
	start?: number;
	text: string;
}

/** A transcript that cannot be read; the message names the line or entry and says what was expected. */
export class TranscriptFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TranscriptFormatError';
	}
}

const TIMING = /^((?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s+-->\s+((?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3})(?:\s.*)?$/;
const VOICE = /<v(?:\.[^\s>]+)?\s+([^>]+)>/i;
const PREFIX = /^([A-Z\p{Lu}][\p{L}\p{M}'’.\- ]{0,60}?):\s+(.+)$/u;

/**
 * A bad timing line is quoted only when it looks like a timing ("00:00:01 -> 00:00:02"): any other line may be
 * transcript text, which never goes into an error message.
 */
function shownTiming(line: string): string {
	return /\d{1,2}:\d{2}/.test(line) && !/[A-Za-z]{3}/.test(line) ? ` ${JSON.stringify(line.slice(0, 40))}` : '';
}

/** "01:02:03.500" / "02:03.5" → seconds. */
export function vttSeconds(stamp: string): number {
	const parts = stamp.replace(',', '.').split(':').map(Number);
	return parts.reduce((total, part) => total * 60 + part, 0);
}

function stripTags(text: string): string {
	return text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * WebVTT → turns. Consecutive cues of the same speaker become one turn (recorders cut sentences across cues);
 * a cue without a speaker continues the previous speaker's turn, or is "Unknown speaker" at the start.
 */
export function parseWebVtt(body: string): ParsedTurn[] {
	const text = body.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	const lines = text.split('\n');
	if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0]?.trim() ?? '')) {
		throw new TranscriptFormatError('line 1 is not "WEBVTT": not a WebVTT transcript');
	}
	const turns: ParsedTurn[] = [];
	let i = 1;
	while (i < lines.length) {
		const line = lines[i].trim();
		if (line === '') {
			i++;
			continue;
		}
		if (/^(NOTE|STYLE|REGION)(\s|$)/.test(line)) {
			while (i < lines.length && lines[i].trim() !== '') i++;
			continue;
		}
		// optional cue identifier, then the timing line
		let timingLine = line;
		if (!TIMING.test(timingLine)) {
			i++;
			timingLine = lines[i]?.trim() ?? '';
			if (!TIMING.test(timingLine)) {
				throw new TranscriptFormatError(`line ${i + 1}${shownTiming(timingLine)} is not a cue timing ("00:00:01.000 --> 00:00:04.200")`);
			}
		}
		const start = vttSeconds(TIMING.exec(timingLine)![1]);
		i++;
		const payload: string[] = [];
		while (i < lines.length && lines[i].trim() !== '') payload.push(lines[i++]);
		const raw = payload.join(' ');
		const voice = VOICE.exec(raw);
		let speaker = voice?.[1].trim();
		let cueText = stripTags(raw);
		if (!speaker) {
			const prefixed = PREFIX.exec(cueText);
			if (prefixed) {
				speaker = prefixed[1].trim();
				cueText = prefixed[2].trim();
			}
		}
		if (cueText === '') continue;
		const previous = turns[turns.length - 1];
		if (previous && (speaker === undefined || speaker === previous.speaker)) {
			previous.text = `${previous.text} ${cueText}`;
			continue;
		}
		turns.push({ speaker: speaker ?? 'Unknown speaker', start, text: cueText });
	}
	return turns;
}

const SPEAKER_KEYS = ['speaker', 'speaker_name', 'speakerName', 'name', 'participant'] as const;
const TEXT_KEYS = ['text', 'sentence', 'content', 'raw_text'] as const;
const SECONDS_KEYS = ['start', 'start_time', 'startTime', 'startSeconds'] as const;
const MS_KEYS = ['startMs', 'start_ms', 'startTimeMs'] as const;

function firstOf(entry: Record<string, unknown>, keys: readonly string[]): unknown {
	for (const key of keys) if (entry[key] !== undefined && entry[key] !== null) return entry[key];
	return undefined;
}

/**
 * Speaker-turn JSON → turns: an array of turns, or an object holding one under `sentences`, `segments`, `turns`,
 * `transcript` or `data.transcript.sentences` (Fireflies' GraphQL answer). Times in seconds (`start`, `start_time`)
 * or milliseconds (`startMs`). Errors name the entry: `turn 3: "text" is missing (expected text, sentence or content)`.
 */
export function parseSpeakerTurnJson(input: unknown): ParsedTurn[] {
	let value = typeof input === 'string' ? safeJson(input) : input;
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const record = value as Record<string, unknown>;
		const nested = (record.data as Record<string, unknown> | undefined)?.transcript as Record<string, unknown> | undefined;
		value = record.sentences ?? record.segments ?? record.turns ?? record.transcript ?? nested?.sentences;
	}
	if (!Array.isArray(value)) throw new TranscriptFormatError('speaker-turn JSON must be an array of turns, or hold one under "sentences", "segments", "turns" or "transcript"');
	return value.map((entry, index) => {
		const where = `turn ${index + 1}`;
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new TranscriptFormatError(`${where} is not an object with a speaker and text`);
		const record = entry as Record<string, unknown>;
		const speaker = firstOf(record, SPEAKER_KEYS);
		const text = firstOf(record, TEXT_KEYS);
		if (typeof speaker !== 'string' || speaker.trim() === '') throw new TranscriptFormatError(`${where}: the speaker is missing (expected ${SPEAKER_KEYS.join(', ')})`);
		if (typeof text !== 'string') throw new TranscriptFormatError(`${where}: the text is missing (expected ${TEXT_KEYS.join(', ')})`);
		const seconds = firstOf(record, SECONDS_KEYS);
		const ms = firstOf(record, MS_KEYS);
		const start = typeof ms === 'number' ? ms / 1000 : typeof seconds === 'number' ? seconds : undefined;
		if (start !== undefined && !(Number.isFinite(start) && start >= 0)) throw new TranscriptFormatError(`${where}: start ${JSON.stringify(seconds ?? ms)} is not a time from the start of the call`);
		return { speaker: speaker.trim(), ...(start !== undefined ? { start } : {}), text: text.trim() };
	});
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		// Node's message quotes the start of the text; the transcript never goes into an error, only where it broke
		const position = /position (\d+)/.exec((error as Error).message)?.[1];
		throw new TranscriptFormatError(`the transcript is neither WebVTT nor valid JSON${position ? ` (JSON breaks at character ${position})` : ''}`);
	}
}

/** VTT or JSON, told apart by content: a body starting with "WEBVTT" is VTT; anything else must be JSON. */
export function parseTranscript(body: unknown): ParsedTurn[] {
	if (typeof body === 'string' && /^\uFEFF?WEBVTT/.test(body.trimStart())) return parseWebVtt(body.trimStart());
	return parseSpeakerTurnJson(body);
}
