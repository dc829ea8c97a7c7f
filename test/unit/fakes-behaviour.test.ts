/**
 * What the fake providers do beyond shapes: cursors that resume, programmed 429/5xx sequences,
 * Slack's ok:false errors, HubSpot task validation, request recording without secrets, and a
 * dataset loader that names the broken field.
 */
import * as http from 'node:http';
import defaultDataset from '../fakes/data/default.json';
import { createFakeProviders, startFakeProviders, type RunningFakeProviders } from '../fakes/providers';

const HUBSPOT_AUTH = { authorization: 'Bearer pat-na1-test-token' };
const ZENDESK_AUTH = { authorization: `Basic ${Buffer.from('admin@acme.example/token:zd-test-token').toString('base64')}` };
const SLACK_AUTH = { authorization: 'Bearer xoxb-test-slack-token' };

let fakes: RunningFakeProviders;
beforeAll(async () => {
  fakes = await startFakeProviders({ dataset: defaultDataset });
});
afterAll(async () => {
  await fakes.close();
});
beforeEach(() => fakes.reset());

async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
  const response = await fetch(`${fakes.httpUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), json: (await response.json()) as any };
}

/** Raw request with an explicit Host header (fetch does not let us set it). */
function withHost(host: string, method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; json: any }> {
  const url = new URL(fakes.httpUrl!);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, host } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(data) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function exportAll(from: string): Promise<{ ids: number[]; cursor: string; pages: number }> {
  let response = await call(from, { headers: ZENDESK_AUTH });
  const ids = response.json.tickets.map((t: any) => t.id);
  let pages = 1;
  while (!response.json.end_of_stream) {
    response = await call(`/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(response.json.after_cursor)}`, { headers: ZENDESK_AUTH });
    ids.push(...response.json.tickets.map((t: any) => t.id));
    pages += 1;
  }
  return { ids, cursor: response.json.after_cursor, pages };
}

describe('Zendesk incremental export', () => {
  it('resumes from the stored after_cursor: nothing new, then only the ticket that changed', async () => {
    const first = await exportAll('/api/v2/incremental/tickets/cursor.json?start_time=1794528000');
    expect(first).toEqual({ ids: [35436, 35437, 35438, 35440], cursor: expect.any(String), pages: 2 });

    const unchanged = await exportAll(`/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(first.cursor)}`);
    expect(unchanged).toEqual({ ids: [], cursor: first.cursor, pages: 1 });

    const upsert = await call('/__fake/zendesk/tickets', { method: 'POST', body: { tickets: [{ id: 35437, status: 'solved' }] } });
    expect(upsert.status).toBe(200);
    const changed = await exportAll(`/api/v2/incremental/tickets/cursor.json?cursor=${encodeURIComponent(first.cursor)}`);
    expect(changed.ids).toEqual([35437]);
  });

  it('sideloads metric_sets for exactly the tickets on the page', async () => {
    const page = await call('/api/v2/incremental/tickets/cursor.json?start_time=0&include=metric_sets', { headers: ZENDESK_AUTH });
    expect(page.json.tickets.map((t: any) => t.id)).toEqual([35439, 35436]);
    expect(page.json.metric_sets.map((m: any) => [m.ticket_id, m.reopens, m.replies])).toEqual([[35436, 1, 4], [35439, 0, 1]]);
  });

  it('rejects an export without start_time or cursor, and unauthenticated calls', async () => {
    expect(await call('/api/v2/incremental/tickets/cursor.json', { headers: ZENDESK_AUTH })).toEqual({ status: 400, retryAfter: null, json: { error: 'InvalidValue', description: 'start_time or cursor is required' } });
    expect((await call('/api/v2/incremental/tickets/cursor.json?start_time=0')).json).toEqual({ error: "Couldn't authenticate you" });
  });
});

describe('programmed faults', () => {
  it('429 with Retry-After, then a 503, then the real answer', async () => {
    fakes.addFault({ provider: 'zendesk', path: '/api/v2/incremental/tickets/cursor.json', responses: [{ status: 429, retryAfter: 3 }, { status: 503 }] });
    const path = '/api/v2/incremental/tickets/cursor.json?start_time=0';
    const limited = await call(path, { headers: ZENDESK_AUTH });
    expect([limited.status, limited.retryAfter, limited.json.error]).toEqual([429, '3', 'APIRateLimitExceeded']);
    expect((await call(path, { headers: ZENDESK_AUTH })).status).toBe(503);
    expect((await call(path, { headers: ZENDESK_AUTH })).status).toBe(200);
    expect(fakes.requests().map((r) => [r.status, r.fault])).toEqual([[429, true], [503, true], [200, false]]);
  });

  it('repeatLast keeps failing (a source down for good) until reset', async () => {
    const programmed = await call('/__fake/faults', { method: 'POST', body: { provider: 'hubspot', method: 'GET', responses: [{ status: 500 }], repeatLast: true } });
    expect(programmed.status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await call('/crm/v3/objects/companies', { headers: HUBSPOT_AUTH })).json.category).toBe('INTERNAL_ERROR');
    await call('/__fake/reset', { method: 'POST' });
    expect((await call('/crm/v3/objects/companies', { headers: HUBSPOT_AUTH })).status).toBe(200);
  });

  it('names what is wrong with a bad fault program', async () => {
    expect(await call('/__fake/faults', { method: 'POST', body: { provider: 'freshdesk', responses: [{ status: 429 }] } })).toEqual({
      status: 400,
      retryAfter: null,
      json: { error: 'fault: provider must be one of hubspot, zendesk, slack, googleNews, edgar, newsroom, mixpanel, pendo, gong, gmail, graph, googleCalendar, intercom, salesforce' },
    });
  });
});

describe('Slack chat.postMessage', () => {
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: 'Churn risk: Acme Corp' } },
    { type: 'section', fields: [{ type: 'mrkdwn', text: '*Health*\n38 (−22)' }, { type: 'mrkdwn', text: '*Renewal*\n2027-02-18' }] },
  ];

  it('accepts a Block Kit message and answers like Slack (ts, channel, message)', async () => {
    const response = await withHost('slack.com', 'POST', '/api/chat.postMessage', { ...SLACK_AUTH, 'content-type': 'application/json' }, JSON.stringify({ channel: 'C0123ABC', text: 'Churn risk: Acme Corp', blocks }));
    expect(response).toEqual({
      status: 200,
      json: {
        ok: true,
        channel: 'C0123ABC',
        ts: '1795420800.000100',
        message: { user: 'U0FAKEBOT', type: 'message', ts: '1795420800.000100', bot_id: 'B0FAKEBOT', app_id: 'A0FAKEAPP', text: 'Churn risk: Acme Corp', team: 'T0FAKE', blocks },
      },
    });
    const [recorded] = fakes.requests();
    expect([recorded.provider, recorded.host, recorded.headers.authorization, recorded.json.channel]).toEqual(['slack', 'slack.com', 'Bearer ***oken', 'C0123ABC']);
  });

  it.each([
    ['no text and no blocks', { channel: 'C0123ABC' }, { ok: false, error: 'no_text' }],
    ['an unknown channel', { channel: 'C9999', text: 'x' }, { ok: false, error: 'channel_not_found' }],
    [
      'a header with mrkdwn text',
      { channel: 'C0123ABC', text: 'x', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: '*bold*' } }] },
      { ok: false, error: 'invalid_blocks', errors: ['blocks[0].text.type must be plain_text'], response_metadata: { messages: ['[ERROR] blocks[0].text.type must be plain_text'] } },
    ],
    [
      'an unknown block type',
      { channel: 'C0123ABC', text: 'x', blocks: [{ type: 'table' }] },
      { ok: false, error: 'invalid_blocks', errors: ['blocks[0]: unknown block type "table"'], response_metadata: { messages: ['[ERROR] blocks[0]: unknown block type "table"'] } },
    ],
  ])('answers ok:false for %s', async (_label, body, expected) => {
    expect(await call('/api/chat.postMessage', { method: 'POST', headers: SLACK_AUTH, body })).toEqual({ status: 200, retryAfter: null, json: expected });
  });

  it('accepts a form-encoded post with the token as a parameter and records it redacted', async () => {
    const response = await fetch(`${fakes.httpUrl}/api/chat.postMessage?token=xoxb-query-secret`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=xoxb-form-secret&channel=C0123ABC&text=Renewal+in+87+days',
    });
    expect(((await response.json()) as any).ok).toBe(true);
    const [recorded] = fakes.requests();
    expect([recorded.url, recorded.query, recorded.body]).toEqual([
      '/api/chat.postMessage?token=***',
      { token: '***' },
      'token=***&channel=C0123ABC&text=Renewal+in+87+days',
    ]);
    expect(JSON.stringify(fakes.requests())).not.toMatch(/secret/);
  });

  it('posts to a user id as a direct message (the DM with the bot), only to members when the workspace lists them', async () => {
    fakes.load({ ...defaultDataset, slack: { channels: [{ id: 'C0123ABC', name: 'cs-alerts' }], users: [{ id: 'U01MAYA', name: 'Maya Chen' }] } });
    const dm = await call('/api/chat.postMessage', { method: 'POST', headers: SLACK_AUTH, body: { channel: 'U01MAYA', text: 'Your CS queue' } });
    expect([dm.json.ok, dm.json.channel]).toEqual([true, 'D01MAYA']);
    expect((await call('/api/chat.postMessage', { method: 'POST', headers: SLACK_AUTH, body: { channel: 'U09NOBODY', text: 'x' } })).json).toEqual({ ok: false, error: 'channel_not_found' });
    const outbox = await call('/__fake/outbox');
    expect(outbox.json.slackMessages.map((m: any) => [m.channel, m.dmUser, m.text])).toEqual([['D01MAYA', 'U01MAYA', 'Your CS queue']]);
  });

  it('answers not_authed without a token, and auth.test with one', async () => {
    expect((await call('/api/chat.postMessage', { method: 'POST', body: { channel: 'C0123ABC', text: 'x' } })).json).toEqual({ ok: false, error: 'not_authed' });
    expect((await call('/api/auth.test', { method: 'POST', headers: SLACK_AUTH })).json.user_id).toBe('U0FAKEBOT');
  });
});

describe('HubSpot', () => {
  it('routes on the Host header: api.hubapi.com does not answer Slack paths', async () => {
    const response = await withHost('api.hubapi.com', 'POST', '/api/chat.postMessage', HUBSPOT_AUTH);
    expect(response.status).toBe(404);
    expect(response.json).toEqual({ error: "no fake provider serves POST /api/chat.postMessage" });
  });

  it('rejects a task associated with a wrong type id or a missing record, and keeps a valid one in the outbox', async () => {
    const base = { properties: { hs_timestamp: '2026-11-25T09:00:00Z', hs_task_subject: 'Call' } };
    const wrongType = await call('/crm/v3/objects/tasks', { method: 'POST', headers: HUBSPOT_AUTH, body: { ...base, associations: [{ to: { id: '4511' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 }] }] } });
    expect([wrongType.status, wrongType.json.message]).toEqual([400, 'associations[0]: association type HUBSPOT_DEFINED/280 is not valid for tasks (HUBSPOT_DEFINED 192 company, 204 contact, 216 deal)']);
    const missing = await call('/crm/v3/objects/tasks', { method: 'POST', headers: HUBSPOT_AUTH, body: { ...base, associations: [{ to: { id: '999' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }] } });
    expect(missing.json.message).toBe('associations[0]: no company with id 999');
    const created = await call('/crm/v3/objects/tasks', { method: 'POST', headers: HUBSPOT_AUTH, body: { ...base, associations: [{ to: { id: '4511' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] }] } });
    expect(created.json).toEqual({
      id: '900001',
      properties: { hs_task_status: 'NOT_STARTED', hs_task_priority: 'NONE', hs_task_type: 'TODO', hs_timestamp: '2026-11-25T09:00:00Z', hs_task_subject: 'Call', hs_object_id: '900001', hs_createdate: '2026-11-23T08:00:00Z', hs_lastmodifieddate: '2026-11-23T08:00:00Z' },
      createdAt: '2026-11-23T08:00:00Z',
      updatedAt: '2026-11-23T08:00:00Z',
      archived: false,
    });
    const outbox = await call('/__fake/outbox');
    expect(outbox.json.hubspotTasks.map((t: any) => [t.id, t.associations])).toEqual([['900001', { companies: ['4511'] }]]);
  });

  it('creates a deal in a known pipeline and stage, associated both ways with its company; refuses an unknown stage and a task association type', async () => {
    fakes.load({ ...defaultDataset, hubspot: { ...defaultDataset.hubspot, pipelines: [{ id: 'cs-expansion', stages: ['expansion_handoff', 'closedwon'] }] } });
    const association = (typeId: number) => [{ to: { id: '4511' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }] }];
    const deal = { dealname: 'Acme Corp — expansion', pipeline: 'cs-expansion', dealstage: 'expansion_handoff', amount: '38400', hubspot_owner_id: '77002' };
    const badStage = await call('/crm/v3/objects/deals', { method: 'POST', headers: HUBSPOT_AUTH, body: { properties: { ...deal, dealstage: 'appointmentscheduled' }, associations: association(5) } });
    expect([badStage.status, badStage.json.category]).toEqual([400, 'VALIDATION_ERROR']);
    expect(badStage.json.message).toContain('appointmentscheduled is not a valid stage of pipeline cs-expansion; valid: expansion_handoff, closedwon');
    const taskType = await call('/crm/v3/objects/deals', { method: 'POST', headers: HUBSPOT_AUTH, body: { properties: deal, associations: association(192) } });
    expect(taskType.json.message).toBe('associations[0]: association type HUBSPOT_DEFINED/192 is not valid for deals (HUBSPOT_DEFINED 3 contact, 5 company, 341 company)');
    const noName = await call('/crm/v3/objects/deals', { method: 'POST', headers: HUBSPOT_AUTH, body: { properties: { pipeline: 'cs-expansion' }, associations: [] } });
    expect(noName.status).toBe(400);
    const created = await call('/crm/v3/objects/deals', { method: 'POST', headers: HUBSPOT_AUTH, body: { properties: deal, associations: association(5) } });
    expect([created.status, created.json.id, created.json.properties.dealstage]).toEqual([201, '900001', 'expansion_handoff']);
    const company = await call('/crm/v3/objects/companies/4511?associations=deals', { headers: HUBSPOT_AUTH });
    expect(company.json.associations.deals.results.map((r: any) => r.id)).toContain('900001');
    const outbox = await call('/__fake/outbox');
    expect(outbox.json.hubspotDeals.map((d: any) => [d.id, d.properties.dealname, d.associations])).toEqual([['900001', 'Acme Corp — expansion', { companies: ['4511'] }]]);
  });

  it('serves requested-but-empty properties as null and always the id and dates', async () => {
    const response = await call('/crm/v3/objects/companies/4513?properties=name,annualrevenue', { headers: HUBSPOT_AUTH });
    expect(response.json.properties).toEqual({ name: 'Initech', annualrevenue: null, createdate: '2025-09-10T09:00:00Z', hs_lastmodifieddate: '2026-11-01T10:00:00Z', hs_object_id: '4513' });
  });
});

describe('dataset loader', () => {
  it.each([
    [{ hubspot: { companies: [{ properties: {} }] } }, 'dataset hubspot.companies[0].id: is required'],
    [{ hubspot: { companies: [{ id: '1', associations: { contacts: ['7'] } }] } }, 'dataset hubspot.companies[0].associations.contacts: no contact with id 7'],
    [{ zendesk: { tickets: [{ id: 1, updated_at: '31/02/2026' }] } }, 'dataset zendesk.tickets[0].updated_at: "31/02/2026" is not an ISO-8601 date-time'],
    [{ zendesk: { tickets: [{ id: 1 }], satisfactionRatings: [{ id: 2, ticket_id: 1, score: 'great' }] } }, 'dataset zendesk.satisfactionRatings[0].score: "great" is not one of offered, unoffered, good, bad'],
  ])('names the broken field: %j', (dataset, message) => {
    expect(() => createFakeProviders(dataset)).toThrow(message);
  });

  it('serves dataset files on GET from any host, and rejects a path without a leading slash', async () => {
    await call('/__fake/load', { method: 'POST', body: { files: { '/warehouse/usage.json': [{ accountId: '4511', wau: 41 }] } } });
    expect(await call('/warehouse/usage.json')).toEqual({ status: 200, retryAfter: null, json: [{ accountId: '4511', wau: 41 }] });
    expect(fakes.requests().map((r) => [r.provider, r.path])).toEqual([['files', '/warehouse/usage.json']]);
    expect(() => createFakeProviders({ files: { 'warehouse.json': {} } })).toThrow('dataset files["warehouse.json"]: the path must start with /');
    await call('/__fake/load', { method: 'POST', body: defaultDataset });
  });

  it('makes associations symmetric and property values strings', () => {
    const fake = createFakeProviders({ hubspot: { companies: [{ id: 1, properties: { annualrevenue: 5000 }, associations: { deals: [2] } }], deals: [{ id: 2 }] } });
    expect(fake.state.hubspot.deals[0].associations).toEqual({ companies: ['1'] });
    expect(fake.state.hubspot.companies[0].properties.annualrevenue).toBe('5000');
  });
});

describe('SMTP fake', () => {
  it('accepts a message without TLS, parses it and keeps it for the outbox (reset forgets it)', async () => {
    const smtp = await startFakeProviders({ dataset: defaultDataset, smtp: {} });
    try {
      const net = await import('node:net');
      const socket = net.connect(smtp.smtpPort!, '127.0.0.1');
      const lines: string[] = [];
      const next = () => new Promise<string>((resolve) => socket.once('data', (chunk) => resolve(String(chunk))));
      const send = async (line: string) => {
        socket.write(`${line}\r\n`);
        lines.push(await next());
      };
      lines.push(await next());
      await send('EHLO n8n.local');
      await send('MAIL FROM:<cs-reports@example.com>');
      await send('RCPT TO:<cro@example.com>');
      await send('DATA');
      await send(['From: cs-reports@example.com', 'To: cro@example.com', 'Subject: Weekly report', 'Content-Type: text/html; charset=utf-8', '', '<h1>Report</h1>', '.'].join('\r\n'));
      socket.end('QUIT\r\n');
      expect(lines[0]).toMatch(/^220 /);
      expect(lines[1]).not.toContain('STARTTLS');
      expect(lines[lines.length - 1]).toMatch(/^250 /);
      expect(smtp.emails()).toEqual([
        // mailparser's text rendering of the HTML (an h1 reads in capitals)
        { from: 'cs-reports@example.com', to: 'cro@example.com', subject: 'Weekly report', html: '<h1>Report</h1>\n', text: 'REPORT', envelope: { from: 'cs-reports@example.com', to: ['cro@example.com'] } },
      ]);
      smtp.reset();
      expect(smtp.emails()).toEqual([]);
    } finally {
      await smtp.close();
    }
  });
});
