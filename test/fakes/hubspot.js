'use strict';
/**
 * Fake HubSpot CRM (api.hubapi.com): v3 object lists with cursor paging and associations,
 * v3 task creation with association type ids, owners, and the legacy engagements endpoint that
 * n8n's built-in HubSpot node uses for tasks. Shapes follow specs/hubspot/*.json.
 */
const { randomUUID } = require('node:crypto');
const { SINGULAR, HUBSPOT_TYPES } = require('./dataset');

const OBJECT_PATHS = {
  companies: 'companies', '0-2': 'companies',
  contacts: 'contacts', '0-1': 'contacts',
  deals: 'deals', '0-3': 'deals',
  tasks: 'tasks', '0-27': 'tasks',
};
const DEFAULT_PROPERTIES = {
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_task_subject', 'hs_task_status', 'hs_timestamp'],
};
const ALWAYS = {
  companies: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  contacts: ['createdate', 'lastmodifieddate', 'hs_object_id'],
  deals: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};
/** HubSpot-defined association type ids for tasks (task → company / contact / deal). */
const TASK_ASSOCIATION_TYPES = { 192: 'companies', 204: 'contacts', 216: 'deals' };

function error(status, category, message, extra = {}) {
  return { status, json: { status: 'error', message, correlationId: randomUUID(), category, ...extra } };
}

function encodeAfter(offset) {
  return Buffer.from(String(offset)).toString('base64url');
}

function decodeAfter(after) {
  const offset = Number(Buffer.from(after, 'base64url').toString());
  return Number.isInteger(offset) && offset >= 0 && encodeAfter(offset) === after ? offset : null;
}

/**
 * `propertiesWithHistory`: every value the property had, newest first (ValueWithTimestamp). A property with a
 * value but no recorded change has one entry, set when the record was created; one without a value is left out
 * (the spec: properties not present on the object are ignored).
 */
function historyOf(object, names) {
  const out = {};
  for (const name of names) {
    const entries = object.history?.[name];
    if (entries && entries.length > 0) out[name] = entries.map((entry) => ({ ...entry }));
    else if (object.properties[name] !== undefined) out[name] = [{ value: object.properties[name], timestamp: object.createdAt, sourceType: 'CRM_UI' }];
  }
  return out;
}

const csv = (value) => (value ? value.split(',').map((p) => p.trim()).filter(Boolean) : []);

function present(object, type, requested, associationTypes, withHistory = []) {
  const names = requested ?? DEFAULT_PROPERTIES[type];
  const properties = {};
  for (const name of new Set([...names, ...ALWAYS[type]])) {
    // The live API returns requested-but-empty properties as null (the published schema says string).
    properties[name] = object.properties[name] ?? null;
  }
  const out = { id: object.id, properties, createdAt: object.createdAt, updatedAt: object.updatedAt, archived: object.archived };
  if (withHistory.length > 0) out.propertiesWithHistory = historyOf(object, withHistory);
  if (associationTypes.length > 0) {
    const associations = {};
    for (const toType of associationTypes) {
      const ids = object.associations[toType] ?? [];
      if (ids.length === 0) continue; // HubSpot omits association types with no links
      associations[toType] = { results: ids.map((id) => ({ id, type: `${SINGULAR[type]}_to_${SINGULAR[toType]}` })) };
    }
    if (Object.keys(associations).length > 0) out.associations = associations;
  }
  return out;
}

