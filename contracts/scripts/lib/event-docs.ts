import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { asyncapiPath } from './events.js';
import type { JsonObject, SchemaFile } from './schemas.js';
import { isObject, schemaBaseUrl } from './schemas.js';

// Renders the partner event catalogue (Markdown) from asyncapi.yaml and the payload schemas.

interface Field {
  path: string;
  type: string;
  required: boolean;
  description: string;
}

function resolver(files: readonly SchemaFile[]) {
  const docs = new Map(files.map((f) => [f.id, f.schema]));
  return (ref: string, base: string): { node: JsonObject; base: string } => {
    const absolute = new URL(ref, base).toString();
    const [url = '', fragment = ''] = absolute.split('#');
    let node: unknown = docs.get(url);
    for (const token of fragment.split('/').filter(Boolean)) node = isObject(node) ? node[token] : undefined;
    if (!isObject(node)) throw new Error(`unresolved ${absolute}`);
    return { node, base: url };
  };
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fieldsOf(files: readonly SchemaFile[], root: JsonObject, rootBase: string): Field[] {
  const resolve = resolver(files);
  const fields: Field[] = [];
  const describe = (schema: JsonObject, base: string, depth: number): { schema: JsonObject; base: string; type: string; description: string } => {
    let current = schema;
    let currentBase = base;
    let description = typeof schema.description === 'string' ? schema.description : '';
    let name = '';
    for (let i = 0; i < 10 && typeof current.$ref === 'string'; i += 1) {
      const target = resolve(current.$ref, currentBase);
      const siblings = { ...current };
      delete siblings.$ref;
      current = { ...target.node, ...siblings, properties: { ...(isObject(target.node.properties) ? target.node.properties : {}), ...(isObject(siblings.properties) ? siblings.properties : {}) } };
      currentBase = target.base;
      if (!name && typeof target.node.title === 'string') name = target.node.title;
      if (!description && typeof target.node.description === 'string') description = target.node.description;
    }
    const longEnum = Array.isArray(current.enum) && current.enum.length > 12;
    let type = longEnum ? `${name || 'code'} : liste fermée de ${(current.enum as unknown[]).length} codes (libellés dans \`x-labels\`)` : Array.isArray(current.enum) ? current.enum.map((v) => `\`${String(v)}\``).join(', ') : 'const' in current ? `\`${String(current.const)}\`` : String(current.type ?? (Array.isArray(current.oneOf) ? 'une des formes' : 'valeur'));
    if (name && !Array.isArray(current.enum) && current.type !== 'object' && !longEnum) type = `${name} (${type})`;
    if (current.type === 'array' && isObject(current.items)) {
      const item = describe(current.items, currentBase, depth + 1);
      type = `liste de ${item.type}`;
    }
    return { schema: current, base: currentBase, type, description };
  };
  const walk = (schema: JsonObject, base: string, prefix: string, depth: number) => {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const [name, sub] of Object.entries(properties)) {
      if (!isObject(sub)) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      const d = describe(sub, base, depth);
      fields.push({ path, type: d.type, required: required.has(name), description: d.description });
      if (depth < 4) {
        if (d.schema.type === 'object') walk(d.schema, d.base, path, depth + 1);
        if (d.schema.type === 'array' && isObject(d.schema.items)) {
          const item = describe(d.schema.items, d.base, depth + 1);
          if (item.schema.type === 'object') walk(item.schema, item.base, `${path}[]`, depth + 1);
        }
      }
    }
  };
  const start = describe(root, rootBase, 0);
  walk(start.schema, start.base, '', 0);
  return fields;
}

/** The values of a territorial channel's `territoire` parameter. */
function territoriesOf(channel: JsonObject): string[] {
  const parameters = isObject(channel.parameters) ? channel.parameters : {};
  const territoire = isObject(parameters.territoire) ? parameters.territoire : {};
  return Array.isArray(territoire.enum) ? territoire.enum.map(String) : [];
}

