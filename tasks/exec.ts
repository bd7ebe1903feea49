/**
 * Executive committee tasks: a thin CLI over sdk/executive.ts. One convention: `--from <index|address>`.
 * Only hardhat/config is imported at top level: the config loads every tasks/*.ts before typechain exists, so the
 * library (which imports typechain types) is loaded lazily inside each action.
 *
 *   npx hardhat exec:attest   --account 0x.. --subject kyc-123 [--days 365] [--from <approved issuer>] [--out att.json]
 *   npx hardhat exec:enroll   --attestation att.json | --world-id idkit.json | --world-id-v3 proof.json [--from 2]
 *   npx hardhat exec:status   0x..
 *   npx hardhat exec:appoint  --account 0x.. --from <member>      (committee approval; reviewQuorum appoint)
 *   npx hardhat exec:appoint  --account 0x.. --out a.json        (the DAO's action, for gov:draft --actions)
 *   npx hardhat exec:allowance --account 0x.. --amount 1000 --token BTMG --period 30d --out a.json [--fund]
 *   npx hardhat exec:spend    --to 0x.. --amount 0.1 [--token ETH|BTMG|0x..] --purpose "hosting" [--from 2]
 *   npx hardhat exec:spend    --approve 3 | --execute 3 [--from 2]
 *   npx hardhat exec:resources
 *
 * Addresses come from deployments/<network>.json (contracts.ExecutiveRegistry, contracts.AttestationVerifier,
 * contracts.WorldIDV4Verifier, contracts.WorldIDVerifier) or from --registry / --verifier.
 */
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

const cli = () => import("./cli/shared");

/** Wraps a task action: errors become one line naming the fix (sdk/errors, anvil included). */
const act =
  <A>(fn: (args: A, hre: HardhatRuntimeEnvironment) => Promise<unknown>) =>
  async (args: A, hre: HardhatRuntimeEnvironment) =>
    (await cli()).explained(hre, () => fn(args, hre));

interface AttestArgs {
  account: string;
  subject: string;
  days: number;
  from?: string;
  scope: string;
  registry?: string;
  verifier?: string;
  out?: string;
}
interface EnrollArgs {
  attestation?: string;
  worldId?: string;
  worldIdV3?: string;
  from?: string;
  registry?: string;
  verifier?: string;
}
interface StatusArgs {
  account: string;
  registry?: string;
  token?: string;
}
interface SpendArgs {
  to?: string;
  amount?: string;
  token?: string;
  decimals: number;
  purpose: string;
  approve?: string;
  execute?: string;
  from?: string;
  registry?: string;
}

task("exec:attest", "Sign a personhood attestation as an approved issuer (writes the JSON a human enrols with)")
  .addParam("account", "The human's account")
  .addParam("subject", "The issuer's identifier of the human (hashed into the nullifier)")
  .addOptionalParam("days", "Days the attestation (and the verification) stays valid", 365, types.int)
  .addOptionalParam(
    "from",
    "The issuer: index or address (default: the first local account the DAO approved; ISSUER_PRIVATE_KEY on real networks)",
  )
  .addOptionalParam("scope", "Issuer scope for nullifiers (one per issuer program)", "bytomdao-issuer")
  .addOptionalParam("registry", "ExecutiveRegistry address (the consumer)")
  .addOptionalParam("verifier", "AttestationVerifier address")
  .addOptionalParam("out", "Write the attestation JSON here (default: stdout)")
  .setAction(
    act(async (args: AttestArgs, hre) => {
      const lib = await import("../sdk/executive");
      const fs = await import("node:fs");
      const registry = lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name);
      const verifier = lib.resolveAddress("AttestationVerifier", args.verifier, hre.network.name);
      const { signerFrom, explained } = await cli();
      const attVerifier = await hre.ethers.getContractAt("AttestationVerifier", verifier);
      const issuer = await explained(hre, async () => {
        if (process.env.ISSUER_PRIVATE_KEY && args.from === undefined) {
          return new hre.ethers.Wallet(process.env.ISSUER_PRIVATE_KEY, hre.ethers.provider);
        }
        if (args.from !== undefined) return signerFrom(hre, args.from);
        for (const s of await hre.ethers.getSigners()) {
          if ((await attVerifier.issuerStatus(s.address)) === 1n) return s;
        }
        throw new Error(
          "None of this node's accounts is an approved issuer: pass --from <issuer> or set ISSUER_PRIVATE_KEY",
        );
      });
      const standing = await lib.issuerStanding(attVerifier, await issuer.getAddress());
      if (standing !== "approved") {
        throw new Error(
          `${await issuer.getAddress()} is ${standing} as an issuer on ${verifier}: the attestation would be refused ` +
            "(AttestationVerifierIssuerNotApproved). Omit --from to use an approved issuer, or ask the DAO to approve this one.",
        );
      }
      const block = await hre.ethers.provider.getBlock("latest");
      const signed = await lib.signAttestation(issuer, verifier, {
        account: args.account,
        nullifier: lib.issuerNullifier(args.scope, args.subject),
        expiry: BigInt(block!.timestamp) + BigInt(args.days) * 86400n,
        consumer: registry,
      });
      const json = lib.attestationToJson(signed);
      if (args.out) {
        fs.writeFileSync(args.out, json);
        console.log(
          `attestation for ${args.account} written to ${args.out}; enrol with: exec:enroll --attestation ${args.out}`,
        );
      } else {
        console.log(json);
      }
    }),
  );

