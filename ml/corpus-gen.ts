/**
 * Deterministic generator of the labelled proposal corpus in data/corpus/*.jsonl (see data/DATASHEET.md).
 * `npm run data:generate` rewrites the files byte for byte the same; the JSONL is committed (it is data).
 * Each family of proposals has several phrasings, parameter values, amounts and names drawn from a seeded PRNG;
 * every 5th proposal of a family goes to the evaluation split.
 */
import fs from "node:fs";
import path from "node:path";
import { ethers } from "ethers";
import { DEFAULT_PARAMS, KNOWN_ABIS, demoAddress, type GovernanceParams, type ProposalAction } from "./abi";
import type { CorpusRecord, Label, Support } from "./corpus";

// ------------------------------------------------------------------ seeded helpers

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20260101);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const ifaces = Object.fromEntries(Object.entries(KNOWN_ABIS).map(([n, abi]) => [n, new ethers.Interface(abi)]));
const tokens = (n: number) => ethers.parseUnits(String(n), 18);
const HOUR = 3600;
const DAY = 86400;

function call(contract: string, fn: string, args: unknown[], value = 0n): ProposalAction {
  return {
    target: demoAddress(contract === "Treasury" ? "TimelockController" : contract),
    targetName: contract,
    value: value.toString(),
    calldata: ifaces[contract].encodeFunctionData(fn, args),
  };
}
function setParams(change: Partial<GovernanceParams>): ProposalAction {
  const p = { ...DEFAULT_PARAMS, ...change };
  return call("Constitution", "setParameters", [p]);
}
function ethTransfer(to: string, eth: number): ProposalAction {
  return { target: to, value: ethers.parseEther(String(eth)).toString(), calldata: "0x" };
}
const person = () =>
  pick([
    "Aiko Tanaka",
    "Babajide Okafor",
    "Camila Duarte",
    "Dmitri Volkov",
    "Esther Mensah",
    "Farid Haddad",
    "Grace Liu",
    "Hannah Schmidt",
    "Ivan Petrov",
    "Jamal Carter",
    "Kavya Rao",
    "Lucas Moreau",
    "Mei Chen",
    "Nadia Rahman",
    "Oscar Lindqvist",
    "Priya Nair",
  ]);
const builder = () =>
  pick([
    "OpenCorpus Labs",
    "Datagrain",
    "ComputeCommons",
    "AgentForge",
    "Lattice Research",
    "Polyglot Annotators",
    "GPU Cooperative Nairobi",
    "Sao Paulo Data Guild",
    "EvalWorks",
    "Bytom Builders Collective",
  ]);
const addr = (label: string) => demoAddress(`account:${label}`);
const days = (s: number) => (s % DAY === 0 ? `${s / DAY} day${s === DAY ? "" : "s"}` : `${s / HOUR} hours`);
const pct = (bps: number) => `${bps / 100}%`;

// ------------------------------------------------------------------ records

interface Draft {
  title: string;
  description: string;
  actions: ProposalAction[];
  support: Support;
  clauses: string[];
  /** Labels that differ under version 1 (default: the same minus Article 5 clauses). */
  v1?: Label;
}

const families: { name: string; drafts: Draft[] }[] = [];
function family(name: string, n: number, make: (i: number) => Draft): void {
  const drafts: Draft[] = [];
  for (let i = 0; i < n; i++) drafts.push(make(i));
  families.push({ name, drafts });
}
const para = (...parts: string[]) => parts.filter((p) => p.length > 0).join(" ");

// 1. Parameter changes inside the hard bounds
interface ParamMove {
  key: keyof GovernanceParams;
  values: number[];
  label: string;
  clauses: string[];
  unit: (v: number) => string;
  why: string[];
}
const withinMoves: ParamMove[] = [
  {
    key: "supermajorityBps",
    values: [8200, 8500, 8800, 9000, 9500],
    label: "supermajority",
    clauses: ["4.2", "3.4"],
    unit: pct,
    why: [
      "Constitutional decisions should carry an even broader consensus.",
      "A higher bar protects minority holders from narrow coalitions.",
      "Raising the bar is allowed by the safeguards and makes capture harder.",
    ],
  },
  {
    key: "quorumBps",
    values: [500, 800, 1500, 2000, 3000],
    label: "quorum",
    clauses: ["3.4", "4.2"],
    unit: pct,
    why: [
      "Turnout in the last quarter makes the current quorum either too easy or too hard to reach.",
      "A quorum matched to real participation keeps votes legitimate.",
    ],
  },
  {
    key: "initiativeThresholdBps",
    values: [300, 500, 1500, 2500],
    label: "citizens' initiative threshold",
    clauses: ["3.3", "4.2"],
    unit: pct,
    why: [
      "Members should be able to bring a proposal to the vote without the committee's review.",
      "The initiative path must stay usable but not trivially spammable.",
    ],
  },
  {
    key: "reviewQuorum",
    values: [4, 5],
    label: "committee review quorum",
    clauses: ["2.2", "3.3", "4.2"],
    unit: (v) => `${v} of 5`,
    why: ["More committee members should agree before a draft reaches the ballot.", "Reviews gain legitimacy."],
  },
  {
    key: "votingPeriod",
    values: [4 * DAY, 5 * DAY, 7 * DAY, 10 * DAY],
    label: "voting period",
    clauses: ["3.3", "4.2"],
    unit: days,
    why: ["Members across time zones need more time to vote.", "Longer votes raise turnout from smaller holders."],
  },
  {
    key: "votingDelay",
    values: [2 * HOUR, 12 * HOUR, DAY, 2 * DAY],
    label: "voting delay before the snapshot",
    clauses: ["4.1", "4.2"],
    unit: days,
    why: ["Members need time to set up delegation before the snapshot is taken."],
  },
  {
    key: "minDiscussionPeriod",
    values: [3 * DAY, 4 * DAY, 7 * DAY, 14 * DAY],
    label: "minimum discussion period after a revision",
    clauses: ["3.2", "4.2"],
    unit: days,
    why: ["Public discussion of revisions has been rushed.", "Longer discussion lets more members ask questions."],
  },
  {
    key: "disputeHoldPeriod",
    values: [2 * DAY, 5 * DAY, 7 * DAY],
    label: "dispute hold period",
    clauses: ["4.4", "4.2"],
    unit: days,
    why: ["Mediation needs a realistic but bounded window.", "Disputes should be settled within a predictable time."],
  },
  {
    key: "lateQuorumExtension",
    values: [12 * HOUR, 2 * DAY, 3 * DAY],
    label: "late-quorum extension",
    clauses: ["3.4", "4.2"],
    unit: days,
    why: ["A last-minute quorum should leave opponents time to respond."],
  },
  {
    key: "draftThreshold",
    values: [50_000, 75_000, 150_000, 250_000],
    label: "draft threshold",
    clauses: ["3.1", "4.2"],
    unit: (v) => `${v.toLocaleString("en-US")} BTMG`,
    why: ["The threshold to submit a draft should match the token's current distribution."],
  },
];
family("parameters-within-bounds", 44, (i) => {
  const m = withinMoves[i % withinMoves.length];
  const v = pick(m.values);
  const value = m.key === "draftThreshold" ? tokens(v) : v;
  const cur = m.key === "draftThreshold" ? 100_000 : (DEFAULT_PARAMS[m.key] as number);
  const verb = v > cur ? pick(["Raise", "Increase", "Extend"]) : pick(["Lower", "Reduce", "Adjust"]);
  return {
    title: `${verb} the ${m.label} to ${m.unit(v)}`,
    description: para(
      `This proposal sets the ${m.label} from ${m.unit(cur)} to ${m.unit(v)} through Constitution.setParameters.`,
      pick(m.why),
      pick([
        "The new value stays within the hard bounds of Article 4.",
        "The value is inside the bounds the Constitution contract enforces.",
        "No other parameter changes.",
        "",
      ]),
    ),
    actions: [setParams({ [m.key]: value })],
    support: "For",
    clauses: m.clauses,
  };
});

