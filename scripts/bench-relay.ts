/** `npx hardhat run scripts/bench-relay.ts`: the relayed-ballot part of `npm run bench:gas` alone (scripts/bench/relay.ts). */
import { benchRelay } from "./bench/relay";

benchRelay(console.log).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
