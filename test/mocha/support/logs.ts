import type { Filter, FilterByBlockHash, Provider } from "ethers";

/**
 * Wraps `provider.getLogs` (one `eth_getLogs` per call) until `restore`: records each query's filter
 * and, with `pruned`, answers each with no logs, as a node that pruned old logs does.
 */
export function watchLogQueries(provider: Provider, options: { pruned?: boolean } = {}) {
  const original = provider.getLogs;
  const watch = {
    queries: [] as (Filter | FilterByBlockHash)[],
    get calls() {
      return watch.queries.length;
    },
    restore: () => void (provider.getLogs = original),
  };
  provider.getLogs = async (filter) => {
    watch.queries.push(filter);
    return options.pruned === true ? [] : original.call(provider, filter);
  };
  return watch;
}
