#!/usr/bin/env node
// The `aos` command: the compiled bundle when it is current, else the TypeScript sources (import-entry.mjs).
import { importEntry } from './import-entry.mjs';

await importEntry('cli/main');
