/**
 * TensorFlow.js, pure JavaScript: tfjs-core + tfjs-layers on the CPU backend (no native binding, so the same
 * float32 arithmetic, in the same order, on every Node 20 machine). Every initializer is seeded; nothing shuffles.
 */
import * as tf from "@tensorflow/tfjs-core";
import { version_cpu } from "@tensorflow/tfjs-backend-cpu";
import * as tfl from "@tensorflow/tfjs-layers";

let ready: Promise<void> | null = null;
/** Selects the CPU backend once (no other backend is registered). */
export function tfReady(): Promise<void> {
  if (!ready) {
    ready = (async () => {
      tf.env().set("PROD", true);
      await tf.setBackend("cpu");
      await tf.ready();
    })();
  }
  return ready;
}

export const TF_VERSIONS = {
  "@tensorflow/tfjs-core": tf.version_core,
  "@tensorflow/tfjs-layers": tfl.version_layers,
  "@tensorflow/tfjs-backend-cpu": version_cpu,
};

export interface NetConfig {
  inputs: number;
  clauses: number;
  hidden: number;
  seed: number;
}

/**
 * input ─▶ dense "hidden" (relu) ─▶ dense "support" (softmax over For/Against/Abstain)
 *   └──────────────┴─ concat ─▶ dense "clauses" (sigmoid, one relevance head per clause of the version)
 * Layer names are fixed (tfjs would otherwise number them per process, changing model.json).
 */
export function buildNet(c: NetConfig): tfl.LayersModel {
  const input = tfl.input({ shape: [c.inputs], name: "features" });
  const hidden = tfl.layers
    .dense({
      units: c.hidden,
      activation: "relu",
      name: "hidden",
      kernelInitializer: tfl.initializers.glorotUniform({ seed: c.seed }),
      biasInitializer: "zeros",
    })
    .apply(input) as tfl.SymbolicTensor;
  const support = tfl.layers
    .dense({
      units: 3,
      activation: "softmax",
      name: "support",
      kernelInitializer: tfl.initializers.glorotUniform({ seed: c.seed + 1 }),
      biasInitializer: "zeros",
    })
    .apply(hidden) as tfl.SymbolicTensor;
  const joined = tfl.layers.concatenate({ name: "joined" }).apply([hidden, input]) as tfl.SymbolicTensor;
  const clauses = tfl.layers
    .dense({
      units: c.clauses,
      activation: "sigmoid",
      name: "clauses",
      kernelInitializer: tfl.initializers.glorotUniform({ seed: c.seed + 2 }),
      biasInitializer: "zeros",
    })
    .apply(joined) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: [support, clauses], name: "bytom_constitution" });
}

export interface SavedNet {
  /** model.json content (tfjs layers-model format, weights in weights.bin). */
  modelJson: Record<string, unknown>;
  weights: Buffer;
}

export async function saveNet(net: tfl.LayersModel): Promise<SavedNet> {
  let saved: SavedNet | null = null;
  await net.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData as ArrayBuffer;
      saved = {
        modelJson: {
          format: "layers-model",
          generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
          convertedBy: null,
          modelTopology: a.modelTopology,
          weightsManifest: [{ paths: ["weights.bin"], weights: a.weightSpecs }],
        },
        weights: Buffer.from(data),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
    }),
  );
  return saved!;
}

export async function loadNet(modelJson: Record<string, unknown>, weights: Uint8Array): Promise<tfl.LayersModel> {
  await tfReady();
  const manifest = modelJson.weightsManifest as { weights: tf.io.WeightsManifestEntry[] }[];
  const buf = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  return tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology as tf.io.ModelJSON["modelTopology"],
      weightSpecs: manifest.flatMap((m) => m.weights),
      weightData: buf,
    }),
  );
}

/** Weights of a net as a safetensors file (8-byte LE header length, JSON header, little-endian F32 data). */
export function toSafetensors(net: tfl.LayersModel, metadata: Record<string, string>): Buffer {
  const header: Record<string, unknown> = { __metadata__: metadata };
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const w of net.weights) {
    const values = w.read().dataSync() as Float32Array;
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    header[w.originalName] = { dtype: "F32", shape: w.shape, data_offsets: [offset, offset + bytes.length] };
    chunks.push(Buffer.from(bytes));
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  while ((json.length + 8) % 8 !== 0) json += " ";
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  return Buffer.concat([len, Buffer.from(json), ...chunks]);
}

export { tf, tfl };
