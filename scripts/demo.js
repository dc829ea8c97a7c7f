#!/usr/bin/env node
'use strict';
/**
 * npm run demo — the daily signal sweep template on the bundled demo book, in a real local n8n,
 * against sandboxed HubSpot / Zendesk / Slack (the fake providers), as of today.
 *
 *  1. builds the package if dist/ is missing or older than the sources;
 *  2. installs the pinned n8n 2.41.1 on Node 24 into ~/.cache/cs-signal-os (first run ~5 min, then instant;
 *     CS_SIGNAL_OS_CACHE moves it);
 *  3. packs this package and installs it into a fresh n8n user folder as a community package;
 *  4. starts the fakes loaded with the demo book, the routing proxy in front of them (n8n's HTTPS_PROXY:
 *     api.hubapi.com / acme.zendesk.com / data.mixpanel.com / us-12345.api.gong.io / gmail.googleapis.com /
 *     slack.com reach the fakes, every other host is refused) and the warehouse feed (the signals no source
 *     node reads: CRM notes, exec and market changes, surveys) — no root, nothing leaves the machine;
 *  5. imports the demo credentials and the daily-sweep template, runs it with `n8n execute`;
 *  6. prints the action table, the Slack messages (one per account in the channel, each owner's digest by DM)
 *     and the HubSpot tasks (one per action) the sandbox received, and writes executive briefs for the most
 *     at-risk accounts as markdown.
 *
 * Options: --keep (keep the n8n user folder and work dir), --as-of YYYY-MM-DD, --top N (briefs, default 3).
 */
const fs = require('node:fs');
const path = require('node:path');
const { REPO_ROOT } = require('./demo/harness');
const { ensureBuilt, startSandbox, say } = require('./demo/sandbox');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

