import { z } from 'zod';
import { isoDateTime } from '../../model';
import { PersonSchema } from '../language/speakers';

/**
 * The canonical meeting record every meeting source maps to (Gong calls, transcript files of any tool, input items).
 * Participant flags come from the account's contacts (champion, executive sponsor); `attended: false` marks an
 * invitee who did not join. Transcript turns are held only while detection runs: the detectors return signals
 * whose evidence is one quoted snippet, never the transcript.
 */
export const MEETING_STATUSES = ['held', 'scheduled', 'cancelled'] as const;

export const MeetingParticipantSchema = PersonSchema.extend({
	attended: z.boolean().default(true),
}).refine((p) => p.name !== undefined || p.email !== undefined, { message: 'needs a name or an e-mail address' });
export type MeetingParticipant = z.infer<typeof MeetingParticipantSchema>;

export const TranscriptTurnSchema = z.object({
	speaker: z.string().min(1, 'must name the speaker'),
	/** Seconds from the start of the call. */
	start: z.number().nonnegative('must be 0 or more seconds').optional(),
	text: z.string(),
});
export type TranscriptTurn = z.infer<typeof TranscriptTurnSchema>;

export const MeetingSchema = z.object({
	callId: z.string().min(1, 'must not be empty'),
	url: z.string().url('must be a URL').optional(),
	accountId: z.string().min(1, 'must not be empty'),
	/** The customer's name, used in evidence ("Dana Kim (Acme, VP Ops)"). */
	accountName: z.string().optional(),
	startedAt: isoDateTime,
	durationMinutes: z.number().nonnegative('must be 0 or more minutes').optional(),
	status: z.enum(MEETING_STATUSES).default('held'),
	participants: z.array(MeetingParticipantSchema).default([]),
	transcript: z.array(TranscriptTurnSchema).default([]),
});
export type Meeting = z.infer<typeof MeetingSchema>;
export type MeetingInput = z.input<typeof MeetingSchema>;