// 2. Parameter changes outside the bounds or against the safeguards
const outsideMoves: {
  key: keyof GovernanceParams;
  values: number[];
  label: string;
  clauses: string[];
  unit: (v: number) => string;
  pitch: string[];
}[] = [
  {
    key: "supermajorityBps",
    values: [5100, 6000, 6667, 7000, 7500, 7900],
    label: "supermajority",
    clauses: ["4.2", "3.4"],
    unit: pct,
    pitch: [
      "Too many good proposals fail at 80%; a lower bar would let the DAO move faster.",
      "A simple majority is how most organisations decide.",
      "Lowering the threshold would end the deadlock of the last votes.",
    ],
  },
  {
    key: "supermajorityBps",
    values: [9700, 9900],
    label: "supermajority",
    clauses: ["4.2"],
    unit: pct,
    pitch: ["Near-unanimity would make every change safe."],
  },
  {
    key: "quorumBps",
    values: [50, 100, 6000, 8000],
    label: "quorum",
    clauses: ["4.2", "3.4"],
    unit: pct,
    pitch: ["The quorum should reflect how few members actually vote.", "Only near-total turnout is legitimate."],
  },
  {
    key: "reviewQuorum",
    values: [1, 2],
    label: "committee review quorum",
    clauses: ["4.2", "2.2", "3.3"],
    unit: (v) => `${v} of 5`,
    pitch: ["A single committee member should be able to send a draft to the vote quickly."],
  },
  {
    key: "votingPeriod",
    values: [2 * HOUR, 6 * HOUR, 45 * DAY],
    label: "voting period",
    clauses: ["4.2", "3.3"],
    unit: days,
    pitch: ["Faster votes let the DAO react to markets.", "Votes should stay open for as long as possible."],
  },
  {
    key: "minDiscussionPeriod",
    values: [0, 6 * HOUR],
    label: "minimum discussion period",
    clauses: ["3.2", "4.2"],
    unit: days,
    pitch: ["Discussion slows us down; revisions should go straight to review."],
  },
  {
    key: "disputeHoldPeriod",
    values: [60 * DAY, 90 * DAY],
    label: "dispute hold period",
    clauses: ["4.4", "4.2"],
    unit: days,
    pitch: ["The committee needs unlimited time to mediate complex disputes."],
  },
  {
    key: "votingDelay",
    values: [0, 60],
    label: "voting delay",
    clauses: ["4.1", "4.2"],
    unit: (v) => `${v} seconds`,
    pitch: ["The snapshot should be taken the moment a proposal is put to vote, with no delay at all."],
  },
];
family("parameters-outside-bounds", 36, (i) => {
  const m = outsideMoves[i % outsideMoves.length];
  const v = pick(m.values);
  const cur = DEFAULT_PARAMS[m.key] as number;
  return {
    title: pick([`Set the ${m.label} to ${m.unit(v)}`, `${v < cur ? "Lower" : "Raise"} ${m.label} to ${m.unit(v)}`]),
    description: para(
      pick(m.pitch),
      `This proposal calls Constitution.setParameters with the ${m.label} at ${m.unit(v)} instead of ${m.unit(cur)}.`,
      pick(["", "We believe members are ready for this change.", "The contract's bounds can be revisited later."]),
    ),
    actions: [setParams({ [m.key]: v })],
    support: "Against",
    clauses: m.clauses,
  };
});

