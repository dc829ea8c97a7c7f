'use strict';
/**
 * Fake news sources, answering feed text the way the real services shape it:
 *
 * - Google News search (news.google.com): `GET /rss/search?q=…&hl=…&gl=…&ceid=…` → RSS 2.0 (generator NFE/5.0, titles
 *   ending in " - Publisher", redirect links, `guid isPermaLink="false"`, the publisher in `<source url>`); a query the
 *   dataset does not know gets the empty channel Google sends for no results. `when:Nd` is honoured against `now`.
 * - A company newsroom (any host and path of the dataset): RSS 2.0 with `content:encoded` and `dc:creator`.
 * - SEC EDGAR (www.sec.gov): `GET /cgi-bin/browse-edgar?action=getcompany&CIK=…&type=8-K&count=…&output=atom` → the
 *   company's filings as Atom (ISO-8859-1, `<company-info>`, per entry `<content type="text/xml">` with the accession
 *   number, filing date, filing href and items, an HTML summary listing "Item 5.02: …"); the filing index page
 *   (`/Archives/edgar/data/<cik>/<accession without dashes>/<accession>-index.htm`, "Document Format Files" table with an
 *   iXBRL link) and the 8-K document with its items' text. EDGAR answers 403 with its "Undeclared Automated Tool" page to
 *   a request whose User-Agent names no contact e-mail — every request, feed, index and document alike.
 *
 * Every feed answer carries an ETag (a hash of the body) and Last-Modified (the newest item); If-None-Match or
 * If-Modified-Since that still hold get 304 with no body. Links inside the feeds use the request's own origin, so they
 * lead back to this fake whether it is reached as https://www.sec.gov through the routing proxy or as http://127.0.0.1.
 */
const { createHash } = require('node:crypto');

const ITEM_CAPTIONS = {
  '1.01': 'Entry into a Material Definitive Agreement',
  '1.02': 'Termination of a Material Definitive Agreement',
  '2.01': 'Completion of Acquisition or Disposition of Assets',
  '2.02': 'Results of Operations and Financial Condition',
  '2.05': 'Costs Associated with Exit or Disposal Activities',
  '2.06': 'Material Impairments',
  '5.02': 'Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers: Compensatory Arrangements of Certain Officers',
  '7.01': 'Regulation FD Disclosure',
  '8.01': 'Other Events',
  '9.01': 'Financial Statements and Exhibits',
};

const escapeXml = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const rfc822 = (iso) => new Date(iso).toUTCString();
const httpDate = (ms) => new Date(ms).toUTCString();

class NewsDatasetError extends Error {}
const fail = (path, message) => {
  throw new NewsDatasetError(`dataset news.${path}: ${message}`);
};
const isoOrFail = (value, path) => {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail(path, `"${value}" is not an ISO-8601 date-time`);
  return value;
};
const list = (value, path) => {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value;
};

function loadItems(items, path) {
  return list(items, path).map((item, index) => {
    const where = `${path}[${index}]`;
    if (!item || typeof item.title !== 'string' || item.title === '') fail(`${where}.title`, 'is required');
    return { ...item, id: String(item.id ?? `${where}`), publishedAt: isoOrFail(item.publishedAt, `${where}.publishedAt`) };
  });
}

