'use strict';
/**
 * One fake for HubSpot, Zendesk, Slack and the news sources (news.js). Routes on the Host header
 * (api.hubapi.com, <sub>.zendesk.com, slack.com, news.google.com, www.sec.gov, <name>.newsroom.example) and,
 * for plain http://127.0.0.1:<port> use, on the path (/crm/… and /engagements/… → HubSpot, /api/v2/… → Zendesk,
 * /api/<a.b> → Slack, /rss/search → Google News, /cgi-bin/browse-edgar and /Archives/edgar/… → EDGAR, a dataset
 * newsroom's path → that newsroom).
 *
 * Control endpoints (any host):
 *   GET  /__fake/requests[?provider=slack]  every request received (auth values redacted)
 *   POST /__fake/reset                     forget requests and faults, reload the last dataset
 *   POST /__fake/load                      body = dataset (see dataset.js); replaces the data
 *   POST /__fake/faults                    body = { provider, method?, path?, responses: [{status, retryAfter?, body?}], repeatLast? }
 *   GET  /__fake/outbox                    Slack messages (DMs with dmUser), HubSpot tasks, deals and engagements created so far, e-mails the SMTP fake received
 *   POST /__fake/zendesk/tickets           body = { tickets: [...] } upsert; moves them past every export cursor
 * Dataset `files` ({ "/path": JSON }) are served on GET from any host (e.g. a warehouse feed for the demo).
 */
const http = require('node:http');
const https = require('node:https');
const { randomUUID } = require('node:crypto');
const { loadDataset, normaliseTicket, DatasetError, epochSeconds } = require('./dataset');
const { handleHubspot } = require('./hubspot');
const { handleZendesk } = require('./zendesk');
const { handleSlack } = require('./slack');
const { handleGoogleNews, handleNewsroom, handleEdgar } = require('./news');
const { handleMixpanel, writeStream } = require('./mixpanel');
const { handlePendo } = require('./pendo');
const { handleGong, gongError } = require('./gong');
const { handleGmail, googleError } = require('./gmail');
const { handleGraph, graphError } = require('./graph');
const { handleGoogleCalendar } = require('./google-calendar');
const { handleIntercom, intercomError } = require('./intercom');
const { handleSalesforce, sfError } = require('./salesforce');
const { providerForHost } = require('./hosts');
const { startRoutingProxy } = require('./proxy');
const { startSmtpFake } = require('./smtp');

const HANDLERS = {
  hubspot: handleHubspot,
  zendesk: handleZendesk,
  slack: handleSlack,
  googleNews: handleGoogleNews,
  edgar: handleEdgar,
  newsroom: handleNewsroom,
  mixpanel: handleMixpanel,
  pendo: handlePendo,
  gong: handleGong,
  gmail: handleGmail,
  graph: handleGraph,
  googleCalendar: handleGoogleCalendar,
  intercom: handleIntercom,
  salesforce: handleSalesforce,
};
/** Providers that answer with feed text or HTML, not JSON: their programmed faults do too. */
const TEXT_PROVIDERS = new Set(['googleNews', 'edgar', 'newsroom']);
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);


/** "Bearer xoxb-123-abcd" → "Bearer ***abcd": enough to tell tokens apart, never the secret. */
function redact(value) {
  const [scheme, ...rest] = String(value).split(' ');
  const secret = rest.join(' ');
  if (!secret) return '***';
  if (scheme === 'Basic') {
    const decoded = Buffer.from(secret, 'base64').toString();
    const user = decoded.split(':')[0];
    return `Basic ${user}:***`;
  }
  return `${scheme} ***${secret.slice(-4)}`;
}

function redactHeaders(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SECRET_HEADERS.has(name) ? redact(value) : value;
  return out;
}

function redactBody(body, contentType) {
  if ((contentType ?? '').startsWith('application/x-www-form-urlencoded') && /(^|&)token=/.test(body)) {
    const params = new URLSearchParams(body);
    params.set('token', '***');
    return params.toString();
  }
  return body;
}