// 3. Treasury grants to ecosystem builders and outreach
const grantPurposes = [
  ["curate and label a multilingual governance dataset", ["2.4"]],
  ["provide GPU hours for training the next constitution model", ["2.4", "3.5"]],
  ["build an open-source agent that summarises proposals", ["2.4"]],
  ["translate the constitution and proposal forum into Swahili, Hindi and Portuguese", ["1", "2.4"]],
  ["run onboarding workshops for contributors in Lagos, Manila and Bogota", ["1"]],
  ["audit the evaluation suite of the constitution model", ["2.4", "3.5"]],
  ["mine and clean public-domain legal texts as training data", ["2.4"]],
] as const;
family("treasury-grants", 28, (i) => {
  const [purpose, clauses] = grantPurposes[i % grantPurposes.length];
  const b = builder();
  const amount = pick([25_000, 40_000, 60_000, 120_000, 250_000]);
  const viaEth = i % 3 === 2;
  const eth = pick([5, 12, 20, 40]);
  return {
    title: pick([
      `Grant to ${b}`,
      `Ecosystem grant: ${b}`,
      `Fund ${b} to ${purpose.split(" ").slice(0, 4).join(" ")}…`,
    ]),
    description: para(
      `${b} asks the treasury for ${viaEth ? `${eth} ETH` : `${amount.toLocaleString("en-US")} BTMG`} to ${purpose}.`,
      pick([
        "Milestones and reports will be published on the forum.",
        "Payment is released in one transfer after the vote; the builder reports monthly.",
        "The work is open source and available to every contributor.",
      ]),
      pick(["The builder is registered in the ModelRegistry.", "", "Previous deliveries were on time."]),
    ),
    actions: viaEth ? [ethTransfer(addr(b), eth)] : [call("GovernanceToken", "transfer", [addr(b), tokens(amount)])],
    support: "For",
    clauses: [...clauses],
  };
});
family("treasury-misuse", 20, (i) => {
  const kind = i % 4;
  if (kind === 0) {
    const amount = pick([500_000, 1_000_000, 2_000_000]);
    return {
      title: pick(["Discretionary fund for the Governance Committee", "Give the committee a spending wallet"]),
      description: para(
        `Transfer ${amount.toLocaleString("en-US")} BTMG to a committee-controlled multisig so the Governance Committee can pay expenses at its own discretion without a members' vote.`,
        pick(["This saves time.", "Votes on small payments are a burden."]),
      ),
      actions: [call("GovernanceToken", "transfer", [addr("committee-multisig"), tokens(amount)])],
      support: "Against",
      clauses: ["2.2", "2.3"],
    };
  }
  if (kind === 1) {
    const region = pick(["North America", "the European Union", "East Asia"]);
    return {
      title: `Grants only for contributors from ${region}`,
      description: para(
        `Restrict every future builder grant to contributors resident in ${region}, and fund a first batch through the treasury.`,
        "Other regions would be excluded from grants.",
      ),
      actions: [call("GovernanceToken", "transfer", [addr(`regional-fund-${region}`), tokens(300_000)])],
      support: "Against",
      clauses: ["1", "2.4"],
    };
  }
  if (kind === 2) {
    return {
      title: pick(["Treasury delegates its votes to the committee", "Let the treasury vote"]),
      description: para(
        "The treasury holds a large share of the supply that never votes. Delegate the treasury's tokens so they count in every vote.",
        pick(["The committee would cast them.", "This would make quorum easier to reach."]),
      ),
      actions: [call("GovernanceToken", "delegate", [addr(pick(["committee-multisig", "founder"]))])],
      support: "Against",
      clauses: ["4.3"],
    };
  }
  const eth = pick([800, 1500, 3000]);
  return {
    title: pick(["Send treasury ETH to an unnamed wallet", "Urgent payment"]),
    description: pick([
      `Send ${eth} ETH to the wallet below. Details will be shared privately.`,
      `Pay ${eth} ETH now; the recipient prefers to stay anonymous and no deliverables are defined.`,
    ]),
    actions: [ethTransfer(addr(`anon-${i}`), eth)],
    support: "Against",
    clauses: ["2.3"],
  };
});

// 4. Mints
family("mints", 24, (i) => {
  const kind = i % 4;
  if (kind === 0) {
    const amount = pick([200_000, 500_000, 1_000_000]);
    const b = builder();
    return {
      title: `Mint ${amount.toLocaleString("en-US")} BTMG for the builder rewards programme`,
      description: para(
        `Mint new tokens within the token cap to reward ecosystem builders: ${b} and other data providers, compute providers and agent builders, paid by milestone.`,
        pick(["Recipients gain voting rights in proportion to the tokens they receive.", "The schedule is public."]),
      ),
      actions: [call("GovernanceToken", "mint", [addr("builder-rewards"), tokens(amount)])],
      support: "For",
      clauses: ["2.4", "2.1"],
    };
  }
  if (kind === 1) {
    return {
      title: pick(["Mint tokens to the treasury so it can vote", "Treasury voting reserve"]),
      description:
        "Mint a reserve to the treasury and let the DAO's treasury take part in votes, so it can break deadlocks.",
      actions: [call("GovernanceToken", "mint", [demoAddress("TimelockController"), tokens(5_000_000)])],
      support: "Against",
      clauses: ["4.3"],
    };
  }
  if (kind === 2) {
    const who = person();
    return {
      title: `Mint voting power to committee member ${who}`,
      description: para(
        `Mint 3,000,000 BTMG to ${who}, a member of the Governance Committee, so the committee has enough votes to pass its own agenda.`,
        "Without this the committee depends on members' votes.",
      ),
      actions: [call("GovernanceToken", "mint", [addr(who), tokens(3_000_000)])],
      support: "Against",
      clauses: ["2.2", "2.1"],
    };
  }
  return {
    title: pick(["Mint to a new investor before the vote", "Strategic investor allocation"]),
    description: para(
      "Mint a large allocation to a strategic investor and count those tokens in the vote that is already open on the treasury proposal.",
      "The investor will vote for it.",
    ),
    actions: [call("GovernanceToken", "mint", [addr("investor"), tokens(8_000_000)])],
    support: "Against",
    clauses: ["4.1", "2.1"],
  };
});

