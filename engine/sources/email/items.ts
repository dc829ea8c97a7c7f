/**
 * E-mail items from any upstream node (n8n's Gmail or Outlook node, an IMAP node, a CSV export) → canonical
 * e-mail messages: the user's field map picks the fields; address fields may be header text
 * ("Dana Kim <dana@acme.com>, …"), bare addresses or { email, name } objects; a message without a direction is
 * outbound when it comes from one of our domains; one without an account id is matched by its counterpart's domain.
 */
import { domainOf, domainWithin, mapFields, type AccountDirectory, type Address } from '../../model';
import { parseAddressList } from './address';

export const DEFAULT_EMAIL_FIELD_MAP = Object.freeze({
	accountId: 'accountId',
	threadId: 'threadId',
	messageId: 'messageId',
	from: 'from',
	to: 'to',
	cc: 'cc',
	sentAt: 'sentAt',
	direction: 'direction',
	text: 'text',
	wordCount: 'wordCount',
	url: 'url',
});
export type EmailFieldMap = { -readonly [K in keyof typeof DEFAULT_EMAIL_FIELD_MAP]: string };

export const EMAIL_FIELD_LABELS: Readonly<Record<keyof EmailFieldMap, { label: string; holds: string }>> = Object.freeze({
	accountId: { label: 'Account ID Field', holds: "the account's id; when empty the counterpart's e-mail domain finds the account" },
	threadId: { label: 'Thread ID Field', holds: 'the conversation the message belongs to (replies are timed within it)' },
	messageId: { label: 'Message ID Field', holds: 'a stable id of the message' },
	from: { label: 'From Field', holds: 'the sender: "Name <address>", an address or { email, name }' },
	to: { label: 'To Field', holds: 'the recipients (header text or a list)' },
	cc: { label: 'Cc Field', holds: 'the copied recipients (header text or a list)' },
	sentAt: { label: 'Sent At Field', holds: 'when the message was sent (ISO-8601)' },
	direction: { label: 'Direction Field', holds: 'inbound (from the customer) or outbound (from us); when empty, our domains decide' },
	text: { label: 'Text Field', holds: 'the message text (read for tone and phrases, never returned)' },
	wordCount: { label: 'Word Count Field', holds: 'the words of the message’s own text, when the text is not given' },
	url: { label: 'URL Field', holds: 'a link to the message, quoted as the source of its signals' },
});

function addresses(value: unknown): Array<Address | unknown> {
	if (value === undefined) return [];
	if (typeof value === 'string') {
		const parsed = parseAddressList(value);
		return parsed.length > 0 ? parsed : [value];
	}
	if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' ? addresses(v) : [v]));
	return [value];
}

function emailOf(value: unknown): string | undefined {
	if (value && typeof value === 'object' && typeof (value as { email?: unknown }).email === 'string') return (value as { email: string }).email.toLowerCase();
	return undefined;
}

/** One input item as an e-mail record (still to be checked against EmailMessageSchema). */
export function emailFromItem(item: unknown, fieldMap: EmailFieldMap, context: { directory?: AccountDirectory; vendorDomains: readonly string[] }): Record<string, unknown> {
	const fields = mapFields(item, fieldMap);
	const message: Record<string, unknown> = { ...fields };
	const from = addresses(fields.from);
	if (from.length > 0) message.from = from[0];
	message.to = addresses(fields.to);
	message.cc = addresses(fields.cc);
	for (const key of ['accountId', 'threadId', 'messageId'] as const) if (typeof message[key] === 'number') message[key] = String(message[key]);
	const fromDomain = domainOf(emailOf(message.from));
	if (message.direction === undefined && fromDomain && context.vendorDomains.length > 0) message.direction = domainWithin(fromDomain, context.vendorDomains) ? 'outbound' : 'inbound';
	if (message.accountId === undefined && context.directory) {
		const counterparts = message.direction === 'outbound' ? [...(message.to as unknown[]), ...(message.cc as unknown[])] : [message.from];
		const account = counterparts
			.map((a) => domainOf(emailOf(a)))
			.filter((d) => d && !domainWithin(d, context.vendorDomains))
			.map((d) => context.directory!.forDomain(d))
			.find(Boolean);
		if (account) message.accountId = account.accountId;
	}
	return message;
}
