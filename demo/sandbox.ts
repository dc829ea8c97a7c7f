/**
 * The demo sandbox around a template: the credentials a newcomer would create (pointing at the fake
 * providers), the template with the parameters a team adapts (owner directory, warehouse URL), and the
 * decision table read back from the execution. Shared by `npm run demo`, `npm start` and the e2e tests.
 */
import type { ProviderData } from './provider-data';
import { DEMO_MIXPANEL_FEATURE_PROPERTY, DEMO_MIXPANEL_PROJECT_ID, DEMO_TOKENS, DEMO_ZENDESK_SUBDOMAIN } from './provider-data';

/** Credential ids and names the templates reference (placeholders a user re-selects after import). */
export const TEMPLATE_CREDENTIALS = {
	csHubSpotApi: { id: 'csDemoHubSpot01', name: 'HubSpot (CS Signal OS)' },
	csZendeskApi: { id: 'csDemoZendesk01', name: 'Zendesk (CS Signal OS)' },
	slackApi: { id: 'csDemoSlack0001', name: 'Slack bot (CS alerts)' },
	hubspotAppToken: { id: 'csDemoHubTasks1', name: 'HubSpot private app (tasks)' },
	smtp: { id: 'csDemoSmtp00001', name: 'SMTP (CS reports)' },
	csGongApi: { id: 'csDemoGong00001', name: 'Gong (CS Signal OS)' },
	googleCalendarOAuth2Api: { id: 'csDemoGCal00001', name: 'Google Calendar (meeting owner)' },
	csMixpanelApi: { id: 'csDemoMixpanel1', name: 'Mixpanel (CS Signal OS)' },
	gmailOAuth2: { id: 'csDemoGmail0001', name: 'Gmail (CSM mailbox)' },
} as const;

/** The demo's Gong host: Gong gives every customer its own (the fakes answer any *.api.gong.io). */
export const DEMO_GONG_BASE_URL = 'https://us-12345.api.gong.io';

/**
 * An OAuth2 connection as n8n stores it once connected, with a token that has not expired: n8n signs requests
 * with it and refreshes nothing (the fakes do not serve Google's token endpoint).
 */
export function demoOAuth2(accessToken: string, scope: string): Record<string, unknown> {
	return {
		clientId: 'demo-client-id.apps.googleusercontent.com',
		clientSecret: 'demo-client-secret',
		scope,
		oauthTokenData: { access_token: accessToken, token_type: 'Bearer', refresh_token: 'demo-refresh-token', expires_in: 3599, scope },
	};
}

export interface N8nCredentialFile {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/**
 * Demo credentials for `n8n import:credentials`, on the providers' real host names: the local n8n runs
 * with HTTPS_PROXY pointing at the fakes' routing proxy, which hands those names to the fakes.
 */
export function demoCredentials(options: { smtpPort?: number } = {}): N8nCredentialFile[] {
	const c = TEMPLATE_CREDENTIALS;
	// n8n's Send Email node connects to the SMTP host itself (no HTTP proxy): the demo relay is the SMTP fake on loopback.
	const smtp: N8nCredentialFile[] = options.smtpPort
		? [{ ...c.smtp, type: 'smtp', data: { host: '127.0.0.1', port: options.smtpPort, secure: false, disableStartTls: true, user: 'cs-reports', password: 'demo-smtp-password' } }]
		: [];
	return [
		...smtp,
		{ ...c.csHubSpotApi, type: 'csHubSpotApi', data: { accessToken: DEMO_TOKENS.hubspot, baseUrl: 'https://api.hubapi.com' } },
		{
			...c.csZendeskApi,
			type: 'csZendeskApi',
			data: { subdomain: DEMO_ZENDESK_SUBDOMAIN, baseUrl: '', authType: 'apiToken', email: 'cs-ops@example.com', apiToken: DEMO_TOKENS.zendesk },
		},
		{ ...c.slackApi, type: 'slackApi', data: { accessToken: DEMO_TOKENS.slack } },
		{ ...c.hubspotAppToken, type: 'hubspotAppToken', data: { appToken: DEMO_TOKENS.hubspot } },
		{ ...c.csGongApi, type: 'csGongApi', data: { baseUrl: DEMO_GONG_BASE_URL, accessKey: 'demo-gong-access-key', accessKeySecret: 'demo-gong-secret' } },
		{ ...c.googleCalendarOAuth2Api, type: 'googleCalendarOAuth2Api', data: demoOAuth2('ya29.demo-google-calendar-token', 'https://www.googleapis.com/auth/calendar.readonly') },
		{
			...c.csMixpanelApi,
			type: 'csMixpanelApi',
			data: { username: DEMO_TOKENS.mixpanel.split(':')[0], secret: DEMO_TOKENS.mixpanel.split(':')[1], projectId: DEMO_MIXPANEL_PROJECT_ID, region: 'us', projectTimezone: 'UTC', baseUrl: '' },
		},
		{ ...c.gmailOAuth2, type: 'gmailOAuth2', data: demoOAuth2(DEMO_TOKENS.gmail, 'https://www.googleapis.com/auth/gmail.readonly') },
	];
}

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	[key: string]: unknown;
}

interface Template {
	id: string;
	name: string;
	nodes: TemplateNode[];
	[key: string]: unknown;
}

