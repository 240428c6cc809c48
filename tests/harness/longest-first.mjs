// Jest's order of test files, so that two workers end together: the longest files start first.
// A file's last duration (jest's cache) is the best guess; a fresh clone has none, and then a
// file that starts services, a broker or a browser (e2e, browser, int) is assumed longer than a
// unit spec, the bigger file first, rather than jest's size-only guess that puts the short file of
// a long scenario at the end.
import Sequencer from '@jest/test-sequencer';

const guessedMs = (path) => (/\.(e2e|browser)\.spec\.ts$/.test(path) ? 60_000 : /\.int\.spec\.ts$/.test(path) ? 10_000 : 500);

export default class LongestFirst extends Sequencer {
  sort(tests) {
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    const expected = (test) => this.time(test) ?? guessedMs(test.path);
    return [...tests].sort((a, b) => expected(b) - expected(a) || size(b) - size(a));
  }
}
