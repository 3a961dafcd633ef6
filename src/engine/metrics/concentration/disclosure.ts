/** The US SEC / ASC 280-10-50-42 major-customer line: a customer with ≥ 10 % of revenue must be disclosed. */
export const DISCLOSURE_SHARE = 0.1;

/** True when the share reaches the disclosure line. */
export function isMajorCustomer(share: number): boolean {
  return share >= DISCLOSURE_SHARE - 1e-12;
}
