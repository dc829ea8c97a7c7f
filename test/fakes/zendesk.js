'use strict';
/**
 * Fake Zendesk Support (<subdomain>.zendesk.com): cursor-based incremental ticket export with
 * sideloads (metric_sets, organizations), satisfaction ratings (cursor and offset paging) and
 * organizations. Shapes follow specs/zendesk/*.yml.
 *
 * The export cursor encodes the position of the last ticket returned (generated_timestamp, id).
 * At the end of the stream after_cursor is still returned: a client stores it and the next export
 * from it returns only tickets whose generated_timestamp moved past it (as Zendesk does).
 */

const ERROR_UNAUTHENTICATED = { status: 401, json: { error: "Couldn't authenticate you" } };

function invalid(description) {
  return { status: 400, json: { error: 'InvalidValue', description } };
}

function encodeCursor(position) {
  return Buffer.from(`${position.ts}.0||${position.id}|`).toString('base64');
}

function decodeCursor(cursor) {
  const match = /^(\d+)\.0\|\|(\d+)\|$/.exec(Buffer.from(cursor, 'base64').toString());
  return match ? { ts: Number(match[1]), id: Number(match[2]) } : null;
}

function after(ticket, position) {
  return ticket.generated_timestamp > position.ts || (ticket.generated_timestamp === position.ts && ticket.id > position.id);
}

function sideloads(state, include, tickets) {
  const out = {};
  const wanted = (include ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of wanted) {
    if (name === 'metric_sets') {
      const ids = new Set(tickets.map((t) => t.id));
      out.metric_sets = state.zendesk.metricSets.filter((m) => ids.has(m.ticket_id));
    } else if (name === 'organizations') {
      const ids = new Set(tickets.map((t) => t.organization_id));
      out.organizations = state.zendesk.organizations.filter((o) => ids.has(o.id));
    } else if (name === 'users') {
      const ids = new Set(tickets.flatMap((t) => [t.requester_id, t.assignee_id, t.submitter_id]));
      out.users = state.zendesk.users.filter((u) => ids.has(u.id));
    } else {
      return { error: invalid(`include "${name}" is not supported by the fake (metric_sets, organizations, users)`) };
    }
  }
  return { out };
}

function incrementalTickets(state, req) {
  const q = req.query;
  let position;
  if (q.cursor !== undefined) {
    position = decodeCursor(q.cursor);
    if (!position) return invalid(`cursor "${q.cursor}" is not a valid cursor`);
  } else if (q.start_time !== undefined) {
    const start = Number(q.start_time);
    if (!Number.isInteger(start) || start < 0) return invalid(`start_time "${q.start_time}" must be a unix epoch time in seconds`);
    position = { ts: start, id: -1 };
  } else {
    return invalid('start_time or cursor is required');
  }
  const perPage = Math.min(Number(q.per_page ?? state.settings.zendeskPageSize), 1000);
  const ordered = [...state.zendesk.tickets].sort((a, b) => a.generated_timestamp - b.generated_timestamp || a.id - b.id);
  const remaining = ordered.filter((t) => after(t, position));
  const page = remaining.slice(0, perPage);
  const last = page.length > 0 ? { ts: page[page.length - 1].generated_timestamp, id: page[page.length - 1].id } : position.id >= 0 ? position : { ts: position.ts, id: 0 };
  const included = sideloads(state, q.include, page);
  if (included.error) return included.error;
  const afterCursor = encodeCursor(last);
  const url = new URL(`${req.origin}/api/v2/incremental/tickets/cursor.json`);
  url.searchParams.set('cursor', afterCursor);
  if (q.include) url.searchParams.set('include', q.include);
  if (q.per_page) url.searchParams.set('per_page', q.per_page);
  return {
    status: 200,
    json: {
      tickets: page,
      ...included.out,
      after_url: url.toString(),
      after_cursor: afterCursor,
      before_url: null,
      before_cursor: null,
      end_of_stream: remaining.length <= perPage,
    },
  };
}

