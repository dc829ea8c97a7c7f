'use strict';
/**
 * The Zendesk fake's comment and SLA endpoints, in the shapes of Zendesk's documents: ticket comments
 * (`GET /api/v2/tickets/{id}/comments.json`, offset pages with `page` / `per_page` and `next_page`, `sort_order`) and
 * ticket metric events (`GET /api/v2/incremental/ticket_metric_events.json?start_time=`, a time-based export:
 * `ticket_metric_events`, `count`, `end_time`, `next_page` until a page comes back empty).
 *
 * Dataset (under "zendesk"):
 *   "comments": { "35436": [{ "id": 1, "author_id": 20978392, "body": "…", "created_at": "…", "public": true }] },
 *   "ticketMetricEvents": [{ "id": 1, "ticket_id": 35436, "metric": "reply_time", "instance_id": 1, "type": "apply_sla",
 *                            "time": "…", "sla": { "target": 480, "business_hours": false, "policy": { "id": 1, "title": "Enterprise" } } }],
 *   "metricEventsPageSize": 2
 */

function invalid(description) {
  return { status: 400, json: { error: 'InvalidValue', description } };
}

function comments(state, req, ticketId, base) {
  const ticket = state.zendesk.tickets.find((t) => t.id === Number(ticketId));
  if (!ticket) return { status: 404, json: { error: 'RecordNotFound', description: 'Not found' } };
  const all = (state.zendesk.comments?.[ticketId] ?? []).map((c, i) => ({
    id: c.id ?? Number(ticketId) * 100 + i,
    type: 'Comment',
    body: c.body ?? '',
    html_body: `<div class="zd-comment"><p>${c.body ?? ''}</p></div>`,
    plain_body: c.body ?? '',
    public: c.public ?? true,
    author_id: c.author_id ?? ticket.requester_id,
    attachments: [],
    via: { channel: 'web' },
    created_at: c.created_at ?? ticket.created_at,
  }));
  if (req.query.sort_order === 'desc') all.reverse();
  const perPage = Math.min(Number(req.query.per_page ?? state.zendesk.commentsPageSize ?? 100), 100);
  const page = Number(req.query.page ?? 1);
  if (!Number.isInteger(page) || page < 1) return invalid(`page "${req.query.page}" must be a positive integer`);
  const slice = all.slice((page - 1) * perPage, page * perPage);
  const more = page * perPage < all.length;
  const url = (n) => `${base}/tickets/${ticketId}/comments.json?page=${n}&per_page=${perPage}`;
  return { status: 200, json: { comments: slice, next_page: more ? url(page + 1) : null, previous_page: page > 1 ? url(page - 1) : null, count: all.length } };
}

function metricEvents(state, req, base) {
  const start = Number(req.query.start_time);
  if (req.query.start_time === undefined || !Number.isInteger(start) || start < 0) return invalid('start_time is required: a unix epoch time in seconds');
  const size = state.zendesk.metricEventsPageSize ?? 1000;
  const events = (state.zendesk.ticketMetricEvents ?? [])
    .map((e, i) => ({ id: e.id ?? i + 1, instance_id: 1, ...e }))
    .filter((e) => Math.floor(Date.parse(e.time) / 1000) >= start)
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.id - b.id)
    .slice(0, size);
  const endTime = events.length ? Math.floor(Date.parse(events[events.length - 1].time) / 1000) + 1 : start;
  return { status: 200, json: { ticket_metric_events: events, count: events.length, end_time: endTime, next_page: `${base}/incremental/ticket_metric_events.json?start_time=${endTime}` } };
}

/** Returns a response for the comment and metric-event paths, or undefined. */
function handleZendeskConversations(state, req, path) {
  if (req.method !== 'GET') return undefined;
  const base = `${req.origin}/api/v2`;
  const comment = /^\/api\/v2\/tickets\/(\d+)\/comments$/.exec(path);
  if (comment) return comments(state, req, comment[1], base);
  if (path === '/api/v2/incremental/ticket_metric_events') return metricEvents(state, req, base);
  return undefined;
}

module.exports = { handleZendeskConversations };