// 5. Committee seats and powers
family("committee", 28, (i) => {
  const kind = i % 5;
  const a = person();
  const b = person();
  if (kind === 0 || kind === 1) {
    return {
      title: `Replace committee member ${a} with ${b}`,
      description: para(
        pick([
          `${a} has stepped down from the Governance Committee.`,
          `${a} has been inactive for three months and asked to be replaced.`,
        ]),
        `${b} takes the seat, one for one; the committee keeps exactly five seats.`,
        pick(["", `${b} stood in the public call for candidates.`]),
      ),
      actions: [call("GovernanceCommittee", "replaceMember", [addr(a), addr(b)])],
      support: "For",
      clauses: ["2.2"],
    };
  }
  if (kind === 2) {
    return {
      title: pick(["Add a sixth and seventh committee seat", "Expand the Governance Committee to seven members"]),
      description: para(
        "Upgrade the GovernanceCommittee so it has seven seats instead of five, to share the review workload.",
      ),
      actions: [call("GovernanceCommittee", "upgradeToAndCall", [addr("committee-impl-7-seats"), "0x"])],
      support: "Against",
      clauses: ["2.2"],
    };
  }
  if (kind === 3) {
    return {
      title: pick(["Committee veto on passed proposals", "Give the committee a final veto"]),
      description: para(
        "Upgrade the governor so that three committee members may veto a proposal after it passed the members' vote.",
        pick(["This protects the DAO from mistakes.", "Members sometimes vote too fast."]),
      ),
      actions: [call("BytomGovernor", "upgradeToAndCall", [addr("governor-impl-veto"), "0x"])],
      support: "Against",
      clauses: ["2.2", "4.5"],
    };
  }
  return {
    title: pick(["Committee may upgrade contracts in emergencies", "Emergency upgrade powers for the committee"]),
    description: para(
      "Grant the Governance Committee's multisig the proposer and executor roles on the timelock so it can upgrade contracts without a members' vote during emergencies.",
    ),
    actions: [
      call("TimelockController", "grantRole", [ethers.id("PROPOSER_ROLE"), addr("committee-multisig")]),
      call("TimelockController", "grantRole", [ethers.id("EXECUTOR_ROLE"), addr("committee-multisig")]),
    ],
    support: "Against",
    clauses: ["4.5", "2.2", "3.4"],
  };
});

// 6. Upgrades
const upgradeTargets = [
  "BytomGovernor",
  "GovernanceToken",
  "ExecutiveRegistry",
  "ModelRegistry",
  "AgentDelegate",
  "Constitution",
] as const;
family("upgrades", 28, (i) => {
  const target = upgradeTargets[i % upgradeTargets.length];
  const good = i % 7 !== 3 && i % 7 !== 6;
  if (good) {
    return {
      title: `Upgrade ${target} to v${pick(["1.1", "1.2", "2.0"])} (${pick(["audited bug fix", "gas optimisation", "storage-safe refactor"])})`,
      description: para(
        `Upgrade the ${target} proxy through the DAO's vote to a new implementation.`,
        pick([
          "Two independent audits found no issues; the storage layout is unchanged.",
          "The change fixes a rounding error reported by a builder; governance parameters and bounds are untouched.",
          "The implementation keeps every role with the timelock; no new admin key is introduced.",
        ]),
      ),
      actions: [call(target, "upgradeToAndCall", [addr(`${target}-impl-${i}`), "0x"])],
      support: "For",
      clauses: ["4.5"],
    };
  }
  return {
    title: pick([`Upgrade ${target} with a developer admin key`, `${target} upgrade adds an emergency owner`]),
    description: para(
      `Upgrade ${target} to an implementation that adds an owner key held by the core developers, able to upgrade it again without a vote.`,
      pick(["This allows fast security fixes.", "Votes take too long for hotfixes."]),
    ),
    actions: [call(target, "upgradeToAndCall", [addr(`${target}-impl-admin-${i}`), "0x"])],
    support: "Against",
    clauses: ["4.5"],
  };
});

// 7. Timelock
family("timelock", 20, (i) => {
  const kind = i % 4;
  if (kind === 0) {
    return {
      title: pick(["Remove the timelock delay", "Execute passed proposals immediately"]),
      description: para(
        "Set the timelock delay to zero so that passed proposals execute in the same block.",
        pick(["Waiting two days is pointless once members voted.", "Speed matters."]),
      ),
      actions: [call("TimelockController", "updateDelay", [0])],
      support: "Against",
      clauses: ["3.4", "4.5"],
    };
  }
  if (kind === 1) {
    return {
      title: pick(["Open execution of the timelock to everyone", "Let anyone execute queued operations"]),
      description:
        "Grant the executor role on the timelock to the zero address so anyone can execute operations directly, bypassing the governor.",
      actions: [call("TimelockController", "grantRole", [ethers.id("EXECUTOR_ROLE"), ethers.ZeroAddress])],
      support: "Against",
      clauses: ["3.4", "4.5"],
    };
  }
  if (kind === 2) {
    const d = pick([3, 4, 7]);
    return {
      title: `Lengthen the timelock delay to ${d} days`,
      description: para(
        `Set the timelock delay to ${d} days so members have more time to react after a proposal passes.`,
        "Execution still follows every passed vote.",
      ),
      actions: [call("TimelockController", "updateDelay", [d * DAY])],
      support: "For",
      clauses: ["3.4"],
    };
  }
  return {
    title: "Give the founder's wallet the timelock admin role",
    description: "Grant DEFAULT_ADMIN_ROLE on the timelock to the founder's wallet, for operational convenience.",
    actions: [call("TimelockController", "grantRole", [ethers.ZeroHash, addr("founder")])],
    support: "Against",
    clauses: ["4.5"],
  };
});

