// Settings of `cem analyze` (scripts/build.mjs runs it). The kit registers its elements in one
// place, the `ELEMENTS` table of src/define.ts (tag → class, held to src/tags.ts by TypeScript),
// through `EgovElement.define(tag)`: the analyzer cannot follow that call, so without this plugin
// the manifest names no tag for any class and takes `customElements.define(tag, this)` in
// egov-element.ts for a definition of its own. The plugin reads the table and links each class to
// its tag, as a `customElements.define('egov-poll', EgovPoll)` call would have. A second plugin
// leaves out of the attributes the internal state that `static properties` marks `state: true`
// (the analyzer lists every entry of `static properties` as an attribute).

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function tagsFromDefineTable() {
  /** @type {{ tag: string, className: string }[]} */
  const elements = [];
  return {
    name: 'egov-tags-from-define-table',
    analyzePhase({ ts, node, moduleDoc }) {
      if (moduleDoc.path !== 'src/define.ts' || !ts.isVariableDeclaration(node) || node.name.getText() !== 'ELEMENTS') return;
      if (!node.initializer || !ts.isObjectLiteralExpression(node.initializer)) throw new Error('src/define.ts: ELEMENTS is not an object literal');
      for (const property of node.initializer.properties) {
        if (!ts.isPropertyAssignment(property) || !ts.isStringLiteral(property.name) || !ts.isIdentifier(property.initializer)) {
          throw new Error(`src/define.ts: ELEMENTS entry "${property.getText()}" is not 'tag': Class`);
        }
        elements.push({ tag: property.name.text, className: property.initializer.text });
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      if (!elements.length) throw new Error('src/define.ts: no ELEMENTS table found');
      const modules = customElementsManifest.modules;
      for (const module of modules) {
        // `customElements.define(tag, this)` inside EgovElement.define is not a definition of its own.
        if (module.path === 'src/shared/egov-element.ts') {
          module.exports = module.exports?.filter((entry) => entry.kind !== 'custom-element-definition');
        }
      }
      const define = modules.find((module) => module.path === 'src/define.ts');
      for (const { tag, className } of elements) {
        const module = modules.find((candidate) => candidate.declarations?.some((declaration) => declaration.kind === 'class' && declaration.name === className));
        if (!module) throw new Error(`src/define.ts: ${className} (${tag}) is not a class the manifest knows`);
        const declaration = module.declarations.find((candidate) => candidate.name === className);
        declaration.tagName = tag;
        declaration.customElement = true;
        define.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module: module.path } });
      }
    },
  };
}

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function noAttributesForState() {
  /** Class name → the names its `static properties` marks `state: true`. */
  const states = new Map();
  return {
    name: 'egov-no-attributes-for-state',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const properties = node.members.find(
        (member) => ts.isPropertyDeclaration(member) && member.name.getText() === 'properties' && member.initializer && ts.isObjectLiteralExpression(member.initializer),
      );
      if (!properties) return;
      const names = properties.initializer.properties
        .filter((entry) => ts.isPropertyAssignment(entry) && ts.isObjectLiteralExpression(entry.initializer))
        .filter((entry) => entry.initializer.properties.some((option) => option.name?.getText() === 'state' && option.initializer?.kind === ts.SyntaxKind.TrueKeyword))
        .map((entry) => entry.name.getText());
      states.set(node.name.text, new Set(names));
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          const state = states.get(declaration.name);
          if (state && declaration.attributes) declaration.attributes = declaration.attributes.filter((attribute) => !state.has(attribute.fieldName));
        }
      }
    },
  };
}

export default {
  plugins: [tagsFromDefineTable(), noAttributesForState()],
};
