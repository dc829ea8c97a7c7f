import {
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type IHttpRequestMethods,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
} from 'n8n-workflow';
import { redactorFor } from '../../engine/sources/http';
import { createdId, signingSecretOf, zendeskBaseUrl, zendeskWebhookRequests, type ZendeskWebhookRequest } from '../../engine/sources/zendesk';
import { receiveWebhook, WEBHOOK_REPLAY_MEMORY_ENTRIES, type WebhookTriggerProvider } from '../../engine/sweeps';
import { DEFAULT_WINDOW_MS, describeWebhookEvent, InMemoryReplayGuard } from '../../engine/webhooks';
import { signalTriggerProperties } from './description';

/** Where the replay memory and the ticket window live in the node's static data. */
const RECEIVER_KEY = 'receiver';

/**
 * The replay memory of this n8n process, per workflow and node, besides the one in static data: n8n stores static
 * data only after answering a delivery, so a replay sent at once would find the stored memory without the original.
 * Per process (webhook() runs on n8n's main or webhook process): several webhook processes need the shared store.
 */
const PROCESS_GUARDS = new Map<string, InMemoryReplayGuard>();
function processGuard(workflowId: string | undefined, nodeName: string): InMemoryReplayGuard {
	const key = `${workflowId ?? ''}\u0000${nodeName}`;
	let guard = PROCESS_GUARDS.get(key);
	if (!guard) PROCESS_GUARDS.set(key, (guard = new InMemoryReplayGuard(WEBHOOK_REPLAY_MEMORY_ENTRIES)));
	return guard;
}

type ZendeskRegistration = 'automatic' | 'manual';

interface ZendeskHookData {
	webhookId?: string;
	triggerId?: string;
	webhookSecret?: string;
	endpoint?: string;
}

function zendeskRegistration(functions: IHookFunctions | IWebhookFunctions): ZendeskRegistration | undefined {
	if (functions.getNodeParameter('provider') !== 'zendesk') return undefined;
	return functions.getNodeParameter('zendeskRegistration', 'automatic') as ZendeskRegistration;
}

/** One Zendesk API call; with `notFoundIsUndefined`, a 404 (gone in Zendesk already) answers undefined. */
async function zendeskCall(functions: IHookFunctions, request: ZendeskWebhookRequest, notFoundIsUndefined = false): Promise<unknown> {
	const credentials = await functions.getCredentials('csZendeskApi');
	const secrets = [credentials.apiToken, credentials.accessToken].filter((value): value is string => typeof value === 'string' && value !== '');
	try {
		return await functions.helpers.httpRequestWithAuthentication.call(functions, 'csZendeskApi', {
			method: request.method as IHttpRequestMethods,
			url: `${zendeskBaseUrl(credentials)}${request.path}`,
			...(request.body ? { body: request.body } : {}),
			json: true,
		});
	} catch (error) {
		const redactor = redactorFor(secrets);
		const status = (error as { httpCode?: string; statusCode?: number }).statusCode ?? (error as { httpCode?: string }).httpCode;
		if (notFoundIsUndefined && String(status) === '404') return undefined;
		throw new NodeApiError(functions.getNode(), { message: redactor.text((error as Error).message) } as JsonObject, {
			message: `Zendesk ${request.method} ${request.path} failed${status ? ` (HTTP ${status})` : ''}: the webhook could not be registered — check the CS Signal OS: Zendesk API credential (an admin's API token)`,
			...(status ? { httpCode: String(status) } : {}),
		});
	}
}

