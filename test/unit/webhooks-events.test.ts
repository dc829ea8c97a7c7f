import { describeWebhookEvent, mapWebhookPayload, WEBHOOK_PROVIDERS, type WebhookEvent } from '../../engine/webhooks';

const kinds = (events: WebhookEvent[]) => events.map((event) => event.kind);

describe('Zendesk payloads', () => {
	const envelope = (type: string, detail: Record<string, unknown>, event?: Record<string, unknown>) => ({
		type: `zen:event-type:${type}`,
		account_id: 12345,
		id: 'cbe4028c-7239-495d-b020-f22348516046',
		time: '2025-01-08T10:12:07.672Z',
		zendesk_event_version: '2022-11-06',
		subject: `zen:ticket:${detail.id}`,
		detail,
		...(event ? { event } : {}),
	});

	it('reads a status change from the event envelope (upper case → lower case, organization as account key)', () => {
		const payload = envelope(
			'ticket.status_changed',
			{ id: '5158', status: 'SOLVED', priority: 'LOW', organization_id: '8447346622462', requester_id: '8447388090494', tags: ['vip'], updated_at: '2025-01-08T10:12:07Z' },
			{ current: 'SOLVED', previous: 'OPEN' },
		);
		expect(mapWebhookPayload('zendesk', payload)).toEqual([
			{
				provider: 'zendesk',
				kind: 'support.ticket',
				eventType: 'zen:event-type:ticket.status_changed',
				deliveryId: 'cbe4028c-7239-495d-b020-f22348516046',
				occurredAt: '2025-01-08T10:12:07.672Z',
				accountKey: { system: 'zendesk', type: 'organization', id: '8447346622462' },
				record: { system: 'zendesk', type: 'ticket', id: '5158' },
				fields: {
					ticketId: '5158',
					change: 'status_changed',
					status: 'solved',
					previousStatus: 'open',
					priority: 'low',
					organizationId: '8447346622462',
					requesterId: '8447388090494',
					tags: ['vip'],
					updatedAt: '2025-01-08T10:12:07Z',
				},
			},
		]);
	});

	it('keeps the comment of comment_added (for the language detector) and the tag changes of tags_changed', () => {
		const [comment] = mapWebhookPayload(
			'zendesk',
			envelope('ticket.comment_added', { id: '9' }, { comment: { id: '77', body: 'This is the third time the export broke', is_public: true, author: { id: '5', is_staff: false } } }),
		);
		expect(comment.kind === 'support.ticket' && comment.fields.comment).toEqual({ id: '77', body: 'This is the third time the export broke', public: true, authorId: '5', byAgent: false });
		const [tags] = mapWebhookPayload('zendesk', envelope('ticket.tags_changed', { id: '9' }, { tags_added: ['escalated'], tags_removed: [] }));
		expect(tags.kind === 'support.ticket' && [tags.fields.change, tags.fields.tagsAdded, tags.fields.tagsRemoved]).toEqual(['tags_changed', ['escalated'], []]);
		const [assigned] = mapWebhookPayload('zendesk', envelope('ticket.agent_assignment_changed', { id: '9' }));
		expect(assigned.kind === 'support.ticket' && assigned.fields.change).toBe('assignment_changed');
		const [other] = mapWebhookPayload('zendesk', envelope('ticket.brand_changed', { id: '9' }));
		expect(other.kind === 'support.ticket' && other.fields.change).toBe('updated');
	});

	it('acknowledges user and organization events as other', () => {
		const [event] = mapWebhookPayload('zendesk', { type: 'zen:event-type:user.created', detail: { id: '1' } });
		expect(event).toMatchObject({ kind: 'other', eventType: 'zen:event-type:user.created', fields: { reason: 'Zendesk event type "zen:event-type:user.created" is not classified (only ticket events are)' } });
	});

	it('reads trigger-template bodies: flat, wrapped in "ticket", with ticket_id, and satisfaction ratings', () => {
		const context = { deliveryId: 'inv-1', signedAt: '2024-06-03T10:00:00Z' };
		const [flat] = mapWebhookPayload(
			'zendesk',
			{ id: 208, title: 'Export broken', status: 'open', priority: 'urgent', organization_id: 44, tags: 'vip billing', latest_comment: { body: 'Still broken', public: true, author_id: 7881 } },
			context,
		);
		expect(flat).toEqual({
			provider: 'zendesk',
			kind: 'support.ticket',
			eventType: 'zendesk.trigger',
			deliveryId: 'inv-1',
			occurredAt: '2024-06-03T10:00:00Z',
			accountKey: { system: 'zendesk', type: 'organization', id: '44' },
			record: { system: 'zendesk', type: 'ticket', id: '208' },
			fields: {
				ticketId: '208',
				change: 'triggered',
				status: 'open',
				priority: 'urgent',
				subject: 'Export broken',
				organizationId: '44',
				tags: ['vip', 'billing'],
				comment: { body: 'Still broken', public: true, authorId: '7881' },
			},
		});
		const [wrapped] = mapWebhookPayload('zendesk', { ticket: { id: '208', status: 'pending', priority: '' } }, context);
		expect(wrapped).toMatchObject({ kind: 'support.ticket', fields: { ticketId: '208', status: 'pending', priority: null } });
		const [byTicketId] = mapWebhookPayload('zendesk', { ticket_id: '208', status: 'solved' }, context);
		expect(byTicketId).toMatchObject({ kind: 'support.ticket', fields: { ticketId: '208', status: 'solved' } });
		const [rating] = mapWebhookPayload('zendesk', { id: 35436, ticket_id: 208, score: 'bad', comment: 'Still waiting', created_at: '2024-06-03T10:00:00Z' }, context);
		expect(rating).toEqual({
			provider: 'zendesk',
			kind: 'support.satisfaction_rating',
			eventType: 'zendesk.trigger',
			deliveryId: 'inv-1',
			occurredAt: '2024-06-03T10:00:00Z',
			record: { system: 'zendesk', type: 'satisfaction_rating', id: '35436' },
			fields: { ticketId: '208', ratingId: '35436', score: 'bad', comment: 'Still waiting' },
		});
		expect(kinds(mapWebhookPayload('zendesk', { hello: 'world' }, context))).toEqual(['other']);
	});
});

