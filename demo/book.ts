/**
 * The bundled demo book: 30 accounts whose stories come from the seed documents, relative to an as-of date
 * so the stories stay true whenever the demo runs. Canonical Account items, Zendesk-shaped tickets (what the
 * support source reads), the raw data the daily sweep's other source nodes read (`sources`: Mixpanel events,
 * Gong calls, the CSM's Gmail threads, a shared Slack channel — the stories' usage, meeting, e-mail and Slack
 * signals are detected from them), and every story's canonical signals (`signals`: the warehouse feed of the
 * templates that read one; the daily sweep takes only the CRM, exec, market and survey ones from it).
 *
 * Every account, person and ticket here is invented; the stories are the seeds':
 * - Acme Corp: executive champion cut meeting participation by 60% over 90 days, support volume elevated,
 *   usage down 28%, a new IT director nobody has met, renewal in 87 days → executive escalation.
 * - Brightline Health: usage depth +22%, champion positive across four calls, first value achieved, a 38,400 EUR
 *   add-on proposal asked for (40% of ARR, above the 30% hand-off threshold) → expansion, handed to the AE.
 * - Cobalt Freight: a new VP of IT identified, relationship unmapped → relationship mapping.
 * - Dunmore Analytics: discount expiring before a renewal 118 days out → value justification at T-120.
 * - Evergreen Retail: contract started 4 days ago, no kickoff → onboarding reminder.
 * - Fjord Marine: the quiet "safe" account — no signals, last contact 140 days ago (the safe account trap).
 * …and the rest of a realistic book (event playbooks, save plays, healthy accounts, renewals at each stage).
 */
import { DateTime } from 'luxon';
import { signalId, type AccountInput, type Contact, type SignalInput } from '../engine/model';
import { getSignalType } from '../engine/taxonomy';

export interface DemoTicket {
	id: number;
	url: string;
	organization_id: number;
	requester_id: number;
	subject: string;
	description: string;
	priority: 'urgent' | 'high' | 'normal' | 'low';
	status: 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed';
	created_at: string;
	updated_at: string;
	tags: string[];
	satisfaction_rating: { score: 'good' | 'bad' | 'offered' | 'unoffered'; comment?: string };
	/** Minutes from creation to full resolution (business minutes), for solved tickets. */
	resolution_minutes?: number;
}

/** One product event as the Mixpanel export holds it (the book's account id; provider-data maps it to the CRM id). */
export interface DemoUsageEvent {
	accountId: string;
	event: string;
	time: string;
	user: string;
	/** The feature or module used (the `feature` event property), when the product sends one. */
	feature?: string;
}

export interface DemoCallParty {
	name: string;
	email: string;
	title?: string;
	affiliation: 'External' | 'Internal';
	/** Invited, not there: Gong lists the party with methods ["Invitee"] only. */
	missed?: boolean;
}

/** One recorded customer call (Gong): who was invited and attended, and what was said (speaker turns). */
export interface DemoCall {
	id: string;
	accountId: string;
	title: string;
	started: string;
	parties: DemoCallParty[];
	turns: Array<[speaker: string, text: string]>;
}

/** One e-mail in the CSM mailbox the sweep reads (Gmail). */
export interface DemoMail {
	id: string;
	threadId: string;
	from: string;
	to: string;
	date: string;
	subject: string;
	text: string;
}

/** A shared (Slack Connect) customer channel and its history. */
export interface DemoSlackChannel {
	id: string;
	name: string;
	accountId: string;
	messages: Array<{ at: string; user: string; userName: string; customer: boolean; text: string }>;
}

/** What the daily sweep's own source nodes read: Mixpanel, Gong, Gmail and the shared Slack channels. */
export interface DemoSources {
	usage: DemoUsageEvent[];
	calls: DemoCall[];
	mail: DemoMail[];
	mailbox: string;
	slackChannels: DemoSlackChannel[];
}

export interface DemoBook {
	asOf: string;
	accounts: AccountInput[];
	tickets: DemoTicket[];
	/**
	 * Canonical signals of every story (the warehouse feed of the templates that read one). The daily sweep reads
	 * usage, meetings, e-mail and Slack from `sources` instead, and only the other categories from the feed.
	 */
	signals: SignalInput[];
	sources: DemoSources;
}

/** Signal categories the daily sweep reads through its own source nodes (CS Usage, Meeting, Email, Slack Signals). */
export const SOURCE_READ_CATEGORIES = ['usage', 'meetings', 'email', 'slack'] as const;

/** The CSM mailbox of the demo (CS Email Signals reads it through n8n's Gmail credential). */
export const DEMO_MAILBOX = 'maya.chen@example.com';
const VENDOR = { maya: { name: 'Maya Chen', email: 'maya.chen@example.com', title: 'CSM', affiliation: 'Internal' as const } };

type ContactSpec = Omit<Contact, 'isChampion' | 'isExecSponsor' | 'status'> & Partial<Pick<Contact, 'isChampion' | 'isExecSponsor' | 'status'>>;

const OWNERS = {
	maya: { name: 'Maya Chen', email: 'maya.chen@example.com', slackUserId: 'U01MAYA', crmOwnerId: '7001' },
	leo: { name: 'Leo Park', email: 'leo.park@example.com', slackUserId: 'U01LEOP', crmOwnerId: '7002' },
	sara: { name: 'Sara Okafor', email: 'sara.okafor@example.com', slackUserId: 'U01SARA', crmOwnerId: '7003' },
	tom: { name: 'Tom Reyes', email: 'tom.reyes@example.com', slackUserId: 'U01TOMR', crmOwnerId: '7004' },
	ava: { name: 'Ava Lindqvist', email: 'ava.lindqvist@example.com', slackUserId: 'U01AVAL', crmOwnerId: '7005' },
	raj: { name: 'Raj Mehta', email: 'raj.mehta@example.com', slackUserId: 'U01RAJM', crmOwnerId: '7006' },
	nina: { name: 'Nina Weber', email: 'nina.weber@example.com', slackUserId: 'U01NINA', crmOwnerId: '7007' },
};