/** Checks and normalises the `news` part of a dataset. */
function loadNews(raw) {
  const googleNews = list(raw?.googleNews, 'googleNews').map((search, index) => {
    if (typeof search?.query !== 'string' || search.query.trim() === '') fail(`googleNews[${index}].query`, 'is required (the search terms as the q parameter carries them)');
    return { query: search.query.trim(), items: loadItems(search.items, `googleNews[${index}].items`) };
  });
  const newsrooms = list(raw?.newsrooms, 'newsrooms').map((room, index) => {
    if (typeof room?.host !== 'string' || typeof room?.path !== 'string' || !room.path.startsWith('/')) fail(`newsrooms[${index}]`, 'needs a host and a path starting with /');
    return { host: room.host.toLowerCase(), path: room.path, title: room.title ?? `${room.host} newsroom`, link: room.link ?? `https://${room.host}/`, items: loadItems(room.items, `newsrooms[${index}].items`) };
  });
  const companies = list(raw?.edgar?.companies, 'edgar.companies').map((company, index) => {
    const where = `edgar.companies[${index}]`;
    if (!/^\d{1,10}$/.test(String(company?.cik ?? ''))) fail(`${where}.cik`, 'must be a CIK of up to 10 digits');
    const cik = String(company.cik).padStart(10, '0');
    const filings = list(company.filings, `${where}.filings`).map((filing, at) => {
      const path = `${where}.filings[${at}]`;
      if (!/^\d{10}-\d{2}-\d{6}$/.test(filing?.accessionNumber ?? '')) fail(`${path}.accessionNumber`, 'must look like 0001234567-26-000123');
      for (const item of list(filing.items, `${path}.items`)) if (!ITEM_CAPTIONS[item]) fail(`${path}.items`, `"${item}" is not an 8-K item this fake knows (${Object.keys(ITEM_CAPTIONS).join(', ')})`);
      return {
        form: '8-K',
        items: [],
        itemText: {},
        primaryDocument: `${(company.ticker ?? 'doc').toLowerCase()}-${filing.filingDate.replace(/-/g, '')}.htm`,
        size: '245 KB',
        ...filing,
        acceptedAt: isoOrFail(filing.acceptedAt, `${path}.acceptedAt`),
      };
    });
    filings.sort((a, b) => Date.parse(b.acceptedAt) - Date.parse(a.acceptedAt));
    return { cik, name: company.name ?? `COMPANY ${cik}`, sic: company.sic ?? '7372', sicDescription: company.sicDescription ?? 'SERVICES-PREPACKAGED SOFTWARE', state: company.state ?? 'DE', filings };
  });
  return { googleNews, newsrooms, edgar: { companies } };
}

/** A feed answer with its validators, or 304 when the request's validators still hold. */
function feedResponse(req, body, newestMs, contentType, encoding = 'utf8') {
  const bytes = Buffer.from(body, encoding);
  const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;
  const lastModified = httpDate(Number.isFinite(newestMs) ? newestMs : 0);
  const headers = { etag, 'last-modified': lastModified, 'cache-control': 'private, max-age=0' };
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  const unchanged = ifNoneMatch !== undefined ? ifNoneMatch.split(',').map((tag) => tag.trim()).includes(etag) : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(lastModified);
  if (unchanged) return { status: 304, headers, bytes: Buffer.alloc(0) };
  return { status: 200, headers: { ...headers, 'content-type': contentType }, bytes };
}

const newest = (items) => Math.max(...items.map((item) => Date.parse(item.publishedAt)), -Infinity);

// ---------------------------------------------------------------- Google News

/** "Acme Corp" OR "acme.example" when:30d → the terms without the `when:` operator, and the days. */
function parseQuery(q) {
  const when = /\s*\bwhen:(\d+)([dh])\b/.exec(q);
  const terms = q.replace(/\s*\bwhen:\d+[dh]\b/, '').trim();
  return { terms, maxAgeMs: when ? Number(when[1]) * (when[2] === 'd' ? 86_400_000 : 3_600_000) : Infinity };
}

function googleNews(state, req) {
  if (req.pathname !== '/rss/search') return { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' }, text: '<html><body>404. That’s an error.</body></html>' };
  const q = req.query.q;
  if (!q) return { status: 400, headers: { 'content-type': 'text/html; charset=UTF-8' }, text: '<html><body>400. That’s an error. Your client has issued a malformed or illegal request.</body></html>' };
  const hl = req.query.hl ?? 'en-US';
  const gl = req.query.gl ?? 'US';
  const ceid = req.query.ceid ?? `${gl}:${hl.split('-')[0]}`;
  const { terms, maxAgeMs } = parseQuery(q);
  const search = state.news.googleNews.find((entry) => entry.query === terms);
  const now = Date.parse(state.now);
  const items = (search?.items ?? []).filter((item) => now - Date.parse(item.publishedAt) <= maxAgeMs).sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
  const channelLink = `https://news.google.com/search?q=${encodeURIComponent(q).replace(/%20/g, '+')}&hl=${hl}&gl=${gl}&ceid=${ceid}`;
  const body =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><generator>NFE/5.0</generator>` +
    `<title>${escapeXml(q)} - Google News</title><link>${escapeXml(channelLink)}</link><language>${escapeXml(hl)}</language><webMaster>news-webmaster@google.com</webMaster>` +
    `<copyright>${new Date(now).getUTCFullYear()} Google Inc.</copyright><lastBuildDate>${rfc822(state.now)}</lastBuildDate><description>Google News</description>` +
    items
      .map((item) => {
        const link = `https://news.google.com/rss/articles/${item.id}?oc=5`;
        const publisher = item.publisher ?? 'News';
        const description = `<a href="${link}" target="_blank">${escapeXml(item.title)}</a>&nbsp;&nbsp;<font color="#6f6f6f">${escapeXml(publisher)}</font>`;
        return (
          `<item><title>${escapeXml(`${item.title} - ${publisher}`)}</title><link>${escapeXml(link)}</link><guid isPermaLink="false">${escapeXml(item.id)}</guid>` +
          `<pubDate>${rfc822(item.publishedAt)}</pubDate><description>${escapeXml(description)}</description>` +
          `<source url="${escapeXml(item.publisherUrl ?? 'https://news.example')}">${escapeXml(publisher)}</source></item>`
        );
      })
      .join('') +
    `</channel></rss>`;
  return feedResponse(req, body, items.length ? newest(items) : now, 'application/xml; charset=utf-8');
}

