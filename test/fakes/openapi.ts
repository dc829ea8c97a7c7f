/**
 * Validates fake responses against the providers' published OpenAPI documents: the response schema
 * is looked up by path, method and status, $refs are resolved by Ajv across documents, and OpenAPI's
 * `nullable` becomes JSON Schema `null`.
 *
 * The specs are third-party files and are never copied into this repository. They are read where
 * they are: `CS_SIGNAL_OS_SPECS`, else the project's shared reference folder beside the clone
 * (`../shared/reference/specs`). A clone without them skips the conformance suites and says why;
 * under `CI=true` a missing folder fails the run instead (CI always has them).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describeWhenAvailable } from '../reference-files';

export const SPEC_DIR = process.env.CS_SIGNAL_OS_SPECS ?? path.resolve(__dirname, '../../../shared/reference/specs');

/** Whether the spec folder is there, and if not, a sentence that says where it was looked for. */
export function specFolder(): { dir: string; available: boolean; reason?: string } {
  if (fs.existsSync(path.join(SPEC_DIR, 'SOURCES.md')) || (fs.existsSync(SPEC_DIR) && fs.readdirSync(SPEC_DIR).length > 0)) return { dir: SPEC_DIR, available: true };
  const how = process.env.CS_SIGNAL_OS_SPECS ? `CS_SIGNAL_OS_SPECS=${process.env.CS_SIGNAL_OS_SPECS}` : `no CS_SIGNAL_OS_SPECS, and not beside the clone`;
  return { dir: SPEC_DIR, available: false, reason: `the providers' OpenAPI specs are not at ${SPEC_DIR} (${how}); point CS_SIGNAL_OS_SPECS at a folder holding them` };
}

/**
 * `describe` for a suite that checks fakes against the official specs: runs when the spec folder is
 * there; otherwise one skipped test whose name says why (jest lists it as skipped) — or, under
 * CI=true, one failing test, because CI must never pass without the check.
 */
export function describeAgainstSpecs(title: string, body: () => void): void {
  describeWhenAvailable(title, specFolder(), body, { tag: '[conformance]', what: 'the official specs to check against', test: 'checks the fakes against the specs' });
}

type Json = Record<string, any>;

/** OpenAPI 3.0 schema dialect → JSON Schema: nullable, and keywords Ajv does not know. */
function toJsonSchema(node: any): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (['example', 'examples', 'readOnly', 'writeOnly', 'xml', 'externalDocs', 'deprecated', 'discriminator'].includes(key)) continue;
    if (key.startsWith('x-')) continue;
    out[key] = toJsonSchema(value);
  }
  if (out.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  delete out.nullable;
  return out;
}

export interface SpecDocument {
  id: string;
  raw: Json;
}

export class SpecValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly documents = new Map<string, Json>();

  constructor() {
    addFormats(this.ajv);
  }

  /** Loads a spec file under SPEC_DIR (JSON or YAML); `patch` may add what a fragment references but lacks. */
  addSpec(id: string, file: string, patch?: (doc: Json) => void): this {
    const text = fs.readFileSync(path.join(SPEC_DIR, file), 'utf8');
    let raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    if (raw.swagger === '2.0') {
      // Swagger 2 (Slack's Web API document): definitions are the component schemas, a response holds its schema directly
      raw = JSON.parse(JSON.stringify(raw).replace(/"#\/definitions\//g, '"#/components/schemas/'));
      raw.components = { schemas: raw.definitions ?? {}, responses: {} };
    }
    patch?.(raw);
    this.documents.set(id, raw);
    const schemaDocument = { $id: id, components: toJsonSchema({ schemas: raw.components?.schemas ?? {}, responses: raw.components?.responses ?? {} }) };
    this.ajv.addSchema(schemaDocument);
    return this;
  }

  /** The JSON Schema of the response of `method path` with `status` (or `default`). */
  responseValidator(specId: string, pathTemplate: string, method: string, status: number): ValidateFunction {
    const doc = this.documents.get(specId);
    if (!doc) throw new Error(`spec ${specId} is not loaded`);
    const operation = doc.paths?.[pathTemplate]?.[method.toLowerCase()];
    if (!operation) throw new Error(`spec ${specId} has no operation ${method} ${pathTemplate}`);
    let response = operation.responses?.[String(status)] ?? operation.responses?.default;
    if (!response) throw new Error(`spec ${specId} ${method} ${pathTemplate} documents no ${status} response`);
    const responseRef: string | undefined = response.$ref;
    if (responseRef) {
      const name = responseRef.replace('#/components/responses/', '');
      response = doc.components.responses[name];
    }
    const content = response.content?.['application/json'] ?? response.content?.['*/*'] ?? (response.schema ? { schema: response.schema } : undefined);
    if (!content?.schema) throw new Error(`spec ${specId} ${method} ${pathTemplate} ${status} has no JSON schema`);
    return this.compile(specId, content.schema);
  }

  /** A named component schema, e.g. `SimplePublicObjectInputForCreate`. */
  componentValidator(specId: string, name: string): ValidateFunction {
    return this.compile(specId, { $ref: `#/components/schemas/${name}` });
  }

  private compile(specId: string, schema: Json): ValidateFunction {
    const converted = toJsonSchema(schema);
    const rebased = JSON.parse(JSON.stringify(converted).replace(/"\$ref":"#\//g, `"$ref":"${specId}#/`));
    return this.ajv.compile(rebased);
  }
}

/** Ajv errors as readable lines: `/results/0/id must be string`. */
export function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message}`).join('; ');
}
