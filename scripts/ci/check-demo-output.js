#!/usr/bin/env node
'use strict';
/**
 * CI's check of `npm run demo` output (the log of the README's first command, run cold as an
 * unprivileged user): the cold n8n install happened, and the demo printed an action table, the Slack
 * messages and HubSpot tasks the sandbox received, and the briefs — consistent with each other, with
 * the seed stories' headline case (Acme Corp's executive escalation) present and no request refused by
 * the proxy (nothing tried to leave the machine). On the demo book: at most one Slack message per account
 * per sweep, one HubSpot task per action, no two tasks for one (account, playbook), no task without an owner.
 * The sweep's sources: each node read signals (HubSpot, Zendesk, Mixpanel usage, Gong meetings, Gmail, Slack, the
 * feed) and none failed — no "Source errors" message among the Slack messages.
 * Exit 1 naming what is missing.
 *
 *   node scripts/ci/check-demo-output.js demo.log
 */
const fs = require('node:fs');

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: check-demo-output.js <demo.log>\n');
  process.exit(2);
}
const log = fs.readFileSync(file, 'utf8');
const lines = log.split('\n');
const problems = [];
const expect = (ok, what) => {
  if (!ok) problems.push(what);
};
const section = (title) => {
  const start = lines.findIndex((line) => line.startsWith(title));
  if (start < 0) return [];
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => /^[A-Z]+ — /.test(line) || line.startsWith('Done in'));
  return rest.slice(0, end < 0 ? rest.length : end).filter((line) => line.trim() && !/^[-\s]+$/.test(line)); // no blank or ---- rule lines
};

const cold = /\[demo\] local n8n: installing n8n/.test(log);
const installed = log.match(/\[setup-n8n\s+\d+s\] installed in (\d+) s/);
expect(cold, 'the demo did not install n8n (was the cache not empty?): "[demo] local n8n: installing n8n" missing');
expect(installed, 'no "[setup-n8n] installed in N s" line: the cold install did not finish');

const sources = log.match(/^SOURCES — (\d+) source node\(s\) read, (\d+) failed/m);
expect(sources, 'no "SOURCES — N source node(s) read, N failed" headline');
if (sources) expect(sources[2] === '0', `${sources[2]} source(s) failed in the demo (the fakes serve every provider): ${section('SOURCES').filter((l) => /ERROR/.test(l)).join('; ')}`);
const sourceRows = section('SOURCES');
const SOURCE_TYPES = { 'HubSpot (CS CRM Signals)': 'crm.', 'Zendesk (CS Support Signals)': 'support.', 'Mixpanel (CS Usage Signals)': 'usage.', 'Gong (CS Meeting Signals)': 'meetings.', 'Gmail (CS Email Signals)': 'email.', 'Slack (CS Slack Signals)': 'slack.' };
for (const [label, prefix] of Object.entries(SOURCE_TYPES)) {
  const row = sourceRows.find((line) => line.trim().startsWith(label));
  const count = row && /\s(\d+) signal\(s\)/.exec(row);
  expect(count && Number(count[1]) > 0 && row.includes(prefix), `the ${label} source read no ${prefix}* signal: "${row?.trim() ?? 'missing'}"`);
}

const actions = log.match(/^ACTIONS — (\d+) action\(s\) on (\d+) account\(s\) from (\d+) rule firing\(s\); (\d+) account\(s\) with nothing to do/m);
expect(actions, 'no "ACTIONS — N action(s) on N account(s) from N rule firing(s)" headline');
const table = section('ACTIONS');
const header = table[0] ?? '';
expect(/^Account\s+Health\s+Risk\s+Expansion\s+Actions\s+Owner\s+Due/.test(header), `the action table has no header row (got "${header}")`);
const rows = table.slice(1);
if (actions) expect(rows.length === Number(actions[2]), `the action table lists ${rows.length} account(s), the headline says ${actions[2]}`);
for (const row of rows) {
  expect(/\d+ (green|yellow|red|healthy|stable|at-risk|critical|emergency)/i.test(row) && /\d{4}-\d{2}-\d{2}\s*$/.test(row), `an action row without health band or due date: "${row.trim()}"`);
}
const acme = rows.find((row) => row.startsWith('Acme Corp'));
expect(acme && /P1 /.test(acme), 'Acme Corp (the seed story: risk 9+ and renewal in 87 days) has no P1 action in the table');

