'use strict';
/**
 * Fake Gong API v2 (<customer>.api.gong.io / api.gong.io), in the shapes of Gong's published OpenAPI document:
 * GET /v2/calls (fromDateTime/toDateTime, `records.cursor` paging, 404 "No calls found" for an empty window),
 * POST /v2/calls/extensive (filter by callIds or dates; parties and CRM context on request), POST /v2/calls/transcript,
 * GET /v2/users. Basic auth (access key : secret) required; errors are `{ requestId, errors: [...] }`.
 *
 * Dataset:
 *   "gong": { "pageSize": 2,
 *     "users": [{ "id": "u1", "emailAddress": "sam@vendor.io", "firstName": "Sam", "lastName": "Ortiz" }],
 *     "calls": [{ "id": "7782342274025937895", "title": "Acme QBR", "started": "2026-11-03T15:00:00Z", "duration": 1860,
 *                 "scope": "External", "context": [{ "system": "Salesforce", "objects": [{ "objectType": "Account", "objectId": "001A", "fields": [{ "name": "Name", "value": "Acme" }] }] }],
 *                 "parties": [{ "id": "p1", "name": "Dana Kim", "emailAddress": "dana@acme.com", "speakerId": "s1", "affiliation": "External", "methods": ["Invitee", "Attendee"] }],
 *                 "transcript": [{ "speakerId": "s1", "topic": "Pricing", "sentences": [{ "start": 460230, "end": 462343, "text": "…" }] }] }] }
 */
const { randomUUID } = require('node:crypto');

function gongError(status, message) {
  return { status, json: { requestId: randomUUID().replace(/-/g, '').slice(0, 19), errors: [message] } };
}

function fail(path, message) {
  const { DatasetError } = require('./dataset');
  throw new DatasetError(`dataset ${path}: ${message}`);
}

function loadGong(raw) {
  const calls = (raw?.calls ?? []).map((call, index) => {
    const path = `gong.calls[${index}]`;
    if (typeof call?.id !== 'string' || call.id === '') fail(`${path}.id`, 'must be a string (Gong call ids are numeric strings)');
    if (typeof call.started !== 'string' || Number.isNaN(Date.parse(call.started))) fail(`${path}.started`, `"${call.started}" is not an ISO-8601 date-time`);
    return {
      id: call.id,
      url: call.url ?? `https://app.gong.io/call?id=${call.id}`,
      title: call.title ?? 'Call',
      scheduled: call.scheduled ?? call.started,
      started: call.started,
      duration: call.duration ?? 1800,
      primaryUserId: call.primaryUserId ?? 'u1',
      direction: call.direction ?? 'Conference',
      system: call.system ?? 'Zoom',
      scope: call.scope ?? 'External',
      media: call.media ?? 'Video',
      language: call.language ?? 'eng',
      isPrivate: false,
      context: call.context ?? [],
      parties: call.parties ?? [],
      transcript: call.transcript ?? [],
    };
  });
  return { pageSize: raw?.pageSize ?? 100, calls, users: raw?.users ?? [] };
}

