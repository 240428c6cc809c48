/** What a region gives a production start; none of it is a demo default. */
export const productionEnv: Readonly<Record<string, string>> = {
  GUICHET_ENV: 'production',
  KAFKA_BROKERS: 'kafka.region.example:9093',
  KAFKA_SSL: 'true',
  KAFKA_SASL_MECHANISM: 'OAUTHBEARER',
  KAFKA_CLIENT_ID: 'svc-intake',
  KAFKA_CLIENT_SECRET: 'Kf7-long-random',
  MONGODB_URI: 'mongodb://guichet:Zq8-long-random@mongo.region.example:27017/?authSource=admin',
  KEYCLOAK_URL: 'https://auth.region.example',
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  DESK_REGIONS: '24',
  PORTAL_URL: 'https://guichet.region.example',
  PARTNER_DIRECTORY_CLIENT_SECRET: 'Pd4-long-random',
  SMTP_URL: 'smtps://guichet:Relay-long-random@relay.region.example:465',
  LOG_LEVEL: 'info',
};
