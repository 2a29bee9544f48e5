// Validate wasm modules with V8 (the engine Envoy runs): node validate.js DIR
// Reads every *.wasm in DIR, prints one JSON line per INVALID module
// ({"file": ..., "error": ...}) and, last, {"checked": N}.
// WebAssembly.validate gives the verdict; new WebAssembly.Module gives the reason.
"use strict";
const fs = require("fs");
const path = require("path");

const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".wasm")).sort();
for (const file of files) {
  const bytes = fs.readFileSync(path.join(dir, file));
  if (WebAssembly.validate(bytes)) continue;
  let error = "WebAssembly.validate returned false";
  try {
    new WebAssembly.Module(bytes);
  } catch (err) {
    error = String(err.message || err);
  }
  console.log(JSON.stringify({ file, error }));
}
console.log(JSON.stringify({ checked: files.length }));
