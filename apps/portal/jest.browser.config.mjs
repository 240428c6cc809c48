// Browser tests alone: `npm run test:browser -w @guichet/portal`. The root jest config runs them too.
import base from '../../jest.config.mjs';

export default { ...base, rootDir: '../..', testMatch: ['<rootDir>/apps/portal/test/**/*.browser.spec.ts'], testTimeout: 90000 };
