// The oracle's public face: expectations for cells, and judging observed outcomes against them.
export { expectOutcome, OracleError, type OracleInput, type OracleVerdict } from './oracle.ts';
export { judge, describeOutcome, type Judgement } from '../../core/oracle/judge.ts';
export { RULES, type Rule } from './rules.ts';
