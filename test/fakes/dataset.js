'use strict';
/**
 * Dataset loader for the fake providers. A dataset is plain JSON (the demo book and the test
 * fixtures use the same format); this module checks its shape and fills what the real APIs
 * always return (HubSpot string properties, hs_object_id, symmetric associations; Zendesk urls,
 * timestamps, generated_timestamp), so datasets stay short and the fakes stay spec-shaped.
 *
 * {
 *   "now": "2026-11-23T08:00:00Z",          // the fakes' clock (new task timestamps, Slack ts)
 *   "settings": { "hubspotMaxLimit": 100, "zendeskPageSize": 1000, "satisfactionPageSize": 100 },
 *   "hubspot": {
 *     "owners":    [{ "id": "77001", "email": "dana@example.com", "firstName": "Dana", "lastName": "Kim" }],
 *     "companies": [{ "id": "4511", "properties": { "name": "Acme Corp", "annualrevenue": 48000 },
 *                     "associations": { "contacts": ["123"], "deals": ["9876"] } }],
 *     "contacts":  [{ "id": "123", "properties": { "email": "cfo@acme.com", "jobtitle": "VP Finance" },
 *                     "history": { "jobtitle": [{ "value": "Finance Director", "timestamp": "2022-03-01T10:00:00Z", "sourceType": "IMPORT" },
 *                                               { "value": "VP Finance", "timestamp": "2024-05-20T08:00:00Z" }] } }],
 *     "deals":     [{ "id": "9876", "properties": { "amount": "48000", "closedate": "2027-02-18T00:00:00Z" } }],
 *     "pipelines": [{ "id": "cs-expansion", "label": "Expansion", "stages": ["expansion_identified", "expansion_qualified"] }]
 *   },
 *   "zendesk": {
 *     "subdomain": "acme",
 *     "organizations": [{ "id": 509974, "name": "Acme Corp", "external_id": "4511" }],
 *     "tickets": [{ "id": 35436, "organization_id": 509974, "subject": "…", "updated_at": "…" }],
 *     "metricSets": [{ "ticket_id": 35436, "reopens": 1, "replies": 3 }],
 *     "satisfactionRatings": [{ "id": 1, "ticket_id": 35436, "score": "bad", "created_at": "…" }]
 *   },
 *   "slack": { "channels": [{ "id": "C0123ABC", "name": "cs-alerts" }], "users": [{ "id": "U01MAYA", "name": "Maya Chen", "email": "maya.chen@example.com" }] },
 *   "mixpanel": { "projectId": 2195193, "events": [...], "generated": {...} },   // see mixpanel.js
 *   "pendo": { "timezone": "UTC", "events": [...], "features": [...] },           // see pendo.js
 *   "files": { "/warehouse/usage.json": [{ "accountId": "4511", "wau": 41 }] }   // any JSON, any host
 * }
 *
 * Associations may be declared on either side; they are made symmetric. Property values are
 * turned into strings because HubSpot returns every property as a string. `history` (any order) is what
 * `propertiesWithHistory` returns, newest first; a property's current value is its newest history value
 * (given both, they must agree).
 *
 * `news` (the feed fakes, news.js): Google News searches by query, company newsrooms by host and path, and
 * SEC EDGAR companies with their filings:
 *   "news": {
 *     "googleNews": [{ "query": "\"Acme Corp\" OR \"acme.example\"",
 *                      "items": [{ "id": "CBMi…", "title": "Acme Corp to cut 8% of workforce", "publisher": "Reuters",
 *                                  "publisherUrl": "https://www.reuters.com", "publishedAt": "2026-11-14T08:05:00Z" }] }],
 *     "newsrooms":  [{ "host": "newsroom.acme.example", "path": "/feed.xml", "title": "Acme Corp Newsroom",
 *                      "items": [{ "id": "acme-pr-118", "title": "…", "link": "https://acme.example/…", "publishedAt": "…" }] }],
 *     "edgar": { "companies": [{ "cik": "0001234567", "name": "ACME CORP",
 *                "filings": [{ "accessionNumber": "0001234567-26-000123", "form": "8-K", "filingDate": "2026-11-13",
 *                              "acceptedAt": "2026-11-13T17:02:11-05:00", "items": ["5.02", "9.01"],
 *                              "itemText": { "5.02": "On November 10, 2026, Jane R. Doe notified …" } }] }] }
 *   }
 */

