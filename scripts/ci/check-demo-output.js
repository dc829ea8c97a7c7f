#!/usr/bin/env node
'use strict';
/**
 * CI's check of `npm run demo` output (the log of the README's first command, run cold as an
 * unprivileged user): the cold n8n install happened, and the demo printed a decision table, the Slack
 * messages and HubSpot tasks the sandbox received, and the briefs — consistent with each other, with
 * the seed stories' headline case (Acme Corp's executive escalation) present and no request refused by
 * the proxy (nothing tried to leave the machine). Exit 1 naming what is missing.
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

const decisions = log.match(/^DECISIONS — (\d+) decision\(s\) on (\d+) account\(s\); (\d+) account\(s\) with nothing to do/m);
expect(decisions, 'no "DECISIONS — N decision(s) on N account(s)" headline');
const table = section('DECISIONS');
const header = table[0] ?? '';
expect(/^Account\s+Health\s+Risk\s+Expansion\s+Triggers fired\s+Owner\s+Due/.test(header), `the decision table has no header row (got "${header}")`);
const rows = table.slice(1);
if (decisions) expect(rows.length === Number(decisions[2]), `the decision table lists ${rows.length} account(s), the headline says ${decisions[2]}`);
for (const row of rows) {
  expect(/\d+ (green|yellow|red|healthy|stable|at-risk|critical|emergency)/i.test(row) && /\d{4}-\d{2}-\d{2}\s*$/.test(row), `a decision row without health band or due date: "${row.trim()}"`);
}
const acme = rows.find((row) => row.startsWith('Acme Corp'));
expect(acme && /P1 /.test(acme), 'Acme Corp (the seed story: risk 9+ and renewal in 87 days) has no P1 decision in the table');

const slack = log.match(/^SLACK — (\d+) message\(s\) received by the sandbox/m);
expect(slack && Number(slack[1]) > 0, 'no "SLACK — N message(s)" headline with N > 0');
const messages = section('SLACK').filter((line) => /^\s+\[C[A-Z0-9]+\] /.test(line));
if (slack) expect(messages.length === Number(slack[1]), `the Slack section lists ${messages.length} message(s), the headline says ${slack[1]}`);
expect(messages.some((line) => line.includes('Acme Corp')), 'no Slack message for Acme Corp');

const hubspot = log.match(/^HUBSPOT — (\d+) task\(s\) created/m);
expect(hubspot && Number(hubspot[1]) > 0, 'no "HUBSPOT — N task(s)" headline with N > 0');
const tasks = section('HUBSPOT').slice(1);
if (hubspot) expect(tasks.length === Number(hubspot[1]), `the HubSpot section lists ${tasks.length} task(s), the headline says ${hubspot[1]}`);
for (const task of tasks) expect(/^\s*\d{4}-\d{2}-\d{2}\s+\S/.test(task), `a HubSpot task row without a due date: "${task.trim()}"`);

const briefs = section('BRIEFS');
expect(briefs.length > 0 && briefs.every((line) => /\.md\s*$/.test(line)), 'no executive brief files listed');
expect(!/\[proxy\] REFUSED/.test(log), `the proxy refused a request (something tried to leave the machine): ${lines.find((l) => l.includes('REFUSED'))}`);

if (problems.length) {
  process.stderr.write(`check-demo-output: ${problems.length} problem(s) in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  `check-demo-output: ok — cold n8n install ${installed[1]} s; ${decisions[1]} decision(s) on ${decisions[2]} account(s); ${slack[1]} Slack message(s); ${hubspot[1]} HubSpot task(s); ${briefs.length} brief(s)\n`,
);
