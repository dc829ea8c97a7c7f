/**
 * The demo book projected into what the providers would hold: HubSpot companies / contacts / deals /
 * owners, Zendesk organizations / tickets / metric sets / satisfaction ratings, a Slack workspace with
 * an alerts channel — in the fake providers' dataset format (test/fakes/dataset.js) — plus the
 * warehouse feed (usage, meetings, email, exec and market signals) that a team exports as JSON and the
 * daily sweep reads with an HTTP Request node.
 *
 * One account key everywhere: the HubSpot company id.
 * - CS CRM Signals (HubSpot mode) names every Account by its HubSpot company id.
 * - CS Support Signals (Zendesk mode) names the account of a ticket by the ticket's organization_id.
 *   So the demo's Zendesk organization for a company has the company's id as its numeric id (and as
 *   its external_id, where the HubSpot–Zendesk integration keeps it in real instances).
 * - The warehouse feed carries the HubSpot company id as accountId (warehouses join on the CRM id).
 * In a real instance Zendesk organization ids differ from HubSpot company ids: see
 * workflows/daily-signal-sweep.README.md ("One account key") for how to adapt.
 */
import type { Account, AccountInput, Owner, SignalInput } from '../engine/model';
import { AccountSchema } from '../engine/model';
import { SOURCE_READ_CATEGORIES, type DemoBook, type DemoTicket } from './book';

export const DEMO_SLACK_CHANNEL = { id: 'C0CSALERTS', name: 'cs-alerts' };
export const DEMO_ZENDESK_SUBDOMAIN = 'acme';
export const DEMO_HUBSPOT_PORTAL_ID = '4410001';
export const DEMO_TOKENS = {
	hubspot: 'pat-demo-hubspot-token',
	zendesk: 'demo-zendesk-api-token',
	slack: 'xoxb-demo-slack-token',
	/** Mixpanel service account `username:secret` (the fake checks Basic auth against it). */
	mixpanel: 'cs-signal-os.mp-service-account:mp-demo-secret',
	gmail: 'ya29.demo-gmail-token',
};
export const DEMO_MIXPANEL_PROJECT_ID = '2195193';
/** The event property of the demo's Mixpanel events that names the feature used. */
export const DEMO_MIXPANEL_FEATURE_PROPERTY = 'feature';
/** The vendor's own Slack workspace (the bot's team); customers post from their own team in shared channels. */
export const DEMO_SLACK_TEAM = 'T0VENDOR';
/** The HubSpot deal pipeline expansion hand-offs go to (the template's "Expansion pipeline" parameters). */
export const DEMO_EXPANSION_PIPELINE = { id: 'cs-expansion', label: 'CS expansion', stages: ['expansion_handoff', 'expansion_accepted', 'expansion_proposal', 'closedwon', 'closedlost'] };

/** Company properties holding the owner ids of the roles playbooks assign (HubSpot: owner-type properties). */
export const OWNER_PROPERTIES: Record<string, string> = {
	csm: 'hubspot_owner_id',
	ae: 'cs_account_executive_id',
	csLeader: 'cs_leader_id',
	csManager: 'cs_manager_id',
	supportManager: 'cs_support_manager_id',
};

export interface ProviderData {
	/** Dataset for the fake providers (test/fakes/dataset.js format). */
	dataset: Record<string, unknown>;
	/** The warehouse feed: Signal items keyed by HubSpot company id (every story's signals). */
	warehouseSignals: SignalInput[];
	/**
	 * The daily sweep's feed: only the signals no source node of the sweep reads (CRM notes, exec and market changes,
	 * surveys) — usage, meetings, e-mail and Slack come from Mixpanel, Gong, Gmail and Slack in `dataset`.
	 */
	feedSignals: SignalInput[];
	/** Shared Slack channel → account rows for CS Slack Signals (its Account Mapping). */
	slackChannelMapping: Array<{ from: string; accountId: string; accountName: string }>;
	/** HubSpot owner id → person, for the CS CRM Signals "Owner Directory (JSON)" parameter. */
	ownerDirectory: Record<string, { name: string; email?: string; slackUserId?: string }>;
	/** Book account id (acme, brightline, …) → HubSpot company id. */
	companyIdByAccount: Record<string, string>;
	/** HubSpot company id → book account. */
	accountByCompanyId: Record<string, Account>;
}

const dateOnly = (iso: string | undefined) => (iso ? iso.slice(0, 10) : undefined);

function splitName(name: string): { firstname: string; lastname: string } {
	const [first, ...rest] = name.split(' ');
	return { firstname: first, lastname: rest.join(' ') };
}

function emailFor(name: string, domain: string | undefined): string {
	return `${name.toLowerCase().replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '')}@${domain ?? 'example.com'}`;
}

