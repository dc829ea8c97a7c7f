/**
 * Node forms are built from the engine's tables, never re-typed: every default, choice and output name the
 * editor shows is the engine's, and changing an engine default changes the form.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { DEFAULT_CALENDAR } from '../../engine/act/calendar';
import { BRIEF_FORMATS, BRIEF_ITEM_TYPES } from '../../engine/act/briefs';
import { REPORT_DEFAULTS } from '../../engine/act/report';
import { DEFAULT_RENEWAL_TIMELINE, RENEWAL_TIMELINE_IDS } from '../../engine/act/renewal';
import { DEFAULT_INTELLIGENCE_CONFIG, UNMATCHED_SIGNAL_POLICIES } from '../../engine/aggregate';
import { DECISION_OUTPUTS, DECISION_SWEEP_DEFAULTS, DEFAULT_FALLBACK_OWNER, PLAYBOOK_IDS, SHIPPED_PACK_NAMES } from '../../engine/decide';
import { CrmDetectionConfigSchema } from '../../engine/detect/crm/detectors';
import { DEFAULT_CRM_FIELD_MAP } from '../../engine/detect/crm/items';
import { DEFAULT_EXEC_FIELD_MAP, EXEC_FIELD_MAP_PRESETS, ExecDetectionConfigSchema } from '../../engine/detect/exec';
import { DEFAULT_ACCOUNT_NEWS_FIELDS, MARKET_STORY_DEFAULTS } from '../../engine/detect/market';
import { DEFAULT_SUPPORT_FIELD_MAP, DEFAULT_SUPPORT_SYSTEM, defaultSupportThresholds } from '../../engine/detect/support';
import { DEFAULT_LEDGER_FIELDS, LEDGER_OPERATIONS } from '../../engine/ledger';
import { NEWS_FEED_KINDS, SENIORITY_LEVELS } from '../../engine/model';
import { DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_RETRY_POLICY } from '../../engine/sources/http';
import { HubSpotContactHistoryMappingSchema, HubSpotMappingSchema } from '../../engine/sources/hubspot';
import {
	DEFAULT_EMAIL_WINDOW_DAYS,
	DEFAULT_GONG_WINDOW_DAYS,
	DEFAULT_INTERCOM_WINDOW_DAYS,
	DEFAULT_PENDO_DAYS_PER_REQUEST,
	DEFAULT_SIGNAL_EMIT_MODE,
	DEFAULT_SLACK_WINDOW_DAYS,
	DEFAULT_WEBHOOK_TICKET_WINDOW_DAYS,
	DEFAULT_ZENDESK_WINDOW_DAYS,
	MarketSweepSettingsSchema,
	SIGNAL_EMIT_MODES,
	WEBHOOK_TRIGGER_PROVIDERS,
} from '../../engine/sweeps';
import { DEFAULT_SNIPPET_CHARS, thresholdDefaults } from '../../engine/detect/language';
import { EMAIL_THRESHOLD_SPECS } from '../../engine/detect/email';
import { MEETING_THRESHOLD_SPECS } from '../../engine/detect/meetings';
import { DEFAULT_BUSINESS_HOURS, SLACK_THRESHOLD_SPECS } from '../../engine/detect/slack';
import { DEFAULT_EMAIL_FIELD_MAP } from '../../engine/sources/email';
import { DEFAULT_GONG_ACCOUNT_ID_FIELD, DEFAULT_GONG_CRM_OBJECT_TYPE } from '../../engine/sources/gong';
import { GMAIL_DEFAULT_BASE_URL } from '../../engine/sources/gmail';
import { DEFAULT_SLACK_FIELD_MAP, SLACK_DEFAULT_BASE_URL, SLACK_RATE_TIERS } from '../../engine/sources/slack';
import { DEFAULT_MEETING_FIELD_MAP } from '../../engine/sources/transcripts';
import { meetingFormTables, meetingSignalsProperties } from '../../nodes/CsMeetingSignals/description';
import { slackFormTables, slackSignalsProperties } from '../../nodes/CsSlackSignals/description';
import { accountIntelligenceProperties } from '../../nodes/CsAccountIntelligence/description';
import { crmFormTables, crmSignalsProperties } from '../../nodes/CsCrmSignals/description';
import { decisionOutputNames } from '../../nodes/CsDecisionTriggers/description';
import { execChangeSignalsProperties, execFormTables } from '../../nodes/CsExecChangeSignals/description';
import { marketFormTables, marketSignalsProperties } from '../../nodes/CsMarketSignals/description';
import { supportFormTables, supportSignalsProperties } from '../../nodes/CsSupportSignals/description';
import { DEFAULT_INTERCOM_ACCOUNT_KEY, DEFAULT_INTERCOM_PRIORITISED_AS, INTERCOM_ACCOUNT_KEYS, INTERCOM_PRIORITY_LEVELS } from '../../engine/sources/intercom';
import { DEFAULT_LOGIN_EVENTS, DEFAULT_USAGE_FIELD_MAP, DEFAULT_USAGE_LIMITS, defaultUsageThresholds, UNMAPPED_USAGE_ACCOUNT_POLICIES, USAGE_ROW_KINDS } from '../../engine/detect/usage';
import { MIXPANEL_MAPPING_DEFAULTS } from '../../engine/sources/mixpanel';
import { USAGE_MODES, usageFormTables, usageSignalsProperties } from '../../nodes/CsUsageSignals/description';
import { DEFAULT_WINDOW_MS } from '../../engine/webhooks';
import { packageNodeTypes, PACKAGE_NAME } from './harness';

const describe_ = (name: string): INodeTypeDescription => packageNodeTypes().getByNameAndVersion(`${PACKAGE_NAME}.${name}`).description;
const param = (properties: INodeProperties[], name: string): INodeProperties => {
	const found = properties.find((p) => p.name === name);
	if (!found) throw new Error(`no parameter "${name}"`);
	return found;
};
/** A collection's options as name → default. */
const defaultsOf = (properties: INodeProperties[], name: string) =>
	Object.fromEntries((param(properties, name).options as INodeProperties[]).map((o) => [o.name, o.default]));
