import { z } from 'zod';
import { isoDateTime } from '../../model';

/**
 * The canonical e-mail message every e-mail source maps to (Gmail metadata, Microsoft Graph `$select`, input items).
 * Timing detectors need only the headers; `wordCount` / `textLength` feed "shorter replies"; `text` (the message's
 * own text, quoted history and signature are stripped again here) is read only when a text detector runs and is
 * never returned.
 */
export const AddressSchema = z.union([
	z.string().email('is not an e-mail address'),
	z.object({ email: z.string().email('is not an e-mail address'), name: z.string().optional() }).strict(),
]);
export type AddressInput = z.input<typeof AddressSchema>;

export const EmailMessageSchema = z.object({
	accountId: z.string().min(1, 'must not be empty'),
	threadId: z.string().min(1, 'must not be empty'),
	messageId: z.string().min(1, 'must not be empty'),
	from: AddressSchema,
	to: z.array(AddressSchema).default([]),
	cc: z.array(AddressSchema).default([]),
	sentAt: isoDateTime,
	/** inbound = written by the customer to us; outbound = written by us. */
	direction: z.enum(['inbound', 'outbound']),
	wordCount: z.number().int('must be a whole number').nonnegative('must be 0 or more').optional(),
	textLength: z.number().int('must be a whole number').nonnegative('must be 0 or more').optional(),
	text: z.string().optional(),
	url: z.string().url('must be a URL').optional(),
});
export type EmailMessage = z.infer<typeof EmailMessageSchema>;
export type EmailMessageInput = z.input<typeof EmailMessageSchema>;

export interface Address {
	email: string;
	name?: string;
}

export function toAddress(input: z.infer<typeof AddressSchema>): Address {
	return typeof input === 'string' ? { email: input.trim().toLowerCase() } : { email: input.email.trim().toLowerCase(), ...(input.name ? { name: input.name } : {}) };
}