function satisfactionRatings(state, req) {
  const q = req.query;
  let ratings = [...state.zendesk.satisfactionRatings].sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
  if (q.score !== undefined) {
    const match = /^(offered|unoffered|received|good|bad)(?:_(with|without)_comment)?$/.exec(q.score);
    if (!match) return invalid(`score "${q.score}" is not valid`);
    const [, score, comment] = match;
    ratings = ratings.filter((r) => (score === 'received' ? r.score === 'good' || r.score === 'bad' : r.score === score));
    if (comment === 'with') ratings = ratings.filter((r) => r.comment);
    if (comment === 'without') ratings = ratings.filter((r) => !r.comment);
  }
  for (const [param, keep] of [['start_time', (t, v) => t >= v], ['end_time', (t, v) => t <= v]]) {
    if (q[param] === undefined) continue;
    const value = Number(q[param]);
    if (!Number.isInteger(value)) return invalid(`${param} "${q[param]}" must be a unix epoch time in seconds`);
    ratings = ratings.filter((r) => keep(Math.floor(Date.parse(r.created_at) / 1000), value));
  }
  const base = `${req.origin}/api/v2/satisfaction_ratings.json`;
  const keepFilters = (url) => {
    for (const name of ['score', 'start_time', 'end_time']) if (q[name] !== undefined) url.searchParams.set(name, q[name]);
    return url;
  };
  if (q['page[size]'] !== undefined || q['page[after]'] !== undefined) {
    const size = Math.min(Number(q['page[size]'] ?? state.settings.satisfactionPageSize), 100);
    let start = 0;
    if (q['page[after]'] !== undefined) {
      const index = ratings.findIndex((r) => Buffer.from(String(r.id)).toString('base64url') === q['page[after]']);
      if (index < 0) return invalid(`page[after] "${q['page[after]']}" is not a valid cursor`);
      start = index + 1;
    }
    const page = ratings.slice(start, start + size);
    const hasMore = start + size < ratings.length;
    const afterCursor = page.length ? Buffer.from(String(page[page.length - 1].id)).toString('base64url') : null;
    const beforeCursor = page.length ? Buffer.from(String(page[0].id)).toString('base64url') : null;
    let next = null;
    if (hasMore) {
      const url = keepFilters(new URL(base));
      url.searchParams.set('page[size]', String(size));
      url.searchParams.set('page[after]', afterCursor);
      next = url.toString();
    }
    return {
      status: 200,
      json: { satisfaction_ratings: page, meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor }, links: { next, prev: null } },
    };
  }
  const perPage = Math.min(Number(q.per_page ?? state.settings.satisfactionPageSize), 100);
  const pageNumber = Number(q.page ?? 1);
  if (!Number.isInteger(pageNumber) || pageNumber < 1) return invalid(`page "${q.page}" must be a positive integer`);
  const page = ratings.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const link = (n) => {
    const url = keepFilters(new URL(base));
    url.searchParams.set('page', String(n));
    url.searchParams.set('per_page', String(perPage));
    return url.toString();
  };
  return {
    status: 200,
    json: {
      satisfaction_ratings: page,
      next_page: pageNumber * perPage < ratings.length ? link(pageNumber + 1) : null,
      previous_page: pageNumber > 1 ? link(pageNumber - 1) : null,
      count: ratings.length,
    },
  };
}

function organizations(state, req) {
  const perPage = Math.min(Number(req.query.per_page ?? state.settings.organizationsPageSize), 100);
  const pageNumber = Number(req.query.page ?? 1);
  const all = state.zendesk.organizations;
  const page = all.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  const link = (n) => `${req.origin}/api/v2/organizations.json?page=${n}&per_page=${perPage}`;
  return {
    status: 200,
    json: {
      organizations: page,
      next_page: pageNumber * perPage < all.length ? link(pageNumber + 1) : null,
      previous_page: pageNumber > 1 ? link(pageNumber - 1) : null,
      count: all.length,
    },
  };
}

