/**
 * Schemas that the published Zendesk OpenAPI fragments reference but do not define
 * (`incremental-openapi-original.yml` → TicketObject, `satisfaction-ratings-openapi-original.yml` →
 * SatisfactionRatingObject, the `metric_sets` sideload → TicketMetricObject).
 *
 * TicketObject is taken from the full Zendesk OAS (`zendesk-oas.yml` `Ticket`). The other two are
 * transcribed from Zendesk's API reference pages (fields listed in shared/reference/provider-apis.md
 * §1.1), in OpenAPI form, so the fakes are held to the documented field names and types.
 */
const integer = { type: 'integer', format: 'int64' };
const nullableInteger = { type: 'integer', format: 'int64', nullable: true };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: 'string', format: 'date-time', nullable: true };
const minutes = {
  type: 'object',
  properties: { calendar: { type: 'integer', nullable: true }, business: { type: 'integer', nullable: true } },
  required: ['calendar', 'business'],
};

export const SatisfactionRatingObject = {
  type: 'object',
  required: ['id', 'url', 'ticket_id', 'score', 'created_at', 'updated_at'],
  properties: {
    id: integer,
    url: { type: 'string', format: 'uri' },
    assignee_id: nullableInteger,
    group_id: nullableInteger,
    requester_id: integer,
    ticket_id: integer,
    score: { type: 'string', enum: ['offered', 'unoffered', 'good', 'bad'] },
    comment: { type: 'string', nullable: true },
    reason: { type: 'string', nullable: true },
    reason_code: { type: 'integer', nullable: true },
    reason_id: nullableInteger,
    created_at: dateTime,
    updated_at: dateTime,
  },
};

export const TicketMetricObject = {
  type: 'object',
  required: ['id', 'ticket_id', 'reopens', 'replies', 'created_at', 'updated_at'],
  properties: {
    id: integer,
    url: { type: 'string', format: 'uri' },
    ticket_id: integer,
    reopens: { type: 'integer' },
    replies: { type: 'integer' },
    group_stations: { type: 'integer' },
    assignee_stations: { type: 'integer' },
    reply_time_in_minutes: minutes,
    reply_time_in_seconds: { type: 'object', properties: { calendar: { type: 'integer', nullable: true } } },
    first_resolution_time_in_minutes: minutes,
    full_resolution_time_in_minutes: minutes,
    agent_wait_time_in_minutes: minutes,
    requester_wait_time_in_minutes: minutes,
    on_hold_time_in_minutes: minutes,
    assigned_at: nullableDateTime,
    initially_assigned_at: nullableDateTime,
    solved_at: nullableDateTime,
    latest_comment_added_at: nullableDateTime,
    status_updated_at: nullableDateTime,
    requester_updated_at: nullableDateTime,
    assignee_updated_at: nullableDateTime,
    created_at: dateTime,
    updated_at: dateTime,
  },
};

/**
 * Zendesk's ticket metric event (`ticket_metric_events[]` of the incremental export), which the published fragment
 * references but does not define; transcribed from Zendesk's Ticket Metric Events reference.
 */
export const TicketMetricEventBaseObject = {
  type: 'object',
  required: ['id', 'ticket_id', 'metric', 'instance_id', 'type', 'time'],
  properties: {
    id: integer,
    ticket_id: integer,
    metric: { type: 'string', enum: ['agent_work_time', 'pausable_update_time', 'periodic_update_time', 'reply_time', 'requester_wait_time', 'resolution_time'] },
    instance_id: integer,
    type: { type: 'string', enum: ['activate', 'pause', 'fulfill', 'apply_sla', 'apply_group_sla', 'breach', 'update_status', 'measure'] },
    time: dateTime,
    sla: { type: 'object', properties: { target: { type: 'integer' }, business_hours: { type: 'boolean' }, policy: { type: 'object', properties: { id: integer, title: { type: 'string' }, description: { type: 'string', nullable: true } } } } },
    status: { type: 'object', properties: { calendar: { type: 'integer' }, business: { type: 'integer' } } },
    deleted: { type: 'boolean' },
  },
};
