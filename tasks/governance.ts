/**
 * Governance tasks: one per stage of the constitutional agenda, thin CLI shells over sdk/governance.ts.
 * One convention: `--from <index|address>` (keys from the environment on real networks), human units.
 *
 *   npx hardhat gov:delegate --to self|ai|0x.. [--from 6]
 *   npx hardhat gov:encode ratify --file constitution/v2.md --uri ipfs://… --out a.json
 *   npx hardhat gov:draft --actions a.json[,b.json] --description "…" [--from 6]
 *   npx hardhat gov:comment --draft 1 --text "…" --uri https://forum/… ; gov:revise ; gov:withdraw ; gov:back
 *   npx hardhat gov:approve --draft 1 --from 1 ; gov:propose --draft 1
 *   npx hardhat gov:approve --draft 1 --sign --out c1.json --from 1   (no transaction; one file per member)
 *   npx hardhat gov:propose --draft 1 --approvals c1.json,c2.json,c3.json   (approvals + propose, one transaction)
 *   npx hardhat gov:vote --proposal 1 --support for [--ai] ; gov:override ; gov:queue ; gov:execute ; gov:hold
 *   npx hardhat gov:ballot --proposal 1 --support for [--override] [--expiry 3d] --out alice.json [--from 6]
 *   npx hardhat gov:relay --proposal 1 --ballots alice.json,bob.json   (one transaction for every ballot)
 *   npx hardhat gov:status --draft 1 | --proposal 1
 *   npx hardhat dev:advance --time 3d      (local nodes only)
 *
 * Libraries are imported inside each action: the config loads this file before typechain exists.
 */
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

const cli = () => import("./cli/shared");
const gov = () => import("../sdk/governance");

interface ActionArgs {
  actions?: string;
  target?: string;
  calldata?: string;
  value?: string;
}

/** The proposal actions from --actions files (gov:encode output) or one --target/--calldata/--value. */
async function actionsOf(args: ActionArgs) {
  const encode = await import("../sdk/encode");
  if (args.actions) {
    if (args.target || args.calldata) throw new Error("pass either --actions <files> or --target/--calldata, not both");
    return encode.readActionFiles(args.actions.split(",").map((f) => f.trim()));
  }
  if (!args.target || !args.calldata) {
    throw new Error("pass --actions <file[,file]> (written by gov:encode) or --target <address> --calldata <0x…>");
  }
  const { ethers } = await import("ethers");
  return [encode.call(args.target, args.calldata, ethers.parseEther(args.value ?? "0"))];
}

async function descriptionOf(args: { description?: string; descriptionFile?: string }): Promise<string> {
  if (args.descriptionFile) return (await import("node:fs")).readFileSync(args.descriptionFile, "utf8");
  if (!args.description) throw new Error("pass --description <text> or --description-file <file>");
  return args.description;
}

function withActionParams(t: ReturnType<typeof task>) {
  return t
    .addOptionalParam("actions", "Comma-separated action files written by gov:encode")
    .addOptionalParam("target", "Contract the action calls (instead of --actions)")
    .addOptionalParam("calldata", "ABI-encoded call, 0x… (instead of --actions)")
    .addOptionalParam("value", "ETH sent with a --target call", "0")
    .addOptionalParam("description", "Proposal description (text or URI)")
    .addOptionalParam("descriptionFile", "Read the description from this file");
}

/** The deployment's BallotRelay, connected to the node. */
async function relayOf(hre: HardhatRuntimeEnvironment) {
  const { deploymentOf } = await cli();
  const { BallotRelay__factory } = await import("../typechain-types");
  const record = await deploymentOf(hre);
  const address = record.contracts.BallotRelay;
  if (!address) {
    const { redeployHint } = await import("../sdk/deployments");
    throw new Error(
      `deployments/${hre.network.name}.json has no BallotRelay: redeploy: ${redeployHint(hre.network.name)}`,
    );
  }
  return BallotRelay__factory.connect(address, hre.ethers.provider);
}

const FROM = "Account: index or address (real networks: key from DEPLOYER_PRIVATE_KEY or a keystore)";

