/**
 * The e2e harness itself: through the routing proxy the provider hosts are the fakes over TLS from
 * the test CA, any other host is refused (and recorded), and everything is removed afterwards — also
 * when starting fails. No root is needed for any of it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { startE2eEnvironment, ensureTestCa, parseExecuteOutput } from './n8n';

function e2eWorkDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`cs-signal-os-e2e-${process.pid}-`));
}

it('through the proxy slack.com, api.hubapi.com and acme.zendesk.com are the fakes over TLS, other hosts are refused; close() removes it all', async () => {
  const e2e = await startE2eEnvironment({
    installPackage: false,
    dataset: { slack: { channels: [{ id: 'C0123ABC', name: 'cs-alerts' }] }, files: { '/warehouse/usage.json': [{ accountId: '4511', wau: 41 }] } },
  });
  const { ca } = await ensureTestCa();
  try {
    const curl = (url: string, extra: string[] = []) =>
      spawnSync('curl', ['-sS', '--max-time', '5', '--cacert', ca, '--proxy', e2e.proxyUrl, '--noproxy', '127.0.0.1', ...extra, url], { encoding: 'utf8' });
    const slack = curl('https://slack.com/api/auth.test', ['-X', 'POST', '-H', 'Authorization: Bearer xoxb-harness']);
    expect(JSON.parse(slack.stdout)).toMatchObject({ ok: true, user_id: 'U0FAKEBOT' });
    const hubspot = curl('https://api.hubapi.com/crm/v3/objects/companies', ['-H', 'Authorization: Bearer pat-harness']);
    expect(JSON.parse(hubspot.stdout)).toEqual({ results: [] });
    const zendesk = curl('https://acme.zendesk.com/api/v2/satisfaction_ratings.json', ['-u', 'a@b.example/token:zd']);
    expect(JSON.parse(zendesk.stdout)).toEqual({ satisfaction_ratings: [], next_page: null, previous_page: null, count: 0 });
    const warehouse = curl(`${e2e.fakesHttpUrl}/warehouse/usage.json`);
    expect(JSON.parse(warehouse.stdout)).toEqual([{ accountId: '4511', wau: 41 }]);
    expect(await e2e.fakes.refused()).toEqual([]);

    // no route out: another host is refused by the proxy, over HTTPS and plain HTTP, and recorded
    const out = curl('https://registry.npmjs.org/');
    expect(out.status).not.toBe(0);
    expect(out.stderr).toMatch(/403/);
    expect(curl('http://example.org/').stdout).toMatch(/example\.org is not a faked provider; nothing leaves this machine/);
    expect((await e2e.fakes.refused()).map((r) => `${r.kind} ${r.target}: ${r.reason}`)).toEqual([
      'CONNECT registry.npmjs.org:443: no fake serves this host',
      'GET http://example.org/: no fake serves this host',
    ]);

    // the same from n8n's own Node with n8n's environment (HTTPS_PROXY, NODE_EXTRA_CA_CERTS, NO_PROXY)
    const node = spawnSync(
      `${e2e.n8nHome}/node/bin/node`,
      ['-e', "fetch('https://slack.com/api/auth.test', { method: 'POST', headers: { authorization: 'Bearer xoxb-node' } }).then((r) => r.json()).then((j) => console.log(j.ok))"],
      { env: { ...e2e.n8nEnv, NODE_USE_ENV_PROXY: '1' }, encoding: 'utf8' },
    );
    expect(node.stdout.trim()).toBe('true');

    expect((await e2e.fakes.requests()).map((r) => `${r.provider} ${r.host} ${r.path}`)).toEqual([
      'slack slack.com /api/auth.test',
      'hubspot api.hubapi.com /crm/v3/objects/companies',
      'zendesk acme.zendesk.com /api/v2/satisfaction_ratings.json',
      `files ${new URL(e2e.fakesHttpUrl).host} /warehouse/usage.json`,
      'slack slack.com /api/auth.test',
    ]);
  } finally {
    await e2e.close();
  }
  expect(fs.existsSync(e2e.workDir)).toBe(false);
});

it('a start that fails (a broken dataset) names the cause and leaves nothing behind', async () => {
  const before = e2eWorkDirs();
  await expect(startE2eEnvironment({ installPackage: false, dataset: { hubspot: { companies: [{ properties: {} }] } } })).rejects.toThrow(
    /the fakes exited \(1\) before listening: \[fakes\] cannot start: dataset hubspot\.companies\[0\]\.id: is required/,
  );
  expect(e2eWorkDirs()).toEqual(before);
});

it('parses the IRun that `n8n execute` prints between log lines', () => {
  const stdout = ['Loading workflow…', 'Execution was successful:', '====================================', '{', '  "status": "success",', '  "data": {}', '}', ''].join('\n');
  expect(parseExecuteOutput(stdout)).toEqual({ status: 'success', data: {} });
  expect(parseExecuteOutput('No active execution found\n')).toBeUndefined();
});
