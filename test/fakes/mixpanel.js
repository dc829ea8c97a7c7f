'use strict';
/**
 * Fake Mixpanel (data.mixpanel.com, data-eu.mixpanel.com, data-in.mixpanel.com; mixpanel.com and its regional
 * app hosts for the credential check). Shapes: specs/mixpanel/export.openapi.yaml (the Raw Event Export) and
 * Mixpanel's service-account docs (`GET /api/app/me` with the account's Basic credentials).
 *
 * `GET /api/2.0/export`: `from_date`/`to_date` (required, yyyy-mm-dd, inclusive, days of the project's time
 * zone), `project_id` (required with a service account), `event` (a JSON array of names), `limit`,
 * `time_in_ms`; Basic auth. The body is JSONL, one event per line, produced while it is sent (a million
 * generated events never sit in memory), gzip'd when the client sends `Accept-Encoding: gzip` and the body is
 * over 1400 bytes (`Content-Encoding: gzip`), as the spec says. Errors are Mixpanel's `{request, error}`
 * objects. `to_date` after the fake's today is refused (Mixpanel has no such day yet).
 *
 * Dataset:
 *   "mixpanel": {
 *     "projectId": 2195193, "timezone": "UTC",
 *     "events": [{ "event": "Report Exported", "properties": { "time": "2026-03-01T10:00:00Z", "distinct_id": "u1", "account_id": "4511" } }],
 *     "generated": { "from": "2025-11-01", "to": "2026-03-09", "eventsPerDay": 8000, "accounts": 10000,
 *                    "usersPerAccount": 20, "accountProperty": "account_id", "accountPrefix": "acc-",
 *                    "eventNames": ["Page Viewed", …], "seed": 7 }
 *   }
 *   "tokens": { "mixpanel": "svc-user:secret" }   // Basic credentials checked when given (else any Basic auth)
 */
const zlib = require('node:zlib');

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const GZIP_MIN_BYTES = 1400;

function error(status, request, message) {
  return { status, json: { request, error: message } };
}

/** Epoch ms of midnight of a yyyy-mm-dd day in a zone (whole-hour and DST-aware via Intl). */
function dayStartMs(day, zone) {
  const utc = Date.parse(`${day}T00:00:00Z`);
  if (!zone || zone === 'UTC') return utc;
  // the zone's offset at that instant, found by formatting it there
  const offset = (ms) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) - ms;
  };
  let guess = utc - offset(utc);
  guess = utc - offset(guess);
  return guess;
}

function days(from, to) {
  const out = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY_MS) out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
}