withActionParams(task("gov:draft", "Submits a draft (needs the draft threshold of voting power)"))
  .addOptionalParam("from", FROM)
  .setAction(async (args: ActionArgs & { description?: string; descriptionFile?: string; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { submitDraft } = await gov();
      const { toProposal } = await import("../sdk/encode");
      const { formatDate } = await import("../sdk/units");
      const actions = await actionsOf(args);
      const { signer, committee } = await suiteOf(hre, args.from);
      const id = await submitDraft(committee, signer, toProposal(actions, await descriptionOf(args)));
      for (const a of actions) console.log(`  action: ${a.summary || `${a.target} ${a.calldata.slice(0, 10)}`}`);
      console.log(`Draft #${id} submitted. Discussion ends ${formatDate(await committee.discussionEndsAt(id))}.`);
      return id;
    });
  });

withActionParams(task("gov:revise", "Revises your draft (restarts the discussion clock, voids approvals)"))
  .addParam("draft", "Draft id", undefined, types.bigint)
  .addOptionalParam("note", "What changed", "")
  .addOptionalParam("from", FROM)
  .setAction(
    async (
      args: ActionArgs & { draft: bigint; note: string; description?: string; descriptionFile?: string; from?: string },
      hre,
    ) => {
      const { explained, suiteOf } = await cli();
      return explained(hre, async () => {
        const { reviseDraft } = await gov();
        const { toProposal } = await import("../sdk/encode");
        const { formatDate } = await import("../sdk/units");
        const { signer, committee } = await suiteOf(hre, args.from);
        const p = toProposal(await actionsOf(args), await descriptionOf(args));
        const revision = await reviseDraft(committee, signer, args.draft, p, args.note);
        console.log(
          `Draft #${args.draft} revised to revision ${revision}. Discussion ends ` +
            `${formatDate(await committee.discussionEndsAt(args.draft))}; earlier approvals no longer count.`,
        );
        return revision;
      });
    },
  );

task("gov:comment", "Comments on a draft (anyone): the comment's text is hashed, its URI recorded")
  .addParam("draft", "Draft id", undefined, types.bigint)
  .addParam("text", "The comment (or a 0x 32-byte hash of it)")
  .addOptionalParam("uri", "Where the full comment lives", "")
  .addOptionalParam("from", FROM)
  .setAction(async (args: { draft: bigint; text: string; uri: string; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { commentDraft } = await gov();
      const { signer, committee } = await suiteOf(hre, args.from);
      await commentDraft(committee, signer, args.draft, args.text, args.uri);
      console.log(`Commented on draft #${args.draft} as ${await signer.getAddress()}.`);
    });
  });

task("gov:withdraw", "Withdraws your draft")
  .addParam("draft", "Draft id", undefined, types.bigint)
  .addOptionalParam("from", FROM)
  .setAction(async (args: { draft: bigint; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { withdrawDraft } = await gov();
      const { signer, committee } = await suiteOf(hre, args.from);
      await withdrawDraft(committee, signer, args.draft);
      console.log(`Draft #${args.draft} withdrawn.`);
    });
  });

task("gov:back", "Backs a draft's current revision as a citizens' initiative (any holder)")
  .addParam("draft", "Draft id", undefined, types.bigint)
  .addOptionalParam("from", FROM)
  .setAction(async (args: { draft: bigint; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { backDraft } = await gov();
      const { formatTokens } = await import("../sdk/units");
      const { signer, committee } = await suiteOf(hre, args.from);
      const total = await backDraft(committee, signer, args.draft);
      console.log(
        `Backed. Initiative support ${formatTokens(total)} of ${formatTokens(await committee.initiativeThreshold(args.draft))} needed.`,
      );
    });
  });

