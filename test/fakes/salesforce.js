'use strict';
/**
 * Fake Salesforce REST query API (<org>.my.salesforce.com), in the shapes Salesforce documents:
 * - GET /services/data/vXX.X/query?q=<SOQL> — `SELECT <fields> FROM <object> [WHERE <field> = '<value>' [AND …]]
 *   [ORDER BY <field>]`, the records of that object with `attributes { type, url }` and only the selected fields
 *   (dot paths such as Account.Name follow a lookup in the dataset); `totalSize`, `done` and, while more remain,
 *   `nextRecordsUrl` (/services/data/vXX.X/query/01gFAKE…-<offset>, `pageSize` records a page — Salesforce's default is 2,000).
 * - GET /services/data/vXX.X/query/<locator> — the next page.
 * Bearer token required (`tokens.salesforce`); errors are Salesforce's JSON array `[{ message, errorCode, fields }]`:
 * 401 INVALID_SESSION_ID, 400 MALFORMED_QUERY / INVALID_TYPE / INVALID_FIELD. Every answer carries Sforce-Limit-Info.
 * A programmed fault answers `[{ errorCode, message }]` too (403 REQUEST_LIMIT_EXCEEDED for the daily quota).
 *
 * Dataset: "salesforce": { "pageSize": 2, "objects": { "Account": [{ "Id": "001…", "Name": "Acme Corp" }], "Opportunity": [ … ] } }
 */
function fail(path, message) {
  const { DatasetError } = require('./dataset');
  throw new DatasetError(`dataset ${path}: ${message}`);
}

function loadSalesforce(raw) {
  const objects = raw?.objects ?? {};
  if (typeof objects !== 'object' || Array.isArray(objects)) fail('salesforce.objects', 'must be an object of "SObject": [records]');
  for (const [type, records] of Object.entries(objects)) {
    if (!Array.isArray(records)) fail(`salesforce.objects.${type}`, 'must be an array of records');
    records.forEach((record, index) => {
      if (typeof record?.Id !== 'string' || !/^[A-Za-z0-9]{15,18}$/.test(record.Id)) fail(`salesforce.objects.${type}[${index}].Id`, 'must be a 15- or 18-character Salesforce id');
    });
  }
  return { pageSize: raw?.pageSize ?? 2000, objects, locators: new Map() };
}

const sfError = (status, errorCode, message) => ({ status, json: [{ message, errorCode, fields: [] }] });

/** The small SOQL subset the product sends: SELECT f1, f2 FROM Obj [WHERE a = 'x' AND b = 'y'] [ORDER BY f]. */
function parseSoql(q) {
  const match = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER\s+BY\s+([\w.]+))?\s*$/is.exec(q ?? '');
  if (!match) return { error: `unexpected token: '${String(q ?? '').trim().split(/\s+/)[0] ?? ''}'` };
  const fields = match[1].split(',').map((f) => f.trim());
  const where = [];
  if (match[3]) {
    for (const condition of match[3].split(/\s+AND\s+/i)) {
      const eq = /^([\w.]+)\s*=\s*'((?:[^'\\]|\\.)*)'$/.exec(condition.trim());
      if (!eq) return { error: `unexpected token in WHERE: '${condition.trim()}'` };
      where.push({ field: eq[1], value: eq[2].replace(/\\(.)/g, '$1') });
    }
  }
  return { fields, object: match[2], where, orderBy: match[4] };
}

function valueAt(state, record, path) {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return record[head];
  // a lookup: Account.Name → the Account whose Id is record.AccountId
  const id = record[`${head}Id`];
  const target = Object.values(state.salesforce.objects).flat().find((r) => r.Id === id);
  return target ? valueAt(state, target, rest.join('.')) : null;
}

function project(state, type, record, fields, version) {
  const out = { attributes: { type, url: `/services/data/${version}/sobjects/${type}/${record.Id}` } };
  for (const field of fields) {
    const [head, ...rest] = field.split('.');
    if (rest.length === 0) out[field] = record[field] ?? null;
    else {
      const id = record[`${head}Id`];
      const target = Object.values(state.salesforce.objects).flat().find((r) => r.Id === id);
      out[head] = target ? { attributes: { type: head, url: `/services/data/${version}/sobjects/${head}/${id}` }, [rest.join('.')]: valueAt(state, target, rest.join('.')) } : null;
    }
  }
  return out;
}

function pageOf(state, version, all, offset) {
  const size = state.salesforce.pageSize;
  const records = all.slice(offset, offset + size);
  const done = offset + size >= all.length;
  const body = { totalSize: all.length, done, records };
  if (!done) {
    const locator = `01gFAKE${String(state.salesforce.locators.size + 1).padStart(8, '0')}`;
    state.salesforce.locators.set(locator, all);
    body.nextRecordsUrl = `/services/data/${version}/query/${locator}-${offset + size}`;
  }
  return body;
}

function handleSalesforce(state, req) {
  const match = /^\/services\/data\/(v\d+\.\d)\/query(?:\/([^/]+))?$/.exec(req.pathname);
  if (!match || req.method !== 'GET') return undefined;
  const headers = { 'sforce-limit-info': 'api-usage=18/15000' };
  const expected = state.expectedTokens.salesforce;
  const auth = String(req.headers.authorization ?? '');
  if (!auth.startsWith('Bearer ') || (expected && auth !== `Bearer ${expected}`)) return { ...sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid'), headers };
  const version = match[1];
  if (match[2]) {
    const next = /^(01gFAKE\d{8})-(\d+)$/.exec(match[2]);
    const all = next && state.salesforce.locators.get(next[1]);
    if (!all) return { ...sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator'), headers };
    return { status: 200, headers, json: pageOf(state, version, all, Number(next[2])) };
  }
  const soql = parseSoql(req.query.q);
  if (soql.error) return { ...sfError(400, 'MALFORMED_QUERY', soql.error), headers };
  const records = state.salesforce.objects[soql.object];
  if (!records) return { ...sfError(400, 'INVALID_TYPE', `sObject type '${soql.object}' is not supported.`), headers };
  const known = new Set(records.flatMap((r) => Object.keys(r)));
  for (const field of [...soql.fields, ...soql.where.map((w) => w.field)]) {
    const head = field.split('.')[0];
    if (!known.has(field) && !known.has(`${head}Id`)) return { ...sfError(400, 'INVALID_FIELD', `No such column '${field}' on entity '${soql.object}'.`), headers };
  }
  let found = records.filter((r) => soql.where.every((w) => String(valueAt(state, r, w.field) ?? '') === w.value));
  if (soql.orderBy) found = [...found].sort((a, b) => String(valueAt(state, a, soql.orderBy) ?? '').localeCompare(String(valueAt(state, b, soql.orderBy) ?? '')));
  return { status: 200, headers, json: pageOf(state, version, found.map((r) => project(state, soql.object, r, soql.fields, version)), 0) };
}

module.exports = { loadSalesforce, handleSalesforce, sfError };
