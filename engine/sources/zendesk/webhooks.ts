/**
 * Registering a Zendesk webhook for CS Signal Trigger (Zendesk Webhooks API + Triggers API): a webhook pointing at
 * the n8n URL, subscribed to `conditional_ticket_events` (the subscription a trigger-connected webhook needs), its
 * signing secret read back, and one ticket trigger — fired when a ticket is created or changed — that notifies the
 * webhook with a JSON body template rendering the ticket in the REST shape the support detectors read.
 * Only request shapes live here; the node sends them with n8n's authenticated request helper.
 */

/** The body Zendesk renders for every ticket create/change (placeholders are Zendesk's). */
export const ZENDESK_TRIGGER_BODY_TEMPLATE = {
	ticket: {
		id: '{{ticket.id}}',
		status: '{{ticket.status}}',
		priority: '{{ticket.priority}}',
		subject: '{{ticket.title}}',
		organization_id: '{{ticket.organization.id}}',
		requester_id: '{{ticket.requester.id}}',
		created_at: '{{ticket.created_at_with_timestamp}}',
		updated_at: '{{ticket.updated_at_with_timestamp}}',
		tags: '{{ticket.tags}}',
	},
};

export interface ZendeskWebhookRequest {
	method: 'GET' | 'POST' | 'DELETE';
	/** Path below the API base, e.g. `/api/v2/webhooks`. */
	path: string;
	body?: Record<string, unknown>;
}

/** A name Zendesk shows in Admin Center that says where it goes. */
function title(endpoint: string): string {
	return `CS Signal Trigger: ${new URL(endpoint).pathname}`;
}

export const zendeskWebhookRequests = {
	show: (webhookId: string): ZendeskWebhookRequest => ({ method: 'GET', path: `/api/v2/webhooks/${encodeURIComponent(webhookId)}` }),
	create: (endpoint: string): ZendeskWebhookRequest => ({
		method: 'POST',
		path: '/api/v2/webhooks',
		body: {
			webhook: {
				name: title(endpoint),
				endpoint,
				http_method: 'POST',
				request_format: 'json',
				status: 'active',
				subscriptions: ['conditional_ticket_events'],
			},
		},
	}),
	signingSecret: (webhookId: string): ZendeskWebhookRequest => ({ method: 'GET', path: `/api/v2/webhooks/${encodeURIComponent(webhookId)}/signing_secret` }),
	createTrigger: (endpoint: string, webhookId: string): ZendeskWebhookRequest => ({
		method: 'POST',
		path: '/api/v2/triggers',
		body: {
			trigger: {
				title: title(endpoint),
				conditions: {
					all: [],
					any: [
						{ field: 'update_type', operator: 'is', value: 'Create' },
						{ field: 'update_type', operator: 'is', value: 'Change' },
					],
				},
				actions: [{ field: 'notification_webhook', value: [webhookId, JSON.stringify(ZENDESK_TRIGGER_BODY_TEMPLATE)] }],
			},
		},
	}),
	deleteTrigger: (triggerId: string): ZendeskWebhookRequest => ({ method: 'DELETE', path: `/api/v2/triggers/${encodeURIComponent(triggerId)}` }),
	delete: (webhookId: string): ZendeskWebhookRequest => ({ method: 'DELETE', path: `/api/v2/webhooks/${encodeURIComponent(webhookId)}` }),
};

/** The id in a create answer (`{"webhook": {"id": …}}` / `{"trigger": {"id": …}}`), or why there is none. */
export function createdId(response: unknown, what: 'webhook' | 'trigger'): string {
	const record = (response as Record<string, { id?: unknown } | undefined> | null)?.[what];
	const id = record?.id;
	if (typeof id === 'string' || typeof id === 'number') return String(id);
	throw new Error(`Zendesk answered the ${what} creation without a ${what}.id`);
}

/** The signing secret in `{"signing_secret": {"secret": …}}`. */
export function signingSecretOf(response: unknown): string {
	const secret = (response as { signing_secret?: { secret?: unknown } } | null)?.signing_secret?.secret;
	if (typeof secret !== 'string' || secret === '') throw new Error('Zendesk answered GET /api/v2/webhooks/{id}/signing_secret without signing_secret.secret');
	return secret;
}