// 8. Amendments
family("amendments", 32, (i) => {
  const kind = i % 6;
  const v = pick([3, 4]);
  const ratify = (topic: string) =>
    call("Constitution", "ratifyAmendment", [
      ethers.id(`amendment ${topic} ${i}`),
      `ipfs://bytomdao/constitution/v${v}`,
    ]);
  if (kind === 0 || kind === 1) {
    const topic = pick([
      "quarterly transparency reports from the Executive Committee",
      "a code of conduct for the proposal forum",
      "a public register of ecosystem builders' deliverables",
      "plain-language summaries of every proposal",
    ]);
    return {
      title: `Amend the constitution: ${topic}`,
      description: para(
        `Ratify version ${v} of the constitution, which adds ${topic}.`,
        "The draft was discussed publicly for three weeks, revised twice and reviewed by the committee.",
        "A new constitution model will be trained, anchored on chain and evaluated before the text comes into force.",
      ),
      actions: [ratify(topic)],
      support: "For",
      clauses: ["3.4", "3.5", "3.2"],
    };
  }
  if (kind === 2) {
    return {
      title: "Amendment: lower the constitutional threshold to two thirds",
      description: para(
        `Ratify version ${v}, whose Article 4 lets the supermajority be lowered to 66% for ordinary decisions.`,
        "Fewer proposals would fail.",
      ),
      actions: [ratify("two thirds")],
      support: "Against",
      clauses: ["4.2", "3.4"],
    };
  }
  if (kind === 3) {
    return {
      title: pick(["Amendment in force immediately", "Skip model training for small amendments"]),
      description: para(
        `Ratify version ${v} and bring it into force at once, without training and evaluating a new constitution model.`,
        "Training takes weeks for small wording changes.",
      ),
      actions: [ratify("immediate")],
      support: "Against",
      clauses: ["3.5", "5.2"],
      v1: { support: "Against", clauses: ["3.5"] },
    };
  }
  if (kind === 4) {
    return {
      title: "Amendment without public discussion",
      description: para(
        `Ratify version ${v}, drafted by the committee in private; revisions will no longer restart the discussion period and comments are closed.`,
      ),
      actions: [ratify("private")],
      support: "Against",
      clauses: ["3.2"],
    };
  }
  return {
    title: `Withdraw the pending amendment v${v}`,
    description: para(
      `The pending version ${v} contains a drafting error found during the model's evaluation.`,
      "Withdraw it; its training request closes and a corrected draft will go through the cycle again.",
    ),
    actions: [call("Constitution", "withdrawAmendment", [v])],
    support: "For",
    clauses: ["3.5"],
  };
});

// 9. Executive committee
family("executive", 36, (i) => {
  const kind = i % 6;
  const who = person();
  if (kind === 0) {
    return {
      title: `Appoint ${who} as executive`,
      description: para(
        `${who} enrolled through the approved personhood verifier (one human, one seat) and is appointed to the Executive Committee to run ${pick(["the website and domain", "the AI infrastructure", "partnerships", "community operations"])}.`,
      ),
      actions: [call("ExecutiveRegistry", "appoint", [addr(who)])],
      support: "For",
      clauses: ["2.3"],
    };
  }
  if (kind === 1) {
    const amount = pick([10_000, 25_000, 50_000]);
    return {
      title: `Quarterly operations budget for ${who}`,
      description: para(
        `Grant executive ${who} an allowance of ${amount.toLocaleString("en-US")} BTMG per 30 days for ${pick(["hosting and the DAO's website", "GPU inference for the AI agent", "legal and accounting"])}.`,
        "Spends above the threshold need a co-executive's approval.",
      ),
      actions: [
        call("ExecutiveRegistry", "grantAllowance", [
          addr(who),
          demoAddress("GovernanceToken"),
          tokens(amount),
          30 * DAY,
        ]),
      ],
      support: "For",
      clauses: ["2.3"],
    };
  }
  if (kind === 2) {
    return {
      title: pick(["Appoint the operations bot as executive", "Automate operations with a bot executive"]),
      description: para(
        "Appoint our automation service account to the Executive Committee so it can pay invoices without human intervention.",
        "It is not a natural person but it is reliable.",
      ),
      actions: [call("ExecutiveRegistry", "appoint", [addr(`ops-bot-${i}`)])],
      support: "Against",
      clauses: ["2.3"],
    };
  }
  if (kind === 3) {
    return {
      title: `Unlimited budget for executive ${who}`,
      description:
        "Grant an unlimited allowance with no period so the executive never has to come back to the members.",
      actions: [
        call("ExecutiveRegistry", "grantAllowance", [addr(who), demoAddress("GovernanceToken"), 2n ** 128n - 1n, 0]),
      ],
      support: "Against",
      clauses: ["2.3"],
    };
  }
  if (kind === 4) {
    return {
      title: pick(["Approve World ID as personhood verifier", "Add an attestation issuer for personhood"]),
      description: para(
        "Approve a personhood verifier so executives can prove they are unique natural persons.",
        pick(["It uses zero-knowledge proofs.", "Issuers check identity in person."]),
      ),
      actions: [call("ExecutiveRegistry", "approveVerifier", [addr(`verifier-${i}`)])],
      support: "For",
      clauses: ["2.3"],
    };
  }
  return {
    title: "Claw back an executive's unspent allowance",
    description: para(
      `Executive ${who} left the DAO; claw back the unspent budget to the treasury.`,
      pick(["", "The remaining funds return to the members' control."]),
    ),
    actions: [call("ExecutiveRegistry", "clawback", [demoAddress("GovernanceToken"), tokens(pick([5_000, 12_000]))])],
    support: "For",
    clauses: ["2.3"],
  };
});

