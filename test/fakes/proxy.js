'use strict';
/**
 * A local forward proxy that hands the faked providers' hosts to the fakes and refuses everything
 * else — loudly. n8n 2.x routes its outbound HTTP(S) through HTTP_PROXY / HTTPS_PROXY (honouring
 * NO_PROXY), so with this proxy n8n's own Slack and HubSpot nodes and our nodes reach the fakes under
 * their real names (https://slack.com, https://api.hubapi.com, https://<sub>.zendesk.com) with no root,
 * no hosts file and no network namespace. TLS is end to end between n8n and the fakes' HTTPS server
 * (a test CA n8n trusts through NODE_EXTRA_CA_CERTS); the proxy only pipes bytes.
 *
 *   CONNECT slack.com:443          → tunnel to the fakes' HTTPS port
 *   GET http://api.hubapi.com/x    → forwarded to the fakes' HTTP port, Host kept
 *   anything else                  → 403 with the reason, a "[proxy] REFUSED …" line and a record
 *                                    in refused() — nothing leaves the machine.
 */
const http = require('node:http');
const net = require('node:net');
const { providerForHost } = require('./hosts');

/**
 * @param {{ httpsPort?: number, httpPort?: number, host?: string, port?: number, log?: (line: string) => void }} options
 *   httpsPort / httpPort: where the fakes listen on 127.0.0.1.
 */
async function startRoutingProxy({ httpsPort, httpPort, host = '127.0.0.1', port = 0, log } = {}) {
  const refused = [];
  const say = log ?? ((line) => process.stderr.write(`${line}\n`));
  const refuse = (kind, target, reason) => {
    refused.push({ at: new Date().toISOString(), kind, target, reason });
    say(`[proxy] REFUSED ${kind} ${target}: ${reason} (only the faked providers are reachable; add a host to test/fakes/hosts.js)`);
  };

  const server = http.createServer((req, res) => {
    // Plain-HTTP proxying: the request line carries an absolute URL.
    let target;
    try {
      target = new URL(req.url);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('this is a proxy: send absolute URLs\n');
      return;
    }
    if (!providerForHost(target.hostname) || !httpPort) {
      refuse('GET', target.href, httpPort ? 'no fake serves this host' : 'the fakes serve no plain HTTP');
      res.writeHead(403, { 'content-type': 'text/plain' }).end(`CS Signal OS test proxy: ${target.host} is not a faked provider; nothing leaves this machine\n`);
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: httpPort, method: req.method, path: `${target.pathname}${target.search}`, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`fakes unreachable: ${error.message}\n`));
    req.pipe(upstream);
  });

  const tunnels = new Set(); // CONNECT sockets leave the HTTP server's bookkeeping: close them ourselves
  server.on('connect', (req, client, head) => {
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    client.on('error', () => client.destroy()); // a client that hangs up must not take the proxy down
    const [name, portText = '443'] = String(req.url).split(':');
    const wanted = Number(portText);
    if (!providerForHost(name) || wanted !== 443 || !httpsPort) {
      refuse('CONNECT', req.url, !providerForHost(name) ? 'no fake serves this host' : wanted !== 443 ? 'only port 443 is faked' : 'the fakes serve no HTTPS');
      client.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\nCS Signal OS test proxy: ${req.url} is not a faked provider; nothing leaves this machine\n`);
      return;
    }
    const upstream = net.connect(httpsPort, '127.0.0.1', () => {
      tunnels.add(upstream);
      upstream.on('close', () => tunnels.delete(upstream));
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head?.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', close);
    client.on('error', close);
    client.on('end', close);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    refused: () => [...refused],
    close: () =>
      new Promise((resolve) => {
        for (const socket of tunnels) socket.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

module.exports = { startRoutingProxy };