task("exec:enroll", "Enrol (or re-verify, or rotate to) the signer as a verified human")
  .addOptionalParam("attestation", "Attestation JSON file signed by an approved issuer (exec:attest)")
  .addOptionalParam("worldId", "World ID 4.0: the JSON IDKit 4 hands the relying party (the DAO's app)")
  .addOptionalParam(
    "worldIdV3",
    "World ID 3.0 (until its sunset, 2027-04-01): proof JSON {root|merkle_root, nullifierHash|nullifier_hash, proof}",
  )
  .addOptionalParam("from", "The human's account: index or address")
  .addOptionalParam("registry", "ExecutiveRegistry address")
  .addOptionalParam("verifier", "Verifier address (AttestationVerifier, WorldIDV4Verifier or WorldIDVerifier)")
  .setAction(
    act(async (args: EnrollArgs, hre) => {
      const lib = await import("../sdk/executive");
      const fs = await import("node:fs");
      const given = [args.attestation, args.worldId, args.worldIdV3].filter((x) => x !== undefined);
      if (given.length !== 1) {
        throw new Error(
          "Pass exactly one of --attestation <file> (from an issuer, see exec:attest), --world-id <IDKit 4 JSON> " +
            "or --world-id-v3 <proof JSON>",
        );
      }
      const file: string = given[0];
      if (!fs.existsSync(file)) throw new Error(`No such file ${file}: check the path of the proof you received`);
      const signer = await (await cli()).signerFrom(hre, args.from);
      const signerAddress = await signer.getAddress();
      const registry = await hre.ethers.getContractAt(
        "ExecutiveRegistry",
        lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name),
      );
      let verifierAddr: string;
      let proof: string;
      if (args.attestation) {
        const signed = lib.attestationFromJson(fs.readFileSync(file, "utf8"));
        verifierAddr = lib.resolveAddress("AttestationVerifier", args.verifier ?? signed.verifier, hre.network.name);
        if (signed.attestation.account.toLowerCase() !== signerAddress.toLowerCase()) {
          throw new Error(
            `The attestation is for ${signed.attestation.account} but you are ${signerAddress}: use --from with that account`,
          );
        }
        proof = lib.encodeAttestationProof(signed);
      } else if (args.worldId) {
        verifierAddr = lib.resolveAddress("WorldIDV4Verifier", args.verifier, hre.network.name);
        const { worldId4ProofBytes } = await import("../sdk/worldid4");
        const v4 = await hre.ethers.getContractAt("WorldIDV4Verifier", verifierAddr);
        // Checked against the adapter's settings before any transaction: a proof for another account, action,
        // relying party or credential schema is refused here with what to do.
        proof = worldId4ProofBytes(JSON.parse(fs.readFileSync(file, "utf8")), {
          account: signerAddress,
          action: await v4.action(),
          rpId: await v4.rpId(),
          issuerSchemaId: await v4.issuerSchemaId(),
        });
      } else {
        verifierAddr = lib.resolveAddress("WorldIDVerifier", args.verifier, hre.network.name);
        proof = lib.encodeWorldIDProof(lib.parseWorldIDProof(JSON.parse(fs.readFileSync(file, "utf8"))));
      }
      const attestationVerifier = await hre.ethers.getContractAt("AttestationVerifier", verifierAddr);
      const worldIdVerifier = await hre.ethers.getContractAt("WorldIDVerifier", verifierAddr);
      try {
        const r = await lib.enroll(registry, signer, verifierAddr, proof);
        const { formatDate } = await import("../sdk/units");
        console.log(
          `${r.event}: human ${r.humanId} at ${signerAddress}, verified until ${formatDate(r.expiry)} (tx ${r.txHash})`,
        );
      } catch (e) {
        const { explainRevert } = await import("../sdk/errors");
        void attestationVerifier;
        void worldIdVerifier;
        throw new Error(await explainRevert(e, hre.ethers.provider));
      }
    }),
  );