/** mulberry32 (deterministic: the same dataset streams the same events every time). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function loadMixpanel(raw, fail) {
  if (raw === undefined) return { projectId: undefined, timezone: 'UTC', events: [], generated: null };
  if (!raw || typeof raw !== 'object') fail('mixpanel', 'must be an object');
  const events = (raw.events ?? []).map((event, index) => {
    const path = `mixpanel.events[${index}]`;
    if (!event || typeof event.event !== 'string' || !event.properties || typeof event.properties !== 'object') fail(path, 'must be { event, properties }');
    let time = event.properties.time;
    if (typeof time === 'string') time = Math.floor(Date.parse(time) / 1000);
    if (!Number.isFinite(time)) fail(`${path}.properties.time`, 'must be epoch seconds or an ISO-8601 date-time');
    return { event: event.event, properties: { ...event.properties, time } };
  });
  events.sort((a, b) => a.properties.time - b.properties.time);
  let generated = null;
  if (raw.generated) {
    const g = raw.generated;
    for (const key of ['from', 'to']) if (!DATE.test(g[key] ?? '')) fail(`mixpanel.generated.${key}`, 'must be a yyyy-mm-dd day');
    for (const key of ['eventsPerDay', 'accounts', 'usersPerAccount']) if (!Number.isInteger(g[key]) || g[key] < 1) fail(`mixpanel.generated.${key}`, 'must be a whole number of 1 or more');
    generated = {
      from: g.from,
      to: g.to,
      eventsPerDay: g.eventsPerDay,
      accounts: g.accounts,
      usersPerAccount: g.usersPerAccount,
      accountProperty: g.accountProperty ?? 'account_id',
      accountPrefix: g.accountPrefix ?? 'acc-',
      eventNames: g.eventNames ?? ['Page Viewed', 'Report Built', 'Logged In', 'Export', 'Dashboard Shared'],
      seed: g.seed ?? 7,
    };
  }
  return { projectId: raw.projectId === undefined ? undefined : String(raw.projectId), timezone: raw.timezone ?? 'UTC', events, generated };
}

/** The lines of one export, as they are sent. */
function* exportLines(store, from, to, names, timeInMs, limit) {
  const zone = store.timezone;
  const startMs = dayStartMs(from, zone);
  const endMs = dayStartMs(to, zone) + DAY_MS; // DST days differ by an hour at most; the generator stays inside its day
  let sent = 0;
  const emit = (event) => {
    if (names && !names.has(event.event)) return undefined;
    if (limit !== undefined && sent >= limit) return undefined;
    sent += 1;
    const properties = timeInMs ? { ...event.properties, time: event.properties.time * 1000 } : event.properties;
    return JSON.stringify({ event: event.event, properties });
  };
  for (const event of store.events) {
    const ms = event.properties.time * 1000;
    if (ms < startMs || ms >= endMs) continue;
    const line = emit(event);
    if (line !== undefined) yield line;
  }
  const g = store.generated;
  if (!g) return;
  for (const day of days(from > g.from ? from : g.from, to < g.to ? to : g.to)) {
    const random = prng(g.seed * 100_003 + Date.parse(`${day}T00:00:00Z`) / DAY_MS);
    const dayStart = dayStartMs(day, zone) / 1000;
    for (let i = 0; i < g.eventsPerDay; i += 1) {
      const account = Math.floor(random() * g.accounts);
      const user = Math.floor(random() * g.usersPerAccount);
      const name = g.eventNames[Math.floor(random() * g.eventNames.length)];
      const time = dayStart + Math.floor(random() * 82_800); // within the day, DST or not
      const line = emit({
        event: name,
        properties: {
          time,
          distinct_id: `${g.accountPrefix}${account}-u${user}`,
          $insert_id: `${day}-${i}`,
          mp_processing_time_ms: time * 1000 + 1874,
          [g.accountProperty]: `${g.accountPrefix}${account}`,
        },
      });
      if (line !== undefined) yield line;
    }
  }
}

function basicCredentials(header) {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return undefined;
  // Mixpanel accepts the pair base64-encoded or as plain text
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return decoded.includes(':') ? decoded : match[1];
}

function authorised(state, req) {
  const credentials = basicCredentials(req.headers.authorization);
  if (credentials === undefined) return false;
  return !state.expectedTokens.mixpanel || credentials === state.expectedTokens.mixpanel;
}