/** Slack also accepts `token` as a query or form parameter: never record or log its value. */
function redactUrl(url) {
  if (!/[?&]token=/.test(url)) return url;
  const parsed = new URL(url, 'http://x');
  parsed.searchParams.set('token', '***');
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * A programmed fault may echo what the client sent, as misbehaving providers do: `{{authorization}}` (the
 * Authorization header), `{{credential}}` (its value without the scheme), `{{decoded}}` (that value
 * base64-decoded, e.g. Zendesk's `email/token:…`) and `{{url}}` (the request URL) in its body or headers.
 */
function echoed(value, req) {
  if (!req) return value;
  const authorization = String(req.headers.authorization ?? '');
  const credential = authorization.replace(/^\S+\s+/, '');
  const fill = (text) =>
    text
      .replace(/\{\{authorization\}\}/g, authorization)
      .replace(/\{\{credential\}\}/g, credential)
      .replace(/\{\{decoded\}\}/g, Buffer.from(credential, 'base64').toString())
      .replace(/\{\{url\}\}/g, req.url ?? '');
  if (typeof value === 'string') return fill(value);
  if (Array.isArray(value)) return value.map((entry) => echoed(entry, req));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, echoed(v, req)]));
  return value;
}

function faultResponse(provider, spec, req) {
  if (spec.hang) return { hang: true, status: 0 };
  if (spec.echo) spec = { ...spec, body: echoed(spec.body, req), headers: echoed(spec.headers, req), text: echoed(spec.text, req) };
  const status = spec.status;
  const headers = { ...(spec.headers ?? {}) };
  // Intercom sends no Retry-After: its 429 names the unix time the window resets (X-RateLimit-Reset)
  if (status === 429 && provider === 'intercom') Object.assign(headers, { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + (spec.resetAfter ?? 1)) });
  else if (status === 429 && provider !== 'salesforce') headers['retry-after'] = String(spec.retryAfter ?? 1);
  // the provider answers as usual, but its streamed body breaks off after this many lines (a dropped connection)
  if (spec.breakAfterLines !== undefined) return { passThrough: true, breakAfterLines: spec.breakAfterLines };
  if (spec.text !== undefined) return { status, headers, text: spec.text };
  if (TEXT_PROVIDERS.has(provider)) {
    const text = typeof spec.body === 'string' ? spec.body : status === 429 ? '<html><body><h1>429 Too Many Requests</h1></body></html>' : status === 403 ? '<html><body><h1>Request Rate Threshold Exceeded</h1></body></html>' : `<html><body><h1>${status} Service Unavailable</h1></body></html>`;
    return { status, headers: { 'content-type': 'text/html', ...headers }, text };
  }
  if (spec.body !== undefined) return { status, headers, json: spec.body };
  if (provider === 'zendesk' && status === 429) {
    return { status, headers, json: { error: 'APIRateLimitExceeded', description: `Rate limit exceeded, retry after ${headers['retry-after']} seconds` } };
  }
  if (provider === 'hubspot') {
    const rateLimited = status === 429;
    return {
      status,
      headers,
      json: rateLimited
        ? { status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName: 'TEN_SECONDLY_ROLLING', category: 'RATE_LIMITS' }
        : { status: 'error', message: 'internal error', correlationId: randomUUID(), category: 'INTERNAL_ERROR' },
    };
  }
  if (provider === 'zendesk') return { status, headers, json: { error: 'ServiceUnavailable', description: `Fake outage (HTTP ${status})` } };
  if (provider === 'mixpanel') {
    return { status, headers, json: { request: '/api/2.0/export', error: status === 429 ? 'Query rate limit exceeded: 60 queries per hour, 3 per second' : `Fake outage (HTTP ${status})` } };
  }
  if (provider === 'pendo') return { status, headers, json: { message: status === 429 ? 'Too many requests' : `Fake outage (HTTP ${status})` } };
  if (provider === 'gong') return { ...gongError(status, status === 429 ? 'API request limit exceeded' : 'Failed to complete the operation due to an unexpected error'), headers };
  if (provider === 'gmail') {
    const reason = spec.reason ?? (status === 429 || status === 403 ? 'rateLimitExceeded' : 'backendError');
    const text = reason === 'backendError' ? 'Backend Error' : 'Quota exceeded for quota metric \'Queries\' and limit \'Queries per minute per user\'';
    return { ...googleError(status, text, reason, status === 429 ? 'RESOURCE_EXHAUSTED' : status === 403 ? 'PERMISSION_DENIED' : 'UNAVAILABLE'), headers };
  }
  if (provider === 'googleCalendar') return { ...googleError(status, status === 429 ? 'Rate Limit Exceeded' : 'Backend Error', status === 429 ? 'rateLimitExceeded' : 'backendError', status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE'), headers };
  // Salesforce errors are an array; its daily quota is 403 REQUEST_LIMIT_EXCEEDED (there is no 429)
  if (provider === 'salesforce') return { ...sfError(status, spec.errorCode ?? (status === 403 ? 'REQUEST_LIMIT_EXCEEDED' : 'SERVER_UNAVAILABLE'), spec.message ?? (status === 403 ? 'TotalRequests Limit exceeded.' : 'Service unavailable')), headers };
  if (provider === 'intercom') return { ...intercomError(status, status === 429 ? 'rate_limit_exceeded' : 'service_unavailable', status === 429 ? 'Rate Limit Exceeded' : 'Service Unavailable'), headers };
  if (provider === 'graph') return { ...graphError(status, status === 429 ? 'TooManyRequests' : 'ServiceNotAvailable', status === 429 ? 'Application is over its MailboxConcurrency limit.' : 'The service is temporarily unavailable.'), headers };
  return { status, headers, json: { ok: false, error: status === 429 ? 'ratelimited' : 'internal_error' } };
}

function createFakeProviders(initialDataset = {}) {
  let source = initialDataset;
  let requests = [];
  let faults = [];
  let emails = [];
  const state = {};

  function load(raw) {
    const data = loadDataset(raw);
    source = raw;
    let ids = 900000;
    let slackCounter = 0;
    Object.assign(state, data, {
      expectedTokens: raw.tokens ?? {},
      clock: () => data.now,
      nextId: () => ++ids,
      slackTs: () => `${epochSeconds(data.now)}.${String(++slackCounter * 100).padStart(6, '0')}`,
    });
  }
  load(initialDataset);

  function reset() {
    requests = [];
    faults = [];
    emails = [];
    load(source);
  }

  function addFault(rule) {
    if (!rule || !HANDLERS[rule.provider]) throw new DatasetError(`fault: provider must be one of ${Object.keys(HANDLERS).join(', ')}`);
    if (!Array.isArray(rule.responses) || rule.responses.length === 0) throw new DatasetError('fault: responses must be a non-empty array of { status }');
    for (const r of rule.responses) if (!Number.isInteger(r?.status) && r?.hang !== true) throw new DatasetError('fault: every response needs an integer status (or hang: true)');
    faults.push({ provider: rule.provider, method: rule.method?.toUpperCase(), path: rule.path, responses: [...rule.responses], repeatLast: rule.repeatLast === true });
  }

  function takeFault(provider, method, pathname, req) {
    const rule = faults.find((f) => f.provider === provider && (!f.method || f.method === method) && (!f.path || pathname === f.path || pathname.startsWith(`${f.path}`)));
    if (!rule) return undefined;
    const spec = rule.responses.length > 1 || !rule.repeatLast ? rule.responses.shift() : rule.responses[0];
    if (rule.responses.length === 0) faults = faults.filter((f) => f !== rule);
    return faultResponse(provider, spec, req);
  }

  function upsertTickets(tickets) {
    if (!Array.isArray(tickets)) throw new DatasetError('zendesk tickets: body.tickets must be an array');
    const base = `https://${state.zendesk.subdomain}.zendesk.com/api/v2`;
    let latest = Math.max(0, ...state.zendesk.tickets.map((t) => t.generated_timestamp));
    for (const [index, patch] of tickets.entries()) {
      if (!Number.isInteger(patch?.id)) throw new DatasetError(`zendesk tickets[${index}].id must be an integer`);
      const existing = state.zendesk.tickets.find((t) => t.id === patch.id);
      latest += 1;
      const merged = normaliseTicket({ ...(existing ?? {}), ...patch, generated_timestamp: patch.generated_timestamp ?? latest }, `tickets[${index}]`, base, state.now);
      if (existing) Object.assign(existing, merged);
      else state.zendesk.tickets.push(merged);
    }
  }

  function admin(req) {
    const { method, pathname } = req;
    if (method === 'GET' && pathname === '/__fake/requests') {
      const provider = req.query.provider;
      return { status: 200, json: { requests: provider ? requests.filter((r) => r.provider === provider) : requests } };
    }
    if (method === 'GET' && pathname === '/__fake/outbox') {
      return {
        status: 200,
        json: {
          slackMessages: state.slack.messages,
          hubspotTasks: state.hubspot.tasks.map((t) => ({ id: t.id, properties: t.properties, associations: t.associations, request: t.request })),
          hubspotDeals: state.hubspot.deals.filter((d) => d.created).map((d) => ({ id: d.id, properties: d.properties, associations: d.associations, request: d.request })),
          hubspotEngagements: state.hubspot.engagements,
          emails,
        },
      };
    }
    if (method === 'GET' && pathname === '/__fake/faults') return { status: 200, json: { faults } };
    if (method === 'GET' && pathname === '/__fake/refused') return { status: 200, json: { refused: options.refused?.() ?? [] } };
    try {
      if (method === 'POST' && pathname === '/__fake/reset') {
        reset();
        return { status: 200, json: { ok: true } };
      }
      if (method === 'POST' && pathname === '/__fake/load') {
        load(req.json ?? {});
        requests = [];
        faults = [];
        return { status: 200, json: { ok: true } };
      }
      if (method === 'POST' && pathname === '/__fake/faults') {
        for (const rule of Array.isArray(req.json) ? req.json : [req.json]) addFault(rule);
        return { status: 200, json: { ok: true, faults: faults.length } };
      }
      if (method === 'POST' && pathname === '/__fake/zendesk/tickets') {
        upsertTickets(req.json?.tickets);
        return { status: 200, json: { ok: true } };
      }
    } catch (error) {
      if (error instanceof DatasetError) return { status: 400, json: { error: error.message } };
      throw error;
    }
    return { status: 404, json: { error: `no control endpoint ${method} ${pathname}` } };
  }

  /** Handles one parsed request; returns { status, headers?, json? | text? }. */
  function respond(req) {
    if (req.pathname.startsWith('/__fake/')) return { response: admin(req) };
    if (req.method === 'GET' && Object.prototype.hasOwnProperty.call(state.files, req.pathname)) {
      return { provider: 'files', response: { status: 200, json: state.files[req.pathname] } };
    }
    const byHost = providerForHost(req.headers.host);
    const order = byHost ? [byHost] : Object.keys(HANDLERS);
    for (const provider of order) {
      const fault = takeFault(provider, req.method, req.pathname, req);
      let response = fault && !fault.passThrough ? fault : HANDLERS[provider](state, req);
      if (response && fault?.passThrough && response.stream) response = { ...response, breakAfterLines: fault.breakAfterLines };
      if (response) return { provider, response, fault: Boolean(fault) };
    }
    return { provider: byHost, response: { status: 404, json: { error: `no fake provider serves ${req.method} ${req.pathname}` } } };
  }

  function handler(incoming, outgoing) {
    const chunks = [];
    incoming.on('data', (chunk) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const protocol = incoming.socket.encrypted ? 'https' : 'http';
      const url = new URL(incoming.url, `${protocol}://${incoming.headers.host ?? 'localhost'}`);
      let json;
      if (body && (incoming.headers['content-type'] ?? '').includes('json')) {
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
      }
      const req = {
        method: incoming.method,
        headers: incoming.headers,
        pathname: url.pathname,
        query: Object.fromEntries(url.searchParams),
        searchParams: url.searchParams,
        origin: url.origin,
        body,
        json,
      };
      let result;
      try {
        result = respond(req);
      } catch (error) {
        result = { response: { status: 500, json: { error: `fake crashed: ${error.message}` } } };
      }
      const { response } = result;
      // a server that never answers (the client's timeout is what ends it; close() drops the connection)
      if (response.hang) {
        if (result.provider) requests.push({ seq: requests.length + 1, provider: result.provider, method: req.method, host: req.headers.host, path: req.pathname, url: redactUrl(incoming.url), query: req.query, headers: redactHeaders(req.headers), body, json, status: 0, fault: true });
        return;
      }
      if (result.provider) {
        requests.push({
          seq: requests.length + 1,
          provider: result.provider,
          method: req.method,
          host: req.headers.host,
          path: req.pathname,
          url: redactUrl(incoming.url),
          query: req.query.token === undefined ? req.query : { ...req.query, token: '***' },
          headers: redactHeaders(req.headers),
          body: redactBody(body, req.headers['content-type']),
          json,
          status: response.status,
          fault: result.fault,
        });
        if (options.log) options.log(`${req.method} ${req.headers.host}${redactUrl(incoming.url)} → ${response.status}${result.fault ? ' (programmed fault)' : ''}`);
      }
      const headers = { ...(response.headers ?? {}) };
      if (response.stream) {
        writeStream(outgoing, response.status, headers, response.stream, response).catch((error) => outgoing.destroy(error));
        return;
      }
      let payload;
      if (response.bytes !== undefined) {
        payload = response.bytes;
      } else if (response.text !== undefined) {
        payload = response.text;
        headers['content-type'] ??= 'text/plain';
      } else {
        payload = JSON.stringify(response.json ?? {});
        headers['content-type'] ??= 'application/json; charset=utf-8';
      }
      outgoing.writeHead(response.status, headers);
      outgoing.end(payload);
    });
  }

  const options = {};
  return {
    handler,
    state,
    load,
    reset,
    addFault,
    requests: () => requests,
    emails: () => emails,
    recordEmail: (message) => {
      emails.push(message);
    },
    setLogger: (log) => {
      options.log = log;
    },
    setRefusedSource: (refused) => {
      options.refused = refused;
    },
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

/**
 * Starts the fakes. `httpPort: 0` picks a free port (null: none); `https: { port, cert, key }` adds
 * TLS (port 0: a free one); `proxy: { port }` adds the routing proxy (proxy.js) in front of them, so a
 * process with HTTPS_PROXY / HTTP_PROXY set reaches them under the providers' real host names;
 * `controlSocket` also serves on a unix socket; `smtp: { port }` adds the SMTP fake (smtp.js) on loopback.
 * Returns the URLs and a close().
 */
async function startFakeProviders({ dataset = {}, host = '127.0.0.1', httpPort = 0, https: tls, proxy, controlSocket, smtp, log } = {}) {
  const fakes = createFakeProviders(dataset);
  if (log) fakes.setLogger(log);
  const servers = [];
  const result = { ...fakes };
  if (httpPort !== null) {
    const server = http.createServer(fakes.handler);
    const port = await listen(server, httpPort, host);
    servers.push(server);
    result.httpUrl = `http://${host}:${port}`;
  }
  if (tls) {
    const server = https.createServer({ cert: tls.cert, key: tls.key }, fakes.handler);
    const port = await listen(server, tls.port ?? 443, host);
    servers.push(server);
    result.httpsUrl = `https://${host}:${port}`;
    result.httpsPort = port;
  }
  if (result.httpUrl) result.httpPort = Number(new URL(result.httpUrl).port);
  let routingProxy;
  if (proxy) {
    routingProxy = await startRoutingProxy({ httpsPort: result.httpsPort, httpPort: result.httpPort, port: proxy.port ?? 0, log: log ?? ((line) => process.stderr.write(`${line}\n`)) });
    fakes.setRefusedSource(routingProxy.refused);
    result.proxyUrl = routingProxy.url;
    result.refused = routingProxy.refused;
  }
  let smtpServer;
  if (smtp) {
    smtpServer = await startSmtpFake({ host, port: smtp.port ?? 0, onMessage: fakes.recordEmail, log });
    result.smtpPort = smtpServer.port;
  }
  if (controlSocket) {
    // A unix socket is outside any network namespace: the test process drives a fake that runs
    // inside one (same handler, so /__fake/* and the provider routes both answer there).
    const fs = require('node:fs');
    fs.rmSync(controlSocket, { force: true });
    const server = http.createServer(fakes.handler);
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(controlSocket, resolve);
    });
    servers.push(server);
    result.controlSocket = controlSocket;
  }
  result.close = () => Promise.all([routingProxy?.close(), smtpServer?.close(), ...servers.map((s) => new Promise((resolve) => {
    s.closeAllConnections?.();
    s.close(() => resolve());
  }))]).then(() => undefined);
  return result;
}

module.exports = { createFakeProviders, startFakeProviders, providerForHost, redact };
