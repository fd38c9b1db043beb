/**
 * The clock of every chain the project starts for itself: the embedded in-process chain (the
 * demo, the tests, the tasks without `--network`), `npx hardhat node`, and the anvil of the tests
 * (`--timestamp`). Their first block is at {@link CHAIN_START}, whatever the date of the machine,
 * and their time then runs on from it (and jumps forward when a test or the demo travels in time).
 *
 * The sample issuances of `issuances/` carry absolute calendar dates, as a ministry's real ones do:
 * the T-bill issued on 2026-12-03 and maturing on 2027-06-03, the bonds issued on 2026-12-15, KYC
 * expiries in 2027 and 2028. A chain started at the machine's date would find them in the past
 * once that date has gone by (a matured bill, expired KYC records); starting before them keeps the
 * demo and the tests playing the same calendar every day. Every sample date must be after
 * {@link CHAIN_START}. A chain's time only moves forward, so it is pinned at its start.
 *
 * The gas benchmarks (scripts/bench) keep their own later start (2030-01-01), the calendar of
 * their own bond terms.
 */

/** The time of the first block of every local chain, before every date of the sample issuances. */
export const CHAIN_START = "2026-12-01T00:00:00Z";

/** {@link CHAIN_START} in unix seconds. */
export const CHAIN_START_SECONDS = BigInt(Date.parse(CHAIN_START) / 1000);