const { loadMixpanel } = require('./mixpanel');
const { loadPendo } = require('./pendo');

const HUBSPOT_TYPES = ['companies', 'contacts', 'deals'];
const SINGULAR = { companies: 'company', contacts: 'contact', deals: 'deal', tasks: 'task' };
const LAST_MODIFIED = { companies: 'hs_lastmodifieddate', contacts: 'lastmodifieddate', deals: 'hs_lastmodifieddate' };
const DEFAULT_NOW = '2026-01-01T00:00:00.000Z';
const DEFAULT_SETTINGS = { hubspotMaxLimit: 100, hubspotMaxLimitWithHistory: 50, zendeskPageSize: 1000, satisfactionPageSize: 100, organizationsPageSize: 100 };

const { loadNews, NewsDatasetError } = require('./news');

class DatasetError extends Error {}

function fail(path, message) {
  throw new DatasetError(`dataset ${path}: ${message}`);
}

function isoOrFail(value, path) {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail(path, `"${value}" is not an ISO-8601 date-time`);
  return new Date(value).toISOString().replace('.000Z', 'Z');
}

function arrayOf(value, path) {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
}

function hubspotObject(type, raw, index, now) {
  const path = `hubspot.${type}[${index}]`;
  if (!raw || typeof raw !== 'object') fail(path, 'must be an object');
  if (raw.id === undefined || raw.id === null || String(raw.id) === '') fail(`${path}.id`, 'is required');
  const id = String(raw.id);
  const createdAt = raw.createdAt ? isoOrFail(raw.createdAt, `${path}.createdAt`) : now;
  const updatedAt = raw.updatedAt ? isoOrFail(raw.updatedAt, `${path}.updatedAt`) : createdAt;
  const properties = {};
  for (const [name, value] of Object.entries(raw.properties ?? {})) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') fail(`${path}.properties.${name}`, 'must be a string, number or boolean');
    properties[name] = String(value);
  }
  const history = {};
  for (const [name, entries] of Object.entries(raw.history ?? {})) {
    history[name] = arrayOf(entries, `${path}.history.${name}`)
      .map((entry, at) => {
        const where = `${path}.history.${name}[${at}]`;
        if (!entry || entry.value === undefined || entry.value === null) fail(`${where}.value`, 'is required');
        return {
          value: String(entry.value),
          timestamp: isoOrFail(entry.timestamp, `${where}.timestamp`),
          sourceType: entry.sourceType ?? 'CRM_UI',
          ...(entry.sourceId ? { sourceId: String(entry.sourceId) } : {}),
          ...(entry.sourceLabel ? { sourceLabel: String(entry.sourceLabel) } : {}),
          ...(entry.updatedByUserId !== undefined ? { updatedByUserId: Number(entry.updatedByUserId) } : {}),
        };
      })
      .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
    const newest = history[name][0]?.value;
    if (newest === undefined) continue;
    if (properties[name] === undefined) properties[name] = newest;
    else if (properties[name] !== newest) fail(`${path}.properties.${name}`, `"${properties[name]}" is not the newest history value "${newest}"`);
  }
  properties.hs_object_id = id;
  properties.createdate ??= createdAt;
  properties[LAST_MODIFIED[type]] ??= updatedAt;
  return { id, type, properties, history, createdAt, updatedAt, archived: raw.archived === true, associations: {} };
}

