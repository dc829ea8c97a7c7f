'use strict';
/**
 * Fake Intercom REST API 2.14 (api.intercom.io, api.eu.intercom.io, api.au.intercom.io), in the shapes of Intercom's
 * published OpenAPI document:
 * - POST /conversations/search — `query` (one filter `{ field, operator, value }` or `{ operator: AND|OR, value: [...] }`
 *   on updated_at, created_at, id, state, open; operators = != > < >= <=), `pagination.per_page` (default 20, max 150)
 *   and `pagination.starting_after` (an opaque cursor); answers a `conversation.list` with `pages.next.starting_after`
 *   while more remain, oldest `updated_at` first; conversations without their parts.
 * - GET /conversations/{id}[?display_as=plaintext] — the conversation with `conversation_parts` (plain text on request).
 * - GET /contacts/{id}/companies — the contact's companies (`type: list`, `data`, as Intercom answers).
 * - GET /me — the admin of the token, with its app.
 * Bearer token required (`tokens.intercom`); errors are `error.list`. Every answer carries X-RateLimit-Limit,
 * X-RateLimit-Remaining and X-RateLimit-Reset; a programmed 429 carries X-RateLimit-Reset and no Retry-After.
 *
 * Dataset (times are ISO-8601, answered as unix seconds):
 *   "intercom": { "appId": "abc12def", "pageSize": 2,
 *     "companies": [{ "id": "6762f0a61bb69f9f2193bb55", "company_id": "4511", "name": "Acme Corp" }],
 *     "contacts": [{ "id": "6762f0f31bb69f9f2193bb8b", "name": "Jo Lee", "email": "jo@acme.example", "companies": ["6762f0a61bb69f9f2193bb55"] }],
 *     "conversations": [{ "id": "471", "created_at": "…", "updated_at": "…", "state": "open", "priority": "priority", "title": "…",
 *        "contact": "6762f0f31bb69f9f2193bb8b", "body": "<p>Export is broken</p>", "rating": 2,
 *        "sla": { "name": "VIP", "status": "missed" }, "statistics": { "time_to_admin_reply": 2310, "last_admin_reply_at": "…" },
 *        "tags": ["export"], "parts": [{ "author": "user" | "admin", "body": "…", "created_at": "…" }] }] }
 */
const { randomUUID } = require('node:crypto');

const DEFAULT_ADMIN = { id: '991267459', name: 'CS Signal OS', email: 'cs-signal-os@example.com' };

function fail(path, message) {
  const { DatasetError } = require('./dataset');
  throw new DatasetError(`dataset ${path}: ${message}`);
}

const seconds = (iso, path) => {
  if (typeof iso === 'number' && Number.isInteger(iso)) return iso;
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) fail(path, `"${iso}" is not an ISO-8601 date-time`);
  return Math.floor(Date.parse(iso) / 1000);
};

function loadIntercom(raw) {
  const companies = (raw?.companies ?? []).map((company, index) => {
    if (typeof company?.id !== 'string' || company.id === '') fail(`intercom.companies[${index}].id`, 'must be a string (Intercom company ids are hex strings)');
    return { name: `Company ${company.id}`, ...company };
  });
  const contacts = (raw?.contacts ?? []).map((contact, index) => {
    if (typeof contact?.id !== 'string' || contact.id === '') fail(`intercom.contacts[${index}].id`, 'must be a string');
    for (const id of contact.companies ?? []) if (!companies.some((c) => c.id === id)) fail(`intercom.contacts[${index}].companies`, `"${id}" is no company of the dataset`);
    return { companies: [], ...contact };
  });
  const conversations = (raw?.conversations ?? []).map((conversation, index) => {
    const path = `intercom.conversations[${index}]`;
    if (typeof conversation?.id !== 'string' || conversation.id === '') fail(`${path}.id`, 'must be a string (Intercom conversation ids are numeric strings)');
    if (conversation.contact !== undefined && !contacts.some((c) => c.id === conversation.contact)) fail(`${path}.contact`, `"${conversation.contact}" is no contact of the dataset`);
    const created = seconds(conversation.created_at, `${path}.created_at`);
    return {
      ...conversation,
      created_at: created,
      updated_at: conversation.updated_at === undefined ? created : seconds(conversation.updated_at, `${path}.updated_at`),
      parts: (conversation.parts ?? []).map((part, at) => ({ ...part, created_at: seconds(part.created_at, `${path}.parts[${at}].created_at`) })),
    };
  });
  return { appId: raw?.appId ?? 'abc12def', pageSize: raw?.pageSize ?? 20, companies, contacts, conversations };
}

function intercomError(status, code, message) {
  return { status, json: { type: 'error.list', request_id: randomUUID(), errors: [{ code, message }] } };
}

