/**
 * Gong calls → canonical meeting records (engine/model/conversation.ts).
 *
 * The account: the CRM context Gong attached to the call (`context[].objects[]` of the chosen object type, by its
 * `objectId` or one of its fields), looked up in the account directory (a mapping row, or the account with that
 * id); a call without CRM context falls back to its external participants' e-mail domains. Internal calls (no
 * external party) belong to no account.
 * Participants: Gong's parties, External → customer, Internal → vendor; a party Gong lists only as an invitee
 * did not attend. Transcript monologues become speaker turns named after their party.
 */
import { domainOf, MeetingSchema, parseIsoDate, type AccountDirectory, type MeetingInput } from '../../model';
import type { GongCall, GongParty } from './client';

export interface GongMappingOptions {
	directory: AccountDirectory;
	/** The CRM object type whose record is the account (Gong: "Account" or "Opportunity"). Default "Account". */
	crmObjectType?: string;
	/** `objectId` (default) or the name of a field of that object holding the account id. */
	accountIdField?: string;
}

export type GongMapped =
	| { meeting: MeetingInput }
	/** Not a customer call, or one no account could be found for; `reason` says which and how to map it. */
	| { skipped: 'internal' | 'unmapped'; reason: string }
	/** A record that cannot be read; `problem` names the call and the field. */
	| { problem: string };

export const DEFAULT_GONG_CRM_OBJECT_TYPE = 'Account';
export const DEFAULT_GONG_ACCOUNT_ID_FIELD = 'objectId';

function callName(call: GongCall): string {
	const title = typeof call.metaData.title === 'string' && call.metaData.title.trim() ? ` (${call.metaData.title.trim()})` : '';
	return `Gong call ${call.metaData.id}${title}`;
}

function affiliationOf(party: GongParty): 'customer' | 'vendor' | undefined {
	if (party.affiliation === 'External') return 'customer';
	if (party.affiliation === 'Internal') return 'vendor';
	return undefined;
}

function crmAccount(call: GongCall, options: GongMappingOptions): { id: string; name?: string } | undefined {
	const type = (options.crmObjectType ?? DEFAULT_GONG_CRM_OBJECT_TYPE).trim().toLowerCase();
	const field = (options.accountIdField ?? DEFAULT_GONG_ACCOUNT_ID_FIELD).trim();
	for (const context of call.context ?? []) {
		for (const object of context.objects ?? []) {
			if (String(object.objectType ?? '').toLowerCase() !== type) continue;
			const fieldValue = (name: string) => object.fields?.find((f) => String(f.name ?? '').toLowerCase() === name.toLowerCase())?.value;
			const id = field === DEFAULT_GONG_ACCOUNT_ID_FIELD ? object.objectId : fieldValue(field);
			if (id === undefined || id === null || String(id).trim() === '') continue;
			const name = fieldValue('Name');
			return { id: String(id).trim(), ...(typeof name === 'string' && name.trim() ? { name: name.trim() } : {}) };
		}
	}
	return undefined;
}

/** One Gong call as a canonical meeting (with its transcript, when it was read), or why it is left out. */
export function mapGongCall(call: GongCall, options: GongMappingOptions): GongMapped {
	const started = call.metaData.started;
	if (typeof started !== 'string' || !parseIsoDate(started)) {
		return { problem: `${callName(call)}: metaData.started ${JSON.stringify(started ?? null)} is not an ISO-8601 date-time` };
	}
	const parties = (call.parties ?? []).filter((p) => (typeof p.name === 'string' && p.name.trim()) || (typeof p.emailAddress === 'string' && p.emailAddress.includes('@')));
	const external = parties.filter((p) => p.affiliation === 'External');
	if (external.length === 0 && call.metaData.scope === 'Internal') return { skipped: 'internal', reason: `${callName(call)} is an internal call` };

	const crm = crmAccount(call, options);
	let account = crm ? (options.directory.forKey(crm.id) ?? undefined) : undefined;
	let accountId = account?.accountId ?? crm?.id;
	if (!accountId) {
		for (const party of external) {
			account = options.directory.forDomain(domainOf(party.emailAddress));
			if (account) break;
		}
		accountId = account?.accountId;
	}
	if (!accountId) {
		const domains = [...new Set(external.map((p) => domainOf(p.emailAddress)).filter(Boolean))];
		return {
			skipped: external.length === 0 ? 'internal' : 'unmapped',
			reason:
				`${callName(call)} has no ${options.crmObjectType ?? DEFAULT_GONG_CRM_OBJECT_TYPE} in its CRM context` +
				(domains.length ? ` and no account has the domain ${domains.join(' or ')}` : ' and no external participant with an e-mail address') +
				'; add an Account Mapping row (CRM id or e-mail domain → account id)',
		};
	}

	const speakerNames = new Map<string, string>();
	for (const party of parties) if (party.speakerId) speakerNames.set(party.speakerId, (party.name ?? party.emailAddress)!.trim());
	const transcript = (call.transcript ?? [])
		.map((monologue) => {
			const sentences = (monologue.sentences ?? []).filter((s) => typeof s.text === 'string' && s.text.trim() !== '');
			const first = sentences[0]?.start;
			return {
				speaker: (monologue.speakerId && speakerNames.get(monologue.speakerId)) || 'Unknown speaker',
				...(typeof first === 'number' && first >= 0 ? { start: first / 1000 } : {}),
				text: sentences.map((s) => s.text!.trim()).join(' '),
			};
		})
		.filter((turn) => turn.text !== '');

	const meeting: MeetingInput = {
		callId: call.metaData.id,
		...(typeof call.metaData.url === 'string' && /^https?:\/\//.test(call.metaData.url) ? { url: call.metaData.url } : {}),
		accountId,
		...((options.directory.nameOf(accountId) ?? crm?.name) ? { accountName: options.directory.nameOf(accountId) ?? crm?.name } : {}),
		startedAt: started,
		...(typeof call.metaData.duration === 'number' && call.metaData.duration >= 0 ? { durationMinutes: Math.round((call.metaData.duration / 60) * 10) / 10 } : {}),
		status: 'held',
		participants: parties.map((party) => ({
			...(party.name?.trim() ? { name: party.name.trim() } : {}),
			...(typeof party.emailAddress === 'string' && party.emailAddress.includes('@') ? { email: party.emailAddress.trim().toLowerCase() } : {}),
			...(party.title?.trim() ? { title: party.title.trim() } : {}),
			...(affiliationOf(party) ? { affiliation: affiliationOf(party) } : {}),
			attended: Array.isArray(party.methods) && party.methods.length > 0 ? party.methods.includes('Attendee') : true,
		})),
		transcript,
	};
	const parsed = MeetingSchema.safeParse(meeting);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return { problem: `${callName(call)}: ${issue.path.join('.') || 'the call'} ${issue.message}` };
	}
	return { meeting };
}