function loadHubspot(raw, now) {
  const store = { owners: [], companies: [], contacts: [], deals: [], tasks: [], engagements: [], pipelines: [] };
  const byId = { companies: new Map(), contacts: new Map(), deals: new Map() };
  for (const type of HUBSPOT_TYPES) {
    arrayOf(raw?.[type], `hubspot.${type}`).forEach((item, index) => {
      const object = hubspotObject(type, item, index, now);
      if (byId[type].has(object.id)) fail(`hubspot.${type}[${index}].id`, `duplicate id ${object.id}`);
      byId[type].set(object.id, object);
      store[type].push(object);
    });
  }
  for (const type of HUBSPOT_TYPES) {
    arrayOf(raw?.[type], `hubspot.${type}`).forEach((item, index) => {
      for (const [toType, ids] of Object.entries(item.associations ?? {})) {
        if (!byId[toType]) fail(`hubspot.${type}[${index}].associations.${toType}`, `unknown object type (use ${HUBSPOT_TYPES.join(', ')})`);
        for (const toId of arrayOf(ids, `hubspot.${type}[${index}].associations.${toType}`).map(String)) {
          if (!byId[toType].has(toId)) fail(`hubspot.${type}[${index}].associations.${toType}`, `no ${SINGULAR[toType]} with id ${toId}`);
          link(byId[type].get(String(item.id)), toType, toId);
          link(byId[toType].get(toId), type, String(item.id));
        }
      }
    });
  }
  store.owners = arrayOf(raw?.owners, 'hubspot.owners').map((owner, index) => {
    if (!owner?.id) fail(`hubspot.owners[${index}].id`, 'is required');
    return {
      id: String(owner.id),
      email: owner.email ?? `owner${owner.id}@example.com`,
      type: 'PERSON',
      firstName: owner.firstName ?? '',
      lastName: owner.lastName ?? '',
      userId: Number(owner.userId ?? owner.id),
      createdAt: owner.createdAt ?? now,
      updatedAt: owner.updatedAt ?? now,
      archived: false,
    };
  });
  // Deal pipelines a created deal may name (none given: any pipeline and stage is accepted).
  store.pipelines = arrayOf(raw?.pipelines, 'hubspot.pipelines').map((pipeline, index) => {
    if (typeof pipeline?.id !== 'string' || pipeline.id === '') fail(`hubspot.pipelines[${index}].id`, 'must be a non-empty string');
    const stages = arrayOf(pipeline.stages, `hubspot.pipelines[${index}].stages`).map(String);
    if (stages.length === 0) fail(`hubspot.pipelines[${index}].stages`, 'must name at least one stage id');
    return { id: pipeline.id, label: pipeline.label ?? pipeline.id, stages };
  });
  return store;
}

function link(object, toType, toId) {
  const list = (object.associations[toType] ??= []);
  if (!list.includes(toId)) list.push(toId);
}

function epochSeconds(iso) {
  return Math.floor(Date.parse(iso) / 1000);
}

