import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAjv } from '@guichet/contracts';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Schema = Record<string, unknown>;

interface RawMessage {
  name: string;
  headers?: Schema;
  correlationId?: { location: string };
  bindings?: { kafka?: { key?: Schema } };
  'x-partition-key'?: string;
}

interface RawChannel {
  address: string;
  parameters?: { territoire?: { enum?: string[] } };
  messages: Record<string, { $ref: string }>;
}

interface RawContract {
  channels: Record<string, RawChannel>;
}

const contract = parse(readFileSync(join(root, 'contracts', 'asyncapi.yaml'), 'utf8')) as RawContract;

function pointed(ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')], contract);
}

/**
 * The node with every `$ref` inside the document replaced by what it points at; the payloads'
 * references to schemas/*.json are left as they are (payloads are the services' validators' job).
 */
function inlined(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(inlined);
  if (node === null || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') return ref.startsWith('#/') ? inlined(pointed(ref)) : node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inlined(value)]));
}

/** The header names a schema declares, through `allOf`. */
function declaredNames(schema: Schema): string[] {
  const own = Object.keys((schema['properties'] as Schema | undefined) ?? {});
  const parts = ((schema['allOf'] as Schema[] | undefined) ?? []).flatMap(declaredNames);
  return [...own, ...parts];
}

const DEAD_LETTER = 'dead-letter';
const cloudEventHeaders = inlined({ $ref: '#/components/schemas/cloudEventHeaders' }) as Schema;
const ajv = createAjv({ strict: false });

/** The channel whose address is this topic, a territorial channel standing for each of its territories. */
function channelOf(topic: string): RawChannel | undefined {
  return Object.values(contract.channels).find((channel) => {
    const territories = channel.parameters?.territoire?.enum;
    return territories ? territories.some((territory) => channel.address.replace('{territoire}', territory) === topic) : channel.address === topic;
  });
}

/** A record as read from the broker: headers as text. */
export interface WireRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  value: string | null;
}

/**
 * Every way a record differs from what contracts/asyncapi.yaml says of its topic and its type:
 * channel, message, headers (each required one present and valid, none undeclared), key (its
 * schema, `ce_subject` equal to it as `correlationId` says, and the payload's partition key
 * when the payload is readable). A dead letter keeps its original headers, which the contract's
 * CloudEvents headers describe, and adds the `dlq_*` ones.
 */
export function wireDifferences(record: WireRecord, topic: string): string[] {
  const at = `${topic} [${record.partition}:${record.offset}]`;
  const channel = channelOf(topic);
  if (!channel) return [`${at}: no channel of the contract has this address`];
  const messages = Object.values(channel.messages).map((message) => inlined(message) as RawMessage);
  const deadLetter = messages.find((message) => message.name === DEAD_LETTER);
  const type = record.headers['ce_type'];
  const message = deadLetter ?? messages.find((candidate) => candidate.name === type);
  if (!message) return [`${at}: type ${String(type)} is not a message of channel ${channel.address}`];
  const what = `${at} ${message.name === DEAD_LETTER ? DEAD_LETTER : message.name}`;
  const differences: string[] = [];

  const headersSchema = (message.headers ?? {}) as Schema;
  const validate = ajv.compile(headersSchema);
  if (!validate(record.headers)) {
    for (const error of validate.errors ?? []) differences.push(`${what}: header ${error.instancePath || '(all)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  }
  const declared = new Set([...declaredNames(headersSchema), ...(deadLetter ? declaredNames(cloudEventHeaders) : [])]);
  for (const name of Object.keys(record.headers)) if (!declared.has(name)) differences.push(`${what}: header ${name} is not in the contract`);

  const keySchema = message.bindings?.kafka?.key ?? (deadLetter ? undefined : { type: 'string' });
  if (keySchema) {
    if (record.key === null) differences.push(`${what}: no key`);
    else if (!ajv.validate(keySchema, record.key)) differences.push(`${what}: key ${record.key} ${ajv.errorsText(ajv.errors)}`);
  }
  // The contract: `ce_subject` is the aggregate's id, equal to the Kafka key (also on a dead letter's original headers).
  const subject = record.headers['ce_subject'];
  if (message.correlationId?.location === '$message.header#/ce_subject' && subject === undefined) differences.push(`${what}: no ce_subject`);
  if (subject !== undefined && subject !== record.key) differences.push(`${what}: ce_subject ${subject} differs from the key ${String(record.key)}`);

  const partitionKey = message['x-partition-key'];
  if (partitionKey && record.value !== null) {
    const payload = readable(record.value);
    const value = payload?.[partitionKey];
    // Sealed payloads (intake.requests.v1) do not show the field: the key is checked against ce_subject only.
    if (typeof value === 'string' && value !== record.key) differences.push(`${what}: key ${String(record.key)} differs from the payload's ${partitionKey} ${value}`);
  }
  return differences;
}

function readable(value: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