describe('HubSpot payloads', () => {
	const event = (subscriptionType: string, extra: Record<string, unknown> = {}) => ({
		eventId: 11,
		subscriptionId: 2,
		portalId: 62515,
		appId: 54321,
		occurredAt: 1717408799000,
		subscriptionType,
		attemptNumber: 0,
		objectId: 987,
		changeSource: 'CRM',
		...extra,
	});

	it('classifies company, deal and contact events of one batch, the company as account key', () => {
		const events = mapWebhookPayload('hubspot', [
			event('company.propertyChange', { propertyName: 'hs_num_open_deals', propertyValue: '0' }),
			event('deal.propertyChange', { objectId: 555, propertyName: 'dealstage', propertyValue: 'closedlost' }),
			event('contact.creation', { objectId: 123 }),
			event('contact.associationChange', { objectId: undefined, fromObjectId: 123, toObjectId: 987, associationType: 'CONTACT_TO_COMPANY', associationRemoved: false }),
			event('conversation.newMessage'),
		]);
		expect(events.map(describeWebhookEvent)).toEqual([
			'crm.record property_changed — hubspot company 987 (company.propertyChange)',
			'crm.record property_changed — hubspot deal 555 (deal.propertyChange)',
			'crm.record created — hubspot contact 123 (contact.creation)',
			'crm.record association_changed — hubspot contact 123 (contact.associationChange)',
			'other (conversation.newMessage): HubSpot subscription type "conversation.newMessage" is not classified (contact, company, deal and ticket events are)',
		]);
		expect(events[0]).toMatchObject({ accountKey: { system: 'hubspot', type: 'company', id: '987' }, deliveryId: '62515:2:11:1717408799000' });
		expect(events[1]).toMatchObject({ fields: { objectType: 'deal', propertyName: 'dealstage', propertyValue: 'closedlost', portalId: '62515', attemptNumber: 0 } });
		expect(events[3]).toMatchObject({ fields: { association: { type: 'CONTACT_TO_COMPANY', fromObjectId: '123', toObjectId: '987', removed: false } } });
	});

	it('reads the generic object.propertyChange form by objectTypeId', () => {
		const [company] = mapWebhookPayload('hubspot', [event('object.propertyChange', { objectTypeId: '0-2', propertyName: 'name', propertyValue: 'Acme' })]);
		expect(company).toMatchObject({ kind: 'crm.record', fields: { objectType: 'company', change: 'property_changed' } });
	});
});

describe('Slack payloads', () => {
	const callback = (event: Record<string, unknown>) => ({ type: 'event_callback', team_id: 'T1', event_id: 'Ev9', event_time: 1717408800, event });

	it('classifies bot messages and thread broadcasts, not edits', () => {
		expect(kinds(mapWebhookPayload('slack', callback({ type: 'message', subtype: 'bot_message', bot_id: 'B1', channel: 'C1', ts: '1.2', text: 'x' })))).toEqual(['slack.message']);
		expect(kinds(mapWebhookPayload('slack', callback({ type: 'message', subtype: 'thread_broadcast', user: 'U1', channel: 'C1', ts: '1.3', thread_ts: '1.0', text: 'y' })))).toEqual([
			'slack.message',
		]);
		const [edit] = mapWebhookPayload('slack', callback({ type: 'message', subtype: 'message_changed', channel: 'C1', ts: '1.4' }));
		expect(edit).toMatchObject({ kind: 'other', eventType: 'message.message_changed', deliveryId: 'Ev9' });
		const [reaction] = mapWebhookPayload('slack', callback({ type: 'reaction_added', user: 'U1' }));
		expect(describeWebhookEvent(reaction)).toBe('other (reaction_added): Slack event type "reaction_added" is not classified (messages and member_joined_channel are)');
	});
});

