#!/usr/bin/env node
// `npm start`: the app server, from the compiled bundle when it is current, else the TypeScript sources (import-entry.mjs).
import { importEntry } from './import-entry.mjs';

await importEntry('main');
