import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// One static build for every network: the chain, the indexer and the addresses come from /config.json at run time.
export default defineConfig({
  plugins: [react()],
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
