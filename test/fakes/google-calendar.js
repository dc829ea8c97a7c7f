'use strict';
/**
 * Fake Google Calendar API (www.googleapis.com/calendar/v3), in the shapes of Google's Events: list reference:
 * GET /calendar/v3/calendars/{calendarId}/events with `timeMin` / `timeMax` (an event counts when any part of it is
 * inside), `singleEvents`, `orderBy`, `maxResults` and `pageToken` → `nextPageToken`. Bearer token required;
 * errors are Google's `{ error: { code, message, status, errors } }` (gmail.js).
 *
 * Dataset:
 *   "googleCalendar": { "pageSize": 2, "calendars": { "primary": [{ "id": "ev1", "summary": "Acme QBR",
 *       "start": "2026-11-24T15:00:00Z", "end": "2026-11-24T16:00:00Z", "organizer": "maya.chen@example.com",
 *       "attendees": ["dana@acme.example", "maya.chen@example.com"] }] } }
 * Start and end may be functions of the fake's clock in tests that compute them (ISO strings in the dataset).
 */
const { googleError } = require('./gmail');

function event(raw, calendarId) {
  const organizer = raw.organizer ?? `${calendarId}@example.com`;
  return {
    kind: 'calendar#event',
    etag: `"${raw.id}"`,
    id: raw.id,
    status: raw.status ?? 'confirmed',
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(raw.id).toString('base64url')}`,
    created: raw.created ?? raw.start,
    updated: raw.updated ?? raw.start,
    summary: raw.summary ?? '(No title)',
    creator: { email: organizer },
    organizer: { email: organizer, self: true },
    start: { dateTime: raw.start, timeZone: 'UTC' },
    end: { dateTime: raw.end, timeZone: 'UTC' },
    iCalUID: `${raw.id}@google.com`,
    sequence: 0,
    attendees: (raw.attendees ?? []).map((email) => ({ email, ...(email === organizer ? { organizer: true, self: true } : {}), responseStatus: 'accepted' })),
    eventType: 'default',
  };
}

function handleGoogleCalendar(state, req) {
  const route = /^\/calendar\/v3\/calendars\/([^/]+)\/events$/.exec(req.pathname);
  if (!route) return req.pathname.startsWith('/calendar/v3/') ? googleError(404, 'Not Found', 'notFound', 'NOT_FOUND') : undefined;
  if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) {
    return googleError(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.', 'authError', 'UNAUTHENTICATED');
  }
  const calendarId = decodeURIComponent(route[1]);
  const calendar = state.googleCalendar.calendars[calendarId];
  if (!calendar) return googleError(404, 'Not Found', 'notFound', 'NOT_FOUND');
  for (const name of ['timeMin', 'timeMax']) {
    if (req.query[name] !== undefined && Number.isNaN(Date.parse(req.query[name]))) return googleError(400, `Bad Request: ${name} is not an RFC3339 timestamp`, 'badRequest', 'INVALID_ARGUMENT');
  }
  const min = req.query.timeMin ? Date.parse(req.query.timeMin) : -Infinity;
  const max = req.query.timeMax ? Date.parse(req.query.timeMax) : Infinity;
  const events = calendar
    .filter((e) => Date.parse(e.end) > min && Date.parse(e.start) < max)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .map((e) => event(e, calendarId));
  const size = Math.min(Number(req.query.maxResults ?? 250), state.googleCalendar.pageSize);
  const offset = req.query.pageToken ? Number(Buffer.from(String(req.query.pageToken), 'base64url').toString()) : 0;
  const json = { kind: 'calendar#events', etag: '"p1"', summary: calendarId, updated: new Date(state.now).toISOString(), timeZone: 'UTC', accessRole: 'owner', defaultReminders: [], items: events.slice(offset, offset + size) };
  if (offset + size < events.length) json.nextPageToken = Buffer.from(String(offset + size)).toString('base64url');
  return { status: 200, json };
}

function loadGoogleCalendar(raw) {
  return { pageSize: raw?.pageSize ?? 250, calendars: raw?.calendars ?? {} };
}

module.exports = { handleGoogleCalendar, loadGoogleCalendar };
