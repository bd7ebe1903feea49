/**
 * agent:brief: decision support for one proposal: what its actions do, what they take from the treasury, whether
 * each target's code is still the code pinned when the proposal was created, the votes so far against the
 * supermajority line and the quorum, and the most similar past proposals with their outcomes.
 */
import { ethers, type Provider } from "ethers";
import { ProposalState, type ProposalStateName } from "../governance";
import { forShare, formatTokens } from "../units";
import {
  createdProposal,
  createdProposals,
  decodeProposal,
  paramsAt,
  plainChange,
  suiteAddressBook,
  type AddressBook,
  type AgentSuite,
  type CreatedProposal,
  type DecodedCall,
} from "./chain";

export interface TreasuryImpact {
  /** ETH sent with the actions (wei). */
  eth: bigint;
  /** Governance tokens transferred out of the treasury (wei). */
  tokensOut: bigint;
  /** Governance tokens minted (wei). */
  minted: bigint;
  /** Budgets granted to executives (wei per period, summed over assets). */
  allowances: bigint;
  treasuryTokens: bigint;
  treasuryEth: bigint;
  lines: string[];
}

export interface CodePin {
  target: string;
  name: string | null;
  /** keccak256 of the code at creation and now (zero: no code). */
  pinned: string;
  current: string;
  unchanged: boolean;
}

export interface SimilarProposal {
  id: bigint;
  title: string;
  state: ProposalStateName;
  /** Jaccard similarity of terms and calls, 3 decimals. */
  similarity: number;
  outcome: string;
}

export interface ProposalBrief {
  id: bigint;
  title: string;
  state: ProposalStateName;
  actions: DecodedCall[];
  treasury: TreasuryImpact;
  codePins: CodePin[];
  /** The governor's stored digest still matches the targets' code (else the proposal can never execute). */
  codeDigestOk: boolean;
  votes: {
    forVotes: bigint;
    againstVotes: bigint;
    abstainVotes: bigint;
    supermajorityBps: bigint;
    quorum: bigint | null;
    forShare: string;
    passesLine: boolean;
    quorumReached: boolean | null;
  };
  similar: SimilarProposal[];
  lines: string[];
}

async function codeHashAt(provider: Provider, target: string, blockTag?: number): Promise<string> {
  const code = await provider.getCode(target, blockTag);
  return code === "0x" ? ethers.ZeroHash : ethers.keccak256(code);
}

