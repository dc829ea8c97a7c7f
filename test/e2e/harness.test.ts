/**
 * The e2e harness itself: the namespace resolves the provider hosts to the fakes over TLS from
 * the test CA, nothing else is reachable, and everything is removed afterwards — also when
 * starting fails.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { startE2eEnvironment, ensureTestCa, parseExecuteOutput } from './n8n';

function netnsList(): string {
  return spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;
}

it('inside the namespace slack.com, api.hubapi.com and acme.zendesk.com are the fakes over TLS; close() removes it all', async () => {
  const e2e = await startE2eEnvironment({
    installPackage: false,
    dataset: { slack: { channels: [{ id: 'C0123ABC', name: 'cs-alerts' }] }, files: { '/warehouse/usage.json': [{ accountId: '4511', wau: 41 }] } },
  });
  const { ca } = await ensureTestCa();
  try {
    const curl = (url: string, extra: string[] = []) =>
      spawnSync('ip', ['netns', 'exec', e2e.namespace, 'curl', '-sS', '--max-time', '5', '--cacert', ca, ...extra, url], { encoding: 'utf8' });
    const slack = curl('https://slack.com/api/auth.test', ['-X', 'POST', '-H', 'Authorization: Bearer xoxb-harness']);
    expect(JSON.parse(slack.stdout)).toMatchObject({ ok: true, user_id: 'U0FAKEBOT' });
    const hubspot = curl('https://api.hubapi.com/crm/v3/objects/companies', ['-H', 'Authorization: Bearer pat-harness']);
    expect(JSON.parse(hubspot.stdout)).toEqual({ results: [] });
    const zendesk = curl('https://acme.zendesk.com/api/v2/satisfaction_ratings.json', ['-u', 'a@b.example/token:zd']);
    expect(JSON.parse(zendesk.stdout)).toEqual({ satisfaction_ratings: [], next_page: null, previous_page: null, count: 0 });
    const warehouse = curl(`${e2e.fakesHttpUrl}/warehouse/usage.json`);
    expect(JSON.parse(warehouse.stdout)).toEqual([{ accountId: '4511', wau: 41 }]);
    // no route out: any other host fails to resolve or connect
    expect(curl('https://registry.npmjs.org/').status).not.toBe(0);
    expect((await e2e.fakes.requests()).map((r) => `${r.provider} ${r.host} ${r.path}`)).toEqual([
      'slack slack.com /api/auth.test',
      'hubspot api.hubapi.com /crm/v3/objects/companies',
      'zendesk acme.zendesk.com /api/v2/satisfaction_ratings.json',
      'files 127.0.0.1 /warehouse/usage.json',
    ]);
  } finally {
    await e2e.close();
  }
  expect(netnsList()).not.toContain(e2e.namespace);
  expect(fs.existsSync(`/etc/netns/${e2e.namespace}`)).toBe(false);
  expect(fs.existsSync(e2e.workDir)).toBe(false);
});

it('a start that fails (a broken dataset) names the cause and leaves no namespace behind', async () => {
  const before = netnsList();
  await expect(startE2eEnvironment({ installPackage: false, dataset: { hubspot: { companies: [{ properties: {} }] } } })).rejects.toThrow(
    /the fakes exited \(1\) before listening: \[fakes\] cannot start: dataset hubspot\.companies\[0\]\.id: is required/,
  );
  expect(netnsList()).toBe(before);
});

it('parses the IRun that `n8n execute` prints between log lines', () => {
  const stdout = ['Loading workflow…', 'Execution was successful:', '====================================', '{', '  "status": "success",', '  "data": {}', '}', ''].join('\n');
  expect(parseExecuteOutput(stdout)).toEqual({ status: 'success', data: {} });
  expect(parseExecuteOutput('No active execution found\n')).toBeUndefined();
});
