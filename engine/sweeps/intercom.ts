/**
 * One Intercom sweep (CS Support Signals, Intercom mode): the conversations changed since the stored mark (search on
 * `updated_at`), each with its parts, the company of its contact as the account, mapped to canonical ticket records
 * (engine/sources/intercom/mapping.ts) and merged into a compact window of recent conversations kept between runs;
 * then the same support detectors as every other source. The new mark and window are returned for the caller to
 * store only after the run succeeded — a failed run leaves the stored mark, and the next run reads the same changes.
 *
 * Nothing the customer wrote is kept: the window holds no comments and no body, only the analysis of the customer's
 * sentences (scores, phrase ids and the one quotable snippet), as for Zendesk.
 */
import { z } from 'zod';
import { ItemValidationError, parseNamed, resolveAsOf, setOwn, ValidationError, type UnusableItem } from '../model';
import { AnalysedSentenceSchema, compileLexicons, type AnalysedSentence, type LexiconSettings } from '../detect/language';
import { analyseTicketComments, CANONICAL_SUPPORT_FIELD_MAP, detectSupportSignalsFromItems, keptTicketAnalysis, mapTicket, type SupportDetection } from '../detect/support';
import {
	companyAccountKey,
	DEFAULT_INTERCOM_ACCOUNT_KEY,
	conversationContactIds,
	intercomTicket,
	readIntercomContactCompanies,
	readIntercomConversations,
	searchIntercomConversations,
	type IntercomAccountKey,
	type IntercomClientOptions,
	type IntercomConversation,
	type IntercomPriorityLevel,
	type IntercomTicketRecord,
} from '../sources/intercom';
import { DEFAULT_ZENDESK_WINDOW_DAYS } from './zendesk';

/** How many days of conversations the first run reads and every run keeps: the same support window as Zendesk's. */
export const DEFAULT_INTERCOM_WINDOW_DAYS = DEFAULT_ZENDESK_WINDOW_DAYS;

export interface IntercomSweepState {
	/** Unix seconds: conversations updated at or after this time are read next. */
	updatedSince: number;
	/** Conversation id → compact canonical ticket (no comments, no body). */
	tickets: Record<string, IntercomTicketRecord>;
	/** Contact id → account id (null: the contact belongs to no company of the book's key). */
	contactAccounts: Record<string, string | null>;
	/** Conversation id → the kept analysis of the customer's messages. */
	commentAnalysis?: Record<string, AnalysedSentence[]>;
}

export interface IntercomSweepOptions {
	client: IntercomClientOptions;
	previous?: unknown;
	asOf?: string;
	windowDays: number;
	/** Read each changed conversation with its parts (the customer's replies); otherwise only the opening message. */
	readParts?: boolean;
	/** Which company field is the account key (default `company_id`, the id a CRM sync gives the company). */
	accountKey?: IntercomAccountKey;
	/** Intercom company id or company_id → CRM account id, where the key is not the CRM id itself. */
	companyAccounts?: Record<string, string>;
	prioritisedAs?: IntercomPriorityLevel;
	workspaceId?: string;
	thresholds?: Record<string, unknown>;
	timezone?: string;
	system?: string;
	lexicons?: LexiconSettings;
	redact?: boolean;
	snippetChars?: number;
}

export interface IntercomSweepResult {
	detections: SupportDetection[];
	unusable: UnusableItem[];
	state: IntercomSweepState;
	read: { pages: number; conversations: number; contacts: number };
	/** Conversations whose contact belongs to no company: no account, not analysed. */
	withoutCompany: number;
}

/** Intercom company id or company_id → CRM account id. */
const CompanyAccountsSchema = z.record(z.string(), z.string().trim().min(1, 'must be a CRM account ID'));
const KeptAnalysis = z.record(z.string(), z.array(AnalysedSentenceSchema));
const PreviousState = z.object({
	updatedSince: z.number().int().nonnegative().optional(),
	tickets: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
	contactAccounts: z.record(z.string(), z.string().nullable()).optional(),
});

function previousState(previous: unknown): Partial<IntercomSweepState> {
	const parsed = PreviousState.safeParse(previous ?? {});
	const analysis = KeptAnalysis.safeParse((previous as { commentAnalysis?: unknown } | undefined)?.commentAnalysis ?? {});
	return {
		...(parsed.success ? (parsed.data as Partial<IntercomSweepState>) : {}),
		commentAnalysis: analysis.success ? analysis.data : {},
	};
}

/** What the window keeps of a ticket: everything but what the customer wrote. */
export function compactIntercomTicket(ticket: IntercomTicketRecord): IntercomTicketRecord {
	const { comments: _comments, ...compact } = ticket;
	return compact;
}

function accountOf(conversation: IntercomConversation, contactAccounts: Record<string, string | null>): string | undefined {
	for (const contact of conversationContactIds(conversation)) {
		const account = Object.prototype.hasOwnProperty.call(contactAccounts, contact) ? contactAccounts[contact] : null;
		if (account) return account;
	}
	return undefined;
}

