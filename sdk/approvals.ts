/**
 * Signed committee approvals: each member signs an EIP-712 `DraftApproval` for a draft's current revision (no
 * transaction); anyone collects a review quorum of them and puts the draft to the vote in ONE transaction
 * (`GovernanceCommittee.multicall([approveDraftBySig x n, propose(...)])`), with every check a member's own
 * `approveDraft` makes.
 *
 *   const a = await signDraftApproval(committee, member, draftId, revision, deadline);   // member side
 *   writeApprovalFile("alice.json", a);
 *   const { proposalId } = await proposeWithSignedApprovals(committee, sender, draftId, proposal, readApprovalFiles([...]));
 */
import fs from "node:fs";
import { ethers, type Signer } from "ethers";
import type { GovernanceCommittee } from "../typechain-types";
import { domainOf, type Proposal } from "./governance";
import { eventsIn } from "./events";

/** A signed approval, as stored in an approval file (JSON: numbers as decimal strings). */
export interface SignedApproval {
  draftId: bigint;
  revision: bigint;
  /** The seat holder approving: the signer's address, or a contract wallet (ERC-1271) the signer signs for. */
  member: string;
  /** Unix time: the approval counts while the block time is at most this. */
  deadline: bigint;
  signature: string;
  /** The committee the approval is signed for (its EIP-712 domain) and its chain. */
  committee: string;
  chainId: bigint;
}

/** The EIP-712 type the committee verifies (GovernanceCommittee.DRAFT_APPROVAL_TYPEHASH). */
export const DRAFT_APPROVAL_TYPES = {
  DraftApproval: [
    { name: "draftId", type: "uint256" },
    { name: "revision", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/**
 * `signer` signs an approval of `revision` of `draftId` (no transaction). `member` defaults to the signer's address;
 * pass a contract wallet's address when the signer signs for it (ERC-1271).
 */
export async function signDraftApproval(
  committee: GovernanceCommittee,
  signer: Signer,
  draftId: bigint,
  revision: bigint,
  deadline: bigint,
  member?: string,
): Promise<SignedApproval> {
  const domain = await domainOf(committee);
  const signature = await signer.signTypedData(domain, DRAFT_APPROVAL_TYPES, { draftId, revision, deadline });
  return {
    draftId,
    revision,
    member: ethers.getAddress(member ?? (await signer.getAddress())),
    deadline,
    signature,
    committee: domain.verifyingContract,
    chainId: domain.chainId,
  };
}

/** The `approveDraftBySig` call data of a signed approval. */
export function approvalCall(committee: GovernanceCommittee, a: SignedApproval): string {
  return committee.interface.encodeFunctionData("approveDraftBySig", [
    a.draftId,
    a.revision,
    a.member,
    a.deadline,
    a.signature,
  ]);
}

/**
 * Submits the signed approvals and `propose` in one `multicall` (anyone may send it); returns the proposal id and
 * the gas used. Approvals for another draft, committee or chain are refused before sending; everything else the
 * committee checks (all or nothing: one bad approval reverts the whole transaction).
 */
export async function proposeWithSignedApprovals(
  committee: GovernanceCommittee,
  sender: Signer,
  draftId: bigint,
  p: Proposal,
  approvals: SignedApproval[],
): Promise<{ proposalId: bigint; gasUsed: bigint; hash: string }> {
  const domain = await domainOf(committee);
  for (const a of approvals) {
    if (a.draftId !== draftId || a.committee !== domain.verifyingContract || a.chainId !== domain.chainId) {
      throw new Error(
        `the approval of ${a.member} is for draft ${a.draftId} on committee ${a.committee} (chain ${a.chainId}), not draft ${draftId} on ${String(domain.verifyingContract)} (chain ${domain.chainId}): have it signed again with gov:approve --sign`,
      );
    }
  }
  const propose = committee.interface.encodeFunctionData("propose", [
    draftId,
    p.targets,
    p.values,
    p.calldatas,
    p.description,
  ]);
  const tx = await committee.connect(sender).multicall([...approvals.map((a) => approvalCall(committee, a)), propose]);
  const receipt = await tx.wait();
  if (!receipt) throw new Error(`Transaction ${tx.hash} was not mined.`);
  const [proposed] = eventsIn(receipt, committee, "DraftProposed");
  return { proposalId: BigInt(proposed!.args.proposalId), gasUsed: receipt.gasUsed, hash: receipt.hash };
}

/** Writes a signed approval to a JSON file (what a member hands to whoever proposes). */
export function writeApprovalFile(file: string, a: SignedApproval): void {
  const text = { ...a, draftId: String(a.draftId), revision: String(a.revision), deadline: String(a.deadline) };
  fs.writeFileSync(file, JSON.stringify({ ...text, chainId: String(a.chainId) }, null, 2) + "\n");
}

/** Reads approval files (written by {@link writeApprovalFile} / `gov:approve --sign`); a bad file is named. */
export function readApprovalFiles(files: string[]): SignedApproval[] {
  return files.map((file) => {
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`${file}: not an approval file (${(error as Error).message}); sign one with gov:approve --sign`);
    }
    const need = ["draftId", "revision", "member", "deadline", "signature", "committee", "chainId"];
    const missing = need.filter((k) => raw[k] === undefined);
    if (missing.length > 0) {
      throw new Error(`${file}: not an approval file (no ${missing.join(", ")}); sign one with gov:approve --sign`);
    }
    return {
      draftId: BigInt(String(raw.draftId)),
      revision: BigInt(String(raw.revision)),
      member: ethers.getAddress(String(raw.member)),
      deadline: BigInt(String(raw.deadline)),
      signature: String(raw.signature),
      committee: ethers.getAddress(String(raw.committee)),
      chainId: BigInt(String(raw.chainId)),
    };
  });
}
