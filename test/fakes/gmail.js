'use strict';
/**
 * Fake Gmail API (gmail.googleapis.com/gmail/v1), in the shapes of Google's Gmail API reference:
 * users.getProfile, users.threads.list (`q` with `after:` / `before:` in unix seconds or YYYY/MM/DD,
 * `maxResults`, `pageToken` → `nextPageToken`), users.threads.get (`format=metadata` with repeated
 * `metadataHeaders`, or `format=full` with base64url bodies). Bearer token required; errors are Google's
 * `{ error: { code, message, status, errors: [{ domain, reason, message }] } }`.
 *
 * Dataset:
 *   "gmail": { "mailbox": "sam@vendor.io", "pageSize": 2,
 *     "messages": [{ "id": "m1", "threadId": "t1", "from": "Dana Kim <dana@acme.com>", "to": "Sam Ortiz <sam@vendor.io>",
 *                    "cc": "", "date": "2026-11-18T10:00:00Z", "subject": "Export", "labels": ["INBOX"], "text": "…", "html": "…" }] }
 * A message from the mailbox gets the SENT label.
 */

function googleError(status, message, reason, statusText) {
  return { status, json: { error: { code: status, message, status: statusText, errors: [{ domain: reason === 'authError' ? 'global' : 'usageLimits', reason, message }] } } };
}

function fail(path, message) {
  const { DatasetError } = require('./dataset');
  throw new DatasetError(`dataset ${path}: ${message}`);
}

function loadGmail(raw) {
  const mailbox = String(raw?.mailbox ?? 'me@vendor.example').toLowerCase();
  const messages = (raw?.messages ?? []).map((m, index) => {
    const path = `gmail.messages[${index}]`;
    if (typeof m?.id !== 'string') fail(`${path}.id`, 'must be a string');
    if (typeof m.date !== 'string' || Number.isNaN(Date.parse(m.date))) fail(`${path}.date`, `"${m.date}" is not an ISO-8601 date-time`);
    if (typeof m.from !== 'string') fail(`${path}.from`, 'must be an address header such as "Dana Kim <dana@acme.com>"');
    const fromMailbox = m.from.toLowerCase().includes(`<${mailbox}>`) || m.from.toLowerCase() === mailbox;
    return {
      id: m.id,
      threadId: m.threadId ?? m.id,
      labelIds: m.labels ?? (fromMailbox ? ['SENT'] : ['INBOX', 'UNREAD']),
      internalDate: String(Date.parse(m.date)),
      headers: [
        { name: 'From', value: m.from },
        { name: 'To', value: m.to ?? mailbox },
        ...(m.cc ? [{ name: 'Cc', value: m.cc }] : []),
        { name: 'Date', value: new Date(m.date).toUTCString().replace('GMT', '+0000') },
        { name: 'Subject', value: m.subject ?? '(no subject)' },
        { name: 'Message-ID', value: `<${m.id}@mail.example>` },
      ],
      text: m.text,
      html: m.html,
      snippet: String(m.text ?? '').slice(0, 100),
    };
  });
  return { mailbox, pageSize: raw?.pageSize ?? 100, messages };
}

const b64url = (text) => Buffer.from(text, 'utf8').toString('base64url');

function payloadOf(message, format, wanted) {
  if (format === 'metadata') {
    const names = wanted.length ? new Set(wanted.map((n) => n.toLowerCase())) : undefined;
    return { mimeType: 'multipart/alternative', headers: message.headers.filter((h) => !names || names.has(h.name.toLowerCase())) };
  }
  const parts = [];
  if (message.text !== undefined) parts.push({ partId: '0', mimeType: 'text/plain', filename: '', headers: [{ name: 'Content-Type', value: 'text/plain; charset="UTF-8"' }], body: { size: Buffer.byteLength(message.text), data: b64url(message.text) } });
  if (message.html !== undefined) parts.push({ partId: String(parts.length), mimeType: 'text/html', filename: '', headers: [{ name: 'Content-Type', value: 'text/html; charset="UTF-8"' }], body: { size: Buffer.byteLength(message.html), data: b64url(message.html) } });
  return { partId: '', mimeType: 'multipart/alternative', filename: '', headers: message.headers, body: { size: 0 }, parts };
}