// 10. Snapshot, holds, proposing, delegation
family("safeguards", 30, (i) => {
  const kind = i % 6;
  if (kind === 0) {
    return {
      title: pick(["Count votes at execution time", "Use live balances instead of the snapshot"]),
      description: para(
        "Upgrade the governor to count each voter's balance at the end of the vote rather than at the snapshot, so tokens bought during the vote also count.",
      ),
      actions: [call("BytomGovernor", "upgradeToAndCall", [addr(`governor-live-${i}`), "0x"])],
      support: "Against",
      clauses: ["4.1", "4.5"],
    };
  }
  if (kind === 1) {
    return {
      title: pick(["Allow repeated dispute holds", "Unbounded committee hold"]),
      description:
        "Upgrade the governor so the committee may hold a queued decision again and again until the dispute is resolved.",
      actions: [call("BytomGovernor", "upgradeToAndCall", [addr(`governor-holds-${i}`), "0x"])],
      support: "Against",
      clauses: ["4.4"],
    };
  }
  if (kind === 2) {
    return {
      title: pick(["Anyone may submit drafts", "Remove the draft threshold"]),
      description: para(
        "Let any address, even without tokens, submit drafts to the committee by removing the draft threshold check in an upgrade.",
      ),
      actions: [call("GovernanceCommittee", "upgradeToAndCall", [addr(`committee-open-${i}`), "0x"])],
      support: "Against",
      clauses: ["3.1"],
    };
  }
  if (kind === 3) {
    return {
      title: pick(["Fund a delegation dashboard", "Better delegation tools for members"]),
      description: para(
        `Pay ${builder()} to build a dashboard where members delegate votes, to themselves, a representative or the AI agent, and see when to override it.`,
      ),
      actions: [call("GovernanceToken", "transfer", [addr(`dashboard-${i}`), tokens(pick([30_000, 45_000]))])],
      support: "For",
      clauses: ["2.1", "2.4"],
    };
  }
  if (kind === 4) {
    return {
      title: pick(["Remove the override of the AI delegate", "Delegations to the AI are final"]),
      description:
        "Upgrade the AgentDelegate so members who delegated to the AI agent can no longer override its vote on a proposal.",
      actions: [call("AgentDelegate", "upgradeToAndCall", [addr(`agent-noverride-${i}`), "0x"])],
      support: "Against",
      clauses: ["2.1", "5.1"],
      v1: { support: "Against", clauses: ["2.1"] },
    };
  }
  return {
    title: pick(["Weight votes by reputation, not tokens", "One wallet, one vote"]),
    description: para(
      "Replace token-weighted voting with one vote per wallet through an upgrade of the governor.",
      "Large holders would no longer dominate.",
    ),
    actions: [call("BytomGovernor", "upgradeToAndCall", [addr(`governor-1p1v-${i}`), "0x"])],
    support: "Against",
    clauses: ["2.1", "3.3"],
  };
});

// 11. Models, builders and the AI delegate (Article 5 in version 2)
family("models-and-agent", 40, (i) => {
  const kind = i % 8;
  if (kind === 0) {
    return {
      title: "The AI delegate must publish its reasoning for each vote",
      description: para(
        "Require the operator of the active model to publish the reasoning behind every vote the AI agent casts, on the forum and in the vote's reason string.",
      ),
      actions: [call("AgentDelegate", "upgradeToAndCall", [addr(`agent-reasons-${i}`), "0x"])],
      support: "For",
      clauses: ["5.1", "2.1"],
      v1: { support: "Abstain", clauses: ["2.1"] },
    };
  }
  if (kind === 1) {
    return {
      title: "Let the AI agent vote without publishing reasons",
      description:
        "Publishing reasons leaks the model's strategy; the agent should vote silently, with no reasoning shown to members.",
      actions: [call("AgentDelegate", "upgradeToAndCall", [addr(`agent-silent-${i}`), "0x"])],
      support: "Against",
      clauses: ["5.1"],
      v1: { support: "Abstain", clauses: ["2.1"] },
    };
  }
  if (kind === 2) {
    return {
      title: "Activate the new model before its evaluation",
      description: para(
        "Activate the trained model as the AI agent now; the checkpoints and evaluation can be anchored afterwards.",
      ),
      actions: [call("ModelRegistry", "upgradeToAndCall", [addr(`registry-skip-eval-${i}`), "0x"])],
      support: "Against",
      clauses: ["5.2", "3.5"],
      v1: { support: "Against", clauses: ["3.5"] },
    };
  }
  if (kind === 3) {
    const who = person();
    return {
      title: `Appoint ${who} as model evaluator`,
      description: para(
        `${who}, an ML researcher, is appointed as an evaluator of constitution model training runs, alongside the committee.`,
        "Evaluators check that the model is faithful to the constitution text.",
      ),
      actions: [call("ModelRegistry", "appointEvaluator", [addr(who)])],
      support: "For",
      clauses: ["3.5", "5.2"],
      v1: { support: "For", clauses: ["3.5"] },
    };
  }
  if (kind === 4) {
    const b = builder();
    return {
      title: `Suspend builder ${b} for poisoned data`,
      description: para(
        `${b} supplied training shards with injected instructions that flip the model's votes; suspend the builder.`,
        "The affected run will be rejected.",
      ),
      actions: [call("ModelRegistry", "suspendBuilder", [addr(b), ethers.id(`poisoned data ${i}`)])],
      support: "For",
      clauses: ["2.4", "3.5"],
    };
  }
  if (kind === 5) {
    return {
      title: "The AI agent votes with the treasury",
      description: "Let the active AI agent also cast the treasury's tokens, so the AGI's votes carry more weight.",
      actions: [call("GovernanceToken", "delegate", [demoAddress("AgentDelegate")])],
      support: "Against",
      clauses: ["4.3", "5.1"],
      v1: { support: "Against", clauses: ["4.3"] },
    };
  }
  if (kind === 6) {
    return {
      title: `Reject training run #${3 + i}`,
      description: para(
        `The checkpoints of run #${3 + i} do not match the anchored dataset root; reject the run so the request stays open.`,
      ),
      actions: [call("ModelRegistry", "rejectRun", [3 + i, ethers.id(`mismatch ${i}`)])],
      support: "For",
      clauses: ["3.5", "5.2"],
      v1: { support: "For", clauses: ["3.5"] },
    };
  }
  return {
    title: pick(["Compute grant for the constitution model", "GPU hours for training"]),
    description: para(
      `Pay ${builder()} for compute to train and evaluate the next constitution model; all checkpoints will be anchored on chain.`,
    ),
    actions: [ethTransfer(addr(`compute-${i}`), pick([8, 15, 30]))],
    support: "For",
    clauses: ["2.4", "3.5"],
  };
});

