import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// One static build for every network: the chain, the indexer and the addresses come from /config.json at run time.
export default defineConfig({
  plugins: [react()],
  base: "./",
  // the member page's advice chunk (TensorFlow.js, wink-nlp and its English model, the typed contracts) is ~5 MB,
  // loaded only when that page renders
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 6000 },
});