function list(state, type, req) {
  const q = req.query;
  const limit = q.limit === undefined ? 10 : Number(q.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    return error(400, 'VALIDATION_ERROR', `limit must be a positive integer, got "${q.limit}"`);
  }
  const withHistory = csv(q.propertiesWithHistory);
  // HubSpot reads fewer records per page when history is asked for (the spec: "will reduce the maximum number").
  const pageSize = Math.min(limit, state.settings.hubspotMaxLimit, withHistory.length > 0 ? state.settings.hubspotMaxLimitWithHistory : Infinity);
  let offset = 0;
  if (q.after !== undefined) {
    offset = decodeAfter(q.after);
    if (offset === null) return error(400, 'VALIDATION_ERROR', `Invalid paging cursor "${q.after}"`);
  }
  const requested = q.properties ? q.properties.split(',').map((p) => p.trim()).filter(Boolean) : undefined;
  const associationTypes = q.associations
    ? q.associations.split(',').map((a) => OBJECT_PATHS[a.trim()] ?? a.trim())
    : [];
  for (const a of associationTypes) {
    if (!HUBSPOT_TYPES.includes(a)) return error(400, 'VALIDATION_ERROR', `Unknown association object type "${a}"`);
  }
  const archived = q.archived === 'true';
  const all = state.hubspot[type].filter((o) => o.archived === archived);
  const page = all.slice(offset, offset + pageSize);
  const body = { results: page.map((o) => present(o, type, requested, associationTypes, withHistory)) };
  if (offset + pageSize < all.length) {
    const after = encodeAfter(offset + pageSize);
    const next = new URL(`${req.origin}${req.pathname}`);
    for (const [k, v] of Object.entries(q)) if (k !== 'after') next.searchParams.set(k, v);
    next.searchParams.set('after', after);
    body.paging = { next: { after, link: next.toString() } };
  }
  return { status: 200, json: body };
}

function getOne(state, type, id, req) {
  const object = state.hubspot[type].find((o) => o.id === id);
  if (!object) return error(404, 'OBJECT_NOT_FOUND', `resource not found`, { context: { id: [id] } });
  const requested = req.query.properties ? req.query.properties.split(',').filter(Boolean) : undefined;
  const associationTypes = req.query.associations ? req.query.associations.split(',').map((a) => OBJECT_PATHS[a] ?? a) : [];
  return { status: 200, json: present(object, type, requested, associationTypes, csv(req.query.propertiesWithHistory)) };
}

function createTask(state, req) {
  const body = req.json;
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return error(400, 'VALIDATION_ERROR', 'Invalid input JSON: the body must be an object with "properties"');
  }
  if (!body.properties || typeof body.properties !== 'object' || Array.isArray(body.properties)) {
    return error(400, 'VALIDATION_ERROR', 'Invalid input JSON: "properties" must be an object');
  }
  for (const [name, value] of Object.entries(body.properties)) {
    if (value !== null && typeof value === 'object') {
      return error(400, 'VALIDATION_ERROR', `Property values must be strings, numbers or booleans; "${name}" is an object`);
    }
  }
  if (body.properties.hs_timestamp === undefined || body.properties.hs_timestamp === '') {
    return error(400, 'VALIDATION_ERROR', 'Property values were not valid: [{"isValid":false,"message":"hs_timestamp is required","error":"REQUIRED_FIELD","name":"hs_timestamp"}]');
  }
  const associations = body.associations ?? [];
  if (!Array.isArray(associations)) return error(400, 'VALIDATION_ERROR', '"associations" must be an array');
  const linked = {};
  for (const [i, association] of associations.entries()) {
    const toId = association?.to?.id === undefined ? undefined : String(association.to.id);
    if (toId === undefined) return error(400, 'VALIDATION_ERROR', `associations[${i}].to.id is required`);
    if (!Array.isArray(association.types) || association.types.length === 0) {
      return error(400, 'VALIDATION_ERROR', `associations[${i}].types must be a non-empty array`);
    }
    for (const spec of association.types) {
      const toType = TASK_ASSOCIATION_TYPES[spec?.associationTypeId];
      if (spec?.associationCategory !== 'HUBSPOT_DEFINED' || !toType) {
        return error(400, 'VALIDATION_ERROR', `associations[${i}]: association type ${spec?.associationCategory}/${spec?.associationTypeId} is not valid for tasks (HUBSPOT_DEFINED 192 company, 204 contact, 216 deal)`);
      }
      if (!state.hubspot[toType].some((o) => o.id === toId)) {
        return error(400, 'VALIDATION_ERROR', `associations[${i}]: no ${SINGULAR[toType]} with id ${toId}`);
      }
      (linked[toType] ??= []).push(toId);
    }
  }
  const now = state.clock();
  const id = String(state.nextId());
  const properties = { hs_task_status: 'NOT_STARTED', hs_task_priority: 'NONE', hs_task_type: 'TODO' };
  for (const [name, value] of Object.entries(body.properties)) if (value !== null) properties[name] = String(value);
  Object.assign(properties, { hs_object_id: id, hs_createdate: now, hs_lastmodifieddate: now });
  const task = { id, type: 'tasks', properties, createdAt: now, updatedAt: now, archived: false, associations: linked, request: body };
  state.hubspot.tasks.push(task);
  return { status: 201, json: { id, properties, createdAt: now, updatedAt: now, archived: false } };
}

