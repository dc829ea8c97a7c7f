/**
 * The fake providers answer in the shapes of the providers' official OpenAPI documents
 * (shared/reference/specs). Every response the e2e tests and the demo rely on is fetched from a
 * running fake and validated against the response schema of the same operation in the spec.
 * If a fake drifts (a renamed field, a number where the spec says string), this test fails.
 * The specs are read where they are (CS_SIGNAL_OS_SPECS or ../shared beside the clone, never copied
 * in); without them the suite is listed as skipped with the reason, and under CI=true it fails.
 */
import defaultDataset from '../fakes/data/default.json';
import { describeAgainstSpecs, describeErrors, SpecValidator } from '../fakes/openapi';
import { startFakeProviders, type RunningFakeProviders } from '../fakes/providers';
import { SatisfactionRatingObject, TicketMetricObject } from '../fakes/spec-supplements';
import { intercomDataset, TOKEN as INTERCOM_TOKEN } from '../fixtures/intercom/book';

const HUBSPOT_AUTH = { authorization: 'Bearer pat-na1-test-token' };
const ZENDESK_AUTH = { authorization: `Basic ${Buffer.from('admin@acme.example/token:zd-test-token').toString('base64')}` };

/**
 * Known, deliberate deviation: HubSpot's schema types every property value as string, but the live
 * API returns `null` for a requested property that has no value; the fake does the same so clients
 * are tested against it. Only this one keyword is widened.
 */
function allowNullPropertyValues(doc: any): void {
  for (const name of ['SimplePublicObjectWithAssociations', 'SimplePublicObject']) {
    doc.components.schemas[name].properties.properties.additionalProperties = { type: 'string', nullable: true };
  }
}