// ---------------------------------------------------------------- newsrooms

function newsroomFor(state, req) {
  const host = String(req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
  const byHost = state.news.newsrooms.find((room) => room.host === host && room.path === req.pathname);
  return byHost ?? state.news.newsrooms.find((room) => room.path === req.pathname && !state.news.newsrooms.some((other) => other.host === host));
}

function newsroom(state, req) {
  const room = newsroomFor(state, req);
  if (!room) return undefined;
  const items = [...room.items].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n` +
    `<title>${escapeXml(room.title)}</title>\n<link>${escapeXml(room.link)}</link>\n<description>${escapeXml(`Press releases from ${room.title.replace(/ Newsroom$/, '')}`)}</description>\n` +
    items
      .map(
        (item) =>
          `<item>\n<title>${escapeXml(item.title)}</title>\n<link>${escapeXml(item.link ?? `${room.link.replace(/\/$/, '')}/${item.id}`)}</link>\n<guid isPermaLink="false">${escapeXml(item.id)}</guid>\n` +
          `<pubDate>${rfc822(item.publishedAt)}</pubDate>\n${item.creator ? `<dc:creator>${escapeXml(item.creator)}</dc:creator>\n` : ''}` +
          `${item.description ? `<description>${escapeXml(item.description)}</description>\n` : ''}${item.content ? `<content:encoded><![CDATA[${item.content}]]></content:encoded>\n` : ''}</item>\n`,
      )
      .join('') +
    `</channel>\n</rss>\n`;
  return feedResponse(req, body, newest(items), 'application/rss+xml; charset=utf-8');
}

// ---------------------------------------------------------------- SEC EDGAR

const UNDECLARED_TOOL =
  '<!DOCTYPE html><html><head><title>SEC.gov | Request Rate Threshold Exceeded</title></head><body><h1>Your Request Originates from an Undeclared Automated Tool</h1>' +
  '<p>To allow for equitable access to all users, SEC reserves the right to limit requests originating from undeclared automated tools. Your request has been identified as part of a network of automated tools outside of the acceptable policy and will be managed until action is taken to declare your traffic.</p>' +
  '<p>Please declare your traffic by updating your user agent to include company specific information.</p></body></html>';

const edgarHtml = (status, text) => ({ status, headers: { 'content-type': 'text/html' }, text });
const accessionPath = (company, filing) => `/Archives/edgar/data/${Number(company.cik)}/${filing.accessionNumber.replace(/-/g, '')}`;

function edgarAtom(state, req, company) {
  const type = req.query.type ?? '';
  const count = Math.min(Math.max(Number(req.query.count ?? 40) || 40, 1), 100);
  const filings = company.filings.filter((filing) => !type || filing.form.startsWith(type)).slice(0, count);
  const origin = req.origin;
  const browse = `${origin}/cgi-bin/browse-edgar?action=getcompany&CIK=${company.cik}&type=${type}&dateb=&owner=include&count=${count}`;
  const updated = filings[0]?.acceptedAt ?? state.now;
  const entries = filings
    .map((filing) => {
      const index = `${origin}${accessionPath(company, filing)}/${filing.accessionNumber}-index.htm`;
      const summary = `<b>Filed:</b> ${filing.filingDate} <b>AccNo:</b> ${filing.accessionNumber} <b>Size:</b> ${filing.size}${filing.items.map((item) => `<br>Item ${item}: ${ITEM_CAPTIONS[item]}`).join('')}`;
      const itemsDesc = filing.items.length ? `<items-desc>items ${filing.items.join(' and ')}</items-desc>\n` : '';
      return (
        `<entry>\n<category label="form type" scheme="https://www.sec.gov/" term="${escapeXml(filing.form)}" />\n<content type="text/xml">\n` +
        `<accession-number>${filing.accessionNumber}</accession-number>\n<act>34</act>\n<filing-date>${filing.filingDate}</filing-date>\n` +
        `<filing-href>${escapeXml(index)}</filing-href>\n<filing-type>${escapeXml(filing.form)}</filing-type>\n<form-name>Current report</form-name>\n${itemsDesc}<size>${escapeXml(filing.size)}</size>\n</content>\n` +
        `<id>urn:tag:sec.gov,2008:accession-number=${filing.accessionNumber}</id>\n<link href="${escapeXml(index)}" rel="alternate" type="text/html" />\n` +
        `<summary type="html"> ${escapeXml(summary)}</summary>\n<title>${escapeXml(filing.form)}  - Current report</title>\n<updated>${filing.acceptedAt}</updated>\n</entry>\n`
      );
    })
    .join('');
  const body =
    `<?xml version="1.0" encoding="ISO-8859-1" ?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<author>\n<email>webmaster@sec.gov</email>\n<name>Webmaster</name>\n</author>\n` +
    `<company-info>\n<assigned-sic>${company.sic}</assigned-sic>\n<assigned-sic-desc>${escapeXml(company.sicDescription)}</assigned-sic-desc>\n<cik>${company.cik}</cik>\n` +
    `<conformed-name>${escapeXml(company.name)}</conformed-name>\n<state-location>${company.state}</state-location>\n</company-info>\n` +
    `<id>urn:tag:sec.gov,2008:company=${company.cik}</id>\n<link href="${escapeXml(browse)}" rel="alternate" type="text/html"/>\n` +
    `<title>${escapeXml(company.name)}  (${company.cik})</title>\n<updated>${updated}</updated>\n${entries}</feed>\n`;
  return feedResponse(req, body, Date.parse(updated), 'application/atom+xml', 'latin1');
}

/** The latest filings of every company (`action=getcurrent`, what the credential test asks for). */
function edgarCurrent(state, req) {
  const type = req.query.type ?? '';
  const count = Math.min(Math.max(Number(req.query.count ?? 40) || 40, 1), 100);
  const all = state.news.edgar.companies
    .flatMap((company) => company.filings.map((filing) => ({ company, filing })))
    .filter(({ filing }) => !type || filing.form.startsWith(type))
    .sort((a, b) => Date.parse(b.filing.acceptedAt) - Date.parse(a.filing.acceptedAt))
    .slice(0, count);
  const entries = all
    .map(({ company, filing }) => {
      const index = `${req.origin}${accessionPath(company, filing)}/${filing.accessionNumber}-index.htm`;
      return (
        `<entry>\n<title>${escapeXml(`${filing.form} - ${company.name} (${company.cik}) (Filer)`)}</title>\n<link rel="alternate" type="text/html" href="${escapeXml(index)}"/>\n` +
        `<summary type="html"> &lt;b&gt;Filed:&lt;/b&gt; ${filing.filingDate} &lt;b&gt;AccNo:&lt;/b&gt; ${filing.accessionNumber} &lt;b&gt;Size:&lt;/b&gt; ${escapeXml(filing.size)}</summary>\n` +
        `<updated>${filing.acceptedAt}</updated>\n<category scheme="https://www.sec.gov/" label="form type" term="${escapeXml(filing.form)}"/>\n<id>urn:tag:sec.gov,2008:accession-number=${filing.accessionNumber}</id>\n</entry>\n`
      );
    })
    .join('');
  const updated = all[0]?.filing.acceptedAt ?? state.now;
  const body =
    `<?xml version="1.0" encoding="ISO-8859-1" ?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n<title>Latest Filings - ${rfc822(state.now)}</title>\n` +
    `<link rel="alternate" href="${req.origin}/cgi-bin/browse-edgar?action=getcurrent"/>\n<link rel="self" href="${req.origin}/cgi-bin/browse-edgar?action=getcurrent"/>\n` +
    `<id>${req.origin}/cgi-bin/browse-edgar?action=getcurrent</id>\n<author><name>Webmaster</name><email>webmaster@sec.gov</email></author>\n<updated>${updated}</updated>\n${entries}</feed>\n`;
  return feedResponse(req, body, Date.parse(updated), 'application/atom+xml', 'latin1');
}

function edgarIndex(req, company, filing) {
  const document = `${accessionPath(company, filing)}/${filing.primaryDocument}`;
  const rows = filing.items.map((item) => `Item ${item}: ${ITEM_CAPTIONS[item]}`).join('<br />');
  return edgarHtml(
    200,
    `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml">\n<head><title>EDGAR Filing Documents for ${filing.accessionNumber}</title></head>\n<body>\n<div id="formDiv">\n` +
      `<div id="formHeader"><div id="formName"><strong>Form ${escapeXml(filing.form)}</strong> - Current report:</div><div id="secNum"><strong>SEC Accession <acronym title="Number">No.</acronym></strong> ${filing.accessionNumber}</div></div>\n` +
      `<div class="formContent">\n<div class="formGrouping"><div class="infoHead">Filing Date</div><div class="info">${filing.filingDate}</div></div>\n<div class="formGrouping"><div class="infoHead">Items</div><div class="info">${escapeXml(rows).replace(/&lt;br \/&gt;/g, '<br />')}</div></div>\n</div>\n` +
      `<p>Document Format Files</p>\n<table class="tableFile" summary="Document Format Files">\n<tr><th scope="col">Seq</th><th scope="col">Description</th><th scope="col">Document</th><th scope="col">Type</th><th scope="col">Size</th></tr>\n` +
      `<tr><td scope="row">1</td><td scope="row">${escapeXml(filing.form)}</td><td scope="row"><a href="/ix?doc=${document}">${filing.primaryDocument}</a> &nbsp;&nbsp;<span style="color: green">iXBRL</span></td><td scope="row">${escapeXml(filing.form)}</td><td scope="row">41862</td></tr>\n` +
      `</table>\n</div>\n</body>\n</html>\n`,
  );
}