task("gov:approve", "Approves a draft's current revision (committee members); --sign: sign it into a file instead")
  .addParam("draft", "Draft id", undefined, types.bigint)
  .addFlag("sign", "Sign the approval (no transaction) into --out; gov:propose --approvals submits it")
  .addOptionalParam("out", "File to write the signed approval to (with --sign)")
  .addOptionalParam("expiry", "How long the signed approval stays valid: 3600, 12h, 3d", "3d")
  .addOptionalParam("member", "Seat holder the signer signs for, if a contract wallet (ERC-1271)")
  .addOptionalParam("from", FROM)
  .setAction(
    async (
      args: { draft: bigint; sign: boolean; out?: string; expiry: string; member?: string; from?: string },
      hre,
    ) => {
      const { explained, suiteOf } = await cli();
      return explained(hre, async () => {
        const { signer, committee, constitution } = await suiteOf(hre, args.from);
        if (args.sign) {
          if (!args.out) throw new Error("pass --out <file> with --sign: the signed approval is written there");
          const { signDraftApproval, writeApprovalFile } = await import("../sdk/approvals");
          const { parseDuration } = await import("../sdk/units");
          const { revision } = await committee.getDraft(args.draft);
          const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
          const deadline = now + parseDuration(args.expiry);
          const a = await signDraftApproval(committee, signer, args.draft, revision, deadline, args.member);
          writeApprovalFile(args.out, a);
          console.log(
            `Signed ${a.member}'s approval of draft #${args.draft} revision ${revision}, valid until ` +
              `${new Date(Number(deadline) * 1000).toISOString()}: ${args.out}. ` +
              `Next: npx hardhat gov:propose --draft ${args.draft} --approvals ${args.out},…`,
          );
          return;
        }
        const { approveDraft } = await gov();
        await approveDraft(committee, [signer], args.draft);
        const count = await committee.approvalCount(args.draft);
        const needed = await constitution.reviewQuorum();
        console.log(
          `Approved. Approvals: ${count} of ${needed}.` +
            (count >= needed ? ` Next: npx hardhat gov:propose --draft ${args.draft}` : ""),
        );
      });
    },
  );

task(
  "gov:propose",
  "Puts an approved draft to the vote (anyone): its actions are rebuilt from the committee's events; --approvals: " +
    "with signed approval files, all in one transaction",
)
  .addParam("draft", "Draft id", undefined, types.bigint)
  .addOptionalParam("approvals", "Comma-separated signed approval files (gov:approve --sign)")
  .addOptionalParam("from", FROM)
  .setAction(async (args: { draft: bigint; approvals?: string; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { proposeDraft, draftActions } = await gov();
      const { formatDate } = await import("../sdk/units");
      const { signer, committee, governor, fromBlock } = await suiteOf(hre, args.from);
      let id: bigint;
      if (args.approvals) {
        const { proposeWithSignedApprovals, readApprovalFiles } = await import("../sdk/approvals");
        const approvals = readApprovalFiles(args.approvals.split(",").map((f) => f.trim()));
        const p = await draftActions(committee, args.draft, { fromBlock });
        ({ proposalId: id } = await proposeWithSignedApprovals(committee, signer, args.draft, p, approvals));
      } else {
        id = await proposeDraft(committee, signer, args.draft, { fromBlock });
      }
      console.log(
        `Draft #${args.draft} is proposal ${id}. Voting ${formatDate((await governor.proposalSnapshot(id)) + 1n)} → ` +
          `${formatDate(await governor.proposalDeadline(id))}.`,
      );
      return id;
    });
  });

async function tally(hre: HardhatRuntimeEnvironment, governor: import("../typechain-types").BytomGovernor, id: bigint) {
  const { formatTally } = await import("../sdk/units");
  const [againstVotes, forVotes, abstainVotes] = await governor.proposalVotes(id);
  void hre;
  return formatTally({ forVotes, againstVotes, abstainVotes }, await governor.proposalSupermajority(id));
}

task("gov:vote", "Votes on a proposal: for, against or abstain (--ai: cast the AI delegate's votes as its model key)")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addParam("support", "for | against | abstain")
  .addOptionalParam("reason", "Reason recorded with the vote", "")
  .addFlag("ai", "Vote with the AgentDelegate's votes (the active model's operator key signs)")
  .addOptionalParam("from", FROM)
  .setAction(async (args: { proposal: bigint; support: string; reason: string; ai: boolean; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { castVote, castAgentVote, parseSupport } = await gov();
      const support = parseSupport(args.support);
      const { signer, governor, agentDelegate, fromBlock } = await suiteOf(hre, args.from);
      if (args.ai) {
        await castAgentVote(agentDelegate, governor, signer, args.proposal, support, args.reason, undefined, fromBlock);
      } else await castVote(governor, signer, args.proposal, support, args.reason);
      console.log(
        `Voted ${args.support}${args.ai ? " with the AI delegate" : ""}. ${await tally(hre, governor, args.proposal)}`,
      );
    });
  });