describeAgainstSpecs('the fake providers conform to the official specs', () => {
  let specs: SpecValidator;
  const loadSpecs = () =>
    new SpecValidator()
      .addSpec('hubspot-companies', 'hubspot/companies.json', allowNullPropertyValues)
      .addSpec('hubspot-contacts', 'hubspot/contacts.json', allowNullPropertyValues)
      .addSpec('hubspot-deals', 'hubspot/deals.json', allowNullPropertyValues)
      .addSpec('hubspot-tasks', 'hubspot/tasks.json', allowNullPropertyValues)
      .addSpec('zendesk-oas', 'zendesk/zendesk-oas.yml')
      .addSpec('zendesk-incremental', 'zendesk/incremental-openapi-original.yml', (doc) => {
        doc.components.schemas.TicketObject = { $ref: 'zendesk-oas#/components/schemas/Ticket' };
        doc.components.schemas.TicketMetricObject = TicketMetricObject;
      })
      .addSpec('zendesk-satisfaction', 'zendesk/satisfaction-ratings-openapi-original.yml', (doc) => {
        doc.components.schemas.SatisfactionRatingObject = SatisfactionRatingObject;
      });

  let fakes: RunningFakeProviders;

  beforeAll(async () => {
    specs = loadSpecs();
    fakes = await startFakeProviders({ dataset: defaultDataset });
  });
  afterAll(async () => {
    await fakes.close();
  });
  beforeEach(() => fakes.reset());

  async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; host?: string } = {}) {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${fakes.httpUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as any };
  }

  function expectConforms(specId: string, pathTemplate: string, method: string, response: { status: number; json: unknown }): void {
    const validate = specs.responseValidator(specId, pathTemplate, method, response.status);
    const ok = validate(response.json);
    expect({ ok, errors: describeErrors(validate) }).toEqual({ ok: true, errors: '' });
  }

  /** Follows HubSpot's `paging.next.after` to the end; returns every page. */
  async function hubspotPages(path: string): Promise<Array<{ status: number; json: any }>> {
    const pages = [];
    let after: string | undefined;
    do {
      const page = await call(`${path}${after ? `&after=${after}` : ''}`, { headers: HUBSPOT_AUTH });
      pages.push(page);
      after = page.json.paging?.next?.after;
    } while (after && pages.length < 20);
    return pages;
  }

  describe('HubSpot fake conforms to the CRM v3 object specs', () => {
    it.each([
      ['companies', 'hubspot-companies', '/crm/v3/objects/companies', 'name,domain,annualrevenue,hubspot_owner_id,cs_segment', 'contacts,deals', 3],
      ['contacts', 'hubspot-contacts', '/crm/v3/objects/contacts', 'email,firstname,lastname,jobtitle', 'companies', 4],
      ['deals', 'hubspot-deals', '/crm/v3/objects/0-3', 'dealname,amount,closedate,dealstage,hubspot_owner_id', 'companies', 3],
    ])('%s: every page of a paged list with properties and associations', async (type, specId, pathTemplate, properties, associations, total) => {
      const pages = await hubspotPages(`/crm/v3/objects/${type}?limit=2&properties=${properties}&associations=${associations}`);
      expect(pages.length).toBe(2);
      for (const page of pages) expectConforms(specId, pathTemplate, 'get', page);
      expect(pages.flatMap((p) => p.json.results).length).toBe(total);
    });

    it('contacts with propertiesWithHistory: every page conforms (ValueWithTimestamp entries, newest first), at most 50 a page', async () => {
      const pages = await hubspotPages('/crm/v3/objects/contacts?limit=100&properties=jobtitle,associatedcompanyid&propertiesWithHistory=jobtitle,associatedcompanyid,hs_email_hard_bounce_reason_enum');
      for (const page of pages) expectConforms('hubspot-contacts', '/crm/v3/objects/contacts', 'get', page);
      const contacts = pages.flatMap((page) => page.json.results);
      expect(contacts.length).toBe(4);
      expect(contacts.every((contact: any) => Array.isArray(contact.propertiesWithHistory.jobtitle) && contact.propertiesWithHistory.jobtitle[0].value === contact.properties.jobtitle)).toBe(true);
      const validate = specs.componentValidator('hubspot-contacts', 'ValueWithTimestamp');
      expect(validate({ value: 'VP Finance', timestamp: '2024-05-20T08:00:00Z' })).toBe(false);
    });

    it('the deals spec path /crm/v3/objects/0-3 answers like /crm/v3/objects/deals', async () => {
      const byId = await call('/crm/v3/objects/0-3?limit=100', { headers: HUBSPOT_AUTH });
      const byName = await call('/crm/v3/objects/deals?limit=100', { headers: HUBSPOT_AUTH });
      expect(byId.json).toEqual(byName.json);
      expectConforms('hubspot-deals', '/crm/v3/objects/0-3', 'get', byId);
    });

    it('task creation: the request we send is a valid create input and the 201 reply a SimplePublicObject', async () => {
      const body = {
        properties: {
          hs_timestamp: '2026-11-25T09:00:00Z',
          hs_task_subject: 'Acme Corp: executive escalation call',
          hs_task_body: 'Two urgent tickets in 7 days',
          hs_task_priority: 'HIGH',
          hubspot_owner_id: '77001',
        },
        associations: [
          { to: { id: '4511' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 192 }] },
          { to: { id: '101' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 204 }] },
          { to: { id: '9001' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 216 }] },
        ],
      };
      const input = specs.componentValidator('hubspot-tasks', 'SimplePublicObjectInputForCreate');
      expect(input(body)).toBe(true);
      const created = await call('/crm/v3/objects/tasks', { method: 'POST', headers: HUBSPOT_AUTH, body });
      expect(created.status).toBe(201);
      expectConforms('hubspot-tasks', '/crm/v3/objects/tasks', 'post', created);
      const listed = await call('/crm/v3/objects/tasks?properties=hs_task_subject', { headers: HUBSPOT_AUTH });
      expectConforms('hubspot-tasks', '/crm/v3/objects/tasks', 'get', listed);
    });

    it('deal creation: the hand-off request we send is a valid create input and the 201 reply a SimplePublicObject; the deal lists like the others', async () => {
      const body = {
        properties: { dealname: 'Acme Corp — expansion', pipeline: 'default', dealstage: 'appointmentscheduled', amount: '38400', closedate: '2027-06-21T00:00:00Z', hubspot_owner_id: '77002', description: 'Champion: Dana (COO)' },
        associations: [{ to: { id: '4511' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 5 }] }],
      };
      const input = specs.componentValidator('hubspot-deals', 'SimplePublicObjectInputForCreate');
      expect(input(body)).toBe(true);
      const created = await call('/crm/v3/objects/deals', { method: 'POST', headers: HUBSPOT_AUTH, body });
      expect(created.status).toBe(201);
      expectConforms('hubspot-deals', '/crm/v3/objects/0-3', 'post', created);
      const listed = await call('/crm/v3/objects/0-3?limit=100&properties=dealname,pipeline&associations=companies', { headers: HUBSPOT_AUTH });
      expectConforms('hubspot-deals', '/crm/v3/objects/0-3', 'get', listed);
      expect(listed.json.results.map((d: any) => d.properties.dealname)).toContain('Acme Corp — expansion');
      const rejected = await call('/crm/v3/objects/deals', { method: 'POST', headers: HUBSPOT_AUTH, body: { properties: { amount: '1' }, associations: [] } });
      expect(rejected.status).toBe(400);
      expectConforms('hubspot-deals', '/crm/v3/objects/0-3', 'post', rejected);
    });

    it.each([
      ['no credentials (401)', '/crm/v3/objects/companies', {}],
      ['a bad paging cursor (400)', '/crm/v3/objects/companies?after=not-a-cursor', HUBSPOT_AUTH],
    ])('errors use the spec Error body: %s', async (_label, path, headers) => {
      const response = await call(path, { headers });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expectConforms('hubspot-companies', '/crm/v3/objects/companies', 'get', response);
    });

    it('a rejected task (400) and a programmed 429 use the spec Error body', async () => {
      const rejected = await call('/crm/v3/objects/tasks', { method: 'POST', headers: HUBSPOT_AUTH, body: { properties: { hs_task_subject: 'no timestamp' }, associations: [] } });
      expect(rejected.status).toBe(400);
      expectConforms('hubspot-tasks', '/crm/v3/objects/tasks', 'post', rejected);
      fakes.addFault({ provider: 'hubspot', path: '/crm/v3/objects/companies', responses: [{ status: 429, retryAfter: 2 }] });
      const limited = await call('/crm/v3/objects/companies', { headers: HUBSPOT_AUTH });
      expect(limited.status).toBe(429);
      expectConforms('hubspot-companies', '/crm/v3/objects/companies', 'get', limited);
    });
  });

  describe('Zendesk fake conforms to the Zendesk OpenAPI documents', () => {
    it('incremental cursor export with metric_sets: every page, to end_of_stream', async () => {
      let response = await call('/api/v2/incremental/tickets/cursor.json?start_time=0&include=metric_sets', { headers: ZENDESK_AUTH });
      const pages = [response];
      while (!response.json.end_of_stream && pages.length < 20) {
        response = await call(new URL(response.json.after_url).pathname + new URL(response.json.after_url).search, { headers: ZENDESK_AUTH });
        pages.push(response);
      }
      expect(pages.length).toBe(3);
      const metrics = specs.componentValidator('zendesk-incremental', 'TicketMetricObject');
      for (const page of pages) {
        expectConforms('zendesk-incremental', '/api/v2/incremental/tickets/cursor', 'get', page);
        for (const metric of page.json.metric_sets) expect({ ok: metrics(metric), errors: describeErrors(metrics) }).toEqual({ ok: true, errors: '' });
      }
      expect(pages.flatMap((p) => p.json.tickets.map((t: any) => t.id))).toEqual([35439, 35436, 35437, 35438, 35440]);
    });

    it('satisfaction ratings, cursor-paged and offset-paged', async () => {
      const first = await call('/api/v2/satisfaction_ratings.json?page[size]=2', { headers: ZENDESK_AUTH });
      expectConforms('zendesk-satisfaction', '/api/v2/satisfaction_ratings', 'get', first);
      expect(first.json.meta.has_more).toBe(true);
      const next = new URL(first.json.links.next);
      const second = await call(next.pathname + next.search, { headers: ZENDESK_AUTH });
      expectConforms('zendesk-satisfaction', '/api/v2/satisfaction_ratings', 'get', second);
      expect(second.json.meta).toEqual({ has_more: false, after_cursor: expect.any(String), before_cursor: expect.any(String) });
      const offset = await call('/api/v2/satisfaction_ratings.json?score=bad', { headers: ZENDESK_AUTH });
      expectConforms('zendesk-satisfaction', '/api/v2/satisfaction_ratings', 'get', offset);
      expect(offset.json.satisfaction_ratings.map((r: any) => r.id)).toEqual([7001]);
    });

    it('organizations list and the 401 / 429 error bodies', async () => {
      const organizations = await call('/api/v2/organizations.json', { headers: ZENDESK_AUTH });
      expectConforms('zendesk-oas', '/organizations', 'get', organizations);
      expect(organizations.json.next_page).toMatch(/\/api\/v2\/organizations\.json\?page=2/);
      const unauthorised = await call('/api/v2/organizations.json');
      expect(unauthorised.status).toBe(401);
      expectConforms('zendesk-oas', '/organizations', 'get', unauthorised);
      fakes.addFault({ provider: 'zendesk', path: '/api/v2/organizations.json', responses: [{ status: 429, retryAfter: 7 }] });
      const limited = await call('/api/v2/organizations.json', { headers: ZENDESK_AUTH });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('7');
      expectConforms('zendesk-oas', '/organizations', 'get', limited);
    });
  });

  describe('the conformance check can fail', () => {
    it('rejects a drifted HubSpot page (numeric id, missing createdAt) and a drifted Zendesk export (string ticket id)', async () => {
      const page = await call('/crm/v3/objects/companies?limit=1', { headers: HUBSPOT_AUTH });
      const drifted = structuredClone(page.json);
      drifted.results[0].id = 4511;
      delete drifted.results[0].createdAt;
      const hubspot = specs.responseValidator('hubspot-companies', '/crm/v3/objects/companies', 'get', 200);
      expect(hubspot(drifted)).toBe(false);
      expect(describeErrors(hubspot)).toBe("/results/0 must have required property 'createdAt'; /results/0/id must be string");

      const exported = await call('/api/v2/incremental/tickets/cursor.json?start_time=0', { headers: ZENDESK_AUTH });
      const driftedExport = structuredClone(exported.json);
      driftedExport.tickets[0].id = '35439';
      driftedExport.end_of_stream = 'no';
      const zendesk = specs.responseValidator('zendesk-incremental', '/api/v2/incremental/tickets/cursor', 'get', 200);
      expect(zendesk(driftedExport)).toBe(false);
      expect(describeErrors(zendesk)).toBe('/end_of_stream must be boolean; /tickets/0/id must be integer');
    });
  });
});

