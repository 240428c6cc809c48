import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// Backward-compatibility rules between two versions of contracts/ (a snapshot and the working tree).
// Breaking: a removed field, schema, event type, topic or route; a narrowed type, enum, const, format
// or limit; a new required field or required parameter; unknown fields newly refused.

export interface BreakingChange {
  where: string;
  change: string;
}

type Json = { [key: string]: unknown };
type Docs = Map<string, Json>;

const schemaBase = 'https://schemas.guichet-sante.example/';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function absolutise(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((n) => absolutise(n, base));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out[k] = new URL(v, base).toString();
    else if (k === 'examples' || k === 'description' || k === 'title' || k === 'x-labels') continue;
    else out[k] = absolutise(v, base);
  }
  return out;
}

/** Schemas and specs of a contracts directory, every $ref made absolute (files map to schemaBase). */
export function loadContracts(dir: string): Docs {
  const docs: Docs = new Map();
  const schemasDir = path.join(dir, 'schemas');
  for (const file of existsSync(schemasDir) ? readdirSync(schemasDir).filter((f) => f.endsWith('.json')).sort() : []) {
    const url = schemaBase + file;
    docs.set(url, absolutise(JSON.parse(readFileSync(path.join(schemasDir, file), 'utf8')), url) as Json);
  }
  const specs: [string, string][] = [['asyncapi.yaml', path.join(dir, 'asyncapi.yaml')]];
  const openapiDir = path.join(dir, 'openapi');
  for (const file of existsSync(openapiDir) ? readdirSync(openapiDir).filter((f) => f.endsWith('.yaml')).sort() : []) {
    specs.push([`openapi/${file}`, path.join(openapiDir, file)]);
  }
  for (const [name, file] of specs) {
    if (!existsSync(file)) continue;
    // Specs refer to ./schemas/x.json or ../schemas/x.json: both map to schemaBase + x.json.
    const text = readFileSync(file, 'utf8').replace(/(['"]?\$ref['"]?:\s*['"]?)\.{1,2}\/schemas\//g, `$1${schemaBase}`);
    docs.set(`spec:${name}`, absolutise(parse(text), `${schemaBase}${name}`) as Json);
  }
  return docs;
}

function resolveRef(ref: string, docs: Docs): unknown {
  const [url = '', fragment = ''] = ref.split('#');
  let node: unknown = docs.get(url);
  for (const raw of fragment.split('/').filter((t) => t !== '')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[token] : undefined;
  }
  return node;
}

/** A schema with its top-level $ref merged in (siblings win, required and properties are united). */
function effective(schema: unknown, docs: Docs, depth = 0): Json {
  if (!isObject(schema)) return {};
  if (typeof schema.$ref !== 'string' || depth > 20) return schema;
  const target = effective(resolveRef(schema.$ref, docs), docs, depth + 1);
  const { $ref: _ref, ...siblings } = schema;
  const merged: Json = { ...target, ...siblings };
  if (isObject(target.properties) || isObject(siblings.properties)) {
    merged.properties = { ...(isObject(target.properties) ? target.properties : {}), ...(isObject(siblings.properties) ? siblings.properties : {}) };
  }
  const required = [...(Array.isArray(target.required) ? target.required : []), ...(Array.isArray(siblings.required) ? siblings.required : [])];
  if (required.length) merged.required = [...new Set(required)];
  return merged;
}

function typesOf(schema: Json): Set<string> | undefined {
  if (schema.type === undefined) return undefined;
  const types = new Set(Array.isArray(schema.type) ? (schema.type as string[]) : [String(schema.type)]);
  if (types.has('number')) types.add('integer');
  return types;
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

export function compareSchemas(before: unknown, after: unknown, where: string, oldDocs: Docs, newDocs: Docs, out: BreakingChange[], seen = new Set<string>()): void {
  if (!isObject(before) || !isObject(after)) {
    if (isObject(before) && after === undefined) out.push({ where, change: 'schéma supprimé' });
    return;
  }
  const key = `${where}|${json(before.$ref)}|${json(after.$ref)}`;
  if (seen.has(key)) return;
  seen.add(key);
  const b = effective(before, oldDocs);
  const a = effective(after, newDocs);
  const report = (change: string) => out.push({ where, change });

  const bt = typesOf(b);
  const at = typesOf(a);
  if (at && (!bt || [...bt].some((t) => !at.has(t)))) report(`type restreint : ${json(b.type ?? 'tout')} -> ${json(a.type)}`);
  if (Array.isArray(a.enum)) {
    const removed = Array.isArray(b.enum) ? b.enum.filter((v) => !(a.enum as unknown[]).includes(v)) : ['(toute valeur)'];
    if (removed.length) report(`valeurs retirées de l'enum : ${removed.map((v) => json(v)).join(', ')}`);
  }
  if ('const' in a && json(a.const) !== json(b.const)) report(`const changée : ${json(b.const)} -> ${json(a.const)}`);
  if (a.format !== undefined && a.format !== b.format) report(`format changé : ${json(b.format)} -> ${json(a.format)}`);
  if (a.pattern !== undefined && a.pattern !== b.pattern) report(`motif changé : ${json(b.pattern)} -> ${json(a.pattern)}`);
  for (const limit of ['maxLength', 'maxItems', 'maximum', 'exclusiveMaximum', 'maxProperties']) {
    if (typeof a[limit] === 'number' && (typeof b[limit] !== 'number' || (a[limit] as number) < (b[limit] as number))) report(`${limit} réduit : ${json(b[limit])} -> ${json(a[limit])}`);
  }
  for (const limit of ['minLength', 'minItems', 'minimum', 'exclusiveMinimum', 'minProperties']) {
    if (typeof a[limit] === 'number' && (typeof b[limit] !== 'number' || (a[limit] as number) > (b[limit] as number))) report(`${limit} augmenté : ${json(b[limit])} -> ${json(a[limit])}`);
  }
  const beforeRequired = new Set(Array.isArray(b.required) ? (b.required as string[]) : []);
  const newlyRequired = (Array.isArray(a.required) ? (a.required as string[]) : []).filter((r) => !beforeRequired.has(r));
  if (newlyRequired.length) report(`nouveau champ obligatoire : ${newlyRequired.join(', ')}`);
  if ((a.additionalProperties === false || a.unevaluatedProperties === false) && b.additionalProperties !== false && b.unevaluatedProperties !== false) {
    report('champs inconnus désormais refusés');
  }
  const bp = isObject(b.properties) ? b.properties : {};
  const ap = isObject(a.properties) ? a.properties : {};
  for (const [name, sub] of Object.entries(bp)) {
    if (!(name in ap)) report(`champ supprimé : ${name}`);
    else compareSchemas(sub, ap[name], `${where}.${name}`, oldDocs, newDocs, out, seen);
  }
  if (b.items !== undefined || a.items !== undefined) compareSchemas(b.items ?? {}, a.items, `${where}[]`, oldDocs, newDocs, out, seen);
  for (const combinator of ['oneOf', 'anyOf']) {
    const bo = Array.isArray(b[combinator]) ? (b[combinator] as unknown[]) : [];
    const ao = Array.isArray(a[combinator]) ? (a[combinator] as unknown[]) : [];
    if (bo.length > ao.length) report(`${combinator} : variante supprimée`);
    bo.forEach((sub, i) => compareSchemas(sub, ao[i], `${where}/${combinator}/${i}`, oldDocs, newDocs, out, seen));
  }
}

function compareSchemaFiles(oldDocs: Docs, newDocs: Docs, out: BreakingChange[]): void {
  for (const [url, before] of oldDocs) {
    if (url.startsWith('spec:')) continue;
    const file = url.slice(schemaBase.length);
    const after = newDocs.get(url);
    if (!after) {
      out.push({ where: `schemas/${file}`, change: 'fichier de schéma supprimé' });
      continue;
    }
    compareSchemas(before, after, `schemas/${file}`, oldDocs, newDocs, out);
    const bd = isObject(before.$defs) ? before.$defs : {};
    const ad = isObject(after.$defs) ? after.$defs : {};
    for (const [name, def] of Object.entries(bd)) {
      if (!(name in ad)) out.push({ where: `schemas/${file}#/$defs/${name}`, change: 'schéma supprimé' });
      else compareSchemas(def, ad[name], `schemas/${file}#/$defs/${name}`, oldDocs, newDocs, out);
    }
  }
}

function compareAsyncApi(oldDocs: Docs, newDocs: Docs, out: BreakingChange[]): void {
  const before = oldDocs.get('spec:asyncapi.yaml');
  const after = newDocs.get('spec:asyncapi.yaml');
  if (!before) return;
  if (!after) {
    out.push({ where: 'asyncapi.yaml', change: 'fichier supprimé' });
    return;
  }
  const channels = (doc: Json) => (isObject(doc.channels) ? doc.channels : {});
  const messagesOf = (doc: Json, channel: Json) =>
    Object.values(isObject(channel.messages) ? channel.messages : {}).map((m) => {
      const ref = isObject(m) && typeof m.$ref === 'string' ? m.$ref.split('#')[1] ?? '' : '';
      let node: unknown = doc;
      for (const t of ref.split('/').filter(Boolean)) node = isObject(node) ? node[t] : undefined;
      return isObject(node) ? node : {};
    });
  const afterByAddress = new Map(Object.values(channels(after)).filter(isObject).map((c) => [String(c.address), c]));
  for (const channel of Object.values(channels(before)).filter(isObject)) {
    const address = String(channel.address);
    const current = afterByAddress.get(address);
    if (!current) {
      out.push({ where: `asyncapi.yaml topic ${address}`, change: 'topic supprimé' });
      continue;
    }
    const afterMessages = new Map(messagesOf(after, current).map((m) => [String(m.name), m]));
    for (const message of messagesOf(before, channel)) {
      const name = String(message.name);
      const now = afterMessages.get(name);
      if (!now) {
        out.push({ where: `asyncapi.yaml ${address}`, change: `type d'événement supprimé : ${name}` });
        continue;
      }
      const payload = (m: Json) => (isObject(m.payload) && isObject(m.payload.schema) ? m.payload.schema : m.payload);
      compareSchemas(payload(message), payload(now), `événement ${name}`, oldDocs, newDocs, out);
    }
  }
}

const methods = ['get', 'put', 'post', 'patch', 'delete'];

function compareOpenApi(oldDocs: Docs, newDocs: Docs, out: BreakingChange[]): void {
  for (const [name, before] of oldDocs) {
    if (!name.startsWith('spec:openapi/')) continue;
    const spec = name.slice('spec:'.length);
    const after = newDocs.get(name);
    if (!after) {
      out.push({ where: spec, change: 'fichier supprimé' });
      continue;
    }
    const deref = (doc: Json, node: unknown): Json => {
      if (isObject(node) && typeof node.$ref === 'string' && node.$ref.includes(`${spec}#`)) {
        let target: unknown = doc;
        for (const t of (node.$ref.split('#')[1] ?? '').split('/').filter(Boolean)) target = isObject(target) ? target[t] : undefined;
        return isObject(target) ? target : {};
      }
      return isObject(node) ? node : {};
    };
    const bPaths = isObject(before.paths) ? before.paths : {};
    const aPaths = isObject(after.paths) ? after.paths : {};
    for (const [route, bItem] of Object.entries(bPaths)) {
      const aItem = aPaths[route];
      for (const method of methods) {
        const bOp = isObject(bItem) ? bItem[method] : undefined;
        if (!isObject(bOp)) continue;
        const aOp = isObject(aItem) ? aItem[method] : undefined;
        const where = `${spec} ${method.toUpperCase()} ${route}`;
        if (!isObject(aOp)) {
          out.push({ where, change: 'route supprimée' });
          continue;
        }
        const params = (item: unknown, op: Json, doc: Json) =>
          [...(isObject(item) && Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])].map((p) => deref(doc, p));
        const bParams = params(bItem, bOp, before);
        for (const p of params(aItem, aOp, after)) {
          const old = bParams.find((q) => q.name === p.name && q.in === p.in);
          if (p.required === true && old?.required !== true) out.push({ where, change: `nouveau paramètre obligatoire : ${String(p.in)} ${String(p.name)}` });
          if (old) compareSchemas(old.schema, p.schema, `${where} paramètre ${String(p.name)}`, oldDocs, newDocs, out);
        }
        const bodySchema = (op: Json) => {
          const content = isObject(op.requestBody) && isObject(op.requestBody.content) ? op.requestBody.content : {};
          const media = Object.values(content)[0];
          return isObject(media) ? media.schema : undefined;
        };
        if (bodySchema(bOp) !== undefined) compareSchemas(bodySchema(bOp), bodySchema(aOp), `${where} corps`, oldDocs, newDocs, out);
        const bResponses = isObject(bOp.responses) ? bOp.responses : {};
        const aResponses = isObject(aOp.responses) ? aOp.responses : {};
        for (const [status, response] of Object.entries(bResponses)) {
          if (!status.startsWith('2')) continue;
          const now = aResponses[status];
          if (!isObject(now)) {
            out.push({ where, change: `réponse ${status} supprimée` });
            continue;
          }
          const schemaOf = (r: unknown) => {
            const content = isObject(r) && isObject(r.content) ? r.content : {};
            const media = Object.values(content)[0];
            return isObject(media) ? media.schema : undefined;
          };
          if (schemaOf(response) !== undefined) compareSchemas(schemaOf(response), schemaOf(now), `${where} réponse ${status}`, oldDocs, newDocs, out);
        }
      }
    }
  }
}

/** Breaking changes from `oldDir` (snapshot) to `newDir` (working tree). */
export function findBreakingChanges(oldDir: string, newDir: string): BreakingChange[] {
  const oldDocs = loadContracts(oldDir);
  const newDocs = loadContracts(newDir);
  const out: BreakingChange[] = [];
  compareSchemaFiles(oldDocs, newDocs, out);
  compareAsyncApi(oldDocs, newDocs, out);
  compareOpenApi(oldDocs, newDocs, out);
  const unique = new Map(out.map((c) => [`${c.where}|${c.change}`, c]));
  return [...unique.values()];
}

export function majorOf(version: string): number {
  return Number(version.split('.')[0]);
}
