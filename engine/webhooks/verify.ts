/**
 * One entry point: a received request and the provider's verifier settings in, a verdict out — verified (with the
 * parsed payload, and a handshake to answer when it is one) or rejected with every reason in an admin's words.
 * Pure: no clock unless `now` is left out, no I/O, no state (replays beyond the window: see replay.ts).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { describeIssue, requireIsoDate } from '../model';
import type { WebhookRequest } from './request';
import type { WebhookProvider, WebhookVerification } from './result';
import { GenericHmacConfigSchema, genericScheme, type GenericHmacVerifierConfig } from './schemes/generic';
import { verifyGraph, type GraphVerifierConfig } from './schemes/graph';
import { hubspotScheme, type HubSpotVerifierConfig } from './schemes/hubspot';
import { intercomScheme, type IntercomVerifierConfig } from './schemes/intercom';
import { segmentScheme, type SegmentVerifierConfig } from './schemes/segment';
import { slackScheme, type SlackVerifierConfig } from './schemes/slack';
import { zendeskScheme, type ZendeskVerifierConfig } from './schemes/zendesk';
import { verifySigned } from './signed';

export type WebhookVerifierConfig =
	| ZendeskVerifierConfig
	| HubSpotVerifierConfig
	| SlackVerifierConfig
	| IntercomVerifierConfig
	| SegmentVerifierConfig
	| GraphVerifierConfig
	| GenericHmacVerifierConfig;

export interface VerifyWebhookOptions {
	/** The instant to judge timestamps against (default: the clock). An offset-less string is UTC. */
	now?: DateTime | Date | number | string;
	/** After a mismatch, try damaged forms of the body / URL to explain it (default true). */
	diagnose?: boolean;
}

/** Verifier settings that cannot work (unknown provider, generic scheme without a header, …). */
export class WebhookConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WebhookConfigError';
	}
}

const windowMs = z.number({ invalid_type_error: 'must be a number of milliseconds' }).positive('must be longer than 0').optional();
const secret = z.string({ required_error: 'is required', invalid_type_error: 'must be text' });
const ConfigSchema = z.union([
	z.object({ provider: z.literal('zendesk'), secret, windowMs }),
	z.object({ provider: z.literal('hubspot'), secret, windowMs, allowLegacySignatures: z.boolean().optional() }),
	z.object({ provider: z.literal('slack'), secret, windowMs }),
	z.object({ provider: z.literal('intercom'), secret }),
	z.object({ provider: z.literal('segment'), secret }),
	z.object({ provider: z.literal('graph'), secret }),
	GenericHmacConfigSchema,
]);

const PROVIDERS: readonly WebhookProvider[] = ['zendesk', 'hubspot', 'slack', 'intercom', 'segment', 'graph', 'generic'];

/** Checks verifier settings; throws WebhookConfigError naming the setting and how to fix it. */
export function validateVerifierConfig(config: unknown): WebhookVerifierConfig {
	const provider = (config as { provider?: unknown } | null)?.provider;
	if (typeof provider !== 'string' || !PROVIDERS.includes(provider as WebhookProvider)) {
		throw new WebhookConfigError(`webhook provider ${JSON.stringify(provider)} is not one of ${PROVIDERS.join(', ')}`);
	}
	const schema = provider === 'generic' ? GenericHmacConfigSchema : ConfigSchema;
	const parsed = schema.safeParse(config);
	if (!parsed.success) {
		throw new WebhookConfigError(`${provider} webhook settings: ${parsed.error.issues.map((issue) => describeIssue(issue, config)).join('; ')}`);
	}
	return parsed.data as WebhookVerifierConfig;
}

export function resolveNow(now: VerifyWebhookOptions['now']): DateTime {
	if (now === undefined) return DateTime.utc();
	if (DateTime.isDateTime(now)) return now;
	if (now instanceof Date) return DateTime.fromJSDate(now, { zone: 'utc' });
	if (typeof now === 'number') return DateTime.fromMillis(now, { zone: 'utc' });
	return requireIsoDate(now, 'now');
}

/** Verify one received request against one provider's settings. Throws only WebhookConfigError (bad settings). */
export function verifyWebhook(request: WebhookRequest, config: WebhookVerifierConfig, options: VerifyWebhookOptions = {}): WebhookVerification {
	const settings = validateVerifierConfig(config);
	const context = { now: resolveNow(options.now), diagnose: options.diagnose };
	switch (settings.provider) {
		case 'graph':
			return verifyGraph(settings, request);
		case 'hubspot': {
			const scheme = hubspotScheme(settings, request);
			return 'ok' in scheme ? scheme : verifySigned(scheme, request, context);
		}
		case 'zendesk':
			return verifySigned(zendeskScheme(settings), request, context);
		case 'slack':
			return verifySigned(slackScheme(settings), request, context);
		case 'intercom':
			return verifySigned(intercomScheme(settings), request, context);
		case 'segment':
			return verifySigned(segmentScheme(settings), request, context);
		case 'generic':
			return verifySigned(genericScheme(settings, (request.method ?? 'POST').toUpperCase(), request.url), request, context);
	}
}
