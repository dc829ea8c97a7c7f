'use strict';
/**
 * The one table of provider hosts the fakes stand in for. Used by the fakes' routing (Host header →
 * provider), by the routing proxy (which CONNECTs it lets through) and by the test CA (the server
 * certificate's names), so a new provider is one line here plus its handler.
 *
 * `*.example.com` matches any sub-domain (not example.com itself).
 */
const PROVIDER_HOSTS = Object.freeze([
  { provider: 'hubspot', hosts: ['api.hubapi.com'] },
  { provider: 'zendesk', hosts: ['*.zendesk.com'] },
  { provider: 'slack', hosts: ['slack.com'] },
  { provider: 'googleNews', hosts: ['news.google.com'] },
  { provider: 'edgar', hosts: ['www.sec.gov'] },
  { provider: 'newsroom', hosts: ['*.newsroom.example'] },
  // Gong gives every customer its own API host (us-12345.api.gong.io); api.gong.io is the default
  { provider: 'gong', hosts: ['api.gong.io', '*.api.gong.io'] },
  { provider: 'gmail', hosts: ['gmail.googleapis.com'] },
  { provider: 'graph', hosts: ['graph.microsoft.com'] },
  // n8n's Google Calendar node calls www.googleapis.com/calendar/v3
  { provider: 'googleCalendar', hosts: ['www.googleapis.com'] },
  // export hosts per data residency, and the app hosts of the service-account check (/api/app/me)
  { provider: 'mixpanel', hosts: ['data.mixpanel.com', 'data-eu.mixpanel.com', 'data-in.mixpanel.com', 'mixpanel.com', 'eu.mixpanel.com', 'in.mixpanel.com'] },
  // the API host per data region (US, EU, Australia)
  { provider: 'intercom', hosts: ['api.intercom.io', 'api.eu.intercom.io', 'api.au.intercom.io'] },
  // every org has its own instance host (the OAuth2 token's instance_url)
  { provider: 'salesforce', hosts: ['*.my.salesforce.com'] },
  { provider: 'pendo', hosts: ['app.pendo.io', 'app.eu.pendo.io', 'us1.app.pendo.io', 'app.jpn.pendo.io', 'app.au.pendo.io'] },
]);

function hostMatches(pattern, name) {
  if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1;
  return name === pattern;
}

/** "acme.zendesk.com:443" → "zendesk"; undefined for a host no fake serves. */
function providerForHost(host) {
  const name = String(host ?? '').replace(/:\d+$/, '').toLowerCase();
  for (const { provider, hosts } of PROVIDER_HOSTS) if (hosts.some((pattern) => hostMatches(pattern, name))) return provider;
  return undefined;
}

/** Every host pattern, for the server certificate's subjectAltName. */
function certificateHostNames() {
  return PROVIDER_HOSTS.flatMap(({ hosts }) => hosts);
}

module.exports = { PROVIDER_HOSTS, providerForHost, certificateHostNames };