task("gov:override", "Votes with your own balance, overriding your delegate (e.g. the AI delegate) on this proposal")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addParam("support", "for | against | abstain")
  .addOptionalParam("reason", "Reason recorded with the vote", "")
  .addOptionalParam("from", FROM)
  .setAction(async (args: { proposal: bigint; support: string; reason: string; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { castOverride, parseSupport } = await gov();
      const { signer, governor } = await suiteOf(hre, args.from);
      await castOverride(governor, signer, args.proposal, parseSupport(args.support), args.reason);
      console.log(`Override recorded (${args.support}). ${await tally(hre, governor, args.proposal)}`);
    });
  });

task("gov:ballot", "Signs a ballot (no transaction) into a file a relayer submits with others (gov:relay)")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addParam("support", "for | against | abstain")
  .addFlag("override", "Vote your own balance over your delegate (e.g. the AI delegate), as gov:override")
  .addOptionalParam("expiry", "How long the signed ballot stays valid: 3600, 12h, 3d", "7d")
  .addParam("out", "File to write the signed ballot to")
  .addOptionalParam("from", FROM)
  .setAction(
    async (
      args: { proposal: bigint; support: string; override: boolean; expiry: string; out: string; from?: string },
      hre,
    ) => {
      const { explained, signerFrom } = await cli();
      return explained(hre, async () => {
        const { parseSupport } = await gov();
        const { signRelayedBallot, writeBallotFile } = await import("../sdk/ballots");
        const { parseDuration } = await import("../sdk/units");
        const relay = await relayOf(hre);
        const signer = await signerFrom(hre, args.from);
        const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
        const ballot = await signRelayedBallot(relay, signer, args.proposal, parseSupport(args.support), {
          overrideDelegate: args.override,
          expiry: now + parseDuration(args.expiry),
        });
        writeBallotFile(args.out, ballot);
        console.log(
          `Signed ${args.override ? "an override " : "a "}ballot (${args.support}) of ${ballot.voter} on proposal ${args.proposal}, valid until ${new Date(Number(ballot.expiry) * 1000).toISOString()}: ${args.out}. A relayer submits it with gov:relay.`,
        );
      });
    },
  );

task("gov:relay", "Submits signed ballot files (gov:ballot) on one proposal in one transaction (anyone)")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addParam("ballots", "Comma-separated ballot files, or a directory of them")
  .addOptionalParam("from", FROM)
  .setAction(async (args: { proposal: bigint; ballots: string; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const fs = await import("node:fs");
      const path = await import("node:path");
      const { readBallotFiles, relayBallots } = await import("../sdk/ballots");
      const { formatTokens } = await import("../sdk/units");
      const files = args.ballots.split(",").flatMap((f) => {
        const p = f.trim();
        return fs.statSync(p).isDirectory()
          ? fs
              .readdirSync(p)
              .filter((n) => n.endsWith(".json"))
              .sort()
              .map((n) => path.join(p, n))
          : [p];
      });
      if (files.length === 0) throw new Error(`no ballot files in ${args.ballots}: sign some with gov:ballot`);
      const { signer, governor } = await suiteOf(hre, args.from);
      const relay = (await relayOf(hre)).connect(signer);
      const result = await relayBallots(relay, governor, signer, args.proposal, readBallotFiles(files));
      console.log(`Relayed ${files.length} ballots in ${result.hash} (${result.gasUsed} gas):`);
      for (const c of result.counted) {
        console.log(
          `  counted  ${c.voter} ${["against", "for", "abstain"][c.support]}${c.overrideDelegate ? " (override)" : ""} ${formatTokens(c.weight)}`,
        );
      }
      for (const s of result.skipped) console.log(`  skipped  ${s.voter} ${s.reason}`);
      console.log(await tally(hre, governor, args.proposal));
    });
  });

task("gov:queue", "Queues a succeeded proposal in the timelock (anyone)")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addOptionalParam("from", FROM)
  .setAction(async (args: { proposal: bigint; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { queue } = await gov();
      const { formatDate } = await import("../sdk/units");
      const { signer, governor, fromBlock } = await suiteOf(hre, args.from);
      await (await queue(governor, signer, args.proposal, fromBlock)).wait();
      console.log(`Queued; executable from ${formatDate(await governor.proposalEta(args.proposal))}.`);
    });
  });