const values = (properties: INodeProperties[], name: string) => (param(properties, name).options as Array<{ value: unknown }>).map((o) => o.value);

describe('every node form shows the engine\'s tables', () => {
	it('CS Signal Trigger: providers, replay window and ticket window', () => {
		const { properties, group, inputs, usableAsTool } = describe_('csSignalTrigger');
		expect(values(properties, 'provider')).toEqual(WEBHOOK_TRIGGER_PROVIDERS.map((p) => p.value));
		expect(values(properties, 'provider')).toEqual(['zendesk', 'hubspotV3', 'slack', 'intercom', 'segment', 'microsoftGraph', 'generic']);
		expect(param(properties, 'replayWindowMinutes').default).toBe(DEFAULT_WINDOW_MS / 60_000);
		expect(param(properties, 'replayWindowMinutes').default).toBe(5);
		expect(defaultsOf(properties, 'options')).toEqual({ ticketWindowDays: DEFAULT_WEBHOOK_TICKET_WINDOW_DAYS, slackTeamUserIds: '' });
		// a trigger: no inputs, and (n8n's lint rule trigger-node-conventions / node-usable-as-tool) not an AI tool
		expect([group, inputs, usableAsTool]).toEqual([['trigger'], [], undefined]);
	});

	it('CS Support Signals: field map, thresholds, Zendesk and Intercom windows, Intercom account key and priority, retries and source system', () => {
		const { properties } = describe_('csSupportSignals');
		expect(defaultsOf(properties, 'fieldMapping')).toEqual(DEFAULT_SUPPORT_FIELD_MAP);
		expect(defaultsOf(properties, 'thresholds')).toEqual(defaultSupportThresholds());
		expect(param(properties, 'zendeskWindowDays').default).toBe(DEFAULT_ZENDESK_WINDOW_DAYS);
		expect(param(properties, 'maxAttempts').default).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
		expect(param(properties, 'requestTimeoutSeconds').default).toBe(DEFAULT_REQUEST_TIMEOUT_MS / 1000);
		expect(param(properties, 'sourceSystem').default).toBe(DEFAULT_SUPPORT_SYSTEM);
		expect(param(properties, 'intercomWindowDays').default).toBe(DEFAULT_INTERCOM_WINDOW_DAYS);
		expect(values(properties, 'intercomAccountKey')).toEqual([...INTERCOM_ACCOUNT_KEYS]);
		expect(param(properties, 'intercomAccountKey').default).toBe(DEFAULT_INTERCOM_ACCOUNT_KEY);
		expect(values(properties, 'intercomPrioritisedAs')).toEqual([...INTERCOM_PRIORITY_LEVELS]);
		expect(param(properties, 'intercomPrioritisedAs').default).toBe(DEFAULT_INTERCOM_PRIORITISED_AS);
	});

	it('CS Meeting, Email and Slack Signals: field maps, thresholds, windows, Gong mapping, rate tiers, hours and snippet length', () => {
		const meetings = describe_('csMeetingSignals').properties;
		expect(defaultsOf(meetings, 'fieldMapping')).toEqual(DEFAULT_MEETING_FIELD_MAP);
		expect(defaultsOf(meetings, 'thresholds')).toEqual(thresholdDefaults(MEETING_THRESHOLD_SPECS));
		expect(defaultsOf(meetings, 'thresholds').execParticipationDropPct).toBe(60); // the seeds' "participation cut by 60%"
		expect(param(meetings, 'gongWindowDays').default).toBe(DEFAULT_GONG_WINDOW_DAYS);
		expect(param(meetings, 'gongCrmObjectType').default).toBe(DEFAULT_GONG_CRM_OBJECT_TYPE);
		expect(param(meetings, 'gongAccountIdField').default).toBe(DEFAULT_GONG_ACCOUNT_ID_FIELD);
		expect(param(meetings, 'maxAttempts').default).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
		expect(param(meetings, 'requestTimeoutSeconds').default).toBe(DEFAULT_REQUEST_TIMEOUT_MS / 1000);

		const email = describe_('csEmailSignals').properties;
		expect(defaultsOf(email, 'fieldMapping')).toEqual(DEFAULT_EMAIL_FIELD_MAP);
		expect(defaultsOf(email, 'thresholds')).toEqual(thresholdDefaults(EMAIL_THRESHOLD_SPECS));
		expect(param(email, 'windowDays').default).toBe(DEFAULT_EMAIL_WINDOW_DAYS);
		expect(defaultsOf(email, 'connection')).toEqual({ gmailBaseUrl: GMAIL_DEFAULT_BASE_URL, maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts, requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_MS / 1000 });

		const slack = describe_('csSlackSignals').properties;
		expect(defaultsOf(slack, 'fieldMapping')).toEqual(DEFAULT_SLACK_FIELD_MAP);
		expect(defaultsOf(slack, 'thresholds')).toEqual(thresholdDefaults(SLACK_THRESHOLD_SPECS));
		expect(param(slack, 'windowDays').default).toBe(DEFAULT_SLACK_WINDOW_DAYS);
		expect(values(slack, 'rateTier')).toEqual(Object.keys(SLACK_RATE_TIERS));
		expect((param(slack, 'rateTier').options as Array<{ name: string }>)[1].name).toBe(SLACK_RATE_TIERS.nonMarketplace.label);
		expect(defaultsOf(slack, 'businessHours')).toEqual({ startHour: DEFAULT_BUSINESS_HOURS.startHour, endHour: DEFAULT_BUSINESS_HOURS.endHour, holidays: '' });
		expect(defaultsOf(slack, 'connection')).toEqual({ baseUrl: SLACK_DEFAULT_BASE_URL, requestsPerMinute: SLACK_RATE_TIERS.tier3.requestsPerMinute, maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts, requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_MS / 1000 });

		for (const properties of [meetings, email, slack]) expect(defaultsOf(properties, 'language').snippetChars).toBe(DEFAULT_SNIPPET_CHARS);
	});

	it('CS Usage Signals: modes, field map, thresholds, limits, Mixpanel properties, login names, Pendo slices, retries', () => {
		const description = describe_('csUsageSignals');
		const { properties } = description;
		expect(values(properties, 'source')).toEqual([...USAGE_MODES]);
		expect(values(properties, 'rowKind')).toEqual([...USAGE_ROW_KINDS]);
		expect(values(properties, 'unmappedAccounts')).toEqual([...UNMAPPED_USAGE_ACCOUNT_POLICIES]);
		expect(defaultsOf(properties, 'fieldMapping')).toEqual(DEFAULT_USAGE_FIELD_MAP);
		expect(defaultsOf(properties, 'thresholds')).toEqual(defaultUsageThresholds());
		expect(Object.keys(defaultsOf(properties, 'thresholds'))).toHaveLength(32);
		expect(defaultsOf(properties, 'options')).toMatchObject({ ...DEFAULT_USAGE_LIMITS, loginEvents: DEFAULT_LOGIN_EVENTS.join(', '), pendoDaysPerRequest: DEFAULT_PENDO_DAYS_PER_REQUEST, maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts });
		for (const [key, value] of Object.entries(MIXPANEL_MAPPING_DEFAULTS)) expect([key, param(properties, key).default]).toEqual([key, value]);
		expect(description.inputNames).toEqual(['Usage', 'Accounts']);
		expect(description.outputNames).toEqual(['Signals', 'Run Summary']);
	});

	it('CS CRM Signals: every offered HubSpot mapping, row mapping and detection setting defaults to the engine\'s value', () => {
		const { properties } = describe_('csCrmSignals');
		const mapping = HubSpotMappingSchema.parse({}) as Record<string, unknown>;
		const detection = CrmDetectionConfigSchema.parse({}) as Record<string, unknown>;
		const asForm = (value: unknown, type: unknown) =>
			type === 'json' ? JSON.stringify(value ?? {}) : Array.isArray(value) ? value.join(',') : (value ?? '');
		for (const [collection, engine] of [['hubspotMapping', mapping], ['detection', detection]] as const) {
			const options = param(properties, collection).options as INodeProperties[];
			expect(options.length).toBeGreaterThan(5);
			for (const option of options) expect([option.name, option.default]).toEqual([option.name, asForm(engine[option.name], option.type)]);
		}
		const rows = defaultsOf(properties, 'fieldMapping');
		expect(Object.keys(rows).length).toBeGreaterThan(10);
		for (const [key, value] of Object.entries(rows)) expect([key, value]).toEqual([key, DEFAULT_CRM_FIELD_MAP[key as keyof typeof DEFAULT_CRM_FIELD_MAP]]);
		const arrFallback = (param(properties, 'hubspotMapping').options as INodeProperties[]).find((o) => o.name === 'arrFallback')!;
		expect((arrFallback.options as Array<{ value: string }>).map((o) => o.value)).toEqual(HubSpotMappingSchema.shape.arrFallback.removeDefault().options);
		expect(param(properties, 'maxAttempts').default).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
		expect(param(properties, 'requestTimeoutSeconds').default).toBe(DEFAULT_REQUEST_TIMEOUT_MS / 1000);
	});

	it('CS Account Intelligence: weights, windows, freshness, band scheme and the unmatched-signal policies', () => {
		const { properties } = describe_('csAccountIntelligence');
		const D = DEFAULT_INTELLIGENCE_CONFIG;
		expect(defaultsOf(properties, 'healthWeights')).toEqual(D.health.weights);
		expect(defaultsOf(properties, 'expansionWeights')).toEqual(D.expansion.weights);
		expect(defaultsOf(properties, 'freshness')).toEqual(D.health.freshnessDays);
		expect(defaultsOf(properties, 'windows')).toEqual({
			activeWeightFloor: D.risk.activeWeightFloor,
			topDrivers: D.risk.topDrivers,
			championDays: D.windows.championDays,
			licensedPotentialPct: D.windows.licensedPotentialPct,
			plateauDays: D.windows.plateauDays,
			stakeholderDays: D.windows.stakeholderDays,
			velocityDays: D.windows.velocityDays,
		});
		expect(param(properties, 'bandScheme').default).toBe(D.health.bandScheme);
		expect((param(properties, 'bandScheme').options as Array<{ name: string }>).map((o) => o.name)).toEqual([
			'Three Bands (Green ≥ 80, Yellow 40–79, Red < 40)',
			'Five Bands (Healthy ≥ 80, Stable 60–79, At-risk 40–59, Critical 20–39, Emergency < 20)',
		]);
		expect(values(properties, 'unmatchedSignals')).toEqual([...UNMATCHED_SIGNAL_POLICIES]);
		expect(param(properties, 'unmatchedSignals').default).toBe('error');
	});

	it('CS Decision Triggers: one output per DECISION_OUTPUTS entry, the shipped packs, the sweep defaults and the snooze playbooks', () => {
		const description = describe_('csDecisionTriggers');
		expect(description.outputNames).toEqual(['All Actions', 'Risk', 'Stakeholder', 'Expansion', 'Onboarding', 'Renewal', 'Health', 'Event', 'Owner Digests', 'No Trigger']);
		expect(description.outputs).toHaveLength(DECISION_OUTPUTS.length);
		const { properties } = description;
		expect(values(properties, 'packs')).toEqual([...SHIPPED_PACK_NAMES]);
		expect(param(properties, 'packs').default).toEqual([...SHIPPED_PACK_NAMES]);
		expect(param(properties, 'dailyAlertBudget').default).toBe(DECISION_SWEEP_DEFAULTS.dailyAlertBudget);
		expect(defaultsOf(properties, 'options')).toMatchObject({ includeOpen: DECISION_SWEEP_DEFAULTS.includeOpen, ownerDigests: DECISION_SWEEP_DEFAULTS.ownerDigests });
		const snooze = (param(properties, 'snoozes').options as Array<{ values: INodeProperties[] }>)[0].values.find((v) => v.name === 'playbook')!;
		expect((snooze.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual([...PLAYBOOK_IDS].sort());
		expect(param(properties, 'fallbackOwnerName').placeholder).toBe(DEFAULT_FALLBACK_OWNER.name);
	});

	it('one fallback-owner shape on every node that assigns work', () => {
		const shape = (name: string) =>
			describe_(name)
				.properties.filter((p) => p.name.startsWith('fallbackOwner'))
				.map((p) => [p.name, p.type, p.default]);
		const expected = [
			['fallbackOwnerName', 'string', ''],
			['fallbackOwnerEmail', 'string', ''],
			['fallbackOwnerSlackUserId', 'string', ''],
		];
		for (const node of ['csDecisionTriggers', 'csPlaybook', 'csRenewalLadder']) expect([node, shape(node)]).toEqual([node, expected]);
	});

	it('the small nodes: calendar, timelines, ledger fields and operations, brief types and formats, report title', () => {
		for (const node of ['csPlaybook', 'csRenewalLadder']) {
			const { properties } = describe_(node);
			expect([param(properties, 'dueHour').default, param(properties, 'weekend').default]).toEqual([DEFAULT_CALENDAR.dueHour, [...DEFAULT_CALENDAR.weekend]]);
		}
		const ladder = describe_('csRenewalLadder').properties;
		expect(values(ladder, 'timeline')).toEqual([...RENEWAL_TIMELINE_IDS]);
		expect(param(ladder, 'timeline').default).toBe(DEFAULT_RENEWAL_TIMELINE);
		const ledger = describe_('csDecisionLedger').properties;
		expect(defaultsOf(ledger, 'fields')).toEqual(DEFAULT_LEDGER_FIELDS);
		expect(values(ledger, 'operation')).toEqual([...LEDGER_OPERATIONS]);
		const brief = describe_('csAccountBrief').properties;
		expect([...values(brief, 'briefType')].sort()).toEqual([...BRIEF_ITEM_TYPES].sort());
		expect(values(brief, 'formats')).toEqual([...BRIEF_FORMATS]);
		expect(param(describe_('csPortfolioReport').properties, 'title').default).toBe(REPORT_DEFAULTS.title);
	});
});

describe('changing an engine default changes the form', () => {
	it('a taxonomy detection parameter: the meeting threshold follows it', () => {
		let meetings: Record<string, unknown> = {};
		jest.isolateModules(() => {
			const { getSignalType } = require('../../engine/taxonomy') as typeof import('../../engine/taxonomy');
			(getSignalType('meetings.exec_absence').detection as Record<string, number>).participationDropPct = 50;
			const { CsMeetingSignals } = require('../../nodes/CsMeetingSignals/CsMeetingSignals.node') as typeof import('../../nodes/CsMeetingSignals/CsMeetingSignals.node');
			meetings = defaultsOf(new CsMeetingSignals().description.properties, 'thresholds');
		});
		expect(meetings.execParticipationDropPct).toBe(50);
	});

	it('a taxonomy detection parameter: the Support threshold and the CRM detection default follow it', () => {
		// as shipped: the taxonomy's numbers
		expect(defaultsOf(describe_('csSupportSignals').properties, 'thresholds').volumeSpikeIncreasePct).toBe(40);
		expect(defaultsOf(describe_('csCrmSignals').properties, 'detection').discountDaysBeforeExpiry).toBe(120);
		let support: Record<string, unknown> = {};
		let crm: Record<string, unknown> = {};
		jest.isolateModules(() => {
			// a fresh copy of the engine in which the taxonomy says something else; the nodes load on top of it
			const { getSignalType } = require('../../engine/taxonomy') as typeof import('../../engine/taxonomy');
			(getSignalType('support.volume_spike').detection as Record<string, number>).increasePct = 55;
			(getSignalType('crm.discount_expiring').detection as Record<string, number>).daysBeforeExpiry = 90;
			const { CsSupportSignals } = require('../../nodes/CsSupportSignals/CsSupportSignals.node') as typeof import('../../nodes/CsSupportSignals/CsSupportSignals.node');
			const { CsCrmSignals } = require('../../nodes/CsCrmSignals/CsCrmSignals.node') as typeof import('../../nodes/CsCrmSignals/CsCrmSignals.node');
			support = defaultsOf(new CsSupportSignals().description.properties, 'thresholds');
			crm = defaultsOf(new CsCrmSignals().description.properties, 'detection');
		});
		expect(support.volumeSpikeIncreasePct).toBe(55);
		let usage: Record<string, unknown> = {};
		jest.isolateModules(() => {
			const { getSignalType } = require('../../engine/taxonomy') as typeof import('../../engine/taxonomy');
			(getSignalType('usage.wau_drop').detection as Record<string, number>).dropPct = 35;
			const { CsUsageSignals } = require('../../nodes/CsUsageSignals/CsUsageSignals.node') as typeof import('../../nodes/CsUsageSignals/CsUsageSignals.node');
			usage = defaultsOf(new CsUsageSignals().description.properties, 'thresholds');
		});
		expect(usage.wauDropPct).toBe(35);
		expect(crm.discountDaysBeforeExpiry).toBe(90);
	});

	it('a changed engine table builds a form with the changed defaults', () => {
		const support = supportSignalsProperties({ ...supportFormTables(), fieldMap: { ...DEFAULT_SUPPORT_FIELD_MAP, accountKey: 'company.id' }, zendeskWindowDays: 180 });
		expect(defaultsOf(support, 'fieldMapping').accountKey).toBe('company.id');
		expect(param(support, 'zendeskWindowDays').default).toBe(180);

		const tables = crmFormTables();
		const crm = crmSignalsProperties({ ...tables, hubspotMapping: { ...tables.hubspotMapping, arrProperty: 'annual_contract_value' }, detection: { ...tables.detection, paymentIssueValues: ['past_due', 'dunning'] } });
		expect(defaultsOf(crm, 'hubspotMapping').arrProperty).toBe('annual_contract_value');
		expect(defaultsOf(crm, 'detection').paymentIssueValues).toBe('past_due,dunning');

		const D = DEFAULT_INTELLIGENCE_CONFIG;
		const intelligence = accountIntelligenceProperties({
			...D,
			health: { ...D.health, weights: { ...D.health.weights, usage: 40, outcomes: 0 }, bands: { ...D.health.bands, three: [{ band: 'green', min: 75 }, { band: 'yellow', min: 45 }, { band: 'red', min: 0 }] } },
		});
		expect(defaultsOf(intelligence, 'healthWeights')).toMatchObject({ usage: 40, outcomes: 0 });
		expect((param(intelligence, 'bandScheme').options as Array<{ name: string }>)[0].name).toBe('Three Bands (Green ≥ 75, Yellow 45–74, Red < 45)');

		const meetings = meetingSignalsProperties({ ...meetingFormTables(), gongWindowDays: 365, crmObjectType: 'Opportunity' });
		expect([param(meetings, 'gongWindowDays').default, param(meetings, 'gongCrmObjectType').default]).toEqual([365, 'Opportunity']);
		const slack = slackSignalsProperties({ ...slackFormTables(), tiers: { ...SLACK_RATE_TIERS, tier3: { ...SLACK_RATE_TIERS.tier3, requestsPerMinute: 100 } } });
		expect(defaultsOf(slack, 'connection').requestsPerMinute).toBe(100);
		const usage = usageSignalsProperties({ ...usageFormTables(), thresholds: { ...defaultUsageThresholds(), wauDropPct: 25 }, mixpanel: { ...MIXPANEL_MAPPING_DEFAULTS, accountProperty: 'company_id' } });
		expect(defaultsOf(usage, 'thresholds').wauDropPct).toBe(25);
		expect(param(usage, 'accountProperty').default).toBe('company_id');

		expect(decisionOutputNames([...DECISION_OUTPUTS.slice(0, -2), 'adoption', 'ownerDigests', 'noTrigger'])).toEqual(['All Actions', 'Risk', 'Stakeholder', 'Expansion', 'Onboarding', 'Renewal', 'Health', 'Event', 'Adoption', 'Owner Digests', 'No Trigger']);
	});
});

describe('the exec-change and market forms show the engine\'s tables', () => {
	it('CS Executive Change Signals: HubSpot properties, row presets, field names, detection and seniority levels, emit mode, retries', () => {
		const { properties } = describe_('csExecChangeSignals');
		const mapping = HubSpotContactHistoryMappingSchema.parse({}) as Record<string, unknown>;
		const hubspot = defaultsOf(properties, 'hubspotMapping');
		expect(Object.keys(hubspot).length).toBeGreaterThan(6);
		for (const [key, value] of Object.entries(hubspot)) expect([key, value]).toEqual([key, mapping[key] ?? '']);
		expect(hubspot.championProperty).toBe(HubSpotMappingSchema.parse({}).championProperty);
		expect(values(properties, 'fieldMapPreset')).toEqual(Object.keys(EXEC_FIELD_MAP_PRESETS));
		const fields = param(properties, 'fieldMapping').options as INodeProperties[];
		expect(fields.length).toBeGreaterThan(20);
		for (const field of fields) expect([field.name, field.default, field.placeholder]).toEqual([field.name, '', DEFAULT_EXEC_FIELD_MAP[field.name as keyof typeof DEFAULT_EXEC_FIELD_MAP]]);
		expect(defaultsOf(properties, 'detection')).toEqual(ExecDetectionConfigSchema.parse({}));
		const level = (param(properties, 'detection').options as INodeProperties[]).find((o) => o.name === 'newExecutiveMinSeniority')!;
		expect((level.options as Array<{ value: string }>).map((o) => o.value)).toEqual([...SENIORITY_LEVELS]);
		expect([values(properties, 'emit'), param(properties, 'emit').default]).toEqual([[...SIGNAL_EMIT_MODES], DEFAULT_SIGNAL_EMIT_MODE]);
		expect(param(properties, 'maxAttempts').default).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
		expect(param(properties, 'requestTimeoutSeconds').default).toBe(DEFAULT_REQUEST_TIMEOUT_MS / 1000);
	});

	it('CS Market Signals: feed planning, feed kinds, account fields, story merging, emit mode, retries', () => {
		const { properties } = describe_('csMarketSignals');
		const settings = MarketSweepSettingsSchema.parse({});
		expect([param(properties, 'googleNewsForEveryAccount').default, param(properties, 'feedsFromAccounts').default]).toEqual([settings.googleNewsForEveryAccount, settings.feedsFromAccounts]);
		expect(defaultsOf(properties, 'feedOptions')).toEqual({
			edgarFormType: settings.edgarFormType,
			filingItemText: settings.filingItemText.join(','),
			googleNewsBaseUrl: '',
			googleNewsCountry: '',
			googleNewsDays: settings.googleNewsDays,
			googleNewsLanguage: settings.googleNewsLanguage,
			googleNewsMinIntervalMs: settings.googleNewsMinIntervalMs,
		});
		const feed = (param(properties, 'feeds').options as Array<{ values: INodeProperties[] }>)[0].values;
		expect((feed.find((v) => v.name === 'kind')!.options as Array<{ value: string }>).map((o) => o.value)).toEqual([...NEWS_FEED_KINDS]);
		expect(defaultsOf(properties, 'accountFields')).toEqual(DEFAULT_ACCOUNT_NEWS_FIELDS);
		expect(defaultsOf(properties, 'detection')).toMatchObject(MARKET_STORY_DEFAULTS);
		expect(param(properties, 'emit').default).toBe(DEFAULT_SIGNAL_EMIT_MODE);
		expect(param(properties, 'maxAttempts').default).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
		expect(param(properties, 'requestTimeoutSeconds').default).toBe(DEFAULT_REQUEST_TIMEOUT_MS / 1000);
	});

	it('a changed engine table builds a form with the changed defaults (exec and market)', () => {
		const exec = execFormTables();
		const execForm = execChangeSignalsProperties({ ...exec, hubspotMapping: { ...exec.hubspotMapping, titleProperty: 'job_title' }, detection: { ...exec.detection, newExecutiveMinSeniority: 'director' } });
		expect(defaultsOf(execForm, 'hubspotMapping').titleProperty).toBe('job_title');
		expect(defaultsOf(execForm, 'detection').newExecutiveMinSeniority).toBe('director');
		const market = marketFormTables();
		const marketForm = marketSignalsProperties({ ...market, settings: { ...market.settings, googleNewsDays: 7 }, story: { storyWindowHours: 48, titleSimilarity: 0.8 } });
		expect(defaultsOf(marketForm, 'feedOptions').googleNewsDays).toBe(7);
		expect(defaultsOf(marketForm, 'detection')).toMatchObject({ storyWindowHours: 48, titleSimilarity: 0.8 });
	});
});