function resource(message, format, wanted) {
  const base = { id: message.id, threadId: message.threadId, labelIds: message.labelIds, snippet: message.snippet, historyId: '9876', internalDate: message.internalDate, sizeEstimate: 2048 };
  if (format === 'minimal') return base;
  return { ...base, payload: payloadOf(message, format, wanted) };
}

/** Gmail search: `after:` / `before:` (unix seconds or YYYY/MM/DD); other terms are not supported by this fake and refused. */
function matcher(q) {
  const terms = String(q ?? '').trim().split(/\s+/).filter(Boolean);
  const tests = [];
  for (const term of terms) {
    const match = /^(after|before):(\d{9,11}|\d{4}\/\d{1,2}\/\d{1,2})$/.exec(term);
    if (!match) return { error: googleError(400, `Invalid search query for this fake: "${term}" (supported: after:, before:)`, 'invalidArgument', 'INVALID_ARGUMENT') };
    const ms = /^\d+$/.test(match[2]) ? Number(match[2]) * 1000 : Date.parse(`${match[2].replace(/\//g, '-')}T00:00:00Z`);
    tests.push(match[1] === 'after' ? (m) => Number(m.internalDate) > ms : (m) => Number(m.internalDate) < ms);
  }
  return { test: (m) => tests.every((t) => t(m)) };
}

function handleGmail(state, req) {
  const route = /^\/gmail\/v1\/users\/([^/]+)\/(profile|threads)(?:\/([^/]+))?$/.exec(req.pathname);
  if (!route) return undefined;
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!token || (state.expectedTokens.gmail && token !== state.expectedTokens.gmail)) {
    return googleError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'authError', 'UNAUTHENTICATED');
  }
  if (route[1] !== 'me' && route[1].toLowerCase() !== state.gmail.mailbox) return googleError(403, 'Delegation denied for this fake mailbox', 'forbidden', 'PERMISSION_DENIED');
  const { messages, mailbox, pageSize } = state.gmail;
  if (route[2] === 'profile') {
    return { status: 200, json: { emailAddress: mailbox, messagesTotal: messages.length, threadsTotal: new Set(messages.map((m) => m.threadId)).size, historyId: '9876' } };
  }
  if (!route[3]) {
    const filter = matcher(req.query.q);
    if (filter.error) return filter.error;
    const threads = [];
    for (const message of [...messages].sort((a, b) => Number(b.internalDate) - Number(a.internalDate))) {
      if (filter.test(message) && !threads.some((t) => t.id === message.threadId)) threads.push({ id: message.threadId, snippet: message.snippet, historyId: '9876' });
    }
    const size = Math.min(Number(req.query.maxResults ?? 100), 500, pageSize);
    const offset = req.query.pageToken === undefined ? 0 : Number(Buffer.from(String(req.query.pageToken), 'base64url').toString());
    if (!Number.isInteger(offset) || offset < 0) return googleError(400, 'Invalid pageToken', 'invalidArgument', 'INVALID_ARGUMENT');
    const page = threads.slice(offset, offset + size);
    const json = { resultSizeEstimate: threads.length };
    if (page.length) json.threads = page;
    if (offset + size < threads.length) json.nextPageToken = Buffer.from(String(offset + size)).toString('base64url');
    return { status: 200, json };
  }
  const thread = messages.filter((m) => m.threadId === decodeURIComponent(route[3])).sort((a, b) => Number(a.internalDate) - Number(b.internalDate));
  if (thread.length === 0) return googleError(404, 'Requested entity was not found.', 'notFound', 'NOT_FOUND');
  const format = req.query.format ?? 'full';
  if (!['minimal', 'full', 'metadata', 'raw'].includes(format)) return googleError(400, `Invalid format: ${format}`, 'invalidArgument', 'INVALID_ARGUMENT');
  const wanted = req.searchParams.getAll('metadataHeaders');
  return { status: 200, json: { id: thread[0].threadId, historyId: '9876', messages: thread.map((m) => resource(m, format, wanted)) } };
}

module.exports = { handleGmail, loadGmail, googleError };