describeAgainstSpecs('the fake Intercom conforms to the Intercom REST API 2.14 spec', () => {
  let specs: SpecValidator;
  let fakes: RunningFakeProviders;
  const AUTH = { authorization: `Bearer ${INTERCOM_TOKEN}`, 'intercom-version': '2.14' };

  beforeAll(async () => {
    specs = new SpecValidator().addSpec('intercom', 'intercom-2.14.yaml');
    fakes = await startFakeProviders({ dataset: intercomDataset });
  });
  afterAll(async () => {
    await fakes.close();
  });
  beforeEach(() => fakes.reset());

  async function call(path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
    const response = await fetch(`${fakes.httpUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(init.headers ?? AUTH), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as any };
  }

  function expectConforms(pathTemplate: string, method: string, response: { status: number; json: unknown }): void {
    const validate = specs.responseValidator('intercom', pathTemplate, method, response.status);
    expect({ ok: validate(response.json), errors: describeErrors(validate) }).toEqual({ ok: true, errors: '' });
  }

  it('conversation search: every page a conversation.list with cursor pages, to the last one; the request a valid search_request', async () => {
    const request = (startingAfter?: string) => ({ query: { field: 'updated_at', operator: '>', value: 0 }, pagination: { per_page: 2, ...(startingAfter ? { starting_after: startingAfter } : {}) } });
    const searchRequest = specs.componentValidator('intercom', 'search_request');
    let next: string | undefined;
    let pages = 0;
    do {
      const body = request(next);
      expect({ ok: searchRequest(body), errors: describeErrors(searchRequest) }).toEqual({ ok: true, errors: '' });
      const page = await call('/conversations/search', { method: 'POST', body });
      expect(page.status).toBe(200);
      expectConforms('/conversations/search', 'post', page);
      expect(page.headers.get('x-ratelimit-reset')).toMatch(/^\d{10}$/);
      next = page.json.pages.next?.starting_after;
      pages += 1;
    } while (next);
    expect(pages).toBe(3);
  });

  it('a conversation with its parts, a contact\'s companies, the token\'s admin (/me)', async () => {
    const conversation = await call('/conversations/471?display_as=plaintext');
    expect(conversation.status).toBe(200);
    expectConforms('/conversations/{conversation_id}', 'get', conversation);
    expect(conversation.json.conversation_parts.conversation_parts.map((part: any) => [part.author.type, part.body])).toEqual([
      ['admin', 'Sorry about that, we are on it.'],
      ['user', 'This is unacceptable. We are losing patience with this export.'],
    ]);
    const companies = await call('/contacts/6762f0f31bb69f9f2193bb8b/companies');
    expectConforms('/contacts/{contact_id}/companies', 'get', companies);
    expect(companies.json.data.map((company: any) => [company.id, company.company_id])).toEqual([['6762f0a61bb69f9f2193bb55', '4511']]);
    const me = await call('/me');
    expectConforms('/me', 'get', me);
  });

  it('errors are error.list: a bad token (401), an unknown conversation (404); a programmed 429 carries X-RateLimit-Reset and no Retry-After', async () => {
    const unauthorised = await call('/conversations/471', { headers: { authorization: 'Bearer wrong' } });
    expect(unauthorised.status).toBe(401);
    expectConforms('/conversations/{conversation_id}', 'get', unauthorised);
    expect(unauthorised.json.errors).toEqual([{ code: 'unauthorized', message: 'Access Token Invalid' }]);
    const missing = await call('/conversations/999');
    expect(missing.status).toBe(404);
    expectConforms('/conversations/{conversation_id}', 'get', missing);
    fakes.addFault({ provider: 'intercom', path: '/conversations/search', responses: [{ status: 429, resetAfter: 5 }] });
    const limited = await call('/conversations/search', { method: 'POST', body: { query: { field: 'updated_at', operator: '>', value: 0 } } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(limited.json).toMatchObject({ type: 'error.list', errors: [{ code: 'rate_limit_exceeded', message: 'Rate Limit Exceeded' }] });
  });

  it('the check can fail: a conversation page with a numeric id and a state Intercom does not have is rejected', async () => {
    const page = await call('/conversations/search', { method: 'POST', body: { query: { field: 'updated_at', operator: '>', value: 0 } } });
    const drifted = structuredClone(page.json);
    drifted.conversations[0].id = 215;
    drifted.conversations[0].state = 'archived';
    const validate = specs.responseValidator('intercom', '/conversations/search', 'post', 200);
    expect(validate(drifted)).toBe(false);
    expect(describeErrors(validate)).toContain('/conversations/0/id must be string');
  });
});
