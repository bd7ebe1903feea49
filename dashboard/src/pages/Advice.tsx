/**
 * The member page's personal advice, computed in the visitor's browser: the active model's files are checked against
 * ModelRegistry's weights root first (a mismatch refuses), then the model runs here with the member's preferences
 * through the SDK's adviseMember, as `npx hardhat agent:advise` does. The engine (src/advice.ts, TensorFlow.js and
 * wink-nlp) is a separate chunk loaded when this section first renders.
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useApp } from "../app";
import { Section } from "../ui";
import type { Advice, Preferences, Verification } from "../advice";

const loadEngine = () => import("../advice");

/** The demo's member profile (scripts/demo.ts): constitutional change is risky, the cycle's clauses weigh nothing. */
const DEFAULT_VALUES = "The constitutional cycle: 0";
const DEFAULT_RISK = 0.2;
const DEFAULT_INTERESTS = ["constitution"];

/** "article or title: weight" lines → the `values` map. */
function parseValues(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split(/[\n;]/)) {
    const i = line.lastIndexOf(":");
    if (line.trim() === "") continue;
    if (i < 0) throw new Error(`"${line.trim()}": write "article number or title: weight"`);
    out[line.slice(0, i).trim()] = Number(line.slice(i + 1).trim());
  }
  return out;
}

type Run =
  | { step: "idle" }
  | { step: "verifying" }
  | { step: "running"; v: Verification }
  | { step: "refused"; v: Verification }
  | { step: "done"; v: Verification; advice: Advice }
  | { step: "error"; message: string; v?: Verification };

export function AdviceSection({ member }: { member: `0x${string}` }) {
  const { config } = useApp();
  const engine = useQuery({ queryKey: ["advice-engine"], queryFn: loadEngine, staleTime: Infinity });
  const active = useQuery({
    queryKey: ["advice-active"],
    queryFn: async () => (await loadEngine()).activeProposals(config),
    refetchInterval: 5000,
  });
  const [values, setValues] = useState(DEFAULT_VALUES);
  const [risk, setRisk] = useState(DEFAULT_RISK);
  const [interests, setInterests] = useState<string[]>(DEFAULT_INTERESTS);
  const [proposal, setProposal] = useState("");
  const [run, setRun] = useState<Run>({ step: "idle" });
  const chosen = proposal || active.data?.[0]?.toString() || "";

  const advise = async () => {
    let v: Verification | undefined;
    try {
      const e = await loadEngine();
      const prefs: Preferences = {
        values: parseValues(values),
        riskAppetite: risk,
        interests: interests as Preferences["interests"],
      };
      setRun({ step: "verifying" });
      v = await e.verifyActiveModel(config);
      if (!v.ok) return setRun({ step: "refused", v });
      setRun({ step: "running", v });
      const model = await e.browserModel(v);
      setRun({ step: "done", v, advice: await e.adviseInBrowser(config, model, member, prefs, BigInt(chosen)) });
    } catch (err) {
      setRun({ step: "error", message: err instanceof Error ? err.message : String(err), v });
    }
  };
  const v = run.step === "idle" || run.step === "verifying" ? undefined : run.v;
  return (
    <Section title="Advice (computed in your browser)" id="advice">
      <p className="muted">
        Your preferences applied to the active constitution model's reading of a proposal. The model's files are
        fetched, hashed here and checked against the weights root ModelRegistry holds before the model runs; a mismatch
        refuses.
      </p>
      <div className="advice-form">
        <label>
          Proposal{" "}
          <select data-testid="advice-proposal" value={chosen} onChange={(e) => setProposal(e.target.value)}>
            {(active.data ?? []).map((id) => (
              <option key={id.toString()} value={id.toString()}>
                #{id.toString().slice(0, 10)}
              </option>
            ))}
          </select>
          {active.data?.length === 0 && <span className="muted"> no Active proposal</span>}
        </label>
        <label>
          Values (article number or title: weight in [-1, 2], one a line; others weigh 1)
          <textarea data-testid="advice-values" rows={3} value={values} onChange={(e) => setValues(e.target.value)} />
        </label>
        <label>
          Risk appetite (0 cautious … 1 bold){" "}
          <input
            data-testid="advice-risk"
            type="number"
            min={0}
            max={1}
            step={0.1}
            value={risk}
            onChange={(e) => setRisk(Number(e.target.value))}
          />
        </label>
        <fieldset>
          <legend>Interests</legend>
          {(engine.data?.AREAS ?? []).map((a) => (
            <label key={a}>
              <input
                type="checkbox"
                checked={interests.includes(a)}
                onChange={(e) => setInterests(e.target.checked ? [...interests, a] : interests.filter((x) => x !== a))}
              />
              {a}{" "}
            </label>
          ))}
        </fieldset>
        <button
          data-testid="advice-run"
          disabled={!chosen || run.step === "verifying" || run.step === "running"}
          onClick={advise}
        >
          Advise me
        </button>
      </div>
      {run.step === "verifying" && <p>Fetching and hashing the model's files…</p>}
      {v && (
        <p data-testid="advice-verification" className={v.ok ? "ok" : "error"}>
          Model #{v.modelId.toString()} (constitution v{v.version}):{" "}
          {v.ok ? (
            <strong>verified ✓ weights root {v.servedRoot} equals the on-chain root</strong>
          ) : (
            <strong>
              mismatch ✗ the files served hash to {v.servedRoot}, the on-chain weights root is {v.onChainRoot}: advice
              refused
            </strong>
          )}
        </p>
      )}
      {run.step === "running" && <p>Running the model in your browser…</p>}
      {run.step === "error" && (
        <p className="error" data-testid="advice-error">
          {run.message}
        </p>
      )}
      {run.step === "done" && (
        <div data-testid="advice-result">
          <p>
            For you: <strong data-testid="advice-recommendation">{run.advice.recommendation}</strong> (score{" "}
            <strong data-testid="advice-score">{run.advice.score.toFixed(3)}</strong>). The AI delegate{" "}
            {run.advice.ai.source === "on-chain vote" ? "voted" : "would vote"}{" "}
            <strong data-testid="advice-ai">{run.advice.ai.decision}</strong>
            {run.advice.differs ? ": your view differs." : ": your view matches."}
          </p>
          <ul data-testid="advice-lines">
            {run.advice.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