function rateLimitHeaders(state, remaining = 999) {
  return { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 10) };
}

const plain = (html) => String(html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

function author(state, conversation, kind) {
  if (kind === 'admin') return { type: 'admin', id: DEFAULT_ADMIN.id, name: DEFAULT_ADMIN.name, email: DEFAULT_ADMIN.email };
  const contact = state.intercom.contacts.find((c) => c.id === conversation.contact);
  return { type: kind ?? 'user', id: contact?.id ?? '0', name: contact?.name ?? null, email: contact?.email ?? '' };
}

function listItem(state, conversation) {
  const contact = state.intercom.contacts.find((c) => c.id === conversation.contact);
  const statistics = conversation.statistics ?? {};
  const stats = { type: 'conversation_statistics' };
  for (const [key, value] of Object.entries(statistics)) stats[key] = typeof value === 'string' ? seconds(value, `statistics.${key}`) : value;
  return {
    type: 'conversation',
    id: conversation.id,
    title: conversation.title ?? null,
    created_at: conversation.created_at,
    updated_at: conversation.updated_at,
    waiting_since: null,
    snoozed_until: null,
    open: (conversation.state ?? 'open') !== 'closed',
    state: conversation.state ?? 'open',
    read: true,
    priority: conversation.priority ?? 'not_priority',
    admin_assignee_id: Number(DEFAULT_ADMIN.id),
    team_assignee_id: null,
    tags: { type: 'tag.list', tags: (conversation.tags ?? []).map((name, index) => ({ type: 'tag', id: String(100 + index), name })) },
    conversation_rating: conversation.rating === undefined ? null : { rating: conversation.rating, remark: '', created_at: conversation.updated_at, updated_at: conversation.updated_at },
    source: {
      type: 'conversation',
      id: `${conversation.id}0`,
      delivered_as: 'customer_initiated',
      subject: conversation.subject ?? '',
      body: conversation.body ?? '',
      author: author(state, conversation, 'user'),
      attachments: [],
      url: null,
      redacted: false,
    },
    contacts: { type: 'contact.list', contacts: contact ? [{ type: 'contact', id: contact.id, external_id: contact.external_id ?? null }] : [] },
    teammates: { type: 'admin.list', admins: [{ type: 'admin', id: DEFAULT_ADMIN.id }] },
    custom_attributes: {},
    first_contact_reply: { created_at: conversation.created_at, type: 'conversation', url: null },
    sla_applied: conversation.sla ? { type: 'conversation_sla_summary', sla_name: conversation.sla.name ?? '', sla_status: conversation.sla.status } : null,
    statistics: stats,
    linked_objects: { type: 'list', data: [], total_count: 0, has_more: false },
    ai_agent_participated: false,
  };
}

function fullConversation(state, conversation, plaintext) {
  const item = listItem(state, conversation);
  const body = (text) => (plaintext ? plain(text) : text);
  return {
    ...item,
    source: { ...item.source, body: body(item.source.body) },
    conversation_parts: {
      type: 'conversation_part.list',
      conversation_parts: conversation.parts.map((part, index) => ({
        type: 'conversation_part',
        id: `${conversation.id}${index + 1}`,
        part_type: part.part_type ?? 'comment',
        body: body(part.body ?? ''),
        created_at: part.created_at,
        updated_at: part.created_at,
        notified_at: part.created_at,
        author: author(state, conversation, part.author ?? 'user'),
        attachments: [],
        external_id: null,
        redacted: false,
      })),
      total_count: conversation.parts.length,
    },
  };
}

const FIELDS = { updated_at: (c) => c.updated_at, created_at: (c) => c.created_at, id: (c) => c.id, state: (c) => c.state ?? 'open', open: (c) => (c.state ?? 'open') !== 'closed' };
const COMPARE = { '=': (a, b) => a === b, '!=': (a, b) => a !== b, '>': (a, b) => a > b, '<': (a, b) => a < b, '>=': (a, b) => a >= b, '<=': (a, b) => a <= b };

/** A search query as a predicate, or an error message (what Intercom would answer 400 for). */
function predicate(query) {
  if (!query || typeof query !== 'object') return 'query is required';
  if (query.operator === 'AND' || query.operator === 'OR') {
    if (!Array.isArray(query.value) || query.value.length === 0) return `${query.operator} needs a list of filters`;
    const parts = query.value.map(predicate);
    const bad = parts.find((p) => typeof p === 'string');
    if (bad) return bad;
    return query.operator === 'AND' ? (c) => parts.every((p) => p(c)) : (c) => parts.some((p) => p(c));
  }
  const read = FIELDS[query.field];
  if (!read) return `field "${query.field}" is not searchable by this fake (${Object.keys(FIELDS).join(', ')})`;
  const compare = COMPARE[query.operator];
  if (!compare) return `operator "${query.operator}" is not supported`;
  if ((query.field === 'updated_at' || query.field === 'created_at') && !Number.isInteger(query.value)) return `${query.field} needs a unix timestamp, not ${JSON.stringify(query.value)}`;
  return (c) => compare(read(c), query.value);
}

const encodeCursor = (offset) => Buffer.from(JSON.stringify([offset, randomUUID().slice(0, 8)])).toString('base64');
function decodeCursor(cursor) {
  try {
    const [offset] = JSON.parse(Buffer.from(String(cursor), 'base64').toString());
    return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

function handleIntercom(state, req) {
  const { method, pathname } = req;
  const known = (method === 'POST' && pathname === '/conversations/search') || (method === 'GET' && (/^\/conversations\/[^/]+$/.test(pathname) || /^\/contacts\/[^/]+\/companies$/.test(pathname) || pathname === '/me'));
  if (!known) return undefined;
  const expected = state.expectedTokens.intercom;
  const auth = String(req.headers.authorization ?? '');
  if (!auth.startsWith('Bearer ') || (expected && auth !== `Bearer ${expected}`)) return { ...intercomError(401, 'unauthorized', 'Access Token Invalid'), headers: rateLimitHeaders(state) };
  const headers = rateLimitHeaders(state);
  const data = state.intercom;

  if (pathname === '/me') {
    return { status: 200, headers, json: { type: 'admin', id: DEFAULT_ADMIN.id, email: DEFAULT_ADMIN.email, name: DEFAULT_ADMIN.name, email_verified: true, app: { type: 'app', id_code: data.appId, name: 'CS Signal OS fake', created_at: 1394531169, secure: false, identity_verification: false, timezone: 'Europe/London', region: 'US' }, avatar: { type: 'avatar', image_url: null }, has_inbox_seat: true } };
  }
  if (pathname === '/conversations/search') {
    const match = predicate(req.json?.query);
    if (typeof match === 'string') return { ...intercomError(400, 'parameter_invalid', match), headers };
    const perPage = Math.min(150, Math.max(1, Number(req.json?.pagination?.per_page ?? data.pageSize) || data.pageSize));
    const after = req.json?.pagination?.starting_after;
    const offset = after === undefined || after === null ? 0 : decodeCursor(after);
    if (offset === undefined) return { ...intercomError(400, 'parameter_invalid', 'starting_after is invalid'), headers };
    const found = data.conversations.filter(match).sort((a, b) => a.updated_at - b.updated_at || a.id.localeCompare(b.id));
    const page = found.slice(offset, offset + perPage);
    const totalPages = Math.max(1, Math.ceil(found.length / perPage));
    const pages = { type: 'pages', page: Math.floor(offset / perPage) + 1, per_page: perPage, total_pages: totalPages };
    if (offset + perPage < found.length) pages.next = { per_page: perPage, starting_after: encodeCursor(offset + perPage) };
    return { status: 200, headers, json: { type: 'conversation.list', pages, total_count: found.length, conversations: page.map((c) => listItem(state, c)) } };
  }
  const conversation = /^\/conversations\/([^/]+)$/.exec(pathname);
  if (conversation) {
    const found = data.conversations.find((c) => c.id === decodeURIComponent(conversation[1]));
    if (!found) return { ...intercomError(404, 'conversation_not_found', 'Conversation not found'), headers };
    return { status: 200, headers, json: fullConversation(state, found, req.query.display_as === 'plaintext') };
  }
  const contact = /^\/contacts\/([^/]+)\/companies$/.exec(pathname);
  const found = data.contacts.find((c) => c.id === decodeURIComponent(contact[1]));
  if (!found) return { ...intercomError(404, 'not_found', 'User Not Found'), headers };
  const companies = found.companies.map((id) => data.companies.find((c) => c.id === id)).map((company) => ({
    type: 'company',
    company_id: company.company_id ?? '',
    id: company.id,
    app_id: data.appId,
    name: company.name,
    remote_created_at: 1734537382,
    created_at: 1734537382,
    updated_at: 1734537382,
    last_request_at: 1734364582,
    monthly_spend: 0,
    session_count: 0,
    user_count: 1,
    tags: { type: 'tag.list', tags: [] },
    segments: { type: 'segment.list', segments: [] },
    plan: {},
    custom_attributes: {},
  }));
  return { status: 200, headers, json: { type: 'list', data: companies, pages: { type: 'pages', next: null, page: 1, per_page: 50, total_pages: 1 }, total_count: companies.length } };
}

module.exports = { loadIntercom, handleIntercom, intercomError };
