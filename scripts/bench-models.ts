// Standalone: npx hardhat run scripts/bench-models.ts (the main bench calls benchModelRegistry too).
import { benchModelRegistry } from "./bench/models";

benchModelRegistry(console.log).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
