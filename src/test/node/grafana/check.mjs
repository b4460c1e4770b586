// Checks a Grafana dashboard's JSON against Grafana's own dashboard schema as @grafana/schema
// publishes it (TypeScript types generated from Grafana's CUE kinds): the JSON becomes an object
// literal that must satisfy `Dashboard`, so a property Grafana does not know, a wrong type or a
// missing required field fails, as TypeScript's strict compiler reports it. Grafana itself is in
// neither Debian nor npm, so it is not loaded into a running Grafana here.
//
//   node grafana/check.mjs ../../../k8s/grafana/signalbox.json
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const file = process.argv[2];
const dashboard = JSON.parse(readFileSync(file, 'utf8'));
const here = dirname(fileURLToPath(import.meta.url));
const source = join(mkdtempSync(join(tmpdir(), 'dashboard-')), 'dashboard.ts');
writeFileSync(source, `import type { Dashboard } from '@grafana/schema';\n`
  + `export const dashboard = ${JSON.stringify(dashboard, null, 2)} satisfies Dashboard;\n`);
const program = ts.createProgram([source], {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  typeRoots: [],
  baseUrl: here,
  paths: { '@grafana/schema': [join(here, '..', 'node_modules', '@grafana', 'schema')] },
});
const problems = ts.getPreEmitDiagnostics(program);
for (const d of problems) {
  const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
  console.log(`${where ? `line ${where.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
console.log(JSON.stringify({ file, panels: dashboard.panels?.length ?? 0, problems: problems.length }));
process.exit(problems.length ? 1 : 0);