task("exec:status", "Show an account's standing in the executive registry")
  .addPositionalParam("account", "The account to look up")
  .addOptionalParam("registry", "ExecutiveRegistry address")
  .addOptionalParam("token", "Also show the allowance for this asset: BTMG or an ERC-20 address")
  .setAction(
    act(async (args: StatusArgs, hre) => {
      const lib = await import("../sdk/executive");
      const registry = await hre.ethers.getContractAt(
        "ExecutiveRegistry",
        lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name),
      );
      const { formatDate } = await import("../sdk/units");
      const s = await lib.executiveStatus(registry, args.account);
      console.log(`${args.account}: ${s.summary}`);
      if (s.humanId !== hre.ethers.ZeroHash) console.log(`  human ${s.humanId} via verifier ${s.verifier}`);
      const extra = args.token ? [await (await cli()).assetOf(hre, args.token)] : [];
      for (const asset of [lib.ETH, ...extra]) {
        const [amount, spent, remaining, periodEnd] = await registry.allowanceOf(args.account, asset);
        if (amount > 0n) {
          const f = (v: bigint) => hre.ethers.formatUnits(v, 18);
          console.log(
            `  allowance ${asset === lib.ETH ? "ETH" : asset}: ${f(remaining)} of ${f(amount)} left (spent ${f(spent)}) ` +
              `until ${formatDate(periodEnd)}`,
          );
        }
      }
    }),
  );

task("exec:spend", "Spend from your allowance (direct within the threshold, else proposed), approve or execute")
  .addOptionalParam("to", "Recipient")
  .addOptionalParam("amount", "Amount in whole units (ETH or token units with --decimals)")
  .addOptionalParam("token", "ETH (default), BTMG or an ERC-20 address")
  .addOptionalParam("decimals", "Decimals of the amount", 18, types.int)
  .addOptionalParam("purpose", "Why (text, hashed) or a 32-byte hash: required with --to", "")
  .addOptionalParam("approve", "Approve spend proposal <id> as another executive")
  .addOptionalParam("execute", "Execute your approved spend proposal <id>")
  .addOptionalParam("from", "The executive: index or address")
  .addOptionalParam("registry", "ExecutiveRegistry address")
  .setAction(
    act(async (args: SpendArgs, hre) => {
      const lib = await import("../sdk/executive");
      const signer = await (await cli()).signerFrom(hre, args.from);
      const registry = await hre.ethers.getContractAt(
        "ExecutiveRegistry",
        lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name),
      );
      try {
        if (args.approve) {
          await (await registry.connect(signer).approveSpend(args.approve)).wait();
          console.log(`approved spend ${args.approve}`);
          return;
        }
        if (args.execute) {
          const rc = await (await registry.connect(signer).executeSpend(args.execute)).wait();
          console.log(`executed spend ${args.execute} (tx ${rc!.hash})`);
          return;
        }
        if (!args.to || !args.amount || !args.purpose) {
          throw new Error("To spend pass --to, --amount and --purpose (or --approve <id> / --execute <id>)");
        }
        const r = await lib.spend(registry, signer, {
          asset: await (await cli()).assetOf(hre, args.token),
          to: args.to,
          amount: hre.ethers.parseUnits(args.amount, args.decimals),
          purpose: args.purpose,
        });
        if (r.kind === "direct") console.log(`spent ${args.amount} to ${args.to} (tx ${r.txHash})`);
        else
          console.log(
            `above the threshold: proposed as spend ${r.spendId}; other executives approve with exec:spend --approve ${r.spendId}, then exec:spend --execute ${r.spendId}`,
          );
      } catch (e) {
        const { explainRevert } = await import("../sdk/errors");
        throw new Error(await explainRevert(e, hre.ethers.provider));
      }
    }),
  );