export function generateEventCatalogueMarkdown(files: readonly SchemaFile[]): string {
  const doc = parse(readFileSync(asyncapiPath, 'utf8')) as JsonObject;
  const channels = Object.values(isObject(doc.channels) ? doc.channels : {}).filter(isObject);
  const messages = isObject(doc.components) && isObject(doc.components.messages) ? doc.components.messages : {};
  const messageOf = (ref: unknown) => messages[String(isObject(ref) ? ref.$ref : '').split('/').pop() ?? ''] as JsonObject;
  const payloadRef = (m: JsonObject) => {
    const p = m.payload as JsonObject;
    return String((isObject(p.schema) ? p.schema : p).$ref).replace(/^\.\/schemas\//, schemaBaseUrl);
  };
  const info = isObject(doc.info) ? doc.info : {};
  const lines: string[] = [
    '<!-- Generated by `npm run docs -w @guichet/contracts` from contracts/asyncapi.yaml and contracts/schemas — do not edit. -->',
    `# Catalogue des événements — ${String(info.title)} (version ${String(info.version)})`,
    '',
    "Ce document liste, pour chaque famille de partenaires, les événements qu'elle reçoit et chacun de leurs champs. Un champ facultatif n'est rempli que lorsque la politique de divulgation du guichet l'autorise pour cet événement (par exemple l'identité, seulement avec le consentement du candidat).",
    '',
    '## Recevoir les événements',
    '',
    "- **Kafka** : chaque partenaire lit les seuls flux de son territoire, `stakeholder.<famille>.departement-<code>.v1` ou, pour l'ARS, `stakeholder.ars.region-<code>.v1` (client Keycloak confidentiel, rôle `partner`, SASL/OAUTHBEARER). Un dossier qui touche plusieurs territoires arrive sur le flux de chacun avec le même `ce_id`. Messages CloudEvents 1.0 en mode binaire : en-têtes `ce_id`, `ce_source`, `ce_type`, `ce_specversion`, `ce_time`, `ce_subject` (identifiant du dossier, clé de partition : un dossier reste ordonné), `content-type: application/json`, `traceparent` ; le corps est la donnée.",
    "- **Webhooks** : abonnement par l'API du service notifications (`openapi/notifications.yaml`), corps CloudEvent structuré (`schemas/webhook.json`), signature Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), nouvelles tentatives pendant au moins 24 heures, rejeu depuis un instant.",
    '- **Filtrage territorial** : `territory.regions`, `territory.departements`, `territory.communes` de chaque donnée.',
    "- **Effacement** : à la réception de `request-erased`, supprimez tout ce que vous avez reçu sur ce dossier (`requestId`).",
    '',
  ];
  const streamOf = (family: unknown) => channels.find((c) => c['x-stakeholder-stream'] === family);
  for (const channel of channels.filter((c) => typeof c['x-stakeholder'] === 'string')) {
    const refs = Object.values(isObject(channel.messages) ? channel.messages : {});
    const msgs = refs.map(messageOf);
    const stream = streamOf(channel['x-stakeholder']);
    const subscribers = isObject(stream?.['x-subscribers']) ? stream['x-subscribers'] : {};
    lines.push(`## ${String(channel.title)} — \`${String(stream?.address ?? channel.address)}\``, '', String(stream?.description ?? channel.description), '');
    if (stream) lines.push(`Flux publiés : ${territoriesOf(stream).map((t) => `\`${String(stream.address).replace('{territoire}', t)}\``).join(', ')}.`, '');
    lines.push(`Accès : rôle ${(subscribers.roles as string[] | undefined)?.map((r) => `\`${r}\``).join(', ') ?? '—'}, client ${(subscribers.clients as string[] | undefined)?.map((c) => `\`${c}\``).join(', ') ?? '—'}.`, '');
    lines.push('| type CloudEvents | événement du guichet | résumé |', '|---|---|---|');
    for (const m of msgs) lines.push(`| \`${String(m.name)}\` | ${String(m['x-source-event'] ?? '')} | ${cell(String(m.summary ?? ''))} |`);
    const payloads = [...new Set(msgs.map(payloadRef))];
    for (const ref of payloads) {
      const [url = ''] = ref.split('#');
      const { node } = resolver(files)(ref, url);
      lines.push('', `### Champs reçus (${String(node.title)}, \`${ref.replace(schemaBaseUrl, 'schemas/')}\`)`, '', cell(String(node.description ?? '')), '');
      lines.push('| champ | type | obligatoire | description |', '|---|---|---|---|');
      for (const f of fieldsOf(files, { $ref: ref }, url)) {
        lines.push(`| \`${f.path}\` | ${cell(f.type)} | ${f.required ? 'oui' : 'non'} | ${cell(f.description)} |`);
      }
    }
    lines.push('');
  }
  lines.push('## Topics internes (services du guichet seulement)', '', '| topic | producteur | consommateurs | types |', '|---|---|---|---|');
  for (const channel of channels.filter((c) => typeof c['x-stakeholder-stream'] !== 'string')) {
    const subscribers = isObject(channel['x-subscribers']) ? channel['x-subscribers'] : {};
    const consumers = [...((subscribers.services as string[] | undefined) ?? []), ...((subscribers.roles as string[] | undefined) ?? [])];
    const types = Object.values(isObject(channel.messages) ? channel.messages : {}).map((r) => `\`${String(messageOf(r).name)}\``);
    lines.push(`| \`${String(channel.address)}\` | ${String(channel['x-producer'])} | ${consumers.join(', ')} | ${types.join('<br>')} |`);
  }
  lines.push('');
  return lines.join('\n');
}