task("gov:execute", "Executes a queued proposal after the timelock delay (anyone)")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addOptionalParam("from", FROM)
  .setAction(async (args: { proposal: bigint; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { execute } = await gov();
      const { signer, governor, constitution, fromBlock } = await suiteOf(hre, args.from);
      await (await execute(governor, signer, args.proposal, fromBlock)).wait();
      console.log(
        `Proposal ${args.proposal} executed. Constitution: version ${await constitution.currentVersion()} in force, ` +
          `latest ratified ${await constitution.latestVersion()}.`,
      );
    });
  });

task("gov:hold", "Supports holding a queued proposal for mediation (committee members; reviewQuorum of them hold it)")
  .addParam("proposal", "Proposal id", undefined, types.bigint)
  .addOptionalParam("from", FROM)
  .setAction(async (args: { proposal: bigint; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { supportHold } = await gov();
      const { formatDate } = await import("../sdk/units");
      const { signer, committee, governor } = await suiteOf(hre, args.from);
      const supporters = await supportHold(committee, signer, args.proposal);
      const held = await governor.proposalHeldUntil(args.proposal);
      console.log(`Hold supported (${supporters} members).` + (held > 0n ? ` On hold until ${formatDate(held)}.` : ""));
    });
  });

task("gov:status", "The stage of a draft or proposal: what comes next, when, and who may act")
  .addOptionalParam("draft", "Draft id", undefined, types.bigint)
  .addOptionalParam("proposal", "Proposal id", undefined, types.bigint)
  .setAction(async (args: { draft?: bigint; proposal?: bigint }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { draftStatus, proposalStatus } = await gov();
      if ((args.draft === undefined) === (args.proposal === undefined)) {
        throw new Error("pass exactly one of --draft N or --proposal N");
      }
      const { committee, governor, constitution } = await suiteOf(hre);
      const report =
        args.draft !== undefined
          ? await draftStatus({ committee, governor, constitution }, args.draft)
          : await proposalStatus(governor, args.proposal!);
      for (const line of report.lines) console.log(line);
      return report;
    });
  });

task("gov:delegate", "Delegates your voting power: to yourself, to the DAO's AI delegate, or to an address")
  .addParam("to", '"self", "ai" (the AgentDelegate, voted by the model in force) or an address')
  .addOptionalParam("from", FROM)
  .setAction(async (args: { to: string; from?: string }, hre) => {
    const { explained, suiteOf } = await cli();
    return explained(hre, async () => {
      const { delegate } = await gov();
      const { formatTokens } = await import("../sdk/units");
      const { signer, token, record } = await suiteOf(hre, args.from);
      const to = args.to === "ai" ? record.contracts.AgentDelegate : args.to;
      const votes = await delegate(token, signer, to);
      const target = to === "self" ? await signer.getAddress() : to;
      console.log(
        `${await signer.getAddress()} delegated to ${args.to === "ai" ? "the AI delegate " : ""}${target}; ` +
          `it now has ${formatTokens(votes)} votes (they count from the next second).`,
      );
    });
  });

