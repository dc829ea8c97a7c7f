'use strict';
/**
 * Fake Microsoft Graph mail (graph.microsoft.com/v1.0), in the shapes of Graph's message and delta-query
 * reference: GET /me and /users/{id} (`$select`), GET …/mailFolders/{inbox|sentitems}/messages/delta
 * with `$select`, `$filter=receivedDateTime ge …` and `Prefer: odata.maxpagesize=N`, paged through absolute
 * `@odata.nextLink`s and ending in an `@odata.deltaLink` that later returns only messages added since. `uniqueBody`
 * is returned only when selected, as text when `Prefer: outlook.body-content-type="text"`. Bearer token required;
 * errors are `{ error: { code, message, innerError } }`.
 *
 * Dataset:
 *   "graph": { "mailbox": "sam@vendor.io", "pageSize": 2,
 *     "messages": [{ "id": "AAMk1", "conversationId": "c1", "folder": "inbox", "from": "Dana Kim <dana@acme.com>",
 *                    "to": ["Sam Ortiz <sam@vendor.io>"], "cc": [], "receivedDateTime": "2026-11-18T10:00:00Z", "subject": "Export", "body": "…" }] }
 */
const { randomUUID } = require('node:crypto');

const FOLDERS = { inbox: 'inbox', sentitems: 'sentitems' };

function graphError(status, code, message) {
  return { status, json: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID(), 'client-request-id': randomUUID() } } } };
}

function fail(path, message) {
  const { DatasetError } = require('./dataset');
  throw new DatasetError(`dataset ${path}: ${message}`);
}

function recipient(header) {
  const match = /^\s*(?:"?([^"<]*?)"?\s*)?<([^>]+)>\s*$/.exec(header);
  const address = (match ? match[2] : header).trim();
  const name = match && match[1] ? match[1].trim() : address;
  return { emailAddress: { name, address } };
}

