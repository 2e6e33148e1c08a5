// The `credentials` area of the conformance matrix (cells come from matrices/; see harness/suite).
import { defineAreaSuite } from '../../harness/core/suite/area-suite.ts';

defineAreaSuite('credentials');