function exportEvents(state, req) {
  const request = `/api/2.0/export?${new URLSearchParams(req.query).toString()}`;
  if (!authorised(state, req)) return error(401, request, 'Invalid credentials: the service account username or secret is wrong');
  const store = state.mixpanel;
  const q = req.query;
  if (q.project_id === undefined && store.projectId !== undefined) return error(400, request, 'project_id is required when authenticating with a service account');
  if (q.project_id !== undefined && (!/^\d+$/.test(q.project_id) || (store.projectId !== undefined && q.project_id !== store.projectId))) {
    return error(403, request, `project_id ${q.project_id}: this service account has no access to that project`);
  }
  for (const name of ['from_date', 'to_date']) {
    if (q[name] === undefined) return error(400, request, `'${name}' is a required parameter`);
    if (!DATE.test(q[name]) || Number.isNaN(Date.parse(`${q[name]}T00:00:00Z`))) return error(400, request, `'${name}' must be a date in yyyy-mm-dd format`);
  }
  if (q.from_date > q.to_date) return error(400, request, "'from_date' cannot be after 'to_date'");
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: store.timezone }).format(new Date(state.now));
  if (q.to_date > today) return error(400, request, `'to_date' ${q.to_date} is after today (${today}) in the project's time zone`);
  let names;
  if (q.event !== undefined) {
    try {
      const parsed = JSON.parse(q.event);
      if (!Array.isArray(parsed) || !parsed.every((n) => typeof n === 'string')) throw new Error('not a list');
      names = new Set(parsed);
    } catch {
      return error(400, request, "'event' must be a JSON array of event names");
    }
  }
  if (q.where !== undefined && q.where !== '') return error(400, request, "the fake does not evaluate 'where' expressions");
  const limit = q.limit === undefined ? undefined : Number(q.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 100_000)) return error(400, request, "'limit' must be a whole number of at most 100000");
  const lines = exportLines(store, q.from_date, q.to_date, names, q.time_in_ms === 'true', limit);
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, stream: lines, gzip, gzipMinBytes: GZIP_MIN_BYTES };
}

/** Mixpanel's documented service-account check: who the credentials belong to. */
function me(state, req) {
  if (!authorised(state, req)) return { status: 401, json: { status: 'error', error: 'Invalid credentials' } };
  const user = (basicCredentials(req.headers.authorization) ?? '').split(':')[0];
  const projects = state.mixpanel.projectId === undefined ? {} : { [state.mixpanel.projectId]: { id: Number(state.mixpanel.projectId), name: 'Fake project', timezone: state.mixpanel.timezone } };
  return { status: 200, json: { status: 'ok', results: { user_name: user, projects } } };
}

function handleMixpanel(state, req) {
  if (req.method === 'GET' && req.pathname === '/api/2.0/export') return exportEvents(state, req);
  if (req.method === 'GET' && req.pathname === '/api/app/me') return me(state, req);
  return undefined;
}

/**
 * Write a streamed body: lines joined by "\n", gzip'd when asked and the body is big enough (the first
 * `gzipMinBytes` decide), back-pressure honoured so a million lines never pile up in memory. With
 * `breakAfterLines` the connection drops after that many lines (a fault: the export breaks off mid-stream).
 */
async function writeStream(outgoing, status, headers, lines, { gzip = false, gzipMinBytes = GZIP_MIN_BYTES, breakAfterLines } = {}) {
  const iterator = lines[Symbol.iterator]();
  let sent = 0;
  const next = () => (breakAfterLines !== undefined && sent >= breakAfterLines ? { done: true, broken: true } : iterator.next());
  let head = '';
  let step = next();
  while (!step.done && head.length <= gzipMinBytes) {
    head += `${step.value}\n`;
    sent += 1;
    step = next();
  }
  const compress = gzip && head.length > gzipMinBytes;
  outgoing.writeHead(status, { ...headers, ...(compress ? { 'content-encoding': 'gzip' } : {}) });
  const sink = compress ? zlib.createGzip() : outgoing;
  if (compress) sink.pipe(outgoing);
  let closed = false;
  outgoing.once('close', () => {
    closed = true;
  });
  const write = (text) => (sink.write(text) || closed ? undefined : new Promise((resolve) => sink.once('drain', resolve)));
  if (head) await write(head);
  let batch = '';
  for (; !step.done && !closed; step = next()) {
    batch += `${step.value}\n`;
    sent += 1;
    if (batch.length >= 64 * 1024) {
      await write(batch);
      batch = '';
    }
  }
  if (batch && !closed) await write(batch);
  if (step.broken) {
    // what was written reaches the client, then the connection drops without the end of the body
    if (compress) await new Promise((resolve) => sink.flush(resolve));
    setTimeout(() => outgoing.socket?.destroy(), 20);
    return;
  }
  sink.end();
}

module.exports = { handleMixpanel, loadMixpanel, writeStream, dayStartMs };
