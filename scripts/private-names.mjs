// The kit's private member names, which the one-script bundle may shorten (terser's
// `mangle.properties`): read from the TypeScript sources, so a member added or renamed is
// shortened without anyone keeping a list.
//
// A member qualifies when a class declares it `private` or `protected` (not `override`: those are
// Lit's or the DOM's names) and nothing could reach it by its name from outside our code. So a name
// is left alone when, anywhere in src/, it is also
// - a public member of a class, or a member of an interface or type literal (a shape that may
//   come from JSON, the DOM or a page script);
// - read on anything but `this` (`data.name`: perhaps a parsed server answer);
// - a key of an object literal or of a destructuring pattern (options handed to the DOM, JSON-LD…),
//   except a reactive state's in `static properties` (`{ state: true }`: Lit knows it by that key only);
// - a string (`element['name']`, an attribute, a decorator's property name);
// - a property bound in a template (`.name=${…}`);
// - on a decorated member (`@state()`: Lit knows it by the string tsc writes for it).
// Rollup's side (rollup.config.mjs) also leaves out any name a bundled package uses, and terser
// never shortens a name the DOM has.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const PRIVATE = new Set([ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword]);

function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file));
}

/** Text of a property name node, or undefined for computed and private (`#`) names. */
function nameText(name) {
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : undefined;
}

/**
 * `name: { state: true }` in a class's `static properties`: Lit's internal reactive state, known
 * to Lit by this key alone (no attribute), so the key is shortened with the field it declares.
 */
function isStateDeclaration(node) {
  const declaration = node.parent.parent;
  const isStaticProperties =
    ts.isPropertyDeclaration(declaration) &&
    nameText(declaration.name) === 'properties' &&
    (ts.getModifiers(declaration) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword);
  return (
    isStaticProperties &&
    ts.isPropertyAssignment(node) &&
    ts.isObjectLiteralExpression(node.initializer) &&
    node.initializer.properties.some(
      (option) => ts.isPropertyAssignment(option) && nameText(option.name) === 'state' && option.initializer.kind === ts.SyntaxKind.TrueKeyword,
    )
  );
}

/**
 * @param {string[]} dirs folders of TypeScript sources
 * @returns {{ names: string[], kept: Map<string, string> }} the names to shorten, and each private
 *   name left alone with the first reason found
 */
export function privateMemberNames(dirs) {
  const candidates = new Set();
  const kept = new Map();
  const keep = (name, reason) => {
    if (name !== undefined && !kept.has(name)) kept.set(name, reason);
  };

  const visit = (node) => {
    if (ts.isClassElement(node) && node.name) {
      const name = nameText(node.name);
      const modifiers = ts.getModifiers(node) ?? [];
      const isPrivate = modifiers.some((modifier) => PRIVATE.has(modifier.kind));
      const isOverride = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.OverrideKeyword);
      const isDecorated = (ts.getDecorators(node) ?? []).length > 0;
      if (!isPrivate || isOverride) keep(name, 'a public or overriding class member');
      else if (isDecorated) keep(name, 'a decorated member');
      else if (name !== undefined) candidates.add(name);
    } else if (ts.isPropertySignature(node) || ts.isMethodSignature(node)) {
      keep(nameText(node.name), 'a member of an interface or type');
    } else if (ts.isPropertyAccessExpression(node)) {
      const receiver = node.expression.kind;
      if (receiver !== ts.SyntaxKind.ThisKeyword && receiver !== ts.SyntaxKind.SuperKeyword) {
        keep(node.name.text, 'read on something other than `this`');
      }
    } else if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) || ts.isMethodDeclaration(node)) {
      if (ts.isObjectLiteralExpression(node.parent) && !isStateDeclaration(node)) keep(nameText(node.name), 'an object literal key');
    } else if (ts.isBindingElement(node)) {
      keep(nameText(node.propertyName ?? node.name), 'a destructured key');
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      keep(node.text, 'a string');
    }
    if (ts.isTemplateLiteralToken?.(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      for (const [, bound] of node.text.matchAll(/\.([A-Za-z_$][\w$]*)=/g)) keep(bound, 'a property bound in a template');
    }
    ts.forEachChild(node, visit);
  };

  for (const dir of dirs) {
    for (const file of sourceFiles(dir)) {
      visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true));
    }
  }
  const names = [...candidates].filter((name) => !kept.has(name)).sort();
  return { names, kept: new Map([...kept].filter(([name]) => candidates.has(name))) };
}
