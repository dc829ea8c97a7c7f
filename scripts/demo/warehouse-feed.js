/* The demo's warehouse feed (usage, meeting, email … signals as JSON) on a free loopback port.
 * Shared by `npm run demo`, `npm start` and the end-to-end tests. */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

/** Starts the warehouse feed; resolves with its URL (loopback: n8n reaches it without the proxy). */
function startWarehouse(workDir, signals) {
  const file = path.join(workDir, 'warehouse-signals.json');
  fs.writeFileSync(file, JSON.stringify(signals, null, 2));
  const log = fs.openSync(path.join(workDir, 'warehouse.log'), 'a');
  const child = spawn(process.execPath, [path.join(__dirname, 'warehouse.js'), '--file', file, '--port', '0'], {
    stdio: ['ignore', 'pipe', log],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the warehouse feed did not start within 10 s: ${out}`)), 10_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ url: JSON.parse(line).url, child, file });
      }
    });
    child.on('exit', (rc) => {
      clearTimeout(timer);
      reject(new Error(`the warehouse feed exited (${rc}): ${fs.readFileSync(path.join(workDir, 'warehouse.log'), 'utf8')}`));
    });
  });
}

module.exports = { startWarehouse };