export interface AdaptOptions {
	/** URL of the warehouse feed (the demo serves it inside the sandbox). */
	warehouseUrl: string;
	ownerDirectory: ProviderData['ownerDirectory'];
	/** Fixed as-of for every CS node (tests); default: now. */
	asOf?: string;
	/** Shared Slack channel → account rows for CS Slack Signals (ProviderData.slackChannelMapping). */
	slackChannels?: ProviderData['slackChannelMapping'];
}

/** The template with the parameters the README tells a team to adapt, set for the demo book. */
export function adaptTemplate<T extends object>(template: T, options: AdaptOptions): T {
	const copy = JSON.parse(JSON.stringify(template)) as Template;
	for (const node of copy.nodes) {
		if (node.type.endsWith('.csCrmSignals')) {
			const mapping = (node.parameters.hubspotMapping ?? {}) as Record<string, unknown>;
			node.parameters.hubspotMapping = { ...mapping, ownerDirectory: JSON.stringify(options.ownerDirectory, null, 2) };
		}
		if (node.name === 'Warehouse signals') node.parameters.url = options.warehouseUrl;
		if (node.type.endsWith('.csSlackSignals') && options.slackChannels) node.parameters.accountMapping = { rows: options.slackChannels };
		// the demo's Mixpanel events carry the feature used (Mixpanel Mapping → Feature Property, empty in the templates)
		if (node.type.endsWith('.csUsageSignals') && node.parameters.source === 'mixpanel') node.parameters.featureProperty = DEMO_MIXPANEL_FEATURE_PROPERTY;
		if (options.asOf) {
			if (/\.(csCrmSignals|csSupportSignals|csUsageSignals|csMeetingSignals|csEmailSignals|csSlackSignals|csAccountIntelligence|csRenewalLadder|csPortfolioReport)$/.test(node.type)) node.parameters.asOf = options.asOf;
			if (node.type.endsWith('.csDecisionTriggers')) node.parameters.options = { ...((node.parameters.options as object) ?? {}), asOf: options.asOf };
		}
	}
	return copy as unknown as T;
}

export interface ActionRow {
	account: string;
	health: string;
	risk: string;
	expansion: string;
	actions: string;
	owner: string;
	due: string;
}

// n8n's execution data (IRun) as parsed from `n8n execute`: untyped JSON, navigated by node name and output.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** Every item a node emitted, over all its runs and outputs (a node fed by several outputs runs once per feed). */
export function allItems(run: Json | undefined, nodeName: string): Json[] {
	const runs = run?.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((r: Json) => (r.data?.main ?? []).flatMap((output: Json[] | null) => (output ?? []).map((item) => item.json)));
}

/** The items of one output of a node, over all its runs. */
export function outputItems(run: Json | undefined, nodeName: string, outputIndex: number): Json[] {
	const runs = run?.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((r: Json) => (r.data?.main?.[outputIndex] ?? []).map((item: Json) => item.json));
}

/** The actions CS Decision Triggers emitted (its "All Actions" output, output 0), once each. */
export function emittedActions(run: Json | undefined, nodeName = 'CS Decision Triggers'): Json[] {
	return outputItems(run, nodeName, 0).filter((item) => item.actionId);
}

/** One row per account with actions, most at risk first; the accounts with nothing to do are counted. */
export function actionTable(run: Json | undefined): { rows: ActionRow[]; quiet: number; actions: number; firings: number } {
	const intelligence = allItems(run, 'CS Account Intelligence');
	const actions = emittedActions(run);
	const byAccount = new Map<string, Json[]>();
	for (const action of actions) byAccount.set(action.accountId, [...(byAccount.get(action.accountId) ?? []), action]);
	const rows: Array<ActionRow & { sort: number }> = [];
	for (const intel of intelligence) {
		const open = byAccount.get(intel.accountId);
		if (!open) continue;
		const urgent = open[0];
		rows.push({
			sort: -(intel.risk?.score ?? 0),
			account: intel.account?.name ?? intel.accountId,
			health: `${intel.health?.score ?? '–'} ${intel.health?.band ?? ''}`.trim(),
			risk: String(intel.risk?.score ?? '–'),
			expansion: intel.expansion ? `${intel.expansion.score} ${intel.expansion.band}` : '–',
			actions: open.map((a) => `${a.priority} ${a.playbook?.name ?? a.playbook?.id}${a.reasons?.length > 1 ? ` (${a.reasons.length} reasons)` : ''}`).join(', '),
			owner: urgent.ownerName ? `${urgent.ownerName} (${urgent.owner?.role ?? '?'})` : '–',
			due: urgent.dueAt ? String(urgent.dueAt).slice(0, 10) : '–',
		});
	}
	rows.sort((a, b) => a.sort - b.sort || a.account.localeCompare(b.account));
	const firings = actions.reduce((sum, a) => sum + (a.reasons?.length ?? 0), 0);
	return { rows: rows.map(({ sort: _sort, ...row }) => row), quiet: intelligence.length - rows.length, actions: actions.length, firings };
}

/** A plain aligned text table. */
export function formatTable(rows: Array<Record<string, string>>, columns: Array<[key: string, title: string]>): string {
	const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((row) => (row[key] ?? '').length)));
	const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
	return [line(columns.map(([, title]) => title)), line(widths.map((w) => '-'.repeat(w))), ...rows.map((row) => line(columns.map(([key]) => row[key] ?? '')))].join('\n');
}
