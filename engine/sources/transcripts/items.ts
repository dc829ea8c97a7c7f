/**
 * Meeting items from any upstream node (a recorder's API, a Google Drive file, a spreadsheet row) → canonical
 * meetings: the user's field map picks the meeting's fields; the transcript may be WebVTT text, speaker-turn
 * JSON (text or parsed) or already a list of turns; a meeting without an account id is matched to an account by
 * its customer-side participants' e-mail domains. Mapping only: detection happens elsewhere.
 */
import { domainOf, mapFields, type AccountDirectory, type MeetingInput } from '../../model';
import { parseTranscript, TranscriptFormatError } from './parse';

export const DEFAULT_MEETING_FIELD_MAP = Object.freeze({
	callId: 'callId',
	accountId: 'accountId',
	accountName: 'accountName',
	startedAt: 'startedAt',
	durationMinutes: 'durationMinutes',
	status: 'status',
	url: 'url',
	participants: 'participants',
	transcript: 'transcript',
});
export type MeetingFieldMap = { -readonly [K in keyof typeof DEFAULT_MEETING_FIELD_MAP]: string };

/** How each mapped field is labelled in CS Meeting Signals and what it holds. */
export const MEETING_FIELD_LABELS: Readonly<Record<keyof MeetingFieldMap, { label: string; holds: string }>> = Object.freeze({
	callId: { label: 'Meeting ID Field', holds: 'a stable id of the meeting (part of the signal ids)' },
	accountId: { label: 'Account ID Field', holds: "the account's id; when empty the participants' e-mail domains find the account" },
	accountName: { label: 'Account Name Field', holds: "the customer's name, used in evidence" },
	startedAt: { label: 'Started At Field', holds: 'when the meeting started (ISO-8601)' },
	durationMinutes: { label: 'Duration (Minutes) Field', holds: 'the length of the meeting in minutes' },
	status: { label: 'Status Field', holds: 'held, scheduled or cancelled (default held)' },
	url: { label: 'URL Field', holds: 'a link to the recording, quoted as the source of every signal' },
	participants: { label: 'Participants Field', holds: 'a list of { name, email, title, affiliation, attended }' },
	transcript: { label: 'Transcript Field', holds: 'WebVTT text, speaker-turn JSON or a list of { speaker, text, start }' },
});

export type MeetingItemMapped = { meeting: MeetingInput } | { problem: string };

function participantDomains(participants: unknown): string[] {
	if (!Array.isArray(participants)) return [];
	return participants
		.filter((p) => p && typeof p === 'object' && (p as { affiliation?: unknown }).affiliation !== 'vendor')
		.map((p) => domainOf(typeof (p as { email?: unknown }).email === 'string' ? (p as { email: string }).email : undefined))
		.filter((d): d is string => !!d);
}

/** One input item as a meeting record (still to be checked against MeetingSchema), or the problem with its transcript. */
export function meetingFromItem(item: unknown, index: number, fieldMap: MeetingFieldMap, directory?: AccountDirectory): MeetingItemMapped {
	const fields = mapFields(item, fieldMap);
	const meeting: Record<string, unknown> = { ...fields };
	if (fields.transcript !== undefined) {
		try {
			meeting.transcript = parseTranscript(fields.transcript);
		} catch (error) {
			if (!(error instanceof TranscriptFormatError)) throw error;
			return { problem: `meeting ${index}: ${fieldMap.transcript} ${error.message}` };
		}
	}
	if (typeof meeting.callId === 'number') meeting.callId = String(meeting.callId);
	if (typeof meeting.accountId === 'number') meeting.accountId = String(meeting.accountId);
	if (meeting.accountId === undefined && directory) {
		const account = participantDomains(fields.participants).map((d) => directory.forDomain(d)).find(Boolean);
		if (account) meeting.accountId = account.accountId;
	}
	if (meeting.accountName === undefined && typeof meeting.accountId === 'string' && directory?.nameOf(meeting.accountId)) meeting.accountName = directory.nameOf(meeting.accountId);
	return { meeting: meeting as MeetingInput };
}