function createEngagement(state, req) {
  const body = req.json;
  if (!body?.engagement?.type) return error(400, 'VALIDATION_ERROR', 'engagement.type is required');
  const now = state.clock();
  const id = state.nextId();
  const engagement = { id, portalId: 62515, active: true, createdAt: Date.parse(now), lastUpdated: Date.parse(now), ...body.engagement };
  const record = { engagement, associations: body.associations ?? {}, metadata: body.metadata ?? {}, attachments: [] };
  state.hubspot.engagements.push(record);
  return { status: 200, json: record };
}

function owners(state, req) {
  const limit = Math.min(Number(req.query.limit ?? 100), 500);
  const offset = req.query.after === undefined ? 0 : decodeAfter(req.query.after);
  if (offset === null) return error(400, 'VALIDATION_ERROR', `Invalid paging cursor "${req.query.after}"`);
  const page = state.hubspot.owners.slice(offset, offset + limit);
  const body = { results: page };
  if (offset + limit < state.hubspot.owners.length) body.paging = { next: { after: encodeAfter(offset + limit), link: `?after=${encodeAfter(offset + limit)}` } };
  return { status: 200, json: body };
}

/** Returns a response or undefined when the path is not HubSpot's. */
function handleHubspot(state, req) {
  const auth = req.headers.authorization ?? '';
  const objects = /^\/crm\/v3\/objects\/([^/]+)(?:\/([^/]+))?$/.exec(req.pathname);
  const isHubspotPath = objects || req.pathname.startsWith('/crm/') || req.pathname.startsWith('/engagements/');
  if (!isHubspotPath) return undefined;
  if (!/^Bearer \S+/.test(auth)) {
    return error(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
  }
  if (state.expectedTokens.hubspot && auth !== `Bearer ${state.expectedTokens.hubspot}`) {
    return error(401, 'INVALID_AUTHENTICATION', 'The OAuth token used to make this call expired or is not valid.');
  }
  if (objects) {
    const type = OBJECT_PATHS[objects[1]];
    if (!type) return error(400, 'VALIDATION_ERROR', `Unable to infer object type from: ${objects[1]}`);
    if (req.method === 'GET' && !objects[2]) return type === 'tasks' ? listTasks(state, req) : list(state, type, req);
    if (req.method === 'GET' && objects[2] && type !== 'tasks') return getOne(state, type, objects[2], req);
    if (req.method === 'POST' && !objects[2] && type === 'tasks') return createTask(state, req);
  }
  if (req.method === 'GET' && req.pathname === '/crm/v3/owners') return owners(state, req);
  if (req.method === 'POST' && req.pathname === '/engagements/v1/engagements') return createEngagement(state, req);
  return error(404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.pathname} in the HubSpot fake`);
}

function listTasks(state, req) {
  const limit = Math.min(Number(req.query.limit ?? 10), state.settings.hubspotMaxLimit);
  const offset = req.query.after === undefined ? 0 : decodeAfter(req.query.after);
  if (offset === null) return error(400, 'VALIDATION_ERROR', `Invalid paging cursor "${req.query.after}"`);
  const requested = req.query.properties ? req.query.properties.split(',').filter(Boolean) : undefined;
  const all = state.hubspot.tasks;
  const body = { results: all.slice(offset, offset + limit).map((t) => present(t, 'tasks', requested, [])) };
  if (offset + limit < all.length) body.paging = { next: { after: encodeAfter(offset + limit) } };
  return { status: 200, json: body };
}

module.exports = { handleHubspot, TASK_ASSOCIATION_TYPES, encodeAfter, decodeAfter };
