// Parses a Mermaid diagram with Mermaid's own parser and prints what it understood as JSON:
// { type, nodes: [{ id, label, description, classes, parent, shape }], edges: [{ from, to, label }] }.
// Labels come back as a browser would show them: Mermaid's #NN; codes turned into characters.
// Run from the folder where mermaid and jsdom are installed:
//   node --input-type=module --eval "$(cat parse.mjs)" DIAGRAM_FILE
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

// Mermaid swaps "#NN;" for a placeholder before parsing and back to "&#NN;" in the SVG it draws.
const shown = (text) => text === undefined ? undefined : String(text)
  .replace(/\uFB02\u00B0\u00B0/g, '&#').replace(/\uFB02\u00B0/g, '&').replace(/\u00B6\u00DF/g, ';')
  .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));

const text = readFileSync(process.argv[1], 'utf8');
try {
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const data = diagram.db.getData();
  console.log(JSON.stringify({
    type: diagram.type,
    nodes: data.nodes.map(n => ({
      id: n.id,
      label: shown(n.label),
      description: (n.description ?? []).map(shown),
      classes: String(n.cssClasses ?? '').trim().split(/\s+/).filter(c => c.length > 0),
      parent: n.parentId ?? null,
      shape: n.shape,
    })),
    edges: data.edges.map(e => ({ from: e.start, to: e.end, label: shown(e.label ?? '') })),
  }));
} catch (e) {
  console.error(`mermaid: ${e.message ?? e}`);
  process.exit(1);
}