const slack = log.match(/^SLACK — (\d+) message\(s\) in #cs-alerts \(one per account\), (\d+) owner digest\(s\) by direct message/m);
expect(slack && Number(slack[1]) > 0, 'no "SLACK — N message(s) in #cs-alerts" headline with N > 0');
const messages = section('SLACK').filter((line) => /^\s+\[C[A-Z0-9]+\] /.test(line));
const digests = section('SLACK').filter((line) => /^\s+\[DM U[A-Z0-9]+\] /.test(line));
if (slack) {
  expect(messages.length === Number(slack[1]), `the Slack section lists ${messages.length} channel message(s), the headline says ${slack[1]}`);
  expect(digests.length === Number(slack[2]), `the Slack section lists ${digests.length} digest(s), the headline says ${slack[2]}`);
}
expect(messages.some((line) => line.includes('Acme Corp')), 'no Slack message for Acme Corp');
// at most one Slack message per account per sweep: "[C…] P1 Acme Corp: 3 actions. …"
const perAccount = new Map();
for (const line of messages) {
  expect(!/^\s+\[C[A-Z0-9]+\] Daily signal sweep: .+ could not be read/.test(line), `a source failed in the demo: "${line.trim().slice(0, 160)}"`);
  const account = /^\s+\[C[A-Z0-9]+\] P[1-4] (.+?): \d+ actions?\./.exec(line)?.[1];
  expect(account, `a channel message that is not an account's actions: "${line.trim().slice(0, 120)}"`);
  if (account) perAccount.set(account, (perAccount.get(account) ?? 0) + 1);
}
for (const [account, count] of perAccount) expect(count === 1, `${account} got ${count} Slack messages in one sweep (at most one per account)`);
if (actions) expect(perAccount.size === Number(actions[2]), `${perAccount.size} account(s) got a Slack message, ${actions[2]} have actions`);

const hubspot = log.match(/^HUBSPOT — (\d+) task\(s\) created/m);
expect(hubspot && Number(hubspot[1]) > 0, 'no "HUBSPOT — N task(s)" headline with N > 0');
const tasks = section('HUBSPOT').slice(1);
if (hubspot) expect(tasks.length === Number(hubspot[1]), `the HubSpot section lists ${tasks.length} task(s), the headline says ${hubspot[1]}`);
if (hubspot && actions) expect(Number(hubspot[1]) === Number(actions[1]), `${hubspot[1]} HubSpot task(s) for ${actions[1]} action(s): one task per action`);
const taskKeys = new Map();
for (const task of tasks) {
  expect(/^\s*\d{4}-\d{2}-\d{2}\s+\S/.test(task), `a HubSpot task row without a due date: "${task.trim()}"`);
  // "2026-11-24  Ava Lindqvist  Acme Corp  [P1] Acme Corp — Executive escalation"
  const cells = task.trim().split(/\s{2,}/);
  expect(cells.length === 4 && cells[1] !== '–' && cells[1] !== '', `a HubSpot task without an owner: "${task.trim()}"`);
  const subject = /^\[P[1-4]\] (.+) — (.+)$/.exec(cells[3] ?? '');
  expect(subject, `a HubSpot task subject that is not "[P] Account — Playbook": "${cells[3]}"`);
  if (subject) {
    const key = `${subject[1]} / ${subject[2]}`;
    expect(!taskKeys.has(key), `two HubSpot tasks for one (account, playbook): ${key}`);
    taskKeys.set(key, true);
  }
}

const briefs = section('BRIEFS');
expect(briefs.length > 0 && briefs.every((line) => /\.md\s*$/.test(line)), 'no executive brief files listed');
expect(!/\[proxy\] REFUSED/.test(log), `the proxy refused a request (something tried to leave the machine): ${lines.find((l) => l.includes('REFUSED'))}`);

if (problems.length) {
  process.stderr.write(`check-demo-output: ${problems.length} problem(s) in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `check-demo-output: ok — cold n8n install ${installed[1]} s; ${actions[1]} action(s) on ${actions[2]} account(s) from ${actions[3]} rule firing(s); ${slack[1]} Slack message(s), one per account, and ${slack[2]} digest(s); ${hubspot[1]} HubSpot task(s), one per action, each with an owner; ${briefs.length} brief(s); ${sources[1]} source node(s), none failed\n`,
);
