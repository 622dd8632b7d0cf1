import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The API's features, lowest first. A feature may import from features in lower layers only, so
 * dependencies run one way and no two features can reach into each other (Nx's module boundaries
 * work between projects; this does the same between the folders of one). The files at the root
 * of src (app.module, main, create-app) compose everything and may import any feature. A new
 * feature folder must be placed here before it lints.
 */
export const FEATURE_LAYERS = [
  ['platform'],
  ['auth'],
  ['users', 'patients', 'audit', 'health', 'notes', 'adverse-events', 'diary'],
  ['settings', 'scans', 'medical-history'],
  ['clearance', 'messages'],
  ['sessions', 'reports', 'consultations'],
  ['courses', 'enquiries'],
  ['demo'],
];

const layerOf = new Map(FEATURE_LAYERS.flatMap((features, layer) => features.map((f) => [f, layer])));

/** The feature folder a file belongs to, '' for the root of src, undefined outside src. */
function featureOf(srcDir, file) {
  const path = relative(srcDir, file);
  if (path.startsWith('..')) return undefined;
  const parts = path.split(sep);
  return parts.length > 1 ? parts[0] : '';
}

export const featureLayersPlugin = {
  rules: {
    'feature-layers': {
      meta: {
        type: 'problem',
        messages: {
          upward:
            "'{{from}}' may not import from '{{to}}': features depend one way, on lower layers only (FEATURE_LAYERS in apps/api/eslint-feature-layers.mjs).",
          root: "'{{from}}' may not import from the root of src ('{{path}}'): only the root composes features.",
          unknown: "The feature folder '{{feature}}' is not in FEATURE_LAYERS (apps/api/eslint-feature-layers.mjs): place it in a layer.",
        },
        schema: [],
      },
      create(context) {
        const srcDir = resolve(dirname(new URL(import.meta.url).pathname), 'src');
        const file = context.filename;
        const from = featureOf(srcDir, file);
        if (!from) return {};
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          if (!layerOf.has(from)) return context.report({ node, messageId: 'unknown', data: { feature: from } });
          const to = featureOf(srcDir, resolve(dirname(file), source));
          if (to === undefined || to === from) return;
          if (to === '') return context.report({ node, messageId: 'root', data: { from, path: source } });
          if (!layerOf.has(to)) return context.report({ node, messageId: 'unknown', data: { feature: to } });
          if (layerOf.get(to) >= layerOf.get(from)) context.report({ node, messageId: 'upward', data: { from, to } });
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
        };
      },
    },
  },
};