function encodeCursor(offset) {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeCursor(cursor) {
  try {
    const { offset } = JSON.parse(Buffer.from(String(cursor), 'base64url').toString());
    return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

/** One page of a list: records + the `records` block (cursor only when more remain). */
function pageOf(list, cursor, size) {
  const offset = cursor === undefined ? 0 : decodeCursor(cursor);
  if (offset === undefined) return { error: gongError(400, 'cursor is invalid') };
  const items = list.slice(offset, offset + size);
  const records = { totalRecords: list.length, currentPageSize: items.length, currentPageNumber: Math.floor(offset / size) };
  if (offset + size < list.length) records.cursor = encodeCursor(offset + size);
  return { items, records };
}

function metaData(call) {
  const { context: _c, parties: _p, transcript: _t, ...meta } = call;
  return meta;
}

function inWindow(call, from, to) {
  const started = Date.parse(call.started);
  if (from !== undefined && started < Date.parse(from)) return false;
  if (to !== undefined && started >= Date.parse(to)) return false;
  return true;
}

function checkDate(value, name) {
  if (value !== undefined && Number.isNaN(Date.parse(value))) return gongError(400, `${name} is not a valid date-time: ${value}`);
  return undefined;
}

function selectCalls(state, filter) {
  const ids = Array.isArray(filter?.callIds) ? new Set(filter.callIds.map(String)) : undefined;
  return state.gong.calls
    .filter((call) => (ids ? ids.has(call.id) : inWindow(call, filter?.fromDateTime, filter?.toDateTime)))
    .sort((a, b) => Date.parse(a.started) - Date.parse(b.started) || a.id.localeCompare(b.id));
}

function authorised(state, req) {
  const header = req.headers.authorization ?? '';
  if (!/^Basic [A-Za-z0-9+/=]+$/.test(header)) return false;
  const expected = state.expectedTokens.gong;
  if (!expected) return true;
  return Buffer.from(header.slice(6), 'base64').toString() === expected;
}

/** Returns a response or undefined when the path is not Gong's. */
function handleGong(state, req) {
  if (!req.pathname.startsWith('/v2/calls') && !req.pathname.startsWith('/v2/users')) return undefined;
  if (!authorised(state, req)) return gongError(401, 'Unauthorized: invalid access key or secret');
  const size = state.gong.pageSize;
  const requestId = randomUUID().replace(/-/g, '').slice(0, 19);
  if (req.method === 'GET' && req.pathname === '/v2/calls') {
    const bad = checkDate(req.query.fromDateTime, 'fromDateTime') ?? checkDate(req.query.toDateTime, 'toDateTime');
    if (bad) return bad;
    const calls = selectCalls(state, { fromDateTime: req.query.fromDateTime, toDateTime: req.query.toDateTime });
    if (calls.length === 0) return gongError(404, 'No calls found corresponding to the provided filters');
    const page = pageOf(calls, req.query.cursor, size);
    if (page.error) return page.error;
    return { status: 200, json: { requestId, records: page.records, calls: page.items.map(metaData) } };
  }
  if (req.method === 'POST' && req.pathname === '/v2/calls/extensive') {
    const body = req.json;
    if (!body || typeof body.filter !== 'object') return gongError(400, 'filter is required');
    const bad = checkDate(body.filter.fromDateTime, 'fromDateTime') ?? checkDate(body.filter.toDateTime, 'toDateTime');
    if (bad) return bad;
    const calls = selectCalls(state, body.filter);
    if (calls.length === 0) return gongError(404, 'No calls found corresponding to the provided filters');
    const page = pageOf(calls, body.cursor, size);
    if (page.error) return page.error;
    const selector = body.contentSelector ?? {};
    const withContext = selector.context === 'Basic' || selector.context === 'Extended';
    const withParties = selector.exposedFields?.parties === true;
    return {
      status: 200,
      json: {
        requestId,
        records: page.records,
        calls: page.items.map((call) => ({
          metaData: metaData(call),
          ...(withContext ? { context: call.context } : {}),
          ...(withParties ? { parties: call.parties } : {}),
        })),
      },
    };
  }
  if (req.method === 'POST' && req.pathname === '/v2/calls/transcript') {
    const body = req.json;
    if (!body || typeof body.filter !== 'object') return gongError(400, 'filter is required');
    const calls = selectCalls(state, body.filter);
    if (calls.length === 0) return gongError(404, 'No calls found corresponding to the provided filters');
    const page = pageOf(calls, body.cursor, size);
    if (page.error) return page.error;
    return { status: 200, json: { requestId, records: page.records, callTranscripts: page.items.map((call) => ({ callId: call.id, transcript: call.transcript })) } };
  }
  if (req.method === 'GET' && req.pathname === '/v2/users') {
    const page = pageOf(state.gong.users, req.query.cursor, size);
    if (page.error) return page.error;
    return { status: 200, json: { requestId, records: page.records, users: page.items } };
  }
  return gongError(404, `No such endpoint: ${req.method} ${req.pathname}`);
}

module.exports = { handleGong, loadGong, gongError };
