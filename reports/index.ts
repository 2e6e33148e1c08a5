// Report writers: certification (JSON + Markdown) and JUnit. (Allure metadata is set by the suite: harness/core/suite/allure-meta.ts.)
export { buildCertification, type Certification, type CertificationRequirement, type CertificationCell, type RunInfo } from './certification.ts';
export { renderCertificationMarkdown } from './markdown.ts';
export { renderJunitXml } from './junit.ts';
export { writeReports, type WrittenReports } from './write.ts';
export { rollUp, rollUpReason, countStatuses, type StatusCounts } from './rollup.ts';
export { scrub, secretsOf, type ServerSecrets } from './secrets.ts';
