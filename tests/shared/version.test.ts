// The component tests see the version every build injects: package.json's, fetched from the test
// server's copy of the repository.
import { expect } from '@open-wc/testing';
import { VERSION } from '../../src/shared/version.js';

describe('VERSION', () => {
  it("is package.json's", async () => {
    const { version } = (await (await fetch('/package.json')).json()) as { version: string };
    expect(VERSION).to.equal(version);
    expect(VERSION).to.match(/^\d+\.\d+\.\d+/);
  });
});