function authenticated(state, header) {
  if (/^Bearer \S+/.test(header)) return !state.expectedTokens.zendesk;
  const basic = /^Basic (\S+)$/.exec(header);
  if (!basic) return false;
  const decoded = Buffer.from(basic[1], 'base64').toString();
  const match = /^([^:/]+@[^:/]+)\/token:(.+)$/.exec(decoded) ?? /^([^:]+@[^:]+):(.+)$/.exec(decoded);
  if (!match) return false;
  return !state.expectedTokens.zendesk || match[2] === state.expectedTokens.zendesk;
}

/**
 * Webhooks API and Triggers API (developer.zendesk.com: webhooks/webhooks, business-rules/triggers; the shared specs
 * hold no OpenAPI document for them, shapes follow the reference pages summarised in provider-apis.md §1.1):
 * create / show / delete a webhook, its signing secret, create / delete a trigger. The signing secret of webhook
 * `id` is `fakeZendeskSigningSecret(id)`, so a test can sign deliveries the way Zendesk would.
 */
const { createHmac: webhookHmac } = require('node:crypto');

function fakeZendeskSigningSecret(webhookId) {
  return webhookHmac('sha256', 'cs-signal-os-zendesk-fake').update(String(webhookId)).digest('base64url');
}

function webhookState(state) {
  state.zendesk.webhooks ??= [];
  state.zendesk.triggers ??= [];
  state.zendesk.nextWebhookSeq ??= 1;
  return state.zendesk;
}

const NOT_FOUND = { status: 404, json: { error: 'RecordNotFound', description: 'Not found' } };

function handleZendeskWebhooks(state, req, path) {
  const z = webhookState(state);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (req.method === 'POST' && path === '/api/v2/webhooks') {
    const webhook = req.json?.webhook;
    const errors = [];
    if (!webhook || typeof webhook !== 'object') errors.push({ code: 'InvalidValue', title: 'webhook is required' });
    else {
      if (typeof webhook.name !== 'string' || webhook.name === '') errors.push({ code: 'InvalidValue', title: 'name is required', source: { pointer: '/webhook/name' } });
      if (typeof webhook.endpoint !== 'string' || !/^https?:\/\//.test(webhook.endpoint)) errors.push({ code: 'InvalidValue', title: 'endpoint must be a URL', source: { pointer: '/webhook/endpoint' } });
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(webhook.http_method)) errors.push({ code: 'InvalidValue', title: 'http_method is invalid', source: { pointer: '/webhook/http_method' } });
      if (!['json', 'xml', 'form_encoded'].includes(webhook.request_format)) errors.push({ code: 'InvalidValue', title: 'request_format is invalid', source: { pointer: '/webhook/request_format' } });
      if (!['active', 'inactive'].includes(webhook.status)) errors.push({ code: 'InvalidValue', title: 'status is invalid', source: { pointer: '/webhook/status' } });
      if (!Array.isArray(webhook.subscriptions) || webhook.subscriptions.length === 0) errors.push({ code: 'InvalidValue', title: 'subscriptions is required', source: { pointer: '/webhook/subscriptions' } });
    }
    if (errors.length) return { status: 400, json: { errors } };
    const id = `01FAKEWEBHOOK${String(z.nextWebhookSeq++).padStart(13, '0')}`;
    const created = { id, name: webhook.name, endpoint: webhook.endpoint, http_method: webhook.http_method, request_format: webhook.request_format, status: webhook.status, subscriptions: webhook.subscriptions, created_at: now, updated_at: now, created_by: '1', signing_secret: { algorithm: 'SHA256', secret: null } };
    z.webhooks.push(created);
    return { status: 201, json: { webhook: created } };
  }
  const one = /^\/api\/v2\/webhooks\/([^/]+)$/.exec(path);
  if (one) {
    const index = z.webhooks.findIndex((w) => w.id === one[1]);
    if (index < 0) return NOT_FOUND;
    if (req.method === 'GET') return { status: 200, json: { webhook: z.webhooks[index] } };
    if (req.method === 'DELETE') {
      z.webhooks.splice(index, 1);
      return { status: 204, text: '' };
    }
  }
  const secret = /^\/api\/v2\/webhooks\/([^/]+)\/signing_secret$/.exec(path);
  if (secret && req.method === 'GET') {
    if (!z.webhooks.some((w) => w.id === secret[1])) return NOT_FOUND;
    return { status: 200, json: { signing_secret: { algorithm: 'sha256', secret: fakeZendeskSigningSecret(secret[1]) } } };
  }
  if (req.method === 'POST' && path === '/api/v2/triggers') {
    const trigger = req.json?.trigger;
    const action = trigger?.actions?.find((a) => a.field === 'notification_webhook');
    if (!trigger?.title || !trigger.conditions || !Array.isArray(trigger.actions)) return { status: 422, json: { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description: 'Title, conditions and actions are required' }] } } };
    if (action && !z.webhooks.some((w) => w.id === String(action.value?.[0]))) return { status: 422, json: { error: 'RecordInvalid', description: 'Record validation errors', details: { base: [{ description: 'Notify webhook: the webhook does not exist' }] } } };
    const created = { id: 360000000 + z.triggers.length + 1, url: `${req.origin}/api/v2/triggers/${360000000 + z.triggers.length + 1}.json`, title: trigger.title, active: true, conditions: trigger.conditions, actions: trigger.actions, position: z.triggers.length + 1, created_at: now, updated_at: now };
    z.triggers.push(created);
    return { status: 201, json: { trigger: created } };
  }
  const trig = /^\/api\/v2\/triggers\/(\d+)$/.exec(path);
  if (trig) {
    const index = z.triggers.findIndex((t) => t.id === Number(trig[1]));
    if (index < 0) return NOT_FOUND;
    if (req.method === 'GET') return { status: 200, json: { trigger: z.triggers[index] } };
    if (req.method === 'DELETE') {
      z.triggers.splice(index, 1);
      return { status: 204, text: '' };
    }
  }
  if (req.method === 'GET' && path === '/api/v2/triggers') return { status: 200, json: { triggers: z.triggers, next_page: null, previous_page: null, count: z.triggers.length } };
  if (req.method === 'GET' && path === '/api/v2/webhooks') return { status: 200, json: { webhooks: z.webhooks, meta: { has_more: false }, links: {} } };
  return undefined;
}