task("gov:encode", "Encodes a DAO action as a JSON action spec for gov:draft --actions")
  .addPositionalParam(
    "action",
    "ratify | parameter | mint | transfer | replace-member | allowance | appoint | upgrade | call",
  )
  .addOptionalParam("file", "ratify: the amendment's text file")
  .addOptionalParam("uri", "ratify: where the text lives")
  .addOptionalParam("name", "parameter: its name (e.g. quorumBps)")
  .addOptionalParam("value", "parameter: its new value (draftThreshold in tokens); call: ETH sent")
  .addOptionalParam("to", "mint/transfer: recipient")
  .addOptionalParam("amount", "mint/transfer/allowance: amount in tokens (or ETH)")
  .addOptionalParam("old", "replace-member: the member leaving")
  .addOptionalParam("new", "replace-member: the member joining")
  .addOptionalParam("account", "allowance/appoint: the executive")
  .addOptionalParam("token", "allowance: ETH, BTMG or a token address", "ETH")
  .addOptionalParam("period", "allowance: period, e.g. 30d", "30d")
  .addOptionalParam("proxy", "upgrade: the proxy (or a contract name, e.g. BytomGovernor)")
  .addOptionalParam("implementation", "upgrade: the new implementation")
  .addOptionalParam("target", "call: the target")
  .addOptionalParam("calldata", "call/upgrade: calldata", "0x")
  .addOptionalParam("out", "Write the action spec here (appends to an existing action list)")
  .setAction(async (args: Record<string, string | undefined> & { action: string }, hre) => {
    const { explained, assetOf } = await cli();
    return explained(hre, async () => {
      const fs = await import("node:fs");
      const encode = await import("../sdk/encode");
      const { contractAddress } = await import("../sdk/deployments");
      const { parseTokens, parseDuration } = await import("../sdk/units");
      const net = hre.network.name;
      const need = (name: string) => {
        const v = args[name];
        if (v === undefined || v === "") throw new Error(`gov:encode ${args.action} needs --${name}`);
        return v;
      };
      const addr = (name: string) => contractAddress(net, name);
      let spec: import("../sdk/encode").ActionSpec;
      switch (args.action) {
        case "ratify":
          spec = encode.ratifyAmendment(addr("Constitution"), need("file"), need("uri"));
          break;
        case "parameter": {
          const { Constitution__factory } = await import("../typechain-types");
          const constitution = Constitution__factory.connect(addr("Constitution"), hre.ethers.provider);
          const name = need("name");
          const value = name === "draftThreshold" ? parseTokens(need("value")) : BigInt(need("value"));
          spec = encode.setParameter(addr("Constitution"), await constitution.parameters(), name, value);
          break;
        }
        case "mint":
          spec = encode.mint(addr("GovernanceToken"), need("to"), parseTokens(need("amount")));
          break;
        case "transfer":
          spec = encode.transferTokens(addr("GovernanceToken"), need("to"), parseTokens(need("amount")));
          break;
        case "replace-member":
          spec = encode.replaceMember(addr("GovernanceCommittee"), need("old"), need("new"));
          break;
        case "allowance":
          spec = encode.grantAllowance(
            addr("ExecutiveRegistry"),
            need("account"),
            await assetOf(hre, args.token),
            parseTokens(need("amount")),
            parseDuration(args.period ?? "30d"),
          );
          break;
        case "appoint":
          spec = encode.appointExecutive(addr("ExecutiveRegistry"), need("account"));
          break;
        case "upgrade": {
          const proxy = need("proxy");
          spec = encode.upgrade(
            hre.ethers.isAddress(proxy) ? proxy : addr(proxy),
            need("implementation"),
            args.calldata,
          );
          break;
        }
        case "call":
          spec = encode.call(need("target"), need("calldata"), hre.ethers.parseEther(args.value ?? "0"));
          break;
        default:
          throw new Error(
            `unknown action "${args.action}": ratify, parameter, mint, transfer, replace-member, allowance, appoint, upgrade or call`,
          );
      }
      if (args.out) {
        const list = fs.existsSync(args.out) ? encode.readActionFiles([args.out]) : [];
        list.push(spec);
        fs.writeFileSync(args.out, JSON.stringify(list, null, 2) + "\n");
        console.log(
          `${spec.summary}\n→ ${args.out} (${list.length} action${list.length > 1 ? "s" : ""}); next: gov:draft --actions ${args.out}`,
        );
      } else {
        console.log(JSON.stringify(spec, null, 2));
      }
      return spec;
    });
  });

task("dev:advance", "Moves a local node's clock forward and mines a block (refuses any other chain)")
  .addParam("time", "How long: e.g. 3d, 12h, 30m, 90s, 1d12h")
  .setAction(async (args: { time: string }, hre) => {
    const { explained } = await cli();
    return explained(hre, async () => {
      const { advanceTime } = await import("../sdk/dev");
      const { parseDuration, formatDate } = await import("../sdk/units");
      const now = await advanceTime(hre.ethers.provider, parseDuration(args.time));
      console.log(`Advanced ${args.time}: chain time is now ${formatDate(now)}.`);
      return now;
    });
  });
