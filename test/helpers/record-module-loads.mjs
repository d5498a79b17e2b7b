// Loaded with `node --import` into a child process (see tracing.test.ts): registers a resolve hook that appends
// every resolved @opentelemetry module to the file named by AOS_TEST_MODULE_LOG, so a test can tell which parts of
// OpenTelemetry a started server really loaded.
import { register } from 'node:module';
import process from 'node:process';

register('./record-module-loads-hooks.mjs', import.meta.url, { data: { log: process.env.AOS_TEST_MODULE_LOG } });
