// Writes certification.json, certification.md and junit.xml into a report directory.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CellResult } from '../harness/core/plan/cell.ts';
import { buildCertification, type RunInfo } from './certification.ts';
import { renderJunitXml } from './junit.ts';
import { renderCertificationMarkdown } from './markdown.ts';

export interface WrittenReports {
  certificationJson: string;
  certificationMd: string;
  junitXml: string;
}

export async function writeReports(dir: string, results: readonly CellResult[], run: RunInfo): Promise<WrittenReports> {
  await mkdir(dir, { recursive: true });
  const paths: WrittenReports = {
    certificationJson: join(dir, 'certification.json'),
    certificationMd: join(dir, 'certification.md'),
    junitXml: join(dir, 'junit.xml'),
  };
  await writeFile(paths.certificationJson, `${JSON.stringify(buildCertification(results, run), null, 2)}\n`);
  await writeFile(paths.certificationMd, renderCertificationMarkdown(results, run));
  await writeFile(paths.junitXml, renderJunitXml(results, 'secmatrix', run.secrets ?? [], run.serverSecrets));
  return paths;
}