describe('Intercom payloads', () => {
	const notification = (topic: string, item: Record<string, unknown>) => ({
		type: 'notification_event',
		app_id: 'abc123',
		id: 'notif_1a2b',
		topic,
		delivery_attempts: 1,
		created_at: 1717408799,
		data: { type: 'notification_event_data', item: { type: 'conversation', id: '471', ...item } },
	});

	it('reads a customer reply with its text, contacts and state', () => {
		const [reply] = mapWebhookPayload(
			'intercom',
			notification('conversation.user.replied', {
				state: 'open',
				contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: '6762f0f31bb69f9f2193bb8b' }] },
				conversation_parts: { conversation_parts: [{ body: '<p>first</p>' }, { body: '<p>We are thinking about cancelling</p>' }] },
				updated_at: 1717408799,
			}),
		);
		expect(reply).toEqual({
			provider: 'intercom',
			kind: 'support.conversation',
			eventType: 'conversation.user.replied',
			deliveryId: 'notif_1a2b',
			occurredAt: '2024-06-03T09:59:59Z',
			record: { system: 'intercom', type: 'conversation', id: '471' },
			fields: {
				conversationId: '471',
				change: 'replied',
				by: 'customer',
				state: 'open',
				contactIds: ['6762f0f31bb69f9f2193bb8b'],
				text: '<p>We are thinking about cancelling</p>',
				updatedAt: '2024-06-03T09:59:59Z',
			},
		});
	});

	it('reads closed-by-admin and ratings; acknowledges ping and contact topics as other', () => {
		const [closed] = mapWebhookPayload('intercom', notification('conversation.admin.closed', { state: 'closed' }));
		expect(closed).toMatchObject({ kind: 'support.conversation', fields: { change: 'closed', by: 'admin', state: 'closed' } });
		const [rated] = mapWebhookPayload('intercom', notification('conversation.rating.added', { conversation_rating: { rating: 2, remark: 'slow' } }));
		expect(rated).toMatchObject({ fields: { change: 'rated', rating: { rating: 2, remark: 'slow' } } });
		const [ping] = mapWebhookPayload('intercom', { type: 'notification_event', topic: 'ping', data: { item: { type: 'ping', message: 'hi' } } });
		expect(ping).toMatchObject({ kind: 'other', eventType: 'ping', fields: { reason: 'Intercom ping (sent when the webhook is registered)' } });
		const [contact] = mapWebhookPayload('intercom', { ...notification('contact.user.created', {}), data: { item: { type: 'contact', id: 'c1' } } });
		expect(contact).toMatchObject({ kind: 'other', fields: { reason: 'Intercom topic "contact.user.created" is not classified (conversation topics are)' } });
	});
});

describe('Segment payloads', () => {
	it('classifies identify and acknowledges page calls as other', () => {
		const [identify] = mapWebhookPayload('segment', { type: 'identify', userId: 'u_1', traits: { email: 'jo@acme.com', title: 'VP Finance' }, messageId: 'm-2', timestamp: '2024-06-03T10:00:00+02:00' });
		expect(identify).toEqual({
			provider: 'segment',
			kind: 'usage.identify',
			eventType: 'identify',
			deliveryId: 'm-2',
			occurredAt: '2024-06-03T08:00:00Z',
			record: { system: 'segment', type: 'user', id: 'u_1' },
			fields: { userId: 'u_1', traits: { email: 'jo@acme.com', title: 'VP Finance' } },
		});
		expect(kinds(mapWebhookPayload('segment', { type: 'page', userId: 'u_1', messageId: 'm-3' }))).toEqual(['other']);
	});
});

describe('any payload', () => {
	it.each(WEBHOOK_PROVIDERS)('%s: never throws, whatever arrives — unreadable payloads become "other"', (provider) => {
		for (const payload of [null, 42, 'text', [], [null, 7], { type: 5 }, { value: 'x' }, { type: 'event_callback', event: null }]) {
			const events = mapWebhookPayload(provider, payload);
			expect(events.every((event) => event.kind === 'other')).toBe(true);
		}
	});
});
