'use strict';
/**
 * Loads the e2e harness (test/e2e/n8n.ts) from plain Node: the demo and `npm start` use the very same
 * code as the end-to-end tests to install n8n, pack + install the package, create the network
 * namespace and start the fakes. TypeScript is transpiled in memory (no type check, no files written).
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

function loadTypeScriptModule(file) {
  const ts = require('typescript');
  const source = fs.readFileSync(file, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod._compile(outputText, file);
  return mod.exports;
}

const REPO_ROOT = path.resolve(__dirname, '../..');
let harness;
/** @returns {typeof import('../../test/e2e/n8n')} */
function loadHarness() {
  harness ??= loadTypeScriptModule(path.join(REPO_ROOT, 'test/e2e/n8n.ts'));
  return harness;
}

module.exports = { loadHarness, REPO_ROOT };
