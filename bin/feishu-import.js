#!/usr/bin/env node
// Thin launcher: everything lives in the compiled library (built by `npm run build`, which `npm ci` runs via `prepare`).
import { main } from '../dist/cli/main.js';
main(process.argv.slice(2));