function edgarDocument(company, filing) {
  const sections = filing.items
    .map((item) => `<p style="font-weight:bold">Item&#160;${item}&#160;${escapeXml(ITEM_CAPTIONS[item].replace(/:/g, ';'))}.</p>\n<p>${escapeXml(filing.itemText[item] ?? 'Not applicable.')}</p>\n`)
    .join('');
  return edgarHtml(
    200,
    `<html><head><title>${filing.primaryDocument.replace(/\.htm$/, '')}</title></head><body>\n<div style="text-align:center"><p><b>UNITED STATES<br/>SECURITIES AND EXCHANGE COMMISSION</b></p><p>Washington, D.C. 20549</p><p><b>FORM ${escapeXml(filing.form)}</b></p>` +
      `<p>CURRENT REPORT<br/>Pursuant to Section 13 or 15(d) of the Securities Exchange Act of 1934</p><p><b>${escapeXml(company.name)}</b><br/>(Exact name of registrant as specified in its charter)</p></div>\n${sections}<p>SIGNATURES</p></body></html>\n`,
  );
}

function edgar(state, req) {
  const isEdgarPath = req.pathname === '/cgi-bin/browse-edgar' || req.pathname.startsWith('/Archives/edgar/') || req.pathname === '/ix';
  if (!isEdgarPath) return undefined;
  // SEC's fair-access policy: a User-Agent naming the organisation and a contact e-mail, on every request.
  if (!/\S+@\S+\.\S+/.test(String(req.headers['user-agent'] ?? ''))) return edgarHtml(403, UNDECLARED_TOOL);
  if (req.pathname === '/cgi-bin/browse-edgar') {
    if (req.query.action === 'getcurrent') return edgarCurrent(state, req);
    if (req.query.action !== 'getcompany') return edgarHtml(400, '<html><body>Invalid action</body></html>');
    const cik = String(req.query.CIK ?? '').padStart(10, '0');
    const company = state.news.edgar.companies.find((entry) => entry.cik === cik);
    if (!company) return edgarHtml(200, '<html><head><title>EDGAR Search Results</title></head><body><center><h1>No matching CIK.</h1></center></body></html>');
    if (req.query.output !== 'atom') return edgarHtml(200, `<html><body><h1>${escapeXml(company.name)}</h1></body></html>`);
    return edgarAtom(state, req, company);
  }
  for (const company of state.news.edgar.companies) {
    for (const filing of company.filings) {
      const base = accessionPath(company, filing);
      if (req.pathname === `${base}/${filing.accessionNumber}-index.htm`) return edgarIndex(req, company, filing);
      if (req.pathname === `${base}/${filing.primaryDocument}`) return edgarDocument(company, filing);
    }
  }
  return edgarHtml(404, '<html><body><h1>The page you requested could not be found.</h1></body></html>');
}

function handleGoogleNews(state, req) {
  if (req.pathname !== '/rss/search' && !String(req.headers.host ?? '').startsWith('news.google.com')) return undefined;
  return googleNews(state, req);
}

module.exports = { loadNews, handleGoogleNews, handleNewsroom: newsroom, handleEdgar: edgar, NewsDatasetError, ITEM_CAPTIONS };