export function buildProviderData(book: DemoBook): ProviderData {
	const accounts = book.accounts.map((input: AccountInput) => AccountSchema.parse(input));
	const owners = new Map<string, Owner>();
	const companies: unknown[] = [];
	const contacts: unknown[] = [];
	const deals: unknown[] = [];
	const organizations: unknown[] = [];
	const companyIdByAccount: Record<string, string> = {};
	const accountByCompanyId: Record<string, Account> = {};
	const orgByBookOrg = new Map<number, number>();

	accounts.forEach((account, index) => {
		const companyId = account.crm?.id ?? String(9101 + index);
		companyIdByAccount[account.accountId] = companyId;
		accountByCompanyId[companyId] = account;
		// the book numbers organizations 360001… in account order
		orgByBookOrg.set(360001 + index, Number(companyId));
		for (const owner of Object.values(account.owners)) if (owner?.crmOwnerId) owners.set(owner.crmOwnerId, owner);

		const properties: Record<string, string | number> = { name: account.name, arr: account.arr };
		if (account.domain) properties.domain = account.domain;
		if (account.renewalDate) properties.renewal_date = dateOnly(account.renewalDate)!;
		if (account.contractStart) properties.contract_start_date = dateOnly(account.contractStart)!;
		if (account.discountExpiryDate) properties.discount_expiry_date = dateOnly(account.discountExpiryDate)!;
		if (account.licensedSeats !== undefined) properties.licensed_seats = account.licensedSeats;
		if (account.activeSeats !== undefined) properties.active_seats = account.activeSeats;
		if (account.lastContactAt) properties.notes_last_contacted = account.lastContactAt;
		if (account.onboarding?.kickoffAt) properties.cs_kickoff_date = account.onboarding.kickoffAt;
		if (account.onboarding?.goLiveAt) properties.cs_go_live_date = account.onboarding.goLiveAt;
		if (account.onboarding?.firstValueAt) properties.cs_first_value_date = account.onboarding.firstValueAt;
		if (account.onboarding?.agreedTimelineDays !== undefined) properties.cs_onboarding_timeline_days = account.onboarding.agreedTimelineDays;
		if (account.segment) properties.cs_segment = account.segment;
		for (const [role, property] of Object.entries(OWNER_PROPERTIES)) {
			const owner = account.owners[role as keyof Account['owners']];
			if (owner?.crmOwnerId) properties[property] = owner.crmOwnerId;
		}

		const contactIds: string[] = [];
		account.contacts.forEach((contact, contactIndex) => {
			const id = `${companyId}${String(contactIndex + 1).padStart(2, '0')}`;
			contactIds.push(id);
			contacts.push({
				id,
				...(contact.firstSeenAt ? { createdAt: contact.firstSeenAt } : {}),
				properties: {
					...splitName(contact.name),
					email: emailFor(contact.name, account.domain),
					...(contact.title ? { jobtitle: contact.title } : {}),
					cs_champion: contact.isChampion,
					cs_exec_sponsor: contact.isExecSponsor,
					...(contact.lastEngagedAt ? { notes_last_contacted: contact.lastEngagedAt } : {}),
				},
			});
		});

		const dealIds: string[] = [];
		if (account.renewalDate) {
			const id = `${companyId}50`;
			dealIds.push(id);
			deals.push({
				id,
				properties: {
					dealname: `${account.name} — renewal`,
					amount: account.arr,
					closedate: account.renewalDate,
					dealstage: 'appointmentscheduled',
					pipeline: 'default',
					dealtype: 'existingbusiness',
					hs_is_closed: false,
					hs_is_closed_won: false,
					deal_currency_code: account.currency,
				},
			});
		}
		companies.push({ id: companyId, properties, associations: { contacts: contactIds, deals: dealIds } });
		organizations.push({ id: Number(companyId), name: account.name, external_id: companyId, domain_names: account.domain ? [account.domain] : [] });
	});

	const tickets: unknown[] = [];
	const metricSets: unknown[] = [];
	const satisfactionRatings: unknown[] = [];
	let ratingId = 70000;
	for (const ticket of book.tickets) {
		const organizationId = orgByBookOrg.get(ticket.organization_id);
		if (organizationId === undefined) throw new Error(`demo ticket ${ticket.id}: organization ${ticket.organization_id} belongs to no demo account`);
		tickets.push(zendeskTicket(ticket, organizationId));
		const solved = ticket.status === 'solved' || ticket.status === 'closed';
		metricSets.push({
			ticket_id: ticket.id,
			solved_at: solved ? ticket.updated_at : null,
			full_resolution_time_in_minutes: { calendar: ticket.resolution_minutes ?? null, business: ticket.resolution_minutes ?? null },
		});
		if (ticket.satisfaction_rating.score === 'good' || ticket.satisfaction_rating.score === 'bad') {
			satisfactionRatings.push({
				id: ++ratingId,
				ticket_id: ticket.id,
				score: ticket.satisfaction_rating.score,
				...(ticket.satisfaction_rating.comment ? { comment: ticket.satisfaction_rating.comment } : {}),
				created_at: ticket.updated_at,
			});
		}
	}

	const ownerDirectory: ProviderData['ownerDirectory'] = {};
	const hubspotOwners = [...owners.entries()].map(([id, owner]) => {
		ownerDirectory[id] = { name: owner.name, ...(owner.email ? { email: owner.email } : {}), ...(owner.slackUserId ? { slackUserId: owner.slackUserId } : {}) };
		const { firstname, lastname } = splitName(owner.name);
		return { id, email: owner.email, firstName: firstname, lastName: lastname };
	});

	const warehouseSignals = book.signals.map((signal) => {
		const companyId = companyIdByAccount[signal.accountId];
		if (!companyId) throw new Error(`demo signal ${signal.id}: account ${signal.accountId} is not in the book`);
		return { ...signal, accountId: companyId };
	});

	const companyOf = (accountId: string, what: string) => {
		const companyId = companyIdByAccount[accountId];
		if (!companyId) throw new Error(`demo ${what}: account ${accountId} is not in the book`);
		return companyId;
	};
	const { sources } = book;
	const mixpanel = {
		projectId: Number(DEMO_MIXPANEL_PROJECT_ID),
		timezone: 'UTC',
		events: sources.usage.map((e) => ({
			event: e.event,
			properties: { time: e.time, distinct_id: e.user, account_id: companyOf(e.accountId, 'usage event'), ...(e.feature ? { [DEMO_MIXPANEL_FEATURE_PROPERTY]: e.feature } : {}) },
		})),
	};
	const gong = {
		calls: sources.calls.map((c) => {
			const companyId = companyOf(c.accountId, `call ${c.id}`);
			const speaker = (name: string) => `spk-${c.parties.findIndex((p) => p.name === name) + 1}`;
			return {
				id: c.id,
				title: c.title,
				started: c.started,
				duration: 1800,
				scope: 'External',
				context: [{ system: 'HubSpot', objects: [{ objectType: 'Account', objectId: companyId, fields: [{ name: 'Name', value: accountByCompanyId[companyId].name }] }] }],
				parties: c.parties.map((p, i) => ({
					id: `${c.id}-p${i + 1}`,
					name: p.name,
					emailAddress: p.email,
					...(p.title ? { title: p.title } : {}),
					speakerId: `spk-${i + 1}`,
					affiliation: p.affiliation,
					methods: p.missed ? ['Invitee'] : ['Invitee', 'Attendee'],
				})),
				transcript: c.turns.map(([name, text], i) => ({ speakerId: speaker(name), topic: 'Call', sentences: [{ start: i * 30_000, end: i * 30_000 + 25_000, text }] })),
			};
		}),
	};
	const gmail = { mailbox: sources.mailbox, messages: sources.mail.map((m) => ({ ...m })) };
	const slackTs = (iso: string) => (Date.parse(iso) / 1000).toFixed(6);
	const history = Object.fromEntries(
		sources.slackChannels.map((channel) => [
			channel.id,
			channel.messages.map((m) => ({ type: 'message', ts: slackTs(m.at), user: m.user, user_team: m.customer ? `T0${channel.accountId.toUpperCase().slice(0, 7)}` : DEMO_SLACK_TEAM, text: m.text, user_profile: { real_name: m.userName } })),
		]),
	);
	const slackChannelMapping = sources.slackChannels.map((channel) => {
		const companyId = companyOf(channel.accountId, `Slack channel ${channel.id}`);
		return { from: channel.id, accountId: companyId, accountName: accountByCompanyId[companyId].name };
	});
	const readBySources = new Set<string>(SOURCE_READ_CATEGORIES);

	return {
		dataset: {
			now: book.asOf,
			tokens: DEMO_TOKENS,
			mixpanel,
			gong,
			gmail,
			hubspot: { owners: hubspotOwners, companies, contacts, deals, pipelines: [DEMO_EXPANSION_PIPELINE] },
			zendesk: { subdomain: DEMO_ZENDESK_SUBDOMAIN, organizations, tickets, metricSets, satisfactionRatings },
			slack: {
				teamId: DEMO_SLACK_TEAM,
				channels: [DEMO_SLACK_CHANNEL, ...sources.slackChannels.map((c) => ({ id: c.id, name: c.name }))],
				history,
				// the owners with a Slack id: their daily digest goes to them directly
				users: Object.values(ownerDirectory).flatMap((o) => (o.slackUserId ? [{ id: o.slackUserId, name: o.name }] : [])),
			},
		},
		warehouseSignals,
		feedSignals: warehouseSignals.filter((signal) => !readBySources.has(signal.category)),
		slackChannelMapping,
		ownerDirectory,
		companyIdByAccount,
		accountByCompanyId,
	};
}

function zendeskTicket(ticket: DemoTicket, organizationId: number): Record<string, unknown> {
	const { resolution_minutes: _minutes, satisfaction_rating: _rating, url: _url, ...rest } = ticket;
	return { ...rest, organization_id: organizationId };
}
