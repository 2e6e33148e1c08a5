// The suite's version: package.json's, the one source (CLI --version, reports).
import { readFileSync } from 'node:fs';

export const SUITE_VERSION: string = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
