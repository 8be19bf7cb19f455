#!/usr/bin/env node
// The command line runs the TypeScript sources through tsx, so a fresh checkout works right
// after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