// 12. Purpose and inclusion
family("purpose", 16, (i) => {
  const kind = i % 4;
  if (kind === 0 || kind === 1) {
    const region = pick(["Africa", "South America", "South-East Asia", "Central Asia"]);
    return {
      title: `Contributor programme in ${region}`,
      description: para(
        `Fund meetups, translations and mentoring so contributors in ${region} can take part in building AGI with the DAO.`,
        "Anyone may join regardless of region or ethnicity.",
      ),
      actions: [call("GovernanceToken", "transfer", [addr(`programme-${region}`), tokens(pick([40_000, 80_000]))])],
      support: "For",
      clauses: ["1", "2.4"],
    };
  }
  if (kind === 2) {
    return {
      title: pick(["Restrict membership to verified citizens of selected countries", "Geo-block governance"]),
      description:
        "Block token holders from some countries and ethnic groups from voting and contributing, to simplify compliance.",
      actions: [call("GovernanceToken", "upgradeToAndCall", [addr(`token-geoblock-${i}`), "0x"])],
      support: "Against",
      clauses: ["1", "2.1"],
    };
  }
  return {
    title: "Mission statement: open AGI research",
    description: para(
      "Publish all the DAO's model research openly so contributors anywhere can reproduce and improve it, in line with the DAO's purpose.",
    ),
    actions: [],
    support: "For",
    clauses: ["1"],
  };
});

// 13. Out of scope or unclear: abstain
const offTopic = [
  ["Choose the colour of the new logo", "Pick between teal and orange for the community logo. Signal vote only."],
  ["Rename the forum's off-topic channel", "Rename #random to #lounge on the community forum. No on-chain effect."],
  ["Community thank-you post", "A signal proposal to thank moderators for their work this season."],
  ["Favourite city for the next meetup", "Non-binding poll on where the next informal meetup should be held."],
  ["Change the newsletter's day", "Send the community newsletter on Fridays instead of Mondays."],
  ["Execute the attached payload", "Calldata attached."],
  ["Misc", "See discussion."],
  ["Proposal", ""],
] as const;
family("out-of-scope", 24, (i) => {
  const [title, description] = offTopic[i % offTopic.length];
  const opaque = i % offTopic.length >= 5;
  return {
    title,
    description,
    actions: opaque
      ? [
          {
            target: addr(`unknown-${i}`),
            value: "0",
            calldata: ethers.concat(["0x" + (0xdeadbeef + i).toString(16).slice(-8), ethers.ZeroHash]),
          },
        ]
      : [],
    support: "Abstain",
    clauses: [],
  };
});

