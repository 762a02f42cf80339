/**
 * `custom-elements.json`, as `npm run build` writes it for editors and tools (VS Code, Storybook,
 * the npm package's `customElements` field): every tag of the kit named, on the class that
 * `src/define.ts` registers for it, with its documented attributes.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { TAGS } from '../../src/tags.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MANIFEST = path.join(ROOT, 'custom-elements.json');

/** The attributes of each tag, as docs/ and the README document them (internal state is none of them). */
const ATTRIBUTES: Record<string, string[]> = {
  'egov-agency-footer': ['site-name', 'agency', 'address', 'responsible', 'phone', 'fax', 'email', 'since', 'developer', 'src', 'lang'],
  'egov-article-view': ['heading', 'published', 'author', 'summary', 'heading-level', 'src', 'lang'],
  'egov-banners': ['src', 'layout', 'interval', 'lang'],
  'egov-poll': ['endpoint', 'poll-id', 'show-results', 'lang'],
  'egov-video': ['src', 'youtube', 'playlist', 'poster', 'captions', 'heading', 'lang'],
  'egov-web-links': ['label', 'placeholder', 'target', 'src', 'lang'],
};

interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string; description?: string }[];
}
interface Module {
  path: string;
  declarations?: Declaration[];
  exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
}

function manifest(): { modules: Module[] } {
  assert.ok(existsSync(MANIFEST), 'custom-elements.json is missing: run `npm run build` first');
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as { modules: Module[] };
}

describe('custom-elements.json', () => {
  it('names each tag of the kit once, on the class registered for it, with its attributes (no internal state), each described', () => {
    const { modules } = manifest();
    const elements = modules.flatMap((module) => (module.declarations ?? []).filter((declaration) => declaration.tagName).map((declaration) => ({ module, declaration })));
    assert.deepEqual(elements.map(({ declaration }) => declaration.tagName).sort(), [...TAGS].sort());
    for (const { module, declaration } of elements) {
      const tag = declaration.tagName!;
      assert.equal(declaration.customElement, true, tag);
      // The class lives in the tag's own folder: egov-poll in src/poll/.
      assert.equal(path.dirname(module.path), `src/${tag.replace(/^egov-/, '')}`, tag);
      assert.deepEqual((declaration.attributes ?? []).map((attribute) => attribute.name).sort(), [...ATTRIBUTES[tag]!].sort(), tag);
      for (const attribute of declaration.attributes ?? []) assert.ok(attribute.description?.trim(), `${tag}[${attribute.name}] has a description`);
    }
    const definitions = modules.flatMap((module) => (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition').map((entry) => ({ module, entry })));
    assert.deepEqual(
      definitions.map(({ module, entry }) => `${module.path}: ${entry.name} → ${entry.declaration.name}`).sort(),
      elements.map(({ declaration }) => `src/define.ts: ${declaration.tagName} → ${declaration.name}`).sort(),
    );
  });
});
