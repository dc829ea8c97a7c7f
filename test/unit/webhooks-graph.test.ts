import { verifyWebhook, webhookEvents } from '../../engine/webhooks';

const CLIENT_STATE = 'cs-graph-client-state-7Q';
const notification = (overrides: Record<string, unknown> = {}) => ({
	subscriptionId: 'sub-1',
	changeType: 'created',
	resource: 'Users/u-1/Messages/AAMkAD1',
	resourceData: { '@odata.type': '#Microsoft.Graph.Message', '@odata.id': 'Users/u-1/Messages/AAMkAD1', id: 'AAMkAD1' },
	clientState: CLIENT_STATE,
	tenantId: 't-1',
	...overrides,
});
const body = (...value: unknown[]) => JSON.stringify({ value });

describe('Microsoft Graph change notifications', () => {
	it('answers the validationToken handshake with the token as text/plain, processing nothing', () => {
		const result = verifyWebhook(
			{ url: 'https://hooks.example.test/graph?validationToken=Validation%3A%20Testing%20client%20application', headers: {}, rawBody: '' },
			{ provider: 'graph', secret: CLIENT_STATE },
		);
		if (!result.ok) throw new Error(result.message);
		expect(result.handshake).toEqual({ kind: 'graph_validation', respond: { status: 200, contentType: 'text/plain', body: 'Validation: Testing client application' } });
		expect(result.notes).toEqual(['subscription validation: answer 200 with the token as text/plain within 10 seconds']);
		expect(webhookEvents(result)).toEqual([{ provider: 'graph', kind: 'handshake', eventType: 'validationToken', fields: { respond: result.handshake?.respond } }]);
	});

	it('reads the validationToken from a parsed query too (n8n gives req.query)', () => {
		const result = verifyWebhook({ query: { validationToken: 'tok' }, headers: {}, rawBody: undefined }, { provider: 'graph', secret: CLIENT_STATE });
		expect(result.ok && result.handshake?.respond.body).toBe('tok');
	});

	it('accepts notifications whose clientState matches and classifies the message', () => {
		const result = verifyWebhook({ headers: {}, rawBody: body(notification()) }, { provider: 'graph', secret: CLIENT_STATE });
		if (!result.ok) throw new Error(result.message);
		expect(result.replayProtection).toBe('none');
		expect(webhookEvents(result)).toEqual([
			{
				provider: 'graph',
				kind: 'email.message',
				eventType: '#microsoft.graph.message.created',
				deliveryId: 'sub-1:created:AAMkAD1',
				record: { system: 'graph', type: 'message', id: 'AAMkAD1' },
				fields: { change: 'created', subscriptionId: 'sub-1', resource: 'Users/u-1/Messages/AAMkAD1', messageId: 'AAMkAD1', tenantId: 't-1' },
			},
		]);
	});

	it('refuses notifications with a wrong or missing clientState one by one, keeping the good ones', () => {
		const result = verifyWebhook(
			{ headers: {}, rawBody: body(notification(), notification({ subscriptionId: 'sub-2', clientState: 'guess' }), notification({ subscriptionId: 'sub-3', clientState: undefined })) },
			{ provider: 'graph', secret: CLIENT_STATE },
		);
		if (!result.ok) throw new Error(result.message);
		expect(result.rejectedNotifications).toEqual([
			{ index: 1, reason: 'client_state_mismatch', message: 'notification 2 (subscription sub-2): clientState does not match the configured one' },
			{ index: 2, reason: 'client_state_mismatch', message: 'notification 3 (subscription sub-3) has no clientState (was the subscription created without one?)' },
		]);
		expect(result.notes).toEqual(['2 of 3 notifications refused (wrong or missing clientState)']);
		expect(webhookEvents(result).map((event) => event.kind === 'email.message' && event.fields.subscriptionId)).toEqual(['sub-1']);
	});

	it('rejects the request (401) when no notification has the right clientState', () => {
		const result = verifyWebhook({ headers: {}, rawBody: body(notification({ clientState: `${CLIENT_STATE}x` })) }, { provider: 'graph', secret: CLIENT_STATE });
		expect(!result.ok && [result.status, result.reason, result.message]).toEqual([401, 'client_state_mismatch', 'notification 1 (subscription sub-1): clientState does not match the configured one']);
	});

	it('rejects a body that is not a notification collection with 400', () => {
		const result = verifyWebhook({ headers: {}, rawBody: '{"hello":"world"}' }, { provider: 'graph', secret: CLIENT_STATE });
		expect(!result.ok && [result.status, result.reason]).toEqual([400, 'malformed_body']);
	});

	it('refuses notifications while no clientState is configured', () => {
		const result = verifyWebhook({ headers: {}, rawBody: body(notification()) }, { provider: 'graph', secret: '' });
		expect(!result.ok && result.reason).toBe('no_secret');
	});

	it('surfaces lifecycle notifications so the subscription can be renewed', () => {
		const result = verifyWebhook(
			{ headers: {}, rawBody: body({ subscriptionId: 'sub-1', lifecycleEvent: 'reauthorizationRequired', resource: 'Users/u-1/Messages', clientState: CLIENT_STATE }) },
			{ provider: 'graph', secret: CLIENT_STATE },
		);
		if (!result.ok) throw new Error(result.message);
		expect(webhookEvents(result)).toEqual([
			{
				provider: 'graph',
				kind: 'subscription.lifecycle',
				eventType: 'reauthorizationRequired',
				fields: { lifecycleEvent: 'reauthorizationRequired', subscriptionId: 'sub-1', resource: 'Users/u-1/Messages' },
			},
		]);
	});
});