const TEAM = { csLeader: OWNERS.ava, csManager: OWNERS.raj, supportManager: OWNERS.nina };

/** Everyday support requests; no two share two topic words (engine/detect/language/topics.ts). */
const EVERYDAY_REQUESTS = [
	'Password reset for a new hire',
	'Copy of last invoice',
	'Add two seats',
	'Change of billing contact',
	'Time zone on reports',
	'SSO metadata update',
	'API key rotation',
	'Notification email settings',
	'Dashboard filter setup',
	'CSV column order',
	'Workspace rename',
	'Mobile app login',
	'Data retention policy',
	'Calendar integration',
	'Custom field limit',
	'Language preference',
	'User role permissions',
	'Audit trail access',
];

export function buildDemoBook(asOfInput?: string): DemoBook {
	const asOf = (asOfInput ? DateTime.fromISO(asOfInput, { setZone: true }) : DateTime.utc()).startOf('day').plus({ hours: 7 });
	const at = (days: number, hour = 10) => asOf.startOf('day').plus({ days, hours: hour }).toUTC().toISO({ suppressMilliseconds: true })!;
	const date = (days: number) => asOf.plus({ days }).toISODate()!;

	const accounts: AccountInput[] = [];
	const tickets: DemoTicket[] = [];
	const signals: SignalInput[] = [];
	const usage: DemoUsageEvent[] = [];
	const calls: DemoCall[] = [];
	const mail: DemoMail[] = [];
	const slackChannels: DemoSlackChannel[] = [];
	let ticketId = 48000;
	let orgSeq = 0;

	function account(
		spec: Omit<AccountInput, 'owners' | 'contacts' | 'crm'> & {
			csm: keyof typeof OWNERS;
			ae: keyof typeof OWNERS;
			contacts?: ContactSpec[];
		},
	): { accountId: string; orgId: number } {
		orgSeq += 1;
		const orgId = 360000 + orgSeq;
		const { csm, ae, contacts = [], ...rest } = spec;
		accounts.push({
			...rest,
			owners: { csm: OWNERS[csm], ae: OWNERS[ae], ...TEAM },
			contacts: contacts.map((c) => ({ isChampion: false, isExecSponsor: false, status: 'active', ...c })),
			crm: { system: 'hubspot', id: String(9100 + orgSeq), url: `https://app.hubspot.com/contacts/4410001/record/0-2/${9100 + orgSeq}` },
		});
		return { accountId: spec.accountId, orgId };
	}

	function ticket(orgId: number, daysAgo: number, subject: string, opts: Partial<DemoTicket> = {}) {
		ticketId += 1;
		const created = at(-daysAgo, 9 + (ticketId % 8));
		tickets.push({
			id: ticketId,
			url: `https://acme-support.zendesk.com/api/v2/tickets/${ticketId}.json`,
			organization_id: orgId,
			requester_id: 900000 + ticketId,
			subject,
			description: opts.description ?? `${subject}. Reported by the customer's admin team.`,
			priority: opts.priority ?? 'normal',
			status: opts.status ?? (daysAgo > 5 ? 'solved' : 'open'),
			created_at: created,
			updated_at: opts.updated_at ?? at(-Math.max(0, daysAgo - 2), 16),
			tags: opts.tags ?? [],
			satisfaction_rating: opts.satisfaction_rating ?? { score: daysAgo > 5 ? 'good' : 'unoffered' },
			resolution_minutes: opts.resolution_minutes ?? (daysAgo > 5 ? 480 + (ticketId % 5) * 60 : undefined),
		});
	}


	/**
	 * Product usage as Mixpanel events, 18 weeks to yesterday (the sweep counts whole days): `weekly[w]` people active in
	 * week w (oldest first), each once that week on their own weekday — the weekly active users the detectors count.
	 * `extra[w]` the share of them with a second event that week (depth of use); `features` names the feature of the
	 * first and of the second event.
	 */
	function weeklyUsage(accountId: string, weekly: number[], extra: number[] = [], features: { first?: string; second?: string } = {}) {
		const weeks = weekly.length;
		weekly.forEach((people, w) => {
			const weekStart = -7 * (weeks - w);
			for (let u = 0; u < people; u++) {
				const day = weekStart + (u % 7);
				const times = u < Math.round(people * (extra[w] ?? 0)) ? 2 : 1;
				for (let k = 0; k < times; k++) {
					const feature = k === 0 ? features.first : features.second;
					usage.push({ accountId, event: k === 0 ? 'Page Viewed' : 'Report Built', time: at(day, 8 + ((u + k) % 9)), user: `${accountId}-u${u + 1}`, ...(feature ? { feature } : {}) });
				}
			}
		});
	}
	const flat = (weeks: number, people: number) => Array.from({ length: weeks }, () => people);
	/** Steady growth from `from` to `to` people over `weeks` weeks (a healthy account is not flat: no plateau). */
	const growing = (weeks: number, from: number, to: number) => Array.from({ length: weeks }, (_, w) => Math.round(from + ((to - from) * w) / Math.max(1, weeks - 1)));

	let callSeq = 77000;
	/** A recorded call with the account's people and the CSM; `turns` are what was said, in order. */
	function call(accountId: string, daysAgo: number, title: string, customers: DemoCallParty[], turns: Array<[string, string]>) {
		callSeq += 1;
		calls.push({ id: String(8800000000 + callSeq), accountId, title, started: at(-daysAgo, 15), parties: [...customers, VENDOR.maya], turns });
	}

	let mailSeq = 0;
	/** The CSM writes, the customer answers `hours` later in the same thread. */
	function exchange(customer: { name: string; email: string }, daysAgo: number, hours: number, subject: string, reply = 'Thanks, noted.') {
		mailSeq += 1;
		const sent = asOf.startOf('day').plus({ days: -daysAgo, hours: 9 });
		const thread = `demo-thread-${mailSeq}`;
		mail.push({ id: `${thread}-out`, threadId: thread, from: `Maya Chen <${DEMO_MAILBOX}>`, to: `${customer.name} <${customer.email}>`, date: sent.toUTC().toISO({ suppressMilliseconds: true })!, subject, text: 'Hi, following up on our last call — could you confirm the next steps?' });
		mail.push({ id: `${thread}-in`, threadId: thread, from: `${customer.name} <${customer.email}>`, to: `Maya Chen <${DEMO_MAILBOX}>`, date: sent.plus({ hours }).toUTC().toISO({ suppressMilliseconds: true })!, subject: `Re: ${subject}`, text: reply });
	}
	/** A steady support baseline: one ticket a week over the 17 weeks before the last one (the volume baseline window). */
	/**
	 * An account's everyday ticket flow for 17 weeks (the volume baseline): ordinary requests that share no topic, so
	 * the baseline itself is no repeat issue (the same subject comes back only after more than 60 days). The product
	 * area names what the account uses, for the reader of the book.
	 */
	function baselineTickets(orgId: number, _productArea: string, perWeek = 1) {
		let k = 0;
		for (let week = 1; week <= 17; week++) {
			for (let n = 0; n < perWeek; n++) ticket(orgId, 7 * week + 2 + n, `${EVERYDAY_REQUESTS[k++ % EVERYDAY_REQUESTS.length]} (${week}.${n + 1})`);
		}
	}

	function signal(
		accountId: string,
		type: string,
		daysAgo: number,
		evidence: string,
		extra: Partial<SignalInput> & { system?: string; ref?: string } = {},
	) {
		const [category] = type.split('.');
		const { system = systemFor(category), ref = `${accountId}:${type}:${date(-daysAgo)}`, ...rest } = extra;
		signals.push({
			id: signalId(system, ref, type),
			accountId,
			category: category as SignalInput['category'],
			type,
			polarity: rest.polarity ?? polarityFor(type),
			severity: rest.severity ?? 6,
			observedAt: at(-daysAgo, 8),
			detectedAt: at(0, 6),
			evidence,
			source: { system, ref, url: rest.source?.url ?? `https://warehouse.example.com/signals/${encodeURIComponent(ref)}` },
			attributes: rest.attributes ?? {},
			...(rest.value !== undefined ? { value: rest.value } : {}),
			...(rest.baseline !== undefined ? { baseline: rest.baseline } : {}),
		});
	}

	// 1. Acme Corp — the seeds' executive escalation story.
	{
		const { accountId, orgId } = account({
			accountId: 'acme', name: 'Acme Corp', domain: 'acme.example', arr: 240000, currency: 'EUR',
			renewalDate: date(87), contractStart: date(-1008), csm: 'maya', ae: 'leo',
			onboarding: { kickoffAt: at(-1000), goLiveAt: at(-960), firstValueAt: at(-930) },
			licensedSeats: 400, activeSeats: 236, lastContactAt: at(-12),
			contacts: [
				{ name: 'Dana Whitfield', title: 'Chief Operating Officer', seniority: 'c_level', isChampion: true, isExecSponsor: true, lastEngagedAt: at(-41) },
				{ name: 'Priya Natarajan', title: 'Director of Operations', seniority: 'director', lastEngagedAt: at(-12) },
				{ name: 'Marcus Bell', title: 'IT Director', seniority: 'director', firstSeenAt: at(-30) },
			],
		});
		baselineTickets(orgId, 'Report export');
		ticket(orgId, 1, 'Dashboards time out for the whole operations team', { priority: 'high' });
		ticket(orgId, 2, 'Scheduled exports missing rows since Monday', { priority: 'high' });
		ticket(orgId, 3, 'SSO login loop for new IT staff');
		ticket(orgId, 4, 'API rate limit errors in nightly sync', { priority: 'high' });
		signal(accountId, 'meetings.exec_absence', 9, 'Dana Whitfield (COO, champion) attended 2 of 5 account meetings in the last 90 days, down 60% from the prior 90 days', { severity: 8, value: 2, baseline: 5, attributes: { changePct: -60 }, system: 'gong' });
		signal(accountId, 'usage.below_baseline', 5, 'Weekly active users 28% below the account baseline for 8 weeks (236 vs 328)', { severity: 7, value: 236, baseline: 328, attributes: { changePct: -28 }, system: 'warehouse' });
		signal(accountId, 'exec.new_executive', 30, 'Marcus Bell joined as IT Director a month ago; no meeting or email with him yet', { severity: 5, system: 'hubspot', polarity: 'context' });
		signal(accountId, 'email.response_time_degrading', 15, 'Median reply time from Acme contacts rose from 6 h to 31 h over 60 days', { severity: 5, value: 31, baseline: 6 });
		// what the sweep reads: 328 weekly users for 10 weeks, 236 for the last 8; Dana at 5 of 5 calls, then 2 of 5; replies 6 h → 31 h
		weeklyUsage(accountId, [...flat(10, 328), ...flat(8, 236)]);
		const dana: DemoCallParty = { name: 'Dana Whitfield', email: 'dana.whitfield@acme.example', title: 'Chief Operating Officer', affiliation: 'External' };
		const priya: DemoCallParty = { name: 'Priya Natarajan', email: 'priya.natarajan@acme.example', title: 'Director of Operations', affiliation: 'External' };
		const sync: Array<[string, string]> = [['Maya Chen', 'Thanks for joining, let us go through the open items.'], ['Priya Natarajan', 'The operations team finished the report migration this month.']];
		for (const daysAgo of [170, 150, 130, 112, 96]) call(accountId, daysAgo, 'Acme Corp monthly sync', [dana, priya], sync);
		for (const daysAgo of [80, 62]) call(accountId, daysAgo, 'Acme Corp monthly sync', [dana, priya], sync);
		for (const daysAgo of [41, 24, 9]) call(accountId, daysAgo, 'Acme Corp monthly sync', [{ ...dana, missed: true }, priya], sync);
		const priyaMail = { name: 'Priya Natarajan', email: 'priya.natarajan@acme.example' };
		for (const daysAgo of [56, 47, 38]) exchange(priyaMail, daysAgo, 6, 'Report migration');
		for (const daysAgo of [26, 17, 8]) exchange(priyaMail, daysAgo, 31, 'Report migration');
	}

	// 2. Brightline Health — expansion-ready.
	{
		const { accountId, orgId } = account({
			accountId: 'brightline', name: 'Brightline Health', domain: 'brightline.example', arr: 96000, currency: 'EUR',
			renewalDate: date(210), contractStart: date(-520), csm: 'sara', ae: 'leo',
			onboarding: { kickoffAt: at(-515), goLiveAt: at(-480), firstValueAt: at(-450) },
			licensedSeats: 150, activeSeats: 131, lastContactAt: at(-4),
			contacts: [
				{ name: 'Elena Ruiz', title: 'VP Clinical Operations', seniority: 'vp', isChampion: true, lastEngagedAt: at(-4) },
				{ name: 'Omar Haddad', title: 'Chief Medical Officer', seniority: 'c_level', isExecSponsor: true, lastEngagedAt: at(-35) },
				{ name: 'Grace Liu', title: 'Operations Manager', seniority: 'manager', lastEngagedAt: at(-9) },
				{ name: 'Ben Foster', title: 'Data Analyst', seniority: 'individual', lastEngagedAt: at(-6) },
			],
		});
		baselineTickets(orgId, 'Template setup');
		signal(accountId, 'usage.depth_increase', 6, 'Usage depth up 22% over 6 weeks: 11 features used weekly by the care teams, up from 9', { severity: 7, value: 11, baseline: 9, attributes: { changePct: 22 }, polarity: 'opportunity' });
		signal(accountId, 'meetings.champion_positive', 4, 'Elena Ruiz (VP Clinical Operations) positive across the last 4 calls, asked about the analytics add-on', { severity: 7, polarity: 'opportunity', system: 'gong' });
		signal(accountId, 'usage.seat_utilisation_high', 3, 'Seat utilisation at 87% (131 of 150 licensed seats)', { severity: 6, value: 87, polarity: 'opportunity' });
		signal(accountId, 'meetings.new_use_case', 12, 'Pharmacy team asked to run medication reconciliation in the platform (new use case)', { severity: 6, polarity: 'opportunity', system: 'gong' });
		signal(accountId, 'usage.feature_adoption', 18, 'Care-plan automation adopted by 4 clinics in 3 weeks', { severity: 5, polarity: 'opportunity' });
		// care-plan automation: new in the last four weeks, used by 3 in 10 people on top of their usual work
		weeklyUsage(accountId, growing(18, 92, 131), [...flat(14, 0), ...flat(4, 0.3)], { first: 'Care plans', second: 'Care-plan automation' });
		const elena: DemoCallParty = { name: 'Elena Ruiz', email: 'elena.ruiz@brightline.example', title: 'VP Clinical Operations', affiliation: 'External' };
		for (const daysAgo of [32, 18]) call(accountId, daysAgo, 'Brightline Health check-in', [elena], [['Maya Chen', 'How is the rollout going?'], ['Elena Ruiz', 'The rollout is on track for the clinics.']]);
		call(accountId, 4, 'Brightline Health check-in', [elena], [
			['Maya Chen', 'How are the care teams getting on?'],
			['Elena Ruiz', 'This is working really well for us. The care teams love the new automation and it has been a great success.'],
		]);
		signal(accountId, 'crm.expansion_opportunity', 2, 'Elena Ruiz asked for a proposal: analytics add-on for the pharmacy and care teams, 38,400 EUR a year', { severity: 6, value: 38400, attributes: { amount: 38400 }, polarity: 'opportunity', system: 'hubspot' });
	}

	// 3. Cobalt Freight — new VP of IT identified, unmapped.
	{
		const { accountId, orgId } = account({
			accountId: 'cobalt', name: 'Cobalt Freight', domain: 'cobalt.example', arr: 72000, currency: 'EUR',
			renewalDate: date(160), contractStart: date(-570), csm: 'tom', ae: 'leo',
			onboarding: { kickoffAt: at(-565), goLiveAt: at(-530), firstValueAt: at(-500) },
			licensedSeats: 120, activeSeats: 88, lastContactAt: at(-8),
			contacts: [
				{ name: 'Ingrid Sorensen', title: 'Director of Logistics', seniority: 'director', isChampion: true, lastEngagedAt: at(-8) },
				{ name: 'Victor Osei', title: 'VP of IT', seniority: 'vp', firstSeenAt: at(-6) },
				{ name: 'Hannah Cole', title: 'Dispatch Manager', seniority: 'manager', lastEngagedAt: at(-20) },
			],
		});
		baselineTickets(orgId, 'Route import');
		signal(accountId, 'exec.new_executive', 6, 'Victor Osei joined Cobalt Freight as VP of IT; relationship unmapped', { severity: 6, polarity: 'context', system: 'hubspot' });
	}

	// 4. Dunmore Analytics — discount expires before the renewal, now at T-120.
	{
		const { orgId } = account({
			accountId: 'dunmore', name: 'Dunmore Analytics', domain: 'dunmore.example', arr: 54000, currency: 'EUR',
			renewalDate: date(118), contractStart: date(-612), discountExpiryDate: date(100), csm: 'sara', ae: 'leo',
			onboarding: { kickoffAt: at(-600), goLiveAt: at(-570), firstValueAt: at(-550) },
			licensedSeats: 60, activeSeats: 44, lastContactAt: at(-15),
			contacts: [
				{ name: 'Felix Wagner', title: 'Head of BI', seniority: 'director', isChampion: true, lastEngagedAt: at(-15) },
				{ name: 'Lena Vogt', title: 'CFO', seniority: 'c_level', isExecSponsor: true, lastEngagedAt: at(-80) },
			],
		});
		baselineTickets(orgId, 'Connector');
	}

	// 5. Evergreen Retail — contract started 4 days ago, no kickoff yet.
	account({
		accountId: 'evergreen', name: 'Evergreen Retail', domain: 'evergreen.example', arr: 38000, currency: 'EUR',
		renewalDate: date(361), contractStart: date(-4), csm: 'tom', ae: 'leo',
		onboarding: { agreedTimelineDays: 45 }, licensedSeats: 80, activeSeats: 3,
		contacts: [{ name: 'Ruth Adeyemi', title: 'Head of Store Operations', seniority: 'director', isChampion: true, firstSeenAt: at(-20), lastEngagedAt: at(-6) }],
	});

	// 6. Fjord Marine — the quiet "safe" account: multi-year contract, no signals, nobody has talked to them.
	account({
		accountId: 'fjord', name: 'Fjord Marine', domain: 'fjord.example', arr: 130000, currency: 'EUR',
		renewalDate: date(400), contractStart: date(-700), csm: 'maya', ae: 'leo',
		onboarding: { kickoffAt: at(-690), goLiveAt: at(-650), firstValueAt: at(-620) },
		licensedSeats: 200, lastContactAt: at(-140),
		contacts: [{ name: 'Sven Halvorsen', title: 'Fleet Director', seniority: 'director', isChampion: true, lastEngagedAt: at(-140) }],
	});

	// 7. Granite Insurance — NPS detractor.
	{
		const { accountId, orgId } = account({
			accountId: 'granite', name: 'Granite Insurance', domain: 'granite.example', arr: 64000, currency: 'EUR',
			renewalDate: date(190), contractStart: date(-540), csm: 'sara', ae: 'leo',
			onboarding: { kickoffAt: at(-535), goLiveAt: at(-500), firstValueAt: at(-470) },
			licensedSeats: 90, activeSeats: 70, lastContactAt: at(-10),
			contacts: [
				{ name: 'Paul Brennan', title: 'Claims Director', seniority: 'director', isChampion: true, lastEngagedAt: at(-10) },
				{ name: 'Aisha Karim', title: 'Claims Manager', seniority: 'manager', lastEngagedAt: at(-18) },
			],
		});
		baselineTickets(orgId, 'Claims form');
		signal(accountId, 'crm.nps_detractor', 1, 'Paul Brennan answered NPS 4: "Reporting is too slow for our month-end close"', { severity: 7, value: 4, system: 'survey' });
	}

	// 8. Harbor Bank — Sev-1 and a burst of tickets in 7 days.
	{
		const { orgId } = account({
			accountId: 'harbor', name: 'Harbor Bank', domain: 'harbor.example', arr: 180000, currency: 'EUR',
			renewalDate: date(240), contractStart: date(-490), csm: 'maya', ae: 'leo',
			onboarding: { kickoffAt: at(-485), goLiveAt: at(-450), firstValueAt: at(-420) },
			licensedSeats: 300, activeSeats: 255, lastContactAt: at(-3),
			contacts: [
				{ name: 'Claire Dubois', title: 'VP Digital Banking', seniority: 'vp', isChampion: true, lastEngagedAt: at(-3) },
				{ name: 'Jonas Berg', title: 'Chief Risk Officer', seniority: 'c_level', isExecSponsor: true, lastEngagedAt: at(-50) },
				{ name: 'Mia Novak', title: 'IT Manager', seniority: 'manager', lastEngagedAt: at(-5) },
			],
		});
		baselineTickets(orgId, 'Audit log');
		ticket(orgId, 0, 'Payments dashboard down for all branches', { priority: 'urgent', status: 'open' });
		ticket(orgId, 2, 'Audit log export fails with 500', { priority: 'high' });
		ticket(orgId, 4, 'Branch managers cannot approve workflows', { priority: 'high' });
	}

	// 9. Ionix Labs — weekly active users down 35% week over week.
	{
		const { accountId, orgId } = account({
			accountId: 'ionix', name: 'Ionix Labs', domain: 'ionix.example', arr: 42000, currency: 'EUR',
			renewalDate: date(150), contractStart: date(-580), csm: 'tom', ae: 'leo',
			onboarding: { kickoffAt: at(-575), goLiveAt: at(-545), firstValueAt: at(-520) },
			licensedSeats: 70, activeSeats: 39, lastContactAt: at(-21),
			contacts: [
				{ name: 'Kenji Sato', title: 'Lab Operations Manager', seniority: 'manager', isChampion: true, lastEngagedAt: at(-21) },
				{ name: 'Laura Pike', title: 'Research Director', seniority: 'director', lastEngagedAt: at(-60) },
			],
		});
		baselineTickets(orgId, 'Sample tracking');
		weeklyUsage(accountId, [...growing(17, 26, 55), 36]);
		signal(accountId, 'usage.wau_drop', 2, 'Weekly active users down 35% week over week (36 vs 55)', { severity: 7, value: 36, baseline: 55, attributes: { changePct: -35 } });
	}

	// 10. Juniper Schools — champion departed.
	{
		const { accountId, orgId } = account({
			accountId: 'juniper', name: 'Juniper Schools', domain: 'juniper.example', arr: 58000, currency: 'EUR',
			renewalDate: date(130), contractStart: date(-600), csm: 'sara', ae: 'leo',
			onboarding: { kickoffAt: at(-595), goLiveAt: at(-560), firstValueAt: at(-530) },
			licensedSeats: 110, activeSeats: 83, lastContactAt: at(-9),
			contacts: [
				{ name: 'Rosa Martinez', title: 'Director of Digital Learning', seniority: 'director', isChampion: true, status: 'departed', lastEngagedAt: at(-40) },
				{ name: 'David Kim', title: 'Superintendent', seniority: 'c_level', isExecSponsor: true, lastEngagedAt: at(-100) },
				{ name: 'Tara Singh', title: 'IT Coordinator', seniority: 'individual', lastEngagedAt: at(-9) },
			],
		});
		baselineTickets(orgId, 'Gradebook sync');
		signal(accountId, 'exec.champion_departed', 5, 'Rosa Martinez (Director of Digital Learning, champion) left Juniper Schools', { severity: 8, system: 'hubspot' });
	}

	// 11. Kestrel Aviation — red, renewal > 90 days out → rescue mode.
	{
		const { accountId, orgId } = account({
			accountId: 'kestrel', name: 'Kestrel Aviation', domain: 'kestrel.example', arr: 110000, currency: 'EUR',
			renewalDate: date(170), contractStart: date(-560), csm: 'maya', ae: 'leo',
			onboarding: { kickoffAt: at(-555), goLiveAt: at(-520), firstValueAt: at(-490) },
			licensedSeats: 160, activeSeats: 52, lastContactAt: at(-25),
			contacts: [{ name: 'Oliver Grant', title: 'Maintenance Planning Manager', seniority: 'manager', isChampion: true, lastEngagedAt: at(-25) }],
		});
		baselineTickets(orgId, 'Work order', 2);
		ticket(orgId, 1, 'Maintenance schedule shows wrong aircraft hours', { priority: 'high', satisfaction_rating: { score: 'bad', comment: 'Third time this month' } });
		ticket(orgId, 3, 'Work orders not syncing to the hangar tablets', { priority: 'high' });
		ticket(orgId, 5, 'Slow search in parts catalogue', { priority: 'normal', satisfaction_rating: { score: 'bad' }, status: 'solved', resolution_minutes: 5200 });
		signal(accountId, 'usage.below_baseline', 4, 'Active users 45% below baseline for 6 weeks (52 vs 95)', { severity: 8, value: 52, baseline: 95, attributes: { changePct: -45 } });
		signal(accountId, 'meetings.sentiment_decline', 7, 'Sentiment declined across the last 3 calls with Oliver Grant ("we are evaluating options")', { severity: 7, system: 'gong' });
		signal(accountId, 'meetings.competitor_mention', 7, 'Competitor "SkyTrack" named twice in the last call', { severity: 6, system: 'gong' });
		signal(accountId, 'crm.single_threaded', 2, 'Only one contact engaged in 90 days (Oliver Grant)', { severity: 5, system: 'hubspot' });
		weeklyUsage(accountId, [...flat(9, 95), ...growing(9, 58, 46)]);
		const oliver: DemoCallParty = { name: 'Oliver Grant', email: 'oliver.grant@kestrel.example', title: 'Maintenance Planning Manager', affiliation: 'External' };
		call(accountId, 40, 'Kestrel Aviation planning review', [oliver], [['Maya Chen', 'How is the new planning view working?'], ['Oliver Grant', 'Things are going well, the team likes the new planning view.']]);
		call(accountId, 22, 'Kestrel Aviation planning review', [oliver], [['Maya Chen', 'Any update on the sync?'], ['Oliver Grant', 'The sync problems are a concern for the team.']]);
		call(accountId, 7, 'Kestrel Aviation planning review', [oliver], [['Maya Chen', 'Where do we stand?'], ['Oliver Grant', 'The team is angry and unhappy about the outages, and we are evaluating other vendors.']]);
	}

	// 12. Lumen Energy — red, renewal in 55 days, cancel intent → save team.
	{
		const { accountId, orgId } = account({
			accountId: 'lumen', name: 'Lumen Energy', domain: 'lumen.example', arr: 88000, currency: 'EUR',
			renewalDate: date(55), contractStart: date(-675), csm: 'tom', ae: 'leo',
			onboarding: { kickoffAt: at(-670), goLiveAt: at(-640), firstValueAt: at(-600) },
			licensedSeats: 140, activeSeats: 49, lastContactAt: at(-6),
			contacts: [
				{ name: 'Sophie Laurent', title: 'Head of Grid Analytics', seniority: 'director', isChampion: true, lastEngagedAt: at(-6) },
				{ name: 'Henrik Dahl', title: 'CFO', seniority: 'c_level', lastEngagedAt: at(-6) },
			],
		});
		baselineTickets(orgId, 'Meter data');
		signal(accountId, 'crm.cancel_intent', 6, 'Henrik Dahl (CFO) asked for the cancellation terms on the renewal call', { severity: 9, system: 'hubspot' });
		signal(accountId, 'meetings.budget_language', 6, 'Cost-justification questions in 2 of the last 3 calls ("what does this save us?")', { severity: 6, system: 'gong' });
		signal(accountId, 'usage.below_baseline', 10, 'Active users 50% below baseline for 5 weeks (49 vs 98)', { severity: 8, value: 49, baseline: 98, attributes: { changePct: -50 } });
		weeklyUsage(accountId, [...flat(13, 98), ...flat(5, 49)]);
		call(accountId, 6, 'Lumen Energy renewal call', [
			{ name: 'Henrik Dahl', email: 'henrik.dahl@lumen.example', title: 'CFO', affiliation: 'External' },
			{ name: 'Sophie Laurent', email: 'sophie.laurent@lumen.example', title: 'Head of Grid Analytics', affiliation: 'External' },
		], [['Maya Chen', 'Thanks for making time for the renewal.'], ['Henrik Dahl', 'We need to justify the cost before the renewal.'], ['Sophie Laurent', 'The board wants a business case for every tool this year.']]);
		signal(accountId, 'market.layoffs', 20, 'Lumen Energy announced a 12% workforce reduction', { severity: 6, system: 'news', source: { system: 'news', ref: 'lumen-layoffs', url: 'https://news.example.com/lumen-energy-restructuring' } });
	}

	// 13. Meridian Legal — not live by day 30.
	account({
		accountId: 'meridian', name: 'Meridian Legal', domain: 'meridian.example', arr: 26000, currency: 'EUR',
		renewalDate: date(330), contractStart: date(-35), csm: 'sara', ae: 'leo',
		onboarding: { kickoffAt: at(-32), agreedTimelineDays: 30 }, licensedSeats: 40, activeSeats: 6, lastContactAt: at(-11),
		contacts: [{ name: 'Alan Hughes', title: 'Practice Manager', seniority: 'manager', isChampion: true, lastEngagedAt: at(-11) }],
	});

	// 14. Nimbus Media — health dropped sharply this week.
	{
		const { accountId, orgId } = account({
			accountId: 'nimbus', name: 'Nimbus Media', domain: 'nimbus.example', arr: 47000, currency: 'EUR',
			renewalDate: date(200), contractStart: date(-530), csm: 'tom', ae: 'leo',
			onboarding: { kickoffAt: at(-525), goLiveAt: at(-490), firstValueAt: at(-470) },
			licensedSeats: 75, activeSeats: 50, lastContactAt: at(-14),
			healthHistory: [
				{ at: at(-30), score: 84 },
				{ at: at(-7), score: 82 },
			],
			contacts: [
				{ name: 'Zoe Carter', title: 'Head of Content Ops', seniority: 'director', isChampion: true, lastEngagedAt: at(-14) },
				{ name: 'Max Holm', title: 'Editor', seniority: 'individual', lastEngagedAt: at(-30) },
			],
		});
		baselineTickets(orgId, 'Publishing');
		ticket(orgId, 1, 'Publishing queue stuck', { priority: 'high', satisfaction_rating: { score: 'bad' } });
		ticket(orgId, 2, 'Images fail to upload', { priority: 'high' });
		ticket(orgId, 3, 'Scheduled posts went out twice', { priority: 'high' });
		signal(accountId, 'slack.negative_sentiment', 2, 'Shared channel sentiment turned negative this week (7 of 9 messages complaints)', { severity: 6, system: 'slack' });
		weeklyUsage(accountId, [...growing(17, 28, 58), 38]);
		slackChannels.push({
			id: 'C0NIMBUS01', name: 'nimbus-shared', accountId,
			messages: [
				{ at: at(-3, 10), user: 'U0ZOECARTER', userName: 'Zoe Carter', customer: true, text: 'The publishing queue is stuck again and nobody has answered us.' },
				{ at: at(-3, 11), user: 'U01MAYA', userName: 'Maya Chen', customer: false, text: 'Sorry Zoe, I am on it with support now.' },
				{ at: at(-2, 9), user: 'U0ZOECARTER', userName: 'Zoe Carter', customer: true, text: 'This is unacceptable, please escalate to your manager.' },
			],
		});
		signal(accountId, 'usage.wau_drop', 3, 'Weekly active users down 34% week over week (38 vs 58)', { severity: 6, value: 38, baseline: 58, attributes: { changePct: -34 } });
	}

	// 15. Orchid Pharma — single-threaded.
	{
		const { accountId, orgId } = account({
			accountId: 'orchid', name: 'Orchid Pharma', domain: 'orchid.example', arr: 150000, currency: 'EUR',
			renewalDate: date(260), contractStart: date(-470), csm: 'maya', ae: 'leo',
			onboarding: { kickoffAt: at(-465), goLiveAt: at(-430), firstValueAt: at(-400) },
			licensedSeats: 220, activeSeats: 180, lastContactAt: at(-5),
			contacts: [
				{ name: 'Irene Costa', title: 'Quality Assurance Manager', seniority: 'manager', isChampion: true, lastEngagedAt: at(-5) },
				{ name: 'Paolo Ricci', title: 'VP Manufacturing', seniority: 'vp', lastEngagedAt: at(-200) },
			],
		});
		baselineTickets(orgId, 'Batch record');
		signal(accountId, 'crm.single_threaded', 1, 'Only one contact engaged in 90 days (Irene Costa)', { severity: 5, system: 'hubspot' });
	}

	// 16. Pinnacle Foods — champion promoted.
	{
		const { accountId, orgId } = account({
			accountId: 'pinnacle', name: 'Pinnacle Foods', domain: 'pinnacle.example', arr: 67000, currency: 'EUR',
			renewalDate: date(280), contractStart: date(-450), csm: 'sara', ae: 'leo',
			onboarding: { kickoffAt: at(-445), goLiveAt: at(-410), firstValueAt: at(-380) },
			licensedSeats: 100, activeSeats: 84, lastContactAt: at(-7),
			contacts: [
				{ name: 'Noah Fischer', title: 'VP Supply Chain', seniority: 'vp', isChampion: true, lastEngagedAt: at(-7) },
				{ name: 'Emma Larsen', title: 'Planning Manager', seniority: 'manager', lastEngagedAt: at(-16) },
				{ name: 'Chris Young', title: 'COO', seniority: 'c_level', isExecSponsor: true, lastEngagedAt: at(-45) },
			],
		});
		baselineTickets(orgId, 'Forecast');
		signal(accountId, 'exec.champion_promoted', 10, 'Noah Fischer promoted from Director to VP Supply Chain', { severity: 6, polarity: 'opportunity', system: 'hubspot' });
	}

	// 17. Quarry Construction — adoption plateau 60+ days after onboarding.
	{
		const { accountId, orgId } = account({
			accountId: 'quarry', name: 'Quarry Construction', domain: 'quarry.example', arr: 36000, currency: 'EUR',
			renewalDate: date(220), contractStart: date(-240), csm: 'tom', ae: 'leo',
			onboarding: { kickoffAt: at(-236), goLiveAt: at(-200), firstValueAt: at(-170) },
			licensedSeats: 120, activeSeats: 46, lastContactAt: at(-19),
			contacts: [
				{ name: 'Gavin Moore', title: 'Project Controls Manager', seniority: 'manager', isChampion: true, lastEngagedAt: at(-19) },
				{ name: 'Julia Brandt', title: 'Operations Director', seniority: 'director', lastEngagedAt: at(-70) },
			],
		});
		baselineTickets(orgId, 'Site diary');
		weeklyUsage(accountId, flat(18, 46));
		signal(accountId, 'usage.adoption_plateau', 3, 'Weekly active users flat at 46 for 10 weeks, 38% of 120 licensed seats', { severity: 5, value: 46, attributes: { plateauWeeks: 10, changePct: 0 } });
	}

	// 18. Redwood Hotels — healthy, renewal at T-30.
	{
		const { accountId, orgId } = account({
			accountId: 'redwood', name: 'Redwood Hotels', domain: 'redwood.example', arr: 84000, currency: 'EUR',
			renewalDate: date(28), contractStart: date(-702), csm: 'maya', ae: 'leo',
			onboarding: { kickoffAt: at(-698), goLiveAt: at(-660), firstValueAt: at(-640) },
			licensedSeats: 130, activeSeats: 118, lastContactAt: at(-3),
			contacts: [
				{ name: 'Isabel Moreno', title: 'VP Guest Experience', seniority: 'vp', isChampion: true, lastEngagedAt: at(-3) },
				{ name: 'Tim Walsh', title: 'CEO', seniority: 'c_level', isExecSponsor: true, lastEngagedAt: at(-30) },
				{ name: 'Ana Costa', title: 'Front Office Manager', seniority: 'manager', lastEngagedAt: at(-8) },
			],
		});
		baselineTickets(orgId, 'Booking widget');
		call(accountId, 3, 'Redwood Hotels renewal check-in', [{ name: 'Isabel Moreno', email: 'isabel.moreno@redwood.example', title: 'VP Guest Experience', affiliation: 'External' }], [
			['Maya Chen', 'How is the season going?'],
			['Isabel Moreno', 'We are really happy with the results, the guest teams love it and it has been a great year.'],
		]);
		signal(accountId, 'meetings.champion_positive', 3, 'Isabel Moreno confirmed the renewal budget on the last call', { severity: 5, polarity: 'opportunity', system: 'gong' });
	}

	// 19. Summit Telecom — support friction: low CSAT, slow resolution, frustration.
	{
		const { accountId, orgId } = account({
			accountId: 'summit', name: 'Summit Telecom', domain: 'summit.example', arr: 125000, currency: 'EUR',
			renewalDate: date(180), contractStart: date(-550), csm: 'maya', ae: 'leo',
			onboarding: { kickoffAt: at(-545), goLiveAt: at(-510), firstValueAt: at(-480) },
			licensedSeats: 250, activeSeats: 190, lastContactAt: at(-9),
			contacts: [
				{ name: 'Robert Chan', title: 'Director of Network Operations', seniority: 'director', isChampion: true, lastEngagedAt: at(-9) },
				{ name: 'Fatima Zahra', title: 'NOC Manager', seniority: 'manager', lastEngagedAt: at(-9) },
			],
		});
		baselineTickets(orgId, 'Alert routing');
		ticket(orgId, 2, 'Alert routing drops pages at night again', { priority: 'high', satisfaction_rating: { score: 'bad', comment: 'Still broken, this is unacceptable' } });
		ticket(orgId, 3, 'Escalation policy ignores on-call overrides', { priority: 'high' });
		ticket(orgId, 4, 'Incident timeline missing events', { priority: 'normal' });
		ticket(orgId, 6, 'Status page not updating', { priority: 'high', status: 'solved', resolution_minutes: 6100, satisfaction_rating: { score: 'bad' } });
		const robert: DemoCallParty = { name: 'Robert Chan', email: 'robert.chan@summit.example', title: 'Director of Network Operations', affiliation: 'External' };
		call(accountId, 35, 'Summit Telecom ops review', [robert], [['Maya Chen', 'How are the alerts?'], ['Robert Chan', 'Good overall, the new routing rules help the night shift.']]);
		call(accountId, 20, 'Summit Telecom ops review', [robert], [['Maya Chen', 'How are the alerts?'], ['Robert Chan', 'We had problems again, the pages at night are a worry.']]);
		call(accountId, 5, 'Summit Telecom ops review', [robert], [['Maya Chen', 'How are the alerts?'], ['Robert Chan', 'This is bad, the alerts failed again and the team is angry and frustrated.']]);
		signal(accountId, 'meetings.sentiment_decline', 5, 'Sentiment declined across the last 3 calls with Robert Chan', { severity: 6, system: 'gong' });
	}

	// 20–30: the rest of a realistic book: steady accounts across segments and renewal stages.
	const steady: Array<[string, string, number, number, keyof typeof OWNERS]> = [
		['tidewater', 'Tidewater Utilities', 52000, 95, 'sara'],
		['umbra', 'Umbra Security', 18000, 62, 'tom'],
		['vertex', 'Vertex Robotics', 210000, 300, 'maya'],
		['willow', 'Willow Care', 9000, 250, 'tom'],
		['xenon', 'Xenon Chemicals', 31000, 145, 'sara'],
		['yellowstone', 'Yellowstone Outdoor', 7500, 33, 'tom'],
		['zephyr', 'Zephyr Travel', 14000, 175, 'sara'],
		['atlas', 'Atlas Manufacturing', 99000, 320, 'maya'],
		['beacon', 'Beacon Nonprofit', 4800, 205, 'tom'],
		['cascade', 'Cascade Water', 23000, 12, 'sara'],
		['delta', 'Delta Print', 11000, 270, 'tom'],
	];
	for (const [accountId, name, arr, renewalInDays, csm] of steady) {
		const seats = Math.max(10, Math.round(arr / 700));
		const { orgId } = account({
			accountId, name, domain: `${accountId}.example`, arr, currency: 'EUR',
			renewalDate: date(renewalInDays), contractStart: date(renewalInDays - 365 * 2), csm, ae: 'leo',
			onboarding: { kickoffAt: at(renewalInDays - 725), goLiveAt: at(renewalInDays - 690), firstValueAt: at(renewalInDays - 660) },
			licensedSeats: seats, activeSeats: Math.round(seats * 0.72), lastContactAt: at(-(5 + (arr % 17))),
			contacts: [
				{ name: `${name.split(' ')[0]} Champion`, title: 'Director of Operations', seniority: 'director', isChampion: true, lastEngagedAt: at(-(5 + (arr % 17))) },
				{ name: `${name.split(' ')[0]} Sponsor`, title: 'Chief Executive Officer', seniority: 'c_level', isExecSponsor: true, lastEngagedAt: at(-60) },
				{ name: `${name.split(' ')[0]} Admin`, title: 'Systems Administrator', seniority: 'individual', lastEngagedAt: at(-10) },
			],
		});
		baselineTickets(orgId, 'How-to');
		signal(accountId, 'usage.feature_adoption', 20 + (arr % 9), `${name} adopted scheduled reports in 2 teams`, { severity: 4, polarity: 'opportunity' });
	}

	return { asOf: asOf.toISO({ suppressMilliseconds: true })!, accounts, tickets, signals, sources: { usage, calls, mail, mailbox: DEMO_MAILBOX, slackChannels } };
}

function systemFor(category: string): string {
	switch (category) {
		case 'meetings':
			return 'gong';
		case 'email':
			return 'gmail';
		case 'slack':
			return 'slack';
		case 'crm':
		case 'exec':
			return 'hubspot';
		case 'market':
			return 'news';
		default:
			return 'warehouse';
	}
}

function polarityFor(type: string): SignalInput['polarity'] {
	return getSignalType(type).polarity;
}