/** Returns a response or undefined when the path is not Zendesk's. */
function handleZendesk(state, req) {
  if (!req.pathname.startsWith('/api/v2/')) return undefined;
  if (!authenticated(state, req.headers.authorization ?? '')) return ERROR_UNAUTHENTICATED;
  const path = req.pathname.replace(/\.json$/, '');
  const conversation = require('./zendesk-conversations').handleZendeskConversations(state, req, path);
  if (conversation) return conversation;
  const webhooks = handleZendeskWebhooks(state, req, path);
  if (webhooks) return webhooks;
  if (req.method === 'GET') {
    if (path === '/api/v2/incremental/tickets/cursor') return incrementalTickets(state, req);
    if (path === '/api/v2/satisfaction_ratings') return satisfactionRatings(state, req);
    if (path === '/api/v2/organizations') return organizations(state, req);
    const org = /^\/api\/v2\/organizations\/(\d+)$/.exec(path);
    if (org) {
      const found = state.zendesk.organizations.find((o) => o.id === Number(org[1]));
      return found ? { status: 200, json: { organization: found } } : { status: 404, json: { error: 'RecordNotFound', description: 'Not found' } };
    }
    const metrics = /^\/api\/v2\/tickets\/(\d+)\/metrics$/.exec(path);
    if (metrics) {
      const found = state.zendesk.metricSets.find((m) => m.ticket_id === Number(metrics[1]));
      return found ? { status: 200, json: { ticket_metric: found } } : { status: 404, json: { error: 'RecordNotFound', description: 'Not found' } };
    }
    if (path === '/api/v2/users/me') return { status: 200, json: { user: { id: 1, name: 'Fake Admin', email: 'admin@example.com', role: 'admin' } } };
  }
  return { status: 404, json: { error: 'InvalidEndpoint', description: `No route for ${req.method} ${req.pathname} in the Zendesk fake` } };
}

module.exports = { handleZendesk, encodeCursor, decodeCursor, fakeZendeskSigningSecret };