function loadZendesk(raw, now) {
  const subdomain = raw?.subdomain ?? 'acme';
  const base = `https://${subdomain}.zendesk.com/api/v2`;
  const organizations = arrayOf(raw?.organizations, 'zendesk.organizations').map((org, index) => {
    const path = `zendesk.organizations[${index}]`;
    if (!Number.isInteger(org?.id)) fail(`${path}.id`, 'must be an integer');
    const createdAt = org.created_at ? isoOrFail(org.created_at, `${path}.created_at`) : now;
    return {
      url: `${base}/organizations/${org.id}.json`,
      details: null,
      notes: null,
      domain_names: [],
      group_id: null,
      shared_tickets: false,
      shared_comments: false,
      external_id: null,
      tags: [],
      organization_fields: {},
      ...org,
      created_at: createdAt,
      updated_at: org.updated_at ? isoOrFail(org.updated_at, `${path}.updated_at`) : createdAt,
    };
  });
  const seen = new Set();
  const tickets = arrayOf(raw?.tickets, 'zendesk.tickets').map((ticket, index) => {
    const path = `zendesk.tickets[${index}]`;
    if (!Number.isInteger(ticket?.id)) fail(`${path}.id`, 'must be an integer');
    if (seen.has(ticket.id)) fail(`${path}.id`, `duplicate id ${ticket.id}`);
    seen.add(ticket.id);
    return normaliseTicket(ticket, path, base, now);
  });
  const metricSets = arrayOf(raw?.metricSets, 'zendesk.metricSets').map((metric, index) => {
    const path = `zendesk.metricSets[${index}]`;
    if (!seen.has(metric?.ticket_id)) fail(`${path}.ticket_id`, `no ticket with id ${metric?.ticket_id}`);
    const ticket = tickets.find((t) => t.id === metric.ticket_id);
    return {
      url: `${base}/ticket_metrics/${metric.id ?? metric.ticket_id}.json`,
      id: metric.ticket_id,
      reopens: 0,
      replies: 0,
      assignee_updated_at: null,
      requester_updated_at: ticket.updated_at,
      status_updated_at: ticket.updated_at,
      initially_assigned_at: null,
      assigned_at: null,
      solved_at: null,
      latest_comment_added_at: ticket.updated_at,
      reply_time_in_minutes: { calendar: null, business: null },
      first_resolution_time_in_minutes: { calendar: null, business: null },
      full_resolution_time_in_minutes: { calendar: null, business: null },
      agent_wait_time_in_minutes: { calendar: null, business: null },
      requester_wait_time_in_minutes: { calendar: null, business: null },
      on_hold_time_in_minutes: { calendar: 0, business: 0 },
      created_at: ticket.created_at,
      updated_at: ticket.updated_at,
      ...metric,
    };
  });
  const satisfactionRatings = arrayOf(raw?.satisfactionRatings, 'zendesk.satisfactionRatings').map((rating, index) => {
    const path = `zendesk.satisfactionRatings[${index}]`;
    if (!Number.isInteger(rating?.id)) fail(`${path}.id`, 'must be an integer');
    if (!['offered', 'unoffered', 'good', 'bad'].includes(rating.score)) fail(`${path}.score`, `"${rating.score}" is not one of offered, unoffered, good, bad`);
    const ticket = tickets.find((t) => t.id === rating.ticket_id);
    if (!ticket) fail(`${path}.ticket_id`, `no ticket with id ${rating.ticket_id}`);
    const createdAt = rating.created_at ? isoOrFail(rating.created_at, `${path}.created_at`) : ticket.updated_at;
    return {
      url: `${base}/satisfaction_ratings/${rating.id}.json`,
      assignee_id: ticket.assignee_id,
      group_id: ticket.group_id,
      requester_id: ticket.requester_id,
      comment: null,
      reason: null,
      reason_id: null,
      reason_code: null,
      ...rating,
      created_at: createdAt,
      updated_at: rating.updated_at ? isoOrFail(rating.updated_at, `${path}.updated_at`) : createdAt,
    };
  });
  for (const rating of satisfactionRatings) {
    const ticket = tickets.find((t) => t.id === rating.ticket_id);
    if (ticket.satisfaction_rating === null) {
      ticket.satisfaction_rating = rating.comment ? { id: rating.id, score: rating.score, comment: rating.comment } : { id: rating.id, score: rating.score };
    }
  }
  return {
    subdomain,
    organizations,
    tickets,
    metricSets,
    satisfactionRatings,
    users: arrayOf(raw?.users, 'zendesk.users'),
    comments: raw?.comments ?? {},
    commentsPageSize: raw?.commentsPageSize,
    ticketMetricEvents: arrayOf(raw?.ticketMetricEvents, 'zendesk.ticketMetricEvents'),
    metricEventsPageSize: raw?.metricEventsPageSize,
  };
}

function normaliseTicket(ticket, path, base, now) {
  const createdAt = ticket.created_at ? isoOrFail(ticket.created_at, `${path}.created_at`) : now;
  const updatedAt = ticket.updated_at ? isoOrFail(ticket.updated_at, `${path}.updated_at`) : createdAt;
  if (ticket.generated_timestamp !== undefined && !Number.isInteger(ticket.generated_timestamp)) {
    fail(`${path}.generated_timestamp`, 'must be an integer (unix seconds)');
  }
  return {
    url: `${base}/tickets/${ticket.id}.json`,
    external_id: null,
    type: null,
    subject: '',
    raw_subject: ticket.subject ?? '',
    description: ticket.description ?? ticket.subject ?? '',
    priority: null,
    status: 'open',
    recipient: null,
    requester_id: 1,
    submitter_id: ticket.requester_id ?? 1,
    assignee_id: null,
    organization_id: null,
    group_id: null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [],
    custom_fields: [],
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    custom_status_id: null,
    fields: [],
    followup_ids: [],
    ticket_form_id: null,
    brand_id: null,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
    via: { channel: 'web' },
    ...ticket,
    created_at: createdAt,
    updated_at: updatedAt,
    generated_timestamp: ticket.generated_timestamp ?? epochSeconds(updatedAt),
  };
}

