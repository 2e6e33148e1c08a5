// Which cells a driver can express: a cell needing a capability the driver does not declare is
// reported not applicable with this reason (never dropped, never passed).
import type { Cell } from './cell.ts';

export function missingCapabilities(cell: Cell, driverCapabilities: Iterable<string>): string[] {
  const have = new Set(driverCapabilities);
  return cell.client.requiredCapabilities.filter((c) => !have.has(c));
}

/** The not-applicable reason for this driver, or undefined when it can run the cell. */
export function notApplicableReason(cell: Cell, driverCapabilities: Iterable<string>, driverName = 'the client'): string | undefined {
  const missing = missingCapabilities(cell, driverCapabilities);
  return missing.length === 0 ? undefined : `${driverName} cannot express: ${missing.join(', ')}`;
}
