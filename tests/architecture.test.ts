import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCircles, importGraph } from './helpers/import-graph.js';

const src = fileURLToPath(new URL('../src', import.meta.url));

describe('architecture', () => {
  it('when the imports of src/ are followed, then no module reaches itself again (no import circle)', () => {
    expect(importCircles(importGraph(src), src)).toEqual([]);
  });

  it('when a graph has a circle, then the check names its files (the check itself can fail)', () => {
    const graph = new Map([
      ['/r/a.ts', ['/r/b.ts']],
      ['/r/b.ts', ['/r/c.ts']],
      ['/r/c.ts', ['/r/a.ts']],
      ['/r/d.ts', ['/r/a.ts']],
    ]);
    expect(importCircles(graph, '/r')).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });
});