function loadGraph(raw) {
  const mailbox = String(raw?.mailbox ?? 'me@vendor.example').toLowerCase();
  const messages = (raw?.messages ?? []).map((m, index) => {
    const path = `graph.messages[${index}]`;
    if (typeof m?.id !== 'string') fail(`${path}.id`, 'must be a string');
    if (!FOLDERS[m.folder ?? 'inbox']) fail(`${path}.folder`, `"${m.folder}" is not inbox or sentitems`);
    const at = m.receivedDateTime ?? m.sentDateTime;
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) fail(`${path}.receivedDateTime`, `"${at}" is not an ISO-8601 date-time`);
    return {
      seq: index + 1,
      folder: m.folder ?? 'inbox',
      id: m.id,
      conversationId: m.conversationId ?? m.id,
      subject: m.subject ?? '',
      from: recipient(m.from),
      toRecipients: (m.to ?? [mailbox]).map(recipient),
      ccRecipients: (m.cc ?? []).map(recipient),
      receivedDateTime: m.receivedDateTime ?? at,
      sentDateTime: m.sentDateTime ?? at,
      webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(m.id)}&exvsurl=1&viewmodel=ReadMessageItem`,
      body: m.body ?? '',
    };
  });
  return { mailbox, pageSize: raw?.pageSize ?? 50, messages };
}

function parseFilter(filter) {
  if (filter === undefined) return { test: () => true };
  const match = /^receivedDateTime (ge|gt) (\S+)$/.exec(filter.trim());
  if (!match || Number.isNaN(Date.parse(match[2]))) return { error: graphError(400, 'BadRequest', `Unsupported or invalid $filter for delta: "${filter}" (only receivedDateTime ge/gt)`) };
  const at = Date.parse(match[2]);
  return { test: (m) => (match[1] === 'ge' ? Date.parse(m.receivedDateTime) >= at : Date.parse(m.receivedDateTime) > at) };
}

function project(message, select, asText) {
  const fields = select ? new Set(select.split(',').map((f) => f.trim())) : undefined;
  const out = { '@odata.etag': `W/"${message.seq}"`, id: message.id };
  const all = {
    conversationId: message.conversationId,
    subject: message.subject,
    from: message.from,
    sender: message.from,
    toRecipients: message.toRecipients,
    ccRecipients: message.ccRecipients,
    receivedDateTime: message.receivedDateTime,
    sentDateTime: message.sentDateTime,
    webLink: message.webLink,
    isRead: false,
  };
  for (const [key, value] of Object.entries(all)) if (!fields || fields.has(key)) out[key] = value;
  if (fields?.has('uniqueBody')) out.uniqueBody = asText ? { contentType: 'text', content: message.body } : { contentType: 'html', content: `<html><body><p>${message.body}</p></body></html>` };
  return out;
}

function handleGraph(state, req) {
  const route = /^\/v1\.0\/(me|users\/([^/]+))(?:\/mailFolders\/([^/]+)\/messages\/delta)?$/.exec(req.pathname);
  if (!route) return req.pathname.startsWith('/v1.0/') ? graphError(400, 'BadRequest', `Resource not found for the segment in ${req.pathname}`) : undefined;
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  if (state.expectedTokens.graph && token !== state.expectedTokens.graph) return graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
  const { mailbox, messages } = state.graph;
  const user = route[2] ? decodeURIComponent(route[2]).toLowerCase() : 'me';
  if (user !== 'me' && user !== mailbox) return graphError(404, 'ErrorInvalidUser', `The requested user '${user}' is invalid.`);
  const base = `${req.origin}/v1.0/${route[1]}`;
  if (!route[3]) {
    return { status: 200, json: { '@odata.context': `${req.origin}/v1.0/$metadata#users/$entity`, id: 'u-1', displayName: 'Mailbox', mail: mailbox, userPrincipalName: mailbox } };
  }
  const folder = route[3].toLowerCase();
  if (!FOLDERS[folder]) return graphError(404, 'ErrorInvalidIdMalformed', `Id is malformed: ${route[3]}`);
  const prefer = String(req.headers.prefer ?? '');
  const maxPage = Number(/odata\.maxpagesize=(\d+)/.exec(prefer)?.[1] ?? state.graph.pageSize);
  const size = Math.min(maxPage, state.graph.pageSize);
  const asText = /outlook\.body-content-type="?text"?/.test(prefer);
  // $skiptoken (next page) and $deltatoken (a later round) carry the whole query, as Graph's opaque tokens do
  const skip = req.query.$skiptoken ? JSON.parse(Buffer.from(req.query.$skiptoken, 'base64url').toString()) : undefined;
  const delta = req.query.$deltatoken ? JSON.parse(Buffer.from(req.query.$deltatoken, 'base64url').toString()) : undefined;
  const query = skip ?? delta ?? { select: req.query.$select, filter: req.query.$filter, afterSeq: 0, offset: 0 };
  const filter = parseFilter(query.filter);
  if (filter.error) return filter.error;
  const inFolder = messages.filter((m) => m.folder === folder && filter.test(m) && m.seq > (delta ? delta.afterSeq : query.afterSeq)).sort((a, b) => a.seq - b.seq);
  const offset = skip ? skip.offset : 0;
  const page = inFolder.slice(offset, offset + size);
  const json = { '@odata.context': `${req.origin}/v1.0/$metadata#Collection(message)`, value: page.map((m) => project(m, query.select, asText)) };
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const path = `${base}/mailFolders/${folder}/messages/delta`;
  if (offset + size < inFolder.length) json['@odata.nextLink'] = `${path}?$skiptoken=${encode({ ...query, afterSeq: delta ? delta.afterSeq : query.afterSeq, offset: offset + size })}`;
  else json['@odata.deltaLink'] = `${path}?$deltatoken=${encode({ select: query.select, filter: query.filter, afterSeq: Math.max(0, ...messages.filter((m) => m.folder === folder).map((m) => m.seq)), offset: 0 })}`;
  return { status: 200, json };
}

module.exports = { handleGraph, loadGraph, graphError };