/** Terms of a proposal for similarity: description words (≥ 4 letters) and `call:Contract.fn`. */
export function proposalTerms(p: CreatedProposal, book: AddressBook): Set<string> {
  const words = p.description
    .toLowerCase()
    .replace(/\[bytomdao draft #\d+ revision \d+\]/g, "")
    .match(/[a-z]{4,}/g);
  const calls = decodeProposal(p, book).map((d) => `call:${d.targetName ?? d.target}.${d.fn ?? "unknown"}`);
  return new Set([...(words ?? []), ...calls, ...calls]);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

function treasuryImpact(
  actions: DecodedCall[],
  tokenName: string,
  treasuryTokens: bigint,
  treasuryEth: bigint,
): TreasuryImpact {
  let eth = 0n;
  let tokensOut = 0n;
  let minted = 0n;
  let allowances = 0n;
  for (const a of actions) {
    eth += a.value;
    if (a.targetName === tokenName && a.fn === "transfer") tokensOut += BigInt(a.args.value);
    if (a.targetName === tokenName && a.fn === "mint") minted += BigInt(a.args.amount);
    if (a.targetName === "ExecutiveRegistry" && a.fn === "grantAllowance") allowances += BigInt(a.args.amount);
  }
  const share = (x: bigint, of: bigint) => (of === 0n ? "n/a" : `${(Number((x * 10_000n) / of) / 100).toFixed(2)}%`);
  const lines: string[] = [];
  if (tokensOut > 0n) {
    lines.push(
      `${formatTokens(tokensOut)} BTMG leave the treasury (${share(tokensOut, treasuryTokens)} of its ${formatTokens(treasuryTokens)})`,
    );
  }
  if (eth > 0n) lines.push(`${ethers.formatEther(eth)} ETH leave the treasury (${share(eth, treasuryEth)} of its ETH)`);
  if (minted > 0n) lines.push(`${formatTokens(minted)} BTMG are minted (dilutes every holder)`);
  if (allowances > 0n) lines.push(`executive allowances of ${formatTokens(allowances)} per period are granted`);
  if (lines.length === 0) lines.push("no funds move");
  return { eth, tokensOut, minted, allowances, treasuryTokens, treasuryEth, lines };
}

/** The brief of proposal `id`. */
export async function briefProposal(
  suite: AgentSuite,
  id: bigint,
  options: { book?: AddressBook; similar?: number } = {},
): Promise<ProposalBrief> {
  const { governor, token, timelock } = suite;
  const provider = governor.runner?.provider;
  if (!provider) throw new Error("briefProposal: connect the suite to a provider");
  const book = options.book ?? (await suiteAddressBook(suite));
  const p = await createdProposal(suite, id);
  const state = ProposalState[Number(await governor.state(id))];
  const actions = decodeProposal(p, book);
  const params = await paramsAt(suite.constitution);
  const title = p.description.split("\n")[0].trim();
  const treasuryAddress = await timelock.getAddress();
  const treasury = treasuryImpact(
    actions,
    "GovernanceToken",
    await token.balanceOf(treasuryAddress),
    await provider.getBalance(treasuryAddress),
  );

  const codePins: CodePin[] = [];
  for (const target of [...new Set(p.targets)]) {
    const pinned = await codeHashAt(provider, target, p.blockNumber);
    const current = await codeHashAt(provider, target);
    codePins.push({ target, name: book[target.toLowerCase()] ?? null, pinned, current, unchanged: pinned === current });
  }
  let digest = ethers.ZeroHash;
  for (const t of p.targets) {
    digest = ethers.keccak256(
      ethers.AbiCoder.defaultAbiCoder().encode(["bytes32", "bytes32"], [digest, await codeHashAt(provider, t)]),
    );
  }
  const codeDigestOk = digest === (await governor.proposalCodeDigest(id));

  const [againstVotes, forVotes, abstainVotes] = await governor.proposalVotes(id);
  const supermajorityBps = await governor.proposalSupermajority(id);
  const snapshot = await governor.proposalSnapshot(id);
  const now = BigInt((await provider.getBlock("latest"))!.timestamp);
  const quorum = snapshot < now ? await governor.quorum(snapshot) : null;
  const share = forShare(forVotes, againstVotes, supermajorityBps);

  const all = await createdProposals(suite);
  const mine = proposalTerms(p, book);
  const similar: SimilarProposal[] = [];
  for (const other of all.values()) {
    if (other.id === id) continue;
    const s = jaccard(mine, proposalTerms(other, book));
    if (s === 0) continue;
    const st = ProposalState[Number(await governor.state(other.id))];
    const [a, f, ab] = await governor.proposalVotes(other.id);
    const sh = forShare(f, a, await governor.proposalSupermajority(other.id));
    similar.push({
      id: other.id,
      title: other.description.split("\n")[0].trim(),
      state: st,
      similarity: Math.round(s * 1000) / 1000,
      outcome: `${st}: ${sh.percent} for, ${formatTokens(ab)} abstain`,
    });
  }
  similar.sort((a, b) => b.similarity - a.similarity || Number(a.id - b.id));
  const top = similar.slice(0, options.similar ?? 3);

  const pct = (bps: bigint) => `${Number(bps) / 100}%`;
  const lines = [
    `Proposal ${id}: ${title} (${state})`,
    `What it does:`,
    ...actions.map((a, i) => `  ${i + 1}. ${plainChange(a, params, book)}: ${a.summary}`),
    `Treasury: ${treasury.lines.join("; ")}`,
    `Code pins (${codeDigestOk ? "the governor's digest matches: executable" : "CHANGED: the governor will refuse to queue or execute it"}):`,
    ...codePins.map(
      (c) =>
        `  ${c.name ?? c.target}: ${c.unchanged ? "unchanged since the proposal was created" : `changed (${c.pinned} → ${c.current})`}`,
    ),
    `Votes: for ${formatTokens(forVotes)} · against ${formatTokens(againstVotes)} · abstain ${formatTokens(abstainVotes)} → ` +
      `${share.percent} for; needs more than ${pct(supermajorityBps)} (${share.passes ? "above" : "not above"} the line)`,
    quorum === null
      ? `Quorum: set at the snapshot (voting not open yet)`
      : `Quorum: for + abstain ${formatTokens(forVotes + abstainVotes)} of ${formatTokens(quorum)} needed (${forVotes + abstainVotes >= quorum ? "reached" : "not reached"})`,
    top.length ? `Most similar past proposals:` : `No similar past proposal.`,
    ...top.map((s) => `  #${s.id} (similarity ${s.similarity.toFixed(3)}) ${s.title}: ${s.outcome}`),
  ];
  return {
    id,
    title,
    state,
    actions,
    treasury,
    codePins,
    codeDigestOk,
    votes: {
      forVotes,
      againstVotes,
      abstainVotes,
      supermajorityBps,
      quorum,
      forShare: share.percent,
      passesLine: share.passes,
      quorumReached: quorum === null ? null : forVotes + abstainVotes >= quorum,
    },
    similar: top,
    lines,
  };
}
