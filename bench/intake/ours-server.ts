import { createLocalJWKSet, type JWK } from 'jose';
import { MongoClient } from 'mongodb';
import { createVerifierWithKeys } from '@guichet/platform';
import { loadIntakeConfig } from '../../services/intake/src/config.js';
import { startIntake } from '../../services/intake/src/main.js';
import { tallyCommandsOf } from '../lib/mongo-commands.js';

// The intake service as in production (HTTP → MongoDB-wire server → outbox → Kafka), in its own
// process, trusting the benchmark's signing key. Prints `READY <port>`; stops on SIGTERM. Over
// IPC, `tally` answers the MongoDB commands sent since the last `tally` (count and time of each).

const jwk = JSON.parse(process.env['BENCH_JWK'] ?? 'null') as JWK | null;
const issuer = process.env['BENCH_ISSUER'];
if (jwk === null || issuer === undefined) throw new Error('BENCH_JWK et BENCH_ISSUER attendus');
const tally = tallyCommandsOf(MongoClient);
process.on('message', (message) => {
  if (message !== 'tally') return;
  process.send?.({ tally: tally.read() });
  tally.reset();
});
const config = loadIntakeConfig();
const verifier = createVerifierWithKeys(createLocalJWKSet({ keys: [jwk] }), issuer, config.TOKEN_AUDIENCE);
const running = await startIntake(config, { verifier });
process.stdout.write(`READY ${running.port}\n`);
process.once('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
