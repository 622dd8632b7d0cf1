/**
 * What each role may use: the contract's one capability table (SPEC §3), which the API enforces.
 * The dashboard reads it only to hide what a role cannot use.
 */
export { can, type Capability } from '@venule/api-contract';
