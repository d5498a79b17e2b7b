/**
 * `npm run validate`: checks the tree against a phase contract
 * (contracts/phase_1_core_architecture.contract.json): every deliverable exists and is
 * non-trivial, the sources hold no unfinished-work markers or empty stand-in bodies, the FinOps
 * caps agree with the budget report, every evidence file the gate names exists, every routed
 * provider has residency and FinOps entries, and every core module is imported by a test.
 * Writes the report the contract names (evidence/validation/phase1_contract_validation.json).
 *
 * Usage: validate-contract.ts <contract.json> [--root <dir>] [--out <file>]
 * A relative contract path is taken from the root. Exit 0 accepted, 1 rejected (each failure
 * printed), 2 bad usage (no contract, unreadable or invalid contract, unknown option).
 */
import { runValidateContract } from './lib/run-validate-contract.ts';

process.exitCode = runValidateContract(process.argv.slice(2), { log: console.log, error: console.error });
