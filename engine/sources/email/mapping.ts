/**
 * What every mailbox source (Gmail, Microsoft Graph) does with a message once its headers are read: which way it
 * went — written by us (sent from this mailbox, or from one of our domains) or by the customer — and which account
 * it belongs to: the counterpart's e-mail domain (the sender of an inbound message, the recipients of an outbound
 * one) looked up in the account directory (mapping rows first, then the accounts' domains).
 * A message among our own people only, or with a counterpart no account has, is no customer e-mail: it is left
 * out and counted.
 */
import { domainOf, domainWithin, type AccountDirectory, type Address, type EmailMessageInput } from '../../model';

export interface MailboxMapping {
	directory: AccountDirectory;
	/** Our own e-mail domains (the mailbox owner's domain is always one). */
	vendorDomains: readonly string[];
}

export interface MailParts {
	messageId: string;
	threadId: string;
	from: Address;
	to: Address[];
	cc: Address[];
	sentAt: string;
	/** The provider says this mailbox sent it (Gmail's SENT label, Outlook's Sent Items). */
	sentByMailbox: boolean;
	url?: string;
	/** The message's text, when it was read. */
	text?: string;
}

export type MailMapped = { message: EmailMessageInput } | { skipped: 'internal' | 'unmapped' };

function isOurs(address: Address, mapping: MailboxMapping): boolean {
	return domainWithin(domainOf(address.email), mapping.vendorDomains);
}

const plain = (a: Address) => (a.name ? { email: a.email, name: a.name } : { email: a.email });

export function mailRecord(parts: MailParts, mapping: MailboxMapping): MailMapped {
	const outbound = parts.sentByMailbox || isOurs(parts.from, mapping);
	const counterparts = (outbound ? [...parts.to, ...parts.cc] : [parts.from]).filter((a) => !isOurs(a, mapping));
	if (counterparts.length === 0) return { skipped: 'internal' };
	const account = counterparts.map((a) => mapping.directory.forDomain(domainOf(a.email))).find(Boolean);
	if (!account) return { skipped: 'unmapped' };
	return {
		message: {
			accountId: account.accountId,
			threadId: parts.threadId,
			messageId: parts.messageId,
			from: plain(parts.from),
			to: parts.to.map(plain),
			cc: parts.cc.map(plain),
			sentAt: parts.sentAt,
			direction: outbound ? 'outbound' : 'inbound',
			...(parts.url ? { url: parts.url } : {}),
			...(parts.text !== undefined ? { text: parts.text } : {}),
		},
	};
}

/** HTML mail as text: tags and styles gone, entities decoded, block ends as line breaks. */
export function htmlToText(html: string): string {
	return html
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d|blockquote)>/gi, '\n')
		.replace(/<[^>]+>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&apos;/g, "'")
		.replace(/[ \t]+/g, ' ')
		.replace(/\n\s+/g, '\n')
		.trim();
}
