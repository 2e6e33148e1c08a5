// Report writers: certification (JSON + Markdown), JUnit, and Allure metadata for cells.
export { buildCertification, type Certification, type CertificationRequirement, type CertificationCell, type RunInfo } from './certification.ts';
export { renderCertificationMarkdown } from './markdown.ts';
export { renderJunitXml } from './junit.ts';
export { writeReports, type WrittenReports } from './write.ts';
export { allureMetadata, type AllureMetadata } from '../harness/core/suite/allure-meta.ts';
export { rollUp, rollUpReason, countStatuses, type StatusCounts } from './rollup.ts';
export { scrub, secretsOf } from './secrets.ts';