task("exec:appoint", "Appoints a verified human: a committee member's approval (--from), or the DAO's action (--out)")
  .addParam("account", "The verified human to appoint")
  .addOptionalParam("out", "Write the DAO's appoint action here (for gov:draft --actions) instead of approving")
  .addOptionalParam("from", "The committee member approving: index or address")
  .addOptionalParam("registry", "ExecutiveRegistry address")
  .setAction(async (args: { account: string; out?: string; from?: string; registry?: string }, hre) => {
    const { explained, signerFrom } = await cli();
    return explained(hre, async () => {
      const lib = await import("../sdk/executive");
      const address = lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name);
      if (args.out) {
        const fs = await import("node:fs");
        const encode = await import("../sdk/encode");
        const list = fs.existsSync(args.out) ? encode.readActionFiles([args.out]) : [];
        list.push(encode.appointExecutive(address, args.account));
        fs.writeFileSync(args.out, JSON.stringify(list, null, 2) + "\n");
        console.log(`appoint ${args.account} → ${args.out}; next: gov:draft --actions ${args.out}`);
        return;
      }
      const registry = await hre.ethers.getContractAt("ExecutiveRegistry", address);
      const signer = await signerFrom(hre, args.from);
      if (!(await registry.isVerifiedHuman(args.account))) {
        throw new Error(`${args.account} is not a verified human: enrol first (exec:attest, then exec:enroll)`);
      }
      await (await registry.connect(signer).approveAppointment(args.account)).wait();
      const s = await lib.executiveStatus(registry, args.account);
      console.log(
        `${await signer.getAddress()} approved ${args.account}: ` +
          (s.appointed ? "appointed, " + s.summary : "awaiting more committee approvals (reviewQuorum appoint)"),
      );
    });
  });

task("exec:allowance", "Writes the DAO's action granting an executive an allowance (submit it with gov:draft)")
  .addParam("account", "The executive")
  .addParam("amount", "Amount per period, in whole units")
  .addOptionalParam("token", "ETH (default), BTMG or an ERC-20 address", "ETH")
  .addOptionalParam("period", "Period, e.g. 30d", "30d")
  .addFlag("fund", "Also transfer the amount (BTMG) from the treasury to the registry")
  .addOptionalParam(
    "threshold",
    "Also set the asset's direct-spend threshold (whole units; above it spends need co-approval)",
  )
  .addParam("out", "Action file to write (appends to an existing action list)")
  .addOptionalParam("registry", "ExecutiveRegistry address")
  .setAction(
    async (
      args: {
        account: string;
        amount: string;
        token: string;
        period: string;
        fund: boolean;
        threshold?: string;
        out: string;
        registry?: string;
      },
      hre,
    ) => {
      const { explained, assetOf } = await cli();
      return explained(hre, async () => {
        const fs = await import("node:fs");
        const lib = await import("../sdk/executive");
        const encode = await import("../sdk/encode");
        const { parseTokens, parseDuration } = await import("../sdk/units");
        const registry = lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name);
        const asset = await assetOf(hre, args.token);
        const amount = parseTokens(args.amount);
        const list = fs.existsSync(args.out) ? encode.readActionFiles([args.out]) : [];
        list.push(encode.grantAllowance(registry, args.account, asset, amount, parseDuration(args.period)));
        if (args.fund) {
          if (asset === hre.ethers.ZeroAddress)
            throw new Error("--fund moves BTMG from the treasury: use --token BTMG");
          list.push(encode.transferTokens(asset, registry, amount));
        }
        if (args.threshold !== undefined) {
          list.push(encode.setSpendThreshold(registry, asset, parseTokens(args.threshold)));
        }
        fs.writeFileSync(args.out, JSON.stringify(list, null, 2) + "\n");
        for (const a of list) console.log(`  ${a.summary}`);
        console.log(`→ ${args.out}; next: gov:draft --actions ${args.out} --description "…"`);
      });
    },
  );

task("exec:resources", "List the DAO resources and their custodians")
  .addOptionalParam("registry", "ExecutiveRegistry address")
  .setAction(
    act(async (args: { registry?: string }, hre) => {
      const lib = await import("../sdk/executive");
      const registry = await hre.ethers.getContractAt(
        "ExecutiveRegistry",
        lib.resolveAddress("ExecutiveRegistry", args.registry, hre.network.name),
      );
      const list = await lib.listResources(registry);
      if (list.length === 0) console.log("no resources registered (the DAO adds them with addResource)");
      for (const r of list) {
        console.log(
          `#${r.id} ${r.kind} ${r.uri} custodian ${r.custodian === hre.ethers.ZeroAddress ? "the DAO" : r.custodian}`,
        );
      }
    }),
  );