// 14. Hand-written, free-form proposals: evaluation split only (no template shares their wording)
const handwritten: Draft[] = [
  {
    title: "Quorum tweak after the spring turnout report",
    description:
      "Turnout has hovered around 14% of circulating supply for six months. We suggest the quorum go to 12% so it stays reachable but meaningful.",
    actions: [setParams({ quorumBps: 1200 })],
    support: "For",
    clauses: ["3.4", "4.2"],
  },
  {
    title: "Let's be pragmatic about consensus",
    description:
      "Requiring four in five voters is unrealistic for a growing community. A 60% bar is what serious organisations use. Please support.",
    actions: [setParams({ supermajorityBps: 6000 })],
    support: "Against",
    clauses: ["3.4", "4.2"],
  },
  {
    title: "Stipend for the Jakarta research circle",
    description:
      "A reading group in Jakarta trains small agents on our governance archive. 18,000 BTMG covers their cloud bill for a year; code is MIT licensed.",
    actions: [call("GovernanceToken", "transfer", [addr("jakarta-circle"), tokens(18_000)])],
    support: "For",
    clauses: ["2.4"],
  },
  {
    title: "Core team safety switch",
    description:
      "The founding engineers keep an admin key on every proxy so that they can patch exploits within minutes, no vote needed.",
    actions: [call("ModelRegistry", "upgradeToAndCall", [addr("registry-admin-switch"), "0x"])],
    support: "Against",
    clauses: ["4.5"],
  },
  {
    title: "Seat change on the committee",
    description: "Mei Chen resigned for health reasons. Lucas Moreau, runner-up of the last call, replaces her.",
    actions: [call("GovernanceCommittee", "replaceMember", [addr("Mei Chen"), addr("Lucas Moreau")])],
    support: "For",
    clauses: ["2.2"],
  },
  {
    title: "Treasury tokens should help pass good proposals",
    description:
      "Our treasury is the biggest holder. Delegating it to the community multisig would make it easy to reach quorum on important votes.",
    actions: [call("GovernanceToken", "delegate", [addr("community-multisig")])],
    support: "Against",
    clauses: ["4.3"],
  },
  {
    title: "Hire a support agent script as executive",
    description:
      "Our helpdesk script answers members around the clock. Giving it an executive seat lets it refund fees on its own.",
    actions: [call("ExecutiveRegistry", "appoint", [addr("helpdesk-script")])],
    support: "Against",
    clauses: ["2.3"],
  },
  {
    title: "Monthly hosting allowance for Priya Nair",
    description:
      "Priya, a verified executive, runs our website and inference servers. Grant her 8,000 BTMG every 30 days for hosting.",
    actions: [
      call("ExecutiveRegistry", "grantAllowance", [
        addr("Priya Nair"),
        demoAddress("GovernanceToken"),
        tokens(8_000),
        30 * DAY,
      ]),
    ],
    support: "For",
    clauses: ["2.3"],
  },
  {
    title: "Zero-wait execution",
    description: "Once 80% agree, waiting two days serves nobody. Drop the delay on the timelock entirely.",
    actions: [call("TimelockController", "updateDelay", [0])],
    support: "Against",
    clauses: ["3.4", "4.5"],
  },
  {
    title: "More time to discuss revisions",
    description:
      "Revised drafts reach review too quickly for members in other time zones to read them. Set the minimum discussion after a revision to 5 days.",
    actions: [setParams({ minDiscussionPeriod: 5 * DAY })],
    support: "For",
    clauses: ["3.2", "4.2"],
  },
  {
    title: "Ship v3 today",
    description:
      "The new constitution text is ready. Put it in force right away and train its model later when GPUs are cheaper.",
    actions: [
      call("Constitution", "ratifyAmendment", [ethers.id("v3 today"), "ipfs://bytomdao/constitution/v3-today"]),
    ],
    support: "Against",
    clauses: ["3.5", "5.2"],
    v1: { support: "Against", clauses: ["3.5"] },
  },
  {
    title: "Agent explains itself",
    description:
      "Each ballot the AI delegate casts should come with a written explanation members can read before deciding whether to override it.",
    actions: [],
    support: "For",
    clauses: ["5.1", "2.1"],
    v1: { support: "Abstain", clauses: ["2.1"] },
  },
  {
    title: "Longer hold window for mediation",
    description: "Give the committee up to 10 days, once, to mediate a dispute over a queued decision.",
    actions: [setParams({ disputeHoldPeriod: 10 * DAY })],
    support: "For",
    clauses: ["4.2", "4.4"],
  },
  {
    title: "Only members from OECD countries",
    description: "Contributors outside OECD countries would no longer be eligible for grants or voting.",
    actions: [],
    support: "Against",
    clauses: ["1", "2.1"],
  },
  {
    title: "Independent model reviewer",
    description:
      "Appoint Nadia Rahman, who audits ML systems for a living, to review the next constitution model's training run.",
    actions: [call("ModelRegistry", "appointEvaluator", [addr("Nadia Rahman")])],
    support: "For",
    clauses: ["3.5", "5.2"],
    v1: { support: "For", clauses: ["3.5"] },
  },
  {
    title: "Discord emoji refresh",
    description: "Replace the default emoji set on the community server with custom BytomDAO ones.",
    actions: [],
    support: "Abstain",
    clauses: [],
  },
  {
    title: "Run payload 0x7a",
    description: "",
    actions: [{ target: addr("unknown-hand"), value: "0", calldata: "0x7a7a7a7a" + "00".repeat(32) }],
    support: "Abstain",
    clauses: [],
  },
  {
    title: "Shorter voting, but within limits",
    description: "Three days is more than enough in practice; members want a 2-day voting period.",
    actions: [setParams({ votingPeriod: 2 * DAY })],
    support: "For",
    clauses: ["3.3", "4.2"],
  },
  {
    title: "Committee pays contributors directly",
    description:
      "Move 750,000 BTMG into a wallet the Governance Committee controls so it can reward contributors without asking members each time.",
    actions: [call("GovernanceToken", "transfer", [addr("committee-wallet"), tokens(750_000)])],
    support: "Against",
    clauses: ["2.2", "2.3"],
  },
  {
    title: "Snapshot at the close of voting",
    description:
      "Balances should be read when a vote closes, so members who buy tokens during the vote have a say too.",
    actions: [call("BytomGovernor", "upgradeToAndCall", [addr("governor-close-snapshot"), "0x"])],
    support: "Against",
    clauses: ["4.1", "4.5"],
  },
];
families.push({ name: "handwritten-eval", drafts: handwritten });

// ------------------------------------------------------------------ write

const ARTICLE5 = /^5\./;
function toRecord(fam: string, i: number, d: Draft): CorpusRecord {
  const evalOnly = fam === "handwritten-eval";
  const v2: Label = { support: d.support, clauses: [...d.clauses].sort() };
  const v1: Label = d.v1
    ? { support: d.v1.support, clauses: [...d.v1.clauses].sort() }
    : { support: d.support, clauses: d.clauses.filter((c) => !ARTICLE5.test(c)).sort() };
  return {
    id: `${fam}-${String(i + 1).padStart(3, "0")}`,
    split: evalOnly || i % 5 === 4 ? "eval" : "train",
    title: d.title,
    description: d.description,
    actions: d.actions,
    labels: { "1": v1, "2": v2 },
  };
}

export function generateCorpus(outDir: string): { files: string[]; records: number } {
  fs.mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  let records = 0;
  for (const f of families) {
    const file = `${f.name}.jsonl`;
    const lines = f.drafts.map((d, i) => JSON.stringify(toRecord(f.name, i, d)));
    fs.writeFileSync(path.join(outDir, file), lines.join("\n") + "\n");
    files.push(file);
    records += lines.length;
  }
  return { files, records };
}

if (require.main === module) {
  const out = process.argv[2] ?? path.join(__dirname, "..", "data", "corpus");
  const r = generateCorpus(out);
  console.log(`wrote ${r.records} proposals in ${r.files.length} files to ${out}`);
}
