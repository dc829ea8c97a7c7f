'use strict';
/**
 * Fake Pendo Engage API (app.pendo.io and the regional hosts app.eu.pendo.io, us1.app.pendo.io,
 * app.jpn.pendo.io, app.au.pendo.io). Pendo publishes no OpenAPI document; the shapes follow its API docs and
 * its own ETL examples: `POST /api/v1/aggregation` with `{response: {mimeType}, request: {pipeline}}`, the key
 * in `x-pendo-integration-key`, results as `{startTime, results: [...]}`; `GET /api/v1/page` and
 * `GET /api/v1/feature` list pages and features (the credential check reads pages).
 *
 * The aggregation evaluates the pipeline CS Usage Signals sends, stage by stage: `source` (`events` or
 * `featureEvents`, optional `appId` filter) over a `timeSeries` of `dayRange` periods (`first` epoch ms,
 * `count` days) → `identified: visitorId` (drops anonymous visitors, ids starting `_anon`) → `group` by the
 * named fields with `{count: field}` (distinct values) and `{sum: field}` → `sort`. An unknown stage is a 400.
 *
 * Dataset:
 *   "pendo": {
 *     "timezone": "UTC",                                   // the subscription's zone: where a day starts
 *     "events": [{ "accountId": "4511", "visitorId": "v1", "day": "2026-03-01", "numEvents": 12, "featureId": "f1", "appId": -323232 }],
 *     "features": [{ "id": "f1", "name": "Reports" }], "pages": [{ "id": "p1", "name": "Home" }]
 *   }
 *   "tokens": { "pendo": "integration-key" }              // checked when given (else any key)
 */
const { dayStartMs } = require('./mixpanel');

const DAY_MS = 86_400_000;

function loadPendo(raw, fail) {
  if (raw === undefined) return { timezone: 'UTC', events: [], features: [], pages: [] };
  if (!raw || typeof raw !== 'object') fail('pendo', 'must be an object');
  const timezone = raw.timezone ?? 'UTC';
  const events = (raw.events ?? []).map((event, index) => {
    const path = `pendo.events[${index}]`;
    if (!event || typeof event.visitorId !== 'string') fail(`${path}.visitorId`, 'must be a string');
    if (typeof event.day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(event.day)) fail(`${path}.day`, 'must be a yyyy-mm-dd day');
    if (!Number.isFinite(event.numEvents)) fail(`${path}.numEvents`, 'must be a number');
    return { appId: -323232, ...event, accountId: event.accountId ?? null, day: dayStartMs(event.day, timezone) };
  });
  return { timezone, events, features: raw.features ?? [], pages: raw.pages ?? [] };
}

function reply(status, json) {
  return { status, json };
}

function authorised(state, req) {
  const key = req.headers['x-pendo-integration-key'];
  if (typeof key !== 'string' || key === '') return 'missing';
  return !state.expectedTokens.pendo || key === state.expectedTokens.pendo ? 'ok' : 'wrong';
}

function aggregation(state, req) {
  const pipeline = req.json?.request?.pipeline;
  if (!Array.isArray(pipeline)) return reply(400, { message: 'request.pipeline must be an array of stages' });
  let rows;
  let startTime = null;
  for (const stage of pipeline) {
    const [name] = Object.keys(stage ?? {});
    if (name === 'source') {
      const source = stage.source;
      const kind = ['events', 'featureEvents'].find((k) => k in source);
      if (!kind) return reply(400, { message: 'source must be events or featureEvents' });
      const series = source.timeSeries;
      if (series?.period !== 'dayRange' || typeof series.first !== 'number' || !Number.isInteger(series.count) || series.count < 1) {
        return reply(400, { message: 'timeSeries must be { period: "dayRange", first: <epoch ms>, count: <days> }' });
      }
      startTime = series.first;
      const end = series.first + series.count * DAY_MS;
      const filter = source[kind];
      rows = state.pendo.events.filter(
        (e) => e.day >= series.first && e.day < end && (kind === 'events' || e.featureId !== undefined) && (!filter?.appId || e.appId === filter.appId),
      );
    } else if (name === 'identified') {
      rows = rows.filter((e) => typeof e[stage.identified] === 'string' && !e[stage.identified].startsWith('_anon'));
    } else if (name === 'group') {
      const fields = Object.entries(stage.group.fields ?? {});
      const groups = new Map();
      for (const row of rows) {
        const keys = Object.fromEntries(stage.group.group.map((field) => [field, row[field] ?? null]));
        const key = JSON.stringify(keys);
        if (!groups.has(key)) groups.set(key, { keys, rows: [] });
        groups.get(key).rows.push(row);
      }
      rows = [...groups.values()].map(({ keys, rows: members }) => ({
        ...keys,
        ...Object.fromEntries(
          fields.map(([field, op]) => [field, op.count !== undefined ? new Set(members.map((m) => m[op.count])).size : members.reduce((total, m) => total + Number(m[op.sum] ?? 0), 0)]),
        ),
      }));
    } else if (name === 'sort') {
      const keys = stage.sort;
      rows = [...rows].sort((a, b) => {
        for (const key of keys) if (a[key] !== b[key]) return String(a[key]) < String(b[key]) ? -1 : 1;
        return 0;
      });
    } else {
      return reply(400, { message: `the fake does not evaluate pipeline stage "${name}"` });
    }
  }
  if (!rows) return reply(400, { message: 'the pipeline has no source' });
  return reply(200, { startTime, results: rows });
}

function handlePendo(state, req) {
  const known =
    (req.method === 'POST' && req.pathname === '/api/v1/aggregation') || (req.method === 'GET' && (req.pathname === '/api/v1/page' || req.pathname === '/api/v1/feature'));
  if (!known) return undefined;
  const auth = authorised(state, req);
  if (auth === 'missing') return reply(403, { message: 'x-pendo-integration-key header is required' });
  if (auth === 'wrong') return reply(401, { message: 'invalid integration key' });
  if (req.pathname === '/api/v1/page') return reply(200, state.pendo.pages);
  if (req.pathname === '/api/v1/feature') return reply(200, state.pendo.features);
  return aggregation(state, req);
}

module.exports = { handlePendo, loadPendo };
