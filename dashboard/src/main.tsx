import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { WagmiProvider, useConnect, useConnection, useConnectors, useDisconnect } from "wagmi";
import { loadConfig, type DashboardConfig } from "./config";
import { DEV_ACCOUNT_COUNT, devAccountsAllowed, makePublicClient, makeWagmiConfig } from "./chain";
import { AppProvider, useApp, useSigner } from "./app";
import { ConstitutionPage } from "./pages/Constitution";
import { PipelinePage } from "./pages/Pipeline";
import { ProposalPage } from "./pages/Proposal";
import { ModelsPage } from "./pages/Models";
import { ExecutivesPage } from "./pages/Executives";
import { MemberPage } from "./pages/Member";
import "./style.css";

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash || "#/constitution");
  useEffect(() => {
    const on = () => setHash(window.location.hash || "#/constitution");
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return hash;
}

function AccountBar() {
  const { config, devIndex, setDevIndex } = useApp();
  const signer = useSigner();
  const connection = useConnection();
  const connectors = useConnectors();
  const { connect } = useConnect();
  const { disconnect } = useDisconnect();
  return (
    <div className="account">
      {devAccountsAllowed(config) && (
        <label className="dev" title="The local node's public test accounts: for local development only.">
          Local node dev account (test mnemonic, local only):{" "}
          <select
            data-testid="dev-account"
            value={devIndex ?? ""}
            onChange={(e) => setDevIndex(e.target.value === "" ? null : Number(e.target.value))}
          >
            <option value="">— none —</option>
            {Array.from({ length: DEV_ACCOUNT_COUNT }, (_, i) => (
              <option key={i} value={i}>
                #{i}
              </option>
            ))}
          </select>
        </label>
      )}
      {connection.address ? (
        <button onClick={() => disconnect()}>Disconnect wallet</button>
      ) : (
        connectors.map((c) => (
          <button key={c.uid} onClick={() => connect({ connector: c })}>
            Connect {c.name}
          </button>
        ))
      )}
      <span data-testid="signer">
        Signing as: {signer.address ? `${signer.label} ${signer.address}` : "nobody (read only)"}
      </span>
    </div>
  );
}

function Router() {
  const hash = useHash();
  const [page, arg] = hash.replace(/^#\//, "").split("/");
  const nav = [
    ["constitution", "Constitution"],
    ["pipeline", "Pipeline"],
    ["models", "Models"],
    ["executives", "Executives"],
    ["member", "Member"],
  ];
  return (
    <>
      <header>
        <h1>BytomDAO governance</h1>
        <nav>
          {nav.map(([k, label]) => (
            <a key={k} href={`#/${k}`} className={page === k ? "active" : ""}>
              {label}
            </a>
          ))}
        </nav>
        <AccountBar />
      </header>
      <main>
        {page === "pipeline" ? (
          <PipelinePage />
        ) : page === "proposal" && arg ? (
          <ProposalPage id={BigInt(arg)} />
        ) : page === "models" ? (
          <ModelsPage />
        ) : page === "executives" ? (
          <ExecutivesPage />
        ) : page === "member" ? (
          <MemberPage address={arg} />
        ) : (
          <ConstitutionPage />
        )}
      </main>
    </>
  );
}

function App({ config }: { config: DashboardConfig }) {
  const [queryClient] = useState(() => new QueryClient());
  const [wagmiConfig] = useState(() => makeWagmiConfig(config));
  const [client] = useState(() => makePublicClient(config));
  return (
    <StrictMode>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <AppProvider config={config} client={client}>
            <Router />
          </AppProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </StrictMode>
  );
}

const root = createRoot(document.getElementById("root")!);
loadConfig().then(
  (config) => root.render(<App config={config} />),
  (e: Error) => root.render(<p className="error">The dashboard cannot start: {e.message}</p>),
);