async function main() {
  const started = Date.now();
  const keep = process.argv.includes('--keep');
  if (keep) process.env.CS_E2E_KEEP = '1';
  ensureBuilt();
  const { buildDemoBook } = require(path.join(REPO_ROOT, 'dist/demo/book.js'));
  const sandboxLib = require(path.join(REPO_ROOT, 'dist/demo/sandbox.js'));
  const { buildBrief } = require(path.join(REPO_ROOT, 'dist/engine/act/briefs/index.js'));
  const { AccountIntelligenceSchema, SignalSchema } = require(path.join(REPO_ROOT, 'dist/engine/model/index.js'));

  const asOfDay = option('as-of', new Date().toISOString().slice(0, 10));
  const book = buildDemoBook(asOfDay);
  const { sources } = book;
  say(
    `demo book: ${book.accounts.length} accounts, ${book.tickets.length} Zendesk tickets, ${sources.usage.length} Mixpanel events, ${sources.calls.length} Gong calls, ` +
      `${sources.mail.length} e-mails, ${sources.slackChannels.length} shared Slack channel(s), as of ${book.asOf}`,
  );

  const sandbox = await startSandbox(book);
  try {
    const template = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'workflows/daily-signal-sweep.json'), 'utf8'));
    await sandbox.env.importCredentials(sandboxLib.demoCredentials({ smtpPort: sandbox.env.smtpPort }));
    await sandbox.env.importWorkflow(sandboxLib.adaptTemplate(template, {
      warehouseUrl: sandbox.warehouseUrl,
      ownerDirectory: sandbox.providerData.ownerDirectory,
      slackChannels: sandbox.providerData.slackChannelMapping,
      // --as-of moves the sweep's clock with the book (without it both are today).
      ...(process.argv.includes('--as-of') ? { asOf: book.asOf } : {}),
    }));
    say('running the daily signal sweep: n8n execute --id=csDailySignalSweep');
    const result = await sandbox.env.execute('csDailySignalSweep');
    if (result.status !== 'success') {
      throw new Error(`the sweep did not succeed (status ${result.status ?? 'none'}, exit ${result.rc}): ${result.error ?? ''}`);
    }
    say(`sweep finished in ${result.seconds.toFixed(1)} s`);

    // what each source node read (the sweep goes on when one fails: its error goes to "Source errors")
    const SOURCE_NODES = [
      ['HubSpot accounts', 'HubSpot (CS CRM Signals)'],
      ['Zendesk tickets', 'Zendesk (CS Support Signals)'],
      ['Product usage', 'Mixpanel (CS Usage Signals)'],
      ['Gong calls', 'Gong (CS Meeting Signals)'],
      ['Gmail (CSM mailbox)', 'Gmail (CS Email Signals)'],
      ['Shared Slack channels', 'Slack (CS Slack Signals)'],
      ['Warehouse signals', 'Feed (exec, market, CRM notes)'],
    ];
    const sourceRows = SOURCE_NODES.map(([node, label]) => {
      const signals = sandboxLib.allItems(result.run, node).filter((item) => item.type && item.accountId && !item.error);
      const errorOutput = (result.run?.data?.resultData?.runData?.[node]?.[0]?.data?.main ?? []).length - 1;
      const errors = node === 'HubSpot accounts' ? [] : sandboxLib.outputItems(result.run, node, errorOutput).filter((item) => item.error !== undefined);
      const types = [...new Set(signals.map((s) => s.type))].sort();
      return { node, label, signals: signals.length, errors: errors.length, types };
    });
    const failedSources = sourceRows.filter((row) => row.errors > 0);
    const table = sandboxLib.actionTable(result.run);
    const outbox = await sandbox.env.fakes.outbox();
    const channel = outbox.slackMessages.filter((message) => !message.dmUser);
    const dms = outbox.slackMessages.filter((message) => message.dmUser);
    const out = [];
    out.push('', `SOURCES — ${sourceRows.length} source node(s) read, ${failedSources.length} failed`, '');
    for (const row of sourceRows) {
      out.push(`  ${row.label.padEnd(31)} ${String(row.signals).padStart(3)} signal(s)${row.errors ? `, ${row.errors} ERROR(S) (see "Source errors")` : ''}  ${row.types.join(', ')}`.trimEnd());
    }
    out.push('', `ACTIONS — ${table.actions} action(s) on ${table.rows.length} account(s) from ${table.firings} rule firing(s); ${table.quiet} account(s) with nothing to do`, '');
    out.push(
      sandboxLib.formatTable(table.rows, [['account', 'Account'], ['health', 'Health'], ['risk', 'Risk'], ['expansion', 'Expansion'], ['actions', 'Actions'], ['owner', 'Owner'], ['due', 'Due']]),
    );
    out.push('', `SLACK — ${channel.length} message(s) in #cs-alerts (one per account), ${dms.length} owner digest(s) by direct message`, '');
    for (const message of channel) out.push(`  [${message.channel}] ${message.text}`);
    for (const message of dms) out.push(`  [DM ${message.dmUser}] ${message.text}`);
    out.push('', `HUBSPOT — ${outbox.hubspotTasks.length} task(s) created via POST /crm/v3/objects/tasks (one per action)`, '');
    const owners = sandbox.providerData.ownerDirectory;
    out.push(
      sandboxLib.formatTable(
        outbox.hubspotTasks.map((task) => ({
          due: String(task.properties.hs_timestamp).slice(0, 10),
          owner: owners[task.properties.hubspot_owner_id]?.name ?? task.properties.hubspot_owner_id ?? '–',
          company: (task.associations.companies ?? []).map((id) => sandbox.providerData.accountByCompanyId[id]?.name ?? id).join(', '),
          subject: task.properties.hs_task_subject,
        })),
        [['due', 'Due'], ['owner', 'Owner'], ['company', 'Company'], ['subject', 'Subject']],
      ),
    );

    // Executive briefs for the most at-risk accounts (the engine behind the CS Account Brief node).
    const intelligence = sandboxLib.allItems(result.run, 'CS Account Intelligence').map((item) => AccountIntelligenceSchema.parse(item));
    const signals = sandboxLib.allItems(result.run, 'All signals').filter((item) => item.signalId || item.id).map((item) => SignalSchema.parse(item));
    const actions = sandboxLib.emittedActions(result.run);
    const top = intelligence.sort((a, b) => b.risk.score - a.risk.score).slice(0, Number(option('top', '3')));
    const briefDir = path.join(sandbox.cacheDir, 'demo', book.asOf.slice(0, 10), 'briefs');
    fs.mkdirSync(briefDir, { recursive: true });
    out.push('', `BRIEFS — executive briefs for the ${top.length} most at-risk accounts`, '');
    for (const intel of top) {
      const brief = buildBrief('executive', {
        intelligence: intel,
        signals: signals.filter((signal) => signal.accountId === intel.accountId),
        action: actions.find((action) => action.accountId === intel.accountId) ?? null,
      });
      const file = path.join(briefDir, `${intel.account.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.md`);
      fs.writeFileSync(file, brief.markdown);
      out.push(`  ${intel.account.name.padEnd(24)} risk ${String(intel.risk.score).padEnd(4)} ${file}`);
    }
    out.push('', `Done in ${((Date.now() - started) / 1000).toFixed(0)} s. ${keep ? `n8n user folder kept: ${sandbox.env.userFolder}` : 'Run with --keep to keep the n8n user folder.'}`);
    out.push('Open the same workflow in the n8n editor: npm start', '');
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  process.stderr.write(`\nnpm run demo failed: ${error.message}\n`);
  process.exit(1);
});