export async function sweepIntercom(options: IntercomSweepOptions): Promise<IntercomSweepResult> {
	const asOf = resolveAsOf(options.asOf, options.timezone);
	const previous = previousState(options.previous);
	const since = Math.floor(asOf.minus({ days: options.windowDays }).toSeconds());
	// `updated_at >` is strict and to the second: a conversation changed in the second of the last mark is read again
	const from = previous.updatedSince ?? since;
	const changes = await searchIntercomConversations(options.client, Math.max(0, from - 1));
	const found = options.readParts === false ? new Map(changes.conversations.map((c) => [c.id, c])) : await readIntercomConversations(options.client, changes.conversations.map((c) => c.id));
	const fresh = changes.conversations.map((c) => found.get(c.id)).filter((c): c is IntercomConversation => c !== undefined);

	const contactAccounts: Record<string, string | null> = { ...(previous.contactAccounts ?? {}) };
	const unknownContacts = [...new Set(fresh.flatMap(conversationContactIds))].filter((id) => !Object.prototype.hasOwnProperty.call(contactAccounts, id));
	const companies = await readIntercomContactCompanies(options.client, unknownContacts);
	const key = options.accountKey ?? DEFAULT_INTERCOM_ACCOUNT_KEY;
	const mapped = parseNamed(CompanyAccountsSchema, 'Company → Account', options.companyAccounts ?? {});
	for (const [contact, list] of companies) {
		let account: string | null = null;
		for (const company of list) {
			const byId = Object.prototype.hasOwnProperty.call(mapped, company.id) ? mapped[company.id] : undefined;
			const external = companyAccountKey(company, 'company_id');
			const byExternal = external && Object.prototype.hasOwnProperty.call(mapped, external) ? mapped[external] : undefined;
			account = byId ?? byExternal ?? companyAccountKey(company, key) ?? null;
			if (account) break;
		}
		setOwn(contactAccounts, contact, account);
	}

	const unusable: UnusableItem[] = [];
	const tickets: Record<string, IntercomTicketRecord> = { ...((previous.tickets ?? {}) as Record<string, IntercomTicketRecord>) };
	const freshTickets = new Map<string, IntercomTicketRecord>();
	let withoutCompany = 0;
	for (const conversation of fresh) {
		const account = accountOf(conversation, contactAccounts);
		if (!account) {
			withoutCompany += 1;
			delete tickets[conversation.id];
			continue;
		}
		try {
			const ticket = intercomTicket(conversation, account, { prioritisedAs: options.prioritisedAs, workspaceId: options.workspaceId });
			freshTickets.set(conversation.id, ticket);
			setOwn(tickets, conversation.id, compactIntercomTicket(ticket));
		} catch (error) {
			if (!(error instanceof ValidationError)) throw error;
			unusable.push({ itemIndex: 0, message: error.message });
		}
	}
	// deleted since the search: gone from the window too
	for (const c of changes.conversations) if (!found.has(c.id)) delete tickets[c.id];
	for (const [id, ticket] of Object.entries(tickets)) {
		const latest = Math.max(Date.parse(ticket.createdAt) || 0, Date.parse(ticket.updatedAt ?? '') || 0);
		if (latest < since * 1000) delete tickets[id];
	}

	const language = { lexicons: compileLexicons(options.lexicons), redact: options.redact === true, snippetChars: options.snippetChars };
	const commentAnalysis: Record<string, AnalysedSentence[]> = {};
	for (const [id, sentences] of Object.entries(previous.commentAnalysis ?? {})) if (Object.prototype.hasOwnProperty.call(tickets, id)) setOwn(commentAnalysis, id, sentences);
	for (const [id, ticket] of freshTickets) {
		if (!Object.prototype.hasOwnProperty.call(tickets, id)) continue;
		try {
			const kept = keptTicketAnalysis(analyseTicketComments(mapTicket(ticket, 0, CANONICAL_SUPPORT_FIELD_MAP), language));
			if (kept.length > 0) setOwn(commentAnalysis, id, kept);
			else delete commentAnalysis[id];
		} catch (error) {
			if (!(error instanceof ItemValidationError)) throw error; // reported by the detection below
		}
	}

	const window = Object.values(tickets)
		.map((ticket) => freshTickets.get(ticket.ticketId) ?? ticket)
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.ticketId.localeCompare(b.ticketId));
	const result = detectSupportSignalsFromItems(window, {
		fieldMap: CANONICAL_SUPPORT_FIELD_MAP,
		thresholds: options.thresholds,
		asOf,
		...(options.timezone ? { timezone: options.timezone } : {}),
		system: options.system?.trim() || 'intercom',
		lexicons: options.lexicons,
		redact: options.redact,
		snippetChars: options.snippetChars,
		commentAnalysis: new Map(Object.entries(commentAnalysis)),
	});
	// the contact → account cache keeps the contacts read now and those of accounts still in the window
	const windowAccounts = new Set(Object.values(tickets).map((ticket) => ticket.accountId));
	const keptContacts: Record<string, string | null> = {};
	for (const [contact, account] of Object.entries(previous.contactAccounts ?? {})) if (account && windowAccounts.has(account)) setOwn(keptContacts, contact, account);
	for (const conversation of fresh) for (const contact of conversationContactIds(conversation)) if (Object.prototype.hasOwnProperty.call(contactAccounts, contact)) setOwn(keptContacts, contact, contactAccounts[contact]);

	return {
		detections: result.detections,
		unusable: [
			...unusable,
			...result.unusable.map((item) => {
				const id = window[item.itemIndex]?.ticketId;
				return { ...item, itemIndex: 0, message: id === undefined ? item.message : item.message.replace(/^ticket \d+:/, `Intercom conversation ${id}:`) };
			}),
		],
		state: {
			updatedSince: Math.max(from, changes.newestUpdatedAt),
			tickets,
			contactAccounts: keptContacts,
			...(Object.keys(commentAnalysis).length ? { commentAnalysis } : {}),
		},
		read: { pages: changes.read.pages, conversations: fresh.length, contacts: unknownContacts.length },
		withoutCompany,
	};
}