export class CsSignalTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'CS Signal Trigger',
		name: 'csSignalTrigger',
		icon: { light: 'file:csSignalTrigger.svg', dark: 'file:csSignalTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Signals from " + ({"zendesk": "Zendesk", "hubspotV3": "HubSpot", "slack": "Slack", "intercom": "Intercom", "segment": "Segment", "microsoftGraph": "Microsoft Graph", "generic": "any signed webhook"}[$parameter["provider"]] ?? $parameter["provider"])}}',
		description: 'Signed provider webhooks (Zendesk, HubSpot, Slack, Intercom, Segment, Graph) into customer signals in real time',
		defaults: { name: 'CS Signal Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Signals', 'Other Events'],
		credentials: [
			{ name: 'csZendeskApi', required: true, displayOptions: { show: { provider: ['zendesk'], zendeskRegistration: ['automatic'] } } },
			// every other provider, and Zendesk with a webhook registered by hand (zendeskRegistration is absent for them)
			{ name: 'csWebhookSecretApi', required: true, testedBy: 'csWebhookSecretApiTest', displayOptions: { hide: { zendeskRegistration: ['automatic'] } } },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: signalTriggerProperties(),
	};

	methods = {
		credentialTest: {
			/** A webhook secret is only used to verify what arrives: the test checks that one is set. */
			async csWebhookSecretApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
				const secret = credential.data?.secret;
				if (typeof secret !== 'string' || secret.trim() === '') return { status: 'Error', message: 'Secret is empty: paste the provider\'s webhook secret (see the template README, "Which secret goes where")' };
				return { status: 'OK', message: 'A secret is set. Whether it is the right one shows on the first delivery: a wrong one gets 401, and n8n\'s log says why' };
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (zendeskRegistration(this) !== 'automatic') return true;
				const data = this.getWorkflowStaticData('node') as ZendeskHookData;
				const endpoint = this.getNodeWebhookUrl('default');
				if (!data.webhookId || !data.triggerId || !data.webhookSecret || data.endpoint !== endpoint) return false;
				const found = (await zendeskCall(this, zendeskWebhookRequests.show(data.webhookId), true)) as { webhook?: { endpoint?: unknown } } | undefined;
				return found?.webhook?.endpoint === endpoint;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (zendeskRegistration(this) !== 'automatic') return true;
				const data = this.getWorkflowStaticData('node') as ZendeskHookData;
				const endpoint = this.getNodeWebhookUrl('default');
				if (!endpoint) throw new NodeOperationError(this.getNode(), 'n8n gave no webhook URL for CS Signal Trigger: set WEBHOOK_URL to the address Zendesk can reach');
				const webhookId = createdId(await zendeskCall(this, zendeskWebhookRequests.create(endpoint)), 'webhook');
				data.webhookId = webhookId;
				data.endpoint = endpoint;
				data.webhookSecret = signingSecretOf(await zendeskCall(this, zendeskWebhookRequests.signingSecret(webhookId)));
				data.triggerId = createdId(await zendeskCall(this, zendeskWebhookRequests.createTrigger(endpoint, webhookId)), 'trigger');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (zendeskRegistration(this) !== 'automatic') return true;
				const data = this.getWorkflowStaticData('node') as ZendeskHookData;
				if (!data.webhookId && !data.triggerId) this.logger.warn('CS Signal Trigger: no Zendesk webhook or trigger is recorded for this node, so none was removed in Zendesk');
				try {
					for (const request of [data.triggerId && zendeskWebhookRequests.deleteTrigger(data.triggerId), data.webhookId && zendeskWebhookRequests.delete(data.webhookId)]) {
						// already gone in Zendesk (404): nothing to delete
						if (request) await zendeskCall(this, request, true);
					}
				} finally {
					delete data.webhookId;
					delete data.triggerId;
					delete data.webhookSecret;
					delete data.endpoint;
				}
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		const provider = this.getNodeParameter('provider') as WebhookTriggerProvider;
		const staticData = this.getWorkflowStaticData('node');
		const secret =
			zendeskRegistration(this) === 'automatic'
				? ((staticData as ZendeskHookData).webhookSecret ?? '')
				: String((await this.getCredentials('csWebhookSecretApi')).secret ?? '');
		const redactor = redactorFor(secret ? [secret] : []);
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const query = request.originalUrl?.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
		const signedUrl = (this.getNodeParameter('signedUrl', '') as string) || `${this.getNodeWebhookUrl('default') ?? ''}${query}`;
		const channels = (this.getNodeParameter('slackChannelAccounts', {}) as { channel?: Array<{ channelId: string; accountKey: string }> }).channel ?? [];

		let receipt;
		try {
			receipt = await receiveWebhook({
				request: { method: request.method, url: signedUrl, query: request.query as Record<string, string>, headers: request.headers, rawBody: request.rawBody },
				provider,
				secret,
				windowMs: ((this.getNodeParameter('replayWindowMinutes', DEFAULT_WINDOW_MS / 60_000) as number) || DEFAULT_WINDOW_MS / 60_000) * 60_000,
				allowLegacyHubSpotSignatures: this.getNodeParameter('allowLegacySignatures', false) as boolean,
				generic:
					provider === 'generic'
						? {
								name: (this.getNodeParameter('genericName', '') as string) || undefined,
								signatureHeader: this.getNodeParameter('genericSignatureHeader', '') as string,
								algorithm: this.getNodeParameter('genericAlgorithm', 'sha256') as 'sha256',
								encoding: this.getNodeParameter('genericEncoding', 'hex') as 'hex',
								prefix: (this.getNodeParameter('genericPrefix', '') as string) || undefined,
								timestampHeader: (this.getNodeParameter('genericTimestampHeader', '') as string) || undefined,
								signedContent: (this.getNodeParameter('genericSignedContent', '') as string) || undefined,
							}
						: undefined,
				previous: staticData[RECEIVER_KEY],
				processGuard: processGuard(this.getWorkflow().id, this.getNode().name),
				timezone: this.getTimezone(),
				ticketWindowDays: options.ticketWindowDays as number | undefined,
				slackChannelAccounts: Object.fromEntries(channels.filter((c) => c.channelId && c.accountKey).map((c) => [c.channelId.trim(), c.accountKey.trim()])),
				slackTeamUserIds: String(options.slackTeamUserIds ?? '')
					.split(',')
					.map((id) => id.trim())
					.filter((id) => id !== ''),
			});
		} catch (error) {
			// settings that cannot work (a generic scheme without a header, …): the provider gets 500, the log says why
			this.logger.error(`CS Signal Trigger: ${redactor.text((error as Error).message)}`);
			response.status(500).send('CS Signal Trigger is misconfigured').end();
			return { noWebhookResponse: true };
		}

		if (receipt.outcome === 'rejected') {
			this.logger.warn(`CS Signal Trigger refused a ${provider} delivery (HTTP ${receipt.status}): ${redactor.text(receipt.message)}`);
			response.status(receipt.status).send(receipt.status === 401 ? 'Unauthorized' : 'Bad Request').end();
			return { noWebhookResponse: true };
		}
		if (receipt.outcome === 'handshake') {
			response.status(receipt.respond.status).setHeader('Content-Type', `${receipt.respond.contentType}; charset=utf-8`);
			response.send(receipt.respond.body).end();
			return { noWebhookResponse: true };
		}

		staticData[RECEIVER_KEY] = receipt.state as unknown as IDataObject;
		const signals: INodeExecutionData[] = receipt.signals.map((signal) => ({ json: signal as unknown as IDataObject }));
		const others: INodeExecutionData[] = [
			...receipt.undetected.map(({ event, reason }) => ({
				json: redactor.deep({
					provider: event.provider,
					kind: event.kind,
					eventType: event.eventType,
					summary: describeWebhookEvent(event),
					reason,
					...(event.deliveryId ? { deliveryId: event.deliveryId } : {}),
					...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
					...(event.accountKey ? { accountKey: event.accountKey } : {}),
					...(event.record ? { record: event.record } : {}),
					// an unclassified payload is passed on as received; a classified event's text fields are not kept
					...(event.kind === 'other' ? { payload: event.fields.payload } : {}),
				}) as IDataObject,
			})),
			...receipt.unusable.map((problem) => ({ json: { provider, kind: 'unusable', error: redactor.text(problem.message) } as IDataObject })),
		];
		return { workflowData: [signals, others] };
	}
}
