/**
 * The direction of imports between the repository's layers, checked by `npm run lint`:
 *
 * - src/sdk/ is the published package: it imports only itself and the TypeChain bindings, so that
 *   what `npm run sdk:pack` ships never pulls in operations code, scripts or Hardhat.
 * - src/ (the SDK, the operations library and the indexer) never imports the entry points that
 *   use it: scripts/, tasks/ or hardhat.config.ts.
 * - src/indexer/ builds on src/ops/ and src/sdk/; neither imports it back.
 * - src/explorer/ (the web view) builds on src/indexer/, src/ops/ and src/sdk/; none imports it back.
 * - ignition/modules/ describe a deployment from the types of a resolved plan they declare
 *   (ignition/modules/plan-types.ts): they import nothing of src/, which builds the plan and runs
 *   them, so there is no cycle between the two.
 *
 * Only relative imports name a file of the repository; packages are not this rule's concern.
 */
import { dirname, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

/** Each layer: the files it covers, and the repository paths (prefixes) they may or may not import. */
export const LAYERS = [
  {
    layer: "src/sdk/",
    allowed: ["src/sdk/", "typechain-types/"],
    why: "src/sdk is the published package: it imports only src/sdk and typechain-types",
  },
  {
    layer: "src/ops/",
    forbidden: ["src/indexer/"],
    why: "src/ops is the operations library that src/indexer builds on, never the other way",
  },
  {
    layer: "src/ops/",
    forbidden: ["src/explorer/"],
    why: "src/ops is the operations library that src/explorer builds on, never the other way",
  },
  {
    layer: "src/indexer/",
    forbidden: ["src/explorer/"],
    why: "src/indexer is the register that src/explorer shows, never the other way",
  },
  {
    layer: "src/",
    forbidden: ["scripts/", "tasks/", "hardhat.config"],
    why: "src/ is the library that scripts/, tasks/ and hardhat.config.ts use, never the other way",
  },
  {
    layer: "ignition/modules/",
    allowed: ["ignition/modules/"],
    why: "Ignition modules import only one another and their plan types (ignition/modules/plan-types.ts), nothing of src/",
  },
];

/** The repository path a relative import of `file` names, or undefined for a package import. */
function importedPath(file, source) {
  if (!source.startsWith(".")) return undefined;
  return relative(ROOT, resolve(dirname(file), source))
    .split("\\")
    .join("/");
}

function violation(file, source) {
  const importer = relative(ROOT, file).split("\\").join("/");
  const imported = importedPath(file, source);
  if (imported === undefined) return undefined;
  for (const { layer, allowed, forbidden, why } of LAYERS) {
    if (!importer.startsWith(layer)) continue;
    if (allowed !== undefined && !allowed.some((prefix) => imported.startsWith(prefix))) return why;
    if (forbidden !== undefined && forbidden.some((prefix) => imported.startsWith(prefix))) return why;
  }
  return undefined;
}

const importDirection = {
  meta: {
    type: "problem",
    docs: { description: "Imports point one way: entry points -> src/ops -> src/sdk; Ignition modules -> plan types" },
    schema: [],
    messages: { against: "{{source}} imports against the layers: {{why}}." },
  },
  create(context) {
    const check = (node) => {
      if (node.source == null || typeof node.source.value !== "string") return;
      const why = violation(context.filename, node.source.value);
      if (why !== undefined)
        context.report({ node: node.source, messageId: "against", data: { source: node.source.value, why } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { "import-direction": importDirection } };