function loadSlack(raw) {
  const channels = arrayOf(raw?.channels, 'slack.channels').map((channel, index) => {
    if (typeof channel?.id !== 'string') fail(`slack.channels[${index}].id`, 'must be a string like C0123ABC');
    return { id: channel.id, name: channel.name ?? channel.id.toLowerCase(), ...(channel.member === false ? { member: false } : {}) };
  });
  // Workspace members a message may be sent to directly (their DM with the bot); none given: any user id.
  const users = arrayOf(raw?.users, 'slack.users').map((user, index) => {
    if (typeof user?.id !== 'string' || !/^[UW][A-Z0-9]{2,}$/.test(user.id)) fail(`slack.users[${index}].id`, 'must be a Slack user id like U0123ABC');
    return { id: user.id, name: user.name ?? user.id, ...(typeof user.email === 'string' ? { email: user.email } : {}) };
  });
  const history = {};
  for (const [channelId, messages] of Object.entries(raw?.history ?? {})) {
    if (!channels.some((c) => c.id === channelId)) fail(`slack.history.${channelId}`, 'is not one of slack.channels');
    history[channelId] = arrayOf(messages, `slack.history.${channelId}`).map((m, index) => {
      if (typeof m?.ts !== 'string' || !/^\d{9,11}\.\d{6}$/.test(m.ts)) fail(`slack.history.${channelId}[${index}].ts`, `"${m?.ts}" is not a Slack ts such as "1763640000.000100"`);
      return m;
    });
  }
  return { channels, users, messages: [], history, teamId: raw?.teamId ?? 'T0FAKE', pageSize: raw?.pageSize ?? 200, rateTier: raw?.rateTier ?? 'tier3' };
}

function loadFiles(raw) {
  if (raw === undefined) return {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('files', 'must be an object of "/path": JSON body');
  for (const name of Object.keys(raw)) if (!name.startsWith('/')) fail(`files["${name}"]`, 'the path must start with /');
  return raw;
}

function loadNewsOrFail(raw) {
  try {
    return loadNews(raw);
  } catch (error) {
    if (error instanceof NewsDatasetError) throw new DatasetError(error.message);
    throw error;
  }
}

/** Checks and normalises a dataset; throws DatasetError naming the path of the first problem. */
function loadDataset(raw) {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new DatasetError('dataset: must be a JSON object');
  const now = raw.now ? isoOrFail(raw.now, 'now') : DEFAULT_NOW.replace('.000Z', 'Z');
  return {
    files: loadFiles(raw.files),
    now,
    settings: { ...DEFAULT_SETTINGS, ...(raw.settings ?? {}) },
    hubspot: loadHubspot(raw.hubspot, now),
    zendesk: loadZendesk(raw.zendesk, now),
    slack: loadSlack(raw.slack),
    news: loadNewsOrFail(raw.news),
    gong: require('./gong').loadGong(raw.gong),
    gmail: require('./gmail').loadGmail(raw.gmail),
    graph: require('./graph').loadGraph(raw.graph),
    googleCalendar: require('./google-calendar').loadGoogleCalendar(raw.googleCalendar),
    mixpanel: loadMixpanel(raw.mixpanel, fail),
    pendo: loadPendo(raw.pendo, fail),
    intercom: require('./intercom').loadIntercom(raw.intercom),
    salesforce: require('./salesforce').loadSalesforce(raw.salesforce),
  };
}

module.exports = { loadDataset, normaliseTicket, DatasetError, SINGULAR, HUBSPOT_TYPES, LAST_MODIFIED, epochSeconds };
